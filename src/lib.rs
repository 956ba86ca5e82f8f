//! postocr — screenshots of social-media posts back into data.
//!
//! The data flows through one module per stage:
//! [`discover`] (paths → inputs) → [`load`] (bytes → pixels) → [`prepare`] (pixels → OCR-ready
//! grey) → [`ocr`] (Tesseract → words) → [`layout`] (words → lines with colour cues) →
//! [`posts`] (lines → platform and posts) → [`record`] (the JSON contract) → [`sink`].
//! [`pipeline`] runs it over many images in parallel; [`eval`] scores it against truth files.
//! [`source`] reads images inside WARC files and saved pages; [`sink::sqlite`] keeps results in
//! a searchable archive that [`query`] reads back.

pub mod cli;
pub mod discover;
pub mod eval;
pub mod layout;
pub mod load;
pub mod ocr;
pub mod pipeline;
pub mod posts;
pub mod prepare;
pub mod query;
pub mod record;
pub mod shard;
pub mod sink;
pub mod source;

pub use pipeline::{Config, Pipeline, Summary};
pub use record::{Post, Record};

/// Developer aid: `POSTOCR_OFF=name,name` turns named rules off, to measure each one's share
/// of a change with one build ("ukr-dict", "lone-letter", "fb-reactions", "reread-uk").
pub fn rule_off(name: &str) -> bool {
    static OFF: once_cell::sync::Lazy<Vec<String>> = once_cell::sync::Lazy::new(|| {
        std::env::var("POSTOCR_OFF")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    OFF.iter().any(|o| o == name)
}
