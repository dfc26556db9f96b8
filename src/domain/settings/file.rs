//! Settings as a file: a versioned JSON export of every role's settings, a tolerant import, and
//! drift (a file compared against the tenant, per role and rule).
//!
//! Import is tolerant: unknown members are ignored, a role whose entry cannot be read is reported
//! and skipped (the others still count), and a setting missing from an entry is not compared
//! (it takes the tenant's value), so a hand-trimmed file only speaks for what it names.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{diff, RoleSettings, RuleChange};
use crate::domain::item_key::Plane;

/// The `format` member of an export.
pub const FORMAT: &str = "pim-console/role-settings";
/// The version this build writes; newer files are read as far as they are understood.
pub const VERSION: u32 = 1;

/// Which policy a role's settings are: the plane, the scope (`/`, a group id, an Azure scope)
/// and the role (a role definition id, `member` / `owner`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsKey {
    pub plane: Plane,
    pub scope: String,
    pub role: String,
}

impl SettingsKey {
    /// Same policy (ids compared in any case).
    pub fn matches(&self, other: &SettingsKey) -> bool {
        self.plane == other.plane
            && self.scope.eq_ignore_ascii_case(&other.scope)
            && self.role.eq_ignore_ascii_case(&other.role)
    }
}

/// One role in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportedRole {
    pub key: SettingsKey,
    pub name: String,
    pub settings: RoleSettings,
}

/// The export file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub roles: Vec<ExportedRole>,
}

/// The export of `roles` (key, name, settings), stamped `exported_at` (RFC 3339), as pretty JSON.
pub fn export(roles: &[(SettingsKey, String, RoleSettings)], exported_at: &str) -> String {
    let file = SettingsFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: exported_at.to_owned(),
        roles: roles
            .iter()
            .map(|(key, name, settings)| ExportedRole {
                key: key.clone(),
                name: name.clone(),
                settings: settings.clone(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON.
    NotJson(String),
    /// JSON, but not a role settings export.
    NotSettings,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson(e) => {
                write!(f, "The file is not JSON ({e}). Choose a file exported from this page.")
            }
            ImportError::NotSettings => f.write_str(
                "The file is JSON but not a role settings export (it has no \"roles\" list). Choose a file \
                 exported from this page.",
            ),
        }
    }
}

/// One role read from a file: its key, name and the settings it names (possibly partial).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedRole {
    pub key: SettingsKey,
    pub name: String,
    /// The `settings` object as written; members it lacks are not compared.
    pub settings: Value,
}

impl ImportedRole {
    /// The tenant's settings with what this entry names laid over them; `Err` names the member
    /// that could not be read.
    pub fn applied_to(&self, tenant: &RoleSettings) -> Result<RoleSettings, String> {
        let mut base = serde_json::to_value(tenant).map_err(|e| e.to_string())?;
        if let (Some(b), Some(over)) = (base.as_object_mut(), self.settings.as_object()) {
            for (k, v) in over {
                if k != "notifications" && b.contains_key(k) {
                    let mut trial = b.clone();
                    trial.insert(k.clone(), v.clone());
                    serde_json::from_value::<RoleSettings>(Value::Object(trial))
                        .map_err(|e| format!("\"{k}\" could not be read: {e}"))?;
                    b.insert(k.clone(), v.clone());
                }
            }
        }
        serde_json::from_value(base).map_err(|e| e.to_string())
    }
}

/// A file as read: its roles and what was skipped.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportedFile {
    pub version: Option<u64>,
    pub roles: Vec<ImportedRole>,
    /// One sentence per entry that was skipped, or about the file as a whole.
    pub notes: Vec<String>,
}

/// Reads an export, tolerantly.
pub fn import(text: &str) -> Result<ImportedFile, ImportError> {
    let v: Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let roles = v.get("roles").and_then(Value::as_array).ok_or(ImportError::NotSettings)?;
    let mut out = ImportedFile { version: v.get("version").and_then(Value::as_u64), ..Default::default() };
    if let Some(f) = v.get("format").and_then(Value::as_str).filter(|f| *f != FORMAT) {
        out.notes.push(format!("The file says it is \"{f}\"; it was read as role settings anyway."));
    }
    if out.version.is_some_and(|n| n > u64::from(VERSION)) {
        out.notes.push(format!(
            "The file is version {}, newer than this app's {VERSION}: settings this app does not know are ignored.",
            out.version.unwrap_or_default()
        ));
    }
    for (i, entry) in roles.iter().enumerate() {
        let name = entry.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
        let label = if name.is_empty() { format!("Entry {}", i + 1) } else { name.clone() };
        let key = entry.get("key").cloned().map(serde_json::from_value::<SettingsKey>);
        match (key, entry.get("settings")) {
            (Some(Ok(key)), Some(s)) if s.is_object() => {
                out.roles.push(ImportedRole { key, name, settings: s.clone() })
            }
            (Some(Err(e)), _) => {
                out.notes.push(format!("{label} was skipped: its key could not be read ({e})."))
            }
            (None, _) => out.notes.push(format!("{label} was skipped: it has no key.")),
            _ => out.notes.push(format!("{label} was skipped: it has no settings.")),
        }
    }
    Ok(out)
}

/// One role whose file settings differ from the tenant's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleDrift {
    pub name: String,
    /// Before = the tenant, after = the file.
    pub changes: Vec<RuleChange>,
}

/// A file compared against the tenant.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DriftReport {
    /// Roles whose rules differ, with the rules.
    pub changed: Vec<RoleDrift>,
    /// Roles in the file the tenant does not have.
    pub missing_in_tenant: Vec<String>,
    /// Roles of the tenant the file does not name.
    pub not_in_file: Vec<String>,
    /// Entries whose settings could not be read (name and reason).
    pub unreadable: Vec<String>,
    /// Roles that match.
    pub same: usize,
}

impl DriftReport {
    /// Nothing differs for any role the file names.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.missing_in_tenant.is_empty() && self.unreadable.is_empty()
    }
}

/// Compares a file with the tenant's roles (key, name, settings).
pub fn drift(file: &ImportedFile, tenant: &[(SettingsKey, String, RoleSettings)]) -> DriftReport {
    let mut report = DriftReport::default();
    for role in &file.roles {
        let label = if role.name.is_empty() { role.key.role.clone() } else { role.name.clone() };
        let Some((_, name, current)) = tenant.iter().find(|(k, _, _)| k.matches(&role.key)) else {
            report.missing_in_tenant.push(label);
            continue;
        };
        match role.applied_to(current) {
            Err(e) => report.unreadable.push(format!("{name}: {e}")),
            Ok(wanted) => {
                let changes = diff(current, &wanted);
                if changes.is_empty() {
                    report.same += 1;
                } else {
                    report.changed.push(RoleDrift { name: name.clone(), changes });
                }
            }
        }
    }
    report.not_in_file = tenant
        .iter()
        .filter(|(k, _, _)| !file.roles.iter().any(|r| r.key.matches(k)))
        .map(|(_, name, _)| name.clone())
        .collect();
    report
}
