//! The state of "Assignments" and its operations: who may change what, the chosen role or
//! group, its assignments and rules, and the changes sent.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::assignments::azure::{AzureRoleRef, ScopeChoice};
use crate::domain::assignments::import::RoleRef;
use crate::domain::assignments::{
    AdminStanding, AssignmentQuery, AssignmentRow, AssignmentRules, AssignmentTarget, NewAssignment,
};
use crate::domain::error_kind::Explanation;
use crate::domain::ids::{AccessId, GroupId};
use crate::graph::assignments::{
    admin_request, azure_assignments, azure_read_error, azure_roles, azure_rules, azure_scope_choices,
    group_assignments, group_rules, my_admin_standing, role_assignments, role_refs, role_rules, AdminChange,
    AdminError,
};
use crate::ui::services::Services;
use crate::ui::widgets::ResultLine;

/// The role or group whose assignments are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chosen {
    pub target: AssignmentTarget,
    pub name: String,
}

impl Chosen {
    pub fn role(r: &RoleRef) -> Self {
        Chosen { target: AssignmentTarget::tenant_role(r.id.as_str()), name: r.name.clone() }
    }

    pub fn group(id: GroupId, name: &str, access: AccessId) -> Self {
        let side = if access == AccessId::Owner { "owners" } else { "members" };
        Chosen { target: AssignmentTarget::Group { group: id, access }, name: format!("{name} ({side})") }
    }

    pub fn azure(role: &AzureRoleRef, at: &ScopeChoice) -> Self {
        Chosen {
            target: AssignmentTarget::Azure { role: role.id.clone(), scope: at.scope.clone() },
            name: format!("{} at {} ({})", role.name, at.name, at.level()),
        }
    }

    pub fn is_azure(&self) -> bool {
        matches!(self.target, AssignmentTarget::Azure { .. })
    }
}

/// The Azure side of the picker: the suggested scopes, the open scope and its roles.
#[derive(Clone, Copy)]
pub struct AzurePick {
    /// `None` until read (they are read when the Azure picker is first opened).
    pub scopes: RwSignal<Option<Vec<ScopeChoice>>>,
    pub asked: RwSignal<bool>,
    pub scope: RwSignal<Option<ScopeChoice>>,
    /// The roles at the open scope (`None` while they load), or why they could not be read.
    pub roles: RwSignal<Option<Result<Vec<AzureRoleRef>, String>>>,
}

/// Whether changes are offered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    Checking,
    /// The standing is known (or could not be read: then the service decides on each write).
    Known(Option<AdminStanding>),
}

/// Everything the page shows, as signals.
#[derive(Clone, Copy)]
pub struct AssignmentsState {
    pub services: StoredValue<Services, LocalStorage>,
    pub access: RwSignal<Access>,
    pub roles: RwSignal<Vec<RoleRef>>,
    pub chosen: RwSignal<Option<Chosen>>,
    pub rows: RwSignal<Vec<AssignmentRow>>,
    pub rules: RwSignal<AssignmentRules>,
    pub loaded: RwSignal<bool>,
    pub load_error: RwSignal<Option<String>>,
    pub query: RwSignal<AssignmentQuery>,
    pub busy: RwSignal<bool>,
    pub results: RwSignal<Vec<ResultLine>>,
    /// The row whose change form is open (its key).
    pub open_row: RwSignal<Option<String>>,
    pub now: RwSignal<chrono::DateTime<chrono::Utc>>,
    pub azure: AzurePick,
}

impl AssignmentsState {
    pub fn new(services: Services) -> Self {
        let now = services.now();
        AssignmentsState {
            services: StoredValue::new_local(services),
            access: RwSignal::new(Access::Checking),
            roles: RwSignal::new(Vec::new()),
            chosen: RwSignal::new(None),
            rows: RwSignal::new(Vec::new()),
            rules: RwSignal::new(AssignmentRules::default()),
            loaded: RwSignal::new(false),
            load_error: RwSignal::new(None),
            query: RwSignal::new(AssignmentQuery::default()),
            busy: RwSignal::new(false),
            results: RwSignal::new(Vec::new()),
            open_row: RwSignal::new(None),
            now: RwSignal::new(now),
            azure: AzurePick {
                scopes: RwSignal::new(None),
                asked: RwSignal::new(false),
                scope: RwSignal::new(None),
                roles: RwSignal::new(None),
            },
        }
    }

    /// True when the signed-in user may change assignments (or it is unknown: the service decides).
    /// At an Azure scope it takes Owner or User Access Administrator there, which only the service
    /// can tell (management-group membership is not in the ids): a refusal is explained.
    pub fn may_change(&self) -> bool {
        self.is_azure()
            || matches!(self.access.get(), Access::Known(None) | Access::Known(Some(AdminStanding::Admin)))
    }

    /// True when an Azure role at a scope is shown.
    pub fn is_azure(&self) -> bool {
        self.chosen.with(|c| c.as_ref().is_some_and(Chosen::is_azure))
    }

    /// Reads the scopes to suggest, once (ARM is only called when the Azure picker is opened).
    pub fn load_scopes(self) {
        if self.azure.asked.get_untracked() {
            return;
        }
        self.azure.asked.set(true);
        let services = self.services.get_value();
        spawn_local(async move {
            let found = azure_scope_choices(&services.client).await;
            self.azure.scopes.set(Some(found));
        });
    }

    /// Opens a scope: reads the roles offered there.
    pub fn open_scope(self, at: ScopeChoice) {
        self.azure.scope.set(Some(at.clone()));
        self.azure.roles.set(None);
        let services = self.services.get_value();
        spawn_local(async move {
            let roles = azure_roles(&services.client, &at.scope).await.map_err(|e| {
                let why = azure_read_error(&e);
                format!("{} {}", why.reason, why.next_step)
            });
            if self.azure.scope.get_untracked().as_ref() == Some(&at) {
                self.azure.roles.set(Some(roles));
            }
        });
    }

    /// Reads my standing and the role names once, then shows the first role.
    pub fn start(self) {
        let services = self.services.get_value();
        if services.me().is_none() {
            return;
        }
        spawn_local(async move {
            let standing = my_admin_standing(&services.client).await.ok();
            self.access.set(Access::Known(standing));
            match role_refs(&services.client).await {
                Ok(roles) => {
                    let first = roles
                        .iter()
                        .find(|r| r.id.as_str() == crate::domain::assignments::GLOBAL_ADMINISTRATOR)
                        .or(roles.first())
                        .map(Chosen::role);
                    self.roles.set(roles);
                    if self.chosen.get_untracked().is_none() {
                        if let Some(c) = first {
                            self.choose(c);
                        }
                    }
                }
                Err(e) => self.load_error.set(Some(format!("{} {}", e.explain(), e.next_step()))),
            }
        });
    }

    /// Shows another role or group.
    pub fn choose(self, chosen: Chosen) {
        self.chosen.set(Some(chosen));
        self.open_row.set(None);
        self.reload();
    }

    /// Reads the chosen target's assignments and rules.
    pub fn reload(self) {
        let Some(chosen) = self.chosen.get_untracked() else { return };
        let services = self.services.get_value();
        self.loaded.set(false);
        spawn_local(async move {
            let client = &services.client;
            let (rows, rules) = match &chosen.target {
                AssignmentTarget::Role { role, .. } => {
                    futures::join!(role_assignments(client, role), role_rules(client, role))
                }
                AssignmentTarget::Group { group, access } => {
                    futures::join!(group_assignments(client, group), group_rules(client, group, *access))
                }
                AssignmentTarget::Azure { role, scope } => {
                    futures::join!(azure_assignments(client, scope, role), azure_rules(client, scope, role))
                }
            };
            // Another target may have been chosen meanwhile.
            if self.chosen.get_untracked().as_ref() != Some(&chosen) {
                return;
            }
            match rows {
                Ok(rows) => {
                    // scripts/bench tells reading (many pages) from rendering with this mark.
                    crate::platform::perf::mark("pim:assignments-read");
                    let rows = rows.into_iter().filter(|r| r.target.listed_under(&chosen.target)).collect();
                    self.rows.set(rows);
                    self.load_error.set(None);
                }
                Err(e) => {
                    self.rows.set(Vec::new());
                    let why = azure_read_error(&e);
                    self.load_error.set(Some(format!("{} {}", why.reason, why.next_step)));
                }
            }
            // Without the policy the service still enforces its rules on each write.
            self.rules.set(rules.unwrap_or_default());
            self.now.set(services.now());
            self.loaded.set(true);
        });
    }

    /// Sends one change; the result line names `who` and the list is read again.
    pub fn send(self, change: AdminChange, who: String, done: impl FnOnce(bool) + 'static) {
        let services = self.services.get_value();
        let what = self.chosen.get_untracked().map(|c| c.name).unwrap_or_default();
        self.busy.set(true);
        spawn_local(async move {
            let answer = admin_request(&services.client, &change).await;
            let ok = answer.is_ok();
            let text = match answer {
                Ok(status) => {
                    Explanation { reason: sent_sentence(&change, &status), next_step: String::new() }
                }
                Err(e) => AdminError(e).explain(),
            };
            self.results.set(vec![ResultLine { name: format!("{what}: {who}"), ok, text }]);
            self.busy.set(false);
            if ok {
                self.open_row.set(None);
                self.reload();
            }
            done(ok);
        });
    }

    /// Assigns, after the page checked it against the rules.
    pub fn assign(
        self,
        new: NewAssignment,
        who: String,
        ticket: Option<String>,
        done: impl FnOnce(bool) + 'static,
    ) {
        self.send(AdminChange::assign(&new, ticket), who, done);
    }
}

fn sent_sentence(change: &AdminChange, status: &str) -> String {
    use crate::graph::assignments::AdminAction as A;
    let verb = match change.action {
        A::Assign => "Assigned",
        A::Update => "Updated",
        A::Remove => "Removed",
        A::Extend => "Extended",
        A::Renew => "Renewed",
    };
    let when = if status.eq_ignore_ascii_case("Granted") { " (it starts at the chosen start)" } else { "" };
    format!("{verb}{when}.")
}
