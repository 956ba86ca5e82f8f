//! Facebook: bold name over a grey "26 November at 14:58 · 🌐" line, text with "See more",
//! a reactions line ("👍❤️ 1.2K   345 comments  56 shares": reactions → likes, comments →
//! replies, shares → reposts) and the Like / Comment / Share buttons.

use once_cell::sync::Lazy;
use regex::Regex;

use super::fields::author::clean_name;
use super::fields::metrics::{label_metric, labelled_counts, parse_count, parse_count_tokens};
use super::{CountReader, Cues, Page, Profile, Rules, headtime, icons, named};
use crate::layout::{LWord, Layout, Line, Tone};
use crate::ocr::Rect;
use crate::record::{Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Facebook,
    slots: &[],
    badges: true,
};

const STYLE: named::Style = named::Style {
    profile: PROFILE,
    handle_prefix: None,
    footer: footer,
    username_after_footer: false,
    button_count: None,
};

pub const RULES: Rules = Rules {
    platform: Platform::Facebook,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let buttons = c.has_any(&[
        "like",
        "comment",
        "share",
        "нравится",
        "комментировать",
        "поделиться",
        "подобається",
        "коментувати",
        "поширити",
        "kommentieren",
        "teilen",
    ]) as f32;
    let labels = c.has_phrases(&[
        " comments",
        " shares",
        " комментари",
        " коментар",
        " поширен",
        // Russian mobile "Поделились: 206" (shared by).
        " поделил",
        " репост",
        "see more",
        "mehr anzeigen",
        "kommentare",
        "mal geteilt",
        "gefällt mir",
        "facebook",
        // A page's call-to-action button beside a shared link.
        "send message",
        "nachricht senden",
        "отправить сообщение",
        "надіслати повідомлення",
    ]) as f32;
    if buttons + labels < 2.0 {
        return 0.0;
    }
    buttons + labels
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    let reread = headtime::reread_under_names(page, counts);
    let layout = reread.as_ref().unwrap_or(page.layout);
    let (lines, totals) =
        take_reaction_lines(join_wrapped_footers(&join_split_footers(&layout.lines)));
    let lines = drop_menu_lines(lines, layout.width as f32);
    let layout = Layout {
        lines,
        ..layout.clone()
    };
    let page = &Page {
        layout: &layout,
        rgb: page.rgb,
        now: page.now,
    };
    let mut posts = named::extract(page, counts, &STYLE);
    if posts.is_empty() {
        // The time line under the name was not read: the header is still the name beside the
        // avatar, indented past it from the text below.
        posts = match avatar_head(&page.layout.lines) {
            Some(h) => named::extract_from(page, counts, &STYLE, &[h]),
            None => vec![],
        };
    }
    for p in &mut posts {
        reread_reactions(p, page, counts);
    }
    // A reactions line without labelled counts ("👍😆 6" alone over the buttons): the total
    // of the first such line below each post's top and above the next post's.
    let tops: Vec<f32> = posts.iter().map(|p| p.bbox[1] as f32).collect();
    for (n, p) in posts.iter_mut().enumerate() {
        if p.metrics.likes.is_some() {
            continue;
        }
        let next = tops.get(n + 1).copied().unwrap_or(f32::MAX);
        let Some((line, h)) = totals
            .iter()
            .find(|(l, _)| l.rect.y > tops[n] && l.rect.y < next)
        else {
            continue;
        };
        let x1 = line.rect.right() + *h;
        let read =
            read_total(page, counts, line.rect.x - *h, x1, line.rect.cy(), *h).or_else(|| {
                line.words
                    .last()
                    .filter(|w| w.pictorial < 0.3)
                    .and_then(|w| parse_count(&w.text))
            });
        if let Some(v) = read {
            p.metrics.likes = Some(v);
            let r = line.rect;
            p.boxes.metrics = Some([r.x as u32, r.y as u32, r.w as u32, r.h as u32]);
        }
    }
    posts
}

/// Drops the header menus read as a line of their own: the "•••" and "✕" at the top right of
/// a card, which the OCR reads as "wwe", "eee x" or "coo X" (round dots as small round
/// letters), in the right half of the page.
fn drop_menu_lines(lines: Vec<Line>, width: f32) -> Vec<Line> {
    if crate::rule_off("fb-reactions") {
        return lines;
    }
    let dots = |t: &str| t.chars().count() >= 3 && t.chars().all(|c| "weocoе•·.".contains(c));
    let close = |t: &str| matches!(t, "x" | "X" | "×" | "х" | "Х");
    lines
        .into_iter()
        .filter(|l| {
            let menu = l.rect.x > 0.5 * width
                && l.words.len() <= 2
                && l.words.iter().any(|w| dots(&w.text))
                && l.words.iter().all(|w| dots(&w.text) || close(&w.text));
            !menu
        })
        .collect()
}

/// Takes out the reactions lines that hold no labelled counts: the reaction emoji and their
/// total alone ("👍😆 6", read "@89 «" or "@8:") on the line right above the Like / Comment /
/// Share buttons. Left in, they are read as the last line of the text. The emoji at the
/// line's start are colour pictures (most of the first word's ink strays from a blend of two
/// colours), which no text line above the buttons starts with. Returns the other lines and
/// the lines taken, each with the height of the buttons' words (the count's text size).
fn take_reaction_lines(lines: Vec<Line>) -> (Vec<Line>, Vec<(Line, f32)>) {
    if crate::rule_off("fb-reactions") {
        return (lines, Vec::new());
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut taken = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let buttons = lines
            .get(i + 1)
            .filter(|b| b.col == line.col && named::is_button_row(b));
        let reactions = buttons.is_some()
            && line.words.len() <= 4
            && line.words[0].pictorial >= 0.3
            && reactions_total(&line.words)
            && labelled_counts(&footer(&line.text())).is_empty();
        if let (true, Some(b)) = (reactions, buttons) {
            let mut hs: Vec<f32> = b
                .words
                .iter()
                .filter(|w| w.text.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                .map(|w| w.rect.h)
                .collect();
            hs.sort_by(f32::total_cmp);
            let h = hs.get(hs.len() / 2).copied().unwrap_or(b.height());
            taken.push((line.clone(), h.max(4.0)));
            continue;
        }
        out.push(line.clone());
    }
    (out, taken)
}

/// On a wide card the counts line's two ends are far apart ("👍❤️ 7.9K" at the left edge,
/// "577 comments  12 shares" at the right), and the layout puts them in two columns: the
/// labelled counts would be lost with the right column. Joins each line of labelled counts
/// with a short line at its height to its left, into the left one's place.
fn join_split_footers(lines: &[Line]) -> Vec<Line> {
    let mut out: Vec<Line> = lines.to_vec();
    let mut j = 0;
    while j < out.len() {
        let b = &out[j];
        if labelled_counts(&footer(&b.text())).is_empty() {
            j += 1;
            continue;
        }
        let left = out.iter().position(|a| {
            let h = a.height().max(b.height()).max(1.0);
            a.col != b.col
                && a.rect.right() < b.rect.x
                && (a.rect.cy() - b.rect.cy()).abs() < 0.6 * h
                && a.words.len() <= 4
                && labelled_counts(&footer(&a.text())).is_empty()
                && reactions_total(&a.words)
        });
        let Some(i) = left else {
            j += 1;
            continue;
        };
        let b = out.remove(j);
        let i = if i > j { i - 1 } else { i };
        let a = &mut out[i];
        a.rect = a.rect.union(&b.rect);
        a.words.extend(b.words);
    }
    out
}

/// The left end of a counts line: reaction emoji, which read as symbols or short junk ("@8®",
/// "OD"), and the reactions total.
fn reactions_total(words: &[LWord]) -> bool {
    let Some((last, emoji)) = words.split_last() else {
        return false;
    };
    let junk = |w: &LWord| !w.text.chars().any(char::is_alphabetic) || w.text.chars().count() <= 3;
    // (The emoji before the total may read as a longer word, "OB8®", which the page pass
    // marks pictorial; the total itself is a count or short junk.)
    let emoji_junk = |w: &LWord| junk(w) || w.pictorial >= 0.5;
    // The total with its multiplier ("23 тис.", read by the Latin model as "23 TUC.").
    if let [rest @ .., count, mult] = words {
        if parse_count_tokens(&[&count.text, &mult.text]).is_some() && rest.iter().all(emoji_junk) {
            return true;
        }
    }
    (parse_count(&last.text).is_some() || junk(last)) && emoji.iter().all(emoji_junk)
}

/// A narrow (mobile) counts line wraps each of its columns on two lines: "5,4 | Комментарии: |
/// Поделились: 1,2" over "тыс. | 190 | тыс.". Joins such a pair column by column ("5,4 тыс.
/// Комментарии: 190 Поделились: 1,2 тыс.") when that reads more labelled counts.
fn join_wrapped_footers(lines: &[Line]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let a = &lines[i];
        // The reaction emoji between them, read as a lone mark, stays out of the way.
        let mark = |l: &Line| l.words.len() == 1 && l.words[0].text.chars().count() <= 2;
        let skip = usize::from(lines.get(i + 1).is_some_and(mark));
        if let Some(b) = lines.get(i + 1 + skip) {
            if let Some(j) = join_columns(a, b) {
                out.push(j);
                out.extend(lines[i + 1..i + 1 + skip].iter().cloned());
                i += 2 + skip;
                continue;
            }
        }
        out.push(a.clone());
        i += 1;
    }
    out
}

fn join_columns(a: &Line, b: &Line) -> Option<Line> {
    let h = a.height().max(1.0);
    let grey = |l: &Line| l.tone() != Tone::Primary && l.words.len() <= 8;
    if !grey(a)
        || !grey(b)
        || b.rect.y - a.rect.bottom() > 0.8 * h
        || b.rect.y < a.rect.y
        || b.rect.x < a.rect.x - h
        || b.rect.right() > a.rect.right() + h
        || !a.words.iter().any(|w| label_metric(&w.text).is_some())
    {
        return None;
    }
    // Columns of `a`: runs of words apart by more than a wide space.
    let mut cols: Vec<Vec<LWord>> = Vec::new();
    for w in &a.words {
        match cols.last_mut() {
            Some(c) if w.rect.x - c.last().unwrap().rect.right() < 1.5 * h => c.push(w.clone()),
            _ => cols.push(vec![w.clone()]),
        }
    }
    if cols.len() < 2 {
        return None;
    }
    for w in &b.words {
        let k = cols
            .iter()
            .rposition(|c| c[0].rect.x <= w.rect.x + 0.5 * h)?;
        cols[k].push(w.clone());
    }
    let words: Vec<LWord> = cols.into_iter().flatten().collect();
    let joined = Line {
        rect: a.rect.union(&b.rect),
        words,
        col: a.col,
    };
    let n = |l: &Line| labelled_counts(&footer(&l.text())).len();
    (n(&joined) > n(a)).then_some(joined)
}

/// Where the labelled counts of a footer line start: the count before the first label word
/// ("302 comments", "1,2 тыс. комментариев"), or the label itself when it comes first
/// ("Комментарии: 7,4 тыс.").
fn labelled_start(words: &[LWord]) -> Option<usize> {
    let j = words.iter().position(|w| label_metric(&w.text).is_some())?;
    let t = |i: usize| words[i].text.as_str();
    // "72 Комментарии: 5": a label with a colon has its count after it; the count before
    // it is the reactions total.
    if t(j).ends_with(':') {
        return Some(j);
    }
    if j >= 2
        && parse_count(t(j - 1)).is_none()
        && parse_count(&format!("{} {}", t(j - 2), t(j - 1))).is_some()
    {
        Some(j - 2)
    } else if j >= 1 && parse_count(t(j - 1)).is_some() {
        Some(j - 1)
    } else {
        Some(j)
    }
}

/// The reactions total ("👍❤️ 5.9K" at the left of the counts line) when the page pass missed
/// it or glued it to the emoji ("O5"): re-read digits-only right of the reaction emoji, which
/// are found by their pixels (round icons taller than the digits), up to the labelled counts.
fn reread_reactions(post: &mut Post, page: &Page, counts: &mut dyn CountReader) {
    let Some(m) = post.boxes.metrics else { return };
    let Some(line) = page.layout.lines.iter().find(|l| {
        (l.rect.cy() - (m[1] as f32 + m[3] as f32 / 2.0)).abs() < m[3] as f32 / 2.0 + 1.0
            && !labelled_counts(&footer(&l.text())).is_empty()
    }) else {
        return;
    };
    let Some(k) = labelled_start(&line.words) else {
        return;
    };
    let first = &line.words[k];
    let h = first.rect.h.max(4.0);
    let x0 = (post.bbox[0] as f32 - h).max(0.0);
    let x1 = first.rect.x - 0.3 * h;
    if let Some(v) = read_total(page, counts, x0, x1, first.rect.cy(), h) {
        post.metrics.likes = Some(v);
    }
}

/// The reactions total between `x0` and `x1` on the row centred at `cy`, whose text is `h`
/// tall: digits right of the reaction emoji, found by their pixels (round icons taller than
/// the digits), re-read digits-only.
fn read_total(
    page: &Page,
    counts: &mut dyn CountReader,
    x0: f32,
    x1: f32,
    cy: f32,
    h: f32,
) -> Option<u64> {
    let x0 = x0.max(0.0);
    if x1 - x0 < 2.0 * h {
        return None;
    }
    let area = Rect {
        x: x0,
        y: cy - 1.1 * h,
        w: x1 - x0,
        h: 2.2 * h,
    };
    // The card's colour: the most common along the area's top row.
    let (iw, ih) = page.rgb.dimensions();
    let y = area.y.max(0.0) as u32;
    if y >= ih {
        return None;
    }
    let mut px: Vec<[u8; 3]> = (x0 as u32..(x1 as u32).min(iw))
        .map(|x| page.rgb.get_pixel(x, y).0)
        .collect();
    px.sort();
    let &bg = px.get(px.len() / 2)?;
    let pieces = icons::ink_pieces(page.rgb, bg, area, 0);
    // A reaction emoji stands taller than the digits, or (a face whose light top merges
    // with the card) wider than any digit or letter.
    let emoji = pieces
        .iter()
        .take_while(|p| p.h >= 1.2 * h || p.w >= 1.3 * h)
        .count();
    if std::env::var_os("POSTOCR_DEBUG_ICONS").is_some() {
        eprintln!("reactions total h={h:.0} {area:?}: {emoji} emoji of {pieces:?}");
    }
    let last_emoji = emoji.checked_sub(1).map(|i| pieces[i])?;
    // The total's digits, up to the gap before the labelled counts ("9,3K   1,3K Comments").
    let mut rest: Vec<Rect> = Vec::new();
    for p in &pieces[emoji..] {
        let prev = rest.last().copied().unwrap_or(last_emoji);
        if p.h >= 1.2 * h || p.x - prev.right() > 1.5 * h {
            break;
        }
        rest.push(*p);
    }
    let d = rest.iter().copied().reduce(|a, b| a.union(&b))?;
    if d.x - last_emoji.right() > 2.0 * h {
        return None;
    }
    let rect = d.grown(0.3 * d.h);
    // A Cyrillic unit after the digits ("14 тис.", "9 тыс."): its lower-case letters stand
    // shorter than the digits. The digits-only pass cannot read it; the whole total is read
    // as a line with the page's models, script by script, and taken when it is a count.
    if icons::unit_letters(&rest, &d) {
        return icons::read_count_as_line(rect, counts).map(|(_, v)| v);
    }
    counts.read_count(rect).as_deref().and_then(parse_count)
}

/// The first post's header when only its name was read: a short line in text colour whose
/// next line in the column (past the header menus at the right) starts an avatar's width
/// further left, as body text under a Facebook header does.
fn avatar_head(lines: &[Line]) -> Option<named::Head> {
    for (i, line) in lines.iter().enumerate().take(6) {
        let h = line.height().max(1.0);
        let words = named::name_words(line);
        if words.is_empty() || words.len() > 6 || words[0].tone != Tone::Primary {
            continue;
        }
        let rect = words
            .iter()
            .skip(1)
            .fold(words[0].rect, |r, w| r.union(&w.rect));
        let under = |from: usize| {
            lines[from..]
                .iter()
                .position(|n| n.col == line.col && n.rect.x < rect.right())
                .map(|k| from + k)
        };
        let Some(mut next) = under(i + 1) else {
            break;
        };
        // A line right under the name, at its left edge, is the time line (which the page's
        // header search did not take, as it read with icon junk: "1 Tag(e) -@"); the text
        // starts below it.
        let mut ts = None;
        if (lines[next].rect.x - rect.x).abs() < h
            && lines[next].words.len() <= 5
            && lines[next].rect.y - line.rect.bottom() < h
        {
            ts = super::anchored::leading_timestamp(&lines[next].words.iter().collect::<Vec<_>>());
            match under(next + 1) {
                Some(n) => next = n,
                None => break,
            }
        }
        let body = &lines[next];
        if body.rect.y - line.rect.bottom() > 5.0 * h || rect.x - body.rect.x < 1.5 * h {
            continue;
        }
        let names: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        return Some(named::Head {
            first: i,
            last: next - 1,
            name: clean_name(&names),
            name_rect: Some(rect),
            handle: None,
            ts,
        });
    }
    None
}

/// Facebook's footer in "COUNT LABEL" form: "Комментарии: 7,4 тыс." (label first, Russian
/// desktop) → "7,4 тыс. Комментарии", "82 Mal geteilt" → "82 shares", "Kommentare" →
/// "comments", a Latin misread of "тыс." ("28 TbIC.") repaired, dashes glued to counts
/// ("—1,3K Comments") dropped.
fn footer(line: &str) -> String {
    // "Mal geteilt": the German "shared N times".
    static MAL: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?i)\bmal\s+geteilt").unwrap());
    let line = MAL.replace_all(line, "shares");
    // "THC.коментарів": a multiplier glued to the label after it.
    static GLUED: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"(?i)(\b\p{L}{2,4}\.)(\p{L}{3,})").unwrap());
    let line = GLUED.replace_all(&line, "$1 $2");
    // "4comments": a count glued to its label.
    static GLUED_COUNT: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^(\d[\d.,]*)(\p{L}{4,}:?)$").unwrap());
    let toks: Vec<String> = line
        .split_whitespace()
        .flat_map(|t| match GLUED_COUNT.captures(t) {
            Some(c) if label_metric(&c[2]).is_some() => vec![c[1].to_string(), c[2].to_string()],
            _ => vec![t.to_string()],
        })
        .map(|t| {
            let t = t.trim_start_matches(['—', '–', '-', '·', '•']);
            let l = t.to_lowercase();
            if l.starts_with("kommentar") {
                "comments".to_string()
            } else {
                t.to_string()
            }
        })
        .filter(|t| !t.is_empty())
        .collect();
    // Facebook shows counts of a thousand and more short ("1,2 тис.", "23K"), never digits
    // grouped by a space: "350 178 поширень" is the reactions total and the shares.
    let grouped = |a: &str, b: &str| {
        let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
        };
        digits(a, 1..=3) && digits(b, 3..=3)
    };
    let toks: Vec<String> = toks
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            let apart = toks.get(i + 1).is_some_and(|n| grouped(t, n));
            std::iter::once(t.clone()).chain(apart.then(|| "·".to_string()))
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // A count and a misread multiplier: "28 TbIC." → "28 тыс.".
        if let Some(next) = toks.get(i + 1) {
            let numeric = t.starts_with(|c: char| c.is_ascii_digit())
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
            if numeric && label_metric(next).is_none() {
                if let Some((_, fixed)) = parse_count_tokens(&[t, next]) {
                    out.push(fixed);
                    i += 2;
                    continue;
                }
            }
        }
        // "Label: COUNT [mult]" → "COUNT [mult] Label".
        if t.ends_with(':') && label_metric(t).is_some() {
            for take in [2usize, 1] {
                let Some(parts) = toks.get(i + 1..i + 1 + take) else {
                    continue;
                };
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                if let Some((_, fixed)) = parse_count_tokens(&parts) {
                    out.push(fixed);
                    out.push(t.trim_end_matches(':').to_string());
                    i += 1 + take;
                    break;
                }
            }
            if out.last().is_some_and(|l| l == t.trim_end_matches(':')) {
                continue;
            }
            // "31 Комментарии: Поделились: 9": the label's own count went unread, and the
            // reactions total before it is not that count; a mark keeps them apart.
            if toks.get(i + 1).is_some_and(|n| label_metric(n).is_some()) {
                out.push("·".to_string());
                i += 1;
                continue;
            }
        }
        out.push(t.clone());
        i += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(line: &str) -> Vec<(&'static str, u64)> {
        labelled_counts(&footer(line))
            .into_iter()
            .map(|p| (p.0, p.1))
            .collect()
    }

    /// A recording reader: the rect it was asked to read, and a fixed answer.
    struct Asked(Vec<Rect>);
    impl CountReader for Asked {
        fn read_count(&mut self, rect: Rect) -> Option<String> {
            self.0.push(rect);
            Some("9,3K".into())
        }
    }

    /// Reads "14 тис." as a line; the digits-only pass would read junk.
    struct Line14;
    impl CountReader for Line14 {
        fn read_count(&mut self, _: Rect) -> Option<String> {
            Some("1410".into())
        }
        fn read_time(
            &mut self,
            rect: Rect,
            score: &dyn Fn(&[crate::ocr::Word]) -> Option<f32>,
        ) -> Option<Vec<crate::ocr::Word>> {
            let w = |t: &str| crate::ocr::Word {
                text: t.into(),
                rect,
                conf: 95.0,
                block: 0,
                par: 0,
                line: 0,
            };
            let ws = vec![w("14"), w("тис.")];
            score(&ws).map(|_| ws)
        }
    }

    #[test]
    fn a_cyrillic_unit_after_the_total_is_read_with_it() {
        // facebook_desktop_light_uk (seed 61): one emoji 18 px tall, the digits "14" 10 px
        // tall, then "тис." in 8 px lower-case letters and a dot.
        use image::{Rgb, RgbImage};
        let mut img = RgbImage::from_pixel(330, 30, Rgb([255, 255, 255]));
        let mut fill = |x0: u32, w: u32, y0: u32, h: u32| {
            for x in x0..x0 + w {
                for y in y0..y0 + h {
                    img.put_pixel(x, y, Rgb([101, 103, 107]));
                }
            }
        };
        fill(34, 18, 3, 18);
        fill(61, 5, 8, 10);
        fill(69, 8, 8, 10);
        for x in [81, 89, 98] {
            fill(x, 7, 10, 8);
        }
        fill(106, 2, 16, 2);
        let layout = Layout {
            lines: vec![],
            width: 330,
            height: 30,
            background: [255, 255, 255],
        };
        let page = Page {
            layout: &layout,
            rgb: &img,
            now: None,
        };
        assert_eq!(
            read_total(&page, &mut Line14, 21.0, 300.0, 13.0, 12.0),
            Some(14000)
        );
    }

    #[test]
    fn reactions_total_is_read_between_the_emoji_and_the_gap() {
        // realworld 028 (Facebook mobile, light), its pieces as measured: two round emoji
        // 45 px tall, a face whose light top merges with the card (41 × 32 px), the digits
        // "9,3K" 27 px tall, a wide gap, then "1,3K Comments".
        use image::{Rgb, RgbImage};
        let mut img = RgbImage::from_pixel(420, 80, Rgb([255, 255, 255]));
        let mut fill = |x0: u32, w: u32, y0: u32, h: u32, c: [u8; 3]| {
            for x in x0..x0 + w {
                for y in y0..y0 + h {
                    img.put_pixel(x, y, Rgb(c));
                }
            }
        };
        fill(34, 45, 10, 45, [24, 119, 242]);
        fill(83, 41, 10, 45, [240, 40, 74]);
        fill(128, 41, 23, 32, [247, 177, 37]);
        for (x, w) in [
            (182, 16),
            (210, 16),
            (232, 20),
            (339, 10),
            (366, 16),
            (388, 20),
        ] {
            fill(x, w, 18, 27, [101, 103, 107]);
        }
        let layout = Layout {
            lines: vec![],
            width: 420,
            height: 80,
            background: [255, 255, 255],
        };
        let page = Page {
            layout: &layout,
            rgb: &img,
            now: None,
        };
        let mut asked = Asked(vec![]);
        let got = read_total(&page, &mut asked, 7.0, 410.0, 31.5, 27.0);
        assert_eq!(got, Some(9300));
        // Only "9,3K": from past the face to before the gap.
        let r = asked.0[0];
        assert!(r.x > 169.0 && r.x < 182.0, "{r:?}");
        assert!(r.right() > 252.0 && r.right() < 339.0, "{r:?}");
    }

    #[test]
    fn a_label_with_a_colon_starts_its_counts_after_the_total() {
        // facebook_desktop_dark_ru (seed 75): the reactions total "79" (read "72") before
        // "Комментарии: 5" is no count of the label.
        use crate::posts::named::fixture::plain;
        let l = plain(68.0, 272.0, 27.0, "@88 72 Комментарии: 5", Tone::Grey);
        assert_eq!(labelled_start(&l.words), Some(2));
        let l = plain(68.0, 272.0, 27.0, "@88 72 5 комментариев", Tone::Grey);
        assert_eq!(labelled_start(&l.words), Some(2));
    }

    #[test]
    fn footers_in_their_languages() {
        assert_eq!(
            counts("@OD 28 TbIC. Комментарии: 7,4 тыс. Поделились: 5,9 тыс."),
            [("replies", 7400), ("reposts", 5900)]
        );
        assert!(footer("@OD 28 TbIC. Комментарии: 7,4 тыс.").contains("28 тыс."));
        assert_eq!(
            counts("OO 4.114 194 Kommentare * 82 Mal geteilt"),
            [("replies", 194), ("reposts", 82)]
        );
        assert_eq!(
            counts("OOB 23K —1,3K Comments « - 893 Shares - 169K Views"),
            [("replies", 1300), ("reposts", 893), ("views", 169_000)]
        );
        assert_eq!(counts("O8D 26 uc. 3,6 THC.коментарів"), [("replies", 3600)]);
        assert_eq!(
            counts("O0® 10 2 коментарі 3 поширення"),
            [("replies", 2), ("reposts", 3)]
        );
        // A count glued to its label; a year glued to a word is no count.
        assert_eq!(
            counts("OD 73 4comments 23 shares"),
            [("replies", 4), ("reposts", 23)]
        );
        assert!(counts("2025season").is_empty());
        // facebook_desktop_light_uk (seed 18): the total beside the shares is no thousands.
        assert_eq!(counts("@0OD 350 178 поширень"), [("reposts", 178)]);
        // facebook_desktop_dark_ru (seed 17): "Комментарии: 4" lost its count; the total
        // before it is not the comments.
        assert_eq!(counts("@ 31 Комментарии: Поделились: 9"), [("reposts", 9)]);
    }
}

#[cfg(test)]
mod header_tests {
    use super::*;

    fn counts(line: &str) -> Vec<(&'static str, u64)> {
        labelled_counts(&footer(line))
            .into_iter()
            .map(|p| (p.0, p.1))
            .collect()
    }
    use crate::layout::Tone::{Grey, Primary};
    use crate::posts::named::fixture::plain;

    #[test]
    fn name_beside_avatar_without_time() {
        // facebook_desktop_dark_en (downscaled JPEG): "17m · 🌐" was not read.
        let lines = [
            plain(129.0, 53.0, 19.0, "BBC News @", Primary),
            plain(794.0, 69.0, 18.0, "coo x", Primary),
            plain(
                51.0,
                121.0,
                19.0,
                "Tesla shares rose 6.8% in after-hours trading",
                Primary,
            ),
            plain(54.0, 217.0, 18.0, "@® 19k 3.4K comments 5.7K shares", Grey),
        ];
        let h = avatar_head(&lines).unwrap();
        assert_eq!(h.name.as_deref(), Some("BBC News"));
        assert_eq!((h.first, h.last), (0, 1));
        assert!(h.ts.is_none());
    }

    #[test]
    fn unread_time_line_stays_in_the_header() {
        // realworld Houdini post: "1 Tag(e)" misread, text starts under the avatar.
        let lines = [
            plain(135.0, 26.0, 30.0, "Houdini", Primary),
            plain(136.0, 60.0, 27.0, "1 Тад(е) - ®", Primary),
            plain(
                29.0,
                152.0,
                28.0,
                "Free Houdini learning! Explore 10 different",
                Primary,
            ),
        ];
        let h = avatar_head(&lines).unwrap();
        assert_eq!(h.name.as_deref(), Some("Houdini"));
        assert_eq!(h.last, 1);
    }

    /// Columns "x:text" of one line at `y`, grey.
    fn columns(y: f32, cols: &[(f32, &str)]) -> Line {
        let mut words: Vec<LWord> = Vec::new();
        for (x, t) in cols {
            words.extend(plain(*x, y, 20.0, t, Grey).words);
        }
        let rect = words
            .iter()
            .skip(1)
            .fold(words[0].rect, |r, w| r.union(&w.rect));
        Line {
            rect,
            words,
            col: 0,
        }
    }

    #[test]
    fn wrapped_mobile_counts_line_is_joined_by_columns() {
        // facebook_mobile_light_ru (seed 3): three columns, each wrapped on two lines.
        let lines = [
            columns(
                362.0,
                &[
                    (89.0, "5,4"),
                    (220.0, "Комментарии:"),
                    (500.0, "Поделились: 1,2"),
                ],
            ),
            plain(36.0, 372.0, 36.0, "©", Tone::Accent),
            columns(395.0, &[(89.0, "тыс."), (220.0, "190"), (500.0, "тыс.")]),
        ];
        let out = join_wrapped_footers(&lines);
        assert_eq!(out.len(), 2);
        assert_eq!(
            out[0].text(),
            "5,4 тыс. Комментарии: 190 Поделились: 1,2 тыс."
        );
        assert_eq!(
            counts(&out[0].text()),
            [("replies", 190), ("reposts", 1200)]
        );
        // Two lines of text are not joined.
        let text = [
            plain(30.0, 20.0, 20.0, "Short line", Primary),
            plain(30.0, 45.0, 20.0, "and more", Primary),
        ];
        assert_eq!(join_wrapped_footers(&text).len(), 2);
    }

    #[test]
    fn counts_split_across_a_wide_card_are_joined() {
        // facebook_desktop_dark_en (seed 6, scale 2): the reactions total at the left edge
        // and "577 comments" at the right edge land in two layout columns.
        let mut body = plain(64.0, 150.0, 23.0, "Worth remembering this", Primary);
        body.col = 0;
        let mut left = plain(68.0, 272.0, 36.0, "@D 7.9K", Grey);
        left.col = 0;
        let mut buttons = plain(264.0, 363.0, 22.0, "Like (© Comment", Grey);
        buttons.col = 0;
        let mut right = plain(1101.0, 278.0, 21.0, "577 comments", Grey);
        right.col = 1;
        let lines = [body.clone(), left, buttons, right];
        let out = join_split_footers(&lines);
        assert_eq!(out.len(), 3);
        assert_eq!(out[1].text(), "@D 7.9K 577 comments");
        assert_eq!(counts(&out[1].text()), [("replies", 577)]);
        // Body text beside a counts line is not taken into it.
        let mut right = plain(1101.0, 150.0, 21.0, "12 comments", Grey);
        right.col = 1;
        assert_eq!(join_split_footers(&[body, right]).len(), 2);
    }

    #[test]
    fn a_total_with_a_misread_multiplier_joins_its_counts() {
        // facebook_desktop_dark_uk (seed 18): "👍 23 тис." read by the Latin model as
        // "© 23 TUC.", "3,5 тис. коментарів" in the right column.
        let mut body = plain(33.0, 98.0, 12.0, "шансів суперникам", Primary);
        body.col = 0;
        let mut left = plain(34.0, 136.0, 10.0, "© 23 TUC.", Primary);
        left.col = 0;
        let mut right = plain(418.0, 141.0, 12.0, "3,5 тис. коментарів", Primary);
        right.col = 1;
        let out = join_split_footers(&[body, left, right]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].text(), "© 23 TUC. 3,5 тис. коментарів");
        // A text line ending in a count with a word is not a total.
        let mut left = plain(34.0, 136.0, 10.0, "Bought 23 tickets", Primary);
        left.col = 0;
        let mut right = plain(418.0, 141.0, 12.0, "3 comments", Primary);
        right.col = 1;
        assert_eq!(join_split_footers(&[left, right]).len(), 2);
    }

    #[test]
    fn a_split_counts_line_joins_when_its_emoji_read_as_a_word() {
        // facebook_desktop_dark_en (seed 61, JPEG q55): "👍❤️😆 298" read "OB8® 2°:" (the
        // emoji marked pictorial), "107 shares" far right in a column of its own.
        let mut left = plain(34.0, 176.0, 18.0, "OB8® 2°:", Primary);
        left.words[0].pictorial = 0.8;
        let mut right = plain(576.0, 179.0, 12.0, "107 shares", Grey);
        right.col = 1;
        let joined = join_split_footers(&[left.clone(), right.clone()]);
        assert_eq!(joined.len(), 1);
        assert_eq!(joined[0].text(), "OB8® 2°: 107 shares");
        // The same words, not marked pictorial, are text.
        left.words[0].pictorial = 0.0;
        assert_eq!(join_split_footers(&[left, right]).len(), 2);
        // With a multiplier: "👍❤️😆 63 тис." read "@O®@ 63 тис." (facebook_desktop_dark_uk,
        // seed 77), "1,1 тис. коментарів" in a column of its own.
        let mut left = plain(51.0, 832.0, 20.0, "@O®@ 63 тис.", Primary);
        left.words[0].pictorial = 0.84;
        let mut right = plain(636.0, 836.0, 19.0, "1,1 тис. коментарів", Primary);
        right.col = 1;
        let joined = join_split_footers(&[left, right]);
        assert_eq!(joined.len(), 1);
        // A mention ending the text, marked pictorial for its colour, is no reactions total
        // (facebook_desktop_dark_en, seed 61, scale 1.5).
        let mut mention = plain(49.0, 204.0, 19.0, "@SteveWitkoff.", Primary);
        mention.words[0].pictorial = 0.92;
        assert!(!reactions_total(&mention.words));
    }

    #[test]
    fn reaction_emoji_and_total_alone_over_the_buttons_are_no_text() {
        // facebook_desktop_dark_en (seed 21): "👍❤️😆 6" read "@89 «" over "Like Comment
        // Share"; facebook_desktop_dark_uk (seed 21): the "•••" menu read "wwe".
        let text = plain(64.0, 150.0, 23.0, "Hot take: the best tool", Primary);
        let mut reactions = plain(68.0, 240.0, 30.0, "@89 «", Grey);
        reactions.words[0].pictorial = 0.8;
        let buttons = plain(260.0, 330.0, 22.0, "Like Comment Share", Grey);
        let (lines, taken) =
            take_reaction_lines(vec![text.clone(), reactions.clone(), buttons.clone()]);
        assert_eq!(lines.len(), 2);
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].0.text(), "@89 «");
        // A short line of text over the buttons, in plain letters, stays.
        let ok = plain(68.0, 240.0, 30.0, "Ok »", Primary);
        let (lines, taken) = take_reaction_lines(vec![text.clone(), ok, buttons.clone()]);
        assert_eq!((lines.len(), taken.len()), (3, 0));
        // Without the buttons under it, it is not the reactions line.
        let (lines, _) = take_reaction_lines(vec![text.clone(), reactions]);
        assert_eq!(lines.len(), 2);
        let menu = plain(609.0, 69.0, 6.0, "wwe", Primary);
        let close = plain(700.0, 40.0, 20.0, "eee x", Primary);
        let lines = drop_menu_lines(vec![text.clone(), menu, close], 750.0);
        assert_eq!(lines.len(), 1);
        let left = plain(60.0, 69.0, 20.0, "wow", Primary);
        assert_eq!(drop_menu_lines(vec![text, left], 750.0).len(), 2);
    }

    #[test]
    fn labelled_counts_start_at_their_count() {
        let l = plain(10.0, 10.0, 20.0, "O5 302 comments 2.2K shares", Grey);
        assert_eq!(labelled_start(&l.words), Some(1));
        let l = plain(10.0, 10.0, 20.0, "1,2 тыс. комментариев", Grey);
        assert_eq!(labelled_start(&l.words), Some(0));
        let l = plain(10.0, 10.0, 20.0, "© Комментарии: 7,4 тыс.", Grey);
        assert_eq!(labelled_start(&l.words), Some(1));
    }

    #[test]
    fn body_text_is_no_avatar_header() {
        let lines = [
            plain(30.0, 20.0, 20.0, "Short line", Primary),
            plain(
                30.0,
                50.0,
                20.0,
                "and the text goes on at the same edge",
                Primary,
            ),
        ];
        assert!(avatar_head(&lines).is_none());
    }
}
