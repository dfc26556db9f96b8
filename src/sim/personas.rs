//! The demo personas: stable object ids and UPNs across seeds, for the demo sign-in page and tests.

use super::model::User;

/// A persona of the demo sign-in page (stable ids across seeds).
#[derive(Clone, Copy, Debug)]
pub struct Persona {
    pub id: &'static str,
    pub upn: &'static str,
    pub display_name: &'static str,
    pub description: &'static str,
    pub job_title: &'static str,
}

/// Alex, the engineer with eligible roles.
pub const ALEX: &str = "6e3a1c52-8d4b-4f0e-9a71-2b5c8d9e0f11";
/// Bailey, the approver.
pub const BAILEY: &str = "b41e7f23-5a6c-4d8e-8f90-1a2b3c4d5e22";
/// Casey, the Privileged Role Administrator.
pub const CASEY: &str = "c5d2e8f4-6b7a-4c9d-a0e1-2f3a4b5c6d33";
/// Dana, the break-glass Global Administrator.
pub const DANA: &str = "d6e3f9a5-7c8b-4dae-b1f2-3a4b5c6d7e44";
/// The demo tenant id.
pub const TENANT: &str = "7a1f6c3e-2b4d-4e8f-9c0a-1d2e3f4a5b66";

/// The demo personas.
pub const PERSONAS: &[Persona] = &[
    Persona { id: ALEX, upn: "alex@contoso.example", display_name: "Alex Morgan", job_title: "Cloud Engineer",
        description: "Engineer: eligible for Entra roles (approval, MFA, authentication context), PIM groups and Azure roles." },
    Persona { id: BAILEY, upn: "bailey@contoso.example", display_name: "Bailey Kim", job_title: "Engineering Manager",
        description: "Approver: has a pending activation request waiting, and reviews access." },
    Persona { id: CASEY, upn: "casey@contoso.example", display_name: "Casey Jordan", job_title: "Identity Administrator",
        description: "Privileged Role Administrator: assigns roles and edits role settings." },
    Persona { id: DANA, upn: "dana@contoso.example", display_name: "Dana Lee", job_title: "Break-glass Administrator",
        description: "The only Global Administrator (permanent)." },
];

pub(crate) fn user(id: &str, upn: &str, name: &str, title: &str) -> User {
    User { id: id.into(), upn: upn.into(), display_name: name.into(), job_title: title.into() }
}
