//! Stage: posts — layout → platform + posts.
//!
//! Input: a [`Layout`] (lines with colour cues), the original pixels (for badges, icon rows and
//! box borders) and a [`CountReader`] for a digits-only re-read of counts. Output: the platform
//! and the posts, top to bottom.
//!
//! Every platform module (x.rs, telegram.rs, …) exposes the same shape, [`Rules`]: a score that
//! says how much the page looks like that platform, and an extractor. The highest score wins;
//! adding a platform means one new file and one line in [`RULES`]. Most platforms share the
//! handle-anchored extractor in `anchored.rs` with their own [`Profile`].

pub mod anchored;
pub mod bluesky;
pub mod colour;
pub mod cues;
pub mod facebook;
pub mod fields;
pub mod headtime;
pub mod icons;
pub mod instagram;
pub mod mastodon;
pub mod named;
pub mod reddit;
pub mod telegram;
pub mod threads;
pub mod x;

use chrono::NaiveDateTime;
use image::RgbImage;

use crate::layout::Layout;
use crate::ocr::{Rect, Word};
use crate::record::{Platform, Post};

pub use cues::Cues;

/// Re-reads a box of the original image with a second, targeted OCR pass.
pub trait CountReader {
    /// The count inside `rect`, read digits-only.
    fn read_count(&mut self, rect: Rect) -> Option<String>;
    /// The words inside `rect` (one or a few lines, Latin models), boxes in original pixels:
    /// for small text the whole-page pass missed, such as a chat bubble's footer.
    fn read_block(&mut self, _rect: Rect) -> Vec<Word> {
        Vec::new()
    }
    /// The time inside `rect` (one line), read with the page's models one script at a time
    /// (Latin, then Cyrillic) and, when no reading is a time, again with the letters limited
    /// to those of times: of the readings `score` takes, the best-scored, boxes in original
    /// pixels. For a short grey time the page pass garbled ("11h" → "Uh", "9 год" → "9rog").
    fn read_time(
        &mut self,
        _rect: Rect,
        _score: &dyn Fn(&[Word]) -> Option<f32>,
    ) -> Option<Vec<Word>> {
        None
    }
}

/// A reader that never re-reads (unit tests, or `--no-count-pass`).
pub struct NoReread;
impl CountReader for NoReread {
    fn read_count(&mut self, _: Rect) -> Option<String> {
        None
    }
}

/// Everything an extractor may look at.
pub struct Page<'a> {
    pub layout: &'a Layout,
    pub rgb: &'a RgbImage,
    pub now: Option<NaiveDateTime>,
}

/// Per-platform facts the shared extractor needs.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub platform: Platform,
    /// Metrics of the icon row, left to right (an icon without a count is null).
    pub slots: &'static [&'static str],
    /// Whether the platform shows verification badges (else `verified` is null).
    pub badges: bool,
}

/// One platform's rules.
pub struct Rules {
    pub platform: Platform,
    /// How much the page looks like this platform (0 = not at all).
    pub score: fn(&Cues) -> f32,
    /// Finds the posts.
    pub extract: fn(&Page, &mut dyn CountReader) -> Vec<Post>,
}

/// All platforms, in tie-break order.
pub const RULES: &[Rules] = &[
    x::RULES,
    telegram::RULES,
    facebook::RULES,
    bluesky::RULES,
    threads::RULES,
    mastodon::RULES,
    reddit::RULES,
    instagram::RULES,
];

/// Detects the platform and extracts its posts.
pub fn extract(page: &Page, counts: &mut dyn CountReader) -> (Platform, Vec<Post>) {
    let reread = headtime::reread(page.layout, counts);
    let page = &Page {
        layout: reread.as_ref().unwrap_or(page.layout),
        rgb: page.rgb,
        now: page.now,
    };
    let cues = Cues::gather(page.layout);
    let debug = *DEBUG_LINES;
    if debug {
        for l in &page.layout.lines {
            let ws: Vec<String> = l
                .words
                .iter()
                .map(|w| format!("{}[{:?}{:.0} p{:.2}]", w.text, w.tone, w.conf, w.pictorial))
                .collect();
            eprintln!(
                "line y={:.0} x={:.0} h={:.0} col={}: {}",
                l.rect.y,
                l.rect.x,
                l.height(),
                l.col,
                ws.join(" ")
            );
        }
    }
    let mut best: Option<(&Rules, f32)> = None;
    for r in RULES {
        let s = (r.score)(&cues);
        if debug {
            eprintln!("score {:?} {s}", r.platform);
        }
        if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((r, s));
        }
    }
    if let Some((rules, _)) = best {
        let posts = (rules.extract)(page, counts);
        if !posts.is_empty() {
            return (rules.platform, posts);
        }
    }
    // No platform's cues: an old Twitter row, its screen name shown without an "@".
    if best.is_none() {
        if let Some(layout) = x::legacy_layout(page.layout) {
            let legacy = Page {
                layout: &layout,
                rgb: page.rgb,
                now: page.now,
            };
            let posts = x::extract(&legacy, counts);
            if !posts.is_empty() {
                return (Platform::X, posts);
            }
        }
    }
    // No platform's cues: a Telegram chat whose small footers OCR missed shows its bubbles'
    // heads, and a footer re-read at a bubble's bottom right tells.
    if best.is_none() {
        let posts = telegram::rescue(page, counts);
        if !posts.is_empty() {
            return (Platform::Telegram, posts);
        }
    }
    // No platform's layout matched: a post of an unknown platform still has handle-anchored
    // headers; anything else is not a post.
    let posts = anchored::extract(page, counts, &GENERIC);
    let platform = if posts.is_empty() {
        Platform::Unknown
    } else {
        best.map(|b| b.0.platform).unwrap_or(Platform::Unknown)
    };
    (platform, posts)
}

const GENERIC: Profile = Profile {
    platform: Platform::Unknown,
    slots: &["replies", "reposts", "likes", "views"],
    badges: false,
};

/// `POSTOCR_DEBUG_LINES` is set: print each layout line and the platform scores to stderr.
static DEBUG_LINES: once_cell::sync::Lazy<bool> =
    once_cell::sync::Lazy::new(|| std::env::var_os("POSTOCR_DEBUG_LINES").is_some());
