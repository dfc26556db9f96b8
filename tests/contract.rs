//! The contract: every official example in the fixture folder (`PIM_FIXTURES`, default
//! `../shared/graph/fixtures`) is routed by method and URL shape to a client operation, and
//! - every response body parses into that operation's response type (error bodies into
//!   [`GraphError`], with the variant checked against the body's own `error.code`);
//! - every request body parses into the operation's request type and serialises back to
//!   semantically equal JSON: `null` equals absent, timestamps and durations compare by value,
//!   identifier-like strings (enum members) compare ignoring letter case;
//! - `.txt` files (documented invalid JSON) are skipped, with the parse error as the reason.
//!
//! Prints one line: `contract: N checked, M skipped`.

use std::path::{Path, PathBuf};

use pim_console::domain::IsoDuration;
use pim_console::graph::routes::{route, ArmOperation as A, Operation as O, Shape};
use pim_console::graph::wire::*;
use pim_console::graph::{ErrorKind, GraphError, HttpResponse, Method};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Deserialize)]
struct Entry {
    file: String,
    kind: String,
    method: String,
    url: String,
    status: Option<u16>,
}

fn fixture_dir() -> PathBuf {
    let dir = std::env::var("PIM_FIXTURES").unwrap_or_else(|_| "../shared/graph/fixtures".into());
    let path = PathBuf::from(dir);
    if path.is_absolute() {
        path
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }
}

/// Where two JSON values differ semantically (see the module docs), or `None` when equal.
fn differ(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.keys().chain(y.keys()).find_map(|k| {
            let here = format!("{path}.{k}");
            match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => differ(p, q, &here),
                (Some(v), None) | (None, Some(v)) => (!v.is_null()).then_some(here),
                (None, None) => None,
            }
        }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| differ(p, q, &format!("{path}[{i}]")))
        }
        (Value::String(x), Value::String(y)) => {
            let ident = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
            let same = x == y
                || (ident(x) && x.eq_ignore_ascii_case(y))
                || matches!((Timestamp::parse(x), Timestamp::parse(y)), (Some(p), Some(q)) if p == q)
                || matches!((IsoDuration::parse(x), IsoDuration::parse(y)), (Ok(p), Ok(q)) if p == q);
            (!same).then(|| format!("{path}: {x} vs {y}"))
        }
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64() != y.as_f64()).then(|| format!("{path}: {x} vs {y}"))
        }
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(v: &Value) -> Result<(), String> {
    let typed: T = serde_json::from_value(v.clone()).map_err(|e| format!("request does not parse: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    match differ(v, &back, "$") {
        None => Ok(()),
        Some(at) => Err(format!("request does not round-trip at {at}")),
    }
}

fn check_request(op: O, v: &Value) -> Result<(), String> {
    match op {
        O::CreateRoleRequest(_) => round_trip::<RoleScheduleRequestBody>(v),
        O::CreateGroupRequest(_) => round_trip::<GroupScheduleRequestBody>(v),
        O::UpdatePolicyRule => round_trip::<PolicyRule>(v),
        O::UpdatePolicy => round_trip::<RoleManagementPolicyPatch>(v),
        O::DecideApproval | O::Arm(A::DecideApproval) => round_trip::<ApprovalDecisionBody>(v),
        O::CreateReviewDefinition => round_trip::<AccessReviewDefinition>(v),
        O::DecideReview => round_trip::<ReviewDecisionBody>(v),
        O::RecordAllDecisions => round_trip::<RecordAllDecisionsBody>(v),
        O::Batch => round_trip::<BatchRequestBody>(v),
        O::Arm(A::CreateRequest(_) | A::ValidateRequest(_)) => round_trip::<ArmScheduleRequestBody>(v),
        O::Arm(A::UpdatePolicy) => round_trip::<ArmPolicyPatchBody>(v),
        other => Err(format!("{other:?} sends no body")),
    }
}

fn one<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(v.clone()).map(|_| ()).map_err(|e| format!("response does not parse: {e}"))
}

fn page<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
    let p: ODataPage<T> =
        serde_json::from_value(v.clone()).map_err(|e| format!("page does not parse: {e}"))?;
    let expected = v.get("value").and_then(Value::as_array).map_or(0, Vec::len);
    (p.value.len() == expected).then_some(()).ok_or_else(|| "items were lost".into())
}

fn arm_page<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
    let p: ArmPage<ArmResource<T>> =
        serde_json::from_value(v.clone()).map_err(|e| format!("ARM page does not parse: {e}"))?;
    let expected = v.get("value").and_then(Value::as_array).map_or(0, Vec::len);
    (p.value.len() == expected).then_some(()).ok_or_else(|| "items were lost".into())
}

fn read<T: DeserializeOwned>(shape: Shape, v: &Value) -> Result<(), String> {
    match shape {
        Shape::List | Shape::Mine => page::<T>(v),
        Shape::Get => one::<T>(v),
    }
}

fn check_response(op: O, v: &Value) -> Result<(), String> {
    match op {
        O::RoleInstances(_, s) => read::<RoleScheduleInstance>(s, v),
        O::RoleSchedules(_, s) => read::<RoleSchedule>(s, v),
        O::RoleRequests(_, s) => read::<RoleScheduleRequest>(s, v),
        O::CreateRoleRequest(_) => one::<RoleScheduleRequest>(v),
        O::RoleDefinitions(s) => read::<RoleDefinition>(s, v),
        O::RoleAssignments(s) => read::<RoleAssignment>(s, v),
        O::GroupInstances(_, s) => read::<GroupScheduleInstance>(s, v),
        O::GroupSchedules(_, s) => read::<GroupSchedule>(s, v),
        O::GroupRequests(_, s) => read::<GroupScheduleRequest>(s, v),
        O::CreateGroupRequest(_) => one::<GroupScheduleRequest>(v),
        O::Approvals(s) => read::<Approval>(s, v),
        O::PolicyAssignments(s) => read::<RoleManagementPolicyAssignment>(s, v),
        O::Policies(s) => read::<RoleManagementPolicy>(s, v),
        O::PolicyRules(s) => read::<PolicyRule>(s, v),
        O::DirectoryAudits(s) => read::<DirectoryAudit>(s, v),
        O::ReviewDefinitions(s) => read::<AccessReviewDefinition>(s, v),
        O::CreateReviewDefinition => one::<AccessReviewDefinition>(v),
        O::ReviewInstances(s) => read::<AccessReviewInstance>(s, v),
        O::ReviewDecisions(s) => read::<AccessReviewDecisionItem>(s, v),
        O::ApprovalSteps(s) => read::<ApprovalStep>(s, v),
        O::DecideApproval => one::<ApprovalStep>(v),
        O::Users(s) => read::<User>(s, v),
        O::Groups(s) => read::<Group>(s, v),
        O::AdministrativeUnits(s) => read::<AdministrativeUnit>(s, v),
        // Writes documented as 204; tolerated when an example shows the updated object.
        O::UpdatePolicyRule => one::<PolicyRule>(v),
        O::UpdatePolicy => one::<RoleManagementPolicy>(v),
        O::DecideReview => one::<AccessReviewDecisionItem>(v),
        O::Batch => check_batch_response(v),
        O::Arm(A::CreateRequest(_) | A::GetRequest(_) | A::ValidateRequest(_)) => {
            one::<ArmResource<ArmScheduleRequest>>(v)
        }
        O::Arm(A::ListRequests(_)) => arm_page::<ArmScheduleRequest>(v),
        O::Arm(A::ListInstances(_) | A::ListSchedules(_)) => arm_page::<ArmScheduleInstance>(v),
        O::Arm(A::GetInstance(_) | A::GetSchedule(_)) => one::<ArmResource<ArmScheduleInstance>>(v),
        O::Arm(A::GetPolicyAssignment) => one::<ArmResource<ArmPolicyAssignment>>(v),
        O::Arm(A::ListPolicyAssignments) => arm_page::<ArmPolicyAssignment>(v),
        O::Arm(A::ListPolicies) => arm_page::<ArmPolicy>(v),
        O::Arm(A::GetPolicy | A::UpdatePolicy) => one::<ArmResource<ArmPolicy>>(v),
        other => Err(format!("{other:?} returns no body")),
    }
}

fn check_batch_response(v: &Value) -> Result<(), String> {
    let b: BatchResponseBody = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    for item in b.responses.iter().filter(|i| i.status >= 400) {
        let body = item.body.clone().unwrap_or(Value::Null);
        check_error(None, item.status, &body).map_err(|e| format!("batch item {}: {e}", item.id))?;
    }
    Ok(())
}

/// The variant an error body must become, judged from the body itself.
fn expected_kind(status: u16, v: &Value) -> ErrorKind {
    let code = v["error"]["code"].as_str().unwrap_or("");
    let message = v["error"]["message"].as_str().unwrap_or("");
    match code {
        _ if status == 429 || code == "TooManyRequests" => ErrorKind::Throttled,
        "RoleAssignmentRequestPolicyValidationFailed" => ErrorKind::PolicyViolation,
        "RoleAssignmentRequestAcrsValidationFailed" => ErrorKind::ClaimsChallenge,
        "RoleAssignmentExists" => ErrorKind::RoleAssignmentExists,
        "RoleAssignmentRequestExists" => ErrorKind::RoleAssignmentRequestExists,
        "ActiveDurationTooShort" => ErrorKind::ActiveDurationTooShort,
        "RoleAssignmentDoesNotExist" => ErrorKind::RoleAssignmentDoesNotExist,
        "AadPremiumLicenseRequired" => ErrorKind::LicenseMissing,
        "Authorization_RequestDenied" => ErrorKind::PermissionMissing,
        "" if status == 403 || message.contains("Valid permissions not present") => {
            ErrorKind::PermissionMissing
        }
        _ => ErrorKind::Http,
    }
}

fn check_error(op: Option<O>, status: u16, v: &Value) -> Result<(), String> {
    if op == Some(O::Token) {
        let body: IdentityErrorBody = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
        let refused = matches!(body.to_token_error(), pim_console::graph::TokenError::Refused { error, .. } if error == body.error);
        return (refused && body.aadsts().is_some())
            .then_some(())
            .ok_or_else(|| "token error not read".into());
    }
    let error = GraphError::from_response(&HttpResponse::new(status, v.to_string()));
    let want = expected_kind(status, v);
    if error.kind() != want {
        return Err(format!("error became {:?}, expected {want:?}", error.kind()));
    }
    match &error {
        GraphError::PolicyViolation { rules, .. } if rules.is_empty() => Err("no rule names read".into()),
        GraphError::ClaimsChallenge { claims } if serde_json::from_str::<Value>(claims).is_err() => {
            Err(format!("claims are not JSON: {claims}"))
        }
        _ if error.explain().is_empty() || error.next_step().is_empty() => Err("no user text".into()),
        _ => Ok(()),
    }
}

fn check_body(op: Option<O>, status: u16, v: &Value) -> Result<(), String> {
    match op {
        _ if status >= 400 => check_error(op, status, v),
        Some(op) => check_response(op, v),
        None => Err("no operation".into()),
    }
}

/// An ARM `x-ms-examples` file: the body parameter and every response.
fn check_example(op: O, v: &Value) -> Result<(), String> {
    let params = v["parameters"].as_object().ok_or("example without parameters")?;
    for body in params.values().filter(|p| p.is_object()) {
        check_request(op, body)?;
    }
    // Some examples were copied without their responses part.
    let none = serde_json::Map::new();
    for (status, r) in v["responses"].as_object().unwrap_or(&none) {
        // `default` is the error response of an x-ms-example.
        let status: u16 =
            if status == "default" { 400 } else { status.parse().map_err(|_| format!("status {status}"))? };
        match r.get("body") {
            Some(body) => check_body(Some(op), status, body)?,
            None if op.returns_no_content() => {}
            None => return Err(format!("{op:?} answered {status} without a body")),
        }
    }
    Ok(())
}

fn check_entry(dir: &Path, e: &Entry) -> Result<Option<String>, String> {
    let op = Method::parse(&e.method).and_then(|m| route(m, &e.url));
    if e.file == "(no body)" {
        let op = op.ok_or("cannot route")?;
        return op.returns_no_content().then_some(None).ok_or_else(|| format!("{op:?} should return a body"));
    }
    let text = std::fs::read_to_string(dir.join(&e.file)).map_err(|err| err.to_string())?;
    if e.file.ends_with(".txt") {
        let err = serde_json::from_str::<Value>(&text).err().ok_or("a .txt fixture parses as JSON")?;
        return Ok(Some(format!("{}: invalid JSON ({err})", e.file)));
    }
    let v: Value = serde_json::from_str(&text).map_err(|err| format!("not JSON: {err}"))?;
    if e.method == "*" {
        // Applies to any operation (throttling).
        return check_error(None, e.status.unwrap_or(429), &v).map(|_| None);
    }
    let op = op.ok_or("cannot route")?;
    match e.kind.as_str() {
        "request" => check_request(op, &v),
        "response" | "error" => check_body(Some(op), e.status.unwrap_or(200), &v),
        k if k.starts_with("example") => check_example(op, &v),
        k => Err(format!("unknown kind {k}")),
    }
    .map(|_| None)
}

#[test]
fn every_fixture_honours_the_contract() {
    let dir = fixture_dir();
    let index = std::fs::read_to_string(dir.join("index.json"))
        .unwrap_or_else(|e| panic!("cannot read {}/index.json: {e}", dir.display()));
    let entries: Vec<Entry> = serde_json::from_str(&index).expect("index.json");
    let (mut checked, mut skipped, mut failures) = (0, Vec::new(), Vec::new());
    for e in &entries {
        match check_entry(&dir, e) {
            Ok(Some(reason)) => skipped.push(reason),
            Ok(None) if e.file != "(no body)" => checked += 1,
            Ok(None) => {}
            Err(why) => failures.push(format!("{} {} {} ({}): {why}", e.file, e.method, e.url, e.kind)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) broke the contract:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(skipped.iter().all(|r| r.contains("invalid JSON")), "{skipped:?}");
    println!("contract: {checked} checked, {} skipped", skipped.len());
}
