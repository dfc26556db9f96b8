//! A cache of activation policies keyed by item, with an expiry.
//!
//! Policies change rarely, and one page load needs dozens of them; the UI fetches the missing
//! ones once ([`PolicyCache::missing`]), stores them, and shows cached ones at once. Group policy
//! ids change when a group is onboarded, so the cache is keyed by item, never by policy id; items
//! that share a policy (one Entra role at several scopes) share an entry ([`ItemKey::policy_key`]).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use super::item_key::ItemKey;
use super::policy::ActivationPolicy;

/// How long a fetched policy is trusted before it is fetched again.
pub const DEFAULT_POLICY_TTL: Duration = Duration::minutes(30);

/// Policies by item, each stamped with when it was stored.
#[derive(Clone, Debug)]
pub struct PolicyCache {
    ttl: Duration,
    entries: HashMap<ItemKey, (ActivationPolicy, DateTime<Utc>)>,
}

impl Default for PolicyCache {
    fn default() -> Self {
        PolicyCache::new(DEFAULT_POLICY_TTL)
    }
}

impl PolicyCache {
    /// An empty cache whose entries live for `ttl`.
    pub fn new(ttl: Duration) -> Self {
        PolicyCache { ttl, entries: HashMap::new() }
    }

    /// The policy for `key` if stored less than the TTL before `now`.
    pub fn get(&self, key: &ItemKey, now: DateTime<Utc>) -> Option<&ActivationPolicy> {
        self.entries
            .get(&key.policy_key())
            .filter(|(_, at)| now - *at < self.ttl && *at <= now)
            .map(|(p, _)| p)
    }

    /// The policy for `key` however old (to show something while a fresh copy loads).
    pub fn get_stale(&self, key: &ItemKey) -> Option<&ActivationPolicy> {
        self.entries.get(&key.policy_key()).map(|(p, _)| p)
    }

    /// Stores a policy fetched at `now`.
    pub fn put(&mut self, key: ItemKey, policy: ActivationPolicy, now: DateTime<Utc>) {
        self.entries.insert(key.policy_key(), (policy, now));
    }

    /// Forgets one item's policy (after a policy-rule failure says it was wrong).
    pub fn invalidate(&mut self, key: &ItemKey) {
        self.entries.remove(&key.policy_key());
    }

    /// Drops expired entries.
    pub fn purge(&mut self, now: DateTime<Utc>) {
        let ttl = self.ttl;
        self.entries.retain(|_, (_, at)| now - *at < ttl);
    }

    /// The policies to fetch for `keys`: one key per policy without a fresh entry (as
    /// [`ItemKey::policy_key`]: an Entra role at the tenant scope), in the given order.
    pub fn missing<'a>(
        &self,
        keys: impl IntoIterator<Item = &'a ItemKey>,
        now: DateTime<Utc>,
    ) -> Vec<ItemKey> {
        let mut out: Vec<ItemKey> = Vec::new();
        for key in keys {
            let policy_key = key.policy_key();
            if self.get(&policy_key, now).is_none() && !out.contains(&policy_key) {
                out.push(policy_key);
            }
        }
        out
    }

    /// The entries as JSON, for local storage (`[[key, policy, stored_at], …]`).
    pub fn to_json(&self) -> String {
        let entries: Vec<(&ItemKey, &ActivationPolicy, &DateTime<Utc>)> =
            self.entries.iter().map(|(k, (p, at))| (k, p, at)).collect();
        serde_json::to_string(&entries).unwrap_or_default()
    }

    /// A cache from stored JSON (entries keep their age); unreadable text gives an empty cache.
    pub fn from_json(json: &str, ttl: Duration) -> Self {
        let entries: Vec<(ItemKey, ActivationPolicy, DateTime<Utc>)> =
            serde_json::from_str(json).unwrap_or_default();
        PolicyCache { ttl, entries: entries.into_iter().map(|(k, p, at)| (k, (p, at))).collect() }
    }

    /// Number of stored entries (fresh or not).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::duration::IsoDuration;
    use crate::domain::ids::{AccessId, GroupId};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn entries_expire_after_the_ttl() {
        let key = ItemKey::group(&GroupId::new("g1"), AccessId::Member);
        let mut cache = PolicyCache::new(Duration::minutes(10));
        let policy = ActivationPolicy { max_duration: IsoDuration::from_hours(2), ..Default::default() };
        cache.put(key.clone(), policy.clone(), at("2026-01-01T10:00:00Z"));
        assert_eq!(cache.get(&key, at("2026-01-01T10:09:59Z")), Some(&policy));
        assert_eq!(cache.get(&key, at("2026-01-01T10:10:00Z")), None);
        assert_eq!(cache.get_stale(&key), Some(&policy));
        cache.purge(at("2026-01-01T10:10:00Z"));
        assert!(cache.is_empty());
    }

    #[test]
    fn missing_lists_what_to_fetch_once() {
        let a = ItemKey::group(&GroupId::new("a"), AccessId::Member);
        let b = ItemKey::group(&GroupId::new("b"), AccessId::Owner);
        let mut cache = PolicyCache::default();
        let now = at("2026-01-01T10:00:00Z");
        cache.put(a.clone(), ActivationPolicy::default(), now);
        assert_eq!(cache.missing([&a, &b, &b], now), vec![b.clone()]);
        cache.invalidate(&a);
        assert_eq!(cache.missing([&a], now), vec![a]);
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn the_cache_persists_with_its_ages() {
        let key = ItemKey::group(&GroupId::new("g1"), AccessId::Owner);
        let mut cache = PolicyCache::new(Duration::minutes(10));
        cache.put(
            key.clone(),
            ActivationPolicy { require_ticket: true, ..Default::default() },
            at("2026-01-01T10:00:00Z"),
        );
        let back = PolicyCache::from_json(&cache.to_json(), Duration::minutes(10));
        assert!(back.get(&key, at("2026-01-01T10:05:00Z")).unwrap().require_ticket);
        assert!(back.get(&key, at("2026-01-01T10:15:00Z")).is_none(), "age survives the reload");
        assert!(PolicyCache::from_json("nonsense", Duration::minutes(10)).is_empty());
    }

    #[test]
    fn an_entra_role_at_several_scopes_is_fetched_once() {
        use crate::domain::ids::{DirectoryScopeId, RoleDefinitionId};
        let role = RoleDefinitionId::new("fe930be7");
        let tenant = ItemKey::entra(&role, &DirectoryScopeId::tenant());
        let au = ItemKey::entra(&role, &DirectoryScopeId::administrative_unit("paris"));
        let mut cache = PolicyCache::default();
        let now = at("2026-01-01T10:00:00Z");
        assert_eq!(cache.missing([&au, &tenant], now), vec![tenant.clone()]);
        cache.put(tenant, ActivationPolicy::default(), now);
        assert!(cache.get(&au, now).is_some());
    }
}
