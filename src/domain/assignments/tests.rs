use chrono::{DateTime, Duration, Utc};

use super::import::{
    self, preview, read_rows, result_csv, ImportContext, ImportFileError, RoleRef, RowProblem, WriteOutcome,
};
use super::*;
use crate::domain::csv::{self, parse};
use crate::domain::policy::{PolicyRule, RuleFacts};
use crate::domain::{Enablement, IsoDuration};

const GA: &str = GLOBAL_ADMINISTRATOR;
const USER_ADMIN: &str = "fe930be7-5e62-47db-91af-98c3a49a38b1";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-05T10:00:00Z").unwrap().with_timezone(&Utc)
}

fn person(id: &str, name: &str) -> Principal {
    Principal {
        id: PrincipalId::new(id),
        kind: PrincipalKind::User,
        name: name.into(),
        upn: Some(format!("{}@contoso.example", name.to_lowercase())),
    }
}

fn row(p: Principal, role: &str, level: AssignmentLevel, end: Option<DateTime<Utc>>) -> AssignmentRow {
    AssignmentRow {
        principal: p,
        target: AssignmentTarget::tenant_role(role),
        level,
        start: Some(now() - Duration::days(10)),
        end,
        via: Via::Direct,
        activation: false,
        source: None,
    }
}

fn expiration(id: &str, required: bool, max: &str) -> PolicyRule {
    PolicyRule {
        id: id.into(),
        facts: RuleFacts::Expiration {
            is_expiration_required: required,
            maximum_duration: Some(IsoDuration::parse(max).unwrap()),
        },
    }
}

/// User Administrator in the demo: active must end within 90 days, with a justification.
fn user_admin_rules() -> AssignmentRules {
    AssignmentRules::from_rules(&[
        expiration("Expiration_Admin_Eligibility", false, "P365D"),
        expiration("Expiration_Admin_Assignment", true, "P90D"),
        PolicyRule {
            id: "Enablement_Admin_Assignment".into(),
            facts: RuleFacts::Enablement { enabled: vec![Enablement::Justification] },
        },
    ])
}

fn new(
    level: AssignmentLevel,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    why: &str,
) -> NewAssignment {
    NewAssignment {
        principal: PrincipalId::new("u1"),
        target: AssignmentTarget::tenant_role(USER_ADMIN),
        level,
        start,
        end,
        justification: why.into(),
    }
}

#[test]
fn a_new_assignment_is_checked_against_the_expiration_admin_rules() {
    let rules = user_admin_rules();
    let active = AssignmentLevel::Assignment;
    let eligible = AssignmentLevel::Eligibility;
    assert!(rules
        .check(&new(active, None, Some(now() + Duration::days(30)), "audit"), &[], now())
        .is_empty());
    assert_eq!(
        rules.check(&new(active, None, None, "audit"), &[], now()),
        vec![AssignmentProblem::PermanentNotAllowed { max: Some(IsoDuration::from_days(90)) }]
    );
    assert_eq!(
        rules.check(&new(active, None, Some(now() + Duration::days(120)), "audit"), &[], now()),
        vec![AssignmentProblem::ExceedsMaximum { max: IsoDuration::from_days(90) }]
    );
    // Eligible: permanent allowed, but a time-bound one is still held to 365 days.
    assert!(rules.check(&new(eligible, None, None, ""), &[], now()).is_empty());
    assert_eq!(rules.check(&new(eligible, None, Some(now() + Duration::days(400)), ""), &[], now()).len(), 1);
    let later = now() + Duration::days(5);
    assert_eq!(
        rules.check(&new(eligible, Some(later), Some(later - Duration::days(1)), ""), &[], now()),
        vec![AssignmentProblem::EndBeforeStart]
    );
    assert_eq!(
        rules.check(&new(eligible, None, Some(now() - Duration::hours(1)), ""), &[], now()),
        vec![AssignmentProblem::EndInPast]
    );
    assert_eq!(
        rules.check(&new(active, None, Some(later), " "), &[], now()),
        vec![AssignmentProblem::JustificationRequired]
    );
    let held = [row(person("U1", "Ann"), USER_ADMIN, eligible, None)];
    assert_eq!(rules.check(&new(eligible, None, None, ""), &held, now()), vec![AssignmentProblem::Duplicate]);
    assert!(
        rules.check(&new(active, None, Some(later), "x"), &held, now()).is_empty(),
        "other level is fine"
    );
    assert!(AssignmentProblem::ExceedsMaximum { max: IsoDuration::from_days(90) }.explain().contains("90 d"));
    assert_eq!(rules.latest_end(active, now()), Some(now() + Duration::days(90)));
}

#[test]
fn the_last_global_administrator_cannot_be_removed_and_says_why() {
    let dana = row(person("d", "Dana"), GA, AssignmentLevel::Assignment, None);
    let casey_eligible = row(person("c", "Casey"), GA, AssignmentLevel::Eligibility, None);
    let all = vec![dana.clone(), casey_eligible.clone()];
    let why = removal_block(&dana, &all).expect("Dana is the last one");
    assert!(why.reason.contains("Dana is the last active Global Administrator"), "{}", why.reason);
    assert!(why.next_step.contains("Assign Global Administrator (active) to someone else first"));
    // An eligibility is not a Global Administrator in force, and can always be removed.
    assert_eq!(removal_block(&casey_eligible, &all), None);
    let casey_active = row(person("c", "Casey"), GA, AssignmentLevel::Assignment, None);
    assert_eq!(removal_block(&dana, &[dana.clone(), casey_active]), None);
    let other_role = row(person("d", "Dana"), USER_ADMIN, AssignmentLevel::Assignment, None);
    assert_eq!(removal_block(&other_role, &[other_role.clone()]), None);
}

#[test]
fn the_list_filters_by_text_level_duration_and_directness() {
    let mut via_group = row(person("g", "Gale"), USER_ADMIN, AssignmentLevel::Assignment, None);
    via_group.via = Via::Group;
    let rows = vec![
        row(person("b", "Bea"), USER_ADMIN, AssignmentLevel::Assignment, Some(now() + Duration::days(3))),
        row(person("a", "Ann"), USER_ADMIN, AssignmentLevel::Eligibility, None),
        via_group,
    ];
    let names =
        |q: &AssignmentQuery| q.apply(&rows).into_iter().map(|r| r.principal.name).collect::<Vec<_>>();
    assert_eq!(names(&AssignmentQuery::default()), ["Ann", "Bea", "Gale"], "eligible first, then by name");
    let q = AssignmentQuery { text: "bea@CONTOSO".into(), ..Default::default() };
    assert_eq!(names(&q), ["Bea"]);
    let q = AssignmentQuery {
        level: LevelFilter::Active,
        duration: DurationFilter::Permanent,
        ..Default::default()
    };
    assert_eq!(names(&q), ["Gale"]);
    let q = AssignmentQuery { direct_only: true, duration: DurationFilter::TimeBound, ..Default::default() };
    assert_eq!(names(&q), ["Bea"]);
    assert_eq!(Via::parse(Some("Inherited")), Via::Inherited);
    assert!(!rows[2].is_managed_here());
}

#[test]
fn the_index_built_once_answers_each_search_in_list_order() {
    // Loaded in reverse, every other one eligible.
    let rows: Vec<AssignmentRow> = (0..500)
        .rev()
        .map(|n| {
            let level = if n % 2 == 0 { AssignmentLevel::Eligibility } else { AssignmentLevel::Assignment };
            row(person(&format!("id-{n}"), &format!("Person{n:03}")), USER_ADMIN, level, None)
        })
        .collect();
    let index = AssignmentIndex::new(&rows);
    let names = |q: &AssignmentQuery| {
        index.view(&rows, q).into_iter().map(|i| rows[i].principal.name.clone()).collect::<Vec<_>>()
    };
    let all = names(&AssignmentQuery::default());
    assert_eq!(all.len(), 500);
    assert_eq!(all[..2], ["Person000", "Person002"], "eligible first, then by name");
    assert_eq!(all[250..252], ["Person001", "Person003"]);
    // By UPN and by id, in any case; every word must match.
    assert_eq!(names(&AssignmentQuery { text: "PERSON421@".into(), ..Default::default() }), ["Person421"]);
    assert_eq!(names(&AssignmentQuery { text: "id-499 user".into(), ..Default::default() }), ["Person499"]);
    let q = AssignmentQuery { text: "person42".into(), level: LevelFilter::Eligible, ..Default::default() };
    assert_eq!(names(&q), ["Person420", "Person422", "Person424", "Person426", "Person428"]);
    assert!(names(&AssignmentQuery { text: "nobody".into(), ..Default::default() }).is_empty());
    // The same answer as matching each row on its own.
    let q = AssignmentQuery { text: "person1".into(), ..Default::default() };
    assert_eq!(index.view(&rows, &q).len(), rows.iter().filter(|r| q.matches(r)).count());
}

#[test]
fn a_search_that_narrows_the_last_one_scans_only_its_answer_and_finds_the_same_rows() {
    let rows: Vec<AssignmentRow> = (0..400)
        .map(|n| {
            let level = if n % 3 == 0 { AssignmentLevel::Assignment } else { AssignmentLevel::Eligibility };
            row(person(&format!("id-{n:04}-Ünï"), &format!("Person{n:03} Ann")), USER_ADMIN, level, None)
        })
        .collect();
    let index = AssignmentIndex::new(&rows);
    let q = |text: &str| AssignmentQuery { text: text.into(), ..Default::default() };
    // Typing, deleting, adding a word, changing a filter: each answer equals a full scan's.
    let typed = [
        q(""),
        q("1"),
        q("12"),
        q("123"),
        q("12"),
        q("12 ann"),
        q("12 ANN ün"),
        AssignmentQuery { level: LevelFilter::Active, ..q("12 ann ün") },
        q("12 ann ün"),
        q("person01"),
        q("person01 x"),
        q(""),
    ];
    let mut before: Option<(AssignmentQuery, Vec<usize>)> = None;
    for query in typed {
        let found = index.view_after(&rows, &query, before.as_ref().map(|(q, f)| (q, f.as_slice())));
        let full = index.view(&rows, &query);
        let one_by_one: Vec<usize> = full.iter().copied().filter(|&i| query.matches(&rows[i])).collect();
        assert_eq!(found, full, "{query:?}");
        assert_eq!(full, one_by_one, "{query:?}");
        before = Some((query, found));
    }
    assert!(q("123").narrows(&q("12")) && q("12 ann").narrows(&q("ann")) && q("ann sm").narrows(&q("")));
    assert!(!q("12").narrows(&q("123")) && !q("13").narrows(&q("12")));
    assert!(
        !AssignmentQuery { direct_only: true, ..q("12") }.narrows(&q("1")),
        "another filter: a full scan"
    );
    assert_eq!(index.view(&rows, &q("ünï")).len(), 400, "non-ASCII text matches in any case");
    assert_eq!(index.view(&rows, &q("PERSON399 ANN")).len(), 1);
}

#[test]
fn the_search_finds_a_word_at_every_place_of_a_text() {
    // Texts longer and shorter than the eight bytes tested at once, the word at each place.
    for len in 0..24 {
        for at in 0..len {
            for word in ["q", "qz", "qzü"] {
                let mut text: String = "ab".repeat(len).chars().take(len).collect();
                if at + word.chars().count() > len {
                    continue;
                }
                text.replace_range(at..at + 1, word);
                let p = Principal { name: text.clone(), upn: None, ..person("id", "x") };
                let rows = [row(p, USER_ADMIN, AssignmentLevel::Eligibility, None)];
                let index = AssignmentIndex::new(&rows);
                let q = AssignmentQuery { text: word.into(), ..Default::default() };
                assert_eq!(index.view(&rows, &q), [0], "{word:?} in {text:?}");
                let q = AssignmentQuery { text: format!("{word}q"), ..Default::default() };
                assert_eq!(
                    index.view(&rows, &q).len(),
                    usize::from(text.contains(&format!("{word}q"))),
                    "{text:?}"
                );
            }
        }
    }
}

#[test]
fn csv_follows_rfc_4180_quoting() {
    let text = "\u{feff}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nlast,,\n";
    let recs = parse(text).unwrap();
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[1].fields, ["x, y", "say \"hi\"", "two\nlines"]);
    assert_eq!(recs[1].line, 2);
    assert_eq!(recs[2].line, 5, "the quoted line break and the blank line count");
    assert_eq!(recs[2].fields, ["last", "", ""]);
    assert_eq!(parse("a,\"b").unwrap_err().line, 1);
    assert!(parse("a,b\"c\n").unwrap_err().message.contains("unquoted"));
    assert!(parse("\"a\"b\n").is_err());
    assert_eq!(parse("no newline at end").unwrap()[0].fields, ["no newline at end"]);
    let written = csv::write(&[vec!["x, y".into(), "say \"hi\"".into(), "plain".into()]]);
    assert_eq!(written, "\"x, y\",\"say \"\"hi\"\"\",plain\r\n");
    assert_eq!(parse(&written).unwrap()[0].fields, ["x, y", "say \"hi\"", "plain"]);
    assert_eq!(csv::write(&[vec!["=1+1".into(), "-x".into()]]), "'=1+1,'-x\r\n", "never a formula");
}

#[test]
fn the_file_needs_a_header_with_principal_role_and_type() {
    assert_eq!(read_rows(""), Err(ImportFileError::Empty));
    assert_eq!(read_rows("principal,role\n"), Err(ImportFileError::MissingColumns(vec!["type"])));
    assert_eq!(read_rows("Principal,Role,Type\n"), Err(ImportFileError::NoRows));
    let rows = read_rows("Type,User Principal Name,Role Name,Ticket\neligible,ann@x,Reports Reader,CHG-1\n")
        .unwrap();
    assert_eq!(
        (rows[0].principal.as_str(), rows[0].role.as_str(), rows[0].kind.as_str()),
        ("ann@x", "Reports Reader", "eligible")
    );
    assert_eq!((rows[0].ticket.as_str(), rows[0].line), ("CHG-1", 2));
    assert!(ImportFileError::MissingColumns(vec!["type"]).explain().contains("missing: type"));
}

#[test]
fn the_preview_flags_every_bad_row_and_keeps_the_good_ones() {
    let ann = person("a1", "Ann");
    let bea = person("b2", "Bea");
    let roles = vec![
        RoleRef {
            id: RoleDefinitionId::new(USER_ADMIN),
            template_id: Some(USER_ADMIN.into()),
            name: "User Administrator".into(),
        },
        RoleRef { id: RoleDefinitionId::new(GA), template_id: None, name: "Global Administrator".into() },
    ];
    let rules = vec![(RoleDefinitionId::new(USER_ADMIN), user_admin_rules())];
    let existing = vec![row(bea.clone(), GA, AssignmentLevel::Eligibility, None)];
    let text = "principal,role,type,start,end,justification,ticket\n\
        ann@contoso.example,User Administrator,eligible,,,onboarding,\n\
        A1,fe930be7-5e62-47db-91af-98c3a49a38b1,active,2026-12-06,2026-12-20,\"on call, week 50\",CHG-9\n\
        nobody@contoso.example,User Administrator,eligible,,,x,\n\
        ann@contoso.example,Astronaut,eligible,,,x,\n\
        ann@contoso.example,user administrator,ELIGIBLE,,,again,\n\
        bea@contoso.example,Global Administrator,eligible,,,x,\n\
        bea@contoso.example,User Administrator,active,2026-12-10,2026-12-01,x,\n\
        bea@contoso.example,User Administrator,active,,,x,\n\
        bea@contoso.example,User Administrator,sometimes,soon,,x,\n";
    let rows = read_rows(text).unwrap();
    let ctx = ImportContext {
        principals: &[ann, bea],
        roles: &roles,
        rules: &rules,
        existing: &existing,
        now: now(),
    };
    let p = preview(&rows, &ctx);
    let ok: Vec<usize> = p.iter().filter(|r| r.is_ok()).map(|r| r.row.line).collect();
    assert_eq!(ok, [2, 3]);
    let problems = |line: usize| p.iter().find(|r| r.row.line == line).unwrap().problems.clone();
    assert_eq!(problems(4), [RowProblem::UnknownPrincipal("nobody@contoso.example".into())]);
    assert_eq!(problems(5), [RowProblem::UnknownRole("Astronaut".into())]);
    assert_eq!(problems(6), [RowProblem::DuplicateInFile { line: 2 }]);
    assert_eq!(problems(7), [RowProblem::Rule(AssignmentProblem::Duplicate)]);
    assert_eq!(problems(8), [RowProblem::Rule(AssignmentProblem::EndBeforeStart)]);
    assert_eq!(
        problems(9),
        [RowProblem::Rule(AssignmentProblem::PermanentNotAllowed { max: Some(IsoDuration::from_days(90)) })]
    );
    assert_eq!(problems(10).len(), 2, "type and start both wrong: {:?}", problems(10));
    let planned = p[1].planned.as_ref().unwrap();
    assert_eq!(planned.new.start, Some(now() + Duration::hours(14)));
    assert_eq!(
        (planned.ticket.as_deref(), planned.new.justification.as_str()),
        (Some("CHG-9"), "on call, week 50")
    );

    let out = result_csv(
        &p,
        &[(2, WriteOutcome::Written("Provisioned".into())), (3, WriteOutcome::Failed("Refused.".into()))],
    );
    let back = parse(&out).unwrap();
    assert_eq!(back[0].fields.last().map(String::as_str), Some("detail"));
    assert_eq!(back.len(), p.len() + 1);
    assert_eq!(back[1].fields[7..], ["written".to_string(), "Provisioned".into()]);
    assert_eq!(back[2].fields[5], "on call, week 50", "quoted values survive the round trip");
    assert_eq!(back[2].fields[7], "failed");
    assert_eq!(back[3].fields[7], "not written");
    assert!(back[3].fields[8].starts_with("Unknown user"), "{}", back[3].fields[8]);
    assert_eq!(import::principals_named(&rows).len(), 4, "each distinct text is looked up once");
}

#[test]
fn only_an_active_privileged_role_or_global_administrator_may_change_assignments() {
    let pra = PRIVILEGED_ROLE_ADMINISTRATOR.to_uppercase();
    assert_eq!(admin_standing(&[pra.clone()], &[]), AdminStanding::Admin);
    assert_eq!(
        admin_standing(&[USER_ADMIN.into()], &[GA.into()]),
        AdminStanding::CanActivate("Global Administrator")
    );
    let alex = admin_standing(&["4a5d8f65-41da-4de4-8968-e035b65339cf".into()], &[USER_ADMIN.into()]);
    assert_eq!(alex, AdminStanding::NotAdmin);
    let why = alex.explain().unwrap();
    assert!(why.reason.contains("needs the Privileged Role Administrator"), "{}", why.reason);
    assert!(AdminStanding::CanActivate("Global Administrator")
        .explain()
        .unwrap()
        .next_step
        .contains("activate it in My roles"));
    assert_eq!(AdminStanding::Admin.explain(), None);
}
