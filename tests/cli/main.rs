//! End-to-end tests: the real `postocr` binary, real Tesseract, real image files. One test
//! binary, one module per concern; helpers shared across modules live in `common`.
//!
//! Records are read back with `postocr::record::Record` (`deny_unknown_fields`), so the schema
//! is under test too.

mod common;

mod archive;
mod bad_input;
mod eval;
mod run;
mod shard;
mod sources;
