//! The route table's pages, with their paths and titles: the one place hrefs come from.
//! Also which build holds which page (README "Two builds").

/// A top-level page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    MyRoles,
    MyRequests,
    Approvals,
    Assignments,
    RoleSettings,
    Audit,
    AccessReviews,
}

impl Page {
    /// The pages in navigation order.
    pub const ALL: [Page; 7] = [
        Page::MyRoles,
        Page::MyRequests,
        Page::Approvals,
        Page::Assignments,
        Page::RoleSettings,
        Page::Audit,
        Page::AccessReviews,
    ];

    /// The page's path, relative to the app's base.
    pub fn path(self) -> &'static str {
        match self {
            Page::MyRoles => "/",
            Page::MyRequests => "/requests",
            Page::Approvals => "/approvals",
            Page::Assignments => "/assignments",
            Page::RoleSettings => "/settings",
            Page::Audit => "/audit",
            Page::AccessReviews => "/reviews",
        }
    }

    /// The page's title, as shown in the navigation and the heading.
    pub fn title(self) -> &'static str {
        match self {
            Page::MyRoles => "My roles",
            Page::MyRequests => "My requests",
            Page::Approvals => "Approvals",
            Page::Assignments => "Assignments",
            Page::RoleSettings => "Role settings",
            Page::Audit => "Audit",
            Page::AccessReviews => "Access reviews",
        }
    }
}

/// Which of the app's two builds is running. The boot script in `index.html` picks one per page load: the core
/// build (My roles, activation, My requests and the sign-in callback, against a tenant) keeps the
/// daily path small; the full build holds every page and the demo tenant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    Full,
    Core,
}

pub use crate::config::CORE_PATHS;

impl Bundle {
    /// The name the boot script in `index.html` and the tests know this build by.
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Full => "full",
            Bundle::Core => "core",
        }
    }

    /// Whether a page is served by this build without loading the other one.
    pub fn serves(self, page: Page) -> bool {
        self == Bundle::Full || CORE_PATHS.contains(&page.path())
    }
}
