//! Access reviews from the reviewer's side: who still holds a privileged role, what the service
//! recommends, and my decision (approve, deny, don't know) with the justification the review asks
//! for.

use chrono::{DateTime, Utc};

use super::format::relative_end;

/// A decision a reviewer can record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewChoice {
    Approve,
    Deny,
    DontKnow,
}

impl ReviewChoice {
    /// Graph's value (`Approve`, `Deny`, `DontKnow`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewChoice::Approve => "Approve",
            ReviewChoice::Deny => "Deny",
            ReviewChoice::DontKnow => "DontKnow",
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            ReviewChoice::Approve => "Keep access",
            ReviewChoice::Deny => "Remove access",
            ReviewChoice::DontKnow => "Don't know",
        }
    }

    /// What happened, for the result line.
    pub fn done(self) -> &'static str {
        match self {
            ReviewChoice::Approve => "Recorded: keep access.",
            ReviewChoice::Deny => "Recorded: remove access (applied when the review ends).",
            ReviewChoice::DontKnow => "Recorded: don't know.",
        }
    }
}

/// One person to review, in one run of one review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRow {
    pub definition_id: String,
    pub instance_id: String,
    pub decision_id: String,
    /// "Quarterly review: User Administrator".
    pub review: String,
    /// The person whose access is reviewed.
    pub principal: String,
    pub principal_upn: Option<String>,
    /// The service's recommendation (`Approve`, `Deny`, `NotAvailable`…), if any.
    pub recommendation: Option<String>,
    /// The decision recorded so far (`NotReviewed` when none).
    pub decision: String,
    pub justification: Option<String>,
    /// When the run ends.
    pub ends: Option<DateTime<Utc>>,
    /// Whether the review asks for a justification with every decision.
    pub justification_required: bool,
}

impl ReviewRow {
    /// True once a decision was recorded.
    pub fn decided(&self) -> bool {
        !matches!(self.decision.to_ascii_lowercase().as_str(), "" | "notreviewed" | "notnotified")
    }

    /// "Recommended: keep access" / "remove access", in words.
    pub fn recommendation_text(&self) -> Option<&'static str> {
        match self.recommendation.as_deref()?.to_ascii_lowercase().as_str() {
            "approve" => Some("Recommended: keep access"),
            "deny" => Some("Recommended: remove access (no recent sign-in or use)"),
            _ => None,
        }
    }

    /// "ends in 3 days" at `now`.
    pub fn due_text(&self, now: DateTime<Utc>) -> Option<String> {
        self.ends.map(|e| relative_end(e, now))
    }
}

/// Why a decision cannot be sent yet, if it cannot.
pub fn decision_problem(rows: &[&ReviewRow], justification: &str) -> Option<&'static str> {
    if rows.is_empty() {
        return Some("Select the people to decide on.");
    }
    if justification.trim().is_empty() && rows.iter().any(|r| r.justification_required) {
        return Some("This review asks for a justification with each decision.");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_items::at;

    fn row(decision: &str, recommendation: Option<&str>, required: bool) -> ReviewRow {
        ReviewRow {
            definition_id: "d".into(),
            instance_id: "i".into(),
            decision_id: "x".into(),
            review: "Quarterly review: User Administrator".into(),
            principal: "Alex Morgan".into(),
            principal_upn: Some("alex@contoso.example".into()),
            recommendation: recommendation.map(str::to_owned),
            decision: decision.into(),
            justification: None,
            ends: Some(at("2026-03-12T09:00:00Z")),
            justification_required: required,
        }
    }

    #[test]
    fn decided_rows_and_recommendations_read_plainly() {
        assert!(!row("NotReviewed", None, false).decided());
        assert!(row("Deny", None, false).decided());
        assert_eq!(
            row("NotReviewed", Some("Approve"), false).recommendation_text(),
            Some("Recommended: keep access")
        );
        assert!(row("NotReviewed", Some("Deny"), false).recommendation_text().unwrap().contains("remove"));
        assert_eq!(row("NotReviewed", Some("NotAvailable"), false).recommendation_text(), None);
        assert!(row("NotReviewed", None, false)
            .due_text(at("2026-03-09T09:00:00Z"))
            .unwrap()
            .contains("3 d"));
    }

    #[test]
    fn a_decision_needs_people_and_the_justification_the_review_asks_for() {
        let optional = row("NotReviewed", None, false);
        let required = row("NotReviewed", None, true);
        assert!(decision_problem(&[], "x").is_some());
        assert_eq!(decision_problem(&[&optional], ""), None);
        assert!(decision_problem(&[&optional, &required], "  ").unwrap().contains("justification"));
        assert_eq!(decision_problem(&[&required], "Left the team"), None);
        assert_eq!(ReviewChoice::DontKnow.as_str(), "DontKnow");
    }
}
