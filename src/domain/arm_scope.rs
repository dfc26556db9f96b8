//! Azure Resource Manager scopes parsed from ARM ids.
//!
//! `/providers/Microsoft.Management/managementGroups/{id}`, `/subscriptions/{id}`,
//! `/subscriptions/{id}/resourceGroups/{rg}` and resource ids below a resource group. ARM ids
//! compare case-insensitively; the original text is kept for requests. The [`ArmScope`] type
//! itself (a checked path) lives in [`super::ids`]; this file classifies it.

use super::ids::ArmScope;

/// The level of an ARM scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArmScopeKind {
    /// `/`: the tenant root.
    Root,
    /// A management group.
    ManagementGroup,
    /// A subscription.
    Subscription,
    /// A resource group.
    ResourceGroup,
    /// A single resource (or child resource).
    Resource,
    /// A path of another shape (kept, not classified).
    Other,
}

/// How one scope sits relative to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeRelation {
    /// The same scope.
    Same,
    /// Strictly below (a resource group below its subscription, a resource below its group).
    Below,
    /// Not inside the other scope.
    Outside,
    /// Cannot be told from the ids: management-group membership of a subscription is not part
    /// of the subscription's id, so only the service can decide.
    Unknown,
}

impl ArmScope {
    /// The level of this scope, read from its segments. The empty tenant-wide scope and `/`
    /// are [`ArmScopeKind::Root`].
    pub fn kind(&self) -> ArmScopeKind {
        let segs: Vec<&str> = self.segments().collect();
        let is = |i: usize, name: &str| segs.get(i).is_some_and(|s| s.eq_ignore_ascii_case(name));
        if segs.is_empty() {
            ArmScopeKind::Root
        } else if is(0, "providers")
            && is(1, "Microsoft.Management")
            && is(2, "managementGroups")
            && segs.len() == 4
        {
            ArmScopeKind::ManagementGroup
        } else if is(0, "subscriptions") {
            match segs.len() {
                2 => ArmScopeKind::Subscription,
                4 if is(2, "resourceGroups") => ArmScopeKind::ResourceGroup,
                // {rg}/providers/{namespace}/{type}/{name}[/{type}/{name}…]
                n if n >= 8 && is(2, "resourceGroups") && is(4, "providers") && n % 2 == 0 => {
                    ArmScopeKind::Resource
                }
                _ => ArmScopeKind::Other,
            }
        } else {
            ArmScopeKind::Other
        }
    }

    /// A short name: the management group id, subscription id, resource group or resource name.
    /// Prefer the service's display name (`expandedProperties.scope.displayName`) when there is one.
    pub fn short_name(&self) -> &str {
        self.segments().last().unwrap_or("/")
    }

    /// The subscription id, for scopes at or below a subscription.
    pub fn subscription(&self) -> Option<&str> {
        let mut segs = self.segments();
        match (segs.next(), segs.next()) {
            (Some(s), Some(id)) if s.eq_ignore_ascii_case("subscriptions") => Some(id),
            _ => None,
        }
    }

    /// The id, lowercased: ARM ids compare case-insensitively, so this is the comparison and key form.
    pub fn normalized(&self) -> String {
        self.as_str().to_ascii_lowercase()
    }

    /// True when both name the same scope, whatever the letter case.
    pub fn same_as(&self, other: &ArmScope) -> bool {
        self.as_str().eq_ignore_ascii_case(other.as_str())
    }

    /// Where `self` sits relative to `ancestor`.
    pub fn relation_to(&self, ancestor: &ArmScope) -> ScopeRelation {
        let (me, them) = (self.normalized(), ancestor.normalized());
        if me == them {
            return ScopeRelation::Same;
        }
        match ancestor.kind() {
            ArmScopeKind::Root => ScopeRelation::Below,
            ArmScopeKind::ManagementGroup => ScopeRelation::Unknown,
            _ if me.starts_with(&them) && me.as_bytes().get(them.len()) == Some(&b'/') => {
                ScopeRelation::Below
            }
            _ => ScopeRelation::Outside,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = "/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f";

    #[test]
    fn parses_each_level_with_a_short_name() {
        let cases = [
            (
                "/providers/Microsoft.Management/managementGroups/contoso-root",
                ArmScopeKind::ManagementGroup,
                "contoso-root",
            ),
            (SUB, ArmScopeKind::Subscription, "dfa2a084-766f-4003-8ae1-c4aeb893a99f"),
            ("/subscriptions/s1/resourceGroups/rg-web/", ArmScopeKind::ResourceGroup, "rg-web"),
            (
                "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/shop",
                ArmScopeKind::Resource,
                "shop",
            ),
            (
                "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Sql/servers/db1/databases/orders",
                ArmScopeKind::Resource,
                "orders",
            ),
            ("/", ArmScopeKind::Root, "/"),
        ];
        for (id, kind, name) in cases {
            let scope = ArmScope::parse(id).unwrap();
            assert_eq!((scope.kind(), scope.short_name()), (kind, name), "{id}");
        }
        assert_eq!(
            ArmScope::parse("/subscriptions/s1/resourceGroups/rg").unwrap().subscription(),
            Some("s1")
        );
        assert_eq!(ArmScope::tenant().kind(), ArmScopeKind::Root);
    }

    #[test]
    fn other_shapes_are_kept_but_not_classified() {
        for id in ["/subscriptions", "/foo/bar", "/subscriptions/s1/resourceGroups"] {
            assert_eq!(ArmScope::parse(id).unwrap().kind(), ArmScopeKind::Other, "{id}");
        }
    }

    #[test]
    fn relations_follow_the_id_hierarchy_case_insensitively() {
        let sub = ArmScope::parse(SUB).unwrap();
        let rg = ArmScope::parse(&format!("{}/resourceGroups/RG1", SUB.to_uppercase())).unwrap();
        let other = ArmScope::parse("/subscriptions/other").unwrap();
        let prefix_trap = ArmScope::parse(&format!("{SUB}0")).unwrap();
        let mg = ArmScope::parse("/providers/Microsoft.Management/managementGroups/m").unwrap();
        assert_eq!(rg.relation_to(&sub), ScopeRelation::Below);
        assert_eq!(sub.relation_to(&sub), ScopeRelation::Same);
        assert_eq!(sub.relation_to(&rg), ScopeRelation::Outside);
        assert_eq!(rg.relation_to(&other), ScopeRelation::Outside);
        assert_eq!(prefix_trap.relation_to(&sub), ScopeRelation::Outside);
        assert_eq!(sub.relation_to(&mg), ScopeRelation::Unknown);
        assert!(ArmScope::parse(&SUB.to_uppercase()).unwrap().same_as(&sub));
        assert_eq!(sub.relation_to(&ArmScope::tenant()), ScopeRelation::Below);
    }
}
