//! Tests for the activation form.

use super::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn strict() -> ActivationPolicy {
    ActivationPolicy {
        max_duration: IsoDuration::from_hours(4),
        require_justification: true,
        require_ticket: true,
        ..ActivationPolicy::default()
    }
}

fn filled() -> ActivationForm {
    ActivationForm {
        duration: "1h30m".into(),
        justification: "  INC-42 outage  ".into(),
        ticket_system: "ServiceNow".into(),
        ticket_number: "INC0042".into(),
        ..ActivationForm::default()
    }
}

const NOW: &str = "2026-03-01T09:00:00Z";

#[test]
fn default_duration_is_two_hours_or_the_policy_maximum() {
    assert_eq!(ActivationForm::for_policy(&strict()).duration, "PT2H");
    let short = ActivationPolicy { max_duration: IsoDuration::from_hours(1), ..Default::default() };
    assert_eq!(default_duration(&short), IsoDuration::from_hours(1));
}

#[test]
fn a_complete_form_becomes_a_request() {
    let valid = validate(&filled(), &strict(), at(NOW)).unwrap();
    assert_eq!(valid.duration, IsoDuration::from_minutes(90));
    assert_eq!(valid.justification.as_deref(), Some("INC-42 outage"));
    assert_eq!(valid.ticket, Some(Ticket { system: "ServiceNow".into(), number: "INC0042".into() }));
    assert_eq!((valid.start, valid.scope), (None, None));
}

#[test]
fn each_missing_requirement_gets_its_own_message() {
    let errors =
        validate(&ActivationForm { duration: "9h".into(), ..Default::default() }, &strict(), at(NOW))
            .unwrap_err();
    assert_eq!(errors.get(Field::Duration), Some("At most 4 h for this role."));
    assert_eq!(errors.get(Field::Justification), Some("A justification is required for this role."));
    assert_eq!(errors.get(Field::TicketSystem), Some("A ticket system is required for this role."));
    assert_eq!(errors.get(Field::TicketNumber), Some("A ticket number is required for this role."));
    assert_eq!(errors.len(), 4);
}

#[test]
fn an_open_policy_needs_only_a_duration() {
    let form = ActivationForm { duration: "30m".into(), ..Default::default() };
    let valid = validate(&form, &ActivationPolicy::default(), at(NOW)).unwrap();
    assert_eq!((valid.justification, valid.ticket), (None, None));
    let bad = validate(
        &ActivationForm { duration: "soon".into(), ..Default::default() },
        &ActivationPolicy::default(),
        at(NOW),
    );
    assert!(bad.unwrap_err().get(Field::Duration).unwrap().contains("not a duration"));
    let tiny = validate(
        &ActivationForm { duration: "2m".into(), ..Default::default() },
        &ActivationPolicy::default(),
        at(NOW),
    );
    assert_eq!(tiny.unwrap_err().get(Field::Duration), Some("At least 5 min."));
}

#[test]
fn scheduled_start_must_be_ahead_and_not_too_far() {
    let policy = strict();
    let with_start = |s: &str| ActivationForm { start: Some(at(s)), ..filled() };
    let past = validate(&with_start("2026-03-01T08:00:00Z"), &policy, at(NOW)).unwrap_err();
    assert_eq!(past.get(Field::Start), Some("The start time is in the past."));
    let far = validate(&with_start("2026-05-01T08:00:00Z"), &policy, at(NOW)).unwrap_err();
    assert_eq!(far.get(Field::Start), Some("Start within 30 days."));
    let now_ish = validate(&with_start("2026-03-01T08:59:00Z"), &policy, at(NOW)).unwrap();
    assert_eq!(now_ish.start, None, "a start within the grace means now");
    let later = validate(&with_start("2026-03-01T18:00:00Z"), &policy, at(NOW)).unwrap();
    assert_eq!(later.start, Some(at("2026-03-01T18:00:00Z")));
}

#[test]
fn narrower_scope_must_sit_inside_the_eligible_one() {
    let sub = ArmScope::parse("/subscriptions/s1").unwrap();
    let form = |scope: &str| ActivationForm { narrower_scope: Some(scope.into()), ..filled() };
    let policy = strict();
    let ok =
        validate_for(&form("/subscriptions/S1/resourceGroups/rg-web"), &policy, Some(&sub), at(NOW)).unwrap();
    assert_eq!(ok.scope.unwrap().as_str(), "/subscriptions/S1/resourceGroups/rg-web");
    let same = validate_for(&form("/subscriptions/s1"), &policy, Some(&sub), at(NOW)).unwrap();
    assert_eq!(same.scope, None);
    let outside =
        validate_for(&form("/subscriptions/s2/resourceGroups/rg"), &policy, Some(&sub), at(NOW)).unwrap_err();
    assert_eq!(outside.get(Field::Scope), Some("Choose a scope inside the one you are eligible for."));
    let not_azure = validate(&form("/subscriptions/s1"), &policy, at(NOW)).unwrap_err();
    assert!(not_azure.get(Field::Scope).unwrap().contains("Only Azure roles"));
}

#[test]
fn optional_ticket_needs_a_number_when_a_system_is_named() {
    let form = ActivationForm { duration: "1h".into(), ticket_system: "Jira".into(), ..Default::default() };
    let errors = validate(&form, &ActivationPolicy::default(), at(NOW)).unwrap_err();
    assert_eq!(errors.get(Field::TicketNumber), Some("Add the ticket number, or clear the ticket system."));
    let long = ActivationForm { duration: "1h".into(), justification: "x".repeat(501), ..Default::default() };
    let errors = validate(&long, &ActivationPolicy::default(), at(NOW)).unwrap_err();
    assert_eq!(errors.get(Field::Justification), Some("At most 500 characters."));
}
