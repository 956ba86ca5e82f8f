//! The shared extractor for platforms whose post headers show a name and a time but no
//! `@handle` (Facebook, Threads, Instagram, Reddit).
//!
//! A header is either one line "name … time" with the time in grey at its end (Threads,
//! Reddit, Instagram) or a name line with a grey line right below it that starts with a time
//! (Facebook "26 November at 14:58 · 🌐"). Body lines follow until the footer: labelled counts
//! ("345 comments 56 shares"), an icon row, or the action buttons.

use super::anchored::{is_action_row, leading_timestamp};
use super::fields::author::clean_name;
use super::fields::metrics::{
    is_multiplier_word, labelled_counts, parse_count, parse_count_tokens,
};
use super::fields::text::{is_chrome, reflow, set_text, strip_trailing_chrome};
use super::fields::timestamp;
use super::{CountReader, Page, Profile, icons};
use crate::layout::{LWord, Line, Tone};
use crate::ocr::Rect;
use crate::record::{Author, FieldBoxes, Post};

/// Button rows under posts; a line made of these words is chrome.
const BUTTONS: &[&str] = &[
    "like",
    "comment",
    "share",
    "send",
    "reply",
    "нравится",
    "комментировать",
    "поделиться",
    "подобається",
    "коментувати",
    "поширити",
    "gefällt",
    "kommentieren",
    "teilen",
    "mir",
    "award",
    "save",
    "ответить",
    "відповісти",
    "report",
    "follow",
    "vote",
    "hide",
];

/// What differs between the platforms that share this extractor.
#[derive(Clone, Copy)]
pub struct Style {
    pub profile: Profile,
    /// "u/" on Reddit: a header word with this prefix is the handle.
    pub handle_prefix: Option<&'static str>,
    /// Rewrites a footer line into "COUNT LABEL" pairs before counts are read (Facebook's
    /// "Комментарии: 7,4 тыс.", "82 Mal geteilt").
    pub footer: fn(&str) -> String,
    /// Whether a post may open with a bare username line right after the previous post's
    /// icon row, its time unread (Threads: "zuck ✓ 2h" with "2h" misread).
    pub username_after_footer: bool,
    /// The metric a bare count in the button row shows (Reddit's vote score between the
    /// arrows of "⇧ 275 ⇩ Reply Share").
    pub button_count: Option<&'static str>,
}

/// A footer line taken as it reads.
pub fn footer_as_is(line: &str) -> String {
    line.to_string()
}

pub(crate) fn is_button_row(line: &Line) -> bool {
    let ws: Vec<String> = line
        .words
        .iter()
        .map(|w| {
            w.text
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    !ws.is_empty() && ws.iter().filter(|w| BUTTONS.contains(&w.as_str())).count() * 2 > ws.len()
}

/// An icon row read as counts and icon junk, whatever its tone (Threads draws its icons in
/// the text colour): "♡ 49 тыс.  💬 8,8 тыс.  🔁 18 тыс.  ➤" read as
/// "02 49 тыс. Q 8,8 тыс. З 18 тыс. <".
fn is_count_row(line: &Line) -> bool {
    let ws: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
    let mut counts = 0;
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i].trim_start_matches(|c: char| !c.is_alphanumeric());
        let mult = ws
            .get(i + 1)
            .is_some_and(|n| !n.starts_with(|c: char| c.is_ascii_digit()));
        if mult && parse_count_tokens(&[w, ws[i + 1]]).is_some() {
            counts += 1;
            i += 2;
            continue;
        }
        // (A decimal "6,7" is a count whose multiplier the OCR set apart.)
        let decimal = w.contains([',', '.'])
            && w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
        if parse_count(w).is_some() || decimal {
            counts += 1;
        } else if ws[i].chars().count() > 2
            && ws[i].chars().any(char::is_alphabetic)
            && !is_multiplier_word(w)
        {
            return false;
        }
        i += 1;
    }
    counts >= 2 && ws.len() >= 3
}

/// A line of big icons below a post's text `body`: at least 1.8 times as tall as the text's
/// lines, doubtful (mean confidence under 60) and without a long word read surely.
fn is_icon_bar(line: &Line, body: &[&Line]) -> bool {
    let mut hs: Vec<f32> = body.iter().map(|l| l.height()).collect();
    hs.sort_by(f32::total_cmp);
    let h = hs[hs.len() / 2].max(1.0);
    line.height() >= 1.8 * h
        && line.conf() < 60.0
        && !line
            .words
            .iter()
            .any(|w| w.conf > 90.0 && w.text.chars().count() >= 4)
}

/// An icon row with one or two counts, read as short junk ("♡ 10  💬  🔁 2  ➤" → "Ow Q 62
/// F"): three or more words of at most three letters, one with a digit, on a line taller
/// than the text's, as the icons are drawn taller than the letters. A line of text ends in
/// a longer word or stands as tall as the rest ("по 10 кг").
fn is_short_icon_row(line: &Line, body: &[&Line]) -> bool {
    let mut hs: Vec<f32> = body.iter().map(|l| l.height()).collect();
    hs.sort_by(f32::total_cmp);
    let h = hs[hs.len() / 2].max(1.0);
    line.words.len() >= 3
        && line.words.iter().all(|w| w.text.chars().count() <= 3)
        && line
            .words
            .iter()
            .any(|w| w.text.chars().any(|c| c.is_ascii_digit()))
        && line.height() >= 1.3 * h
}

/// A post header: lines `first..=last` of the page.
#[derive(Debug, Clone)]
pub struct Head {
    pub first: usize,
    pub last: usize,
    pub name: Option<String>,
    pub name_rect: Option<Rect>,
    pub handle: Option<String>,
    pub ts: Option<(String, Rect)>,
}

/// Icon junk a header carries after the time or the name: globe "@", badge "©", menu "…",
/// short symbol runs.
fn is_junk(w: &LWord) -> bool {
    let n = w.text.chars().count();
    !w.text.chars().any(char::is_alphanumeric) || n <= 1
}

/// The leading words of a name line up to the first wide gap (the "…" and "×" menus at the
/// far right of a header are read into the same line).
pub fn name_words(line: &Line) -> Vec<&LWord> {
    let h = line.height().max(1.0);
    let mut out: Vec<&LWord> = Vec::new();
    for w in &line.words {
        if out
            .last()
            .is_some_and(|p| w.rect.x - p.rect.right() > 2.5 * h)
        {
            break;
        }
        out.push(w);
    }
    out
}

fn find_heads(lines: &[Line], handle_prefix: Option<&str>) -> Vec<Head> {
    let mut out: Vec<Head> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let ws: Vec<&LWord> = line.words.iter().collect();
        // One-line header: name words then a grey timestamp at the end.
        let mut found = None;
        for cut in 1..ws.len() {
            if ws[cut].tone == Tone::Primary && ws[cut].conf > 60.0 {
                continue;
            }
            if let Some(ts) = leading_timestamp(&ws[cut..]) {
                let name_ws: Vec<&str> = ws[..cut]
                    .iter()
                    .map(|w| w.text.as_str())
                    .filter(|t| !matches!(*t, "·" | "•" | "-"))
                    .collect();
                // The time ends the line, but for icons after it (Reddit awards, Threads "…").
                let ends = ws[cut..]
                    .iter()
                    .all(|w| w.rect.x < ts.1.right() - 1.0 || w.text.chars().count() <= 2);
                if name_ws.len() <= 6 && ends {
                    found = Some((name_ws.join(" "), ws[0].rect.union(&ws[cut - 1].rect), ts));
                    break;
                }
            }
        }
        if let Some((name, rect, ts)) = found {
            // The "…" menu right of the time, read as a short line of its own that y order
            // puts after the header.
            let mut last = i;
            while lines.get(last + 1).is_some_and(|n| {
                n.rect.x > ts.1.right()
                    && n.rect.y < line.rect.bottom()
                    && n.words.iter().all(|w| w.text.chars().count() <= 3)
            }) {
                last += 1;
            }
            let handle = handle_prefix.and_then(|p| {
                name.split_whitespace()
                    .find(|w| w.starts_with(p))
                    .map(|w| w.trim_end_matches(['·', '•', ':']).to_string())
            });
            let name_words: Vec<&str> = name
                .split_whitespace()
                .filter(|w| handle_prefix.is_none_or(|p| !w.starts_with(p)))
                .collect();
            out.push(Head {
                first: i,
                last,
                name: clean_name(&name_words),
                name_rect: Some(rect),
                handle,
                ts: Some(ts),
            });
            i = last + 1;
            continue;
        }
        // Two-line header: name, then a grey line starting with a time.
        // The time line is the next line that starts under the name (menus at the far right
        // of the header, "…" or "×", come between them in y order).
        let below = (i + 1..lines.len().min(i + 4))
            .find(|&j| (lines[j].rect.x - line.rect.x).abs() < 2.0 * line.height());
        if let Some(j) = below {
            let next = &lines[j];
            let nws: Vec<&LWord> = next.words.iter().collect();
            let close = next.col == line.col
                && next.rect.y - line.rect.bottom() < 1.0 * line.height().max(1.0);
            if close && line.words.len() <= 8 && !is_chrome(&line.text()) {
                // The time line is grey; where the theme leaves grey and text colour apart
                // (dark JPEGs) it must be the time and nothing more ("13 November at 09:13 · 🌐").
                // Nor does running text in the text colour follow it: "today with
                // @SteveWitkoff." is a line of the post opening with a time word.
                let ts = leading_timestamp(&nws).filter(|ts| {
                    let after = || nws.iter().filter(|w| w.rect.x >= ts.1.right() - 1.0);
                    let text_after = after().any(|w| {
                        w.tone == Tone::Primary
                            && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    });
                    !text_after && (next.tone() != Tone::Primary || after().all(|w| is_junk(w)))
                });
                if let Some(ts) = ts {
                    let names: Vec<&str> =
                        name_words(line).iter().map(|w| w.text.as_str()).collect();
                    out.push(Head {
                        first: i,
                        last: j,
                        name: clean_name(&names),
                        name_rect: Some(line.rect),
                        handle: None,
                        ts: Some(ts),
                    });
                    i = j + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Extracts posts.
pub fn extract(page: &Page, counts: &mut dyn CountReader, style: &Style) -> Vec<Post> {
    let lines = &page.layout.lines;
    let mut heads = find_heads(lines, style.handle_prefix);
    if style.username_after_footer {
        heads.extend(username_heads(lines, &heads));
        heads.sort_by_key(|h| h.first);
    }
    extract_from(page, counts, style, &heads)
}

/// Lines opening a post whose time did not read: first on the page or right after an icon
/// row or a "104 replies · 1.2K likes" line, a short line that starts with a user name
/// ("zuck ✓ Dy") over text. Skips lines that already head a post.
fn username_heads(lines: &[Line], known: &[Head]) -> Vec<Head> {
    let mut out = Vec::new();
    for i in 0..lines.len().saturating_sub(1) {
        let line = &lines[i];
        let after_footer = i.checked_sub(1).is_none_or(|p| {
            let prev = &lines[p];
            is_action_row(prev) || is_count_row(prev) || super::cues::reply_like_footer(prev)
        });
        if known.iter().any(|h| (h.first..=h.last).contains(&i))
            || !after_footer
            || line.words.len() > 4
        {
            continue;
        }
        let Some(first) = line.words.first() else {
            continue;
        };
        let user = first.text.chars().count() >= 3
            && first.tone == Tone::Primary
            && first
                .text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_');
        // The text line below, past a menu "…" at the far right.
        let Some(k) = lines[i + 1..]
            .iter()
            .take(3)
            .position(|n| n.rect.x < line.rect.right())
        else {
            continue;
        };
        let next = &lines[i + 1 + k];
        let text_below = next.col == line.col
            && (next.rect.x - line.rect.x).abs() < line.height()
            && next.rect.y - line.rect.bottom() < 2.0 * line.height();
        if user && text_below {
            out.push(Head {
                first: i,
                last: i + k,
                name: Some(first.text.clone()),
                name_rect: Some(first.rect),
                handle: None,
                ts: None,
            });
        }
    }
    out
}

/// The bare count in a button row (Reddit's score between the vote arrows, "⇧ 275 ⇩ Reply
/// Share"): a count read clean comes first, as an arrow icon reads as a digit with a sign
/// glued on ("4> 275 Lb Reply").
fn button_row_count(line: &Line) -> Option<u64> {
    // Reddit writes "Vote" between its arrows while a comment's score is hidden: no count,
    // whatever the arrows read as ("4}").
    if line.words.iter().any(|w| {
        w.text
            .trim_matches(|c: char| !c.is_alphanumeric())
            .eq_ignore_ascii_case("vote")
    }) {
        return None;
    }
    line.words
        .iter()
        .find_map(|w| parse_count(&w.text))
        .or_else(|| {
            line.words
                .iter()
                .find_map(|w| parse_count(w.text.trim_matches(|c: char| !c.is_alphanumeric())))
        })
}

/// Extracts the posts that `heads` open.
pub fn extract_from(
    page: &Page,
    counts: &mut dyn CountReader,
    style: &Style,
    heads: &[Head],
) -> Vec<Post> {
    let prof = &style.profile;
    let lines = &page.layout.lines;
    let mut posts = Vec::new();
    for (n, h) in heads.iter().enumerate() {
        let end = heads.get(n + 1).map(|x| x.first).unwrap_or(lines.len());
        let mut post = Post::default();
        let mut body: Vec<&Line> = Vec::new();
        let mut in_footer = false;
        let mut bbox = lines[h.first].rect.union(&lines[h.last].rect);
        let mut metrics_rect: Option<Rect> = None;
        // Metrics taken from the icon row, which the counts in words under it overrule.
        let mut from_row: Vec<&'static str> = Vec::new();
        let mut confs: Vec<f32> = lines[h.first..=h.last]
            .iter()
            .flat_map(|l| l.words.iter().map(|w| w.conf))
            .collect();
        for line in &lines[h.last + 1..end] {
            if line.col != lines[h.last].col {
                break;
            }
            let text = line.text();
            if is_chrome(&text) || is_button_row(line) {
                if let (Some(m), true) = (style.button_count, is_button_row(line)) {
                    let v = button_row_count(line);
                    if let (Some(v), Some(slot)) = (v, post.metrics.slot(m)) {
                        slot.get_or_insert(v);
                        metrics_rect =
                            Some(metrics_rect.map_or(line.rect, |r| r.union(&line.rect)));
                    }
                }
                in_footer |= !body.is_empty() && is_button_row(line);
                continue;
            }
            let mut footer = (style.footer)(&text);
            let mut pairs = labelled_counts(&footer);
            if let Some(fixed) = icons::reread_labelled_count(line, counts) {
                let again = labelled_counts(&(style.footer)(&fixed));
                if again.len() > pairs.len() {
                    (footer, pairs) = ((style.footer)(&fixed), again);
                }
            }
            if !pairs.is_empty() {
                // Facebook: the bare count before the labelled ones is the reactions total.
                let toks: Vec<&str> = footer.split_whitespace().collect();
                let first = (0..toks.len()).find_map(|i| {
                    toks.get(i + 1)
                        .and_then(|n| parse_count(&format!("{} {n}", toks[i])))
                        .or_else(|| parse_count(toks[i]))
                });
                // Threads' older layout shows its counts in words under the icons ("104
                // replies · 1.2K likes") and none beside them: what the icon row gave is its
                // icons read as digits.
                if super::cues::reply_like_footer(line) {
                    for m in from_row.drain(..) {
                        if let Some(s) = post.metrics.slot(m) {
                            *s = None;
                        }
                    }
                }
                if let Some(first) = first {
                    if !pairs.iter().any(|p| p.1 == first) {
                        post.metrics.likes.get_or_insert(first);
                    }
                }
                for (m, v, _) in pairs {
                    if let Some(s) = post.metrics.slot(m) {
                        s.get_or_insert(v);
                    }
                }
                in_footer = true;
                metrics_rect = Some(metrics_rect.map_or(line.rect, |r| r.union(&line.rect)));
                bbox = bbox.union(&line.rect);
                continue;
            }
            // Platforms with an icon row of counts: a doubtful line of several words with
            // digits, right under the text, is that row read as letters ("O4ime | Q552 554").
            let doubtful_row = !prof.slots.is_empty()
                && line.conf() <= 60.0
                && line.words.len() >= 3
                && line.text().chars().any(|c| c.is_ascii_digit());
            let short_row =
                !prof.slots.is_empty() && !body.is_empty() && is_short_icon_row(line, &body);
            if (is_action_row(line) || is_count_row(line) || doubtful_row || short_row)
                && !body.is_empty()
            {
                let left = body.iter().map(|l| l.rect.x).fold(f32::MAX, f32::min) - line.height();
                let slots = icons::read_row(
                    page.rgb,
                    page.layout.background,
                    line,
                    left,
                    page.layout.width as f32,
                    super::anchored::body_height(&body),
                    counts,
                );
                for (i, s) in slots.iter().enumerate() {
                    if let (Some(name), Some((_, v))) = (prof.slots.get(i), &s.count) {
                        if let Some(slot) = post.metrics.slot(name).filter(|s| s.is_none()) {
                            *slot = Some(*v);
                            from_row.push(name);
                        }
                    }
                }
                in_footer = true;
                metrics_rect = Some(metrics_rect.map_or(line.rect, |r| r.union(&line.rect)));
                bbox = bbox.union(&line.rect);
                continue;
            }
            if in_footer {
                continue;
            }
            // A row of big icons under the post (a mobile app's tab bar: "⌂ 🔍 ✎ ♡ 👤" read
            // as "VAS Y"): a line twice as tall as the text's, that Tesseract doubts, is not
            // text (a line of text with a big emoji in it still reads surely).
            if !body.is_empty() && is_icon_bar(line, &body) {
                in_footer = true;
                continue;
            }
            if let Some(prev) = body.last() {
                if line.rect.y - prev.rect.bottom() > 2.6 * line.height().max(1.0) {
                    in_footer = true;
                    continue;
                }
            }
            confs.extend(line.words.iter().map(|w| w.conf));
            bbox = bbox.union(&line.rect);
            body.push(line);
        }
        let text = reflow(&body)
            .lines()
            .map(strip_trailing_chrome)
            .collect::<Vec<_>>()
            .join("\n");
        if text.is_empty() && post.metrics.is_empty() {
            continue;
        }
        set_text(&mut post, text);
        post.author = Author {
            name: h.name.clone(),
            handle: h.handle.clone(),
            verified: None,
            badge: None,
        };
        if prof.badges {
            if let Some(r) = h.name_rect {
                let b = super::x::badge_colour(page.rgb, r, lines[h.first].height(), None);
                post.author.verified = Some(b.is_some());
                post.author.badge = b.map(str::to_string);
            }
        }
        post.timestamp =
            h.ts.as_ref()
                .and_then(|(t, _)| timestamp::parse(&timestamp::display_text(t), page.now));
        let mean = confs.iter().sum::<f32>() / confs.len().max(1) as f32;
        post.confidence = (mean / 100.0 * 100.0).round() / 100.0;
        post.bbox = bbox.to_u32();
        post.boxes = FieldBoxes {
            author: h.name_rect.map(|r| r.to_u32()),
            handle: None,
            timestamp: h.ts.as_ref().map(|t| t.1.to_u32()),
            text: body
                .iter()
                .map(|l| l.rect)
                .reduce(|a, b| a.union(&b))
                .map(|r| r.to_u32()),
            metrics: metrics_rect.map(|r| r.to_u32()),
        };
        posts.push(post);
    }
    posts
}

/// Line fixtures for the named platforms' tests: words laid out left to right from `x`.
#[cfg(test)]
pub(crate) mod fixture {
    use crate::layout::{LWord, Line, Tone};
    use crate::ocr::Rect;

    pub fn line(x: f32, y: f32, h: f32, words: &[(&str, Tone)]) -> Line {
        let mut at = x;
        let ws: Vec<LWord> = words
            .iter()
            .map(|(t, tone)| {
                let w = 0.55 * h * t.chars().count() as f32;
                let word = LWord {
                    text: t.to_string(),
                    rect: Rect { x: at, y, w, h },
                    conf: 90.0,
                    tone: *tone,
                    ink: [0, 0, 0],
                    contrast: 200.0,
                    density: 0.3,
                    pictorial: 0.0,
                };
                at += w + 0.35 * h;
                word
            })
            .collect();
        Line::from_words(ws)
    }

    /// All words in one tone.
    pub fn plain(x: f32, y: f32, h: f32, text: &str, tone: Tone) -> Line {
        let ws: Vec<(&str, Tone)> = text.split_whitespace().map(|w| (w, tone)).collect();
        line(x, y, h, &ws)
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{line, plain};
    use super::*;
    use crate::layout::Tone::{Grey, Primary};

    #[test]
    fn a_hidden_score_shows_vote_and_no_count() {
        // Reddit's comment row while the score is hidden, as read (the up arrow read "4}").
        let hidden = line(
            37.0,
            135.0,
            11.0,
            &[
                ("4}", Grey),
                ("Vote", Primary),
                ("db", Grey),
                ("Reply", Grey),
                ("Share", Grey),
            ],
        );
        assert!(is_button_row(&hidden));
        assert_eq!(button_row_count(&hidden), None);
        let shown = plain(37.0, 135.0, 11.0, "4} 275 db Reply Share", Grey);
        assert_eq!(button_row_count(&shown), Some(275));
    }

    #[test]
    fn dark_time_line_in_text_colour_is_a_header() {
        // facebook_desktop_dark_en (JPEG): the time line came out in the text colour.
        let lines = [
            plain(244.0, 97.0, 34.0, "Emily Johnson", Primary),
            plain(1219.0, 128.0, 34.0, "eco х", Primary),
            plain(244.0, 158.0, 29.0, "13 November at 09:13 - @", Primary),
            plain(
                99.0,
                227.0,
                36.0,
                "Congratulations to @NASA and @SpaceX on",
                Primary,
            ),
        ];
        let heads = find_heads(&lines, None);
        assert_eq!(heads.len(), 1);
        assert_eq!(heads[0].name.as_deref(), Some("Emily Johnson"));
        assert_eq!(
            timestamp::display_text(&heads[0].ts.as_ref().unwrap().0),
            "13 November at 09:13"
        );
        assert_eq!(heads[0].last, 2);
    }

    #[test]
    fn text_line_opening_with_a_time_is_not_a_header() {
        // A body line that starts with "14:20" under a short line stays body.
        let lines = [
            plain(99.0, 227.0, 35.0, "A quick update on the outage", Primary),
            plain(
                99.0,
                267.0,
                35.0,
                "14:20 UTC. The root cause was a DNS record",
                Primary,
            ),
        ];
        assert!(find_heads(&lines, None).is_empty());
        // Nor one whose time word has the text going on after it, the mention in the accent
        // colour making the line's tone mixed (threads_below_mobile_light_en, seed 79).
        let mut today = plain(64.0, 128.0, 12.0, "today with @Stevewitkoff.", Primary);
        today.words[2].tone = Tone::Accent;
        let lines = [
            plain(
                65.0,
                107.0,
                11.0,
                "billion in opportunities. Good meetings",
                Primary,
            ),
            today,
        ];
        assert!(find_heads(&lines, None).is_empty());
    }

    #[test]
    fn username_after_an_icon_row_opens_a_post() {
        // threads_inline_dark_ru: the second header's "2 ч" read as "Dy".
        let lines = [
            line(
                116.0,
                27.0,
                17.0,
                &[("maria.travels", Primary), ("33", Grey), ("мин", Grey)],
            ),
            plain(
                117.0,
                70.0,
                18.0,
                "Минфин разместил ОФЗ на 112 млрд рублей",
                Primary,
            ),
            plain(
                118.0,
                155.0,
                18.0,
                "02 49 тыс. Q 8,8 тыс. З 18 тыс. <",
                Primary,
            ),
            plain(116.0, 243.0, 18.0, "zuck @ Dy", Primary),
            plain(957.0, 246.0, 7.0, "ee", Primary),
            plain(
                115.0,
                281.0,
                22.0,
                "Доброе утро! В Петербурге снова дождь",
                Primary,
            ),
        ];
        let known = find_heads(&lines, None);
        assert_eq!(known.len(), 1);
        let more = username_heads(&lines, &known);
        assert_eq!(more.len(), 1);
        assert_eq!((more[0].first, more[0].name.as_deref()), (3, Some("zuck")));
        assert_eq!(more[0].last, 4);
    }

    #[test]
    fn usernames_over_reply_like_lines_open_posts_without_their_times() {
        // threads_below_mobile_dark_en (JPEG q80): both header times misread ("11h" as "1ih",
        // "1h ⋯" as "Abe"); counts in words under the icons. The first line of the page and
        // the line after "104 replies - 1.2K likes" open the two posts.
        let lines = [
            line(
                64.0,
                18.0,
                11.0,
                &[("zuck", Primary), ("@", Grey), ("1ih", Grey)],
            ),
            plain(
                65.0,
                44.0,
                11.0,
                "Bitcoin falls below $90,000 for the first",
                Primary,
            ),
            plain(65.0, 107.0, 11.0, "in 24 hours.", Primary),
            plain(66.0, 136.0, 17.0, "9 Qs FV", Primary),
            plain(65.0, 169.0, 10.0, "104 replies - 1.2K likes", Grey),
            line(63.0, 213.0, 11.0, &[("sam.codes", Primary), ("Abe", Grey)]),
            plain(
                64.0,
                240.0,
                11.0,
                "Three things every API should have:",
                Primary,
            ),
            plain(65.0, 365.0, 10.0, "6.5K replies - 37K likes", Grey),
        ];
        let known = find_heads(&lines, None);
        assert!(known.is_empty());
        let heads = username_heads(&lines, &known);
        let got: Vec<_> = heads.iter().map(|h| (h.first, h.name.as_deref())).collect();
        assert_eq!(got, [(0, Some("zuck")), (5, Some("sam.codes"))]);
        // A user name after a line of text is no header.
        let mut mid = lines.to_vec();
        mid.remove(4);
        let got: Vec<_> = username_heads(&mid, &[]).iter().map(|h| h.first).collect();
        assert_eq!(got, [0]);
    }

    #[test]
    fn a_vote_arrow_read_as_a_digit_is_no_score() {
        // realworld 033 (Reddit comment, dark): the up arrow read as "4>".
        let l = plain(
            35.0,
            141.0,
            11.0,
            "4> 275 Lb OC) Reply Share Report Save",
            Grey,
        );
        assert_eq!(button_row_count(&l), Some(275));
        // A score glued to its arrow alone still counts.
        let l = plain(35.0, 141.0, 11.0, "⇧12 Reply Share", Grey);
        assert_eq!(button_row_count(&l), Some(12));
    }

    #[test]
    fn counts_in_words_overrule_icons_read_as_digits() {
        // threads_below_mobile_dark_en (seed 61, scale 1.5, JPEG q75): the icon row "♡ 💬 🔁 ➤"
        // with no counts, its repost icon read as "94"; "929 replies · 6.5K likes" under it.
        use image::{Rgb, RgbImage};
        let mut img = RgbImage::from_pixel(400, 220, Rgb([255, 255, 255]));
        let mut fill = |x0: u32, w: u32, y0: u32, h: u32| {
            for x in x0..x0 + w {
                for y in y0..y0 + h {
                    img.put_pixel(x, y, Rgb([0, 0, 0]));
                }
            }
        };
        // Icons 18 px tall, and one short blob after the third that reads as a count.
        for x in [20, 60, 100, 160] {
            fill(x, 18, 141, 18);
        }
        fill(124, 14, 145, 10);
        let layout = crate::layout::Layout {
            lines: vec![
                line(20.0, 10.0, 12.0, &[("zuck", Primary), ("5h", Grey)]),
                plain(
                    20.0,
                    40.0,
                    12.0,
                    "What a match. 2-1 after extra time",
                    Primary,
                ),
                plain(
                    20.0,
                    60.0,
                    12.0,
                    "and that save in the 118th minute",
                    Primary,
                ),
                line(
                    20.0,
                    143.0,
                    14.0,
                    &[("9", Primary), ("Qn", Primary), ("94", Primary)],
                ),
                plain(20.0, 180.0, 11.0, "929 replies - 6.5K likes", Grey),
            ],
            width: 400,
            height: 220,
            background: [255, 255, 255],
        };
        let page = Page {
            layout: &layout,
            rgb: &img,
            now: None,
        };
        struct Reads94;
        impl CountReader for Reads94 {
            fn read_count(&mut self, _: Rect) -> Option<String> {
                Some("94".into())
            }
        }
        let style = Style {
            profile: crate::posts::threads::PROFILE,
            handle_prefix: None,
            footer: footer_as_is,
            username_after_footer: true,
            button_count: None,
        };
        let heads = find_heads(&layout.lines, None);
        let posts = extract_from(&page, &mut Reads94, &style, &heads);
        assert_eq!(posts.len(), 1);
        let m = &posts[0].metrics;
        assert_eq!(
            (m.replies, m.likes, m.reposts),
            (Some(929), Some(6500), None)
        );
    }

    #[test]
    fn menu_read_as_a_line_of_its_own_stays_in_the_header() {
        // threads_inline_dark_ru: the "…" right of the time came out as a line "ee" that y
        // order puts between the header and the text.
        let lines = [
            line(116.0, 243.0, 18.0, &[("zuck", Primary), ("@", Primary)]),
            plain(957.0, 246.0, 7.0, "ee", Primary),
            plain(
                115.0,
                281.0,
                22.0,
                "Доброе утро! В Петербурге снова дождь",
                Primary,
            ),
        ];
        let mut lines = lines.to_vec();
        let time = line(880.0, 243.0, 18.0, &[("2", Grey), ("ч", Grey)]);
        lines[0].words.extend(time.words);
        lines[0].rect = lines[0].rect.union(&time.rect);
        let heads = find_heads(&lines, None);
        assert_eq!(heads.len(), 1);
        assert_eq!((heads[0].first, heads[0].last), (0, 1));
    }

    #[test]
    fn a_tab_bar_under_the_last_post_is_not_text() {
        // 027-threads (real, dark): the app's tab bar read as "VAS Y" (h 78 under text of h 39).
        let text = plain(188.0, 1328.0, 39.0, "Hello World", Primary);
        let mut bar = plain(181.0, 1428.0, 78.0, "VAS Y", Primary);
        bar.words[0].conf = 43.0;
        bar.words[1].conf = 55.0;
        assert!(is_icon_bar(&bar, &[&text]));
        // A line of text with a big emoji in it reads surely.
        let mut big = plain(188.0, 1380.0, 78.0, "Congratulations to everyone", Primary);
        big.words[0].conf = 40.0;
        assert!(!is_icon_bar(&big, &[&text]));
    }

    #[test]
    fn an_icon_row_with_few_counts_is_told_by_its_height() {
        // threads_inline_dark_en (seed 18): "♡ 10  💬  🔁 2  ➤" read as "Ow Q 62 F", icons
        // 17 px tall under text of 11 px.
        let text = plain(
            72.0,
            219.0,
            11.0,
            "filtered tokens can match models",
            Primary,
        );
        let row = plain(74.0, 271.0, 17.0, "Ow Q 62 F", Primary);
        assert!(is_short_icon_row(&row, &[&text]));
        // A line of short words at the text's height is text.
        let short = plain(72.0, 240.0, 11.0, "по 10 кг", Primary);
        assert!(!is_short_icon_row(&short, &[&text]));
    }

    #[test]
    fn icon_row_in_text_colour() {
        let row = plain(
            118.0,
            155.0,
            18.0,
            "02 49 тыс. Q 8,8 тыс. З 18 тыс. <",
            Primary,
        );
        assert!(is_count_row(&row));
        let text = plain(
            118.0,
            100.0,
            18.0,
            "Спрос превысил 2 раза и 3 тыс. рублей",
            Primary,
        );
        assert!(!is_count_row(&text));
        // threads_inline_mobile_light_ru (dev set): "тыс." read by the Latin model as
        // "TbIC.", and out of order with its count.
        let row = plain(66.0, 203.0, 13.0, "o TbIC. 6,7 Q TbIC. 1,6 12 © V", Primary);
        assert!(is_count_row(&row));
        let text = plain(66.0, 100.0, 13.0, "Total 12 items and 3 more", Primary);
        assert!(!is_count_row(&text));
    }

    #[test]
    fn reddit_header_with_icons_after_the_time() {
        let lines = [plain(
            9.0,
            0.0,
            11.0,
            "Posted by u/rollneers02 14 hours ago @ & LN",
            Grey,
        )];
        let heads = find_heads(&lines, Some("u/"));
        assert_eq!(heads.len(), 1);
        assert_eq!(heads[0].handle.as_deref(), Some("u/rollneers02"));
        assert_eq!(heads[0].ts.as_ref().unwrap().0, "14 hours ago");
    }
}
