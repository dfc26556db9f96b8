//! A tenant at scale for `scripts/bench`: many PIM-managed groups a persona is eligible for, and a
//! directory role with many eligible users. Never part of the demo; the bench's loopback server
//! asks for it.

use chrono::Duration;

use super::model::{Group, Kind, Level, Target, User};
use super::personas::PERSONAS;
use super::seed::dir;
use super::Sim;

impl Sim {
    /// Adds `count` PIM-enabled groups ("Scale group 0001" …) with a member eligibility, valid
    /// for a year, for the persona signing in as `upn` (e.g. `alex@contoso.example`). Returns
    /// false, adding nothing, when no persona has that name.
    pub fn seed_eligible_groups(&mut self, upn: &str, count: usize) -> bool {
        let Some(principal) = PERSONAS.iter().find(|p| p.upn == upn).map(|p| p.id) else {
            return false;
        };
        let now = self.clock.latest();
        for n in 1..=count {
            let id = self.rng.guid();
            self.groups.push(Group {
                id: id.clone(),
                display_name: format!("Scale group {n:04}"),
                description: format!("Bench group {n} of {count}"),
                role_assignable: false,
                pim_enabled: true,
                members: Vec::new(),
            });
            let target = Target { kind: Kind::Group, scope: id, role: "member".into() };
            self.seed_schedule(
                Level::Eligibility,
                target,
                principal,
                now - Duration::days(30),
                Some(now + Duration::days(365)),
            );
        }
        true
    }

    /// Adds `count` users ("Scale user 00001", `scale.user00001@contoso.example`), each eligible
    /// for the directory role `role` (a role definition id) tenant-wide, for a year: an
    /// administrator's list of that many assignments.
    pub fn seed_role_eligibilities(&mut self, role: &str, count: usize) {
        let now = self.clock.latest();
        for n in 1..=count {
            let id = self.rng.guid();
            self.users.push(User {
                id: id.clone(),
                upn: format!("scale.user{n:05}@contoso.example"),
                display_name: format!("Scale user {n:05}"),
                job_title: "Bench user".into(),
            });
            self.seed_schedule(
                Level::Eligibility,
                dir(role),
                &id,
                now - Duration::days(30),
                Some(now + Duration::days(365)),
            );
        }
    }
}
