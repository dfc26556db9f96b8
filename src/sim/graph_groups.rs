//! Graph routes for PIM for Groups (`/identityGovernance/privilegedAccess/group/…`).

use super::graph_entities::Coll;
use super::model::Kind;
use super::router::{Ctx, Reply};
use super::Sim;

impl Sim {
    pub(crate) fn graph_groups(&mut self, ctx: &Ctx, rest: &[&str]) -> Reply {
        match rest {
            ["assignmentApprovals", rest @ ..] => self.group_approvals(ctx, rest),
            [coll, rest @ ..] => match Coll::parse(Kind::Group, coll) {
                Some(c) => {
                    let context = format!("identityGovernance/privilegedAccess/group/{coll}");
                    self.pim_collection(ctx, Kind::Group, c, &context, rest)
                }
                None => Err(ctx.unknown()),
            },
            [] => Err(ctx.unknown()),
        }
    }
}
