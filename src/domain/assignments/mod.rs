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
#[derive(Clone, Debug, Default)]
pub struct AssignmentIndex {
    /// Row indices, eligible first, then by principal name.
    order: Vec<usize>,
    haystacks: Vec<String>,
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
        AssignmentIndex { order, haystacks: rows.iter().map(haystack).collect() }
    }

    /// The indices of the `rows` that pass `query`, in the list's order.
    pub fn view(&self, rows: &[AssignmentRow], query: &AssignmentQuery) -> Vec<usize> {
        let needle = query.text.to_lowercase();
        let words: Vec<&str> = needle.split_whitespace().collect();
        self.order
            .iter()
            .copied()
            .filter(|&i| {
                rows.get(i).is_some_and(|row| query.passes_filters(row))
                    && words.iter().all(|w| self.haystacks[i].contains(w))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
