//! Sinks: where records go.

pub mod jsonl;
