//! Small presentational pieces shared by pages.

mod empty_state;
mod page_header;
mod result_list;

pub use empty_state::EmptyState;
pub use page_header::PageHeader;
pub use result_list::{ResultLine, ResultList};
