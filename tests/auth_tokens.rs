//! The token endpoint (forms, success and error parsing with the shared fixtures) and the ID
//! token checks (nonce, aud, iss, tenant, exp with clock skew).

#[path = "auth_support.rs"]
mod support;

use chrono::Duration;
use futures::executor::block_on;
use pim_console::auth::token_endpoint::*;
use pim_console::auth::*;
use pim_console::graph::{Api, HttpResponse, Method, TransportError};
use serde_json::json;
use support::*;

fn redemption() -> CodeRedemption {
    CodeRedemption {
        code: AuthCode::new("0.code&with=odd+chars"),
        verifier: CodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        nonce: Nonce("n-1".into()),
        api: Api::Graph,
        scopes: vec![
            "openid".into(),
            "profile".into(),
            "offline_access".into(),
            "https://graph.microsoft.com/RoleEligibilitySchedule.Read.Directory".into(),
        ],
        tenant: TENANT.into(),
    }
}

#[test]
fn code_redemption_is_a_form_post_with_the_verifier() {
    let t = ScriptedTransport::default();
    t.reply(token_ok("at-1", Some("rt-1"), None, 3599));
    let got = block_on(redeem_code(&t, &cfg(), &redemption())).unwrap();
    assert_eq!(got.access_token.expose(), "at-1");
    assert_eq!(got.refresh_token.as_ref().map(RefreshToken::expose), Some("rt-1"));
    assert_eq!(got.expires_in, 3599);

    let request = t.requests.borrow()[0].clone();
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, format!("https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token"));
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(request.header("Origin"), None, "the browser adds Origin itself");
    let form = t.form(0);
    assert_eq!(param(&form, "grant_type"), Some("authorization_code"));
    assert_eq!(param(&form, "code"), Some("0.code&with=odd+chars"));
    assert_eq!(param(&form, "code_verifier"), Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    assert_eq!(param(&form, "redirect_uri"), Some("https://pim.contoso.com/"));
    assert_eq!(param(&form, "client_id"), Some(CLIENT));
    assert_eq!(param(&form, "client_secret"), None);
    assert_eq!(
        param(&form, "scope"),
        Some("openid profile offline_access https://graph.microsoft.com/RoleEligibilitySchedule.Read.Directory")
    );
}

#[test]
fn refresh_asks_for_one_resource_plus_oidc() {
    let arm = Feature::AzureResources.scopes(&cfg());
    let body = refresh_form(&cfg(), &RefreshToken::new("rt/1+="), &arm);
    let form = pim_console::auth::encode::parse_params(&body);
    assert_eq!(param(&form, "grant_type"), Some("refresh_token"));
    assert_eq!(param(&form, "refresh_token"), Some("rt/1+="));
    assert_eq!(
        param(&form, "scope"),
        Some("openid profile offline_access https://management.azure.com/user_impersonation")
    );
    assert!(body.contains("refresh_token=rt%2F1%2B%3D"));
}

#[test]
fn success_shape_is_read_tolerantly() {
    let body = json!({"access_token":"a","token_type":"Bearer","expires_in":"3599","scope":"s","refresh_token":"r",
        "refresh_token_expires_in":86399,"id_token":"i","ext_expires_in":3599});
    let r = parse_token_response(&HttpResponse::new(200, body.to_string())).unwrap();
    assert_eq!((r.expires_in, r.refresh_token_expires_in), (3599, Some(86399)));
    assert_eq!(r.id_token.as_ref().map(IdTokenJwt::expose), Some("i"));
    let no_token = parse_token_response(&HttpResponse::new(200, r#"{"expires_in":1}"#));
    assert!(matches!(no_token, Err(AuthError::MalformedResponse(_))));
    let html = parse_token_response(&HttpResponse::new(502, "<html>Bad gateway</html>"));
    assert!(matches!(html, Err(AuthError::MalformedResponse(m)) if m.contains("502")));
}

#[test]
fn documented_invalid_scope_error_keeps_its_summary() {
    let e = parse_token_response(&HttpResponse::new(
        400,
        fixture("identity_token_error_invalid_scope_response.json"),
    ))
    .unwrap_err();
    let AuthError::Server(s) = &e else { panic!("{e:?}") };
    assert_eq!(s.error, "invalid_scope");
    assert_eq!(s.aadsts(), Some(70011));
    assert_eq!(s.trace_id.as_deref(), Some("0000aaaa-11bb-cccc-dd22-eeeeee333333"));
    let text = e.to_string();
    assert!(text.contains("The scope https://foo.microsoft.com/mail.read is not valid"), "{text}");
    assert!(!text.contains("Correlation ID"), "only the first line of the description is shown");
}

#[test]
fn observed_spa_platform_error_explains_the_fix() {
    let body = fixture("observed_identity_token_error_AADSTS9002326_response.json");
    let e = parse_token_response(&HttpResponse::new(400, body)).unwrap_err();
    assert!(matches!(e, AuthError::SpaPlatformRequired(_)));
    assert!(e.fix().contains("Single-page application"), "{}", e.fix());
    assert!(e.to_string().contains("AADSTS9002326"));
}

#[test]
fn token_errors_by_code_and_by_error_value() {
    let cases: [(&str, u32, fn(&AuthError) -> bool); 5] = [
        ("invalid_request", 9002327, |e| matches!(e, AuthError::CrossOriginRequired(_))),
        ("invalid_grant", 700082, |e| matches!(e, AuthError::InvalidGrant(_))),
        ("interaction_required", 50076, |e| matches!(e, AuthError::MfaRequired(_))),
        ("invalid_grant", 65001, |e| matches!(e, AuthError::ConsentMissing(_))),
        ("consent_required", 65004, |e| matches!(e, AuthError::ConsentRequired(_))),
    ];
    for (error, code, check) in cases {
        let reply = token_err(400, error, &format!("AADSTS{code}: text\r\nTrace ID: x"), code).unwrap();
        let e = parse_token_response(&reply).unwrap_err();
        assert!(check(&e), "{error} {code}: {e:?}");
    }
}

#[test]
fn network_failure_is_typed() {
    let t = ScriptedTransport::default();
    t.reply(Err(TransportError::Network("offline".into())));
    let e = block_on(redeem_code(&t, &cfg(), &redemption())).unwrap_err();
    assert_eq!(e, AuthError::Network("network failure: offline".into()));
    assert!(matches!(e.to_token_error(), pim_console::graph::TokenError::Unreachable(_)));
}

fn check(claims: serde_json::Value, minutes_later: i64) -> Result<Account, AuthError> {
    let now = t0() + Duration::minutes(minutes_later);
    validate_id_token(&jwt(&claims), &cfg(), &Nonce("n-1".into()), TENANT, now)
}

#[test]
fn id_token_yields_the_account() {
    let a = check(id_claims("n-1", t0() + Duration::hours(1)), 0).unwrap();
    assert_eq!(a.oid, "00000000-0000-0000-66f3-3332eca7ea81");
    assert_eq!(a.tid, TENANT);
    assert_eq!(a.name.as_deref(), Some("Megan Bowen"));
    assert_eq!(a.preferred_username.as_deref(), Some("megan@contoso.com"));
    assert_eq!(a.hint().as_deref(), Some("O.CiQ-hint"));
}

#[test]
fn id_token_nonce_mismatch() {
    assert_eq!(check(id_claims("other", t0() + Duration::hours(1)), 0), Err(AuthError::NonceMismatch));
    let mut no_nonce = id_claims("n-1", t0() + Duration::hours(1));
    no_nonce.as_object_mut().unwrap().remove("nonce");
    assert_eq!(check(no_nonce, 0), Err(AuthError::NonceMismatch));
}

#[test]
fn id_token_audience_issuer_and_tenant() {
    let exp = t0() + Duration::hours(1);
    let mut c = id_claims("n-1", exp);
    c["aud"] = json!("99999999-2222-3333-4444-555555555555");
    assert!(matches!(check(c, 0), Err(AuthError::AudienceMismatch { .. })));
    let mut c = id_claims("n-1", exp);
    c["iss"] = json!(format!("https://sts.windows.net/{TENANT}/"));
    assert!(
        matches!(check(c, 0), Err(AuthError::IssuerMismatch { found, .. }) if found.contains("sts.windows.net"))
    );
    let other = "bbbbcccc-0000-cccc-1111-dddd2222eeee";
    let mut c = id_claims("n-1", exp);
    c["tid"] = json!(other);
    c["iss"] = json!(format!("https://login.microsoftonline.com/{other}/v2.0"));
    assert!(matches!(check(c.clone(), 0), Err(AuthError::TenantMismatch { .. })));
    // Multi-tenant configuration: any tenant, as long as iss matches its tid.
    let multi = cfg().with_tenant("organizations");
    let a = validate_id_token(&jwt(&c), &multi, &Nonce("n-1".into()), "organizations", t0()).unwrap();
    assert_eq!(a.tid, other);
}

#[test]
fn id_token_expiry_allows_five_minutes_of_skew() {
    let exp = t0() + Duration::hours(1);
    assert!(check(id_claims("n-1", exp), 60).is_ok());
    assert!(check(id_claims("n-1", exp), 65).is_ok());
    assert_eq!(check(id_claims("n-1", exp), 66), Err(AuthError::IdTokenExpired));
}

#[test]
fn malformed_id_tokens() {
    for bad in ["", "a.b", "a.!!!.c", "a.b.c.d", &format!("x.{}.y", encode::base64url(b"not json"))] {
        let e = validate_id_token(bad, &cfg(), &Nonce("n".into()), TENANT, t0()).unwrap_err();
        assert!(matches!(e, AuthError::IdTokenMalformed(_)), "{bad}: {e:?}");
    }
    let mut c = id_claims("n-1", t0() + Duration::hours(1));
    c.as_object_mut().unwrap().remove("oid");
    assert!(matches!(check(c, 0), Err(AuthError::IdTokenMalformed(m)) if m.contains("oid")));
}
