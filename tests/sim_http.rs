//! HTTP behaviour: tokens (401/403), paging with absolute `@odata.nextLink`, `$filter`,
//! `$select`, `$batch`, fault injection, the in-process transport, snapshots and determinism.

#[path = "sim_common.rs"]
mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use common::*;
use futures::executor::block_on;
use pim_console::graph::{HttpRequest, Method, Transport, TransportError};
use pim_console::sim::{Fault, FaultRule, Sim, SimEndpoints, SimTransport, TokenClaims};
use serde_json::{json, Value};

#[test]
fn tokens_missing_expired_or_tampered_get_401() {
    let mut t = T::new();
    let r = t.send(Method::Get, &format!("{GRAPH}{MY_ELIGIBLE}"), None, None);
    assert_eq!((r.status, r.code()), (401, "InvalidAuthenticationToken"));
    assert!(r.body["error"]["innerError"]["request-id"].is_string());
    let token = t.token("alex", TokenClaims::graph());
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    parts[1].insert(3, 'x');
    let r = t.send(Method::Get, &format!("{GRAPH}{MY_ELIGIBLE}"), Some(&parts.join(".")), None);
    assert_eq!(r.status, 401);
    assert_eq!(t.send(Method::Get, &format!("{GRAPH}{MY_ELIGIBLE}"), Some(&token), None).status, 200);
    t.advance_minutes(61);
    let r = t.send(Method::Get, &format!("{GRAPH}{MY_ELIGIBLE}"), Some(&token), None);
    assert_eq!((r.status, r.code()), (401, "InvalidAuthenticationToken"));
    assert!(t.sim.mint_token("nobody@contoso.example", TokenClaims::graph()).is_empty());
}

#[test]
fn audit_paging_filter_and_select_behind_a_test_server_base() {
    let mut t = T::new();
    t.sim.set_endpoints(SimEndpoints {
        login: "http://127.0.0.1:9/login".into(),
        graph: "http://127.0.0.1:9/graph/".into(),
        arm: "http://127.0.0.1:9/arm".into(),
    });
    let token = t.token("casey", TokenClaims::graph());
    let first = "http://127.0.0.1:9/graph/v1.0/auditLogs/directoryAudits?$filter=loggedByService%20eq%20'PIM'%20and%20activityDateTime%20ge%202026-02-01T00:00:00Z&$top=7&$select=activityDisplayName,activityDateTime";
    let mut url = first.to_string();
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let r = t.send(Method::Get, &url, Some(&token), None);
        assert_eq!(r.status, 200, "{}", r.body);
        pages += 1;
        for v in r.value() {
            assert!(v["activityDateTime"].as_str().unwrap() >= "2026-02-01");
            assert!(v.get("initiatedBy").is_none(), "$select drops other properties");
            seen.push(v["id"].as_str().unwrap().to_string());
        }
        match r.body["@odata.nextLink"].as_str() {
            Some(next) => {
                assert!(
                    next.starts_with("http://127.0.0.1:9/graph/v1.0/auditLogs/directoryAudits?"),
                    "{next}"
                );
                url = next.to_string();
            }
            None => break,
        }
    }
    assert!(pages > 2, "a month of history spans pages");
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no duplicates across pages");
    let all = t.send(Method::Get, "http://127.0.0.1:9/graph/v1.0/auditLogs/directoryAudits?$top=999&$filter=activityDateTime%20ge%202026-02-01T00:00:00Z", Some(&token), None);
    assert_eq!(all.value().len(), seen.len());
    let bad = t.send(
        Method::Get,
        "http://127.0.0.1:9/graph/v1.0/auditLogs/directoryAudits?$filter=foo%20bar",
        Some(&token),
        None,
    );
    assert_eq!(bad.status, 400);
}

#[test]
fn batch_answers_each_item_and_enforces_limits() {
    let mut t = T::new();
    let alex = t.id("alex");
    let body = json!({"requests": [
        {"id": "1", "method": "GET", "url": "/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')"},
        {"id": "2", "method": "POST", "url": "/roleManagement/directory/roleAssignmentScheduleRequests",
            "headers": {"Content-Type": "application/json"}, "body": activate(&alex, GLOBAL_READER, "PT99H", None)},
        {"id": "3", "method": "GET", "url": "/me", "dependsOn": ["2"]},
        {"id": "4", "method": "GET", "url": "/me"}
    ]});
    let r = t.graph_as("alex", Method::Post, "/v1.0/$batch", Some(body));
    assert_eq!(r.status, 200);
    let items = r.body["responses"].as_array().unwrap();
    let by_id = |id: &str| items.iter().find(|i| i["id"] == id).unwrap().clone();
    assert_eq!(by_id("1")["status"], 200);
    assert!(by_id("1")["body"]["value"].as_array().unwrap().len() >= 6);
    assert_eq!(by_id("2")["status"], 400);
    assert_eq!(by_id("2")["body"]["error"]["code"], "RoleAssignmentRequestPolicyValidationFailed");
    assert_eq!(by_id("3")["status"], 424);
    assert_eq!(by_id("4")["body"]["userPrincipalName"], "alex@contoso.example");
    assert_eq!(by_id("4")["headers"]["Content-Type"], "application/json");
    let many: Vec<Value> =
        (0..21).map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/me"})).collect();
    assert_eq!(t.graph_as("alex", Method::Post, "/v1.0/$batch", Some(json!({"requests": many}))).status, 400);
    let dup = json!({"requests": [{"id": "1", "method": "GET", "url": "/me"}, {"id": "1", "method": "GET", "url": "/me"}]});
    assert_eq!(t.graph_as("alex", Method::Post, "/v1.0/$batch", Some(dup)).status, 400);
}

#[test]
fn faults_throttle_fail_delay_and_corrupt() {
    let mut t = T::new();
    t.sim.inject(
        FaultRule::times("roleEligibilityScheduleInstances", 1, Fault::Throttle { retry_after_secs: 2.5 })
            .on(Method::Get),
    );
    let r = t.graph_as("alex", Method::Get, MY_ELIGIBLE, None);
    assert_eq!((r.status, r.code()), (429, "TooManyRequests"));
    assert_eq!(r.raw.header("Retry-After"), Some("2.5"));
    assert_eq!(t.graph_as("alex", Method::Get, MY_ELIGIBLE, None).status, 200, "only the next call");
    t.sim.inject(FaultRule::times("/me", 2, Fault::Status(503)));
    assert_eq!(t.graph_as("alex", Method::Get, "/v1.0/me", None).status, 503);
    assert_eq!(t.graph_as("alex", Method::Get, "/v1.0/me", None).status, 503);
    assert_eq!(t.graph_as("alex", Method::Get, "/v1.0/me", None).status, 200);
    t.sim.inject(FaultRule::times("/me", 1, Fault::Latency(Duration::from_millis(1500))));
    let r = t.graph_as("alex", Method::Get, "/v1.0/me", None);
    assert_eq!((r.status, r.raw.header("X-Sim-Delay-Ms")), (200, Some("1500")));
    t.sim.inject(FaultRule::times("/me", 1, Fault::MalformedBody));
    let r = t.graph_as("alex", Method::Get, "/v1.0/me", None);
    assert!(serde_json::from_str::<Value>(&r.raw.body).is_err());
    t.sim.inject(FaultRule::times("/me", 1, Fault::Drop));
    let r = t.graph_as("alex", Method::Get, "/v1.0/me", None);
    assert_eq!((r.status, r.raw.header("X-Sim-Fault")), (0, Some("drop")));
    t.sim.inject(FaultRule::always("roleEligibilityScheduleInstances", Fault::Status(504)));
    let arm = t.arm_as(
        "alex",
        Method::Get,
        "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01",
        None,
    );
    assert_eq!(arm.status, 504);
    assert!(arm.body["error"].get("innerError").is_none());
    t.sim.clear_faults();
    assert_eq!(t.graph_as("alex", Method::Get, MY_ELIGIBLE, None).status, 200);
}

#[test]
fn sim_transport_carries_requests_drops_and_moves_the_clock() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, wall())));
    let transport = SimTransport::new(sim.clone(), wall);
    let token = sim.borrow_mut().mint_token("alex@contoso.example", TokenClaims::graph());
    let req = HttpRequest::new(Method::Get, format!("{GRAPH}/v1.0/me"))
        .with_header("Authorization", format!("Bearer {token}"));
    let resp = block_on(transport.send(req.clone())).unwrap();
    assert_eq!(resp.status, 200);
    sim.borrow_mut().inject(FaultRule::times("/me", 1, Fault::Drop));
    assert!(matches!(block_on(transport.send(req.clone())), Err(TransportError::Network(_))));
    block_on(transport.sleep(Duration::from_secs(3600)));
    assert_eq!(transport.sleeps(), vec![Duration::from_secs(3600)]);
    assert_eq!(sim.borrow().now_at(wall()), wall() + chrono::Duration::hours(1));
    let expired = block_on(transport.send(req)).unwrap();
    assert_eq!(expired.status, 401, "the one-hour token expired in virtual time");
}

#[test]
fn snapshots_restore_and_seeds_are_deterministic() {
    let a = Sim::demo(42, wall());
    let b = Sim::demo(42, wall());
    assert_eq!(a.snapshot(), b.snapshot());
    assert_ne!(a.snapshot(), Sim::demo(43, wall()).snapshot());
    let mut t = T::new();
    let alex = t.id("alex");
    assert_eq!(
        t.graph_as("alex", Method::Post, REQUESTS, Some(activate(&alex, GLOBAL_READER, "PT1H", None))).status,
        201
    );
    let saved = t.sim.snapshot();
    t.sim = Sim::restore(&saved).unwrap();
    assert!(roles(&t.graph_as("alex", Method::Get, MY_ACTIVE, None)).contains(&GLOBAL_READER.to_string()));
    assert!(Sim::restore("{not json").is_err());
    let personas = Sim::personas();
    assert!(personas.len() >= 3);
    for upn in ["alex@contoso.example", "bailey@contoso.example", "casey@contoso.example"] {
        assert!(personas.iter().any(|p| p.upn == upn && !p.description.is_empty()));
    }
}

#[test]
fn paths_are_percent_decoded_and_unknown_segments_refused() {
    let mut t = T::new();
    let alex = t.id("alex");
    let r = t.graph_as("alex", Method::Get, &format!("/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$filter=principalId+eq+'{alex}'%20and%20roleDefinitionId%20eq%20'{USER_ADMIN}'"), None);
    assert_eq!(r.value().len(), 1, "{}", r.body);
    let r = t.graph_as("alex", Method::Get, "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on=%27principal%27)", None);
    assert_eq!(r.status, 200);
    let r = t.graph_as("alex", Method::Get, "/v1.0/roleManagement/directory/nonsense", None);
    assert_eq!((r.status, r.message()), (400, "Resource not found for the segment 'nonsense'."));
    let r = t.graph_as(
        "alex",
        Method::Get,
        "/v1.0/roleManagement/directory/roleDefinitions?$filter=displayName%20eq%20'Global%20Administrator'",
        None,
    );
    assert_eq!(r.value()[0]["id"], GLOBAL_ADMIN);
    let r = t.graph_as("alex", Method::Get, "/v1.0/roleManagement/directory/roleDefinitions?$top=10", None);
    assert_eq!(r.value().len(), 10);
    assert!(r.body["@odata.nextLink"].as_str().unwrap().contains("$skiptoken="));
}

#[test]
fn the_sim_is_send_and_its_snapshot_fits_session_storage() {
    fn assert_send<S: Send>(_: &S) {}
    let sim = Sim::demo(1, wall());
    assert_send(&sim);
    let size = sim.snapshot().len();
    assert!(size < 200_000, "snapshot is {size} bytes");
}

#[test]
fn audit_filters_on_target_resources_and_initiator() {
    let mut t = T::new();
    let drew = t.id("drew");
    let r = t.graph_as("casey", Method::Get, &format!("/v1.0/auditLogs/directoryAudits?$filter=targetResources/any(t:t/id%20eq%20'{drew}')%20and%20startswith(activityDisplayName,'Add%20member%20to%20role')"), None);
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!r.value().is_empty());
    assert!(r
        .value()
        .iter()
        .all(|e| e["activityDisplayName"].as_str().unwrap().starts_with("Add member to role")));
    let r = t.graph_as("casey", Method::Get, "/v1.0/auditLogs/directoryAudits?$filter=initiatedBy/user/userPrincipalName%20eq%20'casey@contoso.example'", None);
    assert!(r.value().iter().all(|e| e["initiatedBy"]["user"]["displayName"] == "Casey Jordan"));
    assert!(!r.value().is_empty());
}

#[test]
fn arm_throttling_and_scope() {
    let mut t = T::new();
    t.sim.inject(FaultRule::times(
        "roleEligibilityScheduleInstances",
        1,
        Fault::Throttle { retry_after_secs: 1.2 },
    ));
    let r = t.arm_as(
        "alex",
        Method::Get,
        "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01",
        None,
    );
    assert_eq!((r.status, r.raw.header("Retry-After")), (429, Some("2")));
    assert!(r.body["error"].get("innerError").is_none());
    let token = t.token("alex", TokenClaims::arm().with_scopes(&["openid"]));
    let r = t.send(
        Method::Get,
        &format!(
            "{ARM}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01"
        ),
        Some(&token),
        None,
    );
    assert_eq!((r.status, r.code()), (403, "AuthorizationFailed"));
}
