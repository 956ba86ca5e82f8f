//! Sources: where an input's bytes live — a whole image file, a record inside a WARC file,
//! or an image shown by a saved HTML page.
//!
//! Input: an [`Input`] from discovery. Output: the image's bytes ([`read`]) and, for images found
//! inside another file, the [`Source`] object that goes into its record ([`describe`]).
//!
//! Discovery only indexes containers (record offsets, `data:` URI byte ranges); the bytes are
//! read here, by the worker that processes the image, so memory holds at most one image per
//! worker whatever the size of a WARC file or page.

pub mod html;
pub mod warc;

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::discover::Input;
use crate::record::Source;

/// Where inside `Input::path` the image lives, when it is not the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A `response` or `resource` record of the WARC file `Input::path`.
    Warc(Box<warc::Entry>),
    /// An `<img>` of a saved page: `Input::path` is the image file, or the page itself when the
    /// image is a `data:` URI.
    Html(Box<html::Entry>),
}

/// The path that names this input in its record: the file, or `FILE#offset=N` for a WARC
/// record, or `PAGE#img=N` for a `data:` URI image. Kept as an OS path so that non-UTF-8 names
/// survive into `path_hex`.
pub fn record_path(input: &Input) -> PathBuf {
    let suffix = match &input.part {
        Some(Part::Warc(e)) => format!("#offset={}", e.offset),
        Some(Part::Html(e)) if e.data.is_some() => format!("#img={}", e.index),
        _ => return input.path.clone(),
    };
    let mut s = OsString::from(input.path.as_os_str());
    s.push(suffix);
    PathBuf::from(s)
}

/// The record's `source` object, for inputs found inside another file.
pub fn describe(input: &Input) -> Option<Source> {
    match &input.part {
        None => None,
        Some(Part::Warc(e)) => Some(Source {
            kind: "warc".into(),
            file: input.path.to_string_lossy().into_owned(),
            offset: Some(e.offset),
            record_id: e.record_id.clone(),
            uri: e.uri.clone(),
            date: e.date.clone(),
            content_type: e.content_type.clone(),
            ..Source::default()
        }),
        Some(Part::Html(e)) => Some(Source {
            kind: "html".into(),
            file: e.page.to_string_lossy().into_owned(),
            page_title: e.title.clone(),
            page_url: e.url.clone(),
            src: Some(e.src.clone()),
            alt: e.alt.clone(),
            caption: e.caption.clone(),
            ..Source::default()
        }),
    }
}

/// Reads the image bytes of `input`, refusing more than `max` bytes.
pub fn read(input: &Input, max: u64) -> Result<Vec<u8>, String> {
    match &input.part {
        Some(Part::Warc(e)) => warc::read_payload(&input.path, e, max),
        Some(Part::Html(e)) => match e.data {
            Some(range) => html::read_data_uri(&input.path, range, max),
            None => read_file(&input.path, max),
        },
        None => read_file(&input.path, max),
    }
}

/// A whole file, with the size checked before reading so a huge file is refused at once.
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let meta = f.metadata().map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    if meta.len() > max {
        return Err(format!(
            "file is {} bytes, over the {max}-byte limit",
            meta.len()
        ));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    f.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|e| e.to_string())?;
    Ok(buf)
}

/// Reads at most `max` bytes from `r`; more is an error naming the limit.
pub(crate) fn read_capped(r: &mut dyn Read, max: u64, what: &str) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    r.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("{what}: {e}"))?;
    if buf.len() as u64 > max {
        return Err(format!("{what} is over the {max}-byte limit"));
    }
    Ok(buf)
}
