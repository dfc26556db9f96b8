//! The sign-in page and the error and signed-out pages: plain HTML, no script, no style
//! (they must work under `default-src 'none'; style-src 'self'`). The sign-in form GETs
//! `authorize/complete` carrying the original request in hidden fields.

use super::errors::{IdentityError, TraceIds};
use super::params::{AuthorizeRequest, Prompt, ResponseMode};
use crate::graph::HttpResponse;
use crate::sim::PersonaInfo;

/// The Content-Security-Policy sent with every page.
pub const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; frame-ancestors 'none'";

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An HTML answer with the page headers.
pub fn html(status: u16, body: String) -> HttpResponse {
    HttpResponse::new(status, body)
        .with_header("Content-Type", "text/html; charset=utf-8")
        .with_header("Content-Security-Policy", PAGE_CSP)
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Cache-Control", "no-store")
        .with_header("Referrer-Policy", "no-referrer")
}

/// The pages' stylesheet, served by the sim itself at `{login}/_sim/signin.css` (the pages
/// allow only same-origin stylesheets: no inline style).
pub const STYLESHEET: &str =
    "body{font-family:system-ui,sans-serif;margin:0;background:#f3f4f6;color:#111}\n\
main{max-width:34rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem}\n\
h1{font-size:1.4rem}fieldset{border:1px solid #ccc;border-radius:.4rem;margin:1rem 0}\n\
label{cursor:pointer}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}\n";

/// The stylesheet as an HTTP answer.
pub fn stylesheet() -> HttpResponse {
    HttpResponse::new(200, STYLESHEET)
        .with_header("Content-Type", "text/css; charset=utf-8")
        .with_header("X-Content-Type-Options", "nosniff")
}

/// A whole page; `css` is the stylesheet's absolute URL.
pub fn document(css: &str, title: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <link rel=\"stylesheet\" href=\"{}\">\n<title>{}</title>\n</head>\n<body>\n<main>\n{main}</main>\n</body>\n</html>\n",
        escape(css),
        escape(title)
    )
}

fn hidden(name: &str, value: &str) -> String {
    format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">\n", escape(name), escape(value))
}

/// What the sign-in page shows besides the request itself.
pub struct PageContext<'a> {
    pub action: &'a str,
    /// The stylesheet URL.
    pub css: &'a str,
    pub app_name: &'a str,
    pub personas: &'a [PersonaInfo],
    /// The persona preselected (from `login_hint` or the directory session).
    pub preselect: Option<&'a str>,
    /// A line shown above the form (e.g. "Choose a persona").
    pub notice: Option<&'a str>,
}

/// The sign-in page for a valid `/authorize` request.
pub fn sign_in_page(r: &AuthorizeRequest, ctx: &PageContext) -> String {
    let mut m = String::new();
    m.push_str("<h1>Sign in to the simulated Contoso tenant</h1>\n");
    m.push_str(&format!("<p><strong>{}</strong> asks to sign you in.</p>\n", escape(ctx.app_name)));
    if let Some(notice) = ctx.notice {
        m.push_str(&format!("<p role=\"alert\"><strong>{}</strong></p>\n", escape(notice)));
    }
    let permissions: Vec<&str> = r.scopes.resources.iter().map(|s| s.permission.as_str()).collect();
    if !permissions.is_empty() {
        m.push_str("<p>Signing in grants it these permissions:</p>\n<ul>\n");
        for p in permissions {
            m.push_str(&format!("<li>{}</li>\n", escape(p)));
        }
        m.push_str("</ul>\n");
    }
    m.push_str(&format!("<form method=\"get\" action=\"{}\">\n", escape(ctx.action)));
    let t = &r.target;
    let mode = if t.mode == ResponseMode::Fragment { "fragment" } else { "query" };
    let prompt = r.prompt.map(|p| match p {
        Prompt::Login => "login",
        Prompt::None => "none",
        Prompt::SelectAccount => "select_account",
        Prompt::Consent => "consent",
    });
    let fields = [
        ("client_id", Some(t.client_id.as_str())),
        ("redirect_uri", Some(t.redirect_uri.as_str())),
        ("response_type", Some("code")),
        ("response_mode", Some(mode)),
        ("scope", Some(r.scope.as_str())),
        ("state", t.state.as_deref()),
        ("nonce", r.nonce.as_deref()),
        ("code_challenge", Some(r.challenge.as_str())),
        ("code_challenge_method", Some("S256")),
        ("prompt", prompt),
        ("login_hint", r.login_hint.as_deref()),
        ("claims", r.claims.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            m.push_str(&hidden(name, v));
        }
    }
    m.push_str("<fieldset>\n<legend>Choose a demo persona</legend>\n");
    for p in ctx.personas {
        let checked = if ctx.preselect == Some(p.id.as_str()) { " checked" } else { "" };
        m.push_str(&format!(
            "<p><label><input type=\"radio\" name=\"persona\" value=\"{}\" required{checked}> \
             <strong>{}</strong> ({})</label><br>{}</p>\n",
            escape(&p.id),
            escape(&p.display_name),
            escape(&p.upn),
            escape(&p.description)
        ));
    }
    m.push_str("</fieldset>\n<fieldset>\n<legend>Verification</legend>\n");
    m.push_str(
        "<p><label><input type=\"checkbox\" name=\"mfa\" value=\"1\"> Complete multi-factor authentication \
         (MFA)</label></p>\n",
    );
    for c in &r.acrs {
        m.push_str(&format!(
            "<p>This sign-in asks for authentication context <strong>{0}</strong>.</p>\n\
             <p><label><input type=\"checkbox\" name=\"acrs\" value=\"{0}\" checked> Satisfy authentication \
             context {0}</label></p>\n",
            escape(c)
        ));
    }
    m.push_str("</fieldset>\n");
    m.push_str("<p><button type=\"submit\" name=\"action\" value=\"sign_in\">Sign in</button>\n");
    m.push_str(
        "<button type=\"submit\" name=\"action\" value=\"cancel\" formnovalidate>Cancel</button></p>\n",
    );
    m.push_str("</form>\n");
    document(ctx.css, "Sign in - simulated tenant", &m)
}

/// The page shown when the request cannot be redirected (unknown client, unregistered URI).
pub fn error_page(css: &str, e: &IdentityError, ids: &TraceIds) -> String {
    let m = format!(
        "<h1>Sorry, but we are having trouble signing you in.</h1>\n<p>AADSTS{}: {}</p>\n\
         <p>Request Id: {}<br>Correlation Id: {}<br>Timestamp: {}</p>\n",
        e.code(),
        escape(&e.text()),
        escape(&ids.trace_id),
        escape(&ids.correlation_id),
        escape(&ids.timestamp())
    );
    document(css, "Sign in error - simulated tenant", &m)
}

/// The page shown after sign-out when no registered return address was given.
pub fn signed_out_page(css: &str) -> String {
    document(
        css,
        "Signed out - simulated tenant",
        "<h1>You signed out of your account</h1>\n<p>It is a good idea to close all browser windows.</p>\n",
    )
}
