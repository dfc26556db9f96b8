//! A tenant at scale for `scripts/bench`: many PIM-managed groups a persona is eligible for.
//! Never part of the demo; the bench's loopback server asks for it.

use chrono::Duration;

use super::model::{Group, Kind, Level, Target};
use super::personas::PERSONAS;
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
}
