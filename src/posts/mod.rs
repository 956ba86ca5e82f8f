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
    extract_with(page, counts, true)
}

/// [`extract`]; `rescue`: whether a page with no platform's cues may have a dropped handle
/// line read again (once).
fn extract_with(page: &Page, counts: &mut dyn CountReader, rescue: bool) -> (Platform, Vec<Post>) {
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
    // No platform's cues: a detail view whose handle line the OCR dropped shows none; with
    // the gap under its name read again, the page is scored once more.
    if best.is_none() && rescue {
        if let Some(layout) = anchored::rescue_top_handle(page, counts) {
            let again = Page {
                layout: &layout,
                rgb: page.rgb,
                now: page.now,
            };
            let (platform, posts) = extract_with(&again, counts, false);
            if !posts.is_empty() {
                return (platform, posts);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Layout, Tone};
    use crate::ocr::Word;
    use crate::posts::named::fixture::{line, plain};

    /// Reads a Bluesky handle from any block, and records where it read.
    struct Handle(Vec<Rect>);
    impl CountReader for Handle {
        fn read_count(&mut self, _: Rect) -> Option<String> {
            None
        }
        fn read_block(&mut self, r: Rect) -> Vec<Word> {
            self.0.push(r);
            vec![Word {
                text: "@marina-l.bsky.social".into(),
                rect: Rect {
                    x: 69.0,
                    y: r.y + 3.0,
                    w: 150.0,
                    h: 15.0,
                },
                conf: 90.0,
                block: 0,
                par: 0,
                line: 0,
            }]
        }
    }

    #[test]
    fn a_detail_view_whose_handle_line_was_dropped_is_found_by_its_read_again_handle() {
        // bluesky_detail_dim_en (seed 85, half size): name, text, footer, likes as the page pass
        // read them; "@marina-l.bsky.social" under the name did not read, so nothing named a
        // platform and no post came back.
        let lines = vec![
            plain(69.0, 17.0, 16.0, "Марина Лебедева", Tone::Primary),
            plain(
                17.0,
                68.0,
                19.0,
                "Oil prices jumped 3% on Wednesday — the biggest one-day gain",
                Tone::Primary,
            ),
            plain(
                17.0,
                93.0,
                15.0,
                "since June — after OPEC+ signalled it",
                Tone::Primary,
            ),
            plain(
                17.0,
                156.0,
                11.0,
                "November 30, 2025 at 10:11 PM",
                Tone::Grey,
            ),
            // (The count in the text colour, its label grey.)
            line(
                16.0,
                199.0,
                12.0,
                &[("2", Tone::Primary), ("likes", Tone::Grey)],
            ),
        ];
        let layout = Layout {
            lines,
            width: 600,
            height: 277,
            background: [22, 30, 39],
        };
        let rgb = image::RgbImage::new(600, 277);
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        let mut reads = Handle(Vec::new());
        let (platform, posts) = extract(&page, &mut reads);
        assert_eq!(platform, Platform::Bluesky);
        assert_eq!(posts.len(), 1);
        assert_eq!(
            posts[0].author.handle.as_deref(),
            Some("@marina-l.bsky.social")
        );
        // The gap under the name, and only there, was read.
        assert!(!reads.0.is_empty() && reads.0.iter().all(|r| r.y >= 33.0 && r.bottom() <= 68.0));
        // A page with no name over a gap reads nothing again.
        let mut none = Handle(Vec::new());
        let bare = Layout {
            lines: layout.lines[1..].to_vec(),
            ..layout.clone()
        };
        let page = Page {
            layout: &bare,
            ..page
        };
        let _ = extract(&page, &mut none);
        assert!(none.0.is_empty(), "{:?}", none.0);
    }
}
