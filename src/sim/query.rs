//! OData query options over rendered JSON entities: `$filter` (comparisons joined by `and`,
//! plus ARM's `asTarget()`-style functions), `$select`, `$expand` parsing, `$top` and paging.

use serde_json::{Map, Value};

use super::clock::parse_iso;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Ge,
    Le,
    Gt,
    Lt,
}

/// One `$filter` term.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// `path op literal`; `path` uses `/` for nested properties.
    Compare { path: Vec<String>, op: Op, value: Value },
    /// A function call such as `asTarget()` or `assignedTo('id')`, lowercased name.
    /// `startswith(path,'text')` is evaluated by [`matches`]; the others are the caller's.
    Call { name: String, args: Vec<String> },
    /// `collection/any(x:x/path op literal)`.
    Any { collection: Vec<String>, inner: Box<Term> },
}

/// Why a `$filter` was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterError(pub String);

fn split_and(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut cur) = (0i32, false, String::new());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            quoted = !quoted;
        } else if !quoted && c == '(' {
            depth += 1;
        } else if !quoted && c == ')' {
            depth -= 1;
        }
        let rest: String = chars[i..chars.len().min(i + 5)].iter().collect();
        if !quoted && depth == 0 && rest.eq_ignore_ascii_case(" and ") {
            parts.push(std::mem::take(&mut cur));
            i += 5;
            continue;
        }
        cur.push(c);
        i += 1;
    }
    parts.push(cur);
    parts
}

fn strip_parens(s: &str) -> &str {
    let mut t = s.trim();
    while t.starts_with('(') && t.ends_with(')') && balanced(&t[1..t.len() - 1]) {
        t = t[1..t.len() - 1].trim();
    }
    t
}

fn balanced(s: &str) -> bool {
    let mut depth = 0;
    for c in s.chars() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

fn literal(s: &str) -> Result<Value, FilterError> {
    let s = s.trim();
    if let Some(inner) = s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        return Ok(Value::String(inner.replace("''", "'")));
    }
    match s {
        "true" => return Ok(Value::Bool(true)),
        "false" => return Ok(Value::Bool(false)),
        "null" => return Ok(Value::Null),
        _ => {}
    }
    if let Ok(n) = s.parse::<f64>() {
        return Ok(serde_json::json!(n));
    }
    if parse_iso(s).is_some() {
        return Ok(Value::String(s.to_string()));
    }
    Err(FilterError(format!("Invalid filter clause: unrecognised literal '{s}'.")))
}

/// Parses a `$filter` expression into terms that must all hold.
pub fn parse_filter(s: &str) -> Result<Vec<Term>, FilterError> {
    let mut terms = Vec::new();
    for part in split_and(strip_parens(s)) {
        let part = strip_parens(&part);
        if part.is_empty() {
            return Err(FilterError("Invalid filter clause: empty term.".into()));
        }
        if let Some((coll, rest)) = part.split_once("/any(") {
            let body = rest.strip_suffix(')').unwrap_or(rest);
            let (var, cond) = body
                .split_once(':')
                .ok_or_else(|| FilterError(format!("Invalid filter clause: '{part}'.")))?;
            let prefix = format!("{}/", var.trim());
            let cond = cond.trim().replace(&prefix, "");
            let mut inner = parse_filter(&cond)?;
            if inner.len() != 1 {
                return Err(FilterError(format!("Invalid filter clause: '{part}'.")));
            }
            let collection = coll.trim().split('/').map(str::to_string).collect();
            terms.push(Term::Any { collection, inner: Box::new(inner.remove(0)) });
            continue;
        }
        let words: Vec<&str> = part.splitn(3, ' ').collect();
        if words.len() == 3 {
            let op = match words[1].to_ascii_lowercase().as_str() {
                "eq" => Some(Op::Eq),
                "ne" => Some(Op::Ne),
                "ge" => Some(Op::Ge),
                "le" => Some(Op::Le),
                "gt" => Some(Op::Gt),
                "lt" => Some(Op::Lt),
                _ => None,
            };
            if let Some(op) = op {
                let path = words[0].split('/').map(str::to_string).collect();
                terms.push(Term::Compare { path, op, value: literal(words[2])? });
                continue;
            }
        }
        if let (Some(open), true) = (part.find('('), part.ends_with(')')) {
            let name = part[..open].trim().to_ascii_lowercase();
            let inner = &part[open + 1..part.len() - 1];
            let args = inner
                .split(',')
                .map(|a| a.trim().trim_matches('\'').to_string())
                .filter(|a| !a.is_empty())
                .collect();
            terms.push(Term::Call { name, args });
            continue;
        }
        return Err(FilterError(format!("Invalid filter clause: '{part}' is not supported.")));
    }
    Ok(terms)
}

/// The value at a `/`-separated path (property names compared case-insensitively).
pub fn lookup<'a>(v: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, key| {
        let obj = cur.as_object()?;
        obj.get(key.as_str())
            .or_else(|| obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
    })
}

fn compare(actual: Option<&Value>, op: Op, expected: &Value) -> bool {
    let actual = actual.unwrap_or(&Value::Null);
    let ord = match (actual, expected) {
        (Value::String(a), Value::String(b)) => match (parse_iso(a), parse_iso(b)) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => Some(a.to_ascii_lowercase().cmp(&b.to_ascii_lowercase())),
        },
        (Value::Number(a), Value::Number(b)) => {
            a.as_f64().zip(b.as_f64()).and_then(|(x, y)| x.partial_cmp(&y))
        }
        (a, b) => (a == b).then_some(std::cmp::Ordering::Equal),
    };
    use std::cmp::Ordering::*;
    match op {
        Op::Eq => ord == Some(Equal),
        Op::Ne => ord != Some(Equal),
        Op::Ge => matches!(ord, Some(Greater | Equal)),
        Op::Le => matches!(ord, Some(Less | Equal)),
        Op::Gt => ord == Some(Greater),
        Op::Lt => ord == Some(Less),
    }
}

/// True when every comparison term holds on `v` (call terms are the caller's business).
pub fn matches(v: &Value, terms: &[Term]) -> bool {
    terms.iter().all(|t| match t {
        Term::Compare { path, op, value } => compare(lookup(v, path), *op, value),
        Term::Call { name, args } if name == "startswith" && args.len() == 2 => {
            let path: Vec<String> = args[0].split('/').map(str::to_string).collect();
            lookup(v, &path)
                .and_then(Value::as_str)
                .is_some_and(|s| s.to_ascii_lowercase().starts_with(&args[1].to_ascii_lowercase()))
        }
        Term::Call { .. } => true,
        Term::Any { collection, inner } => lookup(v, collection)
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().any(|i| matches(i, std::slice::from_ref(inner)))),
    })
}

/// The value of `field eq '…'` in the terms, if any.
pub fn eq_value<'a>(terms: &'a [Term], field: &str) -> Option<&'a str> {
    terms.iter().find_map(|t| match t {
        Term::Compare { path, op: Op::Eq, value: Value::String(s) }
            if path.len() == 1 && path[0].eq_ignore_ascii_case(field) =>
        {
            Some(s.as_str())
        }
        _ => None,
    })
}

/// Keeps only the selected top-level properties (plus `id` and `@odata.*` annotations).
pub fn select(v: Value, fields: &[String]) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| {
                    k == "id" || k.starts_with('@') || fields.iter().any(|f| f.eq_ignore_ascii_case(k))
                })
                .collect::<Map<String, Value>>(),
        ),
        other => other,
    }
}

/// One `$expand` item: a navigation name and its nested options text (`$expand=rules`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expand {
    pub name: String,
    pub nested: Option<String>,
}

/// Parses `roleDefinition,principal` or `policy($expand=rules)`.
pub fn parse_expand(s: &str) -> Vec<Expand> {
    let mut out = Vec::new();
    let (mut depth, mut cur) = (0, String::new());
    for c in s.chars().chain(std::iter::once(',')) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            let item = std::mem::take(&mut cur);
            let item = item.trim();
            if !item.is_empty() {
                match item.split_once('(') {
                    Some((name, rest)) => out.push(Expand {
                        name: name.trim().to_string(),
                        nested: Some(rest.trim_end_matches(')').to_string()),
                    }),
                    None => out.push(Expand { name: item.to_string(), nested: None }),
                }
            }
        } else {
            cur.push(c);
        }
    }
    out
}

/// Splits a page from the items: `(page, next_offset)`.
pub fn page(items: Vec<Value>, offset: usize, size: usize) -> (Vec<Value>, Option<usize>) {
    let total = items.len();
    let page: Vec<Value> = items.into_iter().skip(offset).take(size).collect();
    let next = (offset + size < total).then_some(offset + size);
    (page, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_select_and_expand() {
        let terms =
            parse_filter("scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq 'x'")
                .unwrap();
        assert_eq!(terms.len(), 3);
        let v = json!({"scopeId": "/", "scopeType": "DirectoryRole", "roleDefinitionId": "X", "n": 3});
        assert!(matches(&v, &terms));
        assert!(!matches(&v, &parse_filter("scopeId eq '/x'").unwrap()));
        assert!(matches(&v, &parse_filter("(n ge 2) and n lt 4").unwrap()));
        let t = parse_filter("activityDateTime ge 2024-01-01T00:00:00Z").unwrap();
        assert!(matches(&json!({"activityDateTime": "2024-02-01T00:00:00.5Z"}), &t));
        assert_eq!(
            parse_filter("asTarget()").unwrap(),
            vec![Term::Call { name: "astarget".into(), args: vec![] }]
        );
        assert!(parse_filter("principalId foo 'x'").is_err());
        let audit = json!({"targetResources": [{"id": "r1", "displayName": "Global Reader"}, {"id": "u2"}]});
        assert!(matches(&audit, &parse_filter("targetResources/any(t:t/id eq 'u2')").unwrap()));
        assert!(!matches(&audit, &parse_filter("targetResources/any(t:t/id eq 'u3')").unwrap()));
        assert!(matches(
            &audit,
            &parse_filter("targetResources/any(t:startswith(t/displayName,'global'))").unwrap()
        ));
        assert!(matches(&json!({"a": "Add member"}), &parse_filter("startswith(a,'add')").unwrap()));
        let nested = json!({"initiatedBy": {"user": {"id": "u1"}}});
        assert!(matches(&nested, &parse_filter("initiatedBy/user/id eq 'u1'").unwrap()));
        assert_eq!(
            parse_expand("policy($expand=rules),roleDefinition"),
            vec![
                Expand { name: "policy".into(), nested: Some("$expand=rules".into()) },
                Expand { name: "roleDefinition".into(), nested: None }
            ]
        );
        let s = select(json!({"id": 1, "a": 2, "b": 3, "@odata.type": "t"}), &["a".into()]);
        assert_eq!(s, json!({"id": 1, "a": 2, "@odata.type": "t"}));
        let (p, next) = page((0..5).map(|i| json!(i)).collect(), 2, 2);
        assert_eq!((p, next), (vec![json!(2), json!(3)], Some(4)));
    }
}
