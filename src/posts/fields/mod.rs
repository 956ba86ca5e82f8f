//! Field rules shared by every platform: pure functions from recognised text to typed values.

pub mod author;
pub mod metrics;
pub mod text;
pub mod timestamp;
