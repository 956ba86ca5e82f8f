//! Sinks: where records go — JSON Lines ([`jsonl`]), the SQLite archive ([`sqlite`]),
//! sidecar files ([`sidecar`]); [`stores`] runs the archive and sidecars together and decides
//! which images a run may skip.

pub mod jsonl;
pub mod sidecar;
pub mod sqlite;
pub mod stores;
