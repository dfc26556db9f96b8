//! Last-known data for a warm start: the rows and policies of the previous visit, shown at once
//! (marked as refreshing) while the fresh ones load. Kept in this browser's local storage per
//! tenant and user, with a configured tenant only (the demo tenant lives in the tab), and dropped
//! at sign-out.

use chrono::{DateTime, Utc};

use crate::domain::item::RoleItem;
use crate::domain::policy_cache::{PolicyCache, DEFAULT_POLICY_TTL};
use crate::domain::snapshot::ItemsSnapshot;
use crate::platform::storage::{self, Store};
use crate::ui::services::{Backend, Services};

/// Where one user's last-known data lives.
#[derive(Clone)]
pub struct LastKnown {
    items_key: String,
    policies_key: String,
    /// Nothing is written once signed out (a read still under way at sign-out must not bring the
    /// data back).
    session: crate::auth::Session,
}

impl LastKnown {
    /// The store for the signed-in user of a configured tenant; `None` in the demo.
    pub fn for_services(services: &Services) -> Option<LastKnown> {
        let Backend::Tenant(session) = &services.backend else { return None };
        let me = services.me()?;
        let tenant = session.tenant()?;
        let base = format!("{}{tenant}.{}", storage::LAST_KNOWN_PREFIX, me.as_str());
        Some(LastKnown {
            items_key: format!("{base}.items"),
            policies_key: format!("{base}.policies"),
            session: session.clone(),
        })
    }

    /// The rows of the last visit, if any.
    pub fn items(&self) -> Option<ItemsSnapshot> {
        ItemsSnapshot::from_json(&storage::get(Store::Local, &self.items_key)?)
    }

    /// The policies of the last visit, each with its age.
    pub fn policies(&self) -> PolicyCache {
        storage::get(Store::Local, &self.policies_key)
            .map(|json| PolicyCache::from_json(&json, DEFAULT_POLICY_TTL))
            .unwrap_or_default()
    }

    pub fn save_items(&self, items: &[RoleItem], now: DateTime<Utc>) {
        if self.session.account().is_none() {
            return;
        }
        storage::set(Store::Local, &self.items_key, &ItemsSnapshot::new(items.to_vec(), now).to_json());
    }

    pub fn save_policies(&self, cache: &PolicyCache) {
        if self.session.account().is_none() {
            return;
        }
        storage::set(Store::Local, &self.policies_key, &cache.to_json());
    }
}
