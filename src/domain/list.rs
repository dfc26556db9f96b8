//! Search, filter and sort for "My roles", kept in the URL query so a bookmark reopens the view.
//!
//! [`ListIndex`] precomputes one lowercase search text per item when the items load; a
//! keystroke then lowercases the query once and scans those texts, allocating nothing per item.
//! Results are indices into the item slice, written into a caller-owned buffer.

use std::cmp::Ordering;

use super::encode::{build_query, parse_query};
use super::error_kind::Explanation;
use super::item::{ItemState, RoleItem, ScopeKind};
use super::item_key::Plane;

/// A state to filter on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StateFilter {
    /// Eligible, not active.
    Eligible,
    /// In force.
    Active,
    /// A request is pending.
    Pending,
    /// Granted from a later start.
    Scheduled,
}

impl StateFilter {
    /// All states, in display order.
    pub const ALL: [StateFilter; 4] =
        [StateFilter::Active, StateFilter::Scheduled, StateFilter::Pending, StateFilter::Eligible];

    /// The URL token.
    pub fn token(self) -> &'static str {
        match self {
            StateFilter::Eligible => "eligible",
            StateFilter::Active => "active",
            StateFilter::Pending => "pending",
            StateFilter::Scheduled => "scheduled",
        }
    }

    /// The filter an item state falls under.
    pub fn of(state: &ItemState) -> StateFilter {
        match state {
            ItemState::Eligible => StateFilter::Eligible,
            ItemState::Active { .. } => StateFilter::Active,
            ItemState::ActivationPending { .. } => StateFilter::Pending,
            ItemState::Scheduled { .. } => StateFilter::Scheduled,
        }
    }

    fn from_token(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.token().eq_ignore_ascii_case(s))
    }

    /// What the filter shows, in words.
    pub fn label(self) -> &'static str {
        match self {
            StateFilter::Eligible => "Eligible",
            StateFilter::Active => "Active",
            StateFilter::Pending => "Waiting for approval",
            StateFilter::Scheduled => "Starting later",
        }
    }

    /// Reads a URL token (`active`).
    pub fn parse(s: &str) -> Option<Self> {
        Self::from_token(s)
    }
}

/// What to sort by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Name, A to Z.
    #[default]
    Name,
    /// Active first, then scheduled, pending, eligible.
    State,
    /// Soonest end first; items without an end last.
    End,
    /// Entra roles, groups, Azure roles.
    Plane,
}

impl SortKey {
    /// Every sort, in the order offered.
    pub const ALL: [SortKey; 4] = [SortKey::Name, SortKey::State, SortKey::End, SortKey::Plane];

    /// The choice's words.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::State => "Active first",
            SortKey::End => "Ending soonest",
            SortKey::Plane => "Kind",
        }
    }

    /// Reads a URL token (`end`).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.token().eq_ignore_ascii_case(s))
    }

    /// The URL token.
    pub fn token(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::State => "state",
            SortKey::End => "end",
            SortKey::Plane => "plane",
        }
    }
}

/// The view: search text, filters (empty = all) and sort.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Free text; every word must match name, scope, plane or how it is held.
    pub search: String,
    /// Planes to show.
    pub planes: Vec<Plane>,
    /// Scope kinds to show.
    pub scopes: Vec<ScopeKind>,
    /// States to show.
    pub states: Vec<StateFilter>,
    /// Sort key.
    pub sort: SortKey,
    /// Reverse the sort.
    pub descending: bool,
}

fn tokens<T: Copy + PartialEq>(value: &str, read: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let mut out = Vec::new();
    for t in value.split(',').filter_map(|t| read(t.trim())) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn join<T: Copy>(values: &[T], token: impl Fn(T) -> &'static str) -> String {
    values.iter().map(|v| token(*v)).collect::<Vec<_>>().join(",")
}

impl ListQuery {
    /// The query string (`q=…&plane=entra,group&scope=sub&state=active&sort=end&desc=1`), without
    /// `?`; defaults are left out, so the plain view has an empty query.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.search.trim().is_empty() {
            pairs.push(("q", self.search.trim().to_owned()));
        }
        if !self.planes.is_empty() {
            pairs.push(("plane", join(&self.planes, Plane::token)));
        }
        if !self.scopes.is_empty() {
            pairs.push(("scope", join(&self.scopes, ScopeKind::token)));
        }
        if !self.states.is_empty() {
            pairs.push(("state", join(&self.states, StateFilter::token)));
        }
        if self.sort != SortKey::Name {
            pairs.push(("sort", self.sort.token().to_owned()));
        }
        if self.descending {
            pairs.push(("desc", "1".to_owned()));
        }
        build_query(&pairs)
    }

    /// Reads a query string; unknown keys and values are ignored.
    pub fn from_query(query: &str) -> ListQuery {
        let mut q = ListQuery::default();
        for (key, value) in parse_query(query) {
            match key.as_str() {
                "q" => q.search = value,
                "plane" => q.planes = tokens(&value, Plane::from_token),
                "scope" => q.scopes = tokens(&value, ScopeKind::from_token),
                "state" => q.states = tokens(&value, StateFilter::from_token),
                "sort" => {
                    q.sort = SortKey::ALL
                        .into_iter()
                        .find(|k| k.token().eq_ignore_ascii_case(&value))
                        .unwrap_or_default()
                }
                "desc" => q.descending = matches!(value.as_str(), "1" | "true"),
                _ => {}
            }
        }
        q
    }
}

/// Precomputed lowercase texts for fast search and sort.
#[derive(Clone, Debug, Default)]
pub struct ListIndex {
    haystacks: Vec<String>,
    names: Vec<String>,
}

fn state_rank(state: &ItemState) -> u8 {
    match state {
        ItemState::Active { .. } => 0,
        ItemState::Scheduled { .. } => 1,
        ItemState::ActivationPending { .. } => 2,
        ItemState::Eligible => 3,
    }
}

impl ListIndex {
    /// Indexes `items` (call again when they change).
    pub fn new(items: &[RoleItem]) -> Self {
        let haystacks = items
            .iter()
            .map(|i| {
                format!(
                    "{}\n{}\n{}\n{}\n{}",
                    i.title(),
                    i.scope.name,
                    i.scope.kind.label(),
                    i.plane().label(),
                    i.held_label()
                )
                .to_lowercase()
            })
            .collect();
        let names = items.iter().map(|i| i.title().to_lowercase()).collect();
        ListIndex { haystacks, names }
    }

    /// Writes into `out` the indices of `items` that match `query`, sorted.
    pub fn apply(&self, items: &[RoleItem], query: &ListQuery, out: &mut Vec<usize>) {
        out.clear();
        let needle = query.search.to_lowercase();
        let words: Vec<&str> = needle.split_whitespace().collect();
        for (i, item) in items.iter().enumerate().take(self.haystacks.len()) {
            let hay = &self.haystacks[i];
            if (query.planes.is_empty() || query.planes.contains(&item.plane()))
                && (query.scopes.is_empty() || query.scopes.contains(&item.scope.kind))
                && (query.states.is_empty() || query.states.contains(&StateFilter::of(&item.state)))
                && words.iter().all(|w| hay.contains(w))
            {
                out.push(i);
            }
        }
        let by_name = |a: usize, b: usize| self.names[a].cmp(&self.names[b]);
        let cmp = |&a: &usize, &b: &usize| -> Ordering {
            let (x, y) = (&items[a], &items[b]);
            let primary = match query.sort {
                SortKey::Name => Ordering::Equal,
                SortKey::State => state_rank(&x.state).cmp(&state_rank(&y.state)),
                SortKey::Plane => x.plane().cmp(&y.plane()),
                SortKey::End => match (x.state.end(), y.state.end()) {
                    (Some(p), Some(q)) => p.cmp(&q),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
            };
            let ord = primary.then_with(|| by_name(a, b)).then(a.cmp(&b));
            if query.descending {
                ord.reverse()
            } else {
                ord
            }
        };
        out.sort_by(cmp);
    }

    /// [`Self::apply`] into a new vector.
    pub fn view(&self, items: &[RoleItem], query: &ListQuery) -> Vec<usize> {
        let mut out = Vec::with_capacity(items.len());
        self.apply(items, query, &mut out);
        out
    }
}

/// The message when the list shows nothing: no roles at all, or none matching the view.
pub fn empty_state(total: usize, shown: usize, query: &ListQuery) -> Option<Explanation> {
    if shown > 0 {
        return None;
    }
    Some(if total == 0 {
        Explanation {
            reason: "You have no eligible roles, groups or Azure roles.".to_owned(),
            next_step: "Ask your administrator to make you eligible; it shows here once assigned.".to_owned(),
        }
    } else {
        let what = if query.search.trim().is_empty() { "these filters" } else { "your search and filters" };
        Explanation {
            reason: format!("None of your {total} roles match {what}."),
            next_step: "Clear the search or filters to see everything.".to_owned(),
        }
    })
}

#[cfg(test)]
#[path = "list_tests.rs"]
mod tests;
