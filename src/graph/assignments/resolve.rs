//! Directory look-ups for bulk import: the principals a file names, and the role definitions.

use futures::future::join_all;

use super::load::principal_of;
use crate::domain::assignments::import::RoleRef;
use crate::domain::assignments::Principal;
use crate::domain::ids::PrincipalId;
use crate::graph::client::GraphClient;
use crate::graph::error::GraphError;
use crate::graph::wire::DirectoryObject;

fn looks_like_guid(s: &str) -> bool {
    s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

fn missing(e: &GraphError) -> bool {
    matches!(e, GraphError::Http { status: 404, .. } | GraphError::Http { status: 400, .. })
}

/// Looks up each text (a user principal name, or an object id of a user or group) at once.
/// Texts that name nothing are left out; the preview calls them unknown. Any other failure
/// (no permission, network) fails the whole look-up, so a row is never called unknown by mistake.
pub async fn resolve_principals(
    client: &GraphClient,
    texts: &[String],
) -> Result<Vec<Principal>, GraphError> {
    let found = join_all(texts.iter().map(|t| async move {
        match client.get_user(t).await {
            Ok(u) => Ok(Some(principal_of(None, Some(&DirectoryObject::User(u))))),
            Err(e) if missing(&e) && looks_like_guid(t) => match client.get_group(t).await {
                Ok(g) => Ok(Some(principal_of(
                    Some(&PrincipalId::new(t.as_str())),
                    Some(&DirectoryObject::Group(g)),
                ))),
                Err(e) if missing(&e) => Ok(None),
                Err(e) => Err(e),
            },
            Err(e) if missing(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }))
    .await;
    let mut out = Vec::new();
    for f in found {
        out.extend(f?);
    }
    Ok(out)
}

/// Every directory role, for names and ids in a file and the role picker (by name).
pub async fn role_refs(client: &GraphClient) -> Result<Vec<RoleRef>, GraphError> {
    let mut roles: Vec<RoleRef> = client
        .list_role_definitions()
        .await?
        .into_iter()
        .filter_map(|d| {
            let id = d.id?;
            Some(RoleRef {
                name: d.display_name.unwrap_or_else(|| id.as_str().to_owned()),
                template_id: d.template_id,
                id,
            })
        })
        .collect();
    roles.sort_by_key(|r| r.name.to_lowercase());
    Ok(roles)
}

/// Picker matches as principals: users first, then groups.
pub fn principals_from_search(
    users: Vec<crate::graph::wire::User>,
    groups: Vec<crate::graph::wire::Group>,
) -> Vec<Principal> {
    users
        .into_iter()
        .map(|u| principal_of(None, Some(&DirectoryObject::User(u))))
        .chain(groups.into_iter().map(|g| principal_of(None, Some(&DirectoryObject::Group(g)))))
        .filter(|p| !p.id.as_str().is_empty())
        .collect()
}
