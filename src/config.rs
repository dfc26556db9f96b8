//! Runtime configuration: `config.json`, read from the app's own origin at start-up.
//!
//! The build ships `{ "demo": true }` (the simulated tenant in the browser); operators replace it
//! with their tenant's settings. No file at all also means demo mode. A file that is present but
//! wrong is an error that names the field and says how to fix it; one build serves any tenant.

use std::fmt;

use serde_json::{Map, Value};

/// A national cloud: the identity, Graph and ARM hosts that belong together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cloud {
    Public,
    UsGov,
    China,
}

impl Cloud {
    /// The value written in `config.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Public => "public",
            Cloud::UsGov => "usgov",
            Cloud::China => "china",
        }
    }

    fn parse(s: &str) -> Option<Cloud> {
        match s.to_ascii_lowercase().as_str() {
            "public" | "global" => Some(Cloud::Public),
            "usgov" => Some(Cloud::UsGov),
            "china" => Some(Cloud::China),
            _ => None,
        }
    }

    /// The default endpoint set of this cloud.
    pub fn endpoints(self) -> Endpoints {
        let (login, graph, arm) = match self {
            Cloud::Public => (
                "https://login.microsoftonline.com",
                "https://graph.microsoft.com",
                "https://management.azure.com",
            ),
            Cloud::UsGov => (
                "https://login.microsoftonline.us",
                "https://graph.microsoft.us",
                "https://management.usgovcloudapi.net",
            ),
            Cloud::China => (
                "https://login.chinacloudapi.cn",
                "https://microsoftgraph.chinacloudapi.cn",
                "https://management.chinacloudapi.cn",
            ),
        };
        Endpoints { login: login.into(), graph: graph.into(), arm: arm.into() }
    }

    /// Every cloud, for the Content-Security-Policy and the docs.
    pub const ALL: [Cloud; 3] = [Cloud::Public, Cloud::UsGov, Cloud::China];
}

/// Base URLs without a trailing slash: identity authority host, Graph host, ARM host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    pub login: String,
    pub graph: String,
    pub arm: String,
}

/// A tenant configuration, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantConfig {
    /// Tenant id (GUID) or a verified domain; `organizations` for multi-tenant sign-in.
    pub tenant: String,
    /// The app registration's application (client) id.
    pub client_id: String,
    /// The redirect URI registered under the Single-page application platform.
    pub redirect_uri: String,
    pub cloud: Cloud,
    /// The cloud's endpoints with any overrides applied.
    pub endpoints: Endpoints,
}

/// What the app runs against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppConfig {
    /// No `config.json`: the simulated tenant inside the browser.
    Demo,
    /// A real (or test) tenant.
    Tenant(TenantConfig),
}

/// A problem with `config.json`, naming the field and the fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The offending field, or `None` when the file as a whole is wrong.
    pub field: Option<String>,
    /// What is wrong, in a sentence.
    pub problem: String,
    /// What to change, in a sentence.
    pub fix: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "config.json, field \"{field}\": {} {}", self.problem, self.fix),
            None => write!(f, "config.json: {} {}", self.problem, self.fix),
        }
    }
}

impl std::error::Error for ConfigError {}

const FIELDS: [&str; 8] =
    ["demo", "tenant", "clientId", "redirectUri", "cloud", "loginBaseUrl", "graphBaseUrl", "armBaseUrl"];

fn err(field: Option<&str>, problem: impl Into<String>, fix: impl Into<String>) -> ConfigError {
    ConfigError { field: field.map(str::to_owned), problem: problem.into(), fix: fix.into() }
}

/// Interprets the server's answer to `GET config.json`. A 404, or an HTML page (a static host
/// that answers every path with `index.html`), means there is no file: demo mode.
pub fn interpret_config_response(status: u16, body: &str) -> Result<AppConfig, ConfigError> {
    let looks_like_html = body.trim_start().starts_with('<');
    match status {
        404 => parse_config(None),
        200..=299 if looks_like_html => parse_config(None),
        200..=299 => parse_config(Some(body)),
        _ => Err(err(
            None,
            format!("the web server answered HTTP {status} for config.json."),
            "Check the web server's logs and permissions for config.json, then reload the page.",
        )),
    }
}

/// Reads the outcome of fetching `config.json`: `None` when the server had no such file.
pub fn parse_config(body: Option<&str>) -> Result<AppConfig, ConfigError> {
    let Some(body) = body else { return Ok(AppConfig::Demo) };
    let value: Value = serde_json::from_str(body).map_err(|e| {
        err(
            None,
            format!("the file is not valid JSON (line {}, column {}).", e.line(), e.column()),
            "Fix the JSON syntax, or delete config.json to run the demo tenant.",
        )
    })?;
    let Value::Object(map) = value else {
        return Err(err(
            None,
            "the file must hold one JSON object.",
            "Write it as { \"tenant\": …, \"clientId\": … }.",
        ));
    };
    if let Some(unknown) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(err(
            Some(unknown),
            "this field is not known.",
            format!("Use only these fields: {}.", FIELDS.join(", ")),
        ));
    }
    match map.get("demo") {
        None | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) if map.len() == 1 => return Ok(AppConfig::Demo),
        Some(Value::Bool(true)) => {
            return Err(err(
                Some("demo"),
                "the demo tenant cannot be combined with a real tenant's settings.",
                "Remove \"demo\" to use your tenant, or keep only { \"demo\": true }.",
            ))
        }
        Some(_) => {
            return Err(err(
                Some("demo"),
                "this field must be true or false.",
                "Write { \"demo\": true } without quotes around true.",
            ))
        }
    }
    let tenant = required(
        &map,
        "tenant",
        "the directory (tenant) id GUID or a verified domain such as contoso.onmicrosoft.com",
    )?;
    if tenant.contains('/') || tenant.contains(' ') {
        return Err(err(
            Some("tenant"),
            "a tenant is a GUID or a domain name, without slashes or spaces.",
            "Copy the Directory (tenant) ID from the app registration's overview.",
        ));
    }
    let client_id = required(&map, "clientId", "the Application (client) ID GUID of the app registration")?;
    if !is_guid(&client_id) {
        return Err(err(
            Some("clientId"),
            format!("\"{client_id}\" is not a GUID."),
            "Copy the Application (client) ID from the app registration's overview.",
        ));
    }
    let redirect_uri = required(
        &map,
        "redirectUri",
        "the URL of this app, exactly as registered under Single-page application",
    )?;
    check_url("redirectUri", &redirect_uri)?;
    let cloud = match optional(&map, "cloud")? {
        None => Cloud::Public,
        Some(s) => Cloud::parse(&s).ok_or_else(|| {
            err(
                Some("cloud"),
                format!("\"{s}\" is not a supported cloud."),
                "Use \"public\", \"usgov\" or \"china\".",
            )
        })?,
    };
    let mut endpoints = cloud.endpoints();
    for (field, slot) in [
        ("loginBaseUrl", &mut endpoints.login),
        ("graphBaseUrl", &mut endpoints.graph),
        ("armBaseUrl", &mut endpoints.arm),
    ] {
        if let Some(url) = optional(&map, field)? {
            check_url(field, &url)?;
            *slot = url.trim_end_matches('/').to_owned();
        }
    }
    Ok(AppConfig::Tenant(TenantConfig { tenant, client_id, redirect_uri, cloud, endpoints }))
}

fn optional(map: &Map<String, Value>, field: &str) -> Result<Option<String>, ConfigError> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(_) => Err(err(Some(field), "this field must be a string.", "Put the value in double quotes.")),
    }
}

fn required(map: &Map<String, Value>, field: &str, what: &str) -> Result<String, ConfigError> {
    optional(map, field)?
        .ok_or_else(|| err(Some(field), "this field is missing or empty.", format!("Set it to {what}.")))
}

fn check_url(field: &str, url: &str) -> Result<(), ConfigError> {
    let ok = url.starts_with("https://")
        || url.starts_with("http://127.0.0.1")
        || url.starts_with("http://localhost")
        || url.starts_with("http://[::1]");
    if ok && !url.contains(' ') {
        Ok(())
    } else {
        Err(err(
            Some(field),
            format!("\"{url}\" is not an https URL."),
            "Use an absolute https:// URL (plain http is allowed only for localhost).",
        ))
    }
}

/// True for a GUID in its 8-4-4-4-12 hex form.
pub fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The paths the app's core build serves against a tenant (My roles, activation, My requests and
/// the sign-in callback); every other page, and the demo, is in the full build. the boot script in `index.html`
/// carries the same list to pick the build before any wasm loads (tests/build_config.rs checks).
pub const CORE_PATHS: [&str; 4] = ["/", "/activate", "/requests", "/auth/callback"];

/// Every path the app's router serves (both builds). The service worker (`public/sw.js`) answers
/// navigations to these, and only these, from this browser's copy of the app's page, so it never
/// stands in front of another site on the same host (tests/build_config.rs checks the copy).
pub const APP_PATHS: [&str; 9] = [
    "/",
    "/activate",
    "/requests",
    "/approvals",
    "/assignments",
    "/settings",
    "/audit",
    "/reviews",
    "/auth/callback",
];

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"tenant":"contoso.onmicrosoft.com","clientId":"11111111-2222-3333-4444-555555555555","redirectUri":"https://pim.contoso.com/"}"#;

    #[test]
    fn no_file_means_demo() {
        assert_eq!(parse_config(None), Ok(AppConfig::Demo));
    }

    #[test]
    fn shipped_demo_file_means_demo() {
        assert_eq!(parse_config(Some(r#"{ "demo": true }"#)), Ok(AppConfig::Demo));
        let mixed = r#"{"demo":true,"tenant":"t"}"#;
        assert_eq!(parse_config(Some(mixed)).unwrap_err().field.as_deref(), Some("demo"));
        assert_eq!(parse_config(Some(r#"{"demo":"yes"}"#)).unwrap_err().field.as_deref(), Some("demo"));
    }

    #[test]
    fn minimal_file_uses_public_cloud() {
        let AppConfig::Tenant(t) = parse_config(Some(GOOD)).unwrap() else { panic!("not a tenant") };
        assert_eq!(t.cloud, Cloud::Public);
        assert_eq!(t.endpoints.graph, "https://graph.microsoft.com");
    }

    #[test]
    fn national_clouds_and_overrides() {
        let body = r#"{"tenant":"t","clientId":"11111111-2222-3333-4444-555555555555","redirectUri":"https://x/","cloud":"usgov","graphBaseUrl":"http://127.0.0.1:9/graph/"}"#;
        let AppConfig::Tenant(t) = parse_config(Some(body)).unwrap() else { panic!() };
        assert_eq!(t.endpoints.login, "https://login.microsoftonline.us");
        assert_eq!(t.endpoints.arm, "https://management.usgovcloudapi.net");
        assert_eq!(t.endpoints.graph, "http://127.0.0.1:9/graph");
        assert_eq!(Cloud::China.endpoints().graph, "https://microsoftgraph.chinacloudapi.cn");
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                r#"{"clientId":"11111111-2222-3333-4444-555555555555","redirectUri":"https://x/"}"#,
                Some("tenant"),
            ),
            (r#"{"tenant":"t","clientId":"abc","redirectUri":"https://x/"}"#, Some("clientId")),
            (
                r#"{"tenant":"t","clientId":"11111111-2222-3333-4444-555555555555","redirectUri":"ftp://x"}"#,
                Some("redirectUri"),
            ),
            (
                r#"{"tenant":"t","clientId":"11111111-2222-3333-4444-555555555555","redirectUri":"https://x/","cloud":"mars"}"#,
                Some("cloud"),
            ),
            (r#"{"tenantId":"t"}"#, Some("tenantId")),
            (r#"{"tenant":5}"#, Some("tenant")),
            ("{not json", None),
            ("[]", None),
        ];
        for (body, field) in cases {
            let e = parse_config(Some(body)).unwrap_err();
            assert_eq!(e.field.as_deref(), field, "{body}");
            assert!(!e.fix.is_empty());
        }
    }

    #[test]
    fn server_answers() {
        assert_eq!(interpret_config_response(404, "Not found"), Ok(AppConfig::Demo));
        assert_eq!(interpret_config_response(200, "<!doctype html><html>"), Ok(AppConfig::Demo));
        assert!(matches!(interpret_config_response(200, GOOD), Ok(AppConfig::Tenant(_))));
        assert!(interpret_config_response(403, "").unwrap_err().problem.contains("403"));
    }

    #[test]
    fn guid_shape() {
        assert!(is_guid("62e90394-69f5-4237-9190-012177145e10"));
        assert!(!is_guid("62e90394-69f5-4237-9190-012177145e1"));
        assert!(!is_guid("not-a-guid"));
    }
}
