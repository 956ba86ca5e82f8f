//! End-to-end tests: the real `postocr` binary on real image files. One test binary, one
//! module per concern.

mod archive;
mod sources;
