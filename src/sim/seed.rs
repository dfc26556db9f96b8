//! The demo tenant: personas, roles, groups, Azure scopes, role settings, a pending approval,
//! a month of history and an open access review. Deterministic from the seed and `now`.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::catalog::*;
use super::clock::Clock;
use super::model::*;
use super::policy::{default_rule, policy_key};
use super::reviews::{Decision, ReviewDefinition, ReviewInstance};
use super::rng::Rng;
use super::{Sim, SimEndpoints};
use crate::domain::duration::IsoDuration;

/// A persona of the demo sign-in page (stable ids across seeds).
#[derive(Clone, Copy, Debug)]
pub struct Persona {
    pub id: &'static str,
    pub upn: &'static str,
    pub display_name: &'static str,
    pub description: &'static str,
    pub job_title: &'static str,
}

/// Alex, the engineer with eligible roles.
pub const ALEX: &str = "6e3a1c52-8d4b-4f0e-9a71-2b5c8d9e0f11";
/// Bailey, the approver.
pub const BAILEY: &str = "b41e7f23-5a6c-4d8e-8f90-1a2b3c4d5e22";
/// Casey, the Privileged Role Administrator.
pub const CASEY: &str = "c5d2e8f4-6b7a-4c9d-a0e1-2f3a4b5c6d33";
/// Dana, the break-glass Global Administrator.
pub const DANA: &str = "d6e3f9a5-7c8b-4dae-b1f2-3a4b5c6d7e44";
/// The demo tenant id.
pub const TENANT: &str = "7a1f6c3e-2b4d-4e8f-9c0a-1d2e3f4a5b66";

/// The demo personas.
pub const PERSONAS: &[Persona] = &[
    Persona { id: ALEX, upn: "alex@contoso.example", display_name: "Alex Morgan", job_title: "Cloud Engineer",
        description: "Engineer: eligible for Entra roles (approval, MFA, authentication context), PIM groups and Azure roles." },
    Persona { id: BAILEY, upn: "bailey@contoso.example", display_name: "Bailey Kim", job_title: "Engineering Manager",
        description: "Approver: has a pending activation request waiting, and reviews access." },
    Persona { id: CASEY, upn: "casey@contoso.example", display_name: "Casey Jordan", job_title: "Identity Administrator",
        description: "Privileged Role Administrator: assigns roles and edits role settings." },
    Persona { id: DANA, upn: "dana@contoso.example", display_name: "Dana Lee", job_title: "Break-glass Administrator",
        description: "The only Global Administrator (permanent)." },
];

fn user(id: &str, upn: &str, name: &str, title: &str) -> User {
    User { id: id.into(), upn: upn.into(), display_name: name.into(), job_title: title.into() }
}

impl Sim {
    /// An empty tenant (only the personas) at `now`.
    pub(crate) fn empty(seed: u64, now: DateTime<Utc>) -> Sim {
        let mut rng = Rng::new(seed);
        let secret = rng.hex(32);
        Sim {
            tenant_id: TENANT.into(),
            secret,
            endpoints: SimEndpoints::default(),
            clock: Clock::new(now),
            rng,
            users: PERSONAS.iter().map(|p| user(p.id, p.upn, p.display_name, p.job_title)).collect(),
            groups: Vec::new(),
            admin_units: Vec::new(),
            azure_scopes: Vec::new(),
            schedules: Vec::new(),
            requests: Vec::new(),
            policies: Vec::new(),
            audit: Vec::new(),
            reviews: Vec::new(),
            faults: Vec::new(),
        }
    }

    /// Adds a schedule directly (seeding).
    pub(crate) fn seed_schedule(
        &mut self,
        level: Level,
        target: Target,
        principal: &str,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
    ) -> String {
        let id = match target.kind {
            Kind::Group => format!("{}_{}_{}", target.scope, target.role, self.rng.guid()),
            _ => self.rng.guid(),
        };
        self.schedules.push(Schedule {
            id: id.clone(),
            level,
            target,
            principal_id: principal.into(),
            start,
            end,
            assignment_type: AssignmentType::Assigned,
            created: start,
            modified: start,
            created_using: None,
            activated_from: None,
            ended: None,
        });
        id
    }

    /// Overrides one rule of a policy (seeding; no audit event).
    pub(crate) fn seed_rule(&mut self, target: &Target, rule_id: &str, patch: serde_json::Value) {
        let key = policy_key(target);
        let mut rule = self
            .rules_of(&key)
            .into_iter()
            .find(|r| r["id"] == rule_id)
            .unwrap_or_else(|| default_rule(key.kind, rule_id));
        if let (Some(r), Some(p)) = (rule.as_object_mut(), patch.as_object()) {
            for (k, v) in p {
                r.insert(k.clone(), v.clone());
            }
        }
        match self.policies.iter_mut().find(|p| p.key == key) {
            Some(p) => {
                p.rules.insert(rule_id.into(), rule);
            }
            None => {
                let mut rules = std::collections::BTreeMap::new();
                rules.insert(rule_id.to_string(), rule);
                self.policies.push(super::policy::PolicyOverride {
                    key,
                    rules,
                    modified: None,
                    modified_by: None,
                });
            }
        }
    }
}

fn dir(role: &str) -> Target {
    Target { kind: Kind::Directory, scope: "/".into(), role: role.into() }
}

fn approval_by(user: &str) -> serde_json::Value {
    json!({"setting": {"isApprovalRequired": true, "isApprovalRequiredForExtension": false, "isRequestorJustificationRequired": true,
        "approvalMode": "SingleStage", "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true,
        "escalationTimeInMinutes": 0, "isEscalationEnabled": false,
        "primaryApprovers": [{"@odata.type": "#microsoft.graph.singleUser", "userId": user, "description": "Bailey Kim"}],
        "escalationApprovers": []}]}})
}

/// Builds the demo tenant.
pub fn demo(seed: u64, now: DateTime<Utc>) -> Sim {
    let mut sim = Sim::empty(seed, now);
    let extra = [
        ("drew", "Drew Patel", "Site Reliability Engineer"),
        ("emery", "Emery Chen", "Security Analyst"),
        ("finley", "Finley Ortiz", "Helpdesk Lead"),
        ("harper", "Harper Singh", "Database Engineer"),
    ];
    let mut others = Vec::new();
    for (nick, name, title) in extra {
        let id = sim.rng.guid();
        sim.users.push(user(&id, &format!("{nick}@contoso.example"), name, title));
        others.push(id);
    }
    let (drew, emery, finley, harper) =
        (others[0].clone(), others[1].clone(), others[2].clone(), others[3].clone());
    for (name, desc) in
        [("Europe", "Users and devices in Europe"), ("Americas", "Users and devices in the Americas")]
    {
        let id = sim.rng.guid();
        sim.admin_units.push(AdminUnit { id, display_name: name.into(), description: desc.into() });
    }
    let groups = [
        ("PIM - Production Operators", "Just-in-time operators of production", true, true),
        ("PIM - Database Admins", "Owners of the production databases", false, true),
        ("Identity Approvers", "People who approve identity role activations", false, false),
    ];
    for (name, desc, assignable, pim) in groups {
        let id = sim.rng.guid();
        let members = if pim { vec![] } else { vec![BAILEY.to_string(), CASEY.to_string()] };
        sim.groups.push(Group {
            id,
            display_name: name.into(),
            description: desc.into(),
            role_assignable: assignable,
            pim_enabled: pim,
            members,
        });
    }
    let (ops, dba) = (sim.groups[0].id.clone(), sim.groups[1].id.clone());
    let mg = "/providers/Microsoft.Management/managementGroups/contoso".to_string();
    let prod = format!("/subscriptions/{}", sim.rng.guid());
    let dev = format!("/subscriptions/{}", sim.rng.guid());
    let scopes = [
        (mg.clone(), "Contoso", ScopeLevel::ManagementGroup, None),
        (prod.clone(), "Contoso Production", ScopeLevel::Subscription, Some(mg.clone())),
        (dev.clone(), "Contoso Development", ScopeLevel::Subscription, Some(mg.clone())),
        (
            format!("{prod}/resourceGroups/rg-web-prod"),
            "rg-web-prod",
            ScopeLevel::ResourceGroup,
            Some(prod.clone()),
        ),
        (
            format!("{prod}/resourceGroups/rg-data-prod"),
            "rg-data-prod",
            ScopeLevel::ResourceGroup,
            Some(prod.clone()),
        ),
        (
            format!("{dev}/resourceGroups/rg-sandbox"),
            "rg-sandbox",
            ScopeLevel::ResourceGroup,
            Some(dev.clone()),
        ),
    ];
    for (id, name, level, parent) in scopes {
        sim.azure_scopes.push(AzureScope { id, display_name: name.into(), level, parent });
    }
    let web = format!("{prod}/resourceGroups/rg-web-prod");

    // Role settings.
    sim.seed_rule(&dir(USER_ADMIN), "Approval_EndUser_Assignment", approval_by(BAILEY));
    sim.seed_rule(
        &dir(USER_ADMIN),
        "Expiration_Admin_Assignment",
        json!({"isExpirationRequired": true, "maximumDuration": "P90D"}),
    );
    sim.seed_rule(
        &dir(EXCHANGE_ADMIN),
        "Enablement_EndUser_Assignment",
        json!({"enabledRules": ["MultiFactorAuthentication", "Justification"]}),
    );
    sim.seed_rule(
        &dir(SECURITY_ADMIN),
        "AuthenticationContext_EndUser_Assignment",
        json!({"isEnabled": true, "claimValue": "c1"}),
    );
    sim.seed_rule(
        &dir(HELPDESK_ADMIN),
        "Enablement_EndUser_Assignment",
        json!({"enabledRules": ["Justification", "Ticketing"]}),
    );
    sim.seed_rule(
        &dir(HELPDESK_ADMIN),
        "Expiration_EndUser_Assignment",
        json!({"isExpirationRequired": true, "maximumDuration": "PT4H"}),
    );
    sim.seed_rule(&dir(GLOBAL_READER), "Enablement_EndUser_Assignment", json!({"enabledRules": []}));
    sim.seed_rule(
        &dir(GLOBAL_ADMIN),
        "Enablement_EndUser_Assignment",
        json!({"enabledRules": ["MultiFactorAuthentication", "Justification"]}),
    );
    sim.seed_rule(&dir(GLOBAL_ADMIN), "Approval_EndUser_Assignment", approval_by(BAILEY));
    let dba_owner = Target { kind: Kind::Group, scope: dba.clone(), role: "owner".into() };
    sim.seed_rule(&dba_owner, "Approval_EndUser_Assignment", approval_by(BAILEY));
    let web_owner = Target { kind: Kind::Azure, scope: web.clone(), role: OWNER.into() };
    sim.seed_rule(&web_owner, "Approval_EndUser_Assignment", approval_by(BAILEY));

    // Standing assignments.
    let long_ago = now - Duration::days(400);
    sim.seed_schedule(Level::Assignment, dir(GLOBAL_ADMIN), DANA, long_ago, None);
    sim.seed_schedule(Level::Assignment, dir(PRIVILEGED_ROLE_ADMIN), CASEY, long_ago, None);
    sim.seed_schedule(Level::Assignment, dir(REPORTS_READER), ALEX, now - Duration::days(90), None);
    sim.seed_schedule(Level::Assignment, dir(GROUPS_ADMIN), BAILEY, now - Duration::days(200), None);
    sim.seed_schedule(
        Level::Assignment,
        Target { kind: Kind::Azure, scope: mg.clone(), role: OWNER.into() },
        CASEY,
        long_ago,
        None,
    );

    // Eligibilities.
    let since = now - Duration::days(60);
    let year = Some(now + Duration::days(300));
    for role in [USER_ADMIN, EXCHANGE_ADMIN, SECURITY_ADMIN, HELPDESK_ADMIN, GLOBAL_READER] {
        sim.seed_schedule(Level::Eligibility, dir(role), ALEX, since, year);
    }
    sim.seed_schedule(Level::Eligibility, dir(INTUNE_ADMIN), ALEX, since, Some(now + Duration::days(10)));
    sim.seed_schedule(
        Level::Eligibility,
        Target { kind: Kind::Group, scope: ops.clone(), role: "member".into() },
        ALEX,
        since,
        year,
    );
    sim.seed_schedule(Level::Eligibility, dba_owner.clone(), ALEX, since, year);
    sim.seed_schedule(
        Level::Eligibility,
        Target { kind: Kind::Azure, scope: prod.clone(), role: CONTRIBUTOR.into() },
        ALEX,
        since,
        year,
    );
    sim.seed_schedule(Level::Eligibility, web_owner.clone(), ALEX, since, year);
    sim.seed_schedule(
        Level::Eligibility,
        Target { kind: Kind::Azure, scope: dev.clone(), role: READER.into() },
        ALEX,
        since,
        year,
    );
    sim.seed_schedule(Level::Eligibility, dir("5d6b6bb7-de71-4623-b4af-96380a352509"), BAILEY, since, None);
    sim.seed_schedule(Level::Eligibility, dir(GLOBAL_ADMIN), CASEY, since, year);
    sim.seed_schedule(Level::Eligibility, dir(USER_ADMIN), &drew, since, year);
    sim.seed_schedule(
        Level::Eligibility,
        Target { kind: Kind::Group, scope: ops.clone(), role: "member".into() },
        &drew,
        since,
        year,
    );
    sim.seed_schedule(Level::Eligibility, dir(SECURITY_ADMIN), &emery, since, year);
    sim.seed_schedule(Level::Eligibility, dir(HELPDESK_ADMIN), &finley, since, year);
    sim.seed_schedule(Level::Eligibility, dba_owner.clone(), &harper, since, year);

    history(&mut sim, now, &[ALEX.to_string(), drew.clone(), emery.clone(), finley.clone()]);

    // Drew's activation waiting for Bailey.
    let view = sim.policy_view(&dir(USER_ADMIN));
    let id = sim.rng.guid();
    let asked = now - Duration::minutes(20);
    let req = Request {
        id: id.clone(),
        level: Level::Assignment,
        target: dir(USER_ADMIN),
        principal_id: drew.clone(),
        action: Action::SelfActivate,
        status: Status::PendingApproval,
        created: asked,
        completed: None,
        created_by: drew.clone(),
        justification: Some("Onboarding 12 contractors for the Q3 migration (CHG-4471)".into()),
        ticket: None,
        schedule: Some(RequestSchedule {
            start: None,
            expiration: Expiration::AfterDuration,
            end: None,
            duration: Some(IsoDuration::from_hours(2)),
        }),
        target_schedule_id: None,
        validation_only: false,
        approval: Some(Approval {
            stage_id: super::rng::stable_guid(&["stage", &id]),
            approvers: vec![BAILEY.into()],
            result: ReviewResult::NotReviewed,
            reviewed_by: None,
            reviewed_at: None,
            justification: String::new(),
            justification_required: view.approver_justification_required,
        }),
    };
    sim.record_request(&req, "Add member to role requested (PIM activation)", asked);
    sim.record_request(&req, "Add member to role approval requested (PIM activation)", asked);
    sim.requests.push(req);

    // An open access review of User Administrator.
    let def_id = sim.rng.guid();
    let inst_id = sim.rng.guid();
    let decisions = [(ALEX.to_string(), "Approve"), (drew.clone(), "Deny")]
        .into_iter()
        .map(|(p, rec)| Decision {
            id: sim.rng.guid(),
            principal_id: p,
            decision: "NotReviewed".into(),
            justification: String::new(),
            reviewed_by: None,
            reviewed_at: None,
            recommendation: rec.into(),
        })
        .collect();
    sim.reviews.push(ReviewDefinition {
        id: def_id,
        display_name: "Quarterly review: User Administrator".into(),
        description: "Confirm who still needs User Administrator.".into(),
        role_id: USER_ADMIN.into(),
        reviewers: vec![BAILEY.into(), CASEY.into()],
        created: now - Duration::days(3),
        created_by: CASEY.into(),
        instances: vec![ReviewInstance {
            id: inst_id,
            start: now - Duration::days(3),
            end: now + Duration::days(11),
            decisions,
        }],
    });
    sim
}

/// A month of past activations, deactivations, expiries and one denial, with their requests.
fn history(sim: &mut Sim, now: DateTime<Utc>, users: &[String]) {
    let roles = [EXCHANGE_ADMIN, GLOBAL_READER, HELPDESK_ADMIN, INTUNE_ADMIN];
    for day in (1..=30).rev() {
        if sim.rng.below(3) == 0 {
            continue;
        }
        let who = users[sim.rng.below(users.len() as u64) as usize].clone();
        let role = roles[sim.rng.below(roles.len() as u64) as usize];
        let at = now - Duration::days(day) + Duration::minutes(sim.rng.below(600) as i64);
        let hours = 1 + sim.rng.below(4) as i64;
        let id = sim.rng.guid();
        let deactivate = sim.rng.below(3) == 0;
        let mut req = Request {
            id: id.clone(),
            level: Level::Assignment,
            target: dir(role),
            principal_id: who.clone(),
            action: Action::SelfActivate,
            status: Status::Provisioned,
            created: at,
            completed: Some(at),
            created_by: who.clone(),
            justification: Some(
                ["Incident follow-up", "Mailbox migration", "Password reset batch", "Device compliance fix"]
                    [(day % 4) as usize]
                    .into(),
            ),
            ticket: None,
            schedule: Some(RequestSchedule {
                start: Some(at),
                expiration: Expiration::AfterDuration,
                end: None,
                duration: Some(IsoDuration::from_hours(hours)),
            }),
            target_schedule_id: Some(id.clone()),
            approval: None,
            validation_only: false,
        };
        sim.record_request(&req, "Add member to role requested (PIM activation)", at);
        sim.record_request(&req, "Add member to role completed (PIM activation)", at);
        let end = at + Duration::hours(hours);
        let mut sched = Schedule {
            id: id.clone(),
            level: Level::Assignment,
            target: dir(role),
            principal_id: who.clone(),
            start: at,
            end: Some(end),
            assignment_type: AssignmentType::Activated,
            created: at,
            modified: at,
            created_using: Some(id.clone()),
            activated_from: None,
            ended: Some(end),
        };
        if deactivate {
            let off = at + Duration::minutes(30);
            sched.ended = Some(off);
            let mut d = req.clone();
            d.id = sim.rng.guid();
            d.action = Action::SelfDeactivate;
            d.status = Status::Revoked;
            d.created = off;
            d.completed = Some(off);
            d.schedule = None;
            sim.record_request(&d, "Remove member from role completed (PIM deactivate)", off);
            sim.requests.push(d);
        } else {
            sim.record_expiry(&sched);
        }
        sim.schedules.push(sched);
        req.status = Status::Provisioned;
        sim.requests.push(req);
    }
    // A denied request and a settings change.
    let at = now - Duration::days(12);
    let id = sim.rng.guid();
    let mut denied = Request {
        id: id.clone(),
        level: Level::Assignment,
        target: dir(USER_ADMIN),
        principal_id: ALEX.into(),
        action: Action::SelfActivate,
        status: Status::Denied,
        created: at,
        completed: Some(at + Duration::hours(1)),
        created_by: ALEX.into(),
        justification: Some("Bulk user import".into()),
        ticket: None,
        schedule: Some(RequestSchedule {
            start: None,
            expiration: Expiration::AfterDuration,
            end: None,
            duration: Some(IsoDuration::from_hours(8)),
        }),
        target_schedule_id: None,
        validation_only: false,
        approval: Some(Approval {
            stage_id: super::rng::stable_guid(&["stage", &id]),
            approvers: vec![BAILEY.into()],
            result: ReviewResult::Deny,
            reviewed_by: Some(BAILEY.into()),
            reviewed_at: Some(at + Duration::hours(1)),
            justification: "Use the import service account instead.".into(),
            justification_required: true,
        }),
    };
    sim.record_request(&denied, "Add member to role requested (PIM activation)", at);
    sim.record_by(
        &denied,
        "Add member to role request denied (PIM activation)",
        BAILEY,
        at + Duration::hours(1),
    );
    denied.status = Status::Denied;
    sim.requests.push(denied);
    sim.record(
        now - Duration::days(20),
        "Update role setting in PIM",
        Some(CASEY),
        &dir(HELPDESK_ADMIN),
        CASEY,
        &id,
        vec![],
    );
}
