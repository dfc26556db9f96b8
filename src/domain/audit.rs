//! PIM audit history as people read it: who did what to which role, when, why, and whether it
//! worked; searched and filtered in the page, and exported as CSV.

use chrono::{DateTime, Utc};

use super::format::utc_stamp;

/// Which plane an audit record is about (Graph's `category`, API.md §9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuditPlane {
    /// `RoleManagement`: Entra roles.
    Roles,
    /// `GroupManagement`: PIM for Groups.
    Groups,
    /// `ResourceManagement`: Azure resources.
    Azure,
    /// Anything else.
    Other,
}

impl AuditPlane {
    pub const ALL: [AuditPlane; 3] = [AuditPlane::Roles, AuditPlane::Groups, AuditPlane::Azure];

    /// From Graph's `category`, any case.
    pub fn from_category(category: &str) -> AuditPlane {
        match category.to_ascii_lowercase().as_str() {
            "rolemanagement" => AuditPlane::Roles,
            "groupmanagement" => AuditPlane::Groups,
            "resourcemanagement" => AuditPlane::Azure,
            _ => AuditPlane::Other,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuditPlane::Roles => "Entra roles",
            AuditPlane::Groups => "Groups",
            AuditPlane::Azure => "Azure",
            AuditPlane::Other => "Other",
        }
    }
}

/// One audit record, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: String,
    pub at: Option<DateTime<Utc>>,
    /// `Add member to role completed (PIM activation)`.
    pub activity: String,
    /// Who did it: a person's name, or the service (`MS-PIM`) for expiries.
    pub actor: String,
    /// The role, group or resource acted on.
    pub target: String,
    /// The person the change was about, when it is not the actor.
    pub subject: Option<String>,
    pub plane: AuditPlane,
    pub succeeded: bool,
    /// Why it failed, when it did.
    pub reason: Option<String>,
    pub justification: Option<String>,
    pub ticket: Option<String>,
}

/// What the user narrowed the history to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Words that must all appear (activity, actor, target, subject, justification, ticket).
    pub text: String,
    /// `None` = every plane.
    pub plane: Option<AuditPlane>,
    /// Only failures.
    pub failures_only: bool,
}

impl AuditQuery {
    /// True when `entry` passes every part of the query.
    pub fn matches(&self, entry: &AuditEntry) -> bool {
        if self.plane.is_some_and(|p| p != entry.plane) || (self.failures_only && entry.succeeded) {
            return false;
        }
        let haystack = [
            Some(entry.activity.as_str()),
            Some(entry.actor.as_str()),
            Some(entry.target.as_str()),
            entry.subject.as_deref(),
            entry.justification.as_deref(),
            entry.ticket.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
        self.text.split_whitespace().all(|word| haystack.contains(&word.to_lowercase()))
    }
}

/// The entries that match, newest first.
pub fn filter_entries(entries: &[AuditEntry], query: &AuditQuery) -> Vec<AuditEntry> {
    let mut out: Vec<AuditEntry> = entries.iter().filter(|e| query.matches(e)).cloned().collect();
    out.sort_by(|a, b| b.at.cmp(&a.at));
    out
}

/// The entries as CSV, with a header row, for a spreadsheet or a ticket.
pub fn audit_csv(entries: &[AuditEntry]) -> String {
    let mut out = String::from("time (UTC),activity,by,target,about,plane,result,justification,ticket\r\n");
    for e in entries {
        let fields = [
            e.at.map(utc_stamp).unwrap_or_default(),
            e.activity.clone(),
            e.actor.clone(),
            e.target.clone(),
            e.subject.clone().unwrap_or_default(),
            e.plane.label().to_owned(),
            if e.succeeded {
                "success".to_owned()
            } else {
                format!("failure: {}", e.reason.clone().unwrap_or_default())
            },
            e.justification.clone().unwrap_or_default(),
            e.ticket.clone().unwrap_or_default(),
        ];
        out.push_str(&fields.iter().map(|f| super::csv::field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_items::at;

    fn entry(activity: &str, actor: &str, plane: AuditPlane, when: &str) -> AuditEntry {
        AuditEntry {
            id: activity.into(),
            at: Some(at(when)),
            activity: activity.into(),
            actor: actor.into(),
            target: "Security Administrator".into(),
            subject: None,
            plane,
            succeeded: true,
            reason: None,
            justification: Some("Incident INC-42, \"urgent\"".into()),
            ticket: None,
        }
    }

    #[test]
    fn every_word_must_match_somewhere_and_newest_come_first() {
        let entries = vec![
            entry(
                "Add member to role completed (PIM activation)",
                "Alex Morgan",
                AuditPlane::Roles,
                "2026-03-01T09:00:00Z",
            ),
            entry(
                "Add member to role request approved (PIM activation)",
                "Bailey Kim",
                AuditPlane::Roles,
                "2026-03-01T10:00:00Z",
            ),
            entry(
                "Add member to group completed (PIM activation)",
                "Alex Morgan",
                AuditPlane::Groups,
                "2026-03-02T09:00:00Z",
            ),
        ];
        let q = |text: &str| AuditQuery { text: text.into(), ..Default::default() };
        let found = filter_entries(&entries, &q("alex activation"));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].plane, AuditPlane::Groups, "newest first");
        assert_eq!(filter_entries(&entries, &q("bailey approved")).len(), 1);
        assert_eq!(filter_entries(&entries, &q("inc-42")).len(), 3, "justifications are searched");
        let groups = AuditQuery { plane: Some(AuditPlane::Groups), ..Default::default() };
        assert_eq!(filter_entries(&entries, &groups).len(), 1);
        let failures = AuditQuery { failures_only: true, ..Default::default() };
        assert!(filter_entries(&entries, &failures).is_empty());
    }

    #[test]
    fn categories_map_to_planes() {
        assert_eq!(AuditPlane::from_category("RoleManagement"), AuditPlane::Roles);
        assert_eq!(AuditPlane::from_category("groupmanagement"), AuditPlane::Groups);
        assert_eq!(AuditPlane::from_category("ResourceManagement"), AuditPlane::Azure);
        assert_eq!(AuditPlane::from_category("UserManagement"), AuditPlane::Other);
    }

    #[test]
    fn the_csv_quotes_what_needs_it_and_never_starts_a_formula() {
        let mut e = entry("=HYPERLINK(\"x\")", "Alex, M.", AuditPlane::Azure, "2026-03-01T09:00:00Z");
        e.succeeded = false;
        e.reason = Some("locked".into());
        let csv = audit_csv(&[e]);
        let mut lines = csv.split("\r\n");
        assert!(lines.next().unwrap().starts_with("time (UTC),activity,by"));
        let row = lines.next().unwrap();
        assert!(row.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{row}");
        assert!(row.contains("\"Alex, M.\""), "{row}");
        assert!(row.contains("failure: locked"), "{row}");
        assert!(row.contains("\"Incident INC-42, \"\"urgent\"\"\""), "{row}");
    }
}
