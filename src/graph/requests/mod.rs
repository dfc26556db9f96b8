//! The reads and writes behind "My requests" and "Approvals": my requests across Entra roles,
//! PIM groups and Azure roles with their outcomes, cancel, the queue of requests waiting for
//! my decision, and the decision itself.

mod arm_approval;
mod decide;
mod load;
mod row;

pub use arm_approval::{ArmApproval, ArmApprovalStage, ARM_APPROVAL_API_VERSION};
pub use decide::{cancel, decide, Decision, DecisionError};
pub use load::{approval_queue, my_requests};
pub use row::{newest_first, ApprovalRules, ApproverNote, RequestRef, RequestRow};
