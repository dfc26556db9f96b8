//! Assignments as an administrator sees them: who holds a directory role or a PIM group (eligible
//! or active, from when, until when, directly or through a group), the checks of a new
//! assignment against the role's `Expiration_Admin_*` rules, the rule that keeps the last Global
//! Administrator, and bulk import from CSV with a preview and a result file.
//!
//! The page drives it like this: the adapter turns instances into [`AssignmentRow`]s;
//! [`AssignmentQuery::apply`] filters them; [`AssignmentRules::from_rules`] reads the policy;
//! [`AssignmentRules::check`] explains what is wrong with a new one; [`removal_block`] says when
//! Remove must be refused. For CSV: [`csv::parse`], [`import::read_rows`], [`import::preview`],
//! then [`import::result_csv`].

pub mod azure;
pub mod import;
mod rules;

pub use rules::{
    admin_standing, removal_block, AdminStanding, AssignmentProblem, AssignmentRules, NewAssignment,
    GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR,
};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::deactivate::AssignmentLevel;
use super::ids::{AccessId, ArmScope, DirectoryScopeId, GroupId, PrincipalId, RoleDefinitionId};

/// What kind of directory object holds an assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrincipalKind {
    User,
    Group,
    ServicePrincipal,
    /// Anything else, or a principal the service did not describe.
    Other,
}

impl PrincipalKind {
    /// "user", "group", "service principal".
    pub fn label(self) -> &'static str {
        match self {
            PrincipalKind::User => "user",
            PrincipalKind::Group => "group",
            PrincipalKind::ServicePrincipal => "service principal",
            PrincipalKind::Other => "directory object",
        }
    }
}

/// Who holds an assignment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub id: PrincipalId,
    pub kind: PrincipalKind,
    /// Display name (the id when the service gave none).
    pub name: String,
    /// User principal name, for users.
    pub upn: Option<String>,
}

impl Principal {
    /// True when `text` is this principal's id or UPN (any case).
    pub fn matches(&self, text: &str) -> bool {
        let t = text.trim();
        self.id.as_str().eq_ignore_ascii_case(t)
            || self.upn.as_deref().is_some_and(|u| u.eq_ignore_ascii_case(t))
    }
}

/// What is assigned: a directory role at a scope, a PIM group's membership or ownership, or an
/// Azure role at an ARM scope (`role` is the full ARM role definition id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssignmentTarget {
    Role { role: RoleDefinitionId, scope: DirectoryScopeId },
    Group { group: GroupId, access: AccessId },
    Azure { role: RoleDefinitionId, scope: ArmScope },
}

impl AssignmentTarget {
    /// A directory role for the whole tenant.
    pub fn tenant_role(role: impl Into<String>) -> Self {
        AssignmentTarget::Role { role: RoleDefinitionId::new(role), scope: DirectoryScopeId::tenant() }
    }

    /// True when both name the same role and scope, or the same group and access (ids in any case).
    pub fn same_as(&self, other: &AssignmentTarget) -> bool {
        match (self, other) {
            (AssignmentTarget::Role { role: a, scope: s }, AssignmentTarget::Role { role: b, scope: t }) => {
                a.as_str().eq_ignore_ascii_case(b.as_str()) && s.as_str().eq_ignore_ascii_case(t.as_str())
            }
            (
                AssignmentTarget::Group { group: a, access: x },
                AssignmentTarget::Group { group: b, access: y },
            ) => a.as_str().eq_ignore_ascii_case(b.as_str()) && x == y,
            // ARM writes one role definition under different scope prefixes: the GUID decides.
            (
                AssignmentTarget::Azure { role: a, scope: s },
                AssignmentTarget::Azure { role: b, scope: t },
            ) => a.guid() == b.guid() && s.same_as(t),
            _ => false,
        }
    }

    /// True when a row held at `self` belongs in the list of `viewed`: the same target, or for
    /// Azure the same role at this scope or above it (what `atScope()` lists; above is inherited).
    pub fn listed_under(&self, viewed: &AssignmentTarget) -> bool {
        match (self, viewed) {
            (AssignmentTarget::Azure { role: a, .. }, AssignmentTarget::Azure { role: b, .. }) => {
                a.guid() == b.guid()
            }
            _ => self.same_as(viewed),
        }
    }
}

/// How the principal holds it (`memberType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Via {
    /// Assigned to this principal.
    Direct,
    /// Through membership of a group that holds it.
    Group,
    /// Inherited from a parent scope.
    Inherited,
}

impl Via {
    /// Reads `memberType` (`Direct`, `Group`, `Inherited`) in any case; unknown is direct.
    pub fn parse(s: Option<&str>) -> Via {
        match s.map(str::to_ascii_lowercase).as_deref() {
            Some("group") => Via::Group,
            Some("inherited") => Via::Inherited,
            _ => Via::Direct,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Via::Direct => "direct",
            Via::Group => "through a group",
            Via::Inherited => "inherited",
        }
    }
}

/// One eligible or active assignment in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub principal: Principal,
    pub target: AssignmentTarget,
    /// Eligible or active.
    pub level: AssignmentLevel,
    /// `None`: since before records began (permanent assignments often have none).
    pub start: Option<DateTime<Utc>>,
    /// `None`: permanent.
    pub end: Option<DateTime<Utc>>,
    pub via: Via,
    /// An active row that is a running activation of an eligibility (not an assignment an
    /// administrator made); it ends by itself and is not removed from here.
    pub activation: bool,
    /// Where it is held, when that is worth naming (an Azure row's scope display name).
    #[serde(default)]
    pub source: Option<String>,
}

impl AssignmentRow {
    pub fn is_permanent(&self) -> bool {
        self.end.is_none()
    }

    /// A stable key for selection and lists.
    pub fn key(&self) -> String {
        let level = match self.level {
            AssignmentLevel::Eligibility => "e",
            AssignmentLevel::Assignment => "a",
        };
        let target = match &self.target {
            AssignmentTarget::Role { role, scope } => format!("{role}@{scope}"),
            AssignmentTarget::Group { group, access } => format!("{group}:{}", access.as_str()),
            AssignmentTarget::Azure { role, scope } => format!("{}@{}", role.guid(), scope.normalized()),
        };
        format!("{level}|{}|{target}|{}", self.principal.id.as_str().to_ascii_lowercase(), self.activation)
    }

    /// "direct", "through a group", or "inherited from {where}" when the scope is known.
    pub fn held_text(&self) -> String {
        match (self.via, &self.source) {
            (Via::Inherited, Some(from)) => format!("inherited from {from}"),
            (via, _) => via.label().to_owned(),
        }
    }

    /// True when an administrator can remove, update, extend or renew it here.
    pub fn is_managed_here(&self) -> bool {
        self.via == Via::Direct && !self.activation
    }
}

/// Eligible, active or both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LevelFilter {
    #[default]
    All,
    Eligible,
    Active,
}

/// Permanent, time-bound or both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DurationFilter {
    #[default]
    All,
    Permanent,
    TimeBound,
}

/// The list's search and filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssignmentQuery {
    /// Words matched against the principal's name, UPN and id (every word must match).
    pub text: String,
    pub level: LevelFilter,
    pub duration: DurationFilter,
    /// Only direct assignments.
    pub direct_only: bool,
}

impl AssignmentQuery {
    /// True when `row` passes the level, duration and directness filters (not the text).
    fn passes_filters(&self, row: &AssignmentRow) -> bool {
        let level_ok = match self.level {
            LevelFilter::All => true,
            LevelFilter::Eligible => row.level == AssignmentLevel::Eligibility,
            LevelFilter::Active => row.level == AssignmentLevel::Assignment,
        };
        let duration_ok = match self.duration {
            DurationFilter::All => true,
            DurationFilter::Permanent => row.is_permanent(),
            DurationFilter::TimeBound => !row.is_permanent(),
        };
        level_ok && duration_ok && (!self.direct_only || row.via == Via::Direct)
    }

    /// True when `row` passes every filter.
    pub fn matches(&self, row: &AssignmentRow) -> bool {
        let hay = haystack(row);
        self.passes_filters(row) && self.text.split_whitespace().all(|w| hay.contains(&w.to_lowercase()))
    }

    /// The rows that pass, eligible first, then by principal name.
    pub fn apply(&self, rows: &[AssignmentRow]) -> Vec<AssignmentRow> {
        AssignmentIndex::new(rows).view(rows, self).into_iter().map(|i| rows[i].clone()).collect()
    }
}

/// The lowercase text a search matches: the principal's name, UPN, id and kind.
fn haystack(row: &AssignmentRow) -> String {
    format!(
        "{} {} {} {}",
        row.principal.name,
        row.principal.upn.as_deref().unwrap_or(""),
        row.principal.id,
        row.principal.kind.label()
    )
    .to_lowercase()
}

/// A loaded list's search texts and order, computed once per load (20,000 rows): a keystroke then
/// lowercases the query once and scans, allocating nothing per row and sorting nothing.
///
/// The lowercase texts are kept end to end in one buffer, in the list's order, so a scan reads
/// memory in sequence; and a search that narrows the previous one (a key typed at the end of a
/// word) scans only the previous answer ([`AssignmentIndex::view_after`]).
#[derive(Clone, Debug, Default)]
pub struct AssignmentIndex {
    /// Row indices, eligible first, then by principal name.
    order: Vec<usize>,
    /// The lowercase search texts of `order`'s rows, one after the other.
    texts: String,
    /// Where each position's text ends in `texts` (it starts where the one before ends).
    ends: Vec<usize>,
    /// Each row's position in `order`.
    position: Vec<usize>,
}

impl AssignmentIndex {
    /// Indexes `rows` (build again when they change).
    pub fn new(rows: &[AssignmentRow]) -> Self {
        let names: Vec<String> = rows.iter().map(|r| r.principal.name.to_lowercase()).collect();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| {
            let key =
                |i: usize| (rows[i].level != AssignmentLevel::Eligibility, &names[i], rows[i].activation);
            key(a).cmp(&key(b))
        });
        let (mut texts, mut ends, mut position) =
            (String::new(), Vec::with_capacity(rows.len()), vec![0; rows.len()]);
        for (at, &i) in order.iter().enumerate() {
            texts.push_str(&haystack(&rows[i]));
            ends.push(texts.len());
            position[i] = at;
        }
        AssignmentIndex { order, texts, ends, position }
    }

    /// The indices of the `rows` that pass `query`, in the list's order.
    pub fn view(&self, rows: &[AssignmentRow], query: &AssignmentQuery) -> Vec<usize> {
        self.view_after(rows, query, None)
    }

    /// [`view`](Self::view), given the previous search and its answer (from this index): when
    /// every row that passes `query` passed the previous one (the same filters, and each of its
    /// words inside one of the new words), only that answer is scanned.
    pub fn view_after(
        &self,
        rows: &[AssignmentRow],
        query: &AssignmentQuery,
        before: Option<(&AssignmentQuery, &[usize])>,
    ) -> Vec<usize> {
        let needle = query.text.to_lowercase();
        let words: Vec<&[u8]> = needle.split_whitespace().map(str::as_bytes).collect();
        let passes = |i: usize| {
            let at = self.position[i];
            let text = &self.texts.as_bytes()[if at == 0 { 0 } else { self.ends[at - 1] }..self.ends[at]];
            rows.get(i).is_some_and(|row| query.passes_filters(row))
                && words.iter().all(|w| contains(text, w))
        };
        match before {
            Some((old, found)) if query.narrows(old) => {
                found.iter().copied().filter(|&i| passes(i)).collect()
            }
            _ => self.order.iter().copied().filter(|&i| passes(i)).collect(),
        }
    }
}

impl AssignmentQuery {
    /// True when every row that passes `self` passes `before` too: the same filters, and each
    /// word of `before` inside some word of `self` (e.g. "12" after "1", "ann sm" after "ann").
    fn narrows(&self, before: &AssignmentQuery) -> bool {
        let (new, old) = (self.text.to_lowercase(), before.text.to_lowercase());
        (self.level, self.duration, self.direct_only) == (before.level, before.duration, before.direct_only)
            && old.split_whitespace().all(|o| new.split_whitespace().any(|n| n.contains(o)))
    }
}

/// Whether `needle` occurs in `hay` (bytes of UTF-8 text, so a match is a match of characters):
/// a scan for the needle's first byte, then a comparison. Search words are short, and this
/// needs no set-up per text, unlike `str::contains`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    let Some(last) = hay.len().checked_sub(needle.len()) else { return false };
    let mut from = 0;
    while let Some(found) = find_byte(&hay[from..=last], first) {
        let at = from + found;
        if hay[at + 1..at + needle.len()] == *rest {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Where `byte` first occurs in `hay`, testing eight bytes at a time (a word holds the byte when
/// `(x - 0x01…) & !x & 0x80…` is not zero, for `x` the word xor the byte repeated).
fn find_byte(hay: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let repeated = ONES * u64::from(byte);
    let mut words = hay.chunks_exact(8);
    for (n, chunk) in words.by_ref().enumerate() {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ repeated;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            return chunk.iter().position(|&b| b == byte).map(|i| n * 8 + i);
        }
    }
    let done = hay.len() - words.remainder().len();
    words.remainder().iter().position(|&b| b == byte).map(|i| done + i)
}

#[cfg(test)]
mod tests;
