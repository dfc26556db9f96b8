//! Assignments of Azure roles at an ARM scope: which scopes to offer, the roles at a scope, and
//! the rule that an assignment held at a parent scope is inherited here.

use super::Via;
use crate::domain::arm_scope::{ArmScopeKind, ScopeRelation};
use crate::domain::error_kind::Explanation;
use crate::domain::ids::{ArmScope, RoleDefinitionId};

/// An Azure role offered at a scope (from the scope's role management policy assignments).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AzureRoleRef {
    /// The full ARM role definition id, as the service wrote it.
    pub id: RoleDefinitionId,
    pub name: String,
}

/// A scope the picker offers, with its display name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeChoice {
    pub scope: ArmScope,
    pub name: String,
}

impl ScopeChoice {
    /// "subscription", "resource group", … for the picker's label.
    pub fn level(&self) -> &'static str {
        match self.scope.kind() {
            ArmScopeKind::ManagementGroup => "management group",
            ArmScopeKind::Subscription => "subscription",
            ArmScopeKind::ResourceGroup => "resource group",
            ArmScopeKind::Resource => "resource",
            ArmScopeKind::Root | ArmScopeKind::Other => "scope",
        }
    }
}

/// The scopes to offer, once each (ids compare in any case; the first name seen wins), management
/// groups first, then subscriptions, resource groups and resources, each by name. Scopes an
/// administrator cannot assign at (the tenant root, unclassified paths) are left out.
pub fn scope_choices(found: impl IntoIterator<Item = ScopeChoice>) -> Vec<ScopeChoice> {
    let mut out: Vec<ScopeChoice> = Vec::new();
    for c in found {
        if matches!(c.scope.kind(), ArmScopeKind::Root | ArmScopeKind::Other) {
            continue;
        }
        if !out.iter().any(|o| o.scope.same_as(&c.scope)) {
            out.push(c);
        }
    }
    out.sort_by_key(|c| (c.scope.kind(), c.name.to_lowercase()));
    out
}

/// Reads a scope the administrator typed or pasted: a management group, a subscription (its id a
/// GUID), a resource group or a resource id below one.
pub fn parse_scope(text: &str) -> Result<ArmScope, String> {
    let hint = "Use /subscriptions/{subscription id}, add /resourceGroups/{name} for a resource group, \
                or /providers/Microsoft.Management/managementGroups/{id}.";
    let scope = ArmScope::parse(text).map_err(|e| format!("{e}. {hint}"))?;
    match scope.kind() {
        ArmScopeKind::Root => Err(format!("Enter a scope. {hint}")),
        ArmScopeKind::Other => {
            Err(format!("\"{}\" is not a scope Azure roles are assigned at. {hint}", text.trim()))
        }
        ArmScopeKind::Subscription | ArmScopeKind::ResourceGroup | ArmScopeKind::Resource
            if !scope.subscription().is_some_and(is_guid) =>
        {
            Err(format!("The subscription id must be a GUID (8-4-4-4-12 hex digits). {hint}"))
        }
        _ => Ok(scope),
    }
}

fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

impl Via {
    /// How an instance listed with `atScope()` at `viewed` is held: inherited when the service
    /// says so or when it is held at another (a parent) scope; else what `memberType` says.
    pub fn at_scope(member_type: Option<&str>, held_at: &ArmScope, viewed: &ArmScope) -> Via {
        match Via::parse(member_type) {
            Via::Inherited => Via::Inherited,
            _ if held_at.relation_to(viewed) != ScopeRelation::Same => Via::Inherited,
            via => via,
        }
    }
}

/// Why the service refused (403 `AuthorizationFailed`) at an Azure scope, and what to do.
pub fn azure_forbidden(writing: bool) -> Explanation {
    if writing {
        Explanation {
            reason: "You cannot change role assignments at this Azure scope.".into(),
            next_step: "You need Owner or User Access Administrator at this scope (or above it), active. \
                        Activate it in My roles if you are eligible, or ask an owner of the scope."
                .into(),
        }
    } else {
        Explanation {
            reason: "You cannot read the role assignments at this Azure scope.".into(),
            next_step: "You need a role at this scope or above it that can read role assignments (Reader is \
                        enough to look; Owner or User Access Administrator to change). Pick another scope, or \
                        ask an owner of the scope."
                .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = "/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f";

    fn scope(s: &str) -> ArmScope {
        ArmScope::parse(s).unwrap()
    }

    #[test]
    fn typed_scopes_are_accepted_at_each_level_and_others_explained() {
        for ok in [
            SUB.to_owned(),
            format!("{SUB}/resourceGroups/rg-web/"),
            format!("  {SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/shop "),
            "/providers/Microsoft.Management/managementGroups/contoso".to_owned(),
            "subscriptions/DFA2A084-766F-4003-8AE1-C4AEB893A99F".to_owned(),
        ] {
            assert!(parse_scope(&ok).is_ok(), "{ok}");
        }
        assert_eq!(
            parse_scope(&format!("{SUB}/resourceGroups/rg-web")).unwrap().kind(),
            ArmScopeKind::ResourceGroup
        );
        let not_guid = parse_scope("/subscriptions/prod").unwrap_err();
        assert!(not_guid.contains("must be a GUID"), "{not_guid}");
        let other = parse_scope(&format!("{SUB}/resourceGroups")).unwrap_err();
        assert!(other.contains("is not a scope Azure roles are assigned at"), "{other}");
        assert!(parse_scope("   ").unwrap_err().starts_with("Enter a scope."));
        assert!(parse_scope("/subscriptions/x?y").is_err());
    }

    #[test]
    fn a_row_held_at_a_parent_scope_is_inherited() {
        let sub = scope(SUB);
        let rg = scope(&format!("{SUB}/resourceGroups/rg-web"));
        let mg = scope("/providers/Microsoft.Management/managementGroups/contoso");
        assert_eq!(Via::at_scope(Some("Direct"), &sub, &rg), Via::Inherited);
        assert_eq!(Via::at_scope(Some("Direct"), &mg, &rg), Via::Inherited);
        assert_eq!(Via::at_scope(Some("Direct"), &scope(&SUB.to_uppercase()), &sub), Via::Direct);
        assert_eq!(Via::at_scope(Some("Group"), &sub, &sub), Via::Group);
        assert_eq!(Via::at_scope(Some("Inherited"), &sub, &sub), Via::Inherited);
        assert_eq!(Via::at_scope(None, &rg, &rg), Via::Direct);
    }

    #[test]
    fn choices_are_unique_ordered_by_level_and_name_without_the_root() {
        let c = |s: &str, n: &str| ScopeChoice { scope: scope(s), name: n.into() };
        let list = scope_choices([
            c(&format!("{SUB}/resourceGroups/rg-b"), "rg-b"),
            c(SUB, "Production"),
            c(&SUB.to_uppercase(), "duplicate"),
            c("/", "root"),
            c("/providers/Microsoft.Management/managementGroups/contoso", "Contoso"),
            c(&format!("{SUB}/resourceGroups/rg-a"), "rg-a"),
        ]);
        let names: Vec<&str> = list.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Contoso", "Production", "rg-a", "rg-b"]);
        assert_eq!(list[1].level(), "subscription");
    }

    #[test]
    fn refusals_name_the_roles_needed() {
        assert!(azure_forbidden(true).next_step.contains("Owner or User Access Administrator"));
        assert!(azure_forbidden(false).reason.contains("cannot read"));
    }
}
