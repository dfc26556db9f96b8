//! The state of "Role settings" and its operations: check access, load every policy, edit one,
//! review the diff, apply the rule PATCHes, copy to many, export, import and compare.

use futures::future::{join, join_all};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::error_kind::Explanation;
use crate::domain::ids::GroupId;
use crate::domain::item_key::Plane;
use crate::domain::policy::{Approver, ApproverKind};
use crate::domain::settings::{
    diff, drift, export, import, DriftReport, ImportedFile, RoleSettings, RuleChange, SettingsAccess,
    SettingsForm, SettingsKey, SettingsProblem,
};
use crate::graph::client::PickerQuery;
use crate::graph::settings::{apply, load_all, settings_access, RolePolicy};
use crate::ui::services::Services;
use crate::ui::widgets::ResultLine;

/// One role's change waiting for confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingChange {
    pub policy: RolePolicy,
    pub after: RoleSettings,
    pub changes: Vec<RuleChange>,
}

/// Everything the page shows, as signals.
#[derive(Clone, Copy)]
pub struct SettingsState {
    pub services: StoredValue<Services, LocalStorage>,
    /// `None` while checking; the error sentence when the check failed.
    pub access: RwSignal<Option<Result<SettingsAccess, String>>>,
    pub policies: RwSignal<Vec<RolePolicy>>,
    pub loaded: RwSignal<bool>,
    pub load_errors: RwSignal<Vec<String>>,
    pub search: RwSignal<String>,
    /// The role being edited and the form as typed.
    pub editing: RwSignal<Option<SettingsKey>>,
    pub form: RwSignal<SettingsForm>,
    pub problems: RwSignal<Vec<SettingsProblem>>,
    /// Changes shown for confirmation (one role from the editor, or many from a copy or a file).
    pub review: RwSignal<Vec<PendingChange>>,
    pub applying: RwSignal<bool>,
    pub results: RwSignal<Vec<ResultLine>>,
    /// Copy one role's settings to many: the source and the chosen targets.
    pub copy_from: RwSignal<Option<SettingsKey>>,
    pub copy_to: RwSignal<Vec<SettingsKey>>,
    /// The imported file and what was said about it.
    pub imported: RwSignal<Option<(String, ImportedFile)>>,
    pub file_error: RwSignal<Option<String>>,
    /// The last export's download link.
    pub export_url: RwSignal<Option<String>>,
    /// PIM groups whose settings are listed (found by name, or named in an imported file).
    pub groups: RwSignal<Vec<(GroupId, String)>>,
}

fn rows(policies: &[RolePolicy]) -> Vec<(SettingsKey, String, RoleSettings)> {
    policies.iter().map(|p| (p.key.clone(), p.name.clone(), p.settings())).collect()
}

impl SettingsState {
    pub fn new(services: Services) -> Self {
        SettingsState {
            services: StoredValue::new_local(services),
            access: RwSignal::new(None),
            policies: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            load_errors: RwSignal::new(Vec::new()),
            search: RwSignal::new(String::new()),
            editing: RwSignal::new(None),
            form: RwSignal::new(SettingsForm::default()),
            problems: RwSignal::new(Vec::new()),
            review: RwSignal::new(Vec::new()),
            applying: RwSignal::new(false),
            results: RwSignal::new(Vec::new()),
            copy_from: RwSignal::new(None),
            copy_to: RwSignal::new(Vec::new()),
            imported: RwSignal::new(None),
            file_error: RwSignal::new(None),
            export_url: RwSignal::new(None),
            groups: RwSignal::new(Vec::new()),
        }
    }

    /// Checks who is signed in, then loads the policies for administrators.
    pub fn start(self) {
        let services = self.services.get_value();
        spawn_local(async move {
            match settings_access(&services.client).await {
                Ok(access) => {
                    self.access.set(Some(Ok(access)));
                    if access == SettingsAccess::Admin {
                        self.reload();
                    }
                }
                Err(e) => self.access.set(Some(Err(format!("{} {}", e.explain(), e.next_step())))),
            }
        });
    }

    /// Reads every policy again.
    pub fn reload(self) {
        let services = self.services.get_value();
        spawn_local(async move {
            let groups = self.groups.get_untracked();
            let (policies, errors) = load_all(&services.client, &groups).await;
            self.load_errors
                .set(errors.iter().map(|e| format!("{} {}", e.explain(), e.next_step())).collect());
            self.policies.set(policies);
            self.loaded.set(true);
        });
    }

    /// Lists a PIM group's membership and ownership settings too.
    pub fn add_group(self, id: GroupId, name: String) {
        let known = self
            .groups
            .with_untracked(|g| g.iter().any(|(x, _)| x.as_str().eq_ignore_ascii_case(id.as_str())));
        if !known {
            self.groups.update(|g| g.push((id, name)));
            self.reload();
        }
    }

    /// Searches the directory for `query`'s text: groups, and people too when `with_users`.
    /// The matches land in `found`; `note` says why there are none.
    pub fn find_in_directory(
        self,
        query: RwSignal<String>,
        with_users: bool,
        found: RwSignal<Vec<Approver>>,
        note: RwSignal<Option<String>>,
    ) {
        let text = query.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let services = self.services.get_value();
        spawn_local(async move {
            let users = async {
                if with_users {
                    services.client.search_users(&text, PickerQuery::Search).await
                } else {
                    Ok(Vec::new())
                }
            };
            let (users, groups) =
                join(users, services.client.search_groups(&text, PickerQuery::Search)).await;
            let mut list: Vec<Approver> = Vec::new();
            let mut failure = None;
            match users {
                Ok(u) => list.extend(u.into_iter().filter_map(|u| {
                    Some(Approver { id: u.id?, name: u.display_name, kind: ApproverKind::User })
                })),
                Err(e) => failure = Some(format!("{} {}", e.explain(), e.next_step())),
            }
            match groups {
                Ok(g) => list.extend(g.into_iter().filter_map(|g| {
                    Some(Approver { id: g.id?, name: g.display_name, kind: ApproverKind::Group })
                })),
                Err(e) => failure = Some(format!("{} {}", e.explain(), e.next_step())),
            }
            note.set(failure.or_else(|| list.is_empty().then(|| format!("Nothing matches \"{text}\"."))));
            found.set(list);
        });
    }

    pub fn policy(&self, key: &SettingsKey) -> Option<RolePolicy> {
        self.policies.with(|p| p.iter().find(|x| x.key.matches(key)).cloned())
    }

    /// The policies matching the search text (name, scope or plane).
    pub fn visible(&self) -> Vec<RolePolicy> {
        let q = self.search.get().trim().to_lowercase();
        self.policies.with(|p| {
            p.iter()
                .filter(|x| {
                    q.is_empty()
                        || x.name.to_lowercase().contains(&q)
                        || x.scope_label.to_lowercase().contains(&q)
                        || x.key.plane.label().to_lowercase().contains(&q)
                })
                .cloned()
                .collect()
        })
    }

    /// Opens the editor on a role (the form shows its current settings).
    pub fn edit(self, key: SettingsKey) {
        if let Some(p) = self.policy(&key) {
            self.form.set(SettingsForm::from_settings(&p.settings()));
            self.problems.set(Vec::new());
            self.review.set(Vec::new());
            self.copy_from.set(None);
            self.editing.set(Some(key));
        }
    }

    /// From the editor to the diff: what would change, or what to fix first.
    pub fn review_edit(self) {
        let Some(policy) = self.editing.get_untracked().and_then(|k| self.policy(&k)) else { return };
        let before = policy.settings();
        match self.form.get_untracked().to_settings(&before) {
            Err(problems) => self.problems.set(problems),
            Ok(after) => {
                self.problems.set(Vec::new());
                let changes = diff(&before, &after);
                self.review.set(vec![PendingChange { policy, after, changes }]);
            }
        }
    }

    /// The diff of copying the source's settings to each chosen target.
    pub fn review_copy(self) {
        let Some(source) = self.copy_from.get_untracked().and_then(|k| self.policy(&k)) else { return };
        let wanted = source.settings();
        let review = self
            .copy_to
            .get_untracked()
            .iter()
            .filter_map(|k| self.policy(k))
            .map(|policy| {
                let before = policy.settings();
                let after = before.with_rules_of(&wanted);
                PendingChange { changes: diff(&before, &after), policy, after }
            })
            .collect();
        self.review.set(review);
    }

    /// The diff of making the tenant say what the imported file says.
    pub fn review_file(self) {
        let Some((_, file)) = self.imported.get_untracked() else { return };
        let review = file
            .roles
            .iter()
            .filter_map(|r| {
                let policy = self.policy(&r.key)?;
                let before = policy.settings();
                let after = r.applied_to(&before).ok()?;
                let changes = diff(&before, &after);
                (!changes.is_empty()).then_some(PendingChange { policy, after, changes })
            })
            .collect();
        self.review.set(review);
    }

    /// Sends the reviewed PATCHes (roles concurrently, each role's rules in turn) and shows one
    /// result per rule.
    pub fn apply_review(self) {
        let services = self.services.get_value();
        let review: Vec<PendingChange> =
            self.review.get_untracked().into_iter().filter(|c| !c.changes.is_empty()).collect();
        if review.is_empty() {
            return;
        }
        self.applying.set(true);
        spawn_local(async move {
            let answers = join_all(
                review.iter().map(|c| apply(&services.client, &c.policy, c.policy.patches(&c.after))),
            )
            .await;
            let mut lines = Vec::new();
            for (change, results) in review.iter().zip(answers) {
                for r in results {
                    let name = format!("{}: {}", change.policy.name, r.rule.title());
                    lines.push(match r.result {
                        Ok(()) => ResultLine {
                            name,
                            ok: true,
                            text: Explanation {
                                reason: format!("Saved. {}", change.after.describe(r.rule)),
                                next_step: String::new(),
                            },
                        },
                        Err(e) => ResultLine {
                            name,
                            ok: false,
                            text: Explanation { reason: e.explain(), next_step: e.next_step() },
                        },
                    });
                }
            }
            // When every rule was saved the editor closes; otherwise it stays as typed, to try again.
            let all_saved = lines.iter().all(|l| l.ok);
            self.results.set(lines);
            self.review.set(Vec::new());
            if all_saved {
                self.editing.set(None);
                self.copy_from.set(None);
                self.copy_to.set(Vec::new());
            }
            self.applying.set(false);
            crate::platform::dom::scroll_into_view("results");
            self.reload();
        });
    }

    /// Downloads every role's settings as JSON.
    pub fn export_all(self) {
        let services = self.services.get_value();
        let stamp = services.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let text = export(&self.policies.with_untracked(|p| rows(p)), &stamp);
        let name = format!("role-settings-{}.json", &stamp[..10]);
        if let Some(old) = self.export_url.get_untracked() {
            crate::platform::files::forget_download(&old);
        }
        self.export_url.set(crate::platform::files::download(&name, "application/json", &text));
    }

    /// Reads a chosen file; its drift against the tenant then shows.
    pub fn import_file(self, input: web_sys::HtmlInputElement) {
        spawn_local(async move {
            match crate::platform::files::read_chosen_file(&input).await {
                Err(e) => self.file_error.set(Some(e)),
                Ok((name, text)) => match import(&text) {
                    Ok(file) => {
                        self.file_error.set(None);
                        // Groups named by the file are read too, so they are compared.
                        let mut added = false;
                        for r in file.roles.iter().filter(|r| r.key.plane == Plane::Group) {
                            let id = GroupId::new(r.key.scope.clone());
                            let name =
                                r.name.rsplit_once(" (").map_or(r.name.as_str(), |(n, _)| n).to_owned();
                            if !self.groups.with_untracked(|g| {
                                g.iter().any(|(x, _)| x.as_str().eq_ignore_ascii_case(id.as_str()))
                            }) {
                                self.groups.update(|g| g.push((id, name)));
                                added = true;
                            }
                        }
                        self.imported.set(Some((name, file)));
                        if added {
                            self.reload();
                        }
                    }
                    Err(e) => {
                        self.imported.set(None);
                        self.file_error.set(Some(e.to_string()));
                    }
                },
            }
        });
    }

    /// The imported file compared with the tenant as last read.
    pub fn drift(&self) -> Option<DriftReport> {
        let (_, file) = self.imported.get()?;
        Some(self.policies.with(|p| drift(&file, &rows(p))))
    }
}
