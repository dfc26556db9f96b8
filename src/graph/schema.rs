//! Conformance against Graph's own schema (`openapi-pim-subset.json`): does every property
//! of a JSON body exist on its entity, and every enum member in its enum? Used by the schema
//! tests for what the client sends and reads, and usable by the simulated tenant for what it
//! returns. Follows `$ref`s (direct, `anyOf`, array `items`) and switches to the derived type
//! an object names in `@odata.type`.

use std::collections::BTreeMap;

use serde_json::Value;

/// A parsed OpenAPI document of Graph.
pub struct OpenApiSchema {
    doc: Value,
}

fn ref_name(r: &str) -> &str {
    r.trim_start_matches("#/components/schemas/")
}

/// The schema a property points at (directly, through `anyOf`, or through array `items`).
fn target(prop: &Value) -> Option<String> {
    let direct = prop.get("$ref").and_then(Value::as_str);
    let any = prop
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find_map(|x| x.get("$ref")?.as_str()));
    let items = prop.get("items").and_then(target);
    direct.or(any).map(|r| ref_name(r).to_owned()).or(items)
}

impl OpenApiSchema {
    /// Parses an OpenAPI JSON document.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        Ok(OpenApiSchema { doc: serde_json::from_str(text)? })
    }

    /// The raw document.
    pub fn document(&self) -> &Value {
        &self.doc
    }

    /// A component schema by full name (`microsoft.graph.user`).
    pub fn schema(&self, name: &str) -> Option<&Value> {
        self.doc["components"]["schemas"].get(name)
    }

    /// Properties of a schema, inherited ones included.
    pub fn properties(&self, name: &str) -> BTreeMap<String, Value> {
        let mut out = BTreeMap::new();
        let Some(s) = self.schema(name) else { return out };
        let parts: Vec<&Value> = match s.get("allOf").and_then(Value::as_array) {
            Some(all) => all.iter().collect(),
            None => vec![s],
        };
        for part in parts {
            if let Some(base) = part.get("$ref").and_then(Value::as_str) {
                out.extend(self.properties(ref_name(base)));
            }
            if let Some(props) = part.get("properties").and_then(Value::as_object) {
                out.extend(props.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        out
    }

    /// The members of an enum schema.
    pub fn enum_members(&self, name: &str) -> Option<Vec<String>> {
        let members = self.schema(name)?.get("enum")?.as_array()?;
        Some(members.iter().filter_map(Value::as_str).map(str::to_owned).collect())
    }

    /// Every problem of `value` read as the schema `name` (full name), each with its path.
    pub fn check(&self, name: &str, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.walk(name, value, name.trim_start_matches("microsoft.graph."), &mut errors);
        errors
    }

    fn walk(&self, name: &str, value: &Value, path: &str, errors: &mut Vec<String>) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.walk(name, v, path, errors)),
            Value::String(s) => {
                if let Some(members) = self.enum_members(name) {
                    if !members.iter().any(|m| m.eq_ignore_ascii_case(s)) {
                        errors.push(format!("{path}: \"{s}\" is not a member of {name}"));
                    }
                }
            }
            Value::Object(map) => {
                let derived = map
                    .get("@odata.type")
                    .and_then(Value::as_str)
                    .map(|t| t.trim_start_matches('#').to_owned());
                let name = match derived {
                    Some(d) if self.schema(&d).is_some() => d,
                    Some(d) => return errors.push(format!("{path}: @odata.type {d} is not in the schema")),
                    None => name.to_owned(),
                };
                let props = self.properties(&name);
                if props.is_empty() {
                    return errors.push(format!("{path}: {name} has no properties in the schema"));
                }
                for (key, v) in map.iter().filter(|(k, _)| !k.starts_with('@')) {
                    match props.get(key) {
                        None => errors.push(format!("{path}.{key}: not a property of {name}")),
                        Some(p) => {
                            if let Some(t) = target(p) {
                                self.walk(&t, v, &format!("{path}.{key}"), errors);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
