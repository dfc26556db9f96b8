//! Bulk import's steps: read the text, look up what it names, preview every row, write the good
//! ones one after another (progress and a result per row), and build the result file.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::AssignmentsState;
use crate::domain::assignments::import::{
    find_role, preview, principals_named, read_rows, result_csv, ImportContext, PreviewRow, WriteOutcome,
};
use crate::domain::ids::RoleDefinitionId;
use crate::graph::assignments::{
    admin_request, resolve_principals, role_assignments, role_rules, AdminChange, AdminError,
};

/// Everything the import section shows.
#[derive(Clone, Copy)]
pub struct ImportState {
    pub page: AssignmentsState,
    /// The CSV text (pasted, or read from the chosen file); kept until replaced.
    pub text: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
    pub checking: RwSignal<bool>,
    pub preview: RwSignal<Vec<PreviewRow>>,
    pub writing: RwSignal<bool>,
    /// Rows sent so far, of how many.
    pub progress: RwSignal<(usize, usize)>,
    pub written: RwSignal<Vec<(usize, WriteOutcome)>>,
    /// The result file once the writing is over.
    pub result: RwSignal<Option<String>>,
}

impl ImportState {
    pub fn new(page: AssignmentsState) -> Self {
        ImportState {
            page,
            text: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            checking: RwSignal::new(false),
            preview: RwSignal::new(Vec::new()),
            writing: RwSignal::new(false),
            progress: RwSignal::new((0, 0)),
            written: RwSignal::new(Vec::new()),
            result: RwSignal::new(None),
        }
    }

    pub fn valid_count(&self) -> usize {
        self.preview.with(|p| p.iter().filter(|r| r.is_ok()).count())
    }

    /// Reads the text and checks every row against the directory, the policies and the
    /// assignments in force. Nothing is written.
    pub fn check(self) {
        self.preview.set(Vec::new());
        self.written.set(Vec::new());
        self.result.set(None);
        let rows = match read_rows(&self.text.get_untracked()) {
            Ok(rows) => rows,
            Err(e) => {
                self.error.set(Some(e.explain()));
                return;
            }
        };
        self.error.set(None);
        self.checking.set(true);
        let services = self.page.services.get_value();
        let roles = self.page.roles.get_untracked();
        let now = services.now();
        spawn_local(async move {
            let client = &services.client;
            let mut role_ids: Vec<RoleDefinitionId> = Vec::new();
            for r in &rows {
                if let Some(role) = find_role(&r.role, &roles) {
                    if !role_ids.contains(&role.id) {
                        role_ids.push(role.id.clone());
                    }
                }
            }
            let names = principals_named(&rows);
            let principals = resolve_principals(client, &names);
            let per_role = futures::future::join_all(role_ids.iter().map(|id| async move {
                let (rows, rules) = futures::join!(role_assignments(client, id), role_rules(client, id));
                Ok::<_, crate::graph::GraphError>((id.clone(), rows?, rules.unwrap_or_default()))
            }));
            let (principals, per_role) = futures::join!(principals, per_role);
            let outcome =
                principals.and_then(|p| per_role.into_iter().collect::<Result<Vec<_>, _>>().map(|r| (p, r)));
            match outcome {
                Ok((principals, per_role)) => {
                    let rules: Vec<_> = per_role.iter().map(|(id, _, rules)| (id.clone(), *rules)).collect();
                    let existing: Vec<_> = per_role.into_iter().flat_map(|(_, rows, _)| rows).collect();
                    let ctx = ImportContext {
                        principals: &principals,
                        roles: &roles,
                        rules: &rules,
                        existing: &existing,
                        now,
                    };
                    self.preview.set(preview(&rows, &ctx));
                }
                Err(e) => self.error.set(Some(format!(
                    "The rows could not be checked: {} {}",
                    e.explain(),
                    e.next_step()
                ))),
            }
            self.checking.set(false);
        });
    }

    /// Writes the rows the preview found good, one after another, then builds the result file.
    pub fn write(self) {
        let planned: Vec<_> = self.preview.with_untracked(|p| {
            p.iter().filter(|r| r.is_ok()).filter_map(|r| Some((r.row.line, r.planned.clone()?))).collect()
        });
        if planned.is_empty() {
            return;
        }
        let services = self.page.services.get_value();
        self.writing.set(true);
        self.written.set(Vec::new());
        self.progress.set((0, planned.len()));
        spawn_local(async move {
            for (i, (line, p)) in planned.iter().enumerate() {
                let change = AdminChange::assign(&p.new, p.ticket.clone());
                let outcome = match admin_request(&services.client, &change).await {
                    Ok(status) => WriteOutcome::Written(status),
                    Err(e) => {
                        let why = AdminError(e).explain();
                        WriteOutcome::Failed(format!("{} {}", why.reason, why.next_step))
                    }
                };
                self.written.update(|w| w.push((*line, outcome)));
                self.progress.set((i + 1, planned.len()));
            }
            let csv = self.preview.with_untracked(|p| self.written.with_untracked(|w| result_csv(p, w)));
            self.result.set(Some(csv));
            self.writing.set(false);
            self.page.reload();
        });
    }
}
