//! Header times the page pass garbled, re-read on their own.
//!
//! A post header "username ✓ … 2h ⋯" (Threads, Instagram) ends in a short grey time set apart
//! from the name. Small grey text is where the page pass fails most ("11h" → "Uh", "9 год" →
//! "9rog", "8 ч" → "gute", "1m" → "Im"), and a header whose time does not read is not found
//! at all. A crop of just those words, read as one line with each script's models in turn,
//! reads them right; the reading replaces the garble only when it is a time.

use super::anchored::leading_timestamp;
use super::fields::author::clean_handle;
use super::fields::text::is_chrome;
use super::fields::timestamp;
use super::{CountReader, Page, icons, named};
use crate::layout::{LWord, Layout, Line, Tone};
use crate::ocr::{Rect, Word};

/// `POSTOCR_DEBUG_HEADTIME` is set: print each time re-read and what it gave to stderr.
static DEBUG: once_cell::sync::Lazy<bool> =
    once_cell::sync::Lazy::new(|| std::env::var_os("POSTOCR_DEBUG_HEADTIME").is_some());

/// Prints, under `POSTOCR_DEBUG_HEADTIME`, what the re-read of `what` returned.
fn debug_read(what: impl FnOnce() -> String, got: &Option<Vec<Word>>) {
    if *DEBUG {
        let read = got
            .as_ref()
            .map(|ws| ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>());
        eprintln!("{} -> {read:?}", what());
    }
}

/// A header whose time the OCR set apart as a line of its own: a user name alone (with its
/// badge) at the left and, on the same row far to the right, a grey time alone ("maria.travels
/// … 54m", Threads' header spans the column). The two become one line, as the header is.
fn join_side_times(layout: &Layout) -> Option<Layout> {
    let lines = &layout.lines;
    let mut out: Option<Layout> = None;
    let mut i = 0;
    while i + 1 < out.as_ref().map_or(lines.len(), |l| l.lines.len()) {
        let cur = out.as_ref().map_or(lines, |l| &l.lines);
        let (a, b) = (&cur[i], &cur[i + 1]);
        let h = a.height().max(b.height()).max(1.0);
        let shown: Vec<&LWord> = a
            .words
            .iter()
            .filter(|w| w.text.chars().any(char::is_alphanumeric))
            .collect();
        let user =
            shown.len() == 1 && shown[0].tone == Tone::Primary && is_username(&shown[0].text);
        let time = b.words.len() <= 2
            && b.words.iter().all(|w| w.tone == Tone::Grey)
            && timestamp::is_timestamp(&b.text());
        let same_row =
            (a.rect.cy() - b.rect.cy()).abs() < 0.3 * h && b.rect.x > a.rect.right() + 2.0 * h;
        if user && time && same_row && a.col == b.col {
            let lay = out.get_or_insert_with(|| layout.clone());
            let b = lay.lines.remove(i + 1);
            let a = &mut lay.lines[i];
            a.rect = a.rect.union(&b.rect);
            a.words.extend(b.words);
        }
        i += 1;
    }
    out
}

/// The layout with the garbled header times re-read, or `None` when no line needed it.
pub fn reread(layout: &Layout, counts: &mut dyn CountReader) -> Option<Layout> {
    let joined = join_side_times(layout);
    let layout = joined.as_ref().unwrap_or(layout);
    let mut out: Option<Layout> = joined.clone();
    for (i, line) in layout.lines.iter().enumerate() {
        // "@jameswu_md-2rom": the time glued to the handle is read apart from it.
        let split = split_glued_handle(line);
        let line = split.as_ref().unwrap_or(line);
        // A header starts at the left of the page; the "…" menu at the right is no name.
        let (t, score): (usize, &dyn Fn(&[Word]) -> Option<f32>) = match unread_time(line) {
            Some(t) => (t, &score),
            None => match unread_handle_time(line) {
                Some(t) => (t, &confident),
                None if unread_side_time(&layout.lines, i) => (0, &score),
                None => continue,
            },
        };
        if t > 0 && line.rect.x >= 0.5 * layout.width as f32 {
            continue;
        }
        let h = line.height().max(1.0);
        // The time's words, without the "…" menu further right: read together they come out
        // worse ("1m ⋯" → "Im eee").
        let tail = &line.words[t..];
        let mut rect = tail[0].rect;
        for w in &tail[1..] {
            if w.rect.x - rect.right() > 0.8 * h {
                break;
            }
            rect = rect.union(&w.rect);
        }
        // A time's unit read without its number ("год" for "2 год": the page pass dropped
        // the digit): the crop reaches left toward the word before it, where the number is.
        if t > 0 && !tail[0].text.chars().any(|c| c.is_ascii_digit()) {
            let left = (rect.x - 2.5 * h).max(line.words[t - 1].rect.right() + 0.3 * h);
            if left < rect.x {
                rect.w += rect.x - left;
                rect.x = left;
            }
        }
        let rect = rect.grown(0.3 * h);
        let got = counts.read_time(rect, score);
        debug_read(|| format!("headtime {:?}", line.text()), &got);
        let Some(words) = got else {
            continue;
        };
        let Some(fixed) = with_time(line, t, &words) else {
            continue;
        };
        out.get_or_insert_with(|| layout.clone()).lines[i] = fixed;
    }
    // Mastodon's timeline time that the page pass did not see at all: re-read the header's
    // right end, where the layout puts it.
    let mut i = 1;
    while i < out.as_ref().unwrap_or(layout).lines.len() {
        let cur = out.as_ref().unwrap_or(layout);
        if let Some(band) = missing_side_time(cur, i) {
            let got = counts.read_time(band, &score);
            debug_read(|| format!("side time {band:?}"), &got);
            if let Some((start, n, _)) = got.as_deref().and_then(time_words) {
                let words = got.as_deref().unwrap_or_default();
                let time = time_lwords(&words[start..start + n], &cur.lines[i].words[0]);
                let rect = time
                    .iter()
                    .skip(1)
                    .fold(time[0].rect, |r, w| r.union(&w.rect));
                let col = cur.lines[i].col;
                let lay = out.get_or_insert_with(|| layout.clone());
                lay.lines.insert(
                    i,
                    Line {
                        words: time,
                        rect,
                        col,
                    },
                );
                i += 1;
            }
        }
        i += 1;
    }
    out
}

/// Where a Mastodon timeline header's time is missing from the page pass: line `i` opens with
/// a server handle ("@user@server") right under a name line aligned with it, and nothing of
/// the column stands right of the two (the time, level with them at the column's right end,
/// did not read). Returns the band to re-read: from past the name and the handle to the
/// column's right edge, from the name's top to the handle's bottom.
fn missing_side_time(layout: &Layout, i: usize) -> Option<Rect> {
    let lines = &layout.lines;
    let (name, hl) = (&lines[i - 1], &lines[i]);
    let h = hl.height().max(1.0).min(name.height().max(1.0) * 1.5);
    let first = hl.words.first()?;
    let server = clean_handle(&first.text).is_some_and(|t| t.matches('@').count() >= 2);
    let under = name.col == hl.col
        && (name.rect.x - hl.rect.x).abs() < 2.0 * h
        && hl.rect.y - name.rect.bottom() < 1.2 * h
        && hl.rect.y > name.rect.y
        && name.words.len() <= 6;
    if !server || !under || hl.words.len() > 2 {
        return None;
    }
    let left = name.rect.right().max(hl.rect.right()) + 1.5 * h;
    let right = lines
        .iter()
        .filter(|l| l.col == hl.col)
        .map(|l| l.rect.right())
        .fold(0.0f32, f32::max);
    // (The time's right end lines up with the "…" of the icon row, past the text's end,
    // which the OCR may not have read.)
    let right = (right + 3.0 * h).min(layout.width as f32);
    if right - left < 2.0 * h {
        return None;
    }
    Some(Rect {
        x: left,
        y: (name.rect.y - 0.3 * h).max(0.0),
        w: right - left,
        h: hl.rect.bottom() - name.rect.y + 0.6 * h,
    })
}

/// A user name as Threads and Instagram show it: lower-case letters, digits, "." and "_".
fn is_username(t: &str) -> bool {
    t.chars().count() >= 2
        && t.chars().any(|c| c.is_ascii_lowercase())
        && t.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
}

/// Where a "username … time" header's time did not read: the index of the first word after
/// the name and its badge, when what follows is one to three short words, set apart from the
/// name (a wide gap, or grey), that are no time. Avatar junk may come before the name.
pub(crate) fn unread_time(line: &Line) -> Option<usize> {
    let ws = &line.words;
    let alnum = |w: &LWord| w.text.chars().any(char::is_alphanumeric);
    let n = ws.iter().position(alnum)?;
    if ws[n].tone != Tone::Primary || !is_username(&ws[n].text) {
        return None;
    }
    // The verified badge reads as a symbol or a lone letter ("@", "©", "o").
    let badge = |w: &LWord| {
        !alnum(w)
            || (w.text.chars().count() == 1 && !w.text.starts_with(|c: char| c.is_ascii_digit()))
    };
    let t = (n + 1..ws.len()).find(|&i| !badge(&ws[i]))?;
    let tail = &ws[t..];
    let h = line.height().max(1.0);
    let short = tail.len() <= 3
        && tail.iter().all(|w| w.text.chars().count() <= 8)
        && tail.iter().map(|w| w.text.chars().count()).sum::<usize>() <= 12
        && !tail.iter().any(|w| w.text.contains('@'));
    let apart = tail[0].rect.x - ws[t - 1].rect.right() > h || tail[0].tone == Tone::Grey;
    let refs: Vec<&LWord> = tail.iter().collect();
    (short && apart && leading_timestamp(&refs).is_none()).then_some(t)
}

/// Where a "Name @handle · time" header's time did not read (X, Bluesky, Mastodon timelines):
/// the index of the first word after the handle and its separator, when what follows, up to
/// the "…" menu set apart at the far right, is one to three short words that are no time.
/// Russian hours "8 ч" read as "8 4", "Nov 5" as "Мом", "39 хв" as "39 xs". A handle with
/// running text after it is a mention, not a header.
pub(crate) fn unread_handle_time(line: &Line) -> Option<usize> {
    let ws = &line.words;
    let k = ws.iter().take(8).position(|w| {
        w.tone != Tone::Accent && clean_handle(&w.text).is_some_and(|h| h.len() >= 2)
    })?;
    // A name stands before the handle.
    if !ws[..k]
        .iter()
        .any(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
    {
        return None;
    }
    let h = line.height().max(1.0);
    let sep = |w: &LWord| !w.text.chars().any(char::is_alphanumeric);
    let t = (k + 1..ws.len()).find(|&i| !sep(&ws[i]))?;
    // The time sits right after the handle, not far right of it.
    if ws[t].rect.x - ws[k].rect.right() > 2.5 * h {
        return None;
    }
    let mut end = t + 1;
    while end < ws.len() && ws[end].rect.x - ws[end - 1].rect.right() < 1.2 * h {
        end += 1;
    }
    let tail = &ws[t..end];
    let short = tail.len() <= 3
        && tail.iter().all(|w| w.text.chars().count() <= 8)
        && tail.iter().map(|w| w.text.chars().count()).sum::<usize>() <= 10
        && !tail.iter().any(|w| w.text.contains('@'));
    // What follows is only the menu: nothing wordy further right on the line.
    let rest_wordy = ws[end..]
        .iter()
        .any(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 3);
    let refs: Vec<&LWord> = ws[k + 1..].iter().collect();
    (short && !rest_wordy && leading_timestamp(&refs).is_none()).then_some(t)
}

/// A header line whose X handle has the time glued on after the "·" read as '-'
/// ("@jameswu_md-2rom" for "@jameswu_md · 2 год"), with that word split in two: the handle,
/// and what follows the '-' in a box of its own (X handles hold no '-'; the boxes share the
/// word's width in proportion to their letters). Handles with a '.' or a server keep theirs.
fn split_glued_handle(line: &Line) -> Option<Line> {
    let k = line.words.iter().take(8).position(|w| {
        w.tone != Tone::Accent && clean_handle(&w.text).is_some_and(|h| h.len() >= 2)
    })?;
    let w = &line.words[k];
    let at = w.text.find('@')?;
    if w.text[at + 1..].contains(['.', '@']) {
        return None;
    }
    let (handle, tail) = w.text.split_at(w.text.find('-')?);
    let time = tail.trim_start_matches('-');
    let n = w.text.chars().count() as f32;
    if handle.chars().count() < 4 || time.chars().count() < 2 {
        return None;
    }
    let x_at = |chars: usize| w.rect.x + w.rect.w * chars as f32 / n;
    let time_x = x_at(w.text.chars().count() - time.chars().count());
    let mut head = w.clone();
    head.text = handle.to_string();
    head.rect.w = x_at(handle.chars().count()) - w.rect.x;
    let mut rest = w.clone();
    rest.text = time.to_string();
    rest.rect.x = time_x;
    rest.rect.w = w.rect.right() - time_x;
    let mut out = line.clone();
    out.words.splice(k..=k, [head, rest]);
    Some(out)
}

/// Whether line `i` is a timeline header's time at the top right that did not read clean
/// (Mastodon: "Name" over "@user@server", the time level with them far right, a globe icon
/// before it: "ae Nov NON 29" for "Nov 29", "See 16" for "16m"): a short line between a name
/// line and a handle line of its column, far right of the name, that is not as a whole a time.
pub(crate) fn unread_side_time(lines: &[Line], i: usize) -> bool {
    let l = &lines[i];
    let (Some(name), Some(handle)) = (i.checked_sub(1).map(|j| &lines[j]), lines.get(i + 1)) else {
        return false;
    };
    let h = l.height().max(1.0);
    let handle_first = handle
        .words
        .first()
        .is_some_and(|w| clean_handle(&w.text).is_some_and(|t| t.len() >= 2));
    let beside = name.col == l.col
        && handle.col == l.col
        && l.rect.x > name.rect.right() + 2.0 * h
        && l.rect.x > handle.rect.x + 2.0 * h
        && l.rect.y < handle.rect.bottom()
        && l.rect.bottom() > name.rect.y;
    let chars: usize = l.words.iter().map(|w| w.text.chars().count()).sum();
    let short = l.words.len() <= 4 && chars <= 14 && l.tone() == Tone::Grey;
    let text: Vec<&str> = l.words.iter().map(|w| w.text.as_str()).collect();
    let clean = timestamp::is_timestamp(&text.join(" "));
    handle_first && beside && short && !clean
}

/// Where the time starts in a reading, how many words it takes ("9 год", "11h"), and their
/// mean confidence.
fn time_words(ws: &[Word]) -> Option<(usize, usize, f32)> {
    let start = ws
        .iter()
        .position(|w| w.text.chars().any(char::is_alphanumeric))?;
    let rest = &ws[start..];
    (1..=rest.len().min(6)).rev().find_map(|n| {
        // Dots and colons of the icon after the time cling to it ("7ч..", "11m:").
        let text: Vec<String> = rest[..n]
            .iter()
            .enumerate()
            .map(|(k, w)| clean_word(&w.text, k, n))
            .collect();
        let conf = rest[..n].iter().map(|w| w.conf).sum::<f32>() / n as f32;
        (conf >= 20.0 && timestamp::is_timestamp(&text.join(" "))).then_some((start, n, conf))
    })
}

/// Word `k` of an `n`-word time: the first without the separator or quote the OCR glued on
/// before it ("\"6ч", "«6", "-24"), the last as [`clean_end`] has it; a "1" read as a letter
/// in the number before the unit ("1ih" for "11h", see [`ones_in_number`]).
fn clean_word(t: &str, k: usize, n: usize) -> String {
    let t = match k {
        0 => t.trim_start_matches(['"', '«', '»', '-', '·', '\'', '(', '“', '„', '*', '+']),
        _ => t,
    };
    let t = match k + 1 == n {
        true => clean_end(t),
        false => t,
    };
    ones_in_number(&three_in_number(t))
}

/// A relative time whose "3" the Cyrillic models read as the letter "З" ("Зч" for "3ч"): a
/// leading "З" right before a time unit. No word is spelt so.
fn three_in_number(t: &str) -> String {
    const UNITS: &[&str] = &[
        "ч", "ч.", "д", "д.", "дн", "хв", "хв.", "мин", "мин.", "м", "с", "год", "год.", "г",
        "тиж", "нед",
    ];
    match t.strip_prefix(['З', 'з']) {
        Some(unit) if UNITS.contains(&unit) => format!("3{unit}"),
        _ => t.to_string(),
    }
}

/// A relative time's number with a "1" the OCR read as "i", "l", "I" or "|" ("1ih" → "11h",
/// "2lm" → "21m"): the run of such letters and digits after a leading digit, when a unit
/// follows it. No unit starts with those letters. A lone such letter before a one-letter unit
/// is "1" as well ("Im" → "1m", "ih" → "1h", "th" → "1h"): no time reads so.
fn ones_in_number(t: &str) -> String {
    let run = t
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, 'i' | 'l' | 'I' | '|')))
        .map_or(t.len(), |(i, _)| i);
    let unit = &t[run..];
    let lone = run == 1 && matches!(unit, "h" | "m" | "d" | "w" | "ч" | "д");
    // (A "1" a few pixels tall reads as "t" too: "th" for "1h" in a half-size screenshot.)
    if t.starts_with('t') && matches!(&t[1..], "h" | "m" | "d" | "w") {
        return format!("1{}", &t[1..]);
    }
    if !(t.starts_with(|c: char| c.is_ascii_digit()) || lone)
        || !unit.starts_with(char::is_alphabetic)
        || t[..run].chars().all(|c| c.is_ascii_digit())
    {
        return t.to_string();
    }
    let digits: String = t[..run]
        .chars()
        .map(|c| if c.is_ascii_digit() { c } else { '1' })
        .collect();
    digits + unit
}

/// A word without the ':' and the second '.' an icon right after it adds ("7ч.." → "7ч.").
fn clean_end(t: &str) -> &str {
    // "17:12.": the "·" after a clock time read as a full stop (see `trim_clock`).
    let t = super::anchored::trim_clock(t.trim_end_matches(':'));
    match t.strip_suffix("..") {
        Some(c) => &t[..c.len() + 1],
        None => t,
    }
}

/// How good a re-read is: the longer time wins ("November 30 at 9:35 AM" over "November 30"),
/// then the more confident one ("7ч" over "7y").
fn score(ws: &[Word]) -> Option<f32> {
    let (chars, conf) = time_reading(ws)?;
    Some(chars as f32 + conf / 100.0)
}

/// A re-read of a time after a handle: the more confident reading wins, as both are short
/// ("1ч" over "14u", a Latin model's "ч" read as "4" with a stray letter).
fn confident(ws: &[Word]) -> Option<f32> {
    let (chars, conf) = time_reading(ws)?;
    Some(conf / 100.0 + 0.02 * chars as f32)
}

/// The time in a reading: its length in characters and its mean confidence.
fn time_reading(ws: &[Word]) -> Option<(usize, f32)> {
    let (start, n, conf) = time_words(ws)?;
    let chars = ws[start..start + n]
        .iter()
        .map(|w| w.text.chars().count())
        .sum();
    Some((chars, conf))
}

/// Facebook: a name line over a grey time line that did not read ("9roa.: @" for "9 год.",
/// "25 ноябряв1113:Ф"), or that the page pass did not see at all, re-read from the band under
/// the name. Either way the time line takes its place under the name, so the two-line header
/// is found.
pub fn reread_under_names(page: &Page, counts: &mut dyn CountReader) -> Option<Layout> {
    let layout = page.layout;
    let mut out: Option<Layout> = None;
    let mut i = 0;
    while i < out.as_ref().unwrap_or(layout).lines.len() {
        let lines = &out.as_ref().unwrap_or(layout).lines;
        let Some((mut band, old)) = time_band(lines, i, layout.width as f32) else {
            i += 1;
            continue;
        };
        if old.is_none() {
            band = below_the_name(page, &lines[i], band);
        }
        let got = counts.read_time(band, &score);
        debug_read(|| format!("under name {:?}", lines[i].text()), &got);
        let Some((start, n, _)) = got.as_deref().and_then(time_words) else {
            i += 1;
            continue;
        };
        let words = got.as_deref().unwrap_or_default();
        let style = &lines[i].words[0];
        let time = time_lwords(&words[start..start + n], style);
        let rect = time
            .iter()
            .skip(1)
            .fold(time[0].rect, |r, w| r.union(&w.rect));
        let col = lines[i].col;
        let new = Line {
            words: time,
            rect,
            col,
        };
        // Lines inside the band are pieces of the time line ("B 13:22 - @" when "6 ноября"
        // did not read): the re-read line stands for them.
        let inside: Vec<usize> = (i + 1..lines.len().min(i + 5))
            .filter(|&k| {
                let r = lines[k].rect;
                Some(k) == old
                    || (r.cy() > band.y
                        && r.cy() < band.bottom()
                        && r.x >= band.x
                        && r.right() <= band.right())
            })
            .collect();
        let lay = out.get_or_insert_with(|| layout.clone());
        for k in inside.into_iter().rev() {
            lay.lines.remove(k);
        }
        // In y order: the menu beside the name stays before it.
        let at = (i + 1..lay.lines.len())
            .find(|&k| lay.lines[k].rect.y > new.rect.y)
            .unwrap_or(lay.lines.len());
        lay.lines.insert(at, new);
        i += 1;
    }
    out
}

/// `band` (under the name on `line`) moved up to start at the first row of page colour under
/// the name's letters: the name's box holds its descenders, which can reach into the time
/// line's rows on large type.
fn below_the_name(page: &Page, line: &Line, band: Rect) -> Rect {
    let (iw, ih) = page.rgb.dimensions();
    let h = line.height().max(1.0);
    let x0 = (line.rect.x.max(0.0) as u32).min(iw);
    let x1 = (line.rect.right().max(0.0) as u32).min(iw);
    let from = (line.rect.y + 0.5 * h).max(0.0) as u32;
    let to = (band.y.max(0.0) as u32).min(ih);
    let blank = (from..to).find(|&y| {
        x1 > x0 && icons::max_contrast(page.rgb, page.layout.background, x0..x1, y..y + 1) < 60
    });
    match blank {
        Some(y) => Rect {
            y: y as f32,
            h: band.bottom() - y as f32,
            ..band
        },
        None => band,
    }
}

/// Where the time line under the name on line `i` should be, when it did not read: the band to
/// re-read, and the index of the line it replaces (`None`: the page pass saw no line there).
///
/// The header is a short line in the text colour, right of the avatar: the text below starts
/// further left. The time line starts under the name within a line's height; it read when a
/// time opens it and nothing but icon junk follows.
pub(crate) fn time_band(lines: &[Line], i: usize, page_w: f32) -> Option<(Rect, Option<usize>)> {
    let line = &lines[i];
    let h = line.height().max(1.0);
    let name = named::name_words(line);
    if name.is_empty()
        || name.len() > 6
        || name[0].tone != Tone::Primary
        || !name[0].text.chars().any(char::is_alphabetic)
        || leading_timestamp(&name).is_some()
        || is_chrome(&line.text())
    {
        return None;
    }
    let nr = name
        .iter()
        .skip(1)
        .fold(name[0].rect, |r, w| r.union(&w.rect));
    // The text starts under the avatar, a few line heights left of the name.
    let body = (i + 1..lines.len()).find(|&k| {
        lines[k].col == line.col
            && lines[k].rect.y > line.rect.bottom()
            && lines[k].rect.x < nr.x - 1.5 * h
    })?;
    if lines[body].rect.y - line.rect.bottom() > 5.0 * h || nr.x - lines[body].rect.x > 8.0 * h {
        return None;
    }
    let under = (i + 1..body)
        .find(|&j| (lines[j].rect.x - nr.x).abs() < h && lines[j].rect.y - line.rect.bottom() < h);
    if let Some(j) = under {
        let ws: Vec<&LWord> = lines[j].words.iter().collect();
        let read = leading_timestamp(&ws).is_some_and(|ts| {
            ws.iter().all(|w| {
                w.rect.x < ts.1.right() - 1.0
                    || !w.text.chars().any(char::is_alphanumeric)
                    || w.text.chars().count() <= 2
            })
        });
        if read {
            return None;
        }
        let r = lines[j].rect;
        let band = Rect {
            x: nr.x,
            w: r.right() - nr.x,
            ..r
        };
        return Some((band.grown(0.3 * h), Some(j)));
    }
    // No line there: the band a time line would take, short of the menu at the far right
    // (level with the name).
    let top = line.rect.bottom();
    let bottom = (top + 1.2 * h).min(lines[body].rect.y - 0.1 * h);
    if bottom - top < 0.6 * h {
        return None;
    }
    let right = lines[i + 1..body]
        .iter()
        .filter(|l| l.rect.x > nr.x + 2.0 * h && l.rect.y < line.rect.bottom())
        .map(|l| l.rect.x - 0.5 * h)
        .fold((nr.x + 14.0 * h).min(page_w), f32::min);
    Some((
        Rect {
            x: nr.x - 0.2 * h,
            y: top,
            w: right - nr.x + 0.2 * h,
            h: bottom - top,
        },
        None,
    ))
}

/// The time's words as layout words in the grey tone headers draw times in (small text on a
/// dark JPEG can lose it: the page measured "74°" in the text colour), the last one without
/// the icon junk that clung to it, other cues from `style`.
fn time_lwords(time: &[Word], style: &LWord) -> Vec<LWord> {
    time.iter()
        .enumerate()
        .map(|(k, w)| LWord {
            text: clean_word(&w.text, k, time.len()),
            rect: w.rect,
            conf: w.conf,
            tone: Tone::Grey,
            ..style.clone()
        })
        .collect()
}

/// `line` with its words from `t` on replaced by the time in `words`; words of the line right
/// of the time (the "…" menu) stay.
fn with_time(line: &Line, t: usize, words: &[Word]) -> Option<Line> {
    let (start, n, _) = time_words(words)?;
    let time = &words[start..start + n];
    let right = time.iter().map(|w| w.rect.right()).fold(f32::MIN, f32::max);
    let style = &line.words[t];
    let mut out: Vec<LWord> = line.words[..t].to_vec();
    out.extend(time_lwords(time, style));
    out.extend(line.words[t..].iter().filter(|w| w.rect.x > right).cloned());
    let rect = out
        .iter()
        .skip(1)
        .fold(out[0].rect, |r, w| r.union(&w.rect));
    Some(Line {
        words: out,
        rect,
        col: line.col,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Tone::{Accent, Grey, Primary};
    use crate::posts::named::fixture::{line, plain};

    /// A header laid out as Threads draws it: the name, the badge, and the time at the far
    /// right.
    fn header(name: &str, badge: Option<&str>, time: &[(&str, Tone)]) -> Line {
        let mut ws = vec![(name, Primary)];
        if let Some(b) = badge {
            ws.push((b, Accent));
        }
        let mut l = line(64.0, 18.0, 12.0, &ws);
        let far = line(330.0, 18.0, 12.0, time);
        l.words.extend(far.words);
        l.rect = l.rect.union(&far.rect);
        l
    }

    #[test]
    fn a_mastodon_side_time_that_did_not_read_clean() {
        // Captured from a Mastodon timeline: name, the time far right with the globe icon
        // read into it, then the handle.
        let lines = |time: &[(&str, Tone)]| {
            vec![
                line(
                    146.0,
                    42.0,
                    28.0,
                    &[("Eugen", Primary), ("Rochko", Primary)],
                ),
                line(640.0, 66.0, 22.0, time),
                line(146.0, 84.0, 35.0, &[("@Gargron@mastodon.social", Grey)]),
                plain(34.0, 156.0, 22.0, "Новые данные Росстата", Primary),
            ]
        };
        let garbled = lines(&[("ae", Grey), ("Nov", Grey), ("NON", Grey), ("29", Grey)]);
        assert!(unread_side_time(&garbled, 1));
        // Read clean (the globe as a symbol), it stays.
        let clean = lines(&[("©", Grey), ("Nov", Grey), ("29", Grey)]);
        assert!(!unread_side_time(&clean, 1));
        // Not a header: the text's first line.
        assert!(!unread_side_time(&garbled, 3));
    }

    #[test]
    fn a_time_glued_to_an_x_handle_gets_a_box_of_its_own() {
        // Captured: "Dr. James Wu @jameswu_md · 2 год" read "… @jameswu_md-2rom +".
        let l = line(
            130.0,
            321.0,
            28.0,
            &[
                ("Dr.", Primary),
                ("James", Primary),
                ("Wu", Primary),
                ("@", Accent),
                ("@jameswu_md-2rom", Grey),
                ("+", Grey),
            ],
        );
        let split = split_glued_handle(&l).unwrap();
        let texts: Vec<&str> = split.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Dr.", "James", "Wu", "@", "@jameswu_md", "2rom", "+"]
        );
        let (h, t) = (&split.words[4].rect, &split.words[5].rect);
        assert!(h.right() < t.x && (t.right() - l.words[4].rect.right()).abs() < 0.5);
        // The time is then found where it did not read, for the re-read.
        assert_eq!(unread_handle_time(&split), Some(5));
        // Handles with a '.' (Bluesky) or a server (Mastodon) keep their '-'.
        let bsky = line(
            0.0,
            0.0,
            14.0,
            &[("Marina", Primary), ("@marina-l.bsky.social", Grey)],
        );
        assert!(split_glued_handle(&bsky).is_none());
    }

    #[test]
    fn garbled_times_at_the_end_of_a_username_line() {
        // Captured from unseen Threads renders: "9 год", "11h", "8 ч", "7 ч" as the page read
        // them.
        let l = header("bbcnews", Some("@"), &[("9rog", Grey)]);
        assert_eq!(unread_time(&l), Some(2));
        let l = header("zuck", Some("@"), &[("Uh", Grey)]);
        assert_eq!(unread_time(&l), Some(2));
        let l = header("maria.travels", None, &[("gute", Primary)]);
        assert_eq!(unread_time(&l), Some(1));
        let l = header("dmitry_photo", None, &[("74°", Primary)]);
        assert_eq!(unread_time(&l), Some(1));
        // The realworld iOS header: avatar junk first, the "…" menu last.
        let mut l = header("_junhoyeo", None, &[("Im", Grey), ("oe", Primary)]);
        l.words
            .insert(0, line(20.0, 18.0, 12.0, &[("€", Grey)]).words[0].clone());
        assert_eq!(unread_time(&l), Some(2));
    }

    #[test]
    fn a_time_unit_read_without_its_number_is_read_again_with_the_room_before_it() {
        // threads_below_dark_uk (seed 81, JPEG q65): "natgeo ✓ … 2 год" read "natgeo @ год",
        // the "2" dropped. The crop must take in the space left of "год", where the number
        // stands; a reader that sees the number only there tells.
        let l = header("natgeo", Some("@"), &[("год", Grey)]);
        let unit = l.words[2].rect;
        let lay = Layout {
            width: 640,
            height: 120,
            background: [0, 0, 0],
            lines: vec![
                l.clone(),
                plain(64.0, 44.0, 12.0, "Ціни на пальне за тиждень", Primary),
            ],
        };
        struct NumberLeftOf(f32, Rect);
        impl CountReader for NumberLeftOf {
            fn read_count(&mut self, _: Rect) -> Option<String> {
                None
            }
            fn read_time(
                &mut self,
                rect: Rect,
                score: &dyn Fn(&[Word]) -> Option<f32>,
            ) -> Option<Vec<Word>> {
                let w = |t: &str, x: f32| Word {
                    text: t.into(),
                    rect: Rect { x, ..self.1 },
                    conf: 90.0,
                    block: 0,
                    par: 0,
                    line: 0,
                };
                let got = if rect.x <= self.0 {
                    vec![w("2", self.0), w("год", self.1.x)]
                } else {
                    vec![w("год", self.1.x)]
                };
                score(&got).map(|_| got)
            }
        }
        let h = l.height();
        let mut reader = NumberLeftOf(unit.x - 1.5 * h, unit);
        let got = reread(&lay, &mut reader).expect("re-read");
        assert_eq!(got.lines[0].text(), "natgeo @ 2 год");
        // A number right before the badge is no room to take in: the crop stops past it.
        let tight = header("natgeo", Some("@"), &[("год", Grey)]);
        let mut reader = NumberLeftOf(tight.words[1].rect.x, unit);
        let lay = Layout {
            lines: vec![tight, lay.lines[1].clone()],
            ..lay
        };
        assert!(reread(&lay, &mut reader).is_none());
    }

    #[test]
    fn a_time_set_apart_on_the_header_row_joins_the_name() {
        // threads_inline_light_en (seed 61, JPEG q80): the OCR read "54m" as a line of its
        // own at the far right of "maria.travels".
        let lay = |lines: Vec<Line>| Layout {
            lines,
            width: 560,
            height: 180,
            background: [255, 255, 255],
        };
        let body = plain(
            72.0,
            44.0,
            11.0,
            "Three things every API should have:",
            Primary,
        );
        let l = lay(vec![
            line(73.0, 19.0, 11.0, &[("maria.travels", Primary)]),
            line(518.0, 20.0, 10.0, &[("54m", Grey)]),
            body.clone(),
        ]);
        let got = join_side_times(&l).expect("joined");
        assert_eq!(got.lines.len(), 2);
        assert_eq!(got.lines[0].text(), "maria.travels 54m");
        // Not a time, or not on the same row, or a display name: left alone.
        let l = lay(vec![
            line(73.0, 19.0, 11.0, &[("maria.travels", Primary)]),
            line(518.0, 20.0, 10.0, &[("Follow", Grey)]),
            body.clone(),
        ]);
        assert!(join_side_times(&l).is_none());
        let l = lay(vec![
            line(73.0, 19.0, 11.0, &[("maria.travels", Primary)]),
            line(518.0, 40.0, 10.0, &[("54m", Grey)]),
            body.clone(),
        ]);
        assert!(join_side_times(&l).is_none());
        let l = lay(vec![
            line(
                73.0,
                19.0,
                11.0,
                &[("Maria", Primary), ("Travels", Primary)],
            ),
            line(518.0, 20.0, 10.0, &[("54m", Grey)]),
            body,
        ]);
        assert!(join_side_times(&l).is_none());
    }

    #[test]
    fn ones_read_as_letters_in_a_times_number() {
        // threads_below_mobile_dark_en (JPEG q80): "11h" re-read as "1ih".
        assert_eq!(ones_in_number("1ih"), "11h");
        // x_fullpage_dark_ru (dev4): "3ч" re-read "Зч" by the Cyrillic models.
        assert_eq!(clean_word("Зч", 0, 1), "3ч");
        assert_eq!(clean_word("Згод.", 0, 1), "3год.");
        assert_eq!(clean_word("За", 0, 1), "За");
        assert_eq!(clean_word("Зима", 0, 1), "Зима");
        assert_eq!(ones_in_number("2lm"), "21m");
        assert_eq!(ones_in_number("1Iмин"), "11мин");
        // A lone "1" before a one-letter unit (threads_inline_mobile_dark_ru, JPEG q50: "ih").
        assert_eq!(ones_in_number("ih"), "1h");
        assert_eq!(ones_in_number("Im"), "1m");
        // threads_inline_mobile_dark_uk (seed 83, half size): "1h" 7 px tall re-read "th".
        assert_eq!(ones_in_number("th"), "1h");
        assert_eq!(ones_in_number("the"), "the");
        assert_eq!(ones_in_number("is"), "is");
        assert_eq!(ones_in_number("in"), "in");
        assert_eq!(ones_in_number("lmao"), "lmao");
        // Nothing to fix, or no number to fix it in.
        assert_eq!(ones_in_number("11h"), "11h");
        assert_eq!(ones_in_number("1l"), "1l");
        assert_eq!(ones_in_number("5 min"), "5 min");
    }

    #[test]
    fn read_times_and_body_lines_are_left_alone() {
        let l = header("zuck", Some("@"), &[("45", Grey), ("мин", Grey)]);
        assert_eq!(unread_time(&l), None);
        let l = header("maria.travels", None, &[("2h", Grey)]);
        assert_eq!(unread_time(&l), None);
        // Body text: words close together, in the text colour.
        let l = line(
            64.0,
            18.0,
            12.0,
            &[("wow", Primary), ("so", Primary), ("cool", Primary)],
        );
        assert_eq!(unread_time(&l), None);
        // A display name is no user name (Facebook, X).
        let l = header("Emily", None, &[("Jx", Grey)]);
        assert_eq!(unread_time(&l), None);
        // A handle after the name is an X header.
        let l = header("jack", None, &[("@jack", Grey), ("Uh", Grey)]);
        assert_eq!(unread_time(&l), None);
    }

    fn word(text: &str, x: f32, conf: f32) -> Word {
        Word {
            text: text.into(),
            conf,
            rect: Rect {
                x,
                y: 18.0,
                w: 7.0 * text.chars().count() as f32,
                h: 12.0,
            },
            block: 1,
            par: 1,
            line: 1,
        }
    }

    #[test]
    fn the_re_read_time_replaces_the_garble() {
        let mut l = header("_junhoyeo", None, &[("Im", Primary), ("oe", Primary)]);
        l.words[2].rect.x = 400.0; // the menu, well right of the time
        let t = unread_time(&l).unwrap();
        let read = [
            word("|", 320.0, 30.0),
            word("1m", 330.0, 91.0),
            word("ooo", 400.0, 50.0),
        ];
        assert_eq!(time_words(&read), Some((1, 1, 91.0)));
        let fixed = with_time(&l, t, &read).unwrap();
        let texts: Vec<&str> = fixed.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["_junhoyeo", "1m", "oe"]);
        assert_eq!(fixed.words[1].tone, Grey);
        // "9 год" read in two words; a reading that is no time is refused.
        assert_eq!(
            time_words(&[word("9", 330.0, 90.0), word("год", 340.0, 88.0)]),
            Some((0, 2, 89.0))
        );
        assert_eq!(time_words(&[word("gute", 330.0, 90.0)]), None);
        assert_eq!(
            time_words(&[word("7ч..", 330.0, 73.0), word("@", 360.0, 68.0)]),
            Some((0, 1, 73.0))
        );
        assert_eq!(clean_end("11m:"), "11m");
        assert_eq!(clean_end("год."), "год.");
        assert_eq!(clean_end("17:12."), "17:12");
    }

    #[test]
    fn facebook_time_line_garbled_or_missing() {
        // facebook_desktop_dark_uk (JPEG): "9 год." read "9roa.: @" under the name.
        let lines = [
            plain(81.0, 34.0, 11.0, "Наталія Гнатюк", Primary),
            plain(406.0, 42.0, 11.0, "oe XX", Grey),
            plain(80.0, 53.0, 11.0, "9roa.: @", Grey),
            plain(33.0, 76.0, 17.0, "«Шахтар» вийшов до плей-оф Ліги", Primary),
        ];
        let (band, old) = time_band(&lines, 0, 500.0).unwrap();
        assert_eq!(old, Some(2));
        assert!(band.x <= 81.0 && band.bottom() >= 64.0);
        // The time line read: nothing to do.
        let mut read = lines.to_vec();
        read[2] = plain(80.0, 53.0, 11.0, "9 год. · @", Grey);
        assert_eq!(time_band(&read, 0, 500.0), None);
        // No time line at all: the band under the name, short of the menu.
        let lines = [
            plain(161.0, 66.0, 22.0, "Green Valley Farm", Primary),
            plain(813.0, 81.0, 29.0, "eco xX", Primary),
            plain(
                66.0,
                150.0,
                23.0,
                "Breaking: The Federal Reserve held rates",
                Primary,
            ),
        ];
        let (band, old) = time_band(&lines, 0, 1000.0).unwrap();
        assert_eq!(old, None);
        assert!(band.y >= 88.0 && band.bottom() <= 150.0, "{band:?}");
        assert!(band.right() < 813.0, "{band:?}");
        // Body text over body text is no header.
        let lines = [
            plain(
                66.0,
                150.0,
                23.0,
                "Breaking: The Federal Reserve held rates",
                Primary,
            ),
            plain(
                66.0,
                190.0,
                23.0,
                "steady at 4.25%, citing solid job growth",
                Primary,
            ),
        ];
        assert_eq!(time_band(&lines, 0, 1000.0), None);
    }
}
