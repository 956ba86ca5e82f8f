//! Stage: ocr — prepared grey image → [`OcrPage`] (words with boxes and confidences).
//!
//! `engine` drives Tesseract (one engine per worker thread); `tsv` is the pure parser of its
//! output, so everything downstream can be tested on captured TSV without the engine.

pub mod engine;
pub mod tsv;

pub use engine::{Engine, EngineError, Mode, with_engine};
pub use tsv::{OcrPage, Rect, Word, parse_tsv};
