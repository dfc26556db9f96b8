//! Why the list of my roles is empty or incomplete: the failures of a load as the page says
//! them (one sentence and a next step per kind of failure, each said once).

use super::error_kind::{ErrorKind, Explanation};

fn say(reason: &str, next_step: &str) -> Explanation {
    Explanation { reason: reason.to_owned(), next_step: next_step.to_owned() }
}

/// One explanation per distinct kind of failure, in the order they first occurred; the most
/// fundamental first (no licence, then missing consent), since retrying does not mend those.
pub fn load_problems(kinds: &[ErrorKind]) -> Vec<Explanation> {
    let mut distinct: Vec<&ErrorKind> = Vec::new();
    for k in kinds {
        let same = |d: &&ErrorKind| std::mem::discriminant(*d) == std::mem::discriminant(k);
        if !distinct.iter().any(same) {
            distinct.push(k);
        }
    }
    distinct.sort_by_key(|k| match k {
        ErrorKind::NoLicence => 0,
        ErrorKind::Forbidden => 1,
        _ => 2,
    });
    distinct
        .into_iter()
        .map(|k| match k {
            ErrorKind::NoLicence => say(
                "Your organisation has no Microsoft Entra ID P2 or ID Governance licence, which Privileged Identity Management needs, so there are no roles to activate.",
                "Ask your administrator about licensing; nothing else is needed from you.",
            ),
            ErrorKind::Forbidden => say(
                "This app may not read your roles: consent for it is missing in your organisation, or your account lacks a permission.",
                "Ask an administrator to grant consent to the app, then sign in again.",
            ),
            ErrorKind::Throttled => say(
                "The service is busy and asked the app to slow down, so some of your roles could not be read.",
                "Wait a minute, then tap Try again. What you typed is kept.",
            ),
            ErrorKind::Network => say(
                "The service could not be reached, so the list may be incomplete.",
                "Check your connection, then tap Try again. What you typed is kept.",
            ),
            other => other.explain(),
        })
        .collect()
}

/// True when retrying can help (not for a missing licence or consent).
pub fn retry_helps(kinds: &[ErrorKind]) -> bool {
    kinds.iter().any(|k| !matches!(k, ErrorKind::NoLicence | ErrorKind::Forbidden))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_said_once_with_the_licence_first() {
        let kinds = [ErrorKind::Network, ErrorKind::NoLicence, ErrorKind::Network, ErrorKind::Throttled];
        let said = load_problems(&kinds);
        assert_eq!(said.len(), 3);
        assert!(said[0].reason.contains("P2"), "{:?}", said[0]);
        assert!(said[1].reason.contains("could not be reached"));
        assert!(said[2].next_step.contains("Try again"));
        assert!(said.iter().skip(1).all(|e| e.next_step.contains("What you typed is kept")));
    }

    #[test]
    fn consent_names_the_administrator_and_retry_is_offered_only_when_it_can_help() {
        let said = load_problems(&[ErrorKind::Forbidden]);
        assert!(said[0].reason.contains("consent"));
        assert!(said[0].next_step.contains("administrator"));
        assert!(!retry_helps(&[ErrorKind::Forbidden, ErrorKind::NoLicence]));
        assert!(retry_helps(&[ErrorKind::NoLicence, ErrorKind::Throttled]));
        assert!(load_problems(&[]).is_empty());
        let other = load_problems(&[ErrorKind::Other("boom".into())]);
        assert_eq!(other[0].reason, "The request failed: boom");
    }
}
