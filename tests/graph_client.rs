//! Retries, 401 refresh, paging and error mapping of the client, against a scripted transport.

use std::time::Duration;

use futures::executor::block_on;
use pim_console::domain::{ArmScope, IsoDuration, PrincipalId, RoleDefinitionId};
use pim_console::graph::client::arm::ArmRequestFilter;
use pim_console::graph::client::PickerQuery;
use pim_console::graph::scripted::scripted_client;
use pim_console::graph::wire::*;
use pim_console::graph::{Api, ErrorKind, GraphError, HttpResponse, Method, TransportError};

const ONE: &str =
    r#"{"value":[{"id":"a","roleDefinitionId":"r1","roleDefinition":{"displayName":"Reader"}}]}"#;

fn activation() -> RoleScheduleRequestBody {
    RoleScheduleRequestBody {
        action: ScheduleAction::SelfActivate,
        principal_id: PrincipalId::new("p"),
        role_definition_id: RoleDefinitionId::new("r"),
        directory_scope_id: Some("/".into()),
        app_scope_id: None,
        justification: Some("fix prod".into()),
        schedule_info: Some(RequestSchedule {
            expiration: Some(ExpirationPattern::after_duration(IsoDuration::from_hours(1))),
            ..Default::default()
        }),
        ticket_info: None,
        is_validation_only: None,
        target_schedule_id: None,
    }
}

#[test]
fn get_honours_fractional_retry_after_on_429() {
    let (client, t, _) = scripted_client();
    t.push(
        HttpResponse::new(429, r#"{"error":{"code":"TooManyRequests","message":"slow"}}"#)
            .with_header("Retry-After", "2.128"),
    );
    t.push_json(200, ONE);
    let roles = block_on(client.my_eligible_roles()).unwrap();
    assert_eq!(roles[0].role_definition.as_ref().unwrap().display_name.as_deref(), Some("Reader"));
    assert_eq!(*t.sleeps.borrow(), vec![Duration::from_millis(2128)]);
    assert_eq!(t.sent(), 2);
}

#[test]
fn get_backs_off_exponentially_on_503_504_and_network_errors() {
    let (client, t, _) = scripted_client();
    t.push_json(503, "{}");
    t.push_json(504, "{}");
    t.push_error(TransportError::Network("reset".into()));
    t.push_json(200, ONE);
    assert_eq!(block_on(client.my_active_roles()).unwrap().len(), 1);
    // base 500 ms doubled each time, jitter 0 halves it.
    let expected: Vec<Duration> = [250, 500, 1000].iter().map(|ms| Duration::from_millis(*ms)).collect();
    assert_eq!(*t.sleeps.borrow(), expected);
}

#[test]
fn retries_are_bounded_in_count_and_total_wait() {
    let (client, t, _) = scripted_client();
    for _ in 0..6 {
        t.push_json(503, r#"{"error":{"code":"ServiceUnavailable","message":"down"}}"#);
    }
    let err = block_on(client.my_active_roles()).unwrap_err();
    assert!(matches!(err, GraphError::Http { status: 503, .. }));
    assert_eq!(t.sent(), 5, "one try and four retries");

    let (client, t, _) = scripted_client();
    t.push(HttpResponse::new(429, "{}").with_header("Retry-After", "3600"));
    let err = block_on(client.my_active_roles()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Throttled);
    assert!(t.sleeps.borrow().is_empty(), "an hour is over the budget: give up at once");
}

#[test]
fn retry_after_as_http_date_counts_from_the_callers_clock() {
    let (client, t, _) = scripted_client();
    t.push(HttpResponse::new(503, "{}").with_header("Retry-After", "Thu, 01 Jan 1970 00:00:05 GMT"));
    t.push_json(200, ONE);
    block_on(client.my_active_roles()).unwrap();
    assert_eq!(*t.sleeps.borrow(), vec![Duration::from_secs(5)]);
}

#[test]
fn writes_are_retried_only_after_429() {
    let (client, t, _) = scripted_client();
    t.push_json(503, "{}");
    assert!(block_on(client.create_role_assignment_request(&activation())).is_err());
    assert_eq!(t.sent(), 1);

    let (client, t, _) = scripted_client();
    t.push_error(TransportError::Timeout);
    assert_eq!(
        block_on(client.create_role_assignment_request(&activation())).unwrap_err(),
        GraphError::Timeout
    );
    assert_eq!(t.sent(), 1);

    let (client, t, _) = scripted_client();
    t.push(HttpResponse::new(429, "{}").with_header("Retry-After", "1"));
    t.push_json(201, r#"{"id":"req","status":"PendingApproval","action":"selfActivate"}"#);
    let req = block_on(client.create_role_assignment_request(&activation())).unwrap();
    assert_eq!(req.status, Some(RequestStatus::PendingApproval));
    assert_eq!(t.sent(), 2);
    let sent = &t.requests.borrow()[0];
    let body: serde_json::Value = serde_json::from_str(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["action"], "selfActivate");
    assert_eq!(body["scheduleInfo"]["expiration"]["duration"], "PT1H");
    assert!(body.get("ticketInfo").is_none(), "unset fields are not written");
}

#[test]
fn a_401_asks_for_a_fresh_token_once() {
    let (client, t, tokens) = scripted_client();
    t.push_json(401, r#"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#);
    t.push_json(200, ONE);
    block_on(client.my_eligible_roles()).unwrap();
    assert_eq!(*tokens.calls.borrow(), vec![(Api::Graph, false), (Api::Graph, true)]);
    assert_eq!(t.requests.borrow()[1].header("Authorization"), Some("Bearer token-1"));

    let (client, t, tokens) = scripted_client();
    t.push_json(401, "{}");
    t.push_json(401, r#"{"error":{"code":"InvalidAuthenticationToken","message":"no"}}"#);
    let err = block_on(client.my_eligible_roles()).unwrap_err();
    assert!(matches!(err, GraphError::Http { status: 401, .. }));
    assert_eq!(tokens.calls.borrow().iter().filter(|(_, fresh)| *fresh).count(), 1);
}

#[test]
fn a_claims_challenge_is_not_a_refresh() {
    let (client, t, tokens) = scripted_client();
    let claims = "eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19";
    t.push(HttpResponse::new(401, "").with_header(
        "WWW-Authenticate",
        format!(r#"Bearer realm="", error="insufficient_claims", claims="{claims}""#),
    ));
    let err = block_on(client.my_eligible_roles()).unwrap_err();
    let GraphError::ClaimsChallenge { claims } = err else { panic!("{err:?}") };
    assert_eq!(claims, r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#);
    assert_eq!(tokens.calls.borrow().len(), 1);
}

#[test]
fn paging_follows_next_links_to_the_end_and_stops_at_the_cap() {
    let (client, t, _) = scripted_client();
    let next = "http://127.0.0.1:9/graph/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$skiptoken=X";
    t.push_json(200, &format!(r#"{{"value":[{{"id":"1"}}],"@odata.nextLink":"{next}"}}"#));
    t.push_json(200, r#"{"value":[{"id":"2"}]}"#);
    let all = block_on(client.list_role_eligibility_instances(&Default::default())).unwrap();
    assert_eq!(all.iter().map(|i| i.id.clone().unwrap()).collect::<Vec<_>>(), ["1", "2"]);
    assert_eq!(t.requests.borrow()[1].url, next);

    let (mut client, t, _) = scripted_client();
    client.page_cap = 2;
    for _ in 0..3 {
        t.push_json(200, &format!(r#"{{"value":[{{"id":"1"}}],"@odata.nextLink":"{next}"}}"#));
    }
    let err = block_on(client.list_role_eligibility_instances(&Default::default())).unwrap_err();
    assert_eq!(err, GraphError::TooManyPages { pages: 2 });
    assert_eq!(t.sent(), 2);

    let (client, t, _) = scripted_client();
    t.push_json(200, r#"{"value":[],"@odata.nextLink":"https://evil.example/steal"}"#);
    let err = block_on(client.list_role_eligibility_instances(&Default::default())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadResponse);
    assert_eq!(t.sent(), 1, "the token never goes to another host");
}

#[test]
fn arm_pages_through_next_link_and_names_puts_with_caller_guids() {
    let (client, t, tokens) = scripted_client();
    let next = "http://127.0.0.1:9/arm/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?$skiptoken=2";
    t.push_json(
        200,
        &format!(
            r#"{{"value":[{{"name":"a","properties":{{"status":"Provisioned"}}}}],"nextLink":"{next}"}}"#
        ),
    );
    t.push_json(200, r#"{"value":[{"name":"b","properties":{"memberType":"Direct"}}]}"#);
    let all = block_on(client.arm_my_eligible_roles()).unwrap();
    assert_eq!(all.len(), 2);
    assert!(t.requests.borrow()[0]
        .url
        .ends_with("roleEligibilityScheduleInstances?api-version=2020-10-01&$filter=asTarget()"));
    assert_eq!(tokens.calls.borrow()[0].0, Api::Arm);

    t.push_json(201, r#"{"name":"00000000-0000-0000-0000-000000000001","properties":{"status":"Provisioned","requestType":"SelfActivate"}}"#);
    let fields = ArmScheduleRequestFields {
        principal_id: PrincipalId::new("p"),
        role_definition_id: RoleDefinitionId::new(
            "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/r",
        ),
        request_type: Some(ScheduleAction::SelfActivate),
        linked_role_eligibility_schedule_id: None,
        target_role_assignment_schedule_id: None,
        target_role_eligibility_schedule_id: None,
        justification: Some("deploy".into()),
        schedule_info: Some(ArmScheduleInfo {
            start_date_time: None,
            expiration: Some(ArmExpiration {
                kind: Some(ExpirationType::AfterDuration),
                end_date_time: None,
                duration: Some(IsoDuration::from_hours(8)),
            }),
        }),
        ticket_info: None,
        condition: None,
        condition_version: None,
    };
    let scope = ArmScope::parse("/subscriptions/s/resourceGroups/my rg").unwrap();
    let created = block_on(client.arm_create_assignment_request(&scope, &fields)).unwrap();
    assert_eq!(created.properties.status, Some(RequestStatus::Provisioned));
    let put = t.requests.borrow()[2].clone();
    assert_eq!(put.method, Method::Put);
    assert_eq!(
        put.url,
        "http://127.0.0.1:9/arm/subscriptions/s/resourceGroups/my%20rg/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/00000000-0000-0000-0000-000000000001?api-version=2020-10-01"
    );
    let body: serde_json::Value = serde_json::from_str(put.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["properties"]["requestType"], "SelfActivate");
    assert_eq!(body["properties"]["scheduleInfo"]["expiration"]["type"], "AfterDuration");

    t.push_json(200, r#"{"value":[]}"#);
    block_on(client.arm_requests(&scope, ArmRequestFilter::AsApprover)).unwrap();
    assert!(t.requests.borrow()[3].url.ends_with("$filter=asApprover()"));
}

#[test]
fn pim_errors_reach_the_caller_typed_and_explained() {
    let (client, t, _) = scripted_client();
    t.push_json(
        400,
        r#"{"error":{"code":"RoleAssignmentRequestPolicyValidationFailed","message":"The following policy rules failed: [\"ExpirationRule\",\"MfaRule\"]"}}"#,
    );
    let err = block_on(client.create_role_assignment_request(&activation())).unwrap_err();
    let GraphError::PolicyViolation { rules, .. } = &err else { panic!("{err:?}") };
    assert_eq!(rules.len(), 2);
    assert!(err.explain().contains("multi-factor"), "{}", err.explain());
    assert!(!err.next_step().is_empty());

    t.push_json(400, r#"{"error":{"code":"RoleAssignmentRequestAcrsValidationFailed","message":"claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%22value%22%3A%22c2%22%7D%7D%7D"}}"#);
    let err = block_on(client.create_role_assignment_request(&activation())).unwrap_err();
    assert_eq!(
        err,
        GraphError::ClaimsChallenge {
            claims: r#"{"access_token":{"acrs":{"essential":true,"value":"c2"}}}"#.into()
        }
    );

    t.push_json(400, r#"{"error":{"code":"AadPremiumLicenseRequired","message":"P2"}}"#);
    let err = block_on(client.create_role_assignment_request(&activation())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LicenseMissing);
}

#[test]
fn picker_searches_escape_input_and_send_the_advanced_query_header() {
    let (client, t, _) = scripted_client();
    t.push_json(200, r#"{"value":[{"id":"u","displayName":"Ann O'Brien"}]}"#);
    let users = block_on(client.search_users("O'Brien & Co", PickerQuery::StartsWith)).unwrap();
    assert_eq!(users[0].display_name.as_deref(), Some("Ann O'Brien"));
    let url = t.requests.borrow()[0].url.clone();
    assert!(url.contains("$filter=startswith(displayName,'O''Brien%20%26%20Co')"), "{url}");
    assert!(t.requests.borrow()[0].header("ConsistencyLevel").is_none());

    t.push_json(200, r#"{"value":[{"id":"g","displayName":"Ops"}]}"#);
    let groups = block_on(client.search_groups("ops team", PickerQuery::Search)).unwrap();
    assert_eq!(groups.len(), 1);
    let req = t.requests.borrow()[1].clone();
    assert!(req.url.contains("$search=%22displayName:ops%20team%22"), "{}", req.url);
    assert_eq!(req.header("ConsistencyLevel"), Some("eventual"));
}

#[test]
fn admin_lists_ask_for_pages_of_999_and_fall_back_to_the_default_page_when_refused() {
    let (client, t, _) = scripted_client();
    let next = "http://127.0.0.1:9/graph/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$expand=principal,roleDefinition&$top=999&$skiptoken=X";
    t.push_json(200, &format!(r#"{{"value":[{{"id":"1"}}],"@odata.nextLink":"{next}"}}"#));
    t.push_json(200, r#"{"value":[{"id":"2"}]}"#);
    let all = block_on(client.list_role_eligibility_instances(&Default::default())).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        t.requests.borrow()[0].url,
        "http://127.0.0.1:9/graph/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$expand=principal,roleDefinition&$top=999"
    );
    assert_eq!(t.requests.borrow()[1].url, next, "the next link is followed as given");

    // Each of the Assignments page's four lists asks for large pages.
    for (i, list) in [
        "roleAssignmentScheduleInstances",
        "group/eligibilityScheduleInstances",
        "group/assignmentScheduleInstances",
    ]
    .into_iter()
    .enumerate()
    {
        t.push_json(200, r#"{"value":[]}"#);
        let group = pim_console::domain::GroupId::new("g");
        match i {
            0 => block_on(client.list_role_assignment_instances(&Default::default())).map(|_| ()),
            1 => block_on(client.list_group_eligibility_instances(&group)).map(|_| ()),
            _ => block_on(client.list_group_assignment_instances(&group)).map(|_| ()),
        }
        .unwrap();
        let url = t.requests.borrow().last().unwrap().url.clone();
        assert!(url.contains(&format!("/{list}?")) && url.ends_with("&$top=999"), "{url}");
    }

    // A service that refuses the page size: the list is read again at its own page size.
    let (client, t, _) = scripted_client();
    t.push_json(400, r#"{"error":{"code":"BadRequest","message":"Invalid value '999' for $top."}}"#);
    t.push_json(200, r#"{"value":[{"id":"1"}]}"#);
    let all = block_on(client.list_role_eligibility_instances(&Default::default())).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(t.sent(), 2);
    assert!(!t.requests.borrow()[1].url.contains("$top"), "{}", t.requests.borrow()[1].url);
}
