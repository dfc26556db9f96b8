//! Role management policy rules, polymorphic on `@odata.type` (Graph) or `ruleType` (ARM).
//!
//! The five rule kinds share `id` and `target`. A rule of a kind this client does not know is
//! kept with all its properties and written back unchanged, never dropped: a PATCH must not
//! lose what the service sent. A rule remembers which dialect it was read in, so it is written
//! back the same way (`ruleType` and PascalCase target operations for ARM).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::approvers::ApprovalSettings;
use super::enums::{null_default, pascal};
use super::values::{
    EnablementRequirement, NotificationLevel, NotificationType, RecipientType, RuleCaller, RuleLevel,
    RuleOperation,
};
use crate::domain::{IsoDuration, RuleId};

/// Which service a rule came from (and goes back to).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RuleDialect {
    /// Microsoft Graph: `@odata.type: #microsoft.graph.unifiedRoleManagementPolicy…Rule`.
    #[default]
    Graph,
    /// Azure Resource Manager: `ruleType: RoleManagementPolicy…Rule`.
    Arm,
}

/// What a rule applies to (`unifiedRoleManagementPolicyRuleTarget`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleTarget {
    /// The docs' PATCH examples carry `microsoft.graph.unifiedRoleManagementPolicyRuleTarget`.
    #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<RuleCaller>,
    #[serde(default, deserialize_with = "null_default")]
    pub operations: Vec<RuleOperation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<RuleLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inheritable_settings: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforced_settings: Option<Vec<String>>,
    /// Documented as not implemented; kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_objects: Option<Vec<Value>>,
}

/// `…ExpirationRule`: maximum duration and whether an end is required.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpirationRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_expiration_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_duration: Option<IsoDuration>,
}

/// `…EnablementRule`: MFA, justification and ticket requirements.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnablementRule {
    #[serde(default, deserialize_with = "null_default")]
    pub enabled_rules: Vec<EnablementRequirement>,
}

/// `…ApprovalRule`: approval settings and approvers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<ApprovalSettings>,
}

/// `…AuthenticationContextRule`: a Conditional Access authentication context (`c1`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationContextRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_value: Option<String>,
}

/// `…NotificationRule`: who gets which e-mails.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_type: Option<NotificationType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_type: Option<RecipientType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_level: Option<NotificationLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default_recipients_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_recipients: Option<Vec<String>>,
}

/// The kind-specific part of a rule.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleKind {
    Expiration(ExpirationRule),
    Enablement(EnablementRule),
    Approval(ApprovalRule),
    AuthenticationContext(AuthenticationContextRule),
    Notification(NotificationRule),
    /// A rule type this client does not know: its type name as received and every other
    /// property (except `id` and `target`), written back unchanged.
    Unknown {
        type_name: String,
        properties: Map<String, Value>,
    },
}

/// One policy rule.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyRule {
    pub id: RuleId,
    pub target: Option<RuleTarget>,
    pub kind: RuleKind,
    pub dialect: RuleDialect,
}

const KINDS: [&str; 5] = ["Expiration", "Enablement", "Approval", "AuthenticationContext", "Notification"];

/// `Expiration` for `#microsoft.graph.unifiedRoleManagementPolicyExpirationRule` or
/// `RoleManagementPolicyExpirationRule`, any case.
fn kind_name(type_name: &str) -> Option<&'static str> {
    let t = type_name.trim_start_matches('#').to_ascii_lowercase();
    let t = t.trim_start_matches("microsoft.graph.").trim_start_matches("unified");
    let core = t.strip_prefix("rolemanagementpolicy")?.strip_suffix("rule")?;
    KINDS.iter().copied().find(|k| k.eq_ignore_ascii_case(core))
}

impl PolicyRule {
    /// The type name this rule is written with in its dialect.
    pub fn type_name(&self) -> String {
        let kind = match &self.kind {
            RuleKind::Expiration(_) => KINDS[0],
            RuleKind::Enablement(_) => KINDS[1],
            RuleKind::Approval(_) => KINDS[2],
            RuleKind::AuthenticationContext(_) => KINDS[3],
            RuleKind::Notification(_) => KINDS[4],
            RuleKind::Unknown { type_name, .. } => return type_name.clone(),
        };
        match self.dialect {
            RuleDialect::Graph => format!("#microsoft.graph.unifiedRoleManagementPolicy{kind}Rule"),
            RuleDialect::Arm => format!("RoleManagementPolicy{kind}Rule"),
        }
    }
}

impl<'de> Deserialize<'de> for PolicyRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let e = D::Error::custom::<serde_json::Error>;
        let Value::Object(mut map) = Value::deserialize(d)? else {
            return Err(D::Error::custom("a policy rule must be a JSON object"));
        };
        let (dialect, type_name) = match (map.remove("@odata.type"), map.remove("ruleType")) {
            (Some(Value::String(t)), _) => (RuleDialect::Graph, t),
            (_, Some(Value::String(t))) => (RuleDialect::Arm, t),
            _ => return Err(D::Error::custom("a policy rule needs @odata.type or ruleType")),
        };
        let id =
            RuleId::new(map.remove("id").and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default());
        let target = match map.remove("target") {
            None | Some(Value::Null) => None,
            Some(v) => Some(serde_json::from_str(&v.to_string()).map_err(e)?),
        };
        // Read back from text, not with from_value: the wasm then needs no second deserializer
        // (serde_json's for Value) besides the one for text (README "Performance").
        let rest = Value::Object(map.clone());
        let kind = match kind_name(&type_name) {
            Some("Expiration") => RuleKind::Expiration(serde_json::from_str(&rest.to_string()).map_err(e)?),
            Some("Enablement") => RuleKind::Enablement(serde_json::from_str(&rest.to_string()).map_err(e)?),
            Some("Approval") => RuleKind::Approval(serde_json::from_str(&rest.to_string()).map_err(e)?),
            Some("AuthenticationContext") => {
                RuleKind::AuthenticationContext(serde_json::from_str(&rest.to_string()).map_err(e)?)
            }
            Some("Notification") => {
                RuleKind::Notification(serde_json::from_str(&rest.to_string()).map_err(e)?)
            }
            _ => RuleKind::Unknown { type_name, properties: map },
        };
        Ok(PolicyRule { id, target, kind, dialect })
    }
}

impl Serialize for PolicyRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = serde::ser::Error::custom;
        let mut map = match &self.kind {
            RuleKind::Expiration(r) => to_map(r).map_err(e)?,
            RuleKind::Enablement(r) => to_map(r).map_err(e)?,
            RuleKind::Approval(r) => to_map(r).map_err(e)?,
            RuleKind::AuthenticationContext(r) => to_map(r).map_err(e)?,
            RuleKind::Notification(r) => to_map(r).map_err(e)?,
            RuleKind::Unknown { properties, .. } => properties.clone(),
        };
        let tag = match self.dialect {
            RuleDialect::Graph => "@odata.type",
            RuleDialect::Arm => "ruleType",
        };
        map.insert(tag.into(), Value::String(self.type_name()));
        map.insert("id".into(), Value::String(self.id.0.clone()));
        if let Some(target) = &self.target {
            let mut t = serde_json::to_value(target).map_err(e)?;
            if self.dialect == RuleDialect::Arm {
                if let Some(Value::Array(ops)) = t.get_mut("operations") {
                    for op in ops.iter_mut() {
                        if let Value::String(o) = op {
                            *o = pascal(o);
                        }
                    }
                }
            }
            map.insert("target".into(), t);
        }
        Value::Object(map).serialize(s)
    }
}

fn to_map<T: Serialize>(v: &T) -> Result<Map<String, Value>, serde_json::Error> {
    match serde_json::to_value(v)? {
        Value::Object(m) => Ok(m),
        _ => Ok(Map::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_rules_round_trip() {
        let graph = r##"{"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyExpirationRule","id":"Expiration_EndUser_Assignment","isExpirationRequired":true,"maximumDuration":"PT8H","target":{"caller":"EndUser","operations":["All"],"level":"Assignment"}}"##;
        let rule: PolicyRule = serde_json::from_str(graph).unwrap();
        let RuleKind::Expiration(exp) = &rule.kind else { panic!("not an expiration rule") };
        assert_eq!(exp.maximum_duration, Some(IsoDuration::from_hours(8)));
        let out = serde_json::to_value(&rule).unwrap();
        assert_eq!(out["target"]["operations"][0], "all");

        let unknown = r##"{"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyFutureRule","id":"X","shiny":[1,2]}"##;
        let rule: PolicyRule = serde_json::from_str(unknown).unwrap();
        assert!(
            matches!(&rule.kind, RuleKind::Unknown { type_name, .. } if type_name.ends_with("FutureRule"))
        );
        let out = serde_json::to_value(&rule).unwrap();
        assert_eq!(out["shiny"][1], 2);
        assert_eq!(out["@odata.type"], "#microsoft.graph.unifiedRoleManagementPolicyFutureRule");

        let arm = r#"{"id":"Enablement_EndUser_Assignment","ruleType":"RoleManagementPolicyEnablementRule","enabledRules":["Ticketing"],"target":{"caller":"EndUser","operations":["all"]}}"#;
        let rule: PolicyRule = serde_json::from_str(arm).unwrap();
        assert_eq!(rule.dialect, RuleDialect::Arm);
        let out = serde_json::to_value(&rule).unwrap();
        assert_eq!(out["ruleType"], "RoleManagementPolicyEnablementRule");
        assert_eq!(out["target"]["operations"][0], "All");
    }
}
