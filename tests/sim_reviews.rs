//! Access reviews in the simulated tenant, end to end through the typed client: an administrator
//! reviews who holds a role, the reviewer denies, the run ends, the decisions are applied and
//! the denied person loses the role.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, TimeZone, Utc};
use futures::executor::block_on;
use futures::future::LocalBoxFuture;
use pim_console::config::Cloud;
use pim_console::graph::scripted::FixedEnv;
use pim_console::graph::wire::review::{AccessReviewDefinition, RecordAllDecisionsBody};
use pim_console::graph::{Api, GraphClient, HttpRequest, Method, TokenError, TokenProvider};
use pim_console::sim::{Sim, SimTransport, TokenClaims, ENTRA_ROLES};
use serde_json::json;

struct As(Rc<RefCell<Sim>>, &'static str, DateTime<Utc>);

impl TokenProvider for As {
    fn access_token(&self, _api: Api, _fresh: bool) -> LocalBoxFuture<'_, Result<String, TokenError>> {
        let token = self.0.borrow_mut().mint_token_at(self.1, TokenClaims::graph().with_mfa(), self.2);
        Box::pin(async move { Ok(token) })
    }
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn client(sim: &Rc<RefCell<Sim>>, upn: &'static str) -> GraphClient {
    let now = start();
    GraphClient::new(
        Rc::new(SimTransport::new(Rc::clone(sim), move || now)),
        Rc::new(As(Rc::clone(sim), upn, now)),
        Rc::new(FixedEnv::default()),
        Cloud::Public.endpoints(),
    )
}

fn id_of(upn: &str) -> String {
    Sim::personas().into_iter().find(|p| p.upn == upn).unwrap().id
}

/// A raw POST as `upn`, for the review actions the client does not wrap yet.
fn post(sim: &Rc<RefCell<Sim>>, upn: &str, path: &str) -> u16 {
    let token = sim.borrow_mut().mint_token_at(upn, TokenClaims::graph().with_mfa(), start());
    let req = HttpRequest::new(Method::Post, format!("https://graph.microsoft.com/v1.0/{path}"))
        .with_header("Authorization", format!("Bearer {token}"))
        .with_json_body("{}".into());
    let now = sim.borrow().now_at(start());
    sim.borrow_mut().handle(&req, now).status
}

fn review_of(role: &str, name: &str) -> AccessReviewDefinition {
    serde_json::from_value(json!({
        "displayName": name,
        "descriptionForAdmins": "Quarterly review of a privileged role",
        "scope": {
            "@odata.type": "#microsoft.graph.accessReviewQueryScope",
            "query": format!("/roleManagement/directory/roleDefinitions/{role}"),
            "queryType": "MicrosoftGraph"
        },
        "reviewers": [{ "query": format!("/users/{}", id_of("bailey@contoso.example")), "queryType": "MicrosoftGraph" }],
        "settings": { "instanceDurationInDays": 3 }
    }))
    .expect("a review definition")
}

#[test]
fn a_denied_holder_loses_the_role_once_the_decisions_are_applied() {
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let (alex, bailey, casey) = (
        client(&sim, "alex@contoso.example"),
        client(&sim, "bailey@contoso.example"),
        client(&sim, "casey@contoso.example"),
    );
    let reports_reader = ENTRA_ROLES.iter().find(|r| r.name == "Reports Reader").unwrap().id;
    let holds_it = |c: &GraphClient| {
        block_on(c.my_active_roles())
            .unwrap()
            .iter()
            .any(|i| i.role_definition_id.as_ref().is_some_and(|r| r.as_str() == reports_reader))
    };
    assert!(holds_it(&alex), "the demo gives Alex Reports Reader");

    // Only an administrator may create it.
    assert!(block_on(alex.create_access_review(&review_of(reports_reader, "Not mine"))).is_err());
    let created = block_on(casey.create_access_review(&review_of(reports_reader, "Reports Reader Q4")))
        .expect("created");
    let definition = created.id.clone().expect("an id");
    let run = block_on(casey.list_review_instances(&definition)).unwrap().remove(0).id.unwrap();

    // The reviewer sees Alex's decision item and denies it in one batch.
    let mine = block_on(bailey.my_review_decisions(&definition, &run)).unwrap();
    assert_eq!(mine.len(), 1, "one holder to review: {mine:?}");
    let deny: RecordAllDecisionsBody = serde_json::from_value(json!({
        "decision": "Deny", "justification": "No longer on the reporting team", "principalId": id_of("alex@contoso.example")
    }))
    .unwrap();
    block_on(bailey.record_review_decisions(&definition, &run, &deny)).expect("recorded");

    // Applying is refused while the run is in progress; stopping ends it.
    let base = format!("identityGovernance/accessReviews/definitions/{definition}");
    assert_eq!(post(&sim, "casey@contoso.example", &format!("{base}/instances/{run}/applyDecisions")), 400);
    assert_eq!(post(&sim, "casey@contoso.example", &format!("{base}/stop")), 204);
    assert_eq!(post(&sim, "alex@contoso.example", &format!("{base}/instances/{run}/applyDecisions")), 403);
    assert_eq!(post(&sim, "casey@contoso.example", &format!("{base}/instances/{run}/applyDecisions")), 204);

    assert!(!holds_it(&alex), "the denied holder lost the role");
    let since = pim_console::graph::wire::time::Timestamp(start() - chrono::Duration::days(1));
    let audit = block_on(casey.pim_audits(since)).unwrap();
    assert!(audit
        .iter()
        .any(|e| e.activity_display_name.as_deref().is_some_and(|a| a.contains("access review"))));
}

#[test]
fn a_reviewer_sees_the_people_to_review_and_records_decisions_in_words() {
    use pim_console::domain::reviews::ReviewChoice;
    use pim_console::graph::reviews::{decide, my_review_work};
    let sim = Rc::new(RefCell::new(Sim::demo(7, start())));
    let bailey = client(&sim, "bailey@contoso.example");
    let (rows, errors) = block_on(my_review_work(&bailey, start())).expect("reviews listed");
    assert!(errors.is_empty(), "{errors:?}");
    assert!(rows.len() >= 2, "{rows:#?}");
    assert!(rows.iter().all(|r| r.review.contains("User Administrator") && !r.principal.is_empty()));
    assert!(rows.iter().all(|r| !r.decided()));
    assert!(rows.iter().any(|r| r.recommendation_text().is_some()), "recommendations are shown");
    let alex = rows.iter().find(|r| r.principal == "Alex Morgan").expect("Alex is reviewed");
    block_on(decide(&bailey, alex, ReviewChoice::Deny, "Moved to another team")).expect("decision recorded");
    let (after, _) = block_on(my_review_work(&bailey, start())).unwrap();
    let alex = after.iter().find(|r| r.principal == "Alex Morgan").unwrap();
    assert!(alex.decided());
    assert_eq!(alex.decision, "Deny");
    assert_eq!(alex.justification.as_deref(), Some("Moved to another team"));

    // Someone who reviews nothing has nothing to do, and no error.
    let dana = client(&sim, "dana@contoso.example");
    let (rows, errors) = block_on(my_review_work(&dana, start())).unwrap();
    assert!(rows.is_empty() && errors.is_empty(), "{rows:?} {errors:?}");
}
