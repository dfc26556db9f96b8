//! Plain-language text for [`GraphError`]: what happened, and what the user can do next.

use super::error::GraphError;

impl GraphError {
    /// What happened, in a sentence a non-specialist can read.
    pub fn explain(&self) -> String {
        match self {
            GraphError::Network(_) => "The service could not be reached.".into(),
            GraphError::Timeout => "The service did not answer in time.".into(),
            GraphError::Token(e) => format!("You could not be signed in to the service ({e})."),
            GraphError::Throttled { .. } => "The service is busy and asked us to slow down.".into(),
            GraphError::PolicyViolation { rules, message } if rules.is_empty() => {
                format!("The role's settings refused the request: {message}")
            }
            GraphError::PolicyViolation { rules, .. } => {
                let what: Vec<String> = rules.iter().map(|r| r.describe()).collect();
                format!("The role's settings refused the request: {}.", what.join("; "))
            }
            GraphError::ClaimsChallenge { .. } => {
                "This role requires a stronger sign-in (a Conditional Access authentication context).".into()
            }
            GraphError::RoleAssignmentExists { .. } => "This role is already active for you.".into(),
            GraphError::RoleAssignmentRequestExists { .. } => {
                "A request for this role is already pending.".into()
            }
            GraphError::ActiveDurationTooShort { .. } => {
                "A role can only be deactivated after it has been active for at least 5 minutes.".into()
            }
            GraphError::RoleAssignmentDoesNotExist { .. } => {
                "That assignment no longer exists; it may have expired or been removed.".into()
            }
            GraphError::LicenseMissing { .. } => {
                "Your organisation's licence does not include Privileged Identity Management \
                 (Microsoft Entra ID P2 or ID Governance)."
                    .into()
            }
            GraphError::PermissionMissing { needed, .. } if !needed.is_empty() => {
                format!("This app lacks a permission for this action (one of: {}).", needed.join(", "))
            }
            GraphError::PermissionMissing { .. } => {
                "You or this app do not have permission for this action.".into()
            }
            GraphError::Http { status, code, message, .. } => {
                let code = if code.is_empty() { String::new() } else { format!(" ({code})") };
                format!("The service refused the request with status {status}{code}: {message}")
            }
            GraphError::TooManyPages { pages } => {
                format!("The list is longer than {pages} pages, so loading stopped.")
            }
            GraphError::BadResponse { detail } => {
                format!("The service answered in an unexpected format ({detail}).")
            }
        }
    }

    /// What the user can do about it.
    pub fn next_step(&self) -> String {
        match self {
            GraphError::Network(_) => "Check your connection and try again.".into(),
            GraphError::Timeout => "Try again in a moment.".into(),
            GraphError::Token(_) => "Sign in again.".into(),
            GraphError::Throttled { .. } => "Wait a minute, then try again.".into(),
            GraphError::PolicyViolation { .. } => {
                "Change the request to meet the role's settings (duration, justification, ticket, MFA) \
                 and submit it again."
                    .into()
            }
            GraphError::ClaimsChallenge { .. } => {
                "Sign in again when prompted to satisfy the extra requirement; the request is then sent again."
                    .into()
            }
            GraphError::RoleAssignmentExists { .. } => "Nothing to do: refresh to see it.".into(),
            GraphError::RoleAssignmentRequestExists { .. } => {
                "Wait for the pending request to be decided, or cancel it first.".into()
            }
            GraphError::ActiveDurationTooShort { .. } => "Wait a few minutes, then deactivate again.".into(),
            GraphError::RoleAssignmentDoesNotExist { .. } => "Refresh the list.".into(),
            GraphError::LicenseMissing { .. } => "Ask your administrator about the licence.".into(),
            GraphError::PermissionMissing { .. } => {
                "Ask an administrator to grant the permission (or the directory role) and sign in again."
                    .into()
            }
            GraphError::Http { request_id: Some(id), .. } => {
                format!("Try again; if it keeps failing, give your administrator the request id {id}.")
            }
            GraphError::Http { .. } => "Try again; if it keeps failing, contact your administrator.".into(),
            GraphError::TooManyPages { .. } => "Narrow the search or filter and try again.".into(),
            GraphError::BadResponse { .. } => "Try again later; report this if it persists.".into(),
        }
    }
}
