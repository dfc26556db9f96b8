use super::*;
use crate::domain::policy::{AdminExpiry, Approver, ApproverKind, Enablement, PolicyRule, RuleFacts};

fn rule(id: &str, facts: RuleFacts) -> PolicyRule {
    PolicyRule { id: id.to_owned(), facts }
}

fn bailey() -> Approver {
    Approver { id: "b-1".into(), name: Some("Bailey Kim".into()), kind: ApproverKind::User }
}

fn helpdesk_rules() -> Vec<PolicyRule> {
    vec![
        rule(
            "Expiration_EndUser_Assignment",
            RuleFacts::Expiration {
                is_expiration_required: true,
                maximum_duration: Some(IsoDuration::from_hours(4)),
            },
        ),
        rule(
            "enablement_enduser_assignment",
            RuleFacts::Enablement { enabled: vec![Enablement::Mfa, Enablement::Ticketing] },
        ),
        rule(
            "Approval_EndUser_Assignment",
            RuleFacts::Approval {
                is_approval_required: true,
                is_requestor_justification_required: true,
                approvers: vec![bailey()],
            },
        ),
        rule(
            "Expiration_Admin_Eligibility",
            RuleFacts::Expiration {
                is_expiration_required: true,
                maximum_duration: Some(IsoDuration::from_days(365)),
            },
        ),
        rule("Notification_Admin_Admin_Eligibility", RuleFacts::Other),
    ]
}

#[test]
fn reads_the_editable_rules_and_keeps_defaults_for_missing_ones() {
    let s = RoleSettings::from_rules(&helpdesk_rules(), Vec::new());
    assert_eq!(s.activation_max, IsoDuration::from_hours(4));
    assert_eq!(s.sign_in, SignInRequirement::Mfa);
    assert!(s.ticket && !s.justification);
    assert!(s.approval);
    assert_eq!(s.approvers, vec![bailey()]);
    assert_eq!(
        s.eligible_expiry,
        AdminExpiry { permanent_allowed: false, max_duration: Some(IsoDuration::from_days(365)) }
    );
    // No Expiration_Admin_Assignment rule: the documented default.
    assert!(s.active_expiry.permanent_allowed);
}

#[test]
fn an_authentication_context_wins_over_mfa() {
    let mut rules = helpdesk_rules();
    rules.push(rule(
        "AuthenticationContext_EndUser_Assignment",
        RuleFacts::AuthenticationContext { is_enabled: true, claim_value: Some("c3".into()) },
    ));
    let s = RoleSettings::from_rules(&rules, Vec::new());
    assert_eq!(s.sign_in, SignInRequirement::Context("c3".into()));
    assert_eq!(
        s.describe(SettingRule::AuthenticationContext),
        "Activation needs the Conditional Access authentication context c3."
    );
}

#[test]
fn sentences_read_plainly() {
    let s = RoleSettings::from_rules(&helpdesk_rules(), Vec::new());
    assert_eq!(s.describe(SettingRule::ActivationDuration), "Activation lasts at most 4 h.");
    assert_eq!(
        s.describe(SettingRule::ActivationRequirements),
        "Activation asks for multi-factor authentication and a ticket number."
    );
    assert_eq!(s.describe(SettingRule::Approval), "Activation needs approval by Bailey Kim.");
    assert_eq!(
        s.describe(SettingRule::EligibleExpiry),
        "Eligible assignments must end, after 365 d at most."
    );
    assert_eq!(s.describe(SettingRule::ActiveExpiry), "Active assignments may be permanent.");
    assert_eq!(RoleSettings::default().describe(SettingRule::Approval), "Activation needs no approval.");
    assert_eq!(s.summary().len(), 6);
}

#[test]
fn notifications_are_described() {
    let n = Notification {
        rule_id: "Notification_Approver_EndUser_Assignment".into(),
        level: "Critical".into(),
        default_recipients: true,
        recipients: vec!["soc@contoso.example".into()],
    };
    assert_eq!(
        describe_notification(&n),
        "When members activate, the approvers get critical e-mails only; also sent to soc@contoso.example."
    );
}

#[test]
fn the_diff_lists_exactly_the_rules_that_change() {
    let before = RoleSettings::from_rules(&helpdesk_rules(), Vec::new());
    assert!(diff(&before, &before).is_empty());
    let mut after = before.clone();
    after.activation_max = IsoDuration::from_hours(2);
    after.approval = false;
    let changes = diff(&before, &after);
    assert_eq!(
        changes.iter().map(|c| c.rule).collect::<Vec<_>>(),
        vec![SettingRule::ActivationDuration, SettingRule::Approval]
    );
    assert_eq!(changes[0].before, "Activation lasts at most 4 h.");
    assert_eq!(changes[0].after, "Activation lasts at most 2 h.");
    assert_eq!(changes[1].after, "Activation needs no approval.");
}

#[test]
fn mfa_to_context_changes_two_rules_and_irrelevant_values_do_not_count() {
    let before = RoleSettings::from_rules(&helpdesk_rules(), Vec::new());
    let mut after = before.clone();
    after.sign_in = SignInRequirement::Context("c1".into());
    let rules: Vec<_> = diff(&before, &after).into_iter().map(|c| c.rule).collect();
    assert_eq!(rules, vec![SettingRule::ActivationRequirements, SettingRule::AuthenticationContext]);

    // A maximum on a permanent-allowed expiry and approvers of an approval that is off change nothing.
    let mut a = RoleSettings::default();
    let mut b = a.clone();
    b.eligible_expiry.max_duration = Some(IsoDuration::from_days(30));
    b.approvers = vec![bailey()];
    assert!(diff(&a, &b).is_empty());
    a.approval = true;
    b.approval = true;
    assert_eq!(diff(&a, &b).len(), 1);
}

#[test]
fn drafts_are_checked_before_saving() {
    let mut s = RoleSettings::default();
    assert!(s.problems().is_empty());
    s.activation_max = IsoDuration::from_hours(25);
    s.sign_in = SignInRequirement::Context("c100".into());
    s.active_expiry = AdminExpiry { permanent_allowed: false, max_duration: None };
    let rules: Vec<_> = s.problems().into_iter().map(|p| p.rule).collect();
    assert_eq!(
        rules,
        vec![SettingRule::ActivationDuration, SettingRule::AuthenticationContext, SettingRule::ActiveExpiry]
    );
}

#[test]
fn copying_takes_the_rules_but_keeps_the_targets_notifications() {
    let n = Notification {
        rule_id: "Notification_Admin_Admin_Eligibility".into(),
        level: "All".into(),
        default_recipients: true,
        recipients: vec![],
    };
    let target = RoleSettings { notifications: vec![n.clone()], ..RoleSettings::default() };
    let source = RoleSettings::from_rules(&helpdesk_rules(), Vec::new());
    let copied = target.with_rules_of(&source);
    assert_eq!(copied.notifications, vec![n]);
    assert!(diff(&copied, &source).is_empty());
    assert_eq!(diff(&target, &copied).len(), 4, "all but the unchanged context and active expiry");
}

fn key(role: &str) -> SettingsKey {
    SettingsKey { plane: crate::domain::item_key::Plane::EntraRole, scope: "/".into(), role: role.into() }
}

#[test]
fn an_export_reimports_with_no_drift() {
    let tenant = vec![
        (
            key("r1"),
            "Helpdesk Administrator".to_owned(),
            RoleSettings::from_rules(&helpdesk_rules(), Vec::new()),
        ),
        (key("r2"), "Global Reader".to_owned(), RoleSettings::default()),
    ];
    let text = export(&tenant, "2026-12-05T14:00:00Z");
    assert!(text.contains("\"format\": \"pim-console/role-settings\""));
    let file = import(&text).unwrap();
    assert_eq!(file.roles.len(), 2);
    assert!(file.notes.is_empty());
    let report = drift(&file, &tenant);
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.same, 2);
}

#[test]
fn drift_lists_differences_per_role_and_rule() {
    let tenant = vec![
        (
            key("R1"),
            "Helpdesk Administrator".to_owned(),
            RoleSettings::from_rules(&helpdesk_rules(), Vec::new()),
        ),
        (key("r2"), "Global Reader".to_owned(), RoleSettings::default()),
    ];
    // A hand-trimmed file: one role, one setting (the rest is not compared), plus a role the
    // tenant lacks, an entry with no key and unknown members.
    let text = r#"{"format":"pim-console/role-settings","version":1,"extra":true,"roles":[
        {"key":{"plane":"EntraRole","scope":"/","role":"r1"},"name":"Helpdesk Administrator","settings":{"activationMax":"PT1H","shiny":1}},
        {"key":{"plane":"EntraRole","scope":"/","role":"gone"},"name":"Old role","settings":{}},
        {"name":"Broken","settings":{}}
    ]}"#;
    let file = import(text).unwrap();
    assert_eq!(file.notes, vec!["Broken was skipped: it has no key.".to_owned()]);
    let report = drift(&file, &tenant);
    assert!(!report.is_clean());
    assert_eq!(report.changed.len(), 1);
    assert_eq!(report.changed[0].name, "Helpdesk Administrator");
    assert_eq!(report.changed[0].changes.len(), 1);
    assert_eq!(report.changed[0].changes[0].before, "Activation lasts at most 4 h.");
    assert_eq!(report.changed[0].changes[0].after, "Activation lasts at most 1 h.");
    assert_eq!(report.missing_in_tenant, vec!["Old role".to_owned()]);
    assert_eq!(report.not_in_file, vec!["Global Reader".to_owned()]);
}

#[test]
fn unreadable_files_and_settings_are_explained() {
    assert!(matches!(import("not json"), Err(ImportError::NotJson(_))));
    assert_eq!(import("{\"a\":1}"), Err(ImportError::NotSettings));
    let file = import(r#"{"version":9,"roles":[{"key":{"plane":"EntraRole","scope":"/","role":"r2"},"name":"Global Reader","settings":{"activationMax":"soon"}}]}"#).unwrap();
    assert!(file.notes[0].contains("version 9"));
    let tenant = vec![(key("r2"), "Global Reader".to_owned(), RoleSettings::default())];
    let report = drift(&file, &tenant);
    assert_eq!(report.unreadable.len(), 1);
    assert!(report.unreadable[0].starts_with("Global Reader: \"activationMax\" could not be read"));
}
