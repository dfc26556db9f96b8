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

use super::history::history;
use super::personas::*;

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
            identity: Default::default(),
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
        // Every standing grant has the administrator's request behind it, as in a real tenant.
        let request_id = self.rng.guid();
        let expiration = if end.is_some() { Expiration::AfterDateTime } else { Expiration::NoExpiration };
        self.requests.push(Request {
            id: request_id.clone(),
            level,
            target: target.clone(),
            principal_id: principal.into(),
            action: Action::AdminAssign,
            status: Status::Provisioned,
            created: start,
            completed: Some(start),
            created_by: CASEY.into(),
            justification: Some("Standing access approved by the identity team".into()),
            ticket: None,
            schedule: Some(RequestSchedule { start: Some(start), expiration, end, duration: None }),
            target_schedule_id: Some(id.clone()),
            approval: None,
            validation_only: false,
        });
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
            created_using: Some(request_id),
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

/// A directory role at the tenant scope.
pub(crate) fn dir(role: &str) -> Target {
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
    // Authentication Administrator for one administrative unit only.
    let europe = format!("/administrativeUnits/{}", sim.admin_units[0].id);
    let auth_admin =
        Target { kind: Kind::Directory, scope: europe, role: "c4e39bd9-1100-46d3-8c65-fb160da0071f".into() };
    sim.seed_schedule(Level::Eligibility, auth_admin, ALEX, since, year);
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
            timeout_days: view.approval_timeout_days,
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
