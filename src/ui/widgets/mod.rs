//! Small presentational pieces shared by pages.

mod empty_state;
mod find_box;
mod next_task;
mod page_header;
mod result_list;
mod reveal;

pub use empty_state::EmptyState;
pub use find_box::FindBox;
pub use next_task::NextTask;
pub use page_header::PageHeader;
pub use result_list::{ResultLine, ResultList};
pub use reveal::{reveal_per, MatchCount, ShowMore};
