//! Bulk import of directory role assignments from CSV: read the rows, check every one against
//! the directory, the role's policy and the assignments in force (a preview in which each row is
//! OK or says what is wrong), then a result file with what happened to each row.
//!
//! Columns (first line, any order, any case): `principal` (user principal name or object id),
//! `role` (display name, role definition id or template id), `type` (`eligible` / `active`),
//! `start` and `end` (empty start: now; empty end: permanent; `2026-12-31` or RFC 3339),
//! `justification`, `ticket`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::rules::{AssignmentProblem, AssignmentRules, NewAssignment};
use super::{AssignmentRow, AssignmentTarget, Principal};
use crate::domain::csv::{self, CsvError, Record};
use crate::domain::deactivate::AssignmentLevel;
use crate::domain::ids::{DirectoryScopeId, RoleDefinitionId};

/// The columns, in the order the result file writes them.
pub const COLUMNS: [&str; 7] = ["principal", "role", "type", "start", "end", "justification", "ticket"];
/// More rows than this is refused (split the file).
pub const MAX_ROWS: usize = 500;

/// One data row as written in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportRow {
    /// 1-based line in the file.
    pub line: usize,
    pub principal: String,
    pub role: String,
    pub kind: String,
    pub start: String,
    pub end: String,
    pub justification: String,
    pub ticket: String,
}

impl ImportRow {
    fn cells(&self) -> Vec<String> {
        [&self.principal, &self.role, &self.kind, &self.start, &self.end, &self.justification, &self.ticket]
            .into_iter()
            .cloned()
            .collect()
    }
}

/// Why the file as a whole cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportFileError {
    Csv(CsvError),
    /// Nothing in it.
    Empty,
    /// The header lacks required columns.
    MissingColumns(Vec<&'static str>),
    /// A header but no data rows.
    NoRows,
    TooManyRows(usize),
}

impl ImportFileError {
    pub fn explain(&self) -> String {
        match self {
            ImportFileError::Csv(e) => e.explain(),
            ImportFileError::Empty => "The file is empty.".into(),
            ImportFileError::MissingColumns(cols) => format!(
                "The first line must name the columns; missing: {}. Expected: {}.",
                cols.join(", "),
                COLUMNS.join(", ")
            ),
            ImportFileError::NoRows => "The file has a header line but no rows.".into(),
            ImportFileError::TooManyRows(n) => {
                format!("The file has {n} rows; import at most {MAX_ROWS} at a time (split the file).")
            }
        }
    }
}

fn column_of(header: &str) -> Option<usize> {
    let h: String = header.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let col = match h.as_str() {
        "principal" | "user" | "upn" | "userprincipalname" | "objectid" | "principalid" => "principal",
        "role" | "rolename" | "roledefinitionid" | "roleid" | "templateid" => "role",
        "type" | "assignmenttype" | "kind" | "membership" => "type",
        "start" | "startdate" | "startdatetime" => "start",
        "end" | "enddate" | "enddatetime" => "end",
        "justification" | "reason" => "justification",
        "ticket" | "ticketnumber" => "ticket",
        _ => return None,
    };
    COLUMNS.iter().position(|c| *c == col)
}

/// Reads the data rows under the header line.
pub fn read_rows(text: &str) -> Result<Vec<ImportRow>, ImportFileError> {
    let records = csv::parse(text).map_err(ImportFileError::Csv)?;
    let (header, data) = records.split_first().ok_or(ImportFileError::Empty)?;
    let map: Vec<Option<usize>> = header.fields.iter().map(|h| column_of(h)).collect();
    let missing: Vec<&'static str> =
        [0, 1, 2].into_iter().filter(|i| !map.contains(&Some(*i))).map(|i| COLUMNS[i]).collect();
    if !missing.is_empty() {
        return Err(ImportFileError::MissingColumns(missing));
    }
    if data.is_empty() {
        return Err(ImportFileError::NoRows);
    }
    if data.len() > MAX_ROWS {
        return Err(ImportFileError::TooManyRows(data.len()));
    }
    Ok(data.iter().map(|r| row_of(r, &map)).collect())
}

fn row_of(record: &Record, map: &[Option<usize>]) -> ImportRow {
    let mut cells: [String; 7] = Default::default();
    for (value, col) in record.fields.iter().zip(map) {
        if let Some(i) = col {
            cells[*i] = value.trim().to_owned();
        }
    }
    let [principal, role, kind, start, end, justification, ticket] = cells;
    ImportRow { line: record.line, principal, role, kind, start, end, justification, ticket }
}

/// A directory role the file may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleRef {
    pub id: RoleDefinitionId,
    pub template_id: Option<String>,
    pub name: String,
}

/// Finds a role by display name, id or template id (any case).
pub fn find_role<'a>(text: &str, roles: &'a [RoleRef]) -> Option<&'a RoleRef> {
    let t = text.trim();
    roles.iter().find(|r| {
        r.name.eq_ignore_ascii_case(t)
            || r.id.as_str().eq_ignore_ascii_case(t)
            || r.template_id.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(t))
    })
}

/// What the preview checks against.
pub struct ImportContext<'a> {
    /// Principals found in the directory (the ones the file names that exist).
    pub principals: &'a [Principal],
    pub roles: &'a [RoleRef],
    /// The admin rules of each role named; a role without an entry is checked by the service only.
    pub rules: &'a [(RoleDefinitionId, AssignmentRules)],
    /// Assignments in force of the roles named.
    pub existing: &'a [AssignmentRow],
    pub now: DateTime<Utc>,
}

/// What is wrong with one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    MissingPrincipal,
    UnknownPrincipal(String),
    MissingRole,
    UnknownRole(String),
    BadType(String),
    BadDate {
        column: &'static str,
        value: String,
    },
    /// The same principal, role and type on an earlier line.
    DuplicateInFile {
        line: usize,
    },
    Rule(AssignmentProblem),
}

impl RowProblem {
    pub fn explain(&self) -> String {
        match self {
            RowProblem::MissingPrincipal => "No principal: give a user principal name or object id.".into(),
            RowProblem::UnknownPrincipal(p) => {
                format!("Unknown user: no user or group \"{p}\" in this directory.")
            }
            RowProblem::MissingRole => "No role: give the role's name or id.".into(),
            RowProblem::UnknownRole(r) => format!("Unknown role: no directory role \"{r}\"."),
            RowProblem::BadType(t) if t.is_empty() => "No type: write eligible or active.".into(),
            RowProblem::BadType(t) => format!("Unknown type \"{t}\": write eligible or active."),
            RowProblem::BadDate { column, value } => {
                format!("The {column} \"{value}\" is not a date: write 2026-12-31 or 2026-12-31T17:00:00Z.")
            }
            RowProblem::DuplicateInFile { line } => format!("Duplicate of line {line} in this file."),
            RowProblem::Rule(p) => p.explain(),
        }
    }
}

/// A row ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub principal: Principal,
    pub role: RoleRef,
    pub new: NewAssignment,
    pub ticket: Option<String>,
}

/// One row of the preview: OK (with what will be written) or its problems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewRow {
    pub row: ImportRow,
    pub planned: Option<Planned>,
    pub problems: Vec<RowProblem>,
}

impl PreviewRow {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.planned.is_some()
    }

    /// The problems in one line.
    pub fn summary(&self) -> String {
        self.problems.iter().map(RowProblem::explain).collect::<Vec<_>>().join(" ")
    }
}

/// `eligible` / `active` (and the wire words) in any case.
pub fn parse_level(text: &str) -> Option<AssignmentLevel> {
    match text.trim().to_ascii_lowercase().as_str() {
        "eligible" | "eligibility" => Some(AssignmentLevel::Eligibility),
        "active" | "assigned" | "assignment" => Some(AssignmentLevel::Assignment),
        _ => None,
    }
}

/// Empty: `None`; a date (midnight UTC), a date and time (UTC), or RFC 3339.
pub fn parse_when(text: &str) -> Result<Option<DateTime<Utc>>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(Some(d.with_timezone(&Utc)));
    }
    for f in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(Some(d.and_utc()));
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| Some(d.and_utc()))
        .ok_or(())
}

/// Checks every row; nothing is written from a row that has a problem.
pub fn preview(rows: &[ImportRow], ctx: &ImportContext) -> Vec<PreviewRow> {
    let mut out: Vec<PreviewRow> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut problems = Vec::new();
        let principal = if row.principal.is_empty() {
            problems.push(RowProblem::MissingPrincipal);
            None
        } else {
            let p = ctx.principals.iter().find(|p| p.matches(&row.principal));
            if p.is_none() {
                problems.push(RowProblem::UnknownPrincipal(row.principal.clone()));
            }
            p
        };
        let role = if row.role.is_empty() {
            problems.push(RowProblem::MissingRole);
            None
        } else {
            let r = find_role(&row.role, ctx.roles);
            if r.is_none() {
                problems.push(RowProblem::UnknownRole(row.role.clone()));
            }
            r
        };
        let level = parse_level(&row.kind);
        if level.is_none() {
            problems.push(RowProblem::BadType(row.kind.clone()));
        }
        let mut when = |column: &'static str, value: &str| {
            parse_when(value).unwrap_or_else(|()| {
                problems.push(RowProblem::BadDate { column, value: value.to_owned() });
                None
            })
        };
        let start = when("start", &row.start);
        let end = when("end", &row.end);
        let planned = match (principal, role, level) {
            (Some(principal), Some(role), Some(level)) => {
                let new = NewAssignment {
                    principal: principal.id.clone(),
                    target: AssignmentTarget::Role {
                        role: role.id.clone(),
                        scope: DirectoryScopeId::tenant(),
                    },
                    level,
                    start,
                    end,
                    justification: row.justification.clone(),
                };
                // Only an earlier good row counts: a flagged one is never written.
                let earlier = out
                    .iter()
                    .filter(|p| p.problems.is_empty())
                    .filter_map(|p| Some((p.row.line, p.planned.as_ref()?)))
                    .find(|(_, p)| {
                        p.new.level == level
                            && p.principal.id == principal.id
                            && p.new.target.same_as(&new.target)
                    });
                if let Some((line, _)) = earlier {
                    problems.push(RowProblem::DuplicateInFile { line });
                }
                let dates_ok = !problems.iter().any(|p| matches!(p, RowProblem::BadDate { .. }));
                if dates_ok {
                    let rules =
                        ctx.rules.iter().find(|(id, _)| *id == role.id).map(|(_, r)| *r).unwrap_or_default();
                    problems
                        .extend(rules.check(&new, ctx.existing, ctx.now).into_iter().map(RowProblem::Rule));
                }
                let ticket = (!row.ticket.is_empty()).then(|| row.ticket.clone());
                Some(Planned { principal: principal.clone(), role: role.clone(), new, ticket })
            }
            _ => None,
        };
        out.push(PreviewRow { row: row.clone(), planned, problems });
    }
    out
}

/// The distinct principals a file names (what to look up in the directory).
pub fn principals_named(rows: &[ImportRow]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rows {
        if !r.principal.is_empty() && !out.iter().any(|p| p.eq_ignore_ascii_case(&r.principal)) {
            out.push(r.principal.clone());
        }
    }
    out
}

/// What happened to a row that was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Accepted; the service's status (`Provisioned`, `Granted`, …).
    Written(String),
    /// Refused, with the explanation.
    Failed(String),
}

/// The result file: every input column, then `result` (`written`, `failed`, `not written`) and
/// `detail`. `written` has one entry per line that was sent.
pub fn result_csv(preview: &[PreviewRow], written: &[(usize, WriteOutcome)]) -> String {
    let mut rows: Vec<Vec<String>> =
        vec![COLUMNS.iter().map(|c| c.to_string()).chain(["result".into(), "detail".into()]).collect()];
    for p in preview {
        let (result, detail) = match written.iter().find(|(line, _)| *line == p.row.line) {
            Some((_, WriteOutcome::Written(status))) => ("written".to_owned(), status.clone()),
            Some((_, WriteOutcome::Failed(why))) => ("failed".to_owned(), why.clone()),
            None if p.is_ok() => ("not sent".to_owned(), "The import stopped before this row.".to_owned()),
            None => ("not written".to_owned(), p.summary()),
        };
        let mut cells = p.row.cells();
        cells.push(result);
        cells.push(detail);
        rows.push(cells);
    }
    csv::write(&rows)
}
