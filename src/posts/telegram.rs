//! Telegram: channel posts and chat bubbles.
//!
//! A bubble ends with its footer at the bottom right: an optional views count (eye icon),
//! "edited"/"изменено"/"змінено" and the time "14:58" (or "7:52 PM") — on a line of its own or
//! at the end of the last text line. So the page is cut into posts at footers. A bubble starts
//! with the channel or sender name when it is coloured (Telegram colours names), or with
//! "Forwarded from X", whose X is the post's author (the source's text is what the bubble
//! shows); the line itself is kept as the post's `header`.
//!
//! Around the bubbles: the chat header (title over "N subscribers"/"members"), date pills
//! ("7 ноября"), a pinned-message bar, the comments bar under a channel post ("47 comments" →
//! the post's replies), reaction pills (emoji + counts, not metrics), and in a full window the
//! chat list on the left, whose rows ("Name … 17:51") line up in a column of their own, and an
//! info panel on the right. A footer that OCR missed still leaves the next bubble's name or
//! "Forwarded from" line, where the page is cut too.

use image::RgbImage;
use once_cell::sync::Lazy;
use regex::Regex;

use super::fields::author::clean_name;
use super::fields::metrics::parse_count;
use super::fields::text::{is_chrome, reflow, set_text};
use super::fields::timestamp;
use super::{CountReader, Cues, Page, Profile, Rules};
use crate::layout::{LWord, Line, Tone};
use crate::ocr::Rect;

/// POSTOCR_DEBUG: bubble and footer decisions on stderr (read once).
static DEBUG: Lazy<bool> = Lazy::new(|| std::env::var_os("POSTOCR_DEBUG").is_some());
use crate::record::{Author, FieldBoxes, Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Telegram,
    slots: &[],
    badges: false,
};

pub const RULES: Rules = Rules {
    platform: Platform::Telegram,
    score,
    extract,
};

const FORWARDED: &[&str] = &[
    "forwarded from",
    "переслано от",
    "переслано з",
    "переслано від",
    "weitergeleitet von",
];
const EDITED: &[&str] = &["edited", "изменено", "змінено", "bearbeitet"];
/// Words of the chat header's second line ("1 234 subscribers", "242 members, 112 online").
const AUDIENCE: &[&str] = &[
    "subscriber",
    "member",
    "online",
    "подписчик",
    "участник",
    "в сети",
    "підписник",
    "учасник",
    "abonnent",
    "mitglied",
];
/// The comments bar under a channel post.
/// Audience words of a channel (a group has members).
const CHANNEL_AUDIENCE: &[&str] = &["subscriber", "подписчик", "підписник", "abonnent"];
const COMMENTS: &[&str] = &["comment", "комментар", "коментар", "kommentar"];
/// Interface lines of a chat window.
const UI: &[&str] = &[
    "search",
    "поиск",
    "пошук",
    "suche",
    "mute",
    "unmute",
    "discuss",
    "join channel",
    "join",
    "write a message",
    "write a message...",
    "broadcast a message",
    "message",
    "сообщение",
    "написать сообщение",
    "повідомлення",
    "отключить звук",
    "включить звук",
    "обсудить",
    "вимкнути звук",
    "увімкнути звук",
    "обговорити",
    "подписаться",
    "присоединиться",
    "підписатися",
    "leave a comment",
    "прокомментировать",
    "коментувати",
];
const PINNED: &[&str] = &[
    "pinned message",
    "закреплённое сообщение",
    "закрепленное сообщение",
    "закріплене повідомлення",
    "angeheftete nachricht",
];
const DAY_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "сегодня",
    "вчера",
    "сьогодні",
    "вчора",
    "heute",
    "gestern",
];

fn score(c: &Cues) -> f32 {
    let w = c.has_any(&[
        "subscribers",
        "subscriber",
        "members",
        "подписчиков",
        "подписчика",
        "підписників",
        "участников",
        "telegram",
        "channel",
        "канал",
        "mute",
        "discuss",
    ]) as f32;
    let forwarded = c.has_phrases(FORWARDED) as f32;
    let edited = c.has_phrases(&["edited ", "изменено ", "змінено "]) as f32;
    // Footers "👁 26K 17:30" / "edited 18:26" and comment bars are Telegram's alone.
    let footers = c.text.lines().filter(|l| footer_text(l)).count() as f32;
    let comments = c
        .text
        .lines()
        .filter(|l| comments_text(l).flatten().is_some())
        .count() as f32;
    // The chat header's "1,108,489 subscribers" / "242 members, 112 online" line: a chat
    // whose bubbles' small footers OCR missed is still a chat.
    let audience = c.text.lines().any(audience_text) as u8 as f32;
    if c.bare_times == 0 && footers == 0.0 && forwarded == 0.0 && audience == 0.0 {
        return 0.0;
    }
    // Handles point to X and its kin; a reaction pill read as "@739" is no handle, and a
    // mention in link colour inside a text is none either (only those off it are counted).
    let handles = c
        .words
        .iter()
        .filter(|w| w.starts_with('@') && w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
        .min(c.x_handles + c.domain_handles + c.server_handles) as f32;
    let s = c.bare_times as f32 * 1.5
        + w
        + 3.0 * forwarded
        + 2.0 * edited
        + 2.0 * footers.min(4.0)
        + comments.min(2.0)
        + 2.0 * audience
        - handles
        - 2.0 * c.dot_headers as f32;
    // One time on a page (a receipt, a dateline) is not yet a chat.
    if s <= 1.5 { 0.0 } else { s }
}

/// True for a page line ending like a footer with a count or "edited" before the time.
fn footer_text(line: &str) -> bool {
    static RE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(
            r"(?i)(?:^|[^\d.,])(\d+(?:[.,]\d+)?\s?[kmкм]?|edited|изменено|змінено|bearbeitet)\s+\d{1,2}:\d{2}(\s?[ap]m)?$",
        )
        .unwrap()
    });
    // A date before the time ("26 Nov 2025, 16:40") is an article's or a post's dateline.
    RE.is_match(line.trim())
        && !line
            .split_whitespace()
            .any(|w| timestamp::month(w).is_some())
}

/// A chat header's audience line (lower-cased): a count first, then "subscribers",
/// "members" or "online", and nothing much else.
fn audience_text(line: &str) -> bool {
    let ws: Vec<&str> = line.split_whitespace().collect();
    !ws.is_empty()
        && ws.len() <= 6
        && ws[0].starts_with(|c: char| c.is_ascii_digit())
        && ws.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            AUDIENCE.iter().any(|a| w.starts_with(a))
        })
}

/// "14:58", "9:05".
fn is_clock(t: &str) -> bool {
    static RE: Lazy<Regex> = Lazy::new(|| Regex::new(r"^([01]?\d|2[0-3]):[0-5]\d$").unwrap());
    RE.is_match(t)
}

/// "16:65" → "16:05": minutes cannot start with 6–9, OCR took a 0 for them.
fn misread_clock(t: &str) -> Option<String> {
    let (h, m) = t.split_once(':')?;
    let hv: u32 = h.parse().ok()?;
    let mut m: Vec<char> = m.chars().collect();
    if hv > 23 || m.len() != 2 || !m.iter().all(char::is_ascii_digit) {
        return None;
    }
    if !('6'..='9').contains(&m[0]) {
        return None;
    }
    m[0] = '0';
    Some(format!("{h}:{}", m.iter().collect::<String>()))
}

/// A small grey 12-hour time before "am"/"pm" whose one's digit OCR read as a letter and whose
/// colon as a dot ("i.25 pm", "j.29 pm", "l:05 PM" for 1:25, 1:29, 1:05).
fn misread_twelve(w: &LWord) -> Option<String> {
    if w.tone == Tone::Primary {
        return None;
    }
    let (h, m) = w.text.split_once(['.', ',', ':'])?;
    let h: String = h
        .chars()
        .map(|c| if "iIlj|!".contains(c) { '1' } else { c })
        .collect();
    let c = format!("{h}:{m}");
    let hv: u32 = h.parse().ok()?;
    (is_clock(&c) && (1..=12).contains(&hv)).then_some(c)
}

/// "edited", "изменено", and what a Latin model makes of the Cyrillic ones ("wamereno",
/// "w3MeHeHo" and "3MiHeHo": "н" has the shape of a capital "H").
fn is_edited(w: &LWord) -> bool {
    let t = w.text.to_lowercase();
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    EDITED.iter().any(|e| t.starts_with(e))
        || (w.tone != Tone::Primary
            && t.chars().count() >= 5
            && ["eno", "ено", "ited", "eho"].iter().any(|e| t.ends_with(e)))
}

/// "1421" → "14:21" (a footer time whose colon OCR lost).
fn colonless(t: &str) -> Option<String> {
    if !(3..=4).contains(&t.len()) || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = t.split_at(t.len() - 2);
    let (hv, mv): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (hv < 24 && mv < 60).then(|| format!("{h}:{m}"))
}

/// The time at the end of `words`: how many words it takes and its text.
fn trailing_time(words: &[LWord], lenient: bool) -> Option<(usize, String)> {
    // An outgoing message's read ticks after the time ("14:02 ✓✓" read as "vv", "W", "//").
    if words.len() >= 2 && words.last().is_some_and(|w| is_ticks(&w.text)) {
        // The first of two ticks read apart as a "4" ("12:58 4 ¥"): a digit after a clock,
        // before the second tick, is no word of a footer.
        let k = words.len() - 1;
        if k >= 2 && words[k - 1].text == "4" && is_clock(&words[k - 2].text) {
            let (n, t) = trailing_time(&words[..k - 1], lenient)?;
            return Some((n + 2, t));
        }
        let (n, t) = trailing_time(&words[..words.len() - 1], lenient)?;
        return Some((n + 1, t));
    }
    let last = words.last()?;
    let t = last.text.trim_end_matches([',', '.', ';']);
    let lower = t.to_lowercase();
    if (lower == "am" || lower == "pm") && words.len() >= 2 {
        let prev = words[words.len() - 2].text.as_str();
        if is_clock(prev) {
            return Some((2, format!("{prev} {}", t.to_uppercase())));
        }
        if let Some(c) = misread_twelve(&words[words.len() - 2]) {
            return Some((2, format!("{c} {}", t.to_uppercase())));
        }
    }
    for suffix in ["am", "pm"] {
        if let Some(head) = lower.strip_suffix(suffix) {
            if is_clock(head) {
                return Some((1, format!("{head} {}", suffix.to_uppercase())));
            }
        }
    }
    if is_clock(t) {
        return Some((1, t.to_string()));
    }
    // "изменено11:38": "edited" glued to the time.
    let glued = EDITED.iter().find_map(|e| {
        let end = lower.find(e)? + e.len();
        let rest = t.get(end..)?;
        is_clock(rest).then(|| rest.to_string())
    });
    if let Some(c) = glued {
        return Some((1, c));
    }
    if let Some(fixed) = misread_clock(t) {
        return Some((1, fixed));
    }
    if lenient && last.tone == Tone::Grey {
        return colonless(t).map(|c| (1, c));
    }
    None
}

/// The ticks of an outgoing message as OCR reads them: "✓✓", "vv", "VV", "W", "//", "v", "vy",
/// one tick apart from the other ("V ¥"), and the bubble's edge after them ("|"). A lone "y"
/// is a word (Ukrainian "у"), not ticks.
fn is_ticks(t: &str) -> bool {
    let n = t.chars().count();
    (1..=3).contains(&n) && t != "y" && t.chars().all(|c| "vVwW✓✔√/\\¥y|".contains(c))
}

/// A bubble's footer.
#[derive(Debug, Clone, PartialEq)]
struct Footer {
    /// Index of the first footer word in its line (0: the line is all footer).
    cut: usize,
    views: Option<u64>,
    /// The word the views were read from, or the garble beside the time they should be in.
    views_rect: Option<Rect>,
    /// When the views word begins with a digit (the eye read apart, or not at all, so the
    /// word's box holds the count alone): how many digits it has.
    views_bare: Option<usize>,
    edited: bool,
    time: String,
    rect: Rect,
}

/// Reads a footer off the end of a line: "[👁] [26K] [edited] 17:30".
fn footer(line: &Line) -> Option<Footer> {
    let ws = &line.words;
    // A colon-less "1421" is a time only on a short footer line of its own (at most one
    // garbled word before it: the eye icon and views read as letters).
    let lenient = ws.len() <= 3
        && !ws.iter().any(|w| timestamp::month(&w.text).is_some())
        && ws[..ws.len() - 1]
            .iter()
            .all(|w| w.tone != Tone::Primary && w.text.chars().count() <= 4);
    let (n, time) = trailing_time(ws, lenient)?;
    let mut start = ws.len() - n;
    let mut views = None;
    let mut views_rect = None;
    let mut views_bare = None;
    let mut edited = false;
    while start > 0 {
        let w = &ws[start - 1];
        // The eye icon read as a mark or two glued before the count ("©9304"); a link ending
        // in digits ("…/sprint-14") is no count.
        let t = w.text.trim_start_matches(|c: char| !c.is_ascii_digit());
        let lead = &w.text[..w.text.len() - t.len()];
        let glued =
            lead.chars().count() <= 2 || !lead.chars().any(|c| c.is_alphanumeric() || c == '/');
        if is_edited(w) {
            edited = true;
        } else if views.is_none() && w.tone != Tone::Primary && glued && parse_count(t).is_some() {
            views = parse_count(t);
            views_rect = Some(w.rect);
            views_bare = lead
                .is_empty()
                .then(|| t.chars().filter(char::is_ascii_digit).count());
        } else if w.text.chars().count() <= 2 && !w.text.chars().any(char::is_alphanumeric) {
            // eye icon read as a symbol
        } else if w.tone != Tone::Primary
            && w.conf < 50.0
            && w.text.chars().count() <= 3
            && !w.text.chars().any(|c| c.is_ascii_digit())
            && start == ws.len() - n
        {
            // the eye icon read as letters, unsure, right before the time ("oie 14:21")
        } else {
            break;
        }
        start -= 1;
    }
    // "oie 1421": the eye icon and views garbled beside a colon-less time.
    if lenient && !ws[ws.len() - 1].text.contains(':') {
        start = 0;
        if views.is_none() && ws.len() > n {
            views_rect = Some(rect_of(&ws[..ws.len() - n]));
        }
    }
    // Text ending in a time is not a footer: a footer's time is grey (or white on a photo).
    let time_word = &ws[ws.len() - 1];
    if start > 0 && time_word.tone == Tone::Primary && views.is_none() && !edited {
        return None;
    }
    let rect = ws[start..]
        .iter()
        .map(|w| w.rect)
        .reduce(|a, b| a.union(&b))?;
    Some(Footer {
        cut: start,
        views,
        views_rect,
        views_bare,
        edited,
        time,
        rect,
    })
}

fn rect_of(words: &[LWord]) -> Rect {
    words
        .iter()
        .skip(1)
        .fold(words[0].rect, |r, w| r.union(&w.rect))
}

fn with_words(line: &Line, words: Vec<LWord>) -> Line {
    Line {
        rect: rect_of(&words),
        words,
        col: line.col,
    }
}

/// A piece of a layout line, with the visual row it belongs to.
#[derive(Debug, Clone)]
struct Seg {
    line: Line,
    row: usize,
}

/// Splits lines at gaps far wider than a space (a chat list beside the chat, a footer beside
/// the last text line) and orders the pieces in rows top to bottom, left to right. The layout's
/// columns are not trusted: a bubble's footer may land in another column than its text.
fn segments(lines: &[Line]) -> Vec<Seg> {
    let mut pieces: Vec<Line> = Vec::new();
    let median = crate::layout::median_height(lines).unwrap_or(0.0);
    for l in lines {
        if l.words.is_empty() {
            continue;
        }
        // A reply's quote bar, a tall coloured stroke read as "|": it would join the quoted
        // name's row and hide its indent.
        if median > 0.0
            && l.height() > 2.0 * median
            && !l
                .words
                .iter()
                .any(|w| w.text.chars().any(char::is_alphanumeric))
        {
            continue;
        }
        let h = l.height().max(1.0);
        let mut cur: Vec<LWord> = Vec::new();
        let skip = usize::from(stray_lead(l));
        for w in &l.words[skip..] {
            if let Some(p) = cur.last() {
                if w.rect.x - p.rect.right() > 2.2 * h {
                    pieces.push(with_words(l, std::mem::take(&mut cur)));
                }
            }
            cur.push(w.clone());
        }
        pieces.push(with_words(l, cur));
    }
    pieces.sort_by(|a, b| a.rect.cy().total_cmp(&b.rect.cy()));
    let mut out: Vec<Seg> = Vec::new();
    let mut row = 0;
    let mut row_cy = f32::MIN;
    let mut row_start = 0;
    for p in pieces {
        let h = p.height().max(1.0);
        if p.rect.cy() - row_cy > 0.5 * h {
            out[row_start..].sort_by(|a, b| a.line.rect.x.total_cmp(&b.line.rect.x));
            row += usize::from(!out.is_empty());
            row_cy = p.rect.cy();
            row_start = out.len();
        }
        out.push(Seg { line: p, row });
    }
    out[row_start..].sort_by(|a, b| a.line.rect.x.total_cmp(&b.line.rect.x));
    out
}

/// Whether a line starts with a mark read off the wallpaper left of a bubble ("m the third
/// day…"): a word of at most two letters or digits, not in text colour, set apart from the
/// text-coloured word after it by more than a wide space.
fn stray_lead(l: &Line) -> bool {
    let [a, b, ..] = l.words.as_slice() else {
        return false;
    };
    let h = l.height().max(1.0);
    a.tone != Tone::Primary
        && b.tone == Tone::Primary
        && a.text.chars().filter(|c| c.is_alphanumeric()).count() <= 2
        && b.rect.x - a.rect.right() > 1.2 * h
}

/// The right edge of a chat list: at least three rows "Name … 17:51" whose names start and
/// times end at the same x, in the left part of the window, with the chat further right.
fn chat_list_edge(segs: &[Seg]) -> Option<f32> {
    let page_right = segs.iter().map(|s| s.line.rect.right()).fold(0.0, f32::max);
    // (left of the row's first piece, right of its time, height)
    let rows: Vec<(f32, f32, f32)> = segs
        .iter()
        .filter(|s| trailing_time(&s.line.words, false).is_some())
        .filter_map(|s| {
            let first = segs.iter().find(|o| o.row == s.row)?;
            let two = first.line.rect.x < s.line.rect.x || s.line.words.len() >= 2;
            two.then(|| {
                (
                    first.line.rect.x,
                    s.line.rect.right(),
                    s.line.height().max(1.0),
                )
            })
        })
        .collect();
    for &(x, edge, h) in &rows {
        let same = rows
            .iter()
            .filter(|o| (o.0 - x).abs() < h && (o.1 - edge).abs() < h)
            .count();
        let beyond = segs.iter().filter(|s| s.line.rect.x > edge + h).count();
        if same >= 3 && beyond >= 3 && edge < 0.55 * page_right {
            return Some(edge);
        }
    }
    None
}

/// The gutter right of a chat list: an x in the left half of the window that no piece of text
/// crosses, with a column of short rows (chats, previews) left of it and the chat's text lines
/// right of it — even when OCR read none of the list's times.
fn list_gutter(segs: &[Seg]) -> Option<f32> {
    let page_right = segs.iter().map(|s| s.line.rect.right()).fold(0.0, f32::max);
    let allowed = (segs.len() / 30).max(1);
    let mut best = None;
    for s in segs {
        let x = s.line.rect.right() + 1.0;
        if x > 0.55 * page_right {
            continue;
        }
        let left = segs.iter().filter(|o| o.line.rect.right() < x).count();
        let crossing = segs
            .iter()
            .filter(|o| o.line.rect.x < x && o.line.rect.right() >= x)
            .count();
        let right_text = segs
            .iter()
            .filter(|o| {
                o.line.rect.x >= x
                    && o.line.words.len() >= 3
                    && o.line.tone() == Tone::Primary
                    && footer(&o.line).is_none()
            })
            .count();
        if left >= 3 && right_text >= 2 && crossing <= allowed && best.is_none_or(|b| x > b) {
            best = Some(x);
        }
    }
    best
}

fn lower(l: &Line) -> String {
    l.text().to_lowercase()
}

/// "42 comments" → Some(Some(42)); "Leave a comment" → Some(None).
fn comments_text(text: &str) -> Option<Option<u64>> {
    let t = text.to_lowercase();
    let ws: Vec<&str> = t.split_whitespace().collect();
    if ws.len() > 5 {
        return None;
    }
    let i = ws
        .iter()
        .position(|w| COMMENTS.iter().any(|c| w.contains(c)))?;
    let w = ws[i];
    let stem = COMMENTS.iter().filter_map(|c| w.find(c)).min()?;
    // The count: glued before the word or the word before; "З" is a 3 read in Cyrillic.
    let digits = |s: &str| -> Option<u64> {
        let s = s.trim_matches(|c: char| !c.is_alphanumeric());
        let fixed: String = s
            .chars()
            .map(|c| match c {
                'з' => '3',
                _ => c,
            })
            .collect();
        if fixed.chars().any(|c| c.is_ascii_digit()) {
            parse_count(&fixed)
        } else {
            None
        }
    };
    let n = if stem > 0 {
        digits(&w[..stem])
    } else {
        i.checked_sub(1).and_then(|j| digits(ws[j]))
    };
    if n.is_none() && ws.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) && stem == 0 {
        // "1 234 comments": a grouped count over two words.
        let joined = ws[..i].join(" ");
        let c = joined.trim_start_matches(|c: char| !c.is_ascii_digit());
        return Some(parse_count(c));
    }
    Some(n)
}

/// The chat header's audience line: the count comes first ("133 743 підписників", "242
/// members, 112 online"); a message thanking for "20 тисяч підписників" is text.
fn is_audience(l: &Line) -> bool {
    let t = lower(l);
    // (An avatar's letter read beside it may come before the count.)
    let mut lead = l
        .words
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphanumeric))
        .take(2);
    l.words.len() <= 8
        && lead.any(|w| {
            w.text
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(|c: char| c.is_ascii_digit())
        })
        && AUDIENCE.iter().any(|a| t.contains(a))
}

fn is_date_pill(l: &Line) -> bool {
    let t = lower(l);
    let ws: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let dated = |w: &&str| DAY_WORDS.contains(w) || timestamp::month(w).is_some();
    !ws.is_empty()
        && ws.len() <= 3
        && ws.iter().any(dated)
        && ws
            .iter()
            .all(|w| dated(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// A date pill whose month OCR garbled ("Мометрег 30"): a short non-text line with a day or
/// year number, centred between `left` and `right`.
fn is_centred_pill(l: &Line, left: f32, right: f32) -> bool {
    let width = right - left;
    let centred = (l.rect.x + l.rect.w / 2.0 - (left + right) / 2.0).abs() < 0.06 * width;
    // (The day may come back glued to garble: "e122)" for "22".)
    let day = l
        .words
        .iter()
        .any(|w| w.text.chars().any(|c| c.is_ascii_digit()));
    width > 0.0
        && centred
        && l.words.len() <= 3
        && l.rect.w < 0.3 * width
        && l.tone() != Tone::Primary
        && (is_date_pill(l) || day)
        && footer(l).is_none()
}

/// Verbs of a group's service messages ("Emma joined the group", "Олег закрепил сообщение").
const SERVICE: &[&str] = &[
    "joined",
    "left the group",
    "pinned",
    "added",
    "removed",
    "changed the group",
    "created the group",
    "присоединил",
    "вступил",
    "покинул",
    "закрепил",
    "добавил",
    "удалил",
    "изменил",
    "создал",
    "приєднав",
    "приєднал",
    "покинув",
    "покинул",
    "закріпив",
    "закріпил",
    "додав",
    "додал",
    "видалив",
    "змінив",
    "створив",
    "beigetreten",
    "hat die gruppe verlassen",
    "angeheftet",
];

/// A service message of a group ("Emma Clarke joined the group"): a short line in a pill
/// centred between `left` and `right`, not in a bubble, with a service verb.
fn is_service(l: &Line, left: f32, right: f32) -> bool {
    let width = right - left;
    let centred = (l.rect.x + l.rect.w / 2.0 - (left + right) / 2.0).abs() < 0.06 * width;
    let t = lower(l);
    width > 0.0
        && centred
        && l.words.len() <= 8
        && l.rect.w < 0.7 * width
        && footer(l).is_none()
        && SERVICE.iter().any(|v| t.contains(v))
}

fn name_of(l: &Line) -> Option<String> {
    let words: Vec<&str> = l.words.iter().map(|w| w.text.as_str()).collect();
    clean_name(&words)
}

/// A short line naming one of `names` (a channel's title, a name that heads several bubbles).
fn named_as<'a>(l: &Line, mut names: impl Iterator<Item = &'a str>) -> bool {
    l.words.len() <= 6 && name_of(l).is_some_and(|n| names.any(|r| same_name(&n, r)))
}
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let d = strsim::levenshtein(&a, &b);
    d * 6 <= a.chars().count().max(b.chars().count())
}

fn is_ui(l: &Line) -> bool {
    let t = lower(l);
    let t = t
        .trim_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    UI.iter()
        .any(|u| t == *u || t.starts_with(&format!("{u}..")))
        || is_chrome(&l.text())
        || is_input_bar(l)
        // The bottom bar's buttons side by side ("MUTE DISCUSS").
        || (l.words.len() >= 2
            && l.words.iter().all(|w| {
                let t = w.text.to_lowercase();
                UI.contains(&t.trim_matches(|c: char| !c.is_alphanumeric()))
            }))
}

/// The placeholder of the input bar under a chat.
const INPUT_BAR: &[&str] = &[
    "write a message",
    "broadcast a message",
    "message",
    "написать сообщение",
    "сообщение",
    "напишіть повідомлення",
    "написати повідомлення",
    "повідомлення",
    "nachricht schreiben",
    "nachricht",
];

/// The input bar under a chat: its placeholder ("Write a message…") between the icons
/// (attach, emoji, microphone) that OCR reads as short junk ("© Write a message... Q YV").
/// The placeholder's first word may come back garbled ("Hanuwitb повідомлення..."): its last
/// word with the ellipsis still tells it.
fn is_input_bar(l: &Line) -> bool {
    let ellipsis = l.tone() != Tone::Primary
        && l.words.len() <= 5
        && l.words.iter().any(|w| {
            let t = w.text.to_lowercase();
            let stem = t.trim_end_matches(['.', '…']);
            t.len() > stem.len()
                && INPUT_BAR.iter().any(|p| {
                    !p.contains(' ')
                        && stem.trim_start_matches(|c: char| !c.is_alphanumeric()) == *p
                })
        });
    ellipsis || placeholder(l)
}

fn placeholder(l: &Line) -> bool {
    let ws: Vec<String> = l
        .words
        .iter()
        .map(|w| {
            w.text
                .to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .collect();
    // The placeholder is grey; a message that mentions a message is text colour.
    let icon = |w: &String| w.chars().count() <= 4;
    l.tone() != Tone::Primary
        && INPUT_BAR.iter().any(|p| {
            let pw: Vec<&str> = p.split_whitespace().collect();
            (0..ws.len()).any(|i| {
                ws.len() >= i + pw.len()
                    && ws[i..i + pw.len()].iter().zip(&pw).all(|(a, b)| a == b)
                    && ws[..i].iter().all(icon)
                    && ws[i + pw.len()..].iter().all(icon)
                    && ws.len() > pw.len()
            })
        })
}

fn is_forwarded(l: &Line) -> bool {
    forwarded_prefix(&l.text()).is_some()
}

/// The "Forwarded from" phrase a line starts with. Its Cyrillic words may come back with
/// Latin look-alike letters ("Переслано oT hromadske").
fn forwarded_prefix(text: &str) -> Option<&'static str> {
    let t = text.to_lowercase();
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    let folded: String = t
        .chars()
        .map(|c| match c {
            'a' => 'а',
            'b' => 'в',
            'c' => 'с',
            'e' => 'е',
            'h' => 'н',
            'i' => 'і',
            'k' => 'к',
            'm' => 'м',
            'o' => 'о',
            'p' => 'р',
            't' => 'т',
            'x' => 'х',
            'y' => 'у',
            _ => c,
        })
        .collect();
    FORWARDED.iter().copied().find(|f| {
        t.starts_with(f)
            || (f.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
                && t.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
                && folded.starts_with(f))
    })
}

/// Emoji and counts of reaction pills: short tokens, most with a digit, not all in text colour.
fn is_reactions(l: &Line) -> bool {
    let ws = &l.words;
    let digits = ws
        .iter()
        .filter(|w| w.text.chars().any(|c| c.is_ascii_digit()))
        .count();
    let letters = |w: &LWord| w.text.chars().filter(|c| c.is_alphabetic()).count();
    !ws.is_empty()
        && digits >= 1
        && digits * 2 >= ws.len()
        && ws
            .iter()
            .all(|w| w.text.chars().count() <= 6 && letters(w) <= 4)
        && ws.iter().any(|w| w.tone != Tone::Primary)
        && (ws.len() >= 2 || ws[0].text.starts_with(|c: char| !c.is_alphanumeric()))
}

/// A wallpaper doodle read as a mark or a lone letter ("A" for a triangle) above a bubble:
/// not in text colour, no word with more than one letter or digit.
fn is_doodle(l: &Line) -> bool {
    l.tone() != Tone::Primary
        && l.words
            .iter()
            .all(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() <= 1)
}

/// A coloured line that names a bubble's sender: a few words, no links, tags or handles.
fn is_name(l: &Line) -> bool {
    (l.tone() == Tone::Accent
        || l.tone() == Tone::Grey && !l.text().contains(|c: char| c.is_ascii_digit()))
        && l.words.len() <= 6
        && !is_forwarded(l)
        && comments_text(&l.text()).is_none()
        && !is_reactions(l)
        && l.words
            .iter()
            .any(|w| w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && !tag_or_link(l)
}

/// A line holding a hashtag, a link or a handle ("#Linux64" in a channel's posts and in its
/// description beside them): a name holds none.
fn tag_or_link(l: &Line) -> bool {
    l.words.iter().any(|w| {
        w.text.chars().count() > 2 && (w.text.contains(['#', '/', '@']) || w.text.contains("www."))
    })
}

/// A line that can be a sender's name in any colour (a dark theme's light name colours may
/// read as text colour): a few capitalised words, no digits, no sentence punctuation. Only
/// trusted right over a "Forwarded from" line, where Telegram puts the sender.
fn sender_line(l: &Line) -> bool {
    l.words.len() <= 4
        && !is_forwarded(l)
        && name_of(l).is_some()
        && l.words
            .first()
            .is_some_and(|w| w.text.starts_with(|c: char| c.is_uppercase()))
        && l.words.iter().all(|w| {
            !w.text.contains(|c: char| c.is_ascii_digit())
                && !w.text.ends_with(['.', '!', '?', ',', ':', ';'])
        })
}

/// Where a bubble starts inside a run of lines whose footer OCR missed: a name or "Forwarded
/// from" line after text.
fn bubble_starts(body: &[Line], repeated: &[String]) -> Vec<usize> {
    let mut out = vec![0];
    let mut text_seen = false;
    for (i, l) in body.iter().enumerate() {
        // A name that heads several bubbles starts one in any colour (a dark theme's light
        // accent reads as text colour).
        let named = || named_as(l, repeated.iter().map(String::as_str));
        let start = (is_forwarded(l) || is_name(l) || named()) && i + 1 < body.len();
        if start && text_seen {
            // A sender line right over "Forwarded from" starts one bubble, not two.
            if !(is_forwarded(l)
                && out.last() == Some(&(i - 1))
                && (is_name(&body[i - 1]) || sender_line(&body[i - 1])))
            {
                out.push(i);
            }
            text_seen = false;
        } else if l.tone() == Tone::Primary
            && !is_reactions(l)
            && !is_date_pill(l)
            && !is_ui(l)
            && !is_audience(l)
            && comments_text(&l.text()).is_none()
        {
            text_seen = true;
        }
    }
    out
}

/// What a bubble's lines give once chrome is taken off.
#[derive(Debug, Default)]
struct Bubble {
    name: Option<String>,
    name_rect: Option<Rect>,
    header: Option<String>,
    /// The comments bar of the previous post, seen above this bubble.
    prev_replies: Option<Option<u64>>,
    replies: Option<u64>,
    /// The sender named over a forwarded bubble (its author is the source).
    sender: Option<String>,
    /// The sender named in a reply's quote block (the block is not the bubble's text).
    reply_to: Option<String>,
    text_lines: Vec<Line>,
}

/// The left margin of a bubble's text: where its last line starts (a quote block is at the
/// top, a stray mark or doodle read left of the bubble is no text line).
fn text_margin(body: &[Line]) -> f32 {
    body.last().map_or(0.0, |l| l.rect.x)
}

/// Takes chrome off a bubble's lines and finds its name, forward line and comments bar.
fn read_bubble(mut body: Vec<Line>, channel: Option<&str>, repeated: &[String]) -> Bubble {
    let mut b = Bubble::default();
    // The chat header (title over the audience line) and everything above it.
    if let Some(i) = body.iter().rposition(is_audience) {
        body.drain(..=i);
    }
    // Leading chrome: date pills, interface words, the pinned-message bar, the previous
    // post's comments bar.
    loop {
        let Some(first) = body.first() else { break };
        let t = lower(first);
        if let Some(n) = comments_text(&first.text()) {
            b.prev_replies = Some(n);
            body.remove(0);
        } else if PINNED.iter().any(|p| t.contains(p)) {
            body.remove(0);
            if !body.is_empty() {
                body.remove(0);
            }
        } else if is_date_pill(first) || is_ui(first) || is_reactions(first) || is_doodle(first) {
            body.remove(0);
        } else {
            break;
        }
    }
    // A reply's quote bar (a tall coloured stroke) read as "|": no line of the bubble.
    body.retain(|l| {
        !is_ui(l)
            && !is_audience(l)
            && (l.tone() == Tone::Primary
                || l.words
                    .iter()
                    .any(|w| w.text.chars().any(char::is_alphanumeric)))
    });
    // A comments bar below the text (its footer was missed) is this post's.
    if let Some(i) = body
        .iter()
        .rposition(|l| comments_text(&l.text()).is_some())
    {
        b.replies = comments_text(&body[i].text()).flatten();
        body.remove(i);
    }
    // Reaction pills sit under the text.
    while body.last().is_some_and(is_reactions) {
        body.pop();
    }
    // The sender's name; in a channel it repeats the chat's title, in any colour.
    // So does a name that heads several bubbles (in a colour OCR took for grey or black).
    let titled = |l: &Line| {
        named_as(
            l,
            channel
                .into_iter()
                .chain(repeated.iter().map(String::as_str)),
        )
    };
    // A reply's quote block (a coloured bar, the replied-to sender's name over the first line
    // of that message) is indented from the bubble's text margin: its name is not the sender.
    let margin = text_margin(&body);
    let indented = |l: &Line| {
        let h = l.height().max(1.0);
        l.rect.x > margin + 0.5 * h && l.rect.x < margin + 4.0 * h
    };
    // A wallpaper doodle or a date pill's remains read over the bubble, right of the margin
    // where its name and text start: no line of the bubble.
    while body.len() >= 2
        && body[0].tone() != Tone::Primary
        && body[0].rect.x > margin + 3.0 * body[0].height().max(1.0)
        && (is_name(&body[1]) || titled(&body[1]))
        && (body[1].rect.x - margin).abs() <= 0.5 * body[1].height().max(1.0)
    {
        body.remove(0);
    }
    // The chat header's title (its audience line unread) over the first bubble's name.
    while body.len() >= 3
        && titled(&body[1])
        && name_of(&body[0]).is_some_and(|a| name_of(&body[1]).is_some_and(|b| same_name(&a, &b)))
    {
        body.remove(0);
    }
    // A sender's name starts at the text margin (a quote block's is indented, a mark beside
    // the bubble lies further right).
    let over_forward = body.get(1).is_some_and(is_forwarded);
    if body.first().is_some_and(|l| {
        (is_name(l) || titled(l) || over_forward && sender_line(l))
            && l.rect.x <= margin + 0.5 * l.height().max(1.0)
    }) {
        let l = body.remove(0);
        b.name = name_of(&l);
        b.name_rect = Some(l.rect);
    }
    if let Some(pos) = body.iter().take(2).position(is_forwarded) {
        // The name over "Forwarded from" is the sender's, who goes on in the bubbles below.
        b.sender = b.name.take();
        let l = body.remove(pos);
        let t = l.text();
        let skip = forwarded_prefix(&t).map_or(2, |f| f.split_whitespace().count());
        let src: Vec<&str> = t
            .split_whitespace()
            .skip_while(|w| !w.chars().any(char::is_alphanumeric))
            .skip(skip)
            .collect();
        // The forwarded post's author is its source (the sender only passed it on).
        if let Some(n) = clean_name(&src) {
            b.name = Some(n);
            b.name_rect = Some(l.rect);
        }
        b.header = Some(t.trim().to_string());
    }
    if body
        .first()
        .is_some_and(|l| indented(l) && (is_name(l) || body.get(1).is_some_and(indented)))
    {
        let n = body.iter().take(3).take_while(|l| indented(l)).count();
        if n < body.len() {
            b.reply_to = name_of(&body[0]);
            body.drain(..n);
        }
    }
    b.text_lines = body;
    b
}

/// Re-reads a footer's views digits-only, without the eye icon: the page pass often reads the
/// eye as a letter or digit glued to the count ("©9304" for 904) or drops a small count's
/// point ("57K" for 5.7K). The icon is found by its pixels: the first piece of ink, wider than
/// tall (digits are taller than wide, a "K" about square).
fn reread_views(f: &mut Footer, page: &Page, counts: &mut dyn CountReader) {
    let Some(r) = f.views_rect else { return };
    let h = r.h.max(4.0);
    // The bubble's colour: the most common along the row just above the footer.
    let (iw, ih) = page.rgb.dimensions();
    let y = (r.y - 0.3 * h).max(0.0) as u32;
    if y >= ih || r.x < 0.0 || r.x as u32 >= iw {
        return;
    }
    let mut px: Vec<[u8; 3]> = (r.x as u32..(r.right() as u32).min(iw))
        .map(|x| page.rgb.get_pixel(x, y).0)
        .collect();
    px.sort();
    let Some(&bg) = px.get(px.len() / 2) else {
        return;
    };
    let area = Rect {
        x: r.x,
        y: r.y - 0.15 * h,
        w: r.w,
        h: 1.3 * h,
    };
    let pieces = super::icons::ink_pieces(page.rgb, bg, area, 0);
    let Some(tallest) = pieces.iter().map(|p| p.h).reduce(f32::max) else {
        return;
    };
    // (Not in a word read from a digit on: two digits joined by their anti-aliasing, "42" of
    // "426K", are as wide as the eye.)
    let eye = f.views_bare.is_none()
        && pieces
            .first()
            .is_some_and(|p| p.w >= 1.25 * p.h && p.h >= 0.5 * tallest && pieces.len() >= 2);
    let Some(d) = pieces
        .iter()
        .skip(usize::from(eye))
        .copied()
        .reduce(|a, b| a.union(&b))
    else {
        return;
    };
    let rect = d.grown(0.3 * d.h);
    let read = counts.read_count(rect);
    if *DEBUG {
        eprintln!("views re-read {rect:?} (was {:?}): {read:?}", f.views);
    }
    // A re-read with fewer digits than a count read from its first digit lost some ("3K" for
    // "1.3K", "7K" for "7.1K": small text's points and ones): the page's reading stays.
    let digits = |t: &str| t.chars().filter(char::is_ascii_digit).count();
    if let Some(v) = read
        .as_deref()
        .filter(|t| f.views_bare.is_none_or(|n| digits(t) >= n))
        .and_then(parse_count)
    {
        f.views = Some(v);
    }
}

/// Re-reads the footer of a bubble (its `lines`) whose footer the page pass missed; `next` is
/// the line after the bubble.
fn missed_footer(
    lines: &[Line],
    next: Option<&Line>,
    page: &Page,
    counts: &mut dyn CountReader,
) -> Option<Footer> {
    // The bubble's last line: text or reactions, which start at the bubble's left margin (not
    // the wallpaper's doodles read as letters beside it), not the comments bar or interface
    // under it.
    let left = lines.iter().map(|l| l.rect.x).fold(f32::MAX, f32::min);
    let i = lines.iter().rposition(|l| {
        l.rect.x < left + 3.0 * l.height()
            && comments_text(&l.text()).is_none()
            && !is_ui(l)
            && !is_audience(l)
            && !is_date_pill(l)
    })?;
    let last = &lines[i];
    // Pieces of the footer itself ("👁 170K" without its time) lie right of the margin.
    let next_top = lines[i + 1..]
        .iter()
        .find(|l| l.rect.x < left + 3.0 * l.height())
        .or(next)
        .map_or(page.rgb.height() as f32, |l| l.rect.y);
    reread_footer(last, left, next_top, page, counts)
}

/// Joins the pieces of one row back into a line.
fn merge_rows(segs: Vec<&Seg>) -> Vec<Line> {
    let mut out: Vec<(usize, Line)> = Vec::new();
    for s in segs {
        match out.last_mut() {
            Some((row, l)) if *row == s.row => {
                l.words.extend(s.line.words.iter().cloned());
                l.rect = l.rect.union(&s.line.rect);
            }
            _ => out.push((s.row, s.line.clone())),
        }
    }
    out.into_iter().map(|(_, l)| l).collect()
}

/// An emoji in a bubble's text as OCR reads it ("@B" for 🎂, "$" for ⚡️, "&" for 🙋): a word of
/// at most three characters with a mark that text seldom shows alone ("@", "&", "§", "$"…),
/// in a saturated colour (Telegram's text is black or white; links, mentions and tags, its
/// only coloured words, are longer) or with ink that is not a blend of two colours — or one
/// such digit ("4" for ⚡️). Letters alone ("up", "dp" for 👍) stay: colours measured against
/// a wallpaper take short words for coloured too.
fn emoji_word(w: &LWord) -> bool {
    let n = w.text.chars().count();
    let tag = w.text.starts_with('#') && w.text.chars().skip(1).any(char::is_alphanumeric);
    let mark = w.text.chars().any(|c| "@©®$&§%*+#~^¥£€°".contains(c));
    let digit = n == 1 && w.text.chars().all(|c| c.is_ascii_digit()) && w.pictorial >= 0.3;
    n <= 3 && !tag && (w.tone == Tone::Accent || w.pictorial >= 0.4) && (mark || digit)
}

/// Takes emoji read as junk out of a bubble's text lines (a line of emoji only goes); the
/// lines keep their boxes, which paragraph breaks are found by.
fn drop_emoji(lines: Vec<Line>) -> Vec<Line> {
    lines
        .into_iter()
        .filter_map(|mut l| {
            if l.words.iter().any(|w| w.tone == Tone::Primary) {
                l.words.retain(|w| !emoji_word(w));
            }
            (!l.words.is_empty()).then_some(l)
        })
        .collect()
}

fn build_post(b: Bubble, foot: Option<&Footer>, page: &Page) -> Option<Post> {
    let mut text_lines = drop_emoji(b.text_lines);
    if let Some(f) = foot {
        drop_footer_pieces(&mut text_lines, f.rect);
    }
    let refs: Vec<&Line> = text_lines.iter().collect();
    let text = reflow(&refs);
    if text.is_empty() && b.name.is_none() {
        return None;
    }
    let mut post = Post::default();
    set_text(&mut post, text);
    post.header = b.header;
    post.author = Author {
        name: b.name,
        handle: None,
        verified: None,
        badge: None,
    };
    if let Some(f) = foot {
        post.timestamp = timestamp::parse(&f.time, page.now);
        post.metrics.views = f.views;
    }
    post.metrics.replies = b.replies;
    let confs: Vec<f32> = refs
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.conf))
        .collect();
    post.confidence =
        (confs.iter().sum::<f32>() / confs.len().max(1) as f32 / 100.0 * 100.0).round() / 100.0;
    let text_rect = refs.iter().map(|l| l.rect).reduce(|a, b| a.union(&b));
    let bbox = [text_rect, b.name_rect, foot.map(|f| f.rect)]
        .into_iter()
        .flatten()
        .reduce(|a, b| a.union(&b))?;
    post.bbox = bbox.to_u32();
    post.boxes = FieldBoxes {
        author: b.name_rect.map(|r| r.to_u32()),
        handle: None,
        timestamp: foot.map(|f| f.rect.to_u32()),
        text: text_rect.map(|r| r.to_u32()),
        metrics: None,
    };
    Some(post)
}

/// A footer beside the bubble's last line ("…ставками. 👁 259K изменено 14:46") that the page
/// pass read in pieces ("изменен", "2") and a re-read found whole: those pieces, in the
/// footer's grey and inside its box, are not text.
fn drop_footer_pieces(lines: &mut Vec<Line>, foot: Rect) {
    let m = 0.3 * foot.h.max(1.0);
    let inside = |w: &LWord| {
        let (cx, cy) = (w.rect.x + 0.5 * w.rect.w, w.rect.cy());
        w.tone != Tone::Primary
            && cx >= foot.x - m
            && cx <= foot.right() + m
            && cy >= foot.y - m
            && cy <= foot.bottom() + m
    };
    lines.retain(|l| !l.words.iter().all(inside));
    for l in lines.iter_mut() {
        if l.words.iter().any(inside) {
            let kept: Vec<LWord> = l.words.iter().filter(|w| !inside(w)).cloned().collect();
            *l = with_words(l, kept);
        }
    }
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    extract_lines(&page.layout.lines, page, counts)
}

/// Short lines that occur twice or more on the page as lines of their own, not in text
/// colour: a channel's or sender's name over each of their bubbles.
fn repeated_names(segs: &[Seg]) -> Vec<String> {
    // A bubble's head: the first piece after a footer (and the comments bar, reactions or date
    // pill below it), with more of the bubble below. A name OCR took for text colour (dark
    // themes) still repeats there.
    let head = |i: usize| {
        let mut j = i;
        while j > 0 && {
            let l = &segs[j - 1].line;
            // (A footer line of counts and a time reads like a reactions row: it is a footer.)
            comments_text(&l.text()).is_some()
                || is_date_pill(l)
                || (is_reactions(l) && footer(l).is_none())
        } {
            j -= 1;
        }
        (j == 0 || footer(&segs[j - 1].line).is_some())
            && segs.get(i + 1).is_some_and(|n| {
                // (A one-line message with its time at the end still has text under the name.)
                n.row > segs[i].row && footer(&n.line).is_none_or(|f| f.cut > 0)
            })
    };
    let names: Vec<String> = segs
        .iter()
        .enumerate()
        .filter(|&(i, s)| {
            let l = &s.line;
            l.words.len() <= 6
                && (l.words.iter().any(|w| w.tone != Tone::Primary) || head(i))
                && footer(l).is_none()
                && !is_forwarded(l)
                && !is_date_pill(l)
                && !is_reactions(l)
                && !is_ui(l)
                && comments_text(&l.text()).is_none()
                && !tag_or_link(l)
        })
        .filter_map(|(_, s)| name_of(&s.line))
        .filter(|n| n.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    let mut out: Vec<String> = Vec::new();
    for n in &names {
        if names.iter().filter(|m| same_name(m, n)).count() >= 2
            && !out.iter().any(|o| same_name(o, n))
        {
            out.push(n.clone());
        }
    }
    out
}

/// Whether a page without any of Telegram's page-wide cues (its footers too small or too
/// garbled to read, no chat header) still shows a bubble's head: a coloured sender or channel
/// name right over text at the same margin, or a channel post's comments bar.
fn bubble_heads(lines: &[Line], rgb: &RgbImage) -> bool {
    let headed = lines.windows(2).any(|w| {
        let h = w[0].height().max(1.0);
        let gap = w[1].rect.y - w[0].rect.bottom();
        w[0].tone() == Tone::Accent
            && is_name(&w[0])
            && w[1].tone() == Tone::Primary
            && w[1].words.len() >= 2
            && (w[1].rect.x - lead_x(&w[0])).abs() < 1.5 * h
            && (gap < 2.0 * h || picture_between(rgb, &w[0], &w[1]))
    });
    headed
        || lines
            .iter()
            .any(|l| comments_text(&l.text()).flatten().is_some())
}

/// Where a line's first word with a letter or digit starts: a wallpaper doodle read as a mark
/// ("_.") left of a bubble's name is not where the name starts.
fn lead_x(l: &Line) -> f32 {
    l.words
        .iter()
        .find(|w| w.text.chars().any(char::is_alphanumeric))
        .map_or(l.rect.x, |w| w.rect.x)
}

/// Whether a picture fills the gap between a bubble's name (`name`) and its text (`text`): a
/// photo post shows the name over the photo and the caption under it. Most samples across the
/// name's width in the gap differ from the bubble's colour (taken left of the text's first
/// line, inside the bubble's padding); a paragraph gap or the wallpaper between two bubbles
/// keeps one colour over most of it.
fn picture_between(rgb: &RgbImage, name: &Line, text: &Line) -> bool {
    let h = name.height().max(1.0);
    let (w, ht) = rgb.dimensions();
    let (y0, y1) = (name.rect.bottom() + 0.5 * h, text.rect.y - 0.5 * h);
    let bx = text.rect.x - 0.4 * h;
    let by = text.rect.y + 0.5 * text.height();
    if y1 - y0 < 3.0 * h || bx < 0.0 || by as u32 >= ht || name.rect.right() as u32 >= w {
        return false;
    }
    let bg = rgb.get_pixel(bx as u32, by as u32).0;
    let (mut n, mut off) = (0u32, 0u32);
    let mut y = y0;
    while y < y1 {
        let mut x = name.rect.x;
        while x < name.rect.right() {
            let p = rgb.get_pixel(x as u32, y as u32).0;
            let d = (0..3)
                .map(|c| (i32::from(p[c]) - i32::from(bg[c])).abs())
                .max()
                .unwrap_or(0);
            n += 1;
            off += u32::from(d > 24);
            x += h;
        }
        y += h;
    }
    n >= 6 && off * 10 >= n * 8
}

/// Emoji closing a short line (a channel's or a sender's name: "Markets Daily 📈" read
/// "Markets Daily J", "Жёлтый слон 🐘" read "Жёлтый слон FR"): a last word of one to three
/// letters lying on a colour mark the size and shape of a glyph square goes, or, after a name
/// in a sender's colour, one of another tone. Names in a sender's colour are
/// colourful too, but their words make wide marks, not square ones.
/// `None` when no line changes.
fn drop_emoji_tails(lines: &[Line], rgb: &RgbImage) -> Option<Vec<Line>> {
    let mut out: Option<Vec<Line>> = None;
    for (i, l) in lines.iter().enumerate() {
        if l.words.len() < 2 || l.words.len() > 6 {
            continue;
        }
        let last = &l.words[l.words.len() - 1];
        // (A name's words are words: a reaction pill's "16K" is no name.)
        let named = l.words[..l.words.len() - 1].iter().all(|w| {
            w.text.chars().any(char::is_alphabetic) && !w.text.chars().any(|c| c.is_ascii_digit())
        });
        if last.text.chars().count() > 3 || !named {
            continue;
        }
        let h = l.height().max(4.0);
        let area = Rect {
            x: last.rect.x - 0.3 * h,
            y: l.rect.y - 0.3 * h,
            w: last.rect.w + 0.6 * h,
            h: l.rect.h + 0.6 * h,
        };
        // A grey emoji (🐘) makes no colour mark; after a name in a sender's colour, its
        // letters' other tone tells it.
        let off_tone = l.words[..l.words.len() - 1]
            .iter()
            .all(|w| w.tone == Tone::Accent)
            && last.tone != Tone::Accent;
        // Digits or letters inked in the name's own colour are the name's ("Новости Москвы
        // 24" all in the sender's green): an emoji is drawn in colours of its own.
        let name_ink = {
            let ws = &l.words[..l.words.len() - 1];
            let n = ws.len() as f32;
            let mean = |c: usize| ws.iter().map(|w| f32::from(w.ink[c])).sum::<f32>() / n;
            [mean(0), mean(1), mean(2)]
        };
        let spread = |p: [f32; 3]| {
            p.iter().copied().fold(f32::MIN, f32::max) - p.iter().copied().fold(f32::MAX, f32::min)
        };
        let ink_dist: f32 = (0..3)
            .map(|c| (f32::from(last.ink[c]) - name_ink[c]).abs())
            .sum();
        let name_coloured = spread(name_ink) >= 40.0 && ink_dist <= 45.0;
        if *DEBUG {
            eprintln!(
                "emoji tail? {:?} ink {:?} name ink {name_ink:?} dist {ink_dist}",
                last.text, last.ink
            );
        }
        let on_emoji = !name_coloured && off_tone
            || !name_coloured
                && super::colour::marks(rgb, area, h).iter().any(|b| {
                    let ov = (last.rect.right().min(b.rect.right()) - last.rect.x.max(b.rect.x))
                        .max(0.0);
                    b.mark == super::colour::Mark::Emoji
                        && (0.7..=1.4).contains(&(b.rect.w / b.rect.h))
                        && b.rect.h >= 0.7 * h
                        && ov > 0.5 * last.rect.w
                });
        if on_emoji {
            let v = out.get_or_insert_with(|| lines.to_vec());
            let mut nl = l.clone();
            nl.words.pop();
            nl.rect = nl
                .words
                .iter()
                .map(|w| w.rect)
                .reduce(|a, b| a.union(&b))
                .unwrap_or(nl.rect);
            v[i] = nl;
        }
    }
    out
}

/// A chat no platform's score recognised: where the page shows bubble heads, the bubbles'
/// footers are re-read at their bottom right; it is Telegram when one of them ends in a time.
pub fn rescue(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    if !bubble_heads(&page.layout.lines, page.rgb) {
        return Vec::new();
    }
    let posts = extract_lines(&page.layout.lines, page, counts);
    if posts.iter().any(|p| p.timestamp.is_some()) {
        posts
    } else {
        Vec::new()
    }
}

/// The x where the bubble around (`x`, `ys`) ends on the right: on each row, the start of the
/// first run of pixels unlike the bubble's own colour (at `x`) wider than any glyph or icon —
/// the wallpaper or the window's edge. The widest row wins (the bubble's corners are round).
fn bubble_right(rgb: &RgbImage, x: f32, ys: &[f32], h: f32) -> Option<f32> {
    let (w, ht) = rgb.dimensions();
    if w == 0 || x < 0.0 || x as u32 >= w {
        return None;
    }
    let run_min = (2.0 * h).max(6.0) as u32;
    let mut best: Option<f32> = None;
    for &y in ys {
        if y < 0.0 || y as u32 >= ht {
            continue;
        }
        let y = y as u32;
        let bg = rgb.get_pixel(x as u32, y).0;
        let row_edge = |min_d: i32, run_min: u32| {
            let mut run = 0;
            for px in x as u32..w {
                let p = rgb.get_pixel(px, y).0;
                let d = (0..3)
                    .map(|c| (i32::from(p[c]) - i32::from(bg[c])).abs())
                    .max()
                    .unwrap_or(0);
                if d >= min_d {
                    run += 1;
                    if run >= run_min {
                        return Some((px + 1 - run) as f32);
                    }
                } else {
                    run = 0;
                }
            }
            None
        };
        // A dark theme's bubble differs from its wallpaper by a few levels only: a long run
        // of a faint difference is its edge too.
        let edge = row_edge(13, run_min)
            .or_else(|| row_edge(4, 2 * run_min))
            .unwrap_or(w as f32);
        best = Some(best.map_or(edge, |b: f32| b.max(edge)));
    }
    best
}

/// A bubble's footer that the page pass missed, re-read from the bubble's bottom right: the
/// row of its last line (`last`: text or reactions) and the row below, up to `next_top`.
fn reread_footer(
    last: &Line,
    left: f32,
    next_top: f32,
    page: &Page,
    counts: &mut dyn CountReader,
) -> Option<Footer> {
    let h = last.height().clamp(6.0, 80.0);
    // A footer the page pass read garbled at the end of the last line ("… два. = 44-45"):
    // its words are not text colour and hold digits; look right of the text instead.
    let garbled = last
        .words
        .iter()
        .rev()
        .take_while(|w| w.tone != Tone::Primary || !w.text.chars().any(char::is_alphabetic))
        .count();
    let text_end = if garbled > 0 && garbled < last.words.len() {
        last.words[last.words.len() - garbled - 1].rect.right()
    } else {
        last.rect.right()
    };
    let start = text_end + 0.3 * h;
    let ys = [last.rect.y - 0.35 * h, last.rect.bottom() + 0.35 * h];
    let edge = bubble_right(page.rgb, start, &ys, h)?;
    let x0 = left.max(edge - 16.0 * h);
    let y0 = last.rect.y - 0.3 * h;
    let y1 = (next_top - 0.1 * h).min(last.rect.bottom() + 2.5 * h);
    if edge - x0 < 3.0 * h || y1 - y0 < h {
        return None;
    }
    let rect = Rect {
        x: x0,
        y: y0,
        w: edge - x0,
        h: y1 - y0,
    };
    let words = counts.read_block(rect);
    if *DEBUG {
        let t: Vec<String> = words
            .iter()
            .map(|w| {
                format!(
                    "{}@{:.0},{:.0},{:.0}x{:.0}c{:.0}",
                    w.text, w.rect.x, w.rect.y, w.rect.w, w.rect.h, w.conf
                )
            })
            .collect();
        eprintln!("footer re-read {rect:?}: {}", t.join(" "));
    }
    if let Some(f) = footer_in(words.clone(), edge, h) {
        return Some(f);
    }
    // The block read garbled the time too ("9.38" for 19:33): the lowest word with a digit at
    // the bubble's right edge, with a "PM" after it, is read again with the letters of times.
    let near = |w: &crate::ocr::Word| edge - w.rect.right() < 3.0 * h;
    let t = words
        .iter()
        .filter(|w| w.text.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| {
            near(w)
                || words.iter().any(|p| {
                    near(p)
                        && p.rect.x > w.rect.right()
                        && p.rect.x - w.rect.right() < h
                        && (p.rect.cy() - w.rect.cy()).abs() < 0.5 * h
                })
        })
        .max_by(|a, b| a.rect.y.total_cmp(&b.rect.y))?;
    let mut rect = t.rect;
    for p in &words {
        if p.rect.x > t.rect.right()
            && p.rect.x - rect.right() < h
            && (p.rect.cy() - t.rect.cy()).abs() < 0.5 * h
        {
            rect = rect.union(&p.rect);
        }
    }
    let rect = rect.grown(0.3 * h);
    let score = |ws: &[crate::ocr::Word]| -> Option<f32> {
        let conf = ws.iter().map(|w| w.conf).sum::<f32>() / ws.len().max(1) as f32;
        time_of(ws).map(|_| conf)
    };
    let got = counts.read_time(rect, &score)?;
    let time = time_of(&got)?;
    if *DEBUG {
        eprintln!("footer time re-read {rect:?}: {time}");
    }
    Some(Footer {
        cut: 0,
        views: None,
        views_rect: None,
        views_bare: None,
        edited: false,
        time,
        rect,
    })
}

/// The footer among re-read words: the lowest line ending in a time near the bubble's right
/// edge (so text that ends in a time is not one).
fn footer_in(words: Vec<crate::ocr::Word>, edge: f32, h: f32) -> Option<Footer> {
    let mut lines: Vec<((u32, u32, u32), Vec<LWord>)> = Vec::new();
    for w in words {
        let k = (w.block, w.par, w.line);
        let lw = LWord {
            text: w.text,
            rect: w.rect,
            conf: w.conf,
            tone: Tone::Grey,
            ink: [0, 0, 0],
            contrast: 0.0,
            density: 0.0,
            pictorial: 0.0,
        };
        match lines.iter_mut().find(|(key, _)| *key == k) {
            Some((_, v)) => v.push(lw),
            None => lines.push((k, vec![lw])),
        }
    }
    lines
        .into_iter()
        .filter_map(|(_, mut ws)| {
            ws.sort_by(|a, b| a.rect.x.total_cmp(&b.rect.x));
            // The bubble's round corner or edge read as a mark after the time (an unsure one,
            // or a sure "|").
            while ws.len() >= 2
                && ws.last().is_some_and(|w| {
                    w.text.chars().count() <= 2
                        && !w.text.contains(':')
                        && (w.conf < 50.0 || !w.text.chars().any(char::is_alphanumeric))
                })
            {
                ws.pop();
            }
            let l = Line {
                rect: rect_of(&ws),
                words: ws,
                col: 0,
            };
            footer(&l).filter(|f| edge - f.rect.right() < 3.0 * h)
        })
        .max_by(|a, b| a.rect.y.total_cmp(&b.rect.y))
}

/// A gap between two lines wider than line spacing: where one bubble may end and the next
/// begin (or a paragraph break, or a photo, inside one bubble).
fn wide_gap(a: &Line, b: &Line) -> bool {
    let h = a.height().min(b.height()).max(1.0);
    b.rect.y - a.rect.bottom() > 0.9 * h
}

/// A short grey piece right of the bubble's margin (`left`): a footer that OCR read only in
/// part ("👁 170K" without its time).
fn footer_piece(l: &Line, left: f32) -> bool {
    l.rect.x > left + 3.0 * l.height() && l.tone() != Tone::Primary && l.words.len() <= 3
}

/// Cuts a run of lines (between footers the page pass read; `foot` ends it) into bubbles:
/// (first line, end, footer). Bubbles start at a name or "Forwarded from" line; where the page
/// pass missed small footers (photos, wallpaper, small scales), a wide gap after which the
/// footer is re-read at the bubble's bottom right ends a bubble too.
fn bubbles(
    lines: &[Line],
    foot: Option<Footer>,
    repeated: &[String],
    page: &Page,
    counts: &mut dyn CountReader,
) -> Vec<(usize, usize, Option<Footer>)> {
    let starts = bubble_starts(lines, repeated);
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let mut cur = s;
        let mut j = s;
        while j + 1 < end {
            if !wide_gap(&lines[j], &lines[j + 1]) {
                j += 1;
                continue;
            }
            let Some(f) = missed_footer(&lines[cur..=j], Some(&lines[j + 1]), page, counts) else {
                j += 1;
                continue;
            };
            out.push((cur, j + 1, Some(f)));
            // The footer's own pieces are no start of the next bubble.
            let left = lines[cur..=j]
                .iter()
                .map(|l| l.rect.x)
                .fold(f32::MAX, f32::min);
            j += 1;
            while j < end && footer_piece(&lines[j], left) {
                j += 1;
            }
            cur = j;
        }
        if cur < end {
            let mut f = if k + 1 == starts.len() {
                foot.clone()
            } else {
                None
            };
            if f.is_none() {
                f = missed_footer(&lines[cur..end], lines.get(end), page, counts);
            }
            out.push((cur, end, f));
        }
    }
    out
}

/// A word at a line's end that may be a footer's time the page pass garbled: small grey text
/// of digits and marks ("99-45", "55.35" for 22:15) or an unsure mark alone ("=.»"), no word.
fn garbled_time(w: &LWord) -> bool {
    let t = w.text.as_str();
    let n = t.chars().count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    w.tone != Tone::Primary
        && (2..=8).contains(&n)
        && ((letters <= 1 && (digits >= 3 || (digits == 0 && w.conf < 50.0)))
            // "т-5орм" for "1:59 PM": an unsure word with a digit among letters.
            || (digits >= 1 && w.conf < 50.0))
        && !is_clock(t)
        && misread_clock(t).is_none()
        && colonless(t).is_none()
        && parse_count(t).is_none_or(|_| t.contains(['.', ',', '-', ':']))
}

/// Re-reads, line by line, a garbled last word (before any read ticks) that may be a bubble's
/// footer time with the letters of times; a reading that is a clock takes its place. In a
/// group chat the small grey time after the last text line is the only footer a bubble has.
fn reread_clocks(lines: &[Line], counts: &mut dyn CountReader) -> Option<Vec<Line>> {
    let mut out: Option<Vec<Line>> = None;
    for (i, l) in lines.iter().enumerate() {
        let ws = &l.words;
        let mut k = ws.len();
        while k >= 2 && is_ticks(&ws[k - 1].text) {
            k -= 1;
        }
        if k == 0 || trailing_time(&ws[..k], true).is_some() {
            continue;
        }
        // The time alone, or a garbled time and its "PM" read as a short word ("9.99 pyy").
        let pm = |w: &LWord| {
            w.tone != Tone::Primary
                && (2..=3).contains(&w.text.chars().count())
                && w.text.chars().all(char::is_alphabetic)
        };
        let n = if garbled_time(&ws[k - 1]) {
            1
        } else if k >= 2
            && pm(&ws[k - 1])
            && (garbled_time(&ws[k - 2])
                || ws[k - 2].tone != Tone::Primary && is_clock(&ws[k - 2].text))
        {
            2
        } else {
            continue;
        };
        let h = l.height().max(1.0);
        let rect = rect_of(&ws[k - n..k]).grown(0.3 * h);
        let score = |words: &[crate::ocr::Word]| -> Option<f32> {
            let conf = words.iter().map(|w| w.conf).sum::<f32>() / words.len().max(1) as f32;
            time_of(words).map(|_| conf)
        };
        let mut got = counts.read_time(rect, &score);
        // The page pass may split a small time's last digit off as a bar ("=..." "|" for
        // "16:12"), taken above for a read tick: the time is read again with the ticks in its
        // crop, and a time the ticks follow is the time.
        if got.is_none() && k < ws.len() {
            let strip = |words: &[crate::ocr::Word]| -> Vec<crate::ocr::Word> {
                let mut v = words.to_vec();
                while v.len() >= 2 && is_ticks(v[v.len() - 1].text.trim()) {
                    v.pop();
                }
                v
            };
            let wide = rect_of(&ws[k - n..]).grown(0.3 * h);
            let score_ticks = |words: &[crate::ocr::Word]| score(&strip(words));
            got = counts.read_time(wide, &score_ticks).map(|v| strip(&v));
        }
        if *DEBUG {
            eprintln!("clock re-read {:?} -> {got:?}", l.text());
        }
        let Some(t) = got.as_deref().and_then(time_of) else {
            continue;
        };
        let fixed = out.get_or_insert_with(|| lines.to_vec());
        let w = &mut fixed[i].words;
        let rect = rect_of(&w[k - n..k]);
        // "1:59 PM" as two words, as the page pass gives a read 12-hour time.
        let parts: Vec<&str> = t.split_whitespace().collect();
        let step = rect.w / parts.len() as f32;
        let time: Vec<LWord> = parts
            .iter()
            .enumerate()
            .map(|(j, p)| {
                let mut tw = w[k - n].clone();
                tw.rect = Rect {
                    x: rect.x + j as f32 * step,
                    w: step,
                    ..rect
                };
                tw.text = (*p).to_string();
                tw.tone = Tone::Grey;
                tw
            })
            .collect();
        w.splice(k - n..k, time);
    }
    out
}

fn grey_word(w: crate::ocr::Word) -> LWord {
    read_word(w, Tone::Grey)
}

/// A word of a re-read as a layout word in the given tone (the re-read has no colours).
fn read_word(w: crate::ocr::Word, tone: Tone) -> LWord {
    LWord {
        text: w.text.trim().to_string(),
        rect: w.rect,
        conf: w.conf,
        tone,
        ink: [0, 0, 0],
        contrast: 0.0,
        density: 0.0,
        pictorial: 0.0,
    }
}

/// The time that re-read words are, all of them ("22:15", "1:59 PM"), as a footer gives it.
fn time_of(words: &[crate::ocr::Word]) -> Option<String> {
    let ws: Vec<LWord> = words
        .iter()
        .filter(|w| !w.text.trim().is_empty())
        .map(|w| grey_word(w.clone()))
        .collect();
    let (n, t) = trailing_time(&ws, false)?;
    (n == ws.len()).then_some(t)
}

/// How far from a bubble's colour a row may be and still be that bubble, given the rows'
/// differences from it (`diffs`): 10 levels, unless the wallpaper itself is nearer (a dark
/// theme's bubbles differ from their wallpaper by 5–8 levels): then half the wallpaper's
/// difference, taken as the lower quartile of the rows that clearly differ.
fn gap_tolerance(diffs: &[i32]) -> i32 {
    let mut off: Vec<i32> = diffs.iter().copied().filter(|&d| d > 2).collect();
    if off.len() < 2 {
        return 10;
    }
    off.sort_unstable();
    // (A light wallpaper is far off a bubble: JPEG noise in the bubble is no wallpaper.)
    if off[off.len() * 3 / 4] >= 20 {
        return 10;
    }
    (off[off.len() / 4] / 2).clamp(2, 10)
}

/// Bubbles the page pass read nothing of: between two lines far apart that start at the same
/// margin (a run of a group's incoming bubbles), rows in the colour of the upper line's bubble
/// (taken in its padding, left of its text), set apart from it by rows of the wallpaper, are
/// one more bubble; its lines are read as a block.
fn read_gaps(lines: &[Line], page: &Page, counts: &mut dyn CountReader) -> Option<Vec<Line>> {
    let h = crate::layout::median_height(lines)?.max(4.0);
    let mut order: Vec<&Line> = lines.iter().collect();
    order.sort_by(|a, b| a.rect.y.total_cmp(&b.rect.y));
    let (iw, ih) = page.rgb.dimensions();
    let mut found: Vec<Line> = Vec::new();
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b.rect.y - a.rect.bottom() < 3.0 * h || (a.rect.x - b.rect.x).abs() > h {
            continue;
        }
        let xs = a.rect.x - 0.4 * h;
        if xs < 0.0 || xs as u32 >= iw || a.rect.bottom() as u32 >= ih {
            continue;
        }
        let px = |y: f32| page.rgb.get_pixel(xs as u32, (y as u32).min(ih - 1)).0;
        let bg = px(a.rect.cy());
        let diff = |p: [u8; 3]| {
            (0..3)
                .map(|c| (i32::from(p[c]) - i32::from(bg[c])).abs())
                .max()
                .unwrap_or(0)
        };
        // Rows from under the upper line to over the lower one: the upper bubble's rest, the
        // wallpaper, maybe a bubble, the wallpaper, the lower bubble.
        let ys: Vec<f32> = (a.rect.bottom() as u32..b.rect.y as u32)
            .map(|y| y as f32)
            .collect();
        let diffs: Vec<i32> = ys.iter().map(|&y| diff(px(y))).collect();
        let tol = gap_tolerance(&diffs);
        let inside: Vec<bool> = diffs.iter().map(|&d| d <= tol).collect();
        let Some(out1) = inside.iter().position(|&v| !v) else {
            continue;
        };
        let Some(back) = inside[out1..].iter().position(|&v| v).map(|i| i + out1) else {
            continue;
        };
        let Some(end) = inside[back..].iter().position(|&v| !v).map(|i| i + back) else {
            continue;
        };
        if ((end - back) as f32) < 1.5 * h || inside[end..].iter().filter(|&&v| !v).count() < 2 {
            continue;
        }
        let (y0, y1) = (ys[back], ys[end - 1]);
        let Some(right) = bubble_right(page.rgb, xs, &[(y0 + y1) / 2.0], h) else {
            continue;
        };
        if right - xs < 2.0 * h {
            continue;
        }
        let rect = Rect {
            x: xs,
            y: y0,
            w: right - xs,
            h: y1 - y0,
        };
        // One line with its time, in the script that reads it best; else a block, in Latin.
        let timed = |ws: &[crate::ocr::Word]| -> Option<f32> {
            let lw: Vec<LWord> = ws.iter().map(|w| grey_word(w.clone())).collect();
            trailing_time(&lw, false)?;
            Some(ws.iter().map(|w| w.conf).sum::<f32>() / ws.len().max(1) as f32)
        };
        let words = counts
            .read_time(rect, &timed)
            .unwrap_or_else(|| counts.read_block(rect));
        if *DEBUG {
            let t: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
            eprintln!("gap bubble {rect:?}: {t:?}");
        }
        let mut ws: Vec<LWord> = words
            .into_iter()
            .filter(|w| !w.text.trim().is_empty())
            .map(|w| read_word(w, Tone::Primary))
            .collect();
        let conf = ws.iter().map(|w| w.conf).sum::<f32>() / ws.len().max(1) as f32;
        if ws.is_empty() || conf < 60.0 {
            continue;
        }
        ws.sort_by(|p, q| p.rect.x.total_cmp(&q.rect.x));
        if let Some((n, _)) = trailing_time(&ws, false) {
            let k = ws.len();
            for w in &mut ws[k - n..] {
                w.tone = Tone::Grey;
            }
        }
        found.push(Line {
            rect: rect_of(&ws),
            words: ws,
            col: a.col,
        });
    }
    if found.is_empty() {
        return None;
    }
    let mut out = lines.to_vec();
    out.extend(found);
    Some(out)
}

fn extract_lines(lines: &[Line], page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    let fixed = reread_clocks(lines, counts);
    let lines = fixed.as_deref().unwrap_or(lines);
    let trimmed = drop_emoji_tails(lines, page.rgb);
    let lines = trimmed.as_deref().unwrap_or(lines);
    let gaps = read_gaps(lines, page, counts);
    let lines = gaps.as_deref().unwrap_or(lines);
    let mut segs = segments(lines);
    let list_edge = chat_list_edge(&segs).or_else(|| list_gutter(&segs));
    if let Some(edge) = list_edge {
        segs.retain(|s| s.line.rect.x > edge);
    }
    // The chat header: the title over "N subscribers", and anything above them. A channel's
    // title is the author of its posts.
    let mut channel = None;
    if let Some(i) = segs.iter().position(|s| is_audience(&s.line)) {
        let a = &segs[i];
        let h = a.line.height().max(1.0);
        let title = segs[..i]
            .iter()
            .rev()
            .find(|s| s.row < a.row && (s.line.rect.x - a.line.rect.x).abs() < 3.0 * h);
        let t = lower(&a.line);
        if CHANNEL_AUDIENCE.iter().any(|c| t.contains(c)) {
            channel = title.and_then(|s| name_of(&s.line));
        }
        let row = a.row;
        segs.retain(|s| s.row > row);
    }
    let repeated = repeated_names(&segs);

    // Date pills: short lines centred in the chat. Unsure readings of no footer are the
    // wallpaper's doodles or a photo's remains (reaction pills, whose emoji read unsure, stay:
    // a missed footer is re-read under them).
    let right = (page.layout.width as f32)
        .max(segs.iter().map(|s| s.line.rect.right()).fold(0.0, f32::max));
    segs.retain(|s| {
        !is_centred_pill(&s.line, list_edge.unwrap_or(0.0), right)
            && !is_service(&s.line, list_edge.unwrap_or(0.0), right)
            && (s.line.conf() >= 40.0 || footer(&s.line).is_some() || is_reactions(&s.line))
    });
    // Cut at footers; what follows the last footer is a bubble whose footer was not read.
    let mut cuts: Vec<(usize, Option<Footer>)> = segs
        .iter()
        .enumerate()
        .filter_map(|(i, s)| footer(&s.line).map(|f| (i, Some(f))))
        .collect();
    cuts.push((segs.len(), None));
    let page_right = segs
        .iter()
        .filter_map(|s| footer(&s.line).map(|f| f.rect.right()))
        .fold(0.0, f32::max);
    let mut posts: Vec<Post> = Vec::new();
    // Who sent each post's bubble (a forwarded post's author is its source).
    let mut senders: Vec<Option<String>> = Vec::new();
    let mut begin = 0;
    for (i, foot) in cuts {
        let right = match &foot {
            Some(f) => f.rect.right(),
            None if page_right > 0.0 => page_right,
            None => f32::MAX,
        };
        let mut body: Vec<&Seg> = segs[begin..i]
            .iter()
            .filter(|s| s.line.rect.x < right)
            .collect();
        let head;
        if let Some(f) = &foot {
            if f.cut > 0 {
                let s = &segs[i];
                head = Seg {
                    line: with_words(&s.line, s.line.words[..f.cut].to_vec()),
                    row: s.row,
                };
                body.push(&head);
            }
        }
        begin = i + 1;
        let lines = merge_rows(body);
        for (s, end, mut f) in bubbles(&lines, foot, &repeated, page, counts) {
            let b = read_bubble(lines[s..end].to_vec(), channel.as_deref(), &repeated);
            if let (Some(prev), Some(r)) = (posts.last_mut(), b.prev_replies) {
                if prev.metrics.replies.is_none() {
                    prev.metrics.replies = r;
                }
            }
            if let Some(f) = f.as_mut() {
                reread_views(f, page, counts);
            }
            let sender = b.sender.clone();
            if let Some(mut p) = build_post(b, f.as_ref(), page) {
                // A bubble without a name: a channel's post, or the next message of the sender
                // above (Telegram names only the first of a sender's bubbles in a row; a
                // forwarded bubble's sender is named over its "Forwarded from").
                if p.author.name.is_none() {
                    let h = lines.first().map_or(10.0, |l| l.height());
                    p.author.name = channel.clone().or_else(|| {
                        posts
                            .last()
                            .zip(senders.last())
                            .filter(|(q, _)| (q.bbox[0] as f32 - p.bbox[0] as f32).abs() < 2.0 * h)
                            .and_then(|(_, s)| s.clone())
                    });
                }
                senders.push(if p.header.is_none() {
                    p.author.name.clone()
                } else {
                    sender
                });
                posts.push(p);
            }
        }
    }
    // Posts with view counts are a channel's: a nameless one is by the channel that names
    // the others.
    if posts.iter().any(|p| p.metrics.views.is_some()) {
        let own = posts
            .iter()
            .find(|p| p.header.is_none() && p.author.name.is_some())
            .and_then(|p| p.author.name.clone());
        for p in posts.iter_mut() {
            if p.author.name.is_none() && p.header.is_none() {
                p.author.name.clone_from(&own);
            }
        }
    }
    posts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Layout;

    fn word(text: &str, x: f32, y: f32, tone: Tone) -> LWord {
        LWord {
            text: text.into(),
            rect: Rect {
                x,
                y,
                w: 9.0 * text.chars().count() as f32,
                h: 14.0,
            },
            conf: 95.0,
            tone,
            ink: [0, 0, 0],
            contrast: 200.0,
            density: 0.2,
            pictorial: 0.0,
        }
    }

    /// A line from "word/T word/T …" at (x, y); T is P, g or A.
    fn line(x: f32, y: f32, spec: &str) -> Line {
        let mut words: Vec<LWord> = Vec::new();
        let mut cx = x;
        for tok in spec.split(' ') {
            let (t, tone) = tok.rsplit_once('/').unwrap();
            let tone = match tone {
                "g" => Tone::Grey,
                "A" => Tone::Accent,
                _ => Tone::Primary,
            };
            let w = word(t, cx, y, tone);
            cx = w.rect.right() + 5.0;
            words.push(w);
        }
        Line {
            rect: rect_of(&words),
            words,
            col: 0,
        }
    }

    #[test]
    fn a_hashtag_twice_on_the_page_names_nobody() {
        // Kotatogram's channel (real screenshot, as read): "#Linux64" opens a post cut at the
        // top and stands again in the channel's description beside the chat.
        let lines = vec![
            line(289.0, 141.0, "#Linux64/A"),
            line(289.0, 160.0, "SHA-256:/P"),
            line(289.0, 300.0, "Kotatogram/A"),
            line(289.0, 320.0, "New/P version/P is/P out!/P"),
            line(798.0, 538.0, "#Linux64/A"),
        ];
        let segs = segments(&lines);
        assert_eq!(repeated_names(&segs), Vec::<String>::new());
        assert!(tag_or_link(&lines[0]) && !tag_or_link(&lines[2]));
    }

    #[test]
    fn emoji_read_as_letters_after_a_name_go() {
        // s71 telegram_web_2msg_light_ru: a grey 🐘 after a name in the sender's colour,
        // read "MR".
        let grey = line(24.0, 113.0, "Жёлтый/A слон/A MR/g");
        // telegram_mobile_3msg_dark_en: a colour 📈 after a channel's title, read "J".
        let title = line(20.0, 20.0, "Markets/P Daily/P J/P");
        let mut rgb = image::RgbImage::from_pixel(200, 60, image::Rgb([255, 255, 255]));
        let j = title.words[2].rect;
        for y in 16..38 {
            for x in (j.x as u32 - 6)..(j.x as u32 + 14) {
                // Red top, green bottom: a chart emoji's two hues.
                let c = if y < 27 { [220, 40, 40] } else { [40, 180, 60] };
                rgb.put_pixel(x, y, image::Rgb(c));
            }
        }
        // A name's own short word in its colour stays, as does a reaction pill's count.
        let kept = line(24.0, 113.0, "Новости/A Москвы/A 24/A");
        let pill = line(20.0, 20.0, "416k/g @9/A");
        let lines = vec![grey, title, kept.clone(), pill.clone()];
        let out = drop_emoji_tails(&lines, &rgb).unwrap();
        assert_eq!(out[0].text(), "Жёлтый слон");
        assert_eq!(out[1].text(), "Markets Daily");
        assert_eq!(out[2].text(), kept.text());
        assert_eq!(out[3].text(), pill.text());
        // Without the emoji's pixels the title keeps its last word.
        let plain = image::RgbImage::from_pixel(200, 60, image::Rgb([255, 255, 255]));
        assert!(drop_emoji_tails(&lines[1..], &plain).is_none());
        // telegram_desktop_2msg_dark_ru (seed 77, JPEG q65): a name all in the sender's green,
        // its words' tones mixed by the JPEG, whose "24" makes a square green mark: the
        // name's own colour, no emoji.
        let mut green = line(20.0, 20.0, "Новости/g Москвы/A 24/g");
        for w in &mut green.words {
            w.ink = [165, 221, 148];
        }
        let mut rgb = image::RgbImage::from_pixel(200, 60, image::Rgb([23, 33, 43]));
        let d = green.words[2].rect;
        for y in 20..34 {
            for x in d.x as u32..(d.x as u32 + 16) {
                rgb.put_pixel(x, y, image::Rgb([165, 221, 148]));
            }
        }
        assert!(drop_emoji_tails(std::slice::from_ref(&green), &rgb).is_none());
        // The same mark in another colour than the name's is an emoji.
        green.words[2].ink = [220, 40, 40];
        assert!(drop_emoji_tails(std::slice::from_ref(&green), &rgb).is_some());
    }

    fn run(lines: Vec<Line>) -> Vec<Post> {
        let layout = Layout {
            lines: lines.clone(),
            width: 1000,
            height: 1000,
            background: [255, 255, 255],
        };
        let rgb = image::RgbImage::new(1, 1);
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        extract_lines(&lines, &page, &mut crate::posts::NoReread)
    }

    #[test]
    fn footers_read_views_edited_and_times() {
        let f = footer(&line(700.0, 100.0, "@/g 455K/g 17:48/g")).unwrap();
        assert_eq!(
            (f.views, f.time.as_str(), f.cut),
            (Some(455_000), "17:48", 0)
        );
        let f = footer(&line(700.0, 100.0, "©/g 2.1K/g edited/g 18:26/g")).unwrap();
        assert!(f.edited);
        assert_eq!(f.views, Some(2100));
        // "изменено" as the Latin model reads it, "н" as "H" (captured footer re-read).
        let f = footer(&line(360.0, 487.0, "259K/g w3MeHeHo/g 14:46/g")).unwrap();
        assert!(f.edited);
        assert_eq!((f.views, f.cut), (Some(259_000), 0));
        let f = footer(&line(360.0, 487.0, "1.2K/g 3MiHeHo/g 9:05/g")).unwrap();
        assert!(f.edited);
        // Colon lost, on a footer line of its own.
        let f = footer(&line(700.0, 100.0, "oie/g 1421/g")).unwrap();
        assert_eq!(f.time, "14:21");
        // A reaction pill's count (coloured) is no colon-less time.
        assert!(footer(&line(30.0, 100.0, "@/A 606/A")).is_none());
        // The eye icon read as unsure letters before the time: footer, not text.
        let mut l = line(700.0, 100.0, "oie/g 14:21/g");
        l.words[0].conf = 13.0;
        let f = footer(&l).unwrap();
        assert_eq!((f.cut, f.time.as_str()), (0, "14:21"));
        // 12-hour clocks.
        let f = footer(&line(700.0, 100.0, "7:52/g PM/g")).unwrap();
        assert_eq!(f.time, "7:52 PM");
        // Inline footer after the last text line.
        let f = footer(&line(10.0, 100.0, "in/P group./P @©17/g 20:50/g")).unwrap();
        assert_eq!((f.cut, f.views), (2, Some(17)));
        // Text that ends in a time is not a footer; neither is a year.
        assert!(footer(&line(10.0, 100.0, "meet/P at/P 14:30/P")).is_none());
        assert!(footer(&line(10.0, 100.0, "since/P 2024/g")).is_none());
        assert!(footer(&line(10.0, 100.0, "since/g 2024/g")).is_none());
        assert!(footer(&line(10.0, 100.0, "7/g ноября/g 2024/g")).is_none());
    }

    #[test]
    fn footer_pieces_beside_the_last_line_are_no_text() {
        // Captured (desktop, light, Russian): the page pass read the inline footer
        // "👁 259K изменено 14:46" as "изменен" and "2"; the re-read footer's box covers them.
        let mut lines = vec![
            line(25.0, 457.0, "июня./P Аналитики/P связывают/P"),
            line(
                25.0,
                484.0,
                "периодом/P и/P высокими/P ставками./P изменен/g",
            ),
            line(359.0, 494.0, "2/g"),
        ];
        // The footer's box as the re-read placed it: from the views to the time, over the
        // end of the last line (in this helper's 9-pixel letters, "изменен" spans 279–342).
        let foot = Rect {
            x: 276.0,
            y: 486.0,
            w: 124.0,
            h: 12.0,
        };
        drop_footer_pieces(&mut lines, foot);
        let texts: Vec<String> = lines.iter().map(|l| l.text()).collect();
        assert_eq!(
            texts,
            ["июня. Аналитики связывают", "периодом и высокими ставками."]
        );
    }

    /// Answers every count re-read with `answer` and keeps the boxes asked for.
    struct Stub {
        answer: &'static str,
        asked: Vec<Rect>,
    }
    impl CountReader for Stub {
        fn read_count(&mut self, rect: Rect) -> Option<String> {
            self.asked.push(rect);
            Some(self.answer.into())
        }
    }

    /// A white page of `width` × `height` with no lines read.
    fn empty_layout(width: u32, height: u32) -> Layout {
        Layout {
            lines: vec![],
            width,
            height,
            background: [255, 255, 255],
        }
    }

    #[test]
    fn views_are_reread_without_the_eye() {
        // A white bubble; an eye (wider than tall) glued to two digits (taller than wide).
        let mut rgb = image::RgbImage::from_pixel(120, 40, image::Rgb([255, 255, 255]));
        let mut ink = |x0: u32, x1: u32, y0: u32, y1: u32| {
            for x in x0..x1 {
                for y in y0..y1 {
                    rgb.put_pixel(x, y, image::Rgb([120, 130, 140]));
                }
            }
        };
        ink(10, 26, 16, 26);
        ink(30, 36, 15, 27);
        ink(38, 44, 15, 27);
        let layout = empty_layout(120, 40);
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        let mut f = footer(&line(10.0, 14.0, "©7177/g 20:50/g")).unwrap();
        f.views_rect = Some(Rect {
            x: 9.0,
            y: 14.0,
            w: 37.0,
            h: 14.0,
        });
        let mut stub = Stub {
            answer: "17",
            asked: vec![],
        };
        reread_views(&mut f, &page, &mut stub);
        assert_eq!(f.views, Some(17));
        assert!(
            stub.asked[0].x > 26.0 && stub.asked[0].right() > 44.0,
            "{stub:?}",
            stub = stub.asked
        );
    }

    #[test]
    fn a_count_read_from_its_first_digit_keeps_all_its_digits() {
        // telegram_desktop_3msg_dark_ru (seed 75): "👁 426K" read "©" and "426K"; at 8 px
        // the "4" and "2" join into one piece as wide as an eye.
        let mut rgb = image::RgbImage::from_pixel(120, 40, image::Rgb([255, 255, 255]));
        let mut ink = |x0: u32, x1: u32, y0: u32, y1: u32| {
            for x in x0..x1 {
                for y in y0..y1 {
                    rgb.put_pixel(x, y, image::Rgb([120, 130, 140]));
                }
            }
        };
        ink(30, 42, 16, 24); // "42"
        ink(43, 49, 16, 24); // "6"
        ink(50, 56, 16, 24); // "K"
        let layout = empty_layout(120, 40);
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        let mut f = footer(&line(10.0, 14.0, "©/g 426K/g 23:05/g")).unwrap();
        assert_eq!(f.views_bare, Some(3));
        f.views_rect = Some(Rect {
            x: 29.0,
            y: 15.0,
            w: 28.0,
            h: 10.0,
        });
        let mut stub = Stub {
            answer: "426K",
            asked: vec![],
        };
        reread_views(&mut f, &page, &mut stub);
        assert_eq!(f.views, Some(426_000));
        // The "42" piece was read with the rest, not skipped as the eye.
        assert!(stub.asked[0].x < 30.0, "{:?}", stub.asked);
        // A re-read with fewer digits ("6K") leaves the page's reading.
        let mut stub = Stub {
            answer: "6K",
            asked: vec![],
        };
        reread_views(&mut f, &page, &mut stub);
        assert_eq!(f.views, Some(426_000));
    }

    #[test]
    fn audience_lines_point_to_telegram() {
        assert!(audience_text("1,108,489 subscribers"));
        assert!(audience_text("353 824 подписчиков"));
        assert!(audience_text("242 members, 112 online"));
        assert!(!audience_text("subscribers only"));
        assert!(!audience_text(
            "12 members of the council voted for the plan after a long debate"
        ));
    }

    #[test]
    fn footer_lines_point_to_telegram() {
        assert!(footer_text("@ 455k 17:48"));
        assert!(footer_text("< 26k изменено 17:30"));
        assert!(footer_text("or profile pic in group. @©17 20:50"));
        assert!(!footer_text(
            "by staff reporter - updated 26 nov 2025, 16:40"
        ));
        assert!(!footer_text("meet me at 14:30"));
        assert!(!footer_text("16.11.2025 20:39"));
    }

    #[test]
    fn audience_line_starts_with_its_count() {
        assert!(is_audience(&line(68.0, 32.0, "133/g 743/g підписників/g")));
        assert!(is_audience(&line(
            68.0,
            32.0,
            "240/g участников,/g 59/g в/g сети/g"
        )));
        assert!(!is_audience(&line(
            36.0,
            339.0,
            "Дякуємо/P за/P 20/P тисяч/P підписників!/P"
        )));
    }

    #[test]
    fn forwarded_with_latin_look_alikes() {
        assert_eq!(
            forwarded_prefix("Переслано oT hromadske"),
            Some("переслано от")
        );
        assert_eq!(
            forwarded_prefix("Forwarded from Reuters"),
            Some("forwarded from")
        );
        assert_eq!(forwarded_prefix("Перенесли встречу"), None);
    }

    #[test]
    fn garbled_footer_times_are_candidates() {
        assert!(garbled_time(&word("99-45", 0.0, 0.0, Tone::Grey)));
        assert!(!garbled_time(&word("22:15", 0.0, 0.0, Tone::Grey)));
        assert!(!garbled_time(&word("2024", 0.0, 0.0, Tone::Grey)));
        assert!(!garbled_time(&word("99-45", 0.0, 0.0, Tone::Primary)));
    }

    #[test]
    fn comment_bars_give_counts() {
        assert_eq!(comments_text("© 47 comments >"), Some(Some(47)));
        assert_eq!(comments_text("О Зкомментария"), Some(Some(3)));
        assert_eq!(comments_text("© 161 комментарий"), Some(Some(161)));
        assert_eq!(comments_text("Leave a comment"), Some(None));
        assert_eq!(
            comments_text("I read every comment you all left here today"),
            None
        );
    }

    #[test]
    fn channel_page_with_header_pills_forward_and_comments() {
        let posts = run(vec![
            line(200.0, 30.0, "Экономика/P сегодня/P"),
            line(200.0, 90.0, "90/g 920/g подписчиков/g"),
            line(300.0, 150.0, "24/g ноября/g"),
            line(70.0, 340.0, "Экономика/A сегодня/A"),
            line(70.0, 400.0, "Кто/P знает/P хороший/P сервис/P"),
            line(70.0, 440.0, "назад/P @/A"),
            line(90.0, 480.0, "836/g Фзлк/A O44/g"),
            line(730.0, 500.0, "oie/g 1421/g"),
            line(70.0, 600.0, "Переслано/A от/A Reuters/A"),
            line(70.0, 640.0, "Российско-американская/P группа/P"),
            line(70.0, 680.0, "работу/P в/P декабре./P"),
            line(700.0, 720.0, "©/g 28K/g 15:06/g"),
            line(70.0, 780.0, "©/A 161/A комментарий/A"),
        ]);
        assert_eq!(posts.len(), 2, "{posts:#?}");
        assert_eq!(posts[0].author.name.as_deref(), Some("Экономика сегодня"));
        assert_eq!(
            posts[0].text.replace('\n', " "),
            "Кто знает хороший сервис назад"
        );
        assert_eq!(posts[0].timestamp.as_ref().unwrap().text, "14:21");
        assert_eq!(posts[1].author.name.as_deref(), Some("Reuters"));
        assert_eq!(posts[1].header.as_deref(), Some("Переслано от Reuters"));
        assert_eq!(posts[1].metrics.views, Some(28_000));
        assert_eq!(posts[1].metrics.replies, Some(161));
    }

    #[test]
    fn channel_title_names_its_posts_and_garbled_pills_go() {
        let posts = run(vec![
            line(134.0, 22.0, "Markets/P Daily/P ,//A"),
            line(133.0, 62.0, "58,860/g subscribers/g"),
            line(455.0, 157.0, "Мометрег/g 30/g"),
            // The bubble's name in text colour (dark themes): it repeats the title.
            line(50.0, 225.0, "Markets/P Daily/P ,7/P"),
            line(
                48.0,
                270.0,
                "Tesla/P shares/P rose/P 6.8%/P in/P after-hours/P",
            ),
            line(803.0, 320.0, "©/g 438K/g 21:08/g"),
            line(48.0, 400.0, "Second/P post/P without/P a/P name/P"),
            line(803.0, 440.0, "©/g 12K/g 21:30/g"),
        ]);
        assert_eq!(posts.len(), 2, "{posts:#?}");
        assert_eq!(posts[0].author.name.as_deref(), Some("Markets Daily"));
        assert_eq!(posts[0].text, "Tesla shares rose 6.8% in after-hours");
        assert_eq!(posts[1].author.name.as_deref(), Some("Markets Daily"));
    }

    #[test]
    fn missed_footer_still_cuts_at_the_next_bubble() {
        let posts = run(vec![
            line(25.0, 20.0, "Bloomberg/A"),
            line(25.0, 340.0, "Bitcoin/P falls/P below/P $90,000/P"),
            line(33.0, 416.0, "@/A 606/A"),
            line(25.0, 463.0, "Forwarded/g from/g Bloomberg/A"),
            line(25.0, 880.0, "The/P US/P and/P Russia/P are/P closer/P"),
        ]);
        assert_eq!(posts.len(), 2, "{posts:#?}");
        assert_eq!(
            posts[0].text.replace('\n', " "),
            "Bitcoin falls below $90,000"
        );
        assert_eq!(posts[1].author.name.as_deref(), Some("Bloomberg"));
    }

    #[test]
    fn a_channel_name_in_text_colour_starts_each_of_its_bubbles() {
        // Captured (mobile, dark, JPEG q55): the channel's light accent name reads as text
        // colour; the first bubble's footer was lost with a reaction pill, and the footer
        // line "👁 682K 5:04PM" reads like a reactions row.
        let posts = run(vec![
            line(24.0, 20.0, "Tech/P Digest/P"),
            line(24.0, 236.0, "The/P line/P at/P the/P DMV/P"),
            line(25.0, 258.0, "people/P long./P"),
            line(32.0, 290.0, "49/A Wik/g B79/P"),
            line(24.0, 341.0, "Tech/P Digest/P"),
            line(24.0, 619.0, "Three/P things/P every/P API/P"),
            line(224.0, 713.0, "@/g 682K/g 5:04PM/g"),
            line(24.0, 746.0, "Tech/P Digest/P"),
            line(24.0, 1023.0, "this/P week./P"),
            line(224.0, 1110.0, "@/g 506K/g 5:14/g PM/g"),
        ]);
        let got: Vec<(Option<&str>, &str)> = posts
            .iter()
            .map(|p| (p.author.name.as_deref(), p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("Tech Digest"), "The line at the DMV people long."),
                (Some("Tech Digest"), "Three things every API"),
                (Some("Tech Digest"), "this week."),
            ]
        );
        assert_eq!(posts[1].metrics.views, Some(682_000));
    }

    /// Re-reads every block below y 300 (the name and photo above hold none) as one footer
    /// line "👁 1.2K 12:30" at the right of the block.
    struct Footers;
    impl CountReader for Footers {
        fn read_count(&mut self, _: Rect) -> Option<String> {
            None
        }
        fn read_block(&mut self, rect: Rect) -> Vec<crate::ocr::Word> {
            let w = |text: &str, x: f32| crate::ocr::Word {
                text: text.into(),
                rect: Rect {
                    x,
                    y: rect.y + rect.h - 16.0,
                    w: 40.0,
                    h: 12.0,
                },
                conf: 90.0,
                block: 1,
                par: 1,
                line: 1,
            };
            if rect.y < 300.0 {
                return vec![];
            }
            vec![
                w("1.2K", rect.right() - 100.0),
                w("12:30", rect.right() - 50.0),
            ]
        }
    }

    #[test]
    fn bubbles_whose_footers_were_missed_are_cut_at_wide_gaps() {
        // Three bubbles of a channel, no footer read by the page pass: the lines of one bubble
        // follow at line spacing, bubbles are apart by more than a line.
        let lines = vec![
            line(25.0, 100.0, "Markets/A Daily/A"),
            line(25.0, 400.0, "What/P we/P learned/P shipping/P"),
            line(25.0, 420.0, "Latency/P matters/P more/P"),
            line(25.0, 470.0, "Congratulations/P to/P the/P crew/P"),
            line(25.0, 490.0, "Crew-11/P is/P on/P its/P way/P"),
            line(25.0, 540.0, "The/P line/P at/P the/P DMV/P"),
        ];
        let layout = Layout {
            lines: lines.clone(),
            width: 600,
            height: 700,
            background: [255, 255, 255],
        };
        let rgb = image::RgbImage::from_pixel(600, 700, image::Rgb([255, 255, 255]));
        let page = Page {
            layout: &layout,
            rgb: &rgb,
            now: None,
        };
        let posts = extract_lines(&lines, &page, &mut Footers);
        let texts: Vec<&str> = posts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "What we learned shipping Latency matters more",
                "Congratulations to the crew Crew-11 is on its way",
                "The line at the DMV"
            ],
            "{posts:#?}"
        );
        assert!(posts.iter().all(|p| p.metrics.views == Some(1200)));
        assert!(
            posts
                .iter()
                .all(|p| p.author.name.as_deref() == Some("Markets Daily"))
        );
    }

    #[test]
    fn chat_list_rows_are_not_posts() {
        let posts = run(vec![
            line(113.0, 104.0, "Mom/P 17:51/g"),
            line(112.0, 132.0, "Call/g me/g when/g you/g land/g"),
            line(113.0, 211.0, "Ann/P 09:50/g"),
            line(113.0, 242.0, "BTC/g broke/g the/g 90K/g"),
            line(113.0, 300.0, "Bob/P 08:17/g"),
            line(518.0, 114.0, "Reuters/A"),
            line(517.0, 143.0, "Good/P morning/P everyone/P"),
            line(709.0, 179.0, "@/g 455K/g 17:48/g"),
        ]);
        assert_eq!(posts.len(), 1, "{posts:#?}");
        assert_eq!(posts[0].author.name.as_deref(), Some("Reuters"));
        assert_eq!(posts[0].text, "Good morning everyone");
    }

    #[test]
    fn input_bar_is_no_post() {
        assert!(is_input_bar(&line(
            16.0,
            900.0,
            "©/g Write/g a/g message.../g Q/g YV/g"
        )));
        assert!(is_input_bar(&line(
            16.0,
            900.0,
            "(О/g Повідомлення/g QAWd/g"
        )));
        assert!(is_ui(&line(16.0, 900.0, "©/g Написать/g сообщение…/g")));
        // A message that talks about a message is text.
        assert!(!is_input_bar(&line(
            16.0,
            900.0,
            "I/P got/P your/P message/P"
        )));
        let posts = run(vec![
            line(66.0, 176.0, "Jo/A"),
            line(66.0, 200.0, "Who/P is/P coming/P on/P Saturday?/P 12:21/g"),
            line(16.0, 430.0, "©/g Message/g QW?/g"),
        ]);
        assert_eq!(posts.len(), 1, "{posts:#?}");
        assert_eq!(posts[0].text, "Who is coming on Saturday?");
    }

    #[test]
    fn ticks_after_an_outgoing_time_are_footer() {
        let f = footer(&line(600.0, 278.0, "ПЯТНИЦЫ/P —изменено11:38/g")).unwrap();
        assert_eq!(f.time, "11:38");
        let f = footer(&line(926.0, 1228.0, "14:02/A vv/A")).unwrap();
        assert_eq!(f.time, "14:02");
        let f = footer(&line(300.0, 143.0, "12:15/A PM/A Vv/A")).unwrap();
        assert_eq!(f.time, "12:15 PM");
        assert!(is_ticks("✓✓") && is_ticks("W") && !is_ticks("was"));
        assert!(is_ticks("vy") && is_ticks("|") && !is_ticks("y") && !is_ticks("yes"));
        let f = footer(&line(926.0, 1228.0, "14:02/A vy/A |/A")).unwrap();
        assert_eq!(f.time, "14:02");
        // The first tick read as "4", the second as "¥", after "edited".
        let f = footer(&line(926.0, 140.0, "изменено/g 12:58/g 4/g ¥/g")).unwrap();
        assert_eq!((f.time.as_str(), f.edited, f.cut), ("12:58", true, 0));
        assert!(footer(&line(926.0, 140.0, "at/P 12:58/P 4/P")).is_none());
    }

    #[test]
    fn reply_quote_block_is_neither_sender_nor_text() {
        // Sender, the quote block indented by its bar (name + first line of the replied-to
        // message), then the reply's own text; a second bubble with no sender line.
        let posts = run(vec![
            line(200.0, 100.0, "Priya/A Sharma/A"),
            line(234.0, 160.0, "Ben/A Carter/A"),
            line(
                232.0,
                200.0,
                "I/P uploaded/P the/P photos/P There/P ar.../P",
            ),
            line(
                200.0,
                260.0,
                "Yes,/P they/P are/P at/P the/P reception/P 10:38/g",
            ),
            line(234.0, 360.0, "Priya/A Sharma/A"),
            line(232.0, 400.0, "Yes,/P they/P are/P at/P the/P reception/P"),
            line(200.0, 460.0, "Thanks/P a/P lot/P 10:40/g"),
        ]);
        assert_eq!(posts.len(), 2, "{posts:#?}");
        assert_eq!(posts[0].author.name.as_deref(), Some("Priya Sharma"));
        assert_eq!(posts[0].text, "Yes, they are at the reception");
        // The second bubble continues Priya's run; "Priya Sharma" in its quote is not a name.
        assert_eq!(posts[1].text, "Thanks a lot");
        assert_eq!(posts[1].author.name.as_deref(), Some("Priya Sharma"));
    }

    #[test]
    fn forwarded_bubbles_sender_goes_on_below() {
        let posts = run(vec![
            line(70.0, 100.0, "Jo/A"),
            line(70.0, 140.0, "Forwarded/A from/A Le/A Monde/A"),
            line(70.0, 180.0, "Did/P anyone/P see/P my/P keys?/P 08:12/g"),
            line(
                70.0,
                260.0,
                "Does/P anyone/P know/P a/P good/P plumber?/P 08:20/g",
            ),
        ]);
        assert_eq!(posts.len(), 2, "{posts:#?}");
        assert_eq!(posts[0].author.name.as_deref(), Some("Le Monde"));
        assert_eq!(posts[1].author.name.as_deref(), Some("Jo"));
    }

    #[test]
    fn service_messages_and_grey_repeated_names() {
        // No audience line read: the channel's title over the first bubble's name, names in a
        // colour OCR took for grey (with digits, which grey names may not have otherwise), a
        // group's service pill centred in the chat.
        let posts = run(vec![
            line(49.0, 10.0, "Дорожная/g служба/g 112/P"),
            line(18.0, 86.0, "Дорожная/g служба/g 112/P"),
            line(18.0, 376.0, "Итоги/P матча:/P «Зенит»/P «Спартак»/P 2:1/P"),
            line(600.0, 396.0, "изменено/g 10:47/g"),
            line(380.0, 460.0, "Noah/P joined/P the/P group/P"),
            line(18.0, 520.0, "Дорожная/g служба/g 112/P"),
            line(
                18.0,
                560.0,
                "Внимание!/P Мошенники/P рассылают/P сообщения/P",
            ),
            line(600.0, 600.0, "©/g 322K/g 11:25/g"),
        ]);
        assert_eq!(posts.len(), 2, "{posts:#?}");
        for p in &posts {
            assert_eq!(p.author.name.as_deref(), Some("Дорожная служба 112"));
        }
        assert_eq!(posts[0].text, "Итоги матча: «Зенит» «Спартак» 2:1");
        assert_eq!(posts[1].text, "Внимание! Мошенники рассылают сообщения");
    }

    #[test]
    fn twelve_hour_footers_with_a_misread_one() {
        let l = line(300.0, 40.0, "i.25/g pm/g");
        assert_eq!(footer(&l).map(|f| f.time), Some("1:25 PM".to_string()));
        let l = line(300.0, 40.0, "Agreed/P j.29/g pm/g");
        assert_eq!(footer(&l).map(|f| f.time), Some("1:29 PM".to_string()));
        // Text that names a time is no footer.
        assert_eq!(footer(&line(30.0, 40.0, "at/P 9.30/P pm/P")), None);
    }

    #[test]
    fn bubble_heads_open_the_rescue() {
        let white = image::RgbImage::from_pixel(400, 300, image::Rgb([255, 255, 255]));
        assert!(bubble_heads(
            &[
                line(25.0, 60.0, "Новости/A Москвы/A 24/A"),
                line(25.0, 80.0, "Минфин/P разместил/P ОФЗ/P"),
            ],
            &white
        ));
        assert!(bubble_heads(
            &[
                line(25.0, 60.0, "Some/P text/P"),
                line(25.0, 80.0, "©/g 1192/g комментария/g"),
            ],
            &white
        ));
        // A blue heading far above text, or plain text, is no bubble head.
        assert!(!bubble_heads(
            &[
                line(25.0, 60.0, "Network/A"),
                line(25.0, 200.0, "Wi-Fi/P is/P on/P"),
            ],
            &white
        ));
        assert!(!bubble_heads(
            &[line(25.0, 60.0, "Total/P 14:32/P")],
            &white
        ));
        // A photo between a channel's name and its caption.
        let mut photo = white.clone();
        for (x, y, p) in photo.enumerate_pixels_mut() {
            if (75..195).contains(&y) {
                *p = image::Rgb([(x % 200) as u8, 90, (y % 120) as u8]);
            }
        }
        let (name, caption) = (
            line(25.0, 60.0, "Network/A"),
            line(25.0, 200.0, "Wi-Fi/P is/P on/P"),
        );
        assert!(bubble_heads(&[name, caption], &photo));
    }

    #[test]
    fn emoji_read_as_junk_leave_the_text() {
        let l = line(70.0, 100.0, "Happy/P birthday,/P Tom!/P @B/A =/g");
        let mut junk = line(70.0, 130.0, "4/A The/P city/P council/P %/P");
        junk.words[0].pictorial = 0.33;
        junk.words[4].pictorial = 0.41;
        // Short words a wallpaper made look coloured stay.
        let kept = line(70.0, 160.0, "Hi/A see/P t.me/A #1/A @anna_k/A 100%/P up/A");
        let out = drop_emoji(vec![l, junk, kept]);
        let texts: Vec<String> = out.iter().map(|l| l.text()).collect();
        // ("=" is grey: a footer's remains are not this rule's.)
        assert_eq!(
            texts,
            [
                "Happy birthday, Tom! =",
                "The city council",
                "Hi see t.me #1 @anna_k 100% up"
            ]
        );
        // A line of reaction pills (no text-coloured word) is left to the reaction rules.
        let rx = line(70.0, 190.0, "@/A 311/A");
        assert_eq!(drop_emoji(vec![rx])[0].words.len(), 2);
    }

    #[test]
    fn marks_off_the_bubble_are_no_text() {
        // A doodle read at the window's edge, a wide gap left of the text.
        let mut l = line(0.0, 100.0, "m/g the/P third/P day/P");
        for w in &mut l.words[1..] {
            w.rect.x += 20.0;
        }
        assert!(stray_lead(&l));
        assert!(!stray_lead(&line(0.0, 100.0, "a/g the/P")));
        // Garble over a channel's name, right of the bubble's margin, is dropped.
        let posts = run(vec![
            line(400.0, 60.0, "7X/g Cary/g wT/g"),
            line(70.0, 100.0, "City/A News/A"),
            line(
                70.0,
                130.0,
                "The/P press/P conference/P starts/P at/P 15:00./P",
            ),
            line(600.0, 160.0, "©/g 915/g 23:49/g"),
        ]);
        assert_eq!(posts.len(), 1, "{posts:#?}");
        assert_eq!(posts[0].author.name.as_deref(), Some("City News"));
        assert_eq!(posts[0].text, "The press conference starts at 15:00.");
    }

    #[test]
    fn a_link_ending_in_digits_is_no_views_count() {
        let f = footer(&line(10.0, 100.0, "docs.example.com/d/sprint-14/A 20:25/g")).unwrap();
        assert_eq!((f.views, f.cut), (None, 1));
        // The eye glued to the count still gives it.
        let f = footer(&line(700.0, 100.0, "©9304/g 20:25/g")).unwrap();
        assert_eq!(f.views, Some(9304));
        let f = footer(&line(700.0, 100.0, "@©®2K/g изменено/g 17:12/g")).unwrap();
        assert_eq!(f.views, Some(2000));
    }

    #[test]
    fn garbled_input_bar_placeholder_is_no_post() {
        assert!(is_input_bar(&line(
            16.0,
            380.0,
            "©/g Hanuwitb/g повідомлення.../g"
        )));
        assert!(is_input_bar(&line(
            16.0,
            380.0,
            "©/g write/g a/g message.../g Q/g"
        )));
        // A message that mentions a message is text colour.
        assert!(!is_input_bar(&line(16.0, 380.0, "see/P my/P message.../P")));
    }

    #[test]
    fn sender_in_text_colour_over_a_forward_and_repeated_over_one_liners() {
        // A dark theme's sender names read as text colour; the first bubble is one line with
        // its time at the end.
        let posts = run(vec![
            line(70.0, 80.0, "Noah/P"),
            line(70.0, 100.0, "Thanks/P everyone/P 3:15/g PM/g"),
            line(70.0, 190.0, "Noah/P"),
            line(70.0, 210.0, "Forwarded/g from/g Le/P Monde/P"),
            line(
                70.0,
                230.0,
                "Did/P anyone/P see/P my/P keys?/P Blue/P keychain/P",
            ),
            line(70.0, 250.0, "machine/P 3:24/g PM/g"),
        ]);
        assert_eq!(posts.len(), 2, "{posts:#?}");
        assert_eq!(posts[0].author.name.as_deref(), Some("Noah"));
        assert_eq!(posts[0].text, "Thanks everyone");
        assert_eq!(posts[1].author.name.as_deref(), Some("Le Monde"));
        assert!(posts[1].text.starts_with("Did anyone"), "{posts:#?}");
        assert!(sender_line(&line(0.0, 0.0, "Le/P Monde/P")));
        assert!(!sender_line(&line(0.0, 0.0, "Thanks/P everyone./P")));
    }

    #[test]
    fn gap_rows_of_a_dark_wallpaper_are_told_from_its_bubbles() {
        // Light: white bubbles on a green wallpaper keep the usual tolerance.
        assert_eq!(gap_tolerance(&[0, 0, 60, 60, 0, 0, 60, 0]), 10);
        assert_eq!(gap_tolerance(&[0, 3, 4, 60, 60, 60, 4, 60, 0]), 10);
        // Dark: the wallpaper is 8 levels off the bubble, a doodle on it 20.
        let t = gap_tolerance(&[0, 1, 8, 8, 0, 0, 0, 8, 20, 8, 0]);
        assert!((2..8).contains(&t), "{t}");
        // A gap of one colour has nothing to tell.
        assert_eq!(gap_tolerance(&[0, 0, 1, 0]), 10);
    }
}
