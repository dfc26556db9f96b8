//! The words shown for each [`AuthError`]: what happened, and the fix.

use super::error::AuthError;
use super::signin::RedirectReason;

/// What happened, in a sentence.
pub(super) fn explanation(e: &AuthError) -> String {
    use AuthError::*;
    let text: String = match e {
        StateMismatch => "The sign-in response does not belong to the sign-in this tab started, so it was ignored \
                          (it may have been forged, or it came from another tab)."
            .into(),
        MissingCode => "The sign-in response carried neither an authorization code nor an error.".into(),
        NonceMismatch => "The ID token was not issued for this sign-in (its nonce does not match).".into(),
        AudienceMismatch { expected, found } => {
            format!("The ID token was issued to application {found}, not to this app ({expected}).")
        }
        IssuerMismatch { expected, found } => {
            format!("The ID token comes from issuer {found}, but {expected} was expected.")
        }
        TenantMismatch { expected, found } => {
            format!("You signed in to tenant {found}, but this app is configured for tenant {expected}.")
        }
        IdTokenExpired => "The ID token has already expired.".into(),
        IdTokenMalformed(why) => format!("The ID token could not be read: {why}."),
        AccessDenied(_) => "Sign-in was cancelled or permission was declined.".into(),
        ConsentRequired(s) => format!("A permission this app asked for has not been consented to. {}", s.summary()),
        ConsentMissing(_) => {
            "Neither you nor an administrator has consented to a permission this app asked for.".into()
        }
        InteractionRequired(_) => "Signing in silently was not possible: you need to interact with the sign-in page \
                                   (for example to complete multi-factor authentication)."
            .into(),
        LoginRequired(_) => "Your directory session has ended, so you need to sign in again.".into(),
        SpaPlatformRequired(_) => "The identity platform refused to redeem the code from the browser because the \
                                   app's redirect URI is registered as a Web (or mobile/desktop) platform."
            .into(),
        CrossOriginRequired(_) => "A single-page-application code or refresh token was redeemed without the \
                                   browser's Origin header (from a server, a proxy that strips it, or a script)."
            .into(),
        MfaRequired(_) => "Your organisation requires multi-factor authentication for this sign-in.".into(),
        ResponseTypeNotEnabled(_) => "The sign-in asked for a response type the app registration does not allow \
                                      (an ID token through the implicit flow)."
            .into(),
        InvalidGrant(_) => {
            "The sign-in has expired or was revoked (the code or refresh token is no longer valid).".into()
        }
        Server(s) if s.summary().is_empty() => format!("The identity platform refused the request ({}).", s.error),
        Server(s) => format!("The identity platform refused the request: {}", s.summary()),
        Network(why) => format!("The sign-in service could not be reached ({why})."),
        MalformedResponse(why) => format!("The sign-in service sent an answer that could not be read ({why})."),
        RedirectRequired(plan) => match &plan.reason {
            RedirectReason::SignIn => "You are not signed in.".into(),
            RedirectReason::SessionExpired => "Your session has expired (browser sessions last 24 hours).".into(),
            RedirectReason::Consent => "This feature needs a permission you have not yet consented to.".into(),
            RedirectReason::StepUp(Some(id)) => {
                format!("This action needs a stronger sign-in (authentication context {id}).")
            }
            RedirectReason::StepUp(None) => "This action needs a stronger sign-in.".into(),
            RedirectReason::Mfa => "This action needs a recent multi-factor sign-in.".into(),
            RedirectReason::TenantSwitch => "Switching tenant needs a sign-in to that tenant.".into(),
        },
        SessionChanged => "You signed out or switched account while a token was being renewed.".into(),
    };
    sentence(text)
}

/// Ends the text with a full stop when the service's own words did not.
fn sentence(mut text: String) -> String {
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

/// What to do about it, in a sentence.
pub(super) fn fix(e: &AuthError) -> String {
    use AuthError::*;
    let text = match e {
        StateMismatch | MissingCode | NonceMismatch | IdTokenExpired | IdTokenMalformed(_) => {
            "Start the sign-in again from this tab; if it keeps happening, check the device clock and any \
             browser extension that rewrites pages."
        }
        AudienceMismatch { .. } => "Check that clientId in config.json is the Application (client) ID of this app.",
        IssuerMismatch { .. } => "Check cloud and loginBaseUrl in config.json: they must match the tenant's cloud.",
        TenantMismatch { .. } => "Sign in with an account of the configured tenant, or change tenant in config.json.",
        AccessDenied(_) => "Sign in again and accept the requested permissions, or ask an administrator to grant \
                            them for the organisation.",
        ConsentRequired(_) | ConsentMissing(_) => "Ask an administrator to open the app registration's API \
                                                   permissions and select \"Grant admin consent\" (or sign in \
                                                   again and accept, if your tenant lets users consent).",
        InteractionRequired(_) | LoginRequired(_) | InvalidGrant(_) => "Sign in again; you will return to the same page.",
        SpaPlatformRequired(_) => "In the app registration, open Authentication, remove this redirect URI from the \
                                   Web platform and add it under \"Single-page application\".",
        CrossOriginRequired(_) => "Use the app in a browser directly; do not redeem its tokens from a server, and \
                                   make sure no proxy strips the Origin header.",
        MfaRequired(_) => "Sign in again and complete multi-factor authentication.",
        ResponseTypeNotEnabled(_) => "This app only uses the authorization code flow: make sure its redirect URI is \
                                      registered under \"Single-page application\" and the sign-in URL was not \
                                      altered; enabling ID tokens under Implicit grant is not needed.",
        Server(_) | MalformedResponse(_) => "Try again; if it persists, give the trace id to your administrator.",
        Network(_) => "Check the network connection and try again.",
        RedirectRequired(_) => "Sign in to continue; you will return to where you were.",
        SessionChanged => "Try the action again.",
    };
    text.into()
}
