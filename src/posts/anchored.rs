//! The shared extractor for platforms whose posts open with a header naming the author by
//! handle (X, Bluesky, Mastodon, and unknown ones shaped alike).
//!
//! A header is a line holding a handle that is not in link colour (body mentions are blue, the
//! author's handle is grey), with the display name before it on the same line ("Name @h · 2h",
//! timeline) or on the line above (post detail). Each header opens a post that runs to the
//! next one. A header indented differently from the post it follows, after that post's text,
//! is a quoted post. Inside a post, lines are read in order: repost/pinned headers, "Replying
//! to", body text, then the footer (timestamp line, labelled counts, icon row).

use super::fields::author::{
    clean_handle, clean_name, count_read_as_handle, zero_inside_user_name,
};
use super::fields::metrics::{
    label_metric, labelled_counts, number_disagrees, parse_count, parse_count_tokens,
};
use super::fields::text::{is_chrome, is_link_chrome, reflow, set_text, strip_trailing_chrome};
use super::fields::timestamp;
use super::{CountReader, Page, Profile, icons};
use crate::layout::{LWord, Line, Tone};
use crate::ocr::Rect;
use crate::record::{Author, FieldBoxes, Metrics, Post, Timestamp};

/// A post header found on the page.
#[derive(Debug, Clone)]
pub struct Header {
    /// Index of the first header line (the name line in detail layouts).
    pub first: usize,
    /// Index of the last header line (the handle line).
    pub last: usize,
    pub name: Option<String>,
    pub name_rect: Option<Rect>,
    /// The name's words and boxes, for dropping emoji and badges read as letters.
    pub name_words: Vec<(String, Rect)>,
    pub handle: Option<String>,
    pub handle_rect: Option<Rect>,
    pub timestamp: Option<(String, Rect)>,
    /// Left edge of the header text.
    pub left: f32,
    /// Whether name, handle and time share one line.
    pub one_line: bool,
}

const REPLYING: &[&str] = &[
    "replying to",
    "в ответ",
    "ответ пользователю",
    "у відповідь",
    "відповідь",
    "antwort an",
];
const REPOST_HEADER: &[&str] = &[
    "reposted",
    "retweeted",
    "pinned",
    "закреплено",
    "закреплён",
    "закріплено",
    "репостнул",
    "сделал репост",
    "зробив репост",
    "boosted",
    "reposted by",
    "hat repostet",
    "angeheftet",
];

fn starts_with_any(text: &str, phrases: &[&str]) -> bool {
    let l = text.to_lowercase();
    phrases.iter().any(|p| l.starts_with(p))
}

fn contains_any(text: &str, phrases: &[&str]) -> bool {
    let l = text.to_lowercase();
    phrases.iter().any(|p| l.contains(p))
}

/// Finds the headers on the page.
pub fn headers(lines: &[Line]) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::new();
    // The page's text size: a handle is set in it, so a "handle" two and a half times as tall
    // is an icon read as letters ("@D" for a side menu's bell).
    let text_h = crate::layout::median_height(lines).unwrap_or(f32::MAX);
    for (i, line) in lines.iter().enumerate() {
        let text = line.text();
        if starts_with_any(&text, REPLYING) || contains_any(&text, REPOST_HEADER) {
            continue;
        }
        let found = line.words.iter().take(8).position(|w| {
            w.tone != Tone::Accent && clean_handle(&w.text).is_some_and(|h| h.len() >= 2)
        });
        // "Оксана Коваль Woksana_koval · 19 лист.": the "@" read as a letter.
        let misread = match found {
            Some(_) => None,
            None => misread_at_handle(&line.words),
        };
        let Some(k) = found.or(misread.as_ref().map(|m| m.0)) else {
            continue;
        };
        let h = line.height();
        let hw = &line.words[k];
        if hw.rect.h > 2.5 * text_h {
            continue;
        }
        // An embedded post's heart and count read as "@21K", first on its row: no header.
        if k == 0 && misread.is_none() && count_read_as_handle(&hw.text) {
            continue;
        }
        // A header's handle is followed by the time and a menu at most; a handle with running
        // text after it is a mention the colour test missed ("Thank you, @business, for the
        // balanced coverage"); so is a handle with a comma or a sentence's end glued on
        // ("…with @SteveWitkoff."), as a header's handle is followed by its "·" separator or
        // nothing, and no handle ends in a full stop (a "·" read as "." has the time after it).
        let rest: Vec<&LWord> = line.words[k + 1..].iter().collect();
        if is_mention_in_text(&rest)
            || (is_mention_at_sentence_end(&hw.text) && leading_timestamp(&rest).is_none())
            || mentions_in_a_sentence(&line.words[..k], &rest)
        {
            continue;
        }
        let (handle, k_end, glued) = match (&misread, joined_handle(&line.words, k)) {
            (Some((_, fixed)), _) => (Some(fixed.clone()), k, String::new()),
            (None, Some((joined, end, glued))) => (Some(joined), end, glued),
            (None, None) => (clean_handle(&hw.text), k, String::new()),
        };
        let (handle, glued) = match handle.as_deref().and_then(split_glued_time) {
            Some((h, tail)) if glued.is_empty() => (Some(h), tail),
            _ => (handle, glued),
        };
        let handle = match handle {
            Some(h) if hw.conf < 75.0 => Some(zero_inside_user_name(&h)),
            h => h,
        };
        let mut first = i;
        // With the handle first on its line, the name is on the line above, left-aligned with
        // it. A line between them far to the right is the time (Mastodon's timeline puts it at
        // the top right, level with the name, and the OCR may split it off).
        let mut side_ts: Option<(String, Rect)> = None;
        // A detail view's name and handle rows the layout merged into one line (a "Follow"
        // button level with both bridges them): the words above the handle are the name.
        let row_above: Vec<&LWord> = line
            .words
            .iter()
            .filter(|w| hw.rect.cy() - w.rect.cy() > 0.6 * hw.rect.h)
            .collect();
        let (name_words, one_line): (Vec<&LWord>, bool) = if !row_above.is_empty() {
            (row_above, false)
        } else if k > 0 {
            (line.words[..k].iter().collect(), true)
        } else {
            let above = |j: usize| {
                lines[j].col == line.col
                    && out.last().is_none_or(|p| p.last < j)
                    && line.rect.y - lines[j].rect.bottom() < 1.2 * h
            };
            let aligned = |j: usize| (lines[j].rect.x - line.rect.x).abs() < 2.0 * h;
            let right_of = |j: usize| lines[j].rect.x > line.rect.right() + 2.0 * h;
            // An avatar's initials or logo letters ("B"), read as a line of their own between
            // the name and the handle rows: short, and all of it left of the handle column.
            // The layout may join them with the "Follow" / "Читать" button level with them,
            // far right of the handle: such words are no part of the avatar's text.
            let avatar_text = |j: usize| {
                let button = |w: &LWord| w.rect.x > line.rect.right() + 2.0 * h;
                let logo: Vec<&LWord> = lines[j].words.iter().filter(|w| !button(w)).collect();
                !logo.is_empty()
                    && logo.iter().all(|w| w.rect.right() < line.rect.x - 0.2 * h)
                    && logo
                        .iter()
                        .flat_map(|w| w.text.chars())
                        .filter(|c| !c.is_whitespace())
                        .count()
                        <= 3
            };
            // Lines far right of the handle between it and the name: the time, a "Follow"
            // button, the "…" menu (up to two of them).
            let skip_right = |from: usize| {
                let mut j = from;
                while j > 0 && from - j < 2 && above(j) && right_of(j) {
                    j -= 1;
                }
                j
            };
            let name_line = match i {
                0 => None,
                _ if above(i - 1) && aligned(i - 1) => Some(i - 1),
                1 => None,
                _ if above(i - 1) && right_of(i - 1) && above(i - 2) && aligned(i - 2) => {
                    let ws: Vec<&LWord> = lines[i - 1].words.iter().collect();
                    side_ts = leading_timestamp(&ws).or_else(|| split_trailing_timestamp(&ws).1);
                    Some(i - 2)
                }
                _ if avatar_text(i - 1) && above(i - 2) && aligned(i - 2) => Some(i - 2),
                _ if skip_right(i - 1) + 3 == i && above(i - 3) && aligned(i - 3) => {
                    let ws: Vec<&LWord> = lines[i - 1].words.iter().collect();
                    side_ts = leading_timestamp(&ws).or_else(|| split_trailing_timestamp(&ws).1);
                    if side_ts.is_none() {
                        let ws: Vec<&LWord> = lines[i - 2].words.iter().collect();
                        side_ts =
                            leading_timestamp(&ws).or_else(|| split_trailing_timestamp(&ws).1);
                    }
                    Some(i - 3)
                }
                _ => None,
            };
            match name_line {
                Some(j) => {
                    first = j;
                    (lines[j].words.iter().collect(), false)
                }
                // A handle opening the line right under another post's header is that post's
                // text, a reply starting with its mention ("@amic may your day…", as old X
                // and Mastodon replies do): a header is never directly followed by another.
                None if prev_header_right_above(lines, out.last(), i, h) => continue,
                None => (vec![], false),
            }
        };
        // Name line may end with the time (Mastodon "Name · 2h", Threads).
        let (name_words, name_ts) = split_trailing_timestamp(&name_words);
        // A name is one run of words: what stands far right of it on its line is something
        // else (the X logo of an embedded post, a "Follow" button).
        let name_words = first_run(name_words, 2.5 * h);
        let name_strs: Vec<&str> = name_words.iter().map(|w| w.text.as_str()).collect();
        let name = clean_name(&name_strs);
        let name_rect = rect_of(&name_words);
        let after: Vec<&LWord> = line.words[k_end + 1..]
            .iter()
            .filter(|w| (w.rect.cy() - hw.rect.cy()).abs() <= 0.6 * hw.rect.h)
            .collect();
        let ts = leading_timestamp(&after)
            .or(name_ts)
            .or(side_ts)
            .or_else(|| glued_hour(&after, &line.text()))
            .or_else(|| glued_time(&glued, &line.text(), line.words[k_end].rect))
            .or_else(|| time_at_right(lines, i, h));
        // What stands level with the handle row, far right of it, is the header's chrome
        // (a "Follow" / "Читати" button, the "…" menu), not the start of the text.
        let mut last = i;
        while lines.get(last + 1).is_some_and(|l| {
            l.col == line.col
                && (l.rect.cy() - line.rect.cy()).abs() < 0.8 * h
                && l.rect.x > line.rect.right() + 2.0 * h
        }) {
            last += 1;
        }
        out.push(Header {
            first,
            last,
            name,
            name_rect,
            name_words: name_words
                .iter()
                .map(|w| (w.text.clone(), w.rect))
                .collect(),
            handle,
            handle_rect: Some(hw.rect),
            timestamp: ts,
            left: name_words.first().map(|w| w.rect.x).unwrap_or(hw.rect.x),
            one_line,
        });
    }
    out
}

/// X's one-line header "Name @handle · time" whose "@" the OCR read as a letter or sign
/// ("Woksana_koval", "©ibondarenko"): a grey word after the name, of a letter or sign that
/// stands for the "@" and then handle characters with an underscore or digit (which names do
/// not hold), followed by the header's separator and time. Returns its index and the handle.
fn misread_at_handle(words: &[LWord]) -> Option<(usize, String)> {
    (1..words.len().min(8)).find_map(|k| {
        let w = &words[k];
        let mut cs = w.text.chars();
        let first = cs.next()?;
        let body: String = cs
            .as_str()
            .trim_end_matches(|c: char| is_sep(&c.to_string()))
            .to_string();
        let handle_chars = body.chars().count() >= 4
            && body.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && body.chars().any(|c| c == '_' || c.is_ascii_digit())
            && body.starts_with(|c: char| c.is_ascii_alphanumeric());
        let rest: Vec<&LWord> = words[k + 1..].iter().collect();
        let timed = leading_timestamp(&rest).is_some();
        (matches!(first, 'W' | 'Q' | 'G' | '©' | '®' | '&' | '@')
            && handle_chars
            && w.tone == Tone::Grey
            && timed
            && words[k - 1].tone != Tone::Grey)
            .then(|| (k, format!("@{body}")))
    })
}

/// A badge drawn in the text colour (X's Android app in its dark themes: a white rosette with
/// the check cut out), which the OCR reads as a sign ("@") after the name. Told from a real
/// sign or a monochrome emoji by shape: as tall as the name's letters, about square, mostly
/// filled (an "@" is not), and with background inside (the check; a dot or disc has none).
fn text_colour_badge(page: &Page, h: &Header) -> Option<&'static str> {
    let [.., (prev, pr), (last, r)] = h.name_words.as_slice() else {
        return None;
    };
    if last.chars().count() > 2 || last.chars().any(char::is_alphanumeric) {
        return None;
    }
    let line = &page.layout.lines[h.first];
    let ink = line
        .words
        .iter()
        .find(|w| w.text == *prev && w.rect.x == pr.x)?
        .ink;
    let bg = page.layout.background;
    let dist = |a: [u8; 3], b: [u8; 3]| {
        (0..3)
            .map(|c| (f32::from(a[c]) - f32::from(b[c])).abs())
            .sum::<f32>()
    };
    let span = dist(ink, bg);
    if span < 150.0 {
        return None;
    }
    let (iw, ih) = page.rgb.dimensions();
    let (x0, y0) = (r.x.max(0.0) as u32, r.y.max(0.0) as u32);
    let (x1, y1) = ((r.right() as u32).min(iw), (r.bottom() as u32).min(ih));
    let is_ink = |x: u32, y: u32| dist(page.rgb.get_pixel(x, y).0, bg) > 0.6 * span;
    let (mut bx0, mut by0, mut bx1, mut by1, mut n) = (u32::MAX, u32::MAX, 0, 0, 0u32);
    for y in y0..y1 {
        for x in x0..x1 {
            if is_ink(x, y) {
                (bx0, by0, bx1, by1) = (bx0.min(x), by0.min(y), bx1.max(x), by1.max(y));
                n += 1;
            }
        }
    }
    if n == 0 {
        return None;
    }
    let (bw, bh) = ((bx1 - bx0 + 1) as f32, (by1 - by0 + 1) as f32);
    let fill = n as f32 / (bw * bh);
    let square = (0.8..=1.25).contains(&(bw / bh));
    // Background inside the middle third: the check.
    let (cx0, cx1) = (bx0 + (bw / 3.0) as u32, bx0 + (2.0 * bw / 3.0) as u32);
    let (cy0, cy1) = (by0 + (bh / 3.0) as u32, by0 + (2.0 * bh / 3.0) as u32);
    let holes = (cy0..cy1)
        .flat_map(|y| (cx0..cx1).map(move |x| (x, y)))
        .filter(|&(x, y)| !is_ink(x, y))
        .count() as f32;
    let middle = ((cx1 - cx0) * (cy1 - cy0)).max(1) as f32;
    let light = crate::load::luma(ink[0], ink[1], ink[2]) > 128.0;
    (square && bh >= 0.8 * pr.h && fill > 0.6 && holes > 0.08 * middle && holes < 0.6 * middle)
        .then_some(if light { "white" } else { "black" })
}

/// A time standing alone far right of header line `i`, level with it (Mastodon puts the time
/// at the card's top right; the OCR makes it a line of its own, often of another column).
fn time_at_right(lines: &[Line], i: usize, h: f32) -> Option<(String, Rect)> {
    let line = &lines[i];
    lines
        .iter()
        .filter(|l| {
            l.rect.x > line.rect.right() + 2.0 * h
                && (l.rect.cy() - line.rect.cy()).abs() < 0.6 * h
                && l.words.len() <= 4
                && l.tone() != Tone::Primary
        })
        .min_by(|a, b| a.rect.x.total_cmp(&b.rect.x))
        .filter(|l| timestamp::is_timestamp(&l.text()))
        .map(|l| (l.text(), l.rect))
}

/// The previous header ends on the line right above line `i`, in its column, with no more
/// than a line's gap between them.
fn prev_header_right_above(lines: &[Line], prev: Option<&Header>, i: usize, h: f32) -> bool {
    let Some(p) = prev else {
        return false;
    };
    let (above, line) = (&lines[p.last], &lines[i]);
    let between = (p.last + 1..i)
        .any(|j| lines[j].col == line.col && lines[j].rect.y >= above.rect.bottom() - 0.3 * h);
    !between
        && above.col == line.col
        && line.rect.y > above.rect.y
        && line.rect.y - above.rect.bottom() < 1.2 * h
}

/// "Read 3.1K replies", "Читать ответы (2,8 тыс.)", "Читати відповіді (131)": the button
/// under an embedded X post, which tells its reply count.
fn read_replies_button(text: &str) -> Option<u64> {
    let lower = text.to_lowercase();
    if !["read ", "читать ", "читати "]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return None;
    }
    let toks: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| matches!(c, '(' | ')')))
        .filter(|t| !t.is_empty())
        .collect();
    if !toks.iter().any(|t| label_metric(t) == Some("replies")) {
        return None;
    }
    (0..toks.len()).find_map(|i| {
        let two = toks.get(i..i + 2).and_then(parse_count_tokens);
        two.or_else(|| parse_count_tokens(&toks[i..i + 1]))
            .map(|(v, _)| v)
    })
}

/// The words up to the first gap wider than `gap`.
fn first_run(words: Vec<&LWord>, gap: f32) -> Vec<&LWord> {
    let end = (1..words.len())
        .find(|&i| words[i].rect.x - words[i - 1].rect.right() > gap)
        .unwrap_or(words.len());
    words[..end].to_vec()
}

/// True when the words after a handle on its line read as running text rather than a post
/// header's tail: more than three words follow it and they do not open with a time.
/// A handle with punctuation glued on that only running text puts there: a comma, a
/// semicolon, or a sentence's end ("@SteveWitkoff.", "@anna!"). A header's handle stands
/// alone ("@anna", "@anna@server", "@anna.bsky.social") or before its "·"; a plain handle
/// holds no ".", so one at its end is the sentence's.
fn is_mention_at_sentence_end(word: &str) -> bool {
    let w = word.trim_end_matches(['"', '\'', '»', '”', ')']);
    // (A domain handle cut short ends in a "." that is its "…": "@aliceisjustplaying.bs.".)
    let stop = w
        .strip_suffix('.')
        .is_some_and(|h| !h.contains('.') && !h.ends_with('…'));
    w.ends_with([',', ';', '!', '?']) || stop
}

/// A handle inside a sentence that names several accounts ("Meet the team, @alex.bsky.team &
/// @jimray.bsky.team, who…"): a header shows one handle, after a name, and a name does not
/// end in a comma; so another handle after this one on its row, or a comma closing the words
/// before it, makes it a mention. ("Replying to @a and @b" lines never get here.)
fn mentions_in_a_sentence(before: &[LWord], rest: &[&LWord]) -> bool {
    let another = rest
        .iter()
        .take(3)
        .any(|w| clean_handle(&w.text).is_some_and(|h| h.len() >= 2));
    // (A word of letters: an emoji after a name reads as "a,".)
    let comma = before.last().is_some_and(|w| {
        w.text.ends_with(',') && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
    });
    another || comma
}

fn is_mention_in_text(rest: &[&LWord]) -> bool {
    let wordy = rest
        .iter()
        .filter(|w| w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    wordy > 3 && leading_timestamp(rest).is_none()
}

/// "@bank of_russia ·", "@bank of _russia-", "@a voronin-24": the OCR read an underscore of
/// the handle as a space. Words after the handle word at `k` are joined to it while they sit
/// close after it, are made of handle characters (up to a separator glued on), hold an
/// underscore or are grey as handles are, and are no time; the handle ends at a separator
/// (glued on or next) or the line's end, as "@handle · time" does, and an underscore or a
/// glued-on separator must show the words are one. Returns the handle,
/// the index of its last word and what was glued after that word's separator ("24").
fn joined_handle(words: &[LWord], k: usize) -> Option<(String, usize, String)> {
    let mut text = words[k].text.clone();
    let mut underscore = false;
    for j in k + 1..words.len().min(k + 3) {
        let next = &words[j];
        let cut = next
            .text
            .find(['-', '·', ':', ','])
            .unwrap_or(next.text.len());
        let (piece, tail) = next.text.split_at(cut);
        let handle_chars =
            !piece.is_empty() && piece.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let prev = &words[j - 1];
        let close = next.rect.x - prev.rect.right() < 0.8 * prev.rect.h;
        let handle_like = piece.contains('_') || next.tone == Tone::Grey;
        if !(handle_chars && close && handle_like) || timestamp::is_timestamp(piece) {
            return None;
        }
        text = format!(
            "{}_{}",
            text.trim_end_matches('_'),
            piece.trim_start_matches('_')
        );
        underscore |= piece.contains('_');
        let ends = !tail.is_empty()
            || words
                .get(j + 1)
                .is_none_or(|w| is_sep(&w.text) || w.text.starts_with(['·', '-', '•']));
        // Without an underscore read, only a separator glued on shows the words are one
        // handle ("voronin-24"); "@anna writes" stays apart.
        if ends && (underscore || !tail.is_empty()) {
            let glued = tail.trim_start_matches(['-', '·', ':', ',']).to_string();
            return clean_handle(&text).map(|h| (h, j, glued));
        }
    }
    None
}

/// An X handle with the time glued on after its separator ("@jameswu_md-2ч" for "@jameswu_md
/// · 2 ч"): X handles hold letters, digits and "_" only, so a '-' ends one. Handles of other
/// forms (with a '.' or a server) keep theirs. Returns the handle and what follows the '-'.
fn split_glued_time(handle: &str) -> Option<(String, String)> {
    if handle[1..].contains(['.', '@']) {
        return None;
    }
    let (h, tail) = handle.split_once('-')?;
    (h.len() >= 3).then(|| (h.to_string(), tail.to_string()))
}

/// The time in what was glued after a handle: a time as it reads ("2ч"), or a Russian hour
/// whose "ч" read as a "4" ("24" for "2 ч", on a line with Cyrillic letters).
fn glued_time(tail: &str, line_text: &str, rect: Rect) -> Option<(String, Rect)> {
    if tail.is_empty() {
        return None;
    }
    if timestamp::is_timestamp(tail) {
        return Some((tail.to_string(), rect));
    }
    hour_read_as_four(tail, line_text).map(|t| (t, rect))
}

/// "@ru_rbc · 14": a bare number where a Russian header shows its age is "1 ч" with the "ч"
/// read as a "4" and glued on. Only on a line with Cyrillic letters (the name), as English
/// ages keep their letter ("1h") and Ukrainian hours are "год".
fn glued_hour(after: &[&LWord], line_text: &str) -> Option<(String, Rect)> {
    let w = after.iter().find(|w| !is_sep(&w.text))?;
    let t = w.text.trim_start_matches(|c: char| is_sep(&c.to_string()));
    hour_read_as_four(t, line_text).map(|h| (h, w.rect))
}

/// "14" on a line with Cyrillic letters: "1 ч" (see [`glued_hour`]).
fn hour_read_as_four(t: &str, line_text: &str) -> Option<String> {
    let cyrillic = line_text
        .chars()
        .any(|c| ('\u{410}'..='\u{44f}').contains(&c));
    let n = t.strip_suffix('4')?;
    if !cyrillic || n.is_empty() || n.len() > 2 || !n.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: u32 = n.parse().ok()?;
    (1..=23).contains(&hours).then(|| format!("{hours} ч"))
}

fn rect_of(words: &[&LWord]) -> Option<Rect> {
    let first = words.first()?;
    Some(
        words
            .iter()
            .skip(1)
            .fold(first.rect, |r, w| r.union(&w.rect)),
    )
}

fn is_sep(t: &str) -> bool {
    matches!(
        t,
        "·" | "-" | "•" | "." | "*" | "+" | "«" | "»" | "–" | ":" | "'" | "°"
    )
}

/// The longest run of words at the start of `words` (after separators) that reads as a
/// timestamp, as (text, box).
/// A clock time with the "·" after it read as a full stop or dash glued on ("17:12." and
/// "17:12-" in "4 ноября в 17:12 · 🌐"): the time alone. Other words keep their dots ("19 ч.").
pub(crate) fn trim_clock(t: &str) -> &str {
    let core = t.trim_end_matches(['.', '-', '·', '•']);
    let clock = core.split_once(':').is_some_and(|(h, m)| {
        (1..=2).contains(&h.len())
            && m.len() == 2
            && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
    });
    if clock { core } else { t }
}

pub fn leading_timestamp(words: &[&LWord]) -> Option<(String, Rect)> {
    // Separators, and badges or globe icons read as a symbol ("@", "©"), come first.
    let junk =
        |t: &str| is_sep(t) || (t.chars().count() <= 2 && !t.chars().any(char::is_alphanumeric));
    let start = words.iter().position(|w| !junk(&w.text))?;
    let ws = &words[start..];
    // Segments between separators: "3:02 PM" "Nov 26, 2025" "1.2M Views".
    let mut segs: Vec<Vec<&LWord>> = vec![vec![]];
    for w in ws {
        if is_sep(&w.text) {
            segs.push(vec![]);
        } else {
            segs.last_mut().unwrap().push(w);
        }
    }
    segs.retain(|s| !s.is_empty());
    let mut best: Option<(String, Rect)> = None;
    let mut acc: Vec<String> = Vec::new();
    let mut rect: Option<Rect> = None;
    for seg in segs.iter().take(3) {
        // Try the whole segment, then without trailing words ("22 хв ose": a menu glued on).
        let mut found = None;
        for k in (1..=seg.len()).rev() {
            // Icon junk inside a segment ("25m: @" — the globe) and a trailing ':' are not
            // shown text.
            let seg_text = seg[..k]
                .iter()
                .map(|w| trim_clock(w.text.trim_end_matches([':', '@', '©'])))
                .filter(|t| !t.is_empty() && !junk(t))
                .collect::<Vec<_>>()
                .join(" ");
            // A segment of icon junk, or a bare count after the date ("· 🌐 · ⟲ 1"), ends it.
            if seg_text.is_empty()
                || !acc.is_empty() && seg_text.chars().all(|c| c.is_ascii_digit())
            {
                break;
            }
            let mut trial = acc.clone();
            trial.push(seg_text);
            let joined = trial.join(" · ");
            if timestamp::is_timestamp(&joined) {
                let r = rect_of(&seg[..k]).unwrap();
                found = Some((trial, r, k == seg.len()));
                break;
            }
        }
        match found {
            Some((trial, r, whole)) => {
                acc = trial;
                rect = Some(rect.map_or(r, |x| x.union(&r)));
                best = Some((acc.join(" · "), rect.unwrap()));
                if !whole {
                    break;
                }
            }
            None => break,
        }
    }
    if best.is_none() {
        // "2h" glued to a separator: "·2h".
        let t = ws[0]
            .text
            .trim_start_matches(|c: char| is_sep(&c.to_string()));
        if timestamp::is_timestamp(t) {
            return Some((t.to_string(), ws[0].rect));
        }
    }
    best
}

fn split_trailing_timestamp<'a>(words: &[&'a LWord]) -> (Vec<&'a LWord>, Option<(String, Rect)>) {
    for cut in (1..words.len()).rev().take(3) {
        let tail: Vec<&LWord> = words[cut..].to_vec();
        if tail.iter().all(|w| w.tone == Tone::Grey || is_sep(&w.text)) {
            if let Some(ts) = leading_timestamp(&tail) {
                let mut head: Vec<&LWord> = words[..cut].to_vec();
                while head.last().is_some_and(|w| is_sep(&w.text)) {
                    head.pop();
                }
                return (head, Some(ts));
            }
        }
    }
    (words.to_vec(), None)
}

/// "тыс.", "тис.", "млн", "K": the second token of a count such as "1,2 тыс.".
fn is_multiplier(t: &str) -> bool {
    let l = t.to_lowercase();
    let l = l.trim_end_matches('.');
    matches!(l, "тыс" | "тис" | "млн" | "млрд" | "k" | "m" | "b")
}

/// True for a line that is an icon row: counts and icon junk only, in grey.
pub fn is_action_row(line: &Line) -> bool {
    // Icon rows are grey on most platforms; where icons are in the text colour (Threads) Tesseract
    // doubts the letters it makes of them, and there are several.
    let doubtful = line.conf() <= 75.0 && line.words.len() >= 3;
    let is_count = |i: usize| {
        let w = &line.words[i];
        let t = w.text.trim_start_matches(|c: char| !c.is_alphanumeric());
        parse_count(t).is_some() || is_multiplier(&w.text)
    };
    // Or the icons, wide and drawn in strokes the colour test takes for the text's, outweigh
    // grey counts ("💬 29 🔁 66 ♡ 228 ılı 5.4K 🔖⤴" at a small scale): counts in a body of text
    // are in the text's colour, so two grey ones and none other mark the row.
    let grey_counts = {
        let (grey, other): (Vec<usize>, Vec<usize>) = (0..line.words.len())
            .filter(|&i| is_count(i))
            .partition(|&i| line.words[i].tone == Tone::Grey);
        grey.len() >= 2 && other.is_empty()
    };
    if line.words.is_empty() || line.tone() == Tone::Primary && !doubtful && !grey_counts {
        return false;
    }
    let mut counts = 0;
    let mut junk = 0;
    // Among two counts or more, the icons at the row's end (X's bookmark and share, side by
    // side: "Ansa") make a word of four letters.
    let n = line.words.len();
    let end_icons = (0..n).filter(|&i| is_count(i)).count() >= 2;
    for (i, w) in line.words.iter().enumerate() {
        let t = w.text.trim_start_matches(|c: char| !c.is_alphanumeric());
        // An icon read as letters glued to its count ("wWw7" for "🔁 7"): a short word of
        // letters then digits.
        // (Also with its unit: "O21K" for "♡ 21K".)
        let glued = w.text.chars().count() <= 5
            && parse_count(t.trim_start_matches(char::is_alphabetic)).is_some()
            && t.starts_with(char::is_alphabetic);
        // "3,2 Tue." is "3,2 тыс." read by the Latin model.
        let unit_of_prev = i > 0
            && w.text.chars().count() <= 5
            && parse_count_tokens(&[line.words[i - 1].text.as_str(), w.text.as_str()]).is_some();
        if parse_count(t).is_some() || is_multiplier(&w.text) || unit_of_prev || glued {
            counts += 1;
        } else if w.text.chars().count() <= 3
            || (end_icons && i + 1 == n && w.text.chars().count() == 4)
            || (i + 1 == n && menu_dots(&w.text))
            || w.conf < 50.0
            || !w.text.chars().any(char::is_alphabetic)
        {
            junk += 1;
        }
    }
    if counts + junk == line.words.len() && (counts >= 1 || junk >= 3) {
        return true;
    }
    // A grey row the OCR made a mess of ("O48tuc. TV7,7 tc. 19тис. jh 1,1mMnn"): several words
    // with digits, read with little confidence.
    let with_digits = line
        .words
        .iter()
        .filter(|w| w.text.chars().any(|c| c.is_ascii_digit()))
        .count();
    // Or one whose counts came out as letters too ("о tv Oisk yok fF" for "💬 🔁 ♡1.5K ılı96K
    // 🔖"): four words or more, none longer than an icon and a count, read with little
    // confidence, and no button label among them (an embedded post's "♡ 10K 💬 Reply 🔗 Copy
    // link" is no icon row: see `embed_actions_split`).
    const LABELS: &[&str] = &[
        "reply",
        "copy",
        "link",
        "share",
        "ответить",
        "копиров",
        "копіюв",
    ];
    let labelled = line.words.iter().any(|w| {
        let t = w.text.to_lowercase();
        LABELS.iter().any(|l| t.contains(l))
    });
    // (Less doubtful with two counts read among the junk: "о tris © 123 it 3.5K Ast" for
    // "💬 🔁 19 ♡ 123 ılı 3.5K 🔖⤴" at 67 %.)
    let short_junk = line.words.len() >= 4
        && line.words.iter().all(|w| w.text.chars().count() <= 5)
        && (line.conf() < 60.0 || (line.conf() < 75.0 && with_digits >= 2))
        && !labelled;
    line.tone() != Tone::Primary && ((with_digits >= 3 && line.conf() < 80.0) || short_junk)
}

/// The "…" menu at a row's end read as letters: "een:", "eee", "ooo" (dots read as e's and o's).
fn menu_dots(t: &str) -> bool {
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    let n = t.chars().count();
    (2..=4).contains(&n)
        && t.chars().all(|c| matches!(c, 'e' | 'o' | 'n'))
        && t.chars().filter(|c| matches!(c, 'e' | 'o')).count() >= n - 1
}

/// Extracts posts using `prof`.
pub fn extract(page: &Page, counts: &mut dyn CountReader, prof: &Profile) -> Vec<Post> {
    let lines = &page.layout.lines;
    let hs = headers(lines);
    // Tesseract at times leaves out the handle line under a name: read the gap where it
    // belongs once more and go on with the line put back. With no header at all, a detail
    // view's name near the top; in a feed of stacked headers (name over handle), a line
    // standing where the others' names stand (their left edge), which is no header's.
    let stacked: Vec<(f32, usize)> = hs
        .iter()
        .filter(|h| h.first != h.last)
        .map(|h| (lines[h.first].rect.x, h.last))
        .collect();
    let pick = |i: usize, l: &Line| {
        if hs.is_empty() {
            return i < 6;
        }
        let h = l.height().max(4.0);
        !hs.iter().any(|hd| (hd.first..=hd.last).contains(&i))
            && stacked
                .iter()
                .any(|&(x, last)| i > last && (l.rect.x - x).abs() <= 0.5 * h)
    };
    if prof.platform != crate::record::Platform::Unknown && (hs.is_empty() || !stacked.is_empty()) {
        if let Some(layout) = rescue_handle_line(page, counts, &pick) {
            let page = Page {
                layout: &layout,
                rgb: page.rgb,
                now: page.now,
            };
            return extract_from(&page, counts, prof);
        }
    }
    extract_from(page, counts, prof)
}

/// [`rescue_handle_line`] for a page with no platform's cues: a detail view whose handle line
/// Tesseract dropped (Bluesky's "@marina-l.bsky.social" under the name) shows no handle at
/// all. The name is one of the first lines.
pub(crate) fn rescue_top_handle(
    page: &Page,
    counts: &mut dyn CountReader,
) -> Option<crate::layout::Layout> {
    rescue_handle_line(page, counts, &|i, _| i < 6)
}

/// A page whose detail-view handle line Tesseract dropped, with that line read again: a short
/// line near the top of its column (the name), then a gap of at least a line before the next
/// line of the column (the text), is where a post detail shows "@handle". The gap is re-read;
/// when it holds a handle, the layout gains that line (in grey, as handles are).
fn rescue_handle_line(
    page: &Page,
    counts: &mut dyn CountReader,
    pick: &dyn Fn(usize, &Line) -> bool,
) -> Option<crate::layout::Layout> {
    let lines = &page.layout.lines;
    for (i, l) in lines.iter().enumerate().filter(|(i, l)| pick(*i, l)) {
        let h = l.height().max(4.0);
        // The next line under the name (not the time level with it at the right).
        let Some(next) = lines[i + 1..]
            .iter()
            .find(|n| n.rect.x < l.rect.right() && n.rect.right() > l.rect.x)
            .filter(|n| n.col == l.col)
        else {
            continue;
        };
        let gap = next.rect.y - l.rect.bottom();
        let namelike = l.words.len() <= 6
            && l.words.iter().any(|w| w.tone == Tone::Primary)
            && !is_chrome(&l.text())
            && !is_action_row(l);
        if !namelike || gap < 1.2 * h || gap > 4.0 * h {
            continue;
        }
        let band = Rect {
            x: (l.rect.x - h).max(0.0),
            y: l.rect.bottom(),
            w: (l.rect.w + 12.0 * h).min(page.layout.width as f32),
            h: gap,
        };
        let words = counts.read_block(band);
        let Some(hw) = words
            .iter()
            .find(|w| clean_handle(&w.text).is_some_and(|t| t.len() >= 3))
        else {
            continue;
        };
        // The handle starts under the name.
        if (hw.rect.x - l.rect.x).abs() > 2.0 * h {
            continue;
        }
        let mut layout = page.layout.clone();
        let rect = hw.rect;
        // In reading order: after the lines above it (the time level with the name).
        let at = (i + 1..lines.len())
            .find(|&j| lines[j].rect.y > rect.y)
            .unwrap_or(lines.len());
        layout.lines.insert(
            at,
            Line {
                words: vec![LWord {
                    text: hw.text.clone(),
                    rect,
                    conf: hw.conf,
                    tone: Tone::Grey,
                    ink: [128, 128, 128],
                    contrast: 0.0,
                    density: 0.0,
                    pictorial: 0.0,
                }],
                rect,
                col: l.col,
            },
        );
        return Some(layout);
    }
    None
}

fn extract_from(page: &Page, counts: &mut dyn CountReader, prof: &Profile) -> Vec<Post> {
    let lines = &page.layout.lines;
    let mut hs = headers(lines);
    // Accounts listed under a sidebar's "Who to follow" are not posts.
    hs.retain(|h| {
        !lines[..h.first]
            .iter()
            .any(|l| l.col == lines[h.first].col && is_sidebar_heading(&l.text()))
    });
    if hs.is_empty() {
        return vec![];
    }
    let mains = pair_quotes(lines, &hs);
    let mut posts = Vec::new();
    for (n, (mi, qi)) in mains.iter().enumerate() {
        let h = &hs[*mi];
        let end = mains
            .get(n + 1)
            .map(|(next, _)| hs[*next].first)
            .unwrap_or(lines.len());
        let mut post = build_post(
            page,
            counts,
            prof,
            h,
            h.last + 1,
            qi.map(|q| hs[q].first).unwrap_or(end),
            end,
        );
        if let Some(q) = qi {
            let qh = &hs[*q];
            let mut quoted = build_post(page, counts, prof, qh, qh.last + 1, end, end);
            // The footer after the quote box belongs to the outer post.
            let footer = std::mem::take(&mut quoted.metrics);
            if post.metrics.is_empty() {
                post.metrics = footer;
            }
            quoted.x = None;
            post.bbox = union_box(post.bbox, quoted.bbox);
            post.quoted = Some(Box::new(quoted));
        }
        // Repost/pinned header sits just above the post's header.
        if h.first > 0 {
            let above = &lines[h.first - 1];
            let t = above.text();
            if contains_any(&t, REPOST_HEADER) && !starts_with_any(&t, REPLYING) {
                post.header =
                    Some(clean_name(&t.split_whitespace().collect::<Vec<_>>()).unwrap_or(t));
            }
        }
        posts.push(post);
    }
    // A header with nothing under it (no text, time, counts or quote) beside real posts is an
    // account card (a sidebar suggestion, a profile strip), not a post.
    if posts.iter().any(|p| !p.text.is_empty()) {
        posts.retain(|p| {
            !p.text.is_empty()
                || p.timestamp.is_some()
                || !p.metrics.is_empty()
                || p.quoted.is_some()
        });
    }
    posts
}

/// Which headers are quoted posts nested in the post before them: (header index, quoted header
/// index) for each post. A quote card's header is one line ("Name @handle · date"), indented
/// from the post's, in its column, after some of the post's text and before its footer.
fn pair_quotes(lines: &[Line], hs: &[Header]) -> Vec<(usize, Option<usize>)> {
    let mut mains: Vec<(usize, Option<usize>)> = Vec::new(); // (header idx, quoted header idx)
    for (j, h) in hs.iter().enumerate() {
        if let Some((mi, q)) = mains.last_mut() {
            let m = &hs[*mi];
            let hgt = lines[h.last].height().max(1.0);
            let text_between = (m.last + 1..h.first).any(|l| {
                let t = lines[l].text();
                !is_action_row(&lines[l]) && !is_chrome(&t) && !starts_with_any(&t, REPLYING)
            });
            let indented = (h.left - m.left).abs() > 0.6 * hgt;
            let same_col = lines[h.first].col == lines[m.last].col;
            // A detail view (name above the handle) shows the quote card between the text and
            // the footer; what ends its text there is the footer's time or labelled counts, not
            // a line that merely looks like an icon row ("$10 mnpp Se").
            let detail = !m.one_line;
            let before_footer = !(m.last + 1..h.first).any(|l| match detail {
                true => is_detail_footer(&lines[l]),
                false => is_footer(&lines[l]),
            });
            if q.is_none() && h.one_line && indented && same_col && text_between && before_footer {
                *q = Some(j);
                continue;
            }
        }
        mains.push((j, None));
    }
    mains
}

/// The metrics of an icon row's slots, left to right. Views shown labelled above the row (X's
/// detail view: "8:12 PM · Nov 21, 2025 · 12K Views") have no icon in it: there the row goes
/// reply, repost, like, bookmark.
fn row_slots(prof: &Profile, views_labelled: bool) -> Vec<&'static str> {
    prof.slots
        .iter()
        .copied()
        .filter(|n| !(*n == "views" && views_labelled))
        .collect()
}

/// Labels of a counts footer whose count the OCR did not read ("237 репостов + цитата",
/// "репостов цитаты 20 тыс."), with the box where the count stands: from the end of the label
/// or count before (or the line's start) to the label, taking in one word that is neither (the
/// digits read as junk: "+"). A line that starts right of the post's `left` edge with a label
/// lost its first count there. Only gaps wide enough for a digit are returned.
fn unread_labels(line: &Line, left: f32) -> Vec<(&'static str, Rect)> {
    let ws = &line.words;
    let h = line.height();
    let is_count = |i: usize| {
        let t = ws[i].text.as_str();
        parse_count(t).is_some()
            || (i > 0 && parse_count_tokens(&[ws[i - 1].text.as_str(), t]).is_some())
    };
    // A label the OCR garbled into letters ("1 цитата" → "Tuvtata"): a word of four letters
    // or more, no digits, that names no metric.
    let garbled = |i: usize| {
        let t = ws[i].text.as_str();
        label_metric(t).is_none()
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !t.chars().any(|c| c.is_ascii_digit())
    };
    let names = |i: usize, ms: &[&str]| {
        ws.get(i)
            .and_then(|w| label_metric(&w.text))
            .is_some_and(|m| ms.contains(&m))
    };
    let mut out = Vec::new();
    for i in 0..ws.len() {
        // X's detail footer runs "Reposts, Quotes, Likes, Bookmarks": a garbled label between
        // the reposts' label and the likes' or bookmarks' one is the quotes'.
        let quotes_between = garbled(i)
            && i > 0
            && names(i - 1, &["reposts"])
            && (names(i + 1, &["likes", "bookmarks"])
                || ws
                    .get(i + 1)
                    .is_some_and(|w| w.text.to_lowercase().starts_with("отмет")));
        let Some(m) = label_metric(&ws[i].text).or(quotes_between.then_some("quotes")) else {
            continue;
        };
        let prev = |k: usize| i.checked_sub(k);
        // The label's count, or a first label word before ("отметок «Нравится»").
        if prev(1).is_some_and(|j| is_count(j) || label_metric(&ws[j].text).is_some()) {
            let j = prev(1).unwrap_or(0);
            let gap = ws[i].rect.x - ws[j].rect.right();
            if is_count(j) || gap < 0.8 * h {
                continue;
            }
        }
        // Left end: after the nearest count or label, skipping one junk word.
        let junk = prev(1).filter(|&j| !is_count(j) && label_metric(&ws[j].text).is_none());
        let before = match junk {
            Some(j) => j.checked_sub(1),
            None => prev(1),
        };
        if before.is_some_and(|b| !is_count(b) && label_metric(&ws[b].text).is_none()) {
            continue; // words, not a footer's count
        }
        // (A skipped word that is a garbled label, alone or glued to its count ("146untatT"),
        // ends the box: the count is after it.)
        let ends_in_label = |j: usize| {
            ws[j]
                .text
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count()
                >= 4
        };
        let x0 = match junk {
            Some(j) if ends_in_label(j) => ws[j].rect.right() + 0.2 * h,
            _ => before.map_or(line.rect.x.min(left), |b| ws[b].rect.right() + 0.2 * h),
        };
        let x1 = ws[i].rect.x - 0.1 * h;
        if x1 - x0 < 0.5 * h {
            continue;
        }
        out.push((
            m,
            Rect {
                x: x0,
                y: line.rect.y - 0.2 * h,
                w: x1 - x0,
                h: 1.4 * h,
            },
        ));
    }
    out
}

/// Where the nearest other column right of `x` starts (a sidebar beside the timeline): an
/// icon row reaching there has run into it.
fn next_column_start(lines: &[Line], col: usize, x: f32) -> Option<f32> {
    lines
        .iter()
        .filter(|l| l.col != col && l.rect.x > x)
        .map(|l| l.rect.x)
        .min_by(f32::total_cmp)
}

/// The action row under an embedded X post ("♥ 178  💬 Reply  ⇧ Copy link"): a count before
/// the "Reply" label, a "Copy link"/"Share" label after it. Returns where the label's word
/// starts (its icon, often read as a letter of it: "DReply"); the heart and its count are
/// left of there.
fn embed_actions_split(line: &Line) -> Option<f32> {
    const REPLY: &[&str] = &["reply", "ответить", "відповісти"];
    const COPY: &[&str] = &[
        "copy",
        "копировать",
        "копіювати",
        "share",
        "поделиться",
        "поділитися",
    ];
    let lower: Vec<String> = line
        .words
        .iter()
        .map(|w| {
            w.text
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let has_digit = |j: usize| line.words[j].text.chars().any(|c| c.is_ascii_digit());
    // (The label may come glued to its icon or to "link": "Copylink".)
    let is_copy = |t: &String| COPY.iter().any(|c| t.contains(c));
    let i = match lower
        .iter()
        .position(|t| REPLY.iter().any(|r| t.ends_with(r)))
    {
        Some(i) => i,
        None => {
            // A Cyrillic label the Latin pass garbled ("Відповісти" → "C)Bignosictu") is
            // found by the row's order instead: the word after the heart's count, when the
            // copy label follows it. The row holds a handful of words, not a sentence.
            let c = lower.iter().position(is_copy)?;
            // (The first digits: the link icon is read as "4," at times.)
            let label = (0..c).find(|&j| has_digit(j))? + 1;
            if label >= c || line.words.len() > 8 {
                return None;
            }
            label
        }
    };
    let copy_after = lower[i + 1..].iter().any(is_copy);
    let count_before = (0..i).any(has_digit);
    (copy_after && count_before).then_some(line.words[i].rect.x)
}

/// Headings of X's sidebar lists of accounts, which are followed by name/handle cards.
fn is_sidebar_heading(text: &str) -> bool {
    const HEADINGS: &[&str] = &[
        "who to follow",
        "you might like",
        "relevant people",
        "кого читать",
        "кого читати",
        "wem folgen",
    ];
    let l = text.trim().to_lowercase();
    HEADINGS.iter().any(|h| l.starts_with(h)) && l.split_whitespace().count() <= 4
}

/// Median height of the body's words, the size yardstick for icon rows.
pub fn body_height(body: &[&Line]) -> Option<f32> {
    let mut hs: Vec<f32> = body
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.rect.h))
        .collect();
    hs.sort_by(f32::total_cmp);
    hs.get(hs.len() / 2).copied()
}

/// The body's line pitch (top to top of consecutive lines of one paragraph), from its lines
/// and, for a timeline item, the header line above them, which is set at the same pitch.
/// Steps of more than 2.2 letter heights are paragraph breaks and not counted.
fn line_pitch(body: &[&Line], header: Option<&Line>) -> Option<f32> {
    let seq: Vec<&Line> = header.into_iter().chain(body.iter().copied()).collect();
    seq.windows(2)
        .map(|w| (w[1].rect.y - w[0].rect.y, w[1].height().max(w[0].height())))
        .filter(|&(step, hgt)| step > 0.8 * hgt && step < 2.2 * hgt)
        .map(|(step, _)| step)
        .min_by(f32::total_cmp)
}

/// Whether line `idx`, right under a one-line header, is text inside the avatar: it starts
/// well left of the header, is at most two words, ends before the header's column, sits within
/// an avatar's height of the header, and the next line starts back at the header's column.
fn one_line_avatar_text(lines: &[Line], h: &Header, idx: usize, end: usize) -> bool {
    let l = &lines[idx];
    let hgt = lines[h.last].height().max(1.0);
    let Some(next) = lines.get(idx + 1).filter(|_| idx + 1 < end) else {
        return false;
    };
    h.one_line
        && idx == h.last + 1
        && l.words.len() <= 2
        && l.rect.x < h.left - 1.5 * hgt
        && l.rect.right() < h.left - 0.3 * hgt
        && l.rect.y < lines[h.last].rect.bottom() + 2.5 * hgt
        && (next.rect.x - h.left).abs() < 0.8 * hgt
}

/// The box of a footer count the page pass doubts (under 50 %), read as digits alone ("160"
/// at 21 % for a bold "16" before "отметок"): the digits-only pass reads it again. Counts with
/// a unit word after them ("2,4 тыс.") are left as read.
fn doubtful_count(line: &Line, v: u64) -> Option<Rect> {
    line.words
        .iter()
        .find(|w| {
            let t = w.text.trim_matches(|c: char| !c.is_alphanumeric());
            w.conf < 50.0
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && parse_count(t) == Some(v)
        })
        .map(|w| w.rect.grown(0.3 * w.rect.h))
}

/// The box from `left` (the post text's left edge) to the end of the footer line's first word
/// when that word is a bare count followed by its label and starts clearly right of the edge,
/// by a group of digits or two at most: a footer of counts starts at the text's edge, so the
/// room before the word held digits the page pass lost ("5 142 репости" read "142 репости").
fn leading_group_lost(line: &Line, left: f32) -> Option<Rect> {
    let [first, second, ..] = line.words.as_slice() else {
        return None;
    };
    let h = first.rect.h.max(1.0);
    let gap = first.rect.x - left;
    let bare = !first.text.is_empty() && first.text.chars().all(|c| c.is_ascii_digit());
    (bare && label_metric(&second.text).is_some() && gap > 0.8 * h && gap < 3.0 * h).then(|| {
        let x = left - 0.3 * h;
        Rect {
            x,
            y: first.rect.y - 0.3 * h,
            w: first.rect.right() + 0.3 * h - x,
            h: 1.6 * h,
        }
    })
}

/// A re-read count that ends in the digits of `v` and holds one to three more before them
/// ("5 142", "5,142" for 142): its value.
fn longer_reading(t: &str, v: u64) -> Option<u64> {
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let had = v.to_string();
    let extra = digits.len().checked_sub(had.len())?;
    let grouped = t
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\u{202f}'));
    ((1..=3).contains(&extra) && digits.ends_with(&had) && grouped)
        .then(|| digits.parse().ok())
        .flatten()
}

/// The box of the count `v` before its label for metric `m` on `line`, with the label, when
/// the label's grammar rules the count out ("1 цитат": see [`number_disagrees`]).
fn disagreeing_count<'a>(line: &'a Line, m: &str, v: u64) -> Option<(Rect, &'a str)> {
    line.words.windows(2).find_map(|p| {
        let t = p[0].text.trim_matches(|c: char| !c.is_alphanumeric());
        (label_metric(&p[1].text) == Some(m)
            && t.chars().all(|c| c.is_ascii_digit())
            && parse_count(t) == Some(v)
            && number_disagrees(v, &p[1].text))
        .then(|| {
            // (Up to the label: the lost digit's ink may lie outside the word's box.)
            let g = p[0].rect.grown(0.3 * p[0].rect.h);
            let right = g.right().max(p[1].rect.x - 0.1 * p[0].rect.h);
            (
                Rect {
                    w: right - g.x,
                    ..g
                },
                p[1].text.as_str(),
            )
        })
    })
}

/// The labelled counts of a footer line ("24 Reposts 1 Quote 104 Likes", "1:19 PM · Nov 17,
/// 2025 · 2.1K Views"), or none when the line is running text that holds a count and a word
/// starting like a label ("LeBron scored 30 points in the fourth", "after 2 replies we"): a
/// footer holds its time, counts, their labels (grey) and separators, so two or more other
/// words in the text colour (of three letters or more, without digits) make the line text.
/// (Garbled grey labels, "Spenoctis Зцитати", are no such words.)
fn footer_counts(line: &Line) -> Vec<(&'static str, u64, String)> {
    let pairs = labelled_counts(&line.text());
    if pairs.is_empty() {
        return pairs;
    }
    let ws: Vec<&LWord> = line.words.iter().collect();
    let ts_end = leading_timestamp(&ws).map(|(_, r)| r.right());
    // Words far right of the footer's run are something else level with it (an open menu's
    // "Report post", a button), no prose of the footer's.
    let prose = first_run(ws.clone(), 4.0 * line.height())
        .into_iter()
        .filter(|w| {
            let t = w.text.as_str();
            ts_end.is_none_or(|x| w.rect.right() > x + 0.5)
                && w.tone == Tone::Primary
                && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !t.chars().any(|c| c.is_ascii_digit())
                && label_metric(t).is_none()
                && !is_multiplier(t)
        })
        .count();
    if prose >= 2 { vec![] } else { pairs }
}

fn is_footer(line: &Line) -> bool {
    !footer_counts(line).is_empty() || is_action_row(line) || footer_timestamp(line).is_some()
}

/// A detail view's footer line: its time and date, or its labelled counts.
fn is_detail_footer(line: &Line) -> bool {
    !footer_counts(line).is_empty() || footer_timestamp(line).is_some()
}

/// The count of X's detail footer "8:12 PM · Nov 21, 2025 · 12K Views" when its label did
/// not read: after the date's last separator, a count (one or two tokens, "206 тис.") and a
/// word after it (the label). `date` is the time and date's box.
fn views_after_date(line: &Line, date: &Rect) -> Option<u64> {
    let after: Vec<&str> = line
        .words
        .iter()
        .filter(|w| w.rect.x > date.right())
        .map(|w| w.text.as_str())
        .collect();
    let sep = after.iter().rposition(|t| is_sep(t))?;
    let rest = &after[sep + 1..];
    // A year after the last separator: that is the date itself, which did not read as one
    // ("17:10 - 3 nuctT. 2025 p."), and its day is no count.
    let year = |t: &&str| {
        let d = t.trim_matches(|c: char| !c.is_ascii_digit());
        d.len() == 4 && d.len() == t.trim_end_matches([',', '.']).len() && d.starts_with(['1', '2'])
    };
    if rest.iter().any(year) {
        return None;
    }
    [2usize, 1].into_iter().find_map(|k| {
        let label = rest.get(k)?;
        let alpha = label.chars().filter(|c| c.is_alphabetic()).count();
        (alpha >= 4 && !label.chars().any(|c| c.is_ascii_digit()))
            .then(|| parse_count_tokens(&rest[..k]))
            .flatten()
            .map(|(v, _)| v)
    })
}

/// A bare relative time read on an icon row is its first count and icon ("© 39 S w Qn" for
/// Mastodon's "💬 39 🔁 ☆ 🔖"): footers show absolute times (a clock time or a year), and the
/// row is read as a row.
fn time_on_icon_row(line: &Line, t: &str) -> bool {
    !t.contains(':')
        && !t.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4)
        && is_action_row(line)
}

fn footer_timestamp(line: &Line) -> Option<(String, Rect)> {
    let ws: Vec<&LWord> = line.words.iter().collect();
    let (t, r) = leading_timestamp(&ws)?;
    // A clock time without a date in the text colour is text ("2:30 PM ET." ending a post):
    // footer times are grey.
    let primary = line
        .words
        .iter()
        .filter(|w| w.rect.x < r.right())
        .all(|w| w.tone == Tone::Primary);
    if primary && timestamp::is_time_only(&t) {
        return None;
    }
    // A footer timestamp stands alone on its line or with counts after it, never mid-text,
    // and always has digits: a sentence may open with "Сегодня в …" ("Today at …").
    // (Separators are no words: "17:10 - 3 nuctT. 2025 p.", a date that did not read.)
    // Only the run of words that goes on from a clock time or a dated time counts: what
    // stands far right of it is another thing level with it (an open menu's item, a
    // button). (Not so for a bare "38 s": an icon row's first count and icon read so has its
    // other counts far right of it.)
    let after: Vec<&LWord> = line.words.iter().filter(|w| w.rect.x > r.right()).collect();
    let dated = t.contains(':') || t.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4);
    let run = match after.first() {
        Some(w) if dated && w.rect.x - r.right() > 2.5 * line.height() => vec![],
        _ if dated => first_run(after, 2.5 * line.height()),
        _ => after,
    };
    let rest = run.iter().filter(|w| !is_sep(&w.text)).count();
    (rest <= 4 && t.chars().any(|c| c.is_ascii_digit())).then_some((t, r))
}

/// A footer time read without its date, when a year stands a few words after it on the line
/// ("21:36 · 3 nuctT. 2025 p.", X's detail footer "time · day month year"): the words from
/// the time to the year (and its "г."/"р." mark) read again with each script's models; the
/// reading whose start is a whole date and time replaces the time.
fn reread_footer_date(
    line: &Line,
    ts: &(String, Rect),
    counts: &mut dyn CountReader,
) -> Option<(String, Rect)> {
    let (t, r) = ts;
    if !timestamp::is_time_only(t) {
        return None;
    }
    let after: Vec<&LWord> = line.words.iter().filter(|w| w.rect.x > r.right()).collect();
    let is_year = |w: &LWord| {
        let d: String = w.text.chars().take_while(char::is_ascii_digit).collect();
        d.len() == 4 && d.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
    };
    let y = after.iter().take(4).position(|w| is_year(w))?;
    // The year mark after the year, when not glued on.
    let end = match after.get(y + 1) {
        Some(m) if m.text.chars().count() <= 2 && !m.text.chars().any(|c| c.is_ascii_digit()) => {
            y + 1
        }
        _ => y,
    };
    let h = line.height().max(1.0);
    let rect = after[..=end]
        .iter()
        .fold(*r, |acc, w| acc.union(&w.rect))
        .grown(0.3 * h);
    let score = |ws: &[crate::ocr::Word]| -> Option<f32> {
        let (text, conf) = dated_reading(ws)?;
        Some(text.chars().count() as f32 + conf / 100.0)
    };
    let words = counts.read_time(rect, &score)?;
    let (text, _) = dated_reading(&words)?;
    Some((text, rect))
}

/// The longest run of words at the start of a reading that is a time with a whole date, and
/// its mean confidence.
fn dated_reading(ws: &[crate::ocr::Word]) -> Option<(String, f32)> {
    (1..=ws.len().min(8)).rev().find_map(|n| {
        // Segments between separators, joined as X shows them: "17:10 · 3 лист. 2025 р.".
        let mut segs: Vec<Vec<&str>> = vec![vec![]];
        for w in &ws[..n] {
            if is_sep(&w.text) {
                segs.push(vec![]);
            } else {
                segs.last_mut().unwrap().push(w.text.as_str());
            }
        }
        segs.retain(|s| !s.is_empty());
        let text = segs
            .iter()
            .map(|s| s.join(" "))
            .collect::<Vec<_>>()
            .join(" · ");
        let conf = ws[..n].iter().map(|w| w.conf).sum::<f32>() / n as f32;
        (conf >= 20.0 && timestamp::has_full_date(&text) && !timestamp::is_time_only(&text))
            .then(|| (timestamp::display_text(&text), conf))
    })
}

fn union_box(a: [u32; 4], b: [u32; 4]) -> [u32; 4] {
    if a[2] == 0 {
        return b;
    }
    let x = a[0].min(b[0]);
    let y = a[1].min(b[1]);
    let r = (a[0] + a[2]).max(b[0] + b[2]);
    let bt = (a[1] + a[3]).max(b[1] + b[3]);
    [x, y, r - x, bt - y]
}

#[allow(clippy::too_many_arguments)]
fn build_post(
    page: &Page,
    counts: &mut dyn CountReader,
    prof: &Profile,
    h: &Header,
    from: usize,
    body_end: usize,
    end: usize,
) -> Post {
    let lines = &page.layout.lines;
    let mut post = Post::default();
    let mut confs: Vec<f32> = Vec::new();
    let mut bbox = lines[h.first].rect.union(&lines[h.last].rect);
    let mut body: Vec<&Line> = Vec::new();
    let mut in_footer = false;
    let mut metrics_rect: Option<Rect> = None;
    let mut ts = h.timestamp.clone();
    // The footer line the time was taken from, when not from the header.
    let mut ts_line: Option<usize> = None;
    // Views shown labelled ("· 12K Views") rather than by an icon in the row.
    let mut views_labelled = false;
    // Whether an icon row was read.
    let mut row_seen = false;
    for (idx, line) in lines.iter().enumerate().take(end).skip(from) {
        if line.col != lines[h.last].col {
            break; // the post's column ended
        }
        let text = line.text();
        let hgt = line.height().max(1.0);
        if idx >= body_end && !is_footer(line) {
            continue;
        }
        if contains_any(&text, REPOST_HEADER) && idx + 1 == end {
            continue; // belongs to the next post
        }
        if starts_with_any(&text, REPLYING) && body.is_empty() {
            post.reply_to
                .extend(line.words.iter().filter_map(|w| clean_handle(&w.text)));
            continue;
        }
        if is_chrome(&text) || is_link_chrome(line) {
            continue;
        }
        // Text inside the avatar (a news outlet's logo: "РБК", "BBC"): a short line in the
        // avatar's column, beside the header, when the body that follows is indented to the
        // header's column (a timeline item; a detail view's body starts under the avatar).
        if body.is_empty() && one_line_avatar_text(lines, h, idx, end) {
            continue;
        }
        // Under an embedded post's footer, "Read 131 replies" tells the reply count.
        if in_footer && prof.platform == crate::record::Platform::X {
            if let Some(v) = read_replies_button(&text) {
                post.metrics.replies.get_or_insert(v);
                bbox = bbox.union(&line.rect);
                continue;
            }
        }
        // The embedded post's action row: the likes are the count after the heart, before the
        // "Reply" label.
        if (in_footer || !body.is_empty()) && prof.platform == crate::record::Platform::X {
            if let Some(split) = embed_actions_split(line) {
                let left = body.first().map_or(h.left, |l| l.rect.x) - hgt;
                if let Some((_, v)) = icons::read_after_icon(
                    page.rgb,
                    page.layout.background,
                    line,
                    left,
                    split - 0.2 * hgt,
                    body_height(&body),
                    counts,
                ) {
                    post.metrics.likes.get_or_insert(v);
                }
                in_footer = true;
                metrics_rect = Some(metrics_rect.map_or(line.rect, |r| r.union(&line.rect)));
                bbox = bbox.union(&line.rect);
                continue;
            }
        }
        let pairs = footer_counts(line);
        if !pairs.is_empty() {
            let text_left = body.first().map_or(h.left, |l| l.rect.x);
            let leading = leading_group_lost(line, text_left);
            for (k, (m, v, _)) in pairs.into_iter().enumerate() {
                // The first count's leading digits the page pass lost ("142 репости" for
                // "5 142 репости"): read again from the text's edge, taken when the reading
                // ends in the digits read and holds more.
                let v = match leading.filter(|_| k == 0) {
                    Some(r) => counts
                        .read_count(r)
                        .and_then(|t| longer_reading(&t, v))
                        .unwrap_or(v),
                    None => v,
                };
                let v = doubtful_count(line, v)
                    .and_then(|r| counts.read_count(r))
                    .and_then(|t| parse_count(t.trim()))
                    .unwrap_or(v);
                // A count its label's grammar rules out ("1 цитат") lost a digit: read again
                // digits-only, taken when the reading agrees.
                let v = match disagreeing_count(line, m, v) {
                    Some((r, label)) => counts
                        .read_count(r)
                        .and_then(|t| parse_count(t.trim()))
                        .filter(|n| !number_disagrees(*n, label))
                        .unwrap_or(v),
                    None => v,
                };
                views_labelled |= m == "views";
                if let Some(slot) = post.metrics.slot(m) {
                    slot.get_or_insert(v);
                }
            }
            let left = body.first().map_or(h.left, |l| l.rect.x);
            for (m, r) in unread_labels(line, left) {
                if let Some(slot) = post.metrics.slot(m).filter(|s| s.is_none()) {
                    *slot = counts.read_count(r).and_then(|t| parse_count(t.trim()));
                }
            }
            in_footer = true;
            metrics_rect = Some(metrics_rect.map_or(line.rect, |r| r.union(&line.rect)));
            // "3:02 PM · Nov 26, 2025 · 1.2M Views": the timestamp shares the line, before
            // the counts.
            if ts.is_none() {
                ts = leading_timestamp(&line.words.iter().collect::<Vec<_>>());
                ts_line = ts.as_ref().map(|_| idx);
            }
            bbox = bbox.union(&line.rect);
            continue;
        }
        // A post whose header shows its time (a timeline item) has no time line under its
        // text: a date there in the text colour is a line of the text ("1 грудня.").
        // (The line's tone is mixed when a link follows the date: "15 декабря: ml-school.ru";
        // the date's own words tell.)
        let text_date = |r: &Rect| {
            h.timestamp.is_some()
                && (line.tone() == Tone::Primary || {
                    let on: Vec<&LWord> = line
                        .words
                        .iter()
                        .filter(|w| {
                            let cx = w.rect.x + 0.5 * w.rect.w;
                            cx > r.x && cx < r.right()
                        })
                        .collect();
                    !on.is_empty() && on.iter().all(|w| w.tone == Tone::Primary)
                })
        };
        if !body.is_empty() || in_footer {
            if let Some(t) =
                footer_timestamp(line).filter(|t| !text_date(&t.1) && !time_on_icon_row(line, &t.0))
            {
                // X's detail footer is "time · date · N Views": a count after the date there
                // is the views, whatever the OCR made of its label ("206 Tue. nepernagis").
                if prof.platform == crate::record::Platform::X && !h.one_line {
                    if let Some(v) = views_after_date(line, &t.1) {
                        post.metrics.views.get_or_insert(v);
                        views_labelled = true;
                    }
                }
                if ts.is_none() {
                    ts = Some(t);
                    ts_line = Some(idx);
                }
                in_footer = true;
                bbox = bbox.union(&line.rect);
                continue;
            }
        }
        // A detail view's icon row comes right after its time line; when the OCR made a few
        // letters of it ("O3 tle"), its pixels still show the icons and counts. Right after:
        // within four text heights below the time line (past the rule between them); the
        // reply box further down is no row ("Опубликуйте (Oreerms |" with the avatar and the
        // button read as three "icons", when the row itself went unread).
        let near_time = ts_line.is_some_and(|i| {
            let th = body_height(&body).unwrap_or(lines[i].height()).max(1.0);
            line.rect.y - lines[i].rect.bottom() <= 4.0 * th
        });
        let action = is_action_row(line);
        let missed_row = prof.platform == crate::record::Platform::X
            && !h.one_line
            && in_footer
            && !row_seen
            && near_time
            && line.words.len() <= 6
            && !action;
        // A row in the text's colour taken for an icon row, with a grey one further down the
        // post, is the text's last line ("$10 млрд 🇸🇦" read "$10 Mapp Se" at 61 %): a post
        // has one icon row. (Looked for only under a line taken for a row.)
        let text_above_row = || {
            line.tone() == Tone::Primary
                && lines[idx + 1..end]
                    .iter()
                    .any(|l| l.col == line.col && l.tone() != Tone::Primary && is_action_row(l))
        };
        if (action && !text_above_row()) || missed_row {
            let left = body.first().map(|l| l.rect.x).unwrap_or(h.left) - hgt;
            let text_right = body
                .iter()
                .map(|l| l.rect.right())
                .fold(line.rect.x + hgt, f32::max);
            let right = next_column_start(lines, line.col, text_right)
                .map_or(page.layout.width as f32, |x| x - 0.3 * hgt);
            let slots = icons::read_row(
                page.rgb,
                page.layout.background,
                line,
                left,
                right,
                body_height(&body),
                counts,
            );
            // (X's rows hold four to six icons; fewer is no row.)
            if missed_row && !(3..=8).contains(&slots.len()) {
                continue;
            }
            row_seen = true;
            let names = row_slots(prof, views_labelled);
            let mut any = false;
            for (i, s) in slots.iter().enumerate() {
                if let (Some(name), Some((_, v))) = (names.get(i), &s.count) {
                    if let Some(slot) = post.metrics.slot(name) {
                        slot.get_or_insert(*v);
                        any = true;
                    }
                }
            }
            if any || !body.is_empty() {
                in_footer = true;
                metrics_rect = Some(metrics_rect.map_or(line.rect, |r| r.union(&line.rect)));
                bbox = bbox.union(&line.rect);
            }
            continue;
        }
        if in_footer {
            continue;
        }
        // A wide gap ends the post: what follows is page text around the card. A paragraph
        // break is one empty line, two line pitches from line to line: a line of the text's
        // size that far is the text going on (measured against the body's own pitch where it
        // shows one, as letter heights vary with the words' shapes).
        if let Some(prev) = body.last() {
            let step = line.rect.y - prev.rect.y;
            let text_size = body_height(&body).is_some_and(|bh| hgt >= 0.75 * bh);
            let paragraph = text_size
                && line_pitch(&body, h.one_line.then_some(&lines[h.last]))
                    .is_some_and(|p| step <= 2.3 * p);
            let wide = line.rect.y - prev.rect.bottom() > 2.6 * hgt && !paragraph;
            if wide {
                in_footer = true;
                continue;
            }
        }
        confs.extend(line.words.iter().map(|w| w.conf));
        bbox = bbox.union(&line.rect);
        body.push(line);
    }
    // No icon row among the OCR lines: look for one in the pixels below the body (Tesseract
    // folds a row under a photo into the photo's block). Only up to the next line of the
    // column, so a later post's row is never taken. A detail view's row stands under its
    // footer (time, date, labelled counts), which may have been read while the row was not
    // (a dark mobile row between two rules): then the search starts below the footer.
    let footer_only = !row_seen && ts_line.is_some();
    if (metrics_rect.is_none() || footer_only) && !prof.slots.is_empty() && body_end == end {
        if let (Some(last), Some(bh)) = (body.last(), body_height(&body)) {
            let col = last.col;
            let footer_bottom = ts_line
                .map(|i| lines[i].rect.bottom())
                .into_iter()
                .chain(metrics_rect.map(|r| r.bottom()))
                .fold(last.rect.bottom(), f32::max);
            let y0 = footer_bottom + 0.3 * bh;
            let y1 = lines
                .iter()
                // ("Show more" and the like stand between the text and the row.)
                .filter(|l| {
                    l.col == col && l.rect.y > y0 && !is_chrome(&l.text()) && !is_link_chrome(l)
                })
                .map(|l| l.rect.y)
                // (A photo spans the text's column and may be taller than it is wide: up to
                // twice the width of a full line of text, about 90 text heights; the row lies
                // under it. `find_row` steps over the photo's band.)
                .fold((y0 + 90.0 * bh).min(page.layout.height as f32), f32::min);
            let left = body.first().map_or(h.left, |l| l.rect.x) - bh;
            let right = body.iter().map(|l| l.rect.right()).fold(left, f32::max) + 2.0 * bh;
            if let Some(row) = icons::find_row(
                page.rgb,
                page.layout.background,
                left,
                right,
                y0,
                y1,
                bh,
                col,
            ) {
                let slots = icons::read_row(
                    page.rgb,
                    page.layout.background,
                    &row,
                    left,
                    right.max(row.rect.right() + bh),
                    Some(bh),
                    counts,
                );
                if (3..=8).contains(&slots.len()) {
                    let names = row_slots(prof, views_labelled);
                    for (i, s) in slots.iter().enumerate() {
                        if let (Some(name), Some((_, v))) = (names.get(i), &s.count) {
                            if let Some(slot) = post.metrics.slot(name) {
                                slot.get_or_insert(*v);
                            }
                        }
                    }
                    metrics_rect = Some(metrics_rect.map_or(row.rect, |r| r.union(&row.rect)));
                    bbox = bbox.union(&row.rect);
                }
            }
        }
    }
    // A footer's clock time whose date, further along the line, did not read ("17:10 - 3
    // nuctT. 2025 p.": a Ukrainian month read by the Latin model): the time and date re-read.
    if let (Some(i), Some(t)) = (ts_line, ts.as_ref())
        && let Some(fixed) = reread_footer_date(&lines[i], t, counts)
    {
        ts = Some(fixed);
    }
    let mut text = reflow(&body);
    text = text
        .lines()
        .map(strip_trailing_chrome)
        .collect::<Vec<_>>()
        .join("\n");
    set_text(&mut post, text);
    post.author = Author {
        name: h.name.clone(),
        handle: h.handle.clone(),
        verified: None,
        badge: None,
    };
    // A timeline item's text starts in the name's column, right of the avatar: name words
    // wholly left of the text are the avatar's logo letters read into the header line ("PEK
    // РБК @ru_rbc" for the logo "РБК" then the name "РБК").
    let mut name_words: Vec<(String, Rect)> = h.name_words.clone();
    if h.one_line
        && let Some(left) = body.iter().map(|l| l.rect.x).reduce(f32::min)
    {
        let lh = lines[h.first].height();
        let in_col: Vec<(String, Rect)> = name_words
            .iter()
            .filter(|(_, r)| r.right() >= left - 0.3 * lh)
            .cloned()
            .collect();
        if !in_col.is_empty() && in_col.len() < name_words.len() {
            let strs: Vec<&str> = in_col.iter().map(|(t, _)| t.as_str()).collect();
            post.author.name = clean_name(&strs);
            name_words = in_col;
        }
    }
    // Emoji and badges after a name are read as letters ("Dev Patel 47", "Мария Захарова
    // BS"): words lying mostly on a colour mark are dropped.
    if let Some(r) = h.name_rect {
        let lh = lines[h.first].height();
        let area = Rect {
            x: r.x,
            y: r.y - 0.3 * lh,
            w: r.w + 0.5 * lh,
            h: r.h + 0.6 * lh,
        };
        let found = super::colour::marks(page.rgb, area, lh);
        if !found.is_empty() {
            let kept: Vec<&str> = name_words
                .iter()
                // (An emoji makes one to three letters; a longer word is the name itself
                // with coloured anti-aliasing.)
                .filter(|(t, wr)| {
                    t.chars().count() > 3
                        || !found.iter().any(|b| {
                            let ov = (wr.right().min(b.rect.right()) - wr.x.max(b.rect.x)).max(0.0);
                            ov > 0.5 * wr.w
                        })
                })
                .map(|(t, _)| t.as_str())
                .collect();
            post.author.name = clean_name(&kept);
        }
    }
    if prof.badges {
        if let Some(r) = h.name_rect {
            let limit = h
                .handle_rect
                // (Only a handle beside the name, past its middle, bounds it: a detail view's
                // handle under the name starts where the name starts, and a badge glued into
                // the name's box makes that box tall enough to reach the row below.)
                .filter(|hr| hr.x > r.x + 0.5 * r.w && (hr.cy() - r.cy()).abs() < r.h)
                .map(|hr| hr.x - 1.0);
            let badge = super::x::badge_colour(page.rgb, r, lines[h.first].height(), limit)
                .or_else(|| text_colour_badge(page, h));
            post.author.verified = Some(badge.is_some());
            post.author.badge = badge.map(str::to_string);
            if badge.is_some()
                && let (Some(n), Some(hd)) = (&post.author.name, &post.author.handle)
                && let Some(fixed) = super::fields::author::drop_badge_letter(n, hd)
            {
                post.author.name = Some(fixed);
            }
        }
    }
    post.timestamp = ts
        .as_ref()
        .and_then(|(t, _)| timestamp::parse(t, page.now))
        .or_else(|| {
            ts.as_ref().map(|(t, _)| Timestamp {
                text: t.clone(),
                iso: None,
                relative: true,
            })
        });
    for l in [h.first, h.last] {
        confs.extend(lines[l].words.iter().map(|w| w.conf));
    }
    let mean = if confs.is_empty() {
        0.0
    } else {
        confs.iter().sum::<f32>() / confs.len() as f32
    };
    let complete = [
        post.author.name.is_some(),
        post.author.handle.is_some(),
        post.timestamp.is_some(),
        !post.text.is_empty(),
    ]
    .iter()
    .filter(|b| **b)
    .count() as f32
        / 4.0;
    post.confidence = ((mean / 100.0) * (0.5 + 0.5 * complete) * 100.0).round() / 100.0;
    post.bbox = bbox.to_u32();
    post.boxes = FieldBoxes {
        author: h.name_rect.map(|r| r.to_u32()),
        handle: h.handle_rect.map(|r| r.to_u32()),
        timestamp: ts.map(|(_, r)| r.to_u32()),
        text: body
            .iter()
            .map(|l| l.rect)
            .reduce(|a, b| a.union(&b))
            .map(|r| r.to_u32()),
        metrics: metrics_rect.map(|r| r.to_u32()),
    };
    let _ = Metrics::NAMES;
    post
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posts::named::fixture::{line, plain};

    fn g(t: &str) -> (&str, Tone) {
        (t, Tone::Grey)
    }
    fn p(t: &str) -> (&str, Tone) {
        (t, Tone::Primary)
    }

    #[test]
    fn a_doubtful_footer_count_is_read_again() {
        // x_detail_dark_ru (seed 61, JPEG q70): "3 репоста 16 отметок «Нравится» 1 закладка"
        // with the bold "16" read as "160" at 21 %.
        let mut l = plain(
            31.0,
            384.0,
            15.0,
            "Зрепоста 160 отметок «Нравится» 1 закладка",
            Tone::Grey,
        );
        l.words[1].conf = 21.0;
        assert_eq!(
            doubtful_count(&l, 160).map(|r| r.x < l.words[1].rect.x),
            Some(true)
        );
        // The other counts were read surely.
        assert_eq!(doubtful_count(&l, 1), None);
        // A count with its unit word is left as read.
        let mut l = plain(26.0, 308.0, 16.0, "2,4 тыс. просмотров", Tone::Grey);
        l.words[0].conf = 30.0;
        assert_eq!(doubtful_count(&l, 2400), None);
    }
    #[test]
    fn grey_counts_among_icons_read_in_the_text_colour_make_an_icon_row() {
        // x_timeline_light_en (seed 86, scale 1): "💬 29 🔁 66 ♡ 228 ılı 5.4K 🔖⤴" read as
        // "© 29 tl 66 © 228 ilu 5.4K NA", the icons' strokes taken for the text's colour and
        // wider than the grey counts.
        let mut row = line(
            65.0,
            88.0,
            13.0,
            &[
                p("©"),
                g("29"),
                p("tl"),
                g("66"),
                p("©"),
                g("228"),
                g("ilu"),
                g("5.4K"),
                p("NA"),
            ],
        );
        for (w, c) in row
            .words
            .iter_mut()
            .zip([81.0, 96.0, 50.0, 88.0, 89.0, 97.0, 54.0, 85.0, 45.0])
        {
            w.conf = c;
            if w.tone == Tone::Primary {
                w.rect.w = 60.0;
            }
        }
        assert_eq!(row.tone(), Tone::Primary);
        assert!(is_action_row(&row));
        // Counts in the text's colour are text ("2-1 at 90 ok"), however short the words.
        let mut text = line(65.0, 88.0, 13.0, &[p("at"), p("90"), g("ok"), p("12")]);
        for w in text.words.iter_mut() {
            w.conf = 90.0;
        }
        assert!(!is_action_row(&text));
    }

    #[test]
    fn a_text_line_read_as_counts_above_the_grey_icon_row_stays_text() {
        // x_timeline_reply_dark_ru (dev set, scale 1.5): the text ends "$10 млрд 🇸🇦", read
        // "$10 Mapp Se" at 61 % in the text colour; the grey icon row follows.
        let mut last = line(97.0, 340.0, 19.0, &[p("$10"), p("Mapp"), p("Se")]);
        for (w, c) in last.words.iter_mut().zip([95.0, 32.0, 55.0]) {
            w.conf = c;
        }
        let mut row = plain(
            98.0,
            387.0,
            19.0,
            "© TQ 7,7 тыс. © З9тыс. il, 862 тыс. Ns",
            Tone::Grey,
        );
        for (w, c) in row
            .words
            .iter_mut()
            .zip([56.0, 71.0, 92.0, 95.0, 90.0, 78.0, 22.0, 97.0, 96.0, 60.0])
        {
            w.conf = c;
        }
        assert!(is_action_row(&last) && is_action_row(&row));
        let lines = vec![
            line(
                96.0,
                200.0,
                17.0,
                &[
                    p("Оксана"),
                    p("Коваль"),
                    g("@oksana_koval"),
                    g("·"),
                    g("11ч"),
                ],
            ),
            plain(
                96.0,
                312.0,
                17.0,
                "логистике и высоких технологиях — объём портфеля уже превышает",
                Tone::Primary,
            ),
            last,
            row,
        ];
        let layout = crate::layout::Layout {
            lines,
            width: 900,
            height: 420,
            background: [255, 255, 255],
        };
        let rgb = image::RgbImage::new(900, 420);
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        struct NoReads;
        impl CountReader for NoReads {
            fn read_count(&mut self, _: Rect) -> Option<String> {
                None
            }
        }
        let posts = extract(&page, &mut NoReads, &super::super::x::PROFILE);
        assert_eq!(posts.len(), 1);
        assert!(
            posts[0].text.ends_with("$10 Mapp Se"),
            "{:?}",
            posts[0].text
        );
    }

    #[test]
    fn a_footers_first_count_short_of_the_texts_edge_is_read_again_from_it() {
        // x_detail_dim_uk (seed 88, scale 2): "5 142 репости" read "142 репости", the word
        // starting two digits right of the text's edge at x 40.
        let l = plain(
            72.0,
            600.0,
            26.0,
            "142 репости 24 тис. вподобань",
            Tone::Grey,
        );
        let r = leading_group_lost(&l, 40.0).unwrap();
        assert!(r.x < 40.0 && r.right() > l.words[0].rect.right());
        assert_eq!(longer_reading("5 142", 142), Some(5142));
        assert_eq!(longer_reading("5,142", 142), Some(5142));
        assert_eq!(longer_reading("142", 142), None);
        assert_eq!(longer_reading("1 143", 142), None);
        // A footer at the edge, or one opening with its time, is left alone.
        assert_eq!(leading_group_lost(&l, 70.0), None);
        let t = plain(40.0, 560.0, 26.0, "15:28 · 19 лист. 2025 р.", Tone::Grey);
        assert_eq!(leading_group_lost(&t, 40.0), None);
    }

    #[test]
    fn a_count_its_label_rules_out_is_read_again_up_to_the_label() {
        // x_detail_quote_dim_uk (seed 86, JPEG q55 at 0.67): "10 цитат" read "1 цитат", the
        // "1"'s box short of the "0".
        let l = plain(
            24.0,
            431.0,
            17.0,
            "1 цитат 2164 вподобання 138 закладок",
            Tone::Grey,
        );
        let (r, label) = disagreeing_count(&l, "quotes", 1).unwrap();
        assert_eq!(label, "цитат");
        assert!(r.x < l.words[0].rect.x && r.right() > l.words[0].rect.right());
        assert!(r.right() < l.words[1].rect.x);
        assert_eq!(disagreeing_count(&l, "likes", 2164), None);
        assert_eq!(disagreeing_count(&l, "bookmarks", 138), None);
    }

    #[test]
    fn icon_letters_glued_to_a_count_make_an_icon_row() {
        // mastodon_timeline_light_en (dev set): "↩ 1  🔁  ☆ 7  🔖  …" read as
        // "«1 м wWw7 Q ..." in grey, with the page pass's confidences.
        let mut row = line(
            37.0,
            686.0,
            30.0,
            &[g("«1"), g("м"), g("wWw7"), g("Q"), g("...")],
        );
        for (w, c) in row.words.iter_mut().zip([75.0, 64.0, 51.0, 78.0, 74.0]) {
            w.conf = c;
        }
        assert!(is_action_row(&row));
        let text = line(37.0, 686.0, 30.0, &[g("Posted"), g("via"), g("web2")]);
        assert!(!is_action_row(&text));
        // x_timeline_mobile_dim_en (seed 62, JPEG q75): every count read as letters.
        let mut row = line(
            65.0,
            373.0,
            15.0,
            &[g("о"), g("tv"), g("Oisk"), g("yok"), g("fF")],
        );
        for (w, c) in row.words.iter_mut().zip([88.0, 4.0, 76.0, 47.0, 19.0]) {
            w.conf = c;
        }
        assert!(is_action_row(&row));
        // samples/dev4 article_x_widget_light_en: an embedded post's action row with "Reply"
        // re-read as "веру": its "Copy" label tells it is no icon row.
        let mut embed = line(
            386.0,
            1983.0,
            41.0,
            &[
                g("@"),
                g("10K"),
                g("О"),
                g("веру"),
                g("ft,"),
                g("Copy"),
                g("к"),
            ],
        );
        for (w, c) in embed
            .words
            .iter_mut()
            .zip([67.0, 94.0, 64.0, 64.0, 23.0, 12.0, 73.0])
        {
            w.conf = c;
        }
        assert!(!is_action_row(&embed));
        // x_timeline_reply_dim_en (seed 62, JPEG q60, downscaled): one count read clean among
        // icons read as letters.
        let mut row = line(
            64.0,
            257.0,
            14.0,
            &[
                g("QO"),
                g("tt"),
                g("QO"),
                g("111K"),
                g("il)"),
                g("2-4M"),
                g("nN"),
                g("&"),
            ],
        );
        for (w, c) in row
            .words
            .iter_mut()
            .zip([46.0, 0.0, 24.0, 77.0, 69.0, 78.0, 54.0, 75.0])
        {
            w.conf = c;
        }
        assert!(is_action_row(&row));
        // Short grey words read surely are text.
        let text = line(
            37.0,
            686.0,
            30.0,
            &[g("Show"), g("these"), g("posts"), g("here")],
        );
        assert!(!is_action_row(&text));
    }

    #[test]
    fn bookmark_and_share_icons_ending_the_row_read_as_a_word() {
        // A row of primary-ink words at one confidence.
        let row = |words: &[&str], conf: f32| {
            let ws: Vec<(&str, Tone)> = words.iter().map(|t| p(t)).collect();
            let mut l = line(37.0, 686.0, 20.0, &ws);
            for w in l.words.iter_mut() {
                w.conf = conf;
            }
            l
        };
        // x_timeline_thread_light_uk (seed 13): "💬  🔁  ♡ 14  📊 2,9 тис.  🔖 ⇧" read as
        // "о ч QO 14 ily 2,9 тис. Ansa".
        let icons = ["о", "ч", "QO", "14", "ily", "2,9", "тис.", "Ansa"];
        assert!(is_action_row(&row(&icons, 62.0)));
        // Not a four-letter word inside the line, nor with one count.
        let text = ["in", "2024", "we", "had", "jobs", "15", "new"];
        assert!(!is_action_row(&row(&text, 62.0)));
        assert!(!is_action_row(&row(&["о", "ч", "14", "Ansa"], 62.0)));
        // x_timeline_reposted_mobile_dark_en (seed 34): "💬 96 🔁 ♡ 2.1K 📊 70K" read as
        // "Ov wt O21K hh 70K &": an icon glued to a count with its unit.
        let glued = ["Ov", "wt", "O21K", "hh", "70K", "&"];
        assert!(is_action_row(&row(&glued, 60.0)));
    }

    #[test]
    fn a_grey_row_of_short_junk_with_two_counts_is_an_icon_row() {
        // x_timeline_reply_dim_en (seed 82, PNG): "💬  🔁 19  ♡ 123  ılı 3.5K  🔖 ⤴" read as
        // "о tris © 123 it 3.5K Ast", 67 % on the whole.
        let ws = ["о", "tris", "©", "123", "it", "3.5K", "Ast"];
        let confs = [82.0, 82.0, 96.0, 94.0, 0.0, 79.0, 38.0];
        let grey: Vec<(&str, Tone)> = ws.iter().map(|t| (*t, Tone::Grey)).collect();
        let mut row = line(65.0, 87.0, 14.0, &grey);
        for (w, c) in row.words.iter_mut().zip(confs) {
            w.conf = c;
        }
        assert!(is_action_row(&row));
        // bluesky_feed_light_en (seed 85, JPEG q65): "💬 🔁 ♡ 3 …" read "O So 03 een:", the menu
        // at the end read as letters.
        let ws = ["O", "So", "03", "een:"];
        let grey: Vec<(&str, Tone)> = ws.iter().map(|t| (*t, Tone::Grey)).collect();
        let mut menu = line(140.0, 209.0, 29.0, &grey);
        for (w, c) in menu.words.iter_mut().zip([90.0, 24.0, 68.0, 59.0]) {
            w.conf = c;
        }
        assert!(is_action_row(&menu));
        assert!(menu_dots("eee") && menu_dots("ooo") && !menu_dots("Seen") && !menu_dots("e"));
        // A grey line of short words with one number, or read sure, is none.
        let mut one = row.clone();
        one.words[5].text = "Ast".into();
        assert!(!is_action_row(&one));
        for w in row.words.iter_mut() {
            w.conf = 90.0;
        }
        assert!(!is_action_row(&row));
    }

    #[test]
    fn mention_ending_a_sentence_is_no_header() {
        // mastodon_timeline_dark_en (dev set): the text's last line ends with a mention the
        // colour test read as grey; it stays text, while "Name @handle. 2h" (a "·" read as
        // ".") is still a header.
        let lines = [
            plain(97.0, 28.0, 16.0, "Anton Sokolov", Tone::Primary),
            plain(97.0, 56.0, 16.0, "@anton@mastodon.ru", Tone::Grey),
            plain(
                21.0,
                104.0,
                16.0,
                "The US and Russia are closer",
                Tone::Primary,
            ),
            line(
                22.0,
                130.0,
                16.0,
                &[p("meetings"), p("today"), p("with"), g("@SteveWitkoff.")],
            ),
        ];
        let hs = headers(&lines);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].handle.as_deref(), Some("@anton@mastodon.ru"));
        let x = [line(10.0, 10.0, 16.0, &[p("Anna"), g("@anna."), g("2h")])];
        assert_eq!(headers(&x).len(), 1);
        assert!(is_mention_at_sentence_end("@anna!"));
        assert!(!is_mention_at_sentence_end("@anna.bsky.social"));
        // 025-bluesky (real screenshot): a long domain handle cut short.
        assert!(!is_mention_at_sentence_end("@aliceisjustplaying.bs."));
        assert!(!is_mention_at_sentence_end("@sc..."));
    }

    /// A dark page with the name "Dianna" in white and a 20 px mark after it, drawn by `mark`
    /// (x, y relative to the mark's centre → ink?).
    fn name_with_mark(mark: impl Fn(i32, i32) -> bool) -> Option<&'static str> {
        let bg = [21u8, 32, 43];
        let mut rgb = image::RgbImage::from_pixel(140, 40, image::Rgb(bg));
        for y in 10..30i32 {
            for x in 90..110i32 {
                if mark(x - 100, y - 20) {
                    rgb.put_pixel(x as u32, y as u32, image::Rgb([240, 240, 240]));
                }
            }
        }
        let mut l = line(10.0, 10.0, 20.0, &[p("Dianna"), p("@")]);
        l.words[0].ink = [240, 240, 240];
        l.words[1].rect = Rect {
            x: 89.0,
            y: 9.0,
            w: 22.0,
            h: 22.0,
        };
        let layout = crate::layout::Layout {
            lines: vec![l.clone()],
            width: 140,
            height: 40,
            background: bg,
        };
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        let h = Header {
            first: 0,
            last: 0,
            name: Some("Dianna".into()),
            name_rect: None,
            name_words: l.words.iter().map(|w| (w.text.clone(), w.rect)).collect(),
            handle: None,
            handle_rect: None,
            timestamp: None,
            left: 10.0,
            one_line: true,
        };
        text_colour_badge(&page, &h)
    }

    #[test]
    fn a_quote_headers_at_sign_read_as_a_letter_still_makes_a_handle() {
        let l = line(
            40.0,
            100.0,
            12.0,
            &[
                p("Оксана"),
                p("Коваль"),
                g("Woksana_koval"),
                g("·"),
                g("19"),
                g("лист."),
            ],
        );
        assert_eq!(
            misread_at_handle(&l.words),
            Some((2, "@oksana_koval".to_string()))
        );
        // A name word, or a grey word without a time after it, is no handle.
        let plain_name = line(
            40.0,
            100.0,
            12.0,
            &[p("Anna"), p("Woods_x"), g("·"), g("2h")],
        );
        assert_eq!(misread_at_handle(&plain_name.words), None);
        let no_time = line(40.0, 100.0, 12.0, &[p("Anna"), g("Wanna_b"), g("said")]);
        assert_eq!(misread_at_handle(&no_time.words), None);
    }

    #[test]
    fn a_clock_time_with_the_separator_glued_on() {
        // facebook_mobile_light_ru (dev set): the time line re-read "4 ноября в 17:12. ®".
        let l = plain(75.0, 34.0, 13.0, "4 ноября в 17:12. ®", Tone::Grey);
        let ws: Vec<&LWord> = l.words.iter().collect();
        assert_eq!(leading_timestamp(&ws).unwrap().0, "4 ноября в 17:12");
        assert_eq!(trim_clock("17:12-"), "17:12");
        assert_eq!(trim_clock("ч."), "ч.");
        assert_eq!(trim_clock("2025."), "2025.");
    }

    #[test]
    fn a_detail_footers_count_after_the_date_is_the_views_whatever_its_label() {
        // "15:41 · 12 лист. 2025 р. · 206 тис. переглядів" read by the Latin model.
        let l = plain(
            30.0,
            400.0,
            20.0,
            "15:41 - 12 лист. 2025 p. - 206 Tue. nepernagis",
            Tone::Grey,
        );
        let ws: Vec<&LWord> = l.words.iter().collect();
        let (_, date) = leading_timestamp(&ws).unwrap();
        assert_eq!(views_after_date(&l, &date), Some(206_000));
        let en = plain(
            30.0,
            400.0,
            20.0,
            "8:22 AM - Nov 4, 2025 - 1.9K Views",
            Tone::Grey,
        );
        let ws: Vec<&LWord> = en.words.iter().collect();
        let (_, date) = leading_timestamp(&ws).unwrap();
        assert_eq!(views_after_date(&en, &date), Some(1_900));
        // No label after the number: a stray count, not the views.
        let bare = plain(30.0, 400.0, 20.0, "8:22 AM - Nov 4, 2025 - 19", Tone::Grey);
        let ws: Vec<&LWord> = bare.words.iter().collect();
        let (_, date) = leading_timestamp(&ws).unwrap();
        assert_eq!(views_after_date(&bare, &date), None);
        // dev4 article_x_widget_light_uk: the date read as no date; its day is no count.
        let undated = plain(267.0, 850.0, 16.0, "17:10 - 3 nuctT. 2025 p.", Tone::Grey);
        let ws: Vec<&LWord> = undated.words.iter().collect();
        let (_, time) = leading_timestamp(&ws).unwrap();
        assert_eq!(views_after_date(&undated, &time), None);
    }

    #[test]
    fn a_badge_in_the_text_colour_is_told_by_its_shape() {
        let disc = |x: i32, y: i32| x * x + y * y <= 90;
        // The check cut out of the disc: a short and a long stroke.
        let check = |x: i32, y: i32| {
            (-5..=-1).contains(&x) && (y - x - 4).abs() <= 1
                || (-1..=6).contains(&x) && (y + x - 2).abs() <= 1
        };
        assert_eq!(
            name_with_mark(|x, y| disc(x, y) && !check(x, y)),
            Some("white")
        );
        // A disc (a monochrome emoji) has no check; an "@" is a thin ring, little filled.
        assert_eq!(name_with_mark(disc), None);
        let ring = |x: i32, y: i32| (64..=90).contains(&(x * x + y * y));
        assert_eq!(name_with_mark(ring), None);
    }

    #[test]
    fn avatar_initials_between_name_and_handle_and_a_follow_button_are_header() {
        // Mobile detail view: avatar "B" at the left, name row, handle row, a "Follow" button
        // read level with the handle at the far right, then the text.
        let lines = vec![
            plain(130.0, 228.0, 30.0, "Bloomberg", Tone::Primary),
            plain(62.0, 248.0, 29.0, "B", Tone::Primary),
            plain(130.0, 271.0, 29.0, "@business", Tone::Grey),
            plain(600.0, 275.0, 22.0, "Follow", Tone::Primary),
            plain(
                34.0,
                334.0,
                21.0,
                "Our statement on today's announcement:",
                Tone::Primary,
            ),
        ];
        let hs = headers(&lines);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].name.as_deref(), Some("Bloomberg"));
        assert_eq!(
            (hs[0].first, hs[0].last),
            (0, 3),
            "the button is header, not text"
        );
        // Captured (dim detail view, 600 px): the avatar's logo "РБК" and the "Читать"
        // button, level with each other, read as one line between the name and the handle.
        let mut between = plain(20.0, 26.0, 14.0, "РБК Читать", Tone::Primary);
        between.words[1].rect.x = 490.0;
        between.rect = between.words[0].rect.union(&between.words[1].rect);
        let lines = vec![
            plain(65.0, 12.0, 14.0, "PBK", Tone::Primary),
            between,
            plain(65.0, 34.0, 14.0, "@ru_rbc", Tone::Grey),
            plain(
                20.0,
                70.0,
                14.0,
                "Открыли набор на зимнюю школу",
                Tone::Primary,
            ),
        ];
        let hs = headers(&lines);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].name.as_deref(), Some("PBK"));
        assert_eq!(hs[0].first, 0);
    }

    #[test]
    fn text_holding_a_count_and_a_label_word_is_no_footer() {
        let text = plain(
            0.0,
            0.0,
            20.0,
            "LeBron scored 30 points in the fourth quarter",
            Tone::Primary,
        );
        assert!(footer_counts(&text).is_empty());
        let ru = plain(
            0.0,
            0.0,
            20.0,
            "и набрал 30 отметок за вечер",
            Tone::Primary,
        );
        assert!(footer_counts(&ru).is_empty());
        for f in [
            "24 Reposts 1 Quote 104 Likes 12 Bookmarks",
            "1:19 PM · Nov 17, 2025 · 2.1K Views",
            "237 репостов 12 цитат 4,5 тыс. отметок «Нравится»",
            "17:10 - 3 nuctT. 2025 p. · 1,2 тис. переглядів",
        ] {
            let l = plain(0.0, 0.0, 20.0, f, Tone::Grey);
            assert!(!footer_counts(&l).is_empty(), "{f}");
        }
        // Captured: "5 поширень 3 цитати 114 вподобань 8 закладок", labels garbled.
        let garbled = plain(
            0.0,
            0.0,
            20.0,
            "Spenoctis Зцитати 114eBnogo6akb 8закладок",
            Tone::Grey,
        );
        assert!(!footer_counts(&garbled).is_empty());
    }

    #[test]
    fn a_follow_button_and_a_menu_between_name_and_handle() {
        // x_detail_quote_dim_en (seed 62): "Follow" and the "…" menu (read "see") stand far
        // right, between the name and the handle rows in y order.
        let lines = [
            plain(20.0, 18.0, 15.0, "€ Post", Tone::Primary),
            plain(66.0, 69.0, 11.0, "Linda Okafor", Tone::Primary),
            plain(500.0, 79.0, 11.0, "Follow", Tone::Primary),
            plain(566.0, 84.0, 3.0, "see", Tone::Grey),
            plain(66.0, 89.0, 14.0, "@lindaokafor", Tone::Grey),
            plain(
                18.0,
                125.0,
                12.0,
                "The new library opens on Monday",
                Tone::Primary,
            ),
        ];
        let hs = headers(&lines);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].name.as_deref(), Some("Linda Okafor"));
        assert_eq!(hs[0].handle.as_deref(), Some("@lindaokafor"));
    }

    #[test]
    fn a_heart_and_count_read_as_a_handle_opens_no_post() {
        // article_x_widget_light_en (seed 61): under the embedded post's footer time, the
        // action row "♥ 2.1K  💬 Reply  🔗 Copy link" read as "@21K DReply & Copy link".
        let lines = [
            plain(256.0, 1060.0, 31.0, "exports this year.", Tone::Primary),
            plain(255.0, 1134.0, 22.0, "2:06 PM - Nov 21, 2025", Tone::Grey),
            plain(257.0, 1209.0, 29.0, "@21K DReply & Copy link", Tone::Grey),
        ];
        assert!(headers(&lines).is_empty());
    }

    #[test]
    fn the_embed_action_row_splits_before_reply() {
        // Captured: "9178 DReply 4, Copy link" (the heart read as a 9, the bubble as a D).
        let l = plain(257.0, 1208.0, 29.0, "9178 DReply 4, Copy link", Tone::Grey);
        assert_eq!(embed_actions_split(&l), Some(l.words[1].rect.x));
        let ru = plain(
            0.0,
            0.0,
            20.0,
            "12 тыс. Ответить Копировать ссылку",
            Tone::Grey,
        );
        assert_eq!(embed_actions_split(&ru), Some(ru.words[2].rect.x));
        // holdout article_x_widget_light_en: "Copy link" read as one word.
        let l = plain(357.0, 1153.0, 29.0, "@ 40K OReply 24, Copylink", Tone::Grey);
        assert!(embed_actions_split(&l).is_some());
        // No count before the label, or no copy label after it: not that row.
        let none = plain(0.0, 0.0, 20.0, "Reply Copy link", Tone::Grey);
        assert_eq!(embed_actions_split(&none), None);
        let text = plain(0.0, 0.0, 20.0, "I had 2 minutes to reply", Tone::Primary);
        assert_eq!(embed_actions_split(&text), None);
        // dev4 article_x_widget_light_uk: "Відповісти" garbled by the Latin pass; the label
        // is the word after the heart's count, before "Копіювати".
        let uk = plain(
            267.0,
            905.0,
            22.0,
            "@ 671c. C)Bignosictu %, Копіювати посилання",
            Tone::Grey,
        );
        assert_eq!(embed_actions_split(&uk), Some(uk.words[2].rect.x));
        // dev3 article_x_widget_light_uk_s1: the link icon read as "4,".
        let uk = plain(
            128.0,
            606.0,
            14.0,
            "@ 170тис. © Bignosictn 4, Копіювати посилання",
            Tone::Grey,
        );
        assert_eq!(embed_actions_split(&uk), Some(uk.words[2].rect.x));
        // Digits right before the copy label leave no word for the reply label.
        let none = plain(0.0, 0.0, 20.0, "@ 67 Копіювати посилання", Tone::Grey);
        assert_eq!(embed_actions_split(&none), None);
    }

    #[test]
    fn labels_without_their_count_get_a_box_to_reread() {
        // Captured: "51 цитата" read as "+ цитата"; the junk word's box is re-read.
        let l = plain(
            20.0,
            695.0,
            11.0,
            "237 репостов + цитата 1112 отметок «Нравится» 22 закладки",
            Tone::Grey,
        );
        let got = unread_labels(&l, 20.0);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "quotes");
        let plus = &l.words[2].rect;
        assert!(got[0].1.x <= plus.x && got[0].1.right() >= plus.right());
        // The line starts right of the post with its first label: its count is left of it.
        let l = plain(61.0, 642.0, 11.0, "репостов 144 цитаты", Tone::Grey);
        let got = unread_labels(&l, 18.0);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "reposts");
        assert!(got[0].1.x <= 18.0 && got[0].1.right() <= 61.0);
        // Captured from a dark Russian detail view: "15", "63" lost and "1 цитата" garbled.
        // The garbled word between the reposts' and the likes' labels is the quotes' label,
        // and the likes' count stands after it, not from the reposts' label on.
        let mut l = plain(
            20.0,
            0.0,
            11.0,
            "репостов Tuvtata отметки «Нравится» 6 закладок",
            Tone::Grey,
        );
        // (The lost counts' room: two text heights before each of the first two labels.)
        for from in [1, 2] {
            for w in &mut l.words[from..] {
                w.rect.x += 22.0;
            }
        }
        // (The post's text starts left of the line: the reposts' count was there.)
        let got = unread_labels(&l, 0.0);
        let names: Vec<_> = got.iter().map(|g| g.0).collect();
        assert_eq!(names, ["reposts", "quotes", "likes"]);
        let garbled = &l.words[1].rect;
        assert!(got[1].1.right() <= garbled.x);
        assert!(got[2].1.x >= garbled.right());
        // All counts read: nothing to re-read.
        let l = plain(20.0, 0.0, 11.0, "5,509 Reposts 438 Quotes", Tone::Grey);
        assert!(unread_labels(&l, 20.0).is_empty());
    }

    #[test]
    fn views_shown_labelled_leave_the_row_without_a_views_slot() {
        let prof = super::super::x::PROFILE;
        assert_eq!(
            row_slots(&prof, true),
            ["replies", "reposts", "likes", "bookmarks"]
        );
        assert_eq!(row_slots(&prof, false), prof.slots);
    }

    #[test]
    fn a_sidebar_column_bounds_the_row() {
        let mut side = plain(969.0, 129.0, 10.0, "Trending in United States", Tone::Grey);
        side.col = 2;
        let mut row = plain(389.0, 172.0, 12.0, "11 1.2K", Tone::Grey);
        row.col = 1;
        let lines = vec![row, side];
        assert_eq!(next_column_start(&lines, 1, 800.0), Some(969.0));
        assert_eq!(next_column_start(&lines, 1, 1000.0), None);
    }

    #[test]
    fn a_mention_the_colour_test_missed_opens_no_post() {
        // "TechCrunch @TechCrunch · 58m" / "Replying to …" / body with "@business," in grey.
        let lines = vec![
            line(
                0.0,
                0.0,
                14.0,
                &[p("TechCrunch"), g("@TechCrunch"), g("·"), g("58m")],
            ),
            line(
                0.0,
                30.0,
                14.0,
                &[
                    p("Thank"),
                    p("you,"),
                    g("@business,"),
                    p("for"),
                    p("the"),
                    p("balanced"),
                    p("coverage."),
                ],
            ),
            plain(0.0, 50.0, 14.0, "for themselves: 14% growth", Tone::Primary),
        ];
        let hs = headers(&lines);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].handle.as_deref(), Some("@TechCrunch"));
        assert_eq!(hs[0].timestamp.as_ref().map(|t| t.0.as_str()), Some("58m"));
    }

    #[test]
    fn a_handle_split_at_its_underscore_is_joined() {
        let mut l = line(
            0.0,
            0.0,
            14.0,
            &[
                p("Банк"),
                p("России"),
                g("@bank"),
                g("of_russia"),
                g("·"),
                g("43"),
                g("хв"),
            ],
        );
        // The OCR's "space" is the underscore's width.
        let dx = l.words[3].rect.x - (l.words[2].rect.right() + 3.0);
        for w in &mut l.words[3..] {
            w.rect.x -= dx;
        }
        let hs = headers(&[l]);
        assert_eq!(hs[0].handle.as_deref(), Some("@bank_of_russia"));
        assert_eq!(hs[0].name.as_deref(), Some("Банк России"));
        assert_eq!(
            hs[0].timestamp.as_ref().map(|t| t.0.as_str()),
            Some("43 хв")
        );
    }

    /// A header line with its words set `gap` apart after the handle (the OCR's "space" where
    /// the handle has an underscore).
    fn header_line(words: &[(&str, Tone)], from: usize, gap: f32) -> Line {
        let mut l = line(0.0, 0.0, 14.0, words);
        for i in from..l.words.len() {
            let x = l.words[i - 1].rect.right() + gap;
            let dx = l.words[i].rect.x - x;
            for w in &mut l.words[i..] {
                w.rect.x -= dx;
            }
        }
        l
    }

    #[test]
    fn a_handle_read_in_three_pieces_with_the_hour_glued_on() {
        // Captured: "Банк России @bank_of_russia · 18 ч" read "@bank of _russia- 184".
        let l = header_line(
            &[
                p("Банк"),
                p("России"),
                g("@bank"),
                g("of"),
                g("_russia-"),
                g("184"),
            ],
            3,
            3.0,
        );
        let hs = headers(&[l]);
        assert_eq!(hs[0].handle.as_deref(), Some("@bank_of_russia"));
        assert_eq!(hs[0].timestamp.as_ref().map(|t| t.0.as_str()), Some("18 ч"));
        // "Алексей Воронин @a_voronin · 2 ч" read "@a voronin-24": the "·" and "ч" glued on.
        let l = header_line(
            &[p("Алексей"), p("Воронин"), g("@a"), g("voronin-24")],
            3,
            3.0,
        );
        let hs = headers(&[l]);
        assert_eq!(hs[0].handle.as_deref(), Some("@a_voronin"));
        assert_eq!(hs[0].timestamp.as_ref().map(|t| t.0.as_str()), Some("2 ч"));
        // A word a space apart after the handle is not part of it, nor is a time.
        let l = header_line(&[p("Anna"), g("@anna"), g("writes")], 2, 8.0);
        assert_eq!(headers(&[l])[0].handle.as_deref(), Some("@anna"));
        let l = header_line(&[p("Anna"), g("@anna"), g("2h")], 2, 3.0);
        let hs = headers(&[l]);
        assert_eq!(hs[0].handle.as_deref(), Some("@anna"));
        assert_eq!(hs[0].timestamp.as_ref().map(|t| t.0.as_str()), Some("2h"));
    }

    #[test]
    fn a_time_glued_to_an_x_handle_after_its_separator() {
        let l = line(
            0.0,
            0.0,
            14.0,
            &[p("Dr."), p("James"), p("Wu"), g("@jameswu_md-2h")],
        );
        let hs = headers(&[l]);
        assert_eq!(hs[0].handle.as_deref(), Some("@jameswu_md"));
        assert_eq!(hs[0].timestamp.as_ref().map(|t| t.0.as_str()), Some("2h"));
        // A Bluesky handle keeps its '-'.
        assert_eq!(split_glued_time("@marina-l.bsky.social"), None);
        assert_eq!(
            split_glued_time("@jameswu_md-2rom"),
            Some(("@jameswu_md".into(), "2rom".into()))
        );
    }

    #[test]
    fn a_russian_hour_read_as_a_four() {
        let l = line(
            0.0,
            0.0,
            14.0,
            &[p("РБК"), g("@ru_rbc-"), g("14"), g("...")],
        );
        let hs = headers(&[l]);
        assert_eq!(hs[0].timestamp.as_ref().map(|t| t.0.as_str()), Some("1 ч"));
        // Not on an English line, where ages keep their letter.
        let l = line(
            0.0,
            0.0,
            14.0,
            &[p("Reuters"), g("@Reuters"), g("·"), g("14")],
        );
        assert!(headers(&[l])[0].timestamp.is_none());
    }

    #[test]
    fn the_embed_button_tells_the_replies() {
        assert_eq!(read_replies_button("Read 3.1K replies"), Some(3100));
        assert_eq!(read_replies_button("Читати відповіді (131)"), Some(131));
        assert_eq!(read_replies_button("Читать ответы (2,8 тыс.)"), Some(2800));
        assert_eq!(read_replies_button("Read more on X"), None);
        assert_eq!(read_replies_button("Replies 12"), None);
    }

    #[test]
    fn logo_text_in_the_avatar_is_no_body_line() {
        // Captured from an X mobile timeline: the outlet's logo avatar reads "PBK".
        let header = line(
            130.0,
            237.0,
            27.0,
            &[p("РБК"), g("@ru_rbc"), g("·"), g("46"), g("мин")],
        );
        let logo = plain(54.0, 264.0, 15.0, "PBK", Tone::Primary);
        let body = plain(
            131.0,
            285.0,
            23.0,
            "Ровно 10 лет назад я запустил свой",
            Tone::Primary,
        );
        let lines = vec![header.clone(), logo.clone(), body];
        let hs = headers(&lines);
        assert_eq!(hs.len(), 1);
        assert!(one_line_avatar_text(&lines, &hs[0], 1, lines.len()));
        // A detail view's body starts under the avatar, at its left: that is text.
        let under = plain(54.0, 300.0, 23.0, "and the rest of the post", Tone::Primary);
        let lines = vec![header, logo, under];
        let hs = headers(&lines);
        assert!(!one_line_avatar_text(&lines, &hs[0], 1, lines.len()));
    }

    #[test]
    fn a_feed_items_missing_handle_line_is_read_again() {
        // mastodon_timeline_light_en (seed 79, JPEG q85 at 0.8): the second item's handle
        // line went unread; its name stands where the first item's name does.
        let lines = vec![
            plain(87.0, 23.0, 20.0, "Ірина", Tone::Primary),
            plain(441.0, 39.0, 14.0, "4h", Tone::Grey),
            plain(87.0, 50.0, 23.0, "@iryna@mastodon.social", Tone::Grey),
            plain(
                20.0,
                92.0,
                15.0,
                "Bitcoin falls below $90,000 for the first time",
                Tone::Primary,
            ),
            plain(86.0, 252.0, 15.0, "Julia Evans", Tone::Primary),
            plain(405.0, 267.0, 14.0, "@ 10m", Tone::Grey),
            plain(
                19.0,
                321.0,
                14.0,
                "This is the view from our office",
                Tone::Primary,
            ),
        ];
        let layout = crate::layout::Layout {
            lines,
            width: 480,
            height: 420,
            background: [255, 255, 255],
        };
        let rgb = image::RgbImage::new(480, 420);
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        struct Handle(Vec<Rect>);
        impl CountReader for Handle {
            fn read_count(&mut self, _: Rect) -> Option<String> {
                None
            }
            fn read_block(&mut self, r: Rect) -> Vec<crate::ocr::Word> {
                self.0.push(r);
                vec![crate::ocr::Word {
                    text: "@b0rk@jvns.ca".into(),
                    rect: Rect {
                        x: 87.0,
                        y: r.y + 6.0,
                        w: 150.0,
                        h: 18.0,
                    },
                    conf: 90.0,
                    block: 0,
                    par: 0,
                    line: 0,
                }]
            }
        }
        let mut reads = Handle(vec![]);
        let posts = extract(&page, &mut reads, &super::super::mastodon::PROFILE);
        assert_eq!(posts.len(), 2);
        assert_eq!(posts[1].author.handle.as_deref(), Some("@b0rk@jvns.ca"));
        assert_eq!(
            posts[1].timestamp.as_ref().map(|t| t.text.as_str()),
            Some("10m")
        );
        // Only the gap under the unheaded name was read.
        assert_eq!(reads.0.len(), 1);
        assert!(
            reads.0[0].y >= 267.0 && reads.0[0].bottom() <= 321.0,
            "{:?}",
            reads.0
        );
    }

    #[test]
    fn a_relative_time_on_an_icon_row_is_its_first_count() {
        // mastodon_detail_light_en (seed 75, JPEG q75): the row under the detail footer.
        let row = plain(37.0, 423.0, 31.0, "© 39 S w Qn", Tone::Grey);
        let (t, _) = footer_timestamp(&row).unwrap();
        assert!(time_on_icon_row(&row, &t));
        // The footer's own date is no row's.
        let footer = plain(34.0, 341.0, 20.0, "Nov 3, 2025, 18:19", Tone::Grey);
        let (t, _) = footer_timestamp(&footer).unwrap();
        assert!(!time_on_icon_row(&footer, &t));
    }

    #[test]
    fn sidebar_headings() {
        assert!(is_sidebar_heading("Who to follow"));
        assert!(is_sidebar_heading("Кого читать"));
        assert!(!is_sidebar_heading(
            "Who to follow for the best takes on the match tonight"
        ));
        assert!(!is_sidebar_heading("What's happening"));
    }

    #[test]
    fn a_footer_date_that_did_not_read_is_read_again() {
        // Captured: an embedded X post's footer "17:10 · 3 лист. 2025 р." as the page pass read
        // it; the Cyrillic re-read of the same words gave "17:10 - Злист. 2025 р.".
        struct Cyrillic;
        impl CountReader for Cyrillic {
            fn read_count(&mut self, _: Rect) -> Option<String> {
                None
            }
            fn read_time(
                &mut self,
                rect: Rect,
                score: &dyn Fn(&[crate::ocr::Word]) -> Option<f32>,
            ) -> Option<Vec<crate::ocr::Word>> {
                let w = |t: &str, conf: f32| crate::ocr::Word {
                    text: t.into(),
                    rect,
                    conf,
                    block: 0,
                    par: 0,
                    line: 0,
                };
                let latin = vec![w("17:10", 86.0), w("3", 90.0), w("nuct.", 54.0)];
                let cyr = vec![
                    w("17:10", 92.0),
                    w("-", 89.0),
                    w("Злист.", 91.0),
                    w("2025", 96.0),
                    w("р.", 97.0),
                ];
                assert!(score(&latin).is_none());
                score(&cyr).map(|_| cyr)
            }
        }
        let l = line(
            267.0,
            850.0,
            16.0,
            &[g("17:10"), g("-"), g("3"), g("nuctT."), g("2025"), g("p.")],
        );
        // The time alone is the footer's timestamp (separators are no words after it)...
        let ts = footer_timestamp(&l).unwrap();
        assert_eq!(ts.0, "17:10");
        // ...and the re-read gives it its date.
        let (t, _) = reread_footer_date(&l, &ts, &mut Cyrillic).unwrap();
        assert_eq!(t, "17:10 · 3 лист. 2025 р.");
        // No year after the time: nothing to re-read (a Telegram-like "14:58" footer).
        let bare = line(0.0, 0.0, 16.0, &[g("14:58"), g("12")]);
        let ts = footer_timestamp(&bare).unwrap();
        assert!(reread_footer_date(&bare, &ts, &mut Cyrillic).is_none());
    }

    /// Lines of an X detail view with a quoted post, as the page pass read them (captured; the
    /// main post's last text line is a poor read that looks like an icon row).
    fn detail_with_quote(body_end: Vec<Line>) -> Vec<Line> {
        let mut ls = vec![
            line(97.0, 21.0, 17.0, &[p("Банк"), p("России"), g("@")]),
            line(98.0, 54.0, 21.0, &[g("@bank_of_russia")]),
            plain(
                25.0,
                102.0,
                20.0,
                "Сегодня в Москве прошли переговоры с делегацией Саудовской",
                Tone::Primary,
            ),
        ];
        ls.extend(body_end);
        ls.extend([
            line(
                43.0,
                271.0,
                21.0,
                &[
                    g("@"),
                    p("елена"),
                    p("Смирнова"),
                    g("@lena_smirnova"),
                    g(":"),
                    g("19"),
                    g("нояб."),
                ],
            ),
            plain(
                43.0,
                309.0,
                21.0,
                "Доброе утро! В Петербурге снова дождь",
                Tone::Primary,
            ),
            line(
                26.0,
                416.0,
                16.0,
                &[
                    g("10:38"),
                    g("23"),
                    g("нояб."),
                    g("2025"),
                    g("г."),
                    g("-"),
                    p("28"),
                    p("тыс."),
                    g("просмотров"),
                ],
            ),
        ]);
        ls
    }

    #[test]
    fn a_detail_views_quote_card_is_quoted_before_its_footer() {
        // "$10 млрд." read "$10 mnpp Se", with the confidences the page pass gave.
        let mut poor = line(24.0, 205.0, 21.0, &[p("$10"), p("mnpp"), p("Se")]);
        for (w, c) in poor.words.iter_mut().zip([93.0, 8.0, 55.0]) {
            w.conf = c;
        }
        let ls = detail_with_quote(vec![poor]);
        assert!(is_action_row(&ls[3]));
        let hs = headers(&ls);
        assert_eq!(hs.len(), 2);
        assert_eq!(pair_quotes(&ls, &hs), vec![(0, Some(1))]);
        // The footer after the card ends the text: a header after it is a post of its own.
        let mut after = ls.clone();
        after.swap(5, 6);
        after.swap(4, 5);
        let hs = headers(&after);
        assert_eq!(pair_quotes(&after, &hs), vec![(0, None), (1, None)]);
    }

    /// `b` moved right by `dx`, then joined to `a` as one line (a menu or button level with it).
    fn with_far_right(a: Line, mut b: Line, dx: f32) -> Line {
        for w in &mut b.words {
            w.rect.x += dx;
        }
        let mut words = a.words;
        words.extend(b.words);
        Line::from_words(words)
    }

    #[test]
    fn a_sentence_naming_several_accounts_is_no_header() {
        // Bluesky's quote card (real screenshot, as read): its header, then its text, whose
        // first line names two accounts after "team,".
        let ls = vec![
            line(
                170.0,
                238.0,
                22.0,
                &[
                    p("AT"),
                    p("Protocol"),
                    p("Community"),
                    g("@atprotocol.dev"),
                    g("·"),
                    g("7d"),
                ],
            ),
            plain(
                171.0,
                277.0,
                17.0,
                "Meet the Bluesky DevRel team, @alex.bsky.team & @jimray.bsky.team, who",
                Tone::Primary,
            ),
        ];
        let hs = headers(&ls);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].handle.as_deref(), Some("@atprotocol.dev"));
        // Either sign alone makes a mention: the comma closing the words before it ...
        let one = plain(
            171.0,
            0.0,
            17.0,
            "Meet the team, @alex.bsky.team who",
            Tone::Primary,
        );
        assert!(headers(&[one]).is_empty());
        // ... or another handle after it.
        let two = plain(
            171.0,
            0.0,
            17.0,
            "Alex @alex.bsky.team & @jim.bsky.team",
            Tone::Primary,
        );
        assert!(headers(&[two]).is_empty());
        // An emoji read as "a," after a name is no word ending in a comma.
        let emoji = line(
            149.0,
            20.0,
            25.0,
            &[
                p("Charlie"),
                g("¥f"),
                g("a,"),
                g("@CharlieDayQuote"),
                g("-"),
                g("Oct"),
                g("14"),
            ],
        );
        assert_eq!(headers(&[emoji]).len(), 1);
    }

    #[test]
    fn a_menu_open_beside_the_footer_leaves_it_a_footer() {
        // Bluesky's detail footer with an open context menu's items level with it, far right
        // (real screenshot, as read).
        let time = plain(
            151.0,
            999.0,
            15.0,
            "7:17 AM - Dec 11, 2025 © Everybody can reply",
            Tone::Grey,
        );
        let menu = plain(0.0, 999.0, 15.0, "Block account", Tone::Primary);
        let l = with_far_right(time.clone(), menu.clone(), 900.0);
        let ts = footer_timestamp(&l).expect("the time and date");
        assert_eq!(ts.0, footer_timestamp(&time).unwrap().0);
        // Without the gap the menu words are the line's own: no footer.
        let near = with_far_right(time, menu, time_end(&l) + 10.0);
        assert!(footer_timestamp(&near).is_none());
        // The counts line, "save" being Bluesky's bookmark.
        let counts = plain(151.0, 1061.0, 19.0, "1repost 12 likes 1save", Tone::Primary);
        let report = plain(0.0, 1061.0, 19.0, "Report post", Tone::Primary);
        let got = footer_counts(&with_far_right(counts.clone(), report.clone(), 900.0));
        let names: Vec<(&str, u64)> = got.iter().map(|c| (c.0, c.1)).collect();
        assert_eq!(names, [("reposts", 1), ("likes", 12), ("bookmarks", 1)]);
        let glued = counts.words.last().unwrap().rect.right() + 5.0;
        assert!(footer_counts(&with_far_right(counts, report, glued)).is_empty());
        // A bare "38 s" opening an icon row keeps every word after it: no footer time.
        let row = line(18.0, 128.0, 12.0, &[g("38"), g("S")]);
        let rest = plain(0.0, 128.0, 12.0, "43 vy 196 qn eee", Tone::Grey);
        assert!(footer_timestamp(&with_far_right(row, rest, 100.0)).is_none());
    }

    fn time_end(l: &Line) -> f32 {
        l.words
            .iter()
            .find(|w| w.text == "reply")
            .unwrap()
            .rect
            .right()
    }

    #[test]
    fn a_clock_time_in_the_text_colour_ends_no_text() {
        // "… Powell speaks at 2:30 PM ET." closing a post's text, then the quote card.
        let ends = plain(25.0, 205.0, 17.0, "2:30 PM ET.", Tone::Primary);
        assert!(footer_timestamp(&ends).is_none());
        let ls = detail_with_quote(vec![ends]);
        let hs = headers(&ls);
        assert_eq!(pair_quotes(&ls, &hs), vec![(0, Some(1))]);
        // In grey, alone, a time is a footer.
        assert!(footer_timestamp(&plain(25.0, 0.0, 17.0, "2:30 PM", Tone::Grey)).is_some());
    }

    #[test]
    fn an_icon_taller_than_text_is_no_handle() {
        // A side menu: "Explore" over a bell icon read "@D" at four times the text height.
        let mut ls = vec![
            line(44.0, 141.0, 24.0, &[p("YP"), p("Explore")]),
            line(47.0, 203.0, 80.0, &[p("@D")]),
        ];
        for k in 0..4 {
            ls.push(plain(
                101.0,
                265.0 + 60.0 * k as f32,
                19.0,
                "Messages",
                Tone::Primary,
            ));
        }
        assert!(headers(&ls).is_empty());
    }

    #[test]
    fn a_date_in_the_text_colour_before_a_link_is_text() {
        // Captured (dim Russian timeline): the text's last line opens with a date and goes on
        // with a link, so the line's tone is mixed; the date's own words are in the text
        // colour, and a timeline item shows its time in its header.
        fn a(t: &str) -> (&str, Tone) {
            (t, Tone::Accent)
        }
        let lines = vec![
            line(
                125.0,
                60.0,
                22.0,
                &[
                    p("Елена"),
                    p("Смирнова"),
                    g("@lena_smirnova"),
                    g("·"),
                    g("7"),
                    g("нояб."),
                ],
            ),
            plain(
                125.0,
                100.0,
                22.0,
                "Открыли набор на зимнюю школу",
                Tone::Primary,
            ),
            line(
                125.0,
                135.0,
                22.0,
                &[p("15"), p("декабря:"), a("ml-school.ru/winter")],
            ),
        ];
        let layout = crate::layout::Layout {
            lines,
            width: 1200,
            height: 200,
            background: [0x15, 0x20, 0x2b],
        };
        let rgb = image::RgbImage::from_pixel(1200, 200, image::Rgb([0x15, 0x20, 0x2b]));
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        let posts = extract(
            &page,
            &mut crate::posts::NoReread,
            &crate::posts::x::PROFILE,
        );
        assert_eq!(posts.len(), 1);
        assert!(
            posts[0].text.ends_with("ml-school.ru/winter"),
            "{}",
            posts[0].text
        );
    }

    #[test]
    fn a_sentence_opening_with_today_is_no_footer() {
        // Captured from a long Russian post: its second paragraph opens with "Today at …".
        assert!(
            footer_timestamp(&plain(
                100.0,
                526.0,
                22.0,
                "Сегодня в команде 230 человек, а",
                Tone::Primary
            ))
            .is_none()
        );
        assert!(
            footer_timestamp(&plain(
                100.0,
                0.0,
                22.0,
                "3:02 PM · Nov 26, 2025",
                Tone::Primary
            ))
            .is_some()
        );
        assert!(
            footer_timestamp(&plain(
                100.0,
                0.0,
                22.0,
                "14:58 · 26 нояб. 2025 г.",
                Tone::Primary
            ))
            .is_some()
        );
    }
}
