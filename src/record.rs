//! Stage: record — the output contract.
//!
//! Input: everything the pipeline learned about one image. Output: one [`Record`], serialised as
//! one JSON object per line. Archiving scripts build on these field names: add fields freely,
//! never rename. Every field is documented here and in `docs/schema.md`; `postocr schema`
//! prints the JSON Schema generated from these types. Tests read records back with these same
//! types and `deny_unknown_fields`, so the schema itself is under test.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One image's result.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The path as given or found, as UTF-8. Bytes that are not UTF-8 are replaced by U+FFFD;
    /// `path_hex` then holds the exact bytes so the file can still be named faithfully.
    pub path: String,
    /// Hex of the raw path bytes, present only when the path is not valid UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_hex: Option<String>,
    /// SHA-256 of the file bytes (hex); null only when the file could not be read.
    pub sha256: Option<String>,
    /// "ok" (at least one post), "no_post" (read, but no post found) or "error".
    pub status: Status,
    /// Why the image failed, when `status` is "error".
    pub error: Option<ErrorInfo>,
    /// Facts about the decoded image; null when it could not be decoded.
    pub image: Option<ImageInfo>,
    /// Platform the screenshot comes from, or "unknown".
    pub platform: Platform,
    /// Posts top to bottom; empty when the image holds no post.
    pub posts: Vec<Post>,
    /// Raw OCR facts; null when OCR did not run.
    pub ocr: Option<OcrInfo>,
    /// Wall time spent on this image, in milliseconds.
    pub elapsed_ms: u64,
    /// Per-stage milliseconds, present with `--timings`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings: Option<Timings>,
    /// Where the image was found when it is not a plain image file: a record of a WARC file
    /// or an image shown by a saved HTML page. Absent for plain image files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// What made this result: present in records kept by `--db` and `--sidecar` (and so in
    /// `postocr export`), where it decides whether a later run may reuse the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub producer: Option<Producer>,
}

/// Where an image came from when it is not a whole image file of its own.
///
/// For a WARC record, `path` of the record is `FILE#offset=N` and `source` names the WARC file,
/// the record's offset, target URI and date. For an image shown by a saved HTML page, `path` is
/// the image file (from the page's `_files` folder) or `PAGE#img=N` for a `data:` URI (the N-th
/// `<img>` of the page, from 1), and `source` names the page, its title and URL, and the image's
/// `alt` text and caption.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// "warc" or "html".
    pub kind: String,
    /// The WARC file or HTML page the image was found in, as given or found.
    pub file: String,
    /// WARC: byte offset of the record in the file (of its gzip member in a `.warc.gz`), as a
    /// CDX index gives it, so `warcio extract FILE OFFSET` finds it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// WARC: `WARC-Record-ID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// WARC: `WARC-Target-URI`, the URL the image was fetched from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// WARC: `WARC-Date`, when it was captured (ISO 8601, UTC, as written in the file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// WARC: the payload's media type (HTTP `Content-Type` of a response record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// HTML: the page's `<title>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_title: Option<String>,
    /// HTML: the page's address where the page names it (the browser's "saved from url"
    /// comment, `<link rel="canonical">` or `og:url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// HTML: the `<img src>` as written (a `data:` URI is cut after its media type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// HTML: the image's `alt` text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// HTML: the caption near the image (`<figcaption>` of its `<figure>`, or an element whose
    /// class names a caption beside it), whitespace collapsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// The program and settings that produced a record.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Producer {
    /// "postocr 0.1.0".
    pub version: String,
    /// The settings that change results (`Config::fingerprint`), e.g.
    /// "langs=eng+rus+ukr;target_line_px=…;count_pass=true;now=".
    pub settings: String,
    /// The OCR engine, e.g. "tesseract 5.3.0".
    pub engine: String,
}

/// Outcome of one image.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    NoPost,
    Error,
}

/// Stage at which an image failed, and a message for a person.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ErrorInfo {
    /// "read" | "decode" | "limits" | "ocr".
    pub stage: String,
    pub message: String,
}

/// The decoded image.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ImageInfo {
    /// Width after EXIF orientation, in pixels.
    pub width: u32,
    pub height: u32,
    /// Container format detected from the bytes: png, jpeg, webp, gif, bmp, tiff …
    pub format: String,
    /// Background theme: "light", "dim" (X's blue-black) or "dark".
    pub theme: String,
}

/// Platforms postocr recognises.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    X,
    Telegram,
    Facebook,
    Bluesky,
    Threads,
    Mastodon,
    Instagram,
    Reddit,
    #[default]
    #[serde(alias = "other")]
    Unknown,
}

impl Platform {
    pub const ALL: [Platform; 9] = [
        Platform::X,
        Platform::Telegram,
        Platform::Facebook,
        Platform::Bluesky,
        Platform::Threads,
        Platform::Mastodon,
        Platform::Instagram,
        Platform::Reddit,
        Platform::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Telegram => "telegram",
            Platform::Facebook => "facebook",
            Platform::Bluesky => "bluesky",
            Platform::Threads => "threads",
            Platform::Mastodon => "mastodon",
            Platform::Instagram => "instagram",
            Platform::Reddit => "reddit",
            Platform::Unknown => "unknown",
        }
    }
}

/// Engine facts for the whole image.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OcrInfo {
    /// e.g. "tesseract 5.3.0".
    pub engine: String,
    /// Tesseract language set used for the main pass, e.g. "eng+rus+ukr".
    pub langs: String,
    /// Mean word confidence (0–100) of the main pass.
    pub mean_confidence: f32,
    /// All recognised text in reading order, lines joined by "\n".
    pub text: String,
}

/// One post.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub author: Author,
    pub timestamp: Option<Timestamp>,
    /// Body text: paragraphs joined by "\n", visually wrapped lines joined by one space.
    pub text: String,
    /// Language of `text`: "en", "ru", "uk" or "other"; null when too short to tell.
    pub language: Option<String>,
    /// Handles of an explicit "Replying to …" line.
    pub reply_to: Vec<String>,
    pub mentions: Vec<String>,
    pub hashtags: Vec<String>,
    /// Links as shown, including the "…" of shortened links.
    pub urls: Vec<String>,
    pub metrics: Metrics,
    /// The quoted or forwarded post, without metrics.
    pub quoted: Option<Box<Post>>,
    /// A header above the post that is not its author ("Bloomberg reposted", "Pinned").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// X-specific lookup aids (snowflake ID range, search URL); see docs/schema.md.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<XLookup>,
    /// 0–1: how sure postocr is of this post (OCR confidence and field completeness).
    pub confidence: f32,
    /// Post box: x, y, width, height in the original image's pixels.
    pub bbox: [u32; 4],
    /// Boxes of the individual fields, same units as `bbox`.
    #[serde(default)]
    pub boxes: FieldBoxes,
}

/// Who wrote the post.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: Option<String>,
    /// "@handle" (X, Bluesky, Mastodon "@user@server"), "u/name" on Reddit; null when not shown.
    pub handle: Option<String>,
    /// From the badge's pixels next to the name; null where the platform has no badge.
    pub verified: Option<bool>,
    /// Badge colour when verified: "blue", "gold" or "grey"; "white" or "black" for a badge
    /// drawn in the text colour (X's Android app in dark themes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
}

/// When the post was made.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Timestamp {
    /// Exactly as shown.
    pub text: String,
    /// ISO 8601 local time (no zone: screenshots do not show one) when the text holds a full
    /// date, or when a relative form was resolved against `--now`.
    pub iso: Option<String>,
    /// True for forms like "2h", "45m", "Nov 26" that need a reference time.
    pub relative: bool,
}

/// Counts as displayed, expanded to integers; null when not shown.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    pub replies: Option<u64>,
    pub reposts: Option<u64>,
    pub quotes: Option<u64>,
    pub likes: Option<u64>,
    pub views: Option<u64>,
    pub bookmarks: Option<u64>,
}

impl Metrics {
    pub const NAMES: [&'static str; 6] = [
        "replies",
        "reposts",
        "quotes",
        "likes",
        "views",
        "bookmarks",
    ];

    pub fn get(&self, name: &str) -> Option<u64> {
        match name {
            "replies" => self.replies,
            "reposts" => self.reposts,
            "quotes" => self.quotes,
            "likes" => self.likes,
            "views" => self.views,
            "bookmarks" => self.bookmarks,
            _ => None,
        }
    }

    pub fn slot(&mut self, name: &str) -> Option<&mut Option<u64>> {
        Some(match name {
            "replies" => &mut self.replies,
            "reposts" => &mut self.reposts,
            "quotes" => &mut self.quotes,
            "likes" => &mut self.likes,
            "views" => &mut self.views,
            "bookmarks" => &mut self.bookmarks,
            _ => return None,
        })
    }

    pub fn is_empty(&self) -> bool {
        Self::NAMES.iter().all(|n| self.get(n).is_none())
    }
}

/// Where each field was read, in original-image pixels (x, y, width, height).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FieldBoxes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<[u32; 4]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<[u32; 4]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<[u32; 4]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<[u32; 4]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<[u32; 4]>,
}

/// Aids for finding an X post again.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct XLookup {
    /// Smallest and largest snowflake post ID that a post made within the shown minute can
    /// have (UTC assumed; see docs/schema.md), as decimal strings.
    pub id_min: Option<String>,
    pub id_max: Option<String>,
    /// Advanced-search URL for the handle's posts on the shown day.
    pub search_url: Option<String>,
}

/// Milliseconds per stage for one image.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Timings {
    pub read: u64,
    pub decode: u64,
    pub prepare: u64,
    /// All recognition: the sum of the three `ocr_*` parts below.
    pub ocr: u64,
    /// The page pass with the Latin models.
    #[serde(default)]
    pub ocr_page: u64,
    /// The re-read of doubtful lines with the Cyrillic models.
    #[serde(default)]
    pub ocr_reread: u64,
    /// Digits-only and small-block re-reads of counts and headers.
    #[serde(default)]
    pub ocr_counts: u64,
    pub layout: u64,
    pub posts: u64,
}

impl Record {
    /// The record an image starts as: named by `path` (with `path_hex` when the path is not
    /// UTF-8), status "error" until a stage says otherwise, nothing else known yet.
    pub fn for_path(path: &std::path::Path) -> Record {
        use std::os::unix::ffi::OsStrExt;
        let raw = path.as_os_str().as_bytes();
        Record {
            path: path.to_string_lossy().into_owned(),
            path_hex: std::str::from_utf8(raw).is_err().then(|| hex::encode(raw)),
            sha256: None,
            status: Status::Error,
            error: None,
            image: None,
            platform: Platform::Unknown,
            posts: vec![],
            ocr: None,
            elapsed_ms: 0,
            timings: None,
            source: None,
            producer: None,
        }
    }
}

/// JSON Schema of [`Record`], as printed by `postocr schema`.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Record)).expect("schema serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trips_and_rejects_unknown_fields() {
        let rec = Record {
            sha256: Some("00".into()),
            status: Status::NoPost,
            elapsed_ms: 3,
            ..Record::for_path(std::path::Path::new("a.png"))
        };
        let s = serde_json::to_string(&rec).unwrap();
        assert_eq!(serde_json::from_str::<Record>(&s).unwrap(), rec);
        let mut v: serde_json::Value = serde_json::from_str(&s).unwrap();
        v["surprise"] = 1.into();
        assert!(serde_json::from_value::<Record>(v).is_err());
    }

    #[test]
    fn schema_names_the_contract_fields() {
        let s = json_schema().to_string();
        for f in [
            "sha256",
            "posts",
            "mean_confidence",
            "reply_to",
            "bookmarks",
        ] {
            assert!(s.contains(f), "schema lacks {f}");
        }
    }
}
