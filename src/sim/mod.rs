//! The simulated tenant: an in-memory PIM service that answers like Graph and ARM.
