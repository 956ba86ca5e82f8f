//! Stage: ocr — prepared grey image → [`OcrPage`] (words with boxes and confidences).
//!
//! `engine` drives Tesseract (one engine per worker thread); `tsv` is the pure parser of its
//! output, so everything downstream can be tested on captured TSV without the engine.

pub mod engine;
pub mod tsv;

pub use engine::{Engine, EngineError, Mode, with_engine};
pub use tsv::{OcrPage, Rect, Word, parse_tsv};

use crate::prepare::Prepared;

/// Reads a prepared page with the language set `langs` ("eng+rus+ukr").
pub fn read_page(prepared: &Prepared, langs: &str) -> Result<OcrPage, EngineError> {
    with_engine(langs, |e| e.recognise(&prepared.grey, Mode::Page, prepared.scale, (0.0, 0.0)))
}
