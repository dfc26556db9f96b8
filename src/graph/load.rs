//! The reads behind "My roles", with the fewest round trips: the Graph reads in one `$batch`, the
//! ARM reads beside it (not after it), and a policy per item on demand.

use futures::future::{join, join3};

use crate::domain::ids::{ArmScope, PrincipalId};
use crate::domain::item::{RequestTarget, RoleItem};
use crate::domain::policy::ActivationPolicy;
use crate::graph::adapt::{activation_policy, my_items, ArmAccess};
use crate::graph::client::arm::ArmRequestFilter;
use crate::graph::client::{GraphClient, MyAccess};
use crate::graph::wire::values::AccessId;
use crate::graph::GraphError;

/// My rows across the three planes, and any list that failed (the others still show).
pub async fn my_roles(client: &GraphClient, me: &PrincipalId) -> (Vec<RoleItem>, Vec<GraphError>) {
    let graph = client.load_my_access();
    let arm = async {
        let tenant = ArmScope::tenant();
        let mine = client.arm_requests(&tenant, ArmRequestFilter::AsRequestor);
        let (eligible, active, requests) =
            join3(client.arm_my_eligible_roles(), client.arm_my_active_roles(), mine).await;
        Ok(ArmAccess { eligible: eligible?, active: active?, requests: requests? })
    };
    let (graph, arm) = join(graph, arm).await;
    match graph {
        Ok(graph) => my_items(me, &graph, Some(&arm)),
        Err(e) => {
            // The whole batch failed: still show the Azure rows, and say why the rest is missing.
            let empty = MyAccess {
                eligible_roles: Ok(Vec::new()),
                active_roles: Ok(Vec::new()),
                eligible_groups: Ok(Vec::new()),
                active_groups: Ok(Vec::new()),
                pending_roles: Ok(Vec::new()),
                pending_groups: Ok(Vec::new()),
            };
            let (items, mut errors) = my_items(me, &empty, Some(&arm));
            errors.insert(0, e);
            (items, errors)
        }
    }
}

/// What activating this item requires, read from its policy.
pub async fn policy_of(client: &GraphClient, item: &RoleItem) -> Result<ActivationPolicy, GraphError> {
    let rules = match &item.target {
        RequestTarget::EntraRole { role, .. } => first_rules(client.role_policy(role).await?),
        RequestTarget::Group { group, access } => {
            let access = AccessId::from(*access);
            first_rules(client.group_policy(group, &access).await?)
        }
        RequestTarget::Azure { role, scope, .. } => client
            .arm_policy_assignments(scope, Some(role))
            .await?
            .into_iter()
            .next()
            .map(|a| a.properties.effective_rules)
            .unwrap_or_default(),
    };
    Ok(activation_policy(&rules))
}

fn first_rules(
    assignments: Vec<crate::graph::wire::RoleManagementPolicyAssignment>,
) -> Vec<crate::graph::wire::rules::PolicyRule> {
    assignments.into_iter().find_map(|a| a.policy).map(|p| p.rules).unwrap_or_default()
}
