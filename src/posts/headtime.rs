//! Header times the page pass garbled, re-read on their own.
//!
//! A post header "username ✓ … 2h ⋯" (Threads, Instagram) ends in a short grey time set apart
//! from the name. Small grey text is where the page pass fails most ("11h" → "Uh", "9 год" →
//! "9rog", "8 ч" → "gute", "1m" → "Im"), and a header whose time does not read is not found
//! at all. A crop of just those words, read as one line with each script's models in turn,
//! reads them right; the reading replaces the garble only when it is a time.

use super::CountReader;
use super::anchored::leading_timestamp;
use super::fields::timestamp;
use crate::layout::{LWord, Layout, Line, Tone};
use crate::ocr::Word;

/// The layout with the garbled header times re-read, or `None` when no line needed it.
pub fn reread(layout: &Layout, counts: &mut dyn CountReader) -> Option<Layout> {
    let mut out: Option<Layout> = None;
    for (i, line) in layout.lines.iter().enumerate() {
        let Some(t) = unread_time(line) else {
            continue;
        };
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
        let rect = rect.grown(0.3 * h);
        let got = counts.read_time(rect, &|ws| time_words(ws).map(|t| t.2));
        if std::env::var_os("POSTOCR_DEBUG_HEADTIME").is_some() {
            let read = got
                .as_ref()
                .map(|ws| ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>());
            eprintln!("headtime {:?} -> {read:?}", line.text());
        }
        let Some(words) = got else {
            continue;
        };
        let Some(fixed) = with_time(line, t, &words) else {
            continue;
        };
        out.get_or_insert_with(|| layout.clone()).lines[i] = fixed;
    }
    out
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

/// Where the time starts in a reading, how many words it takes ("9 год", "11h"), and their
/// mean confidence.
fn time_words(ws: &[Word]) -> Option<(usize, usize, f32)> {
    let start = ws
        .iter()
        .position(|w| w.text.chars().any(char::is_alphanumeric))?;
    let rest = &ws[start..];
    (1..=rest.len().min(3)).rev().find_map(|n| {
        let text: Vec<&str> = rest[..n].iter().map(|w| w.text.as_str()).collect();
        let conf = rest[..n].iter().map(|w| w.conf).sum::<f32>() / n as f32;
        (conf >= 20.0 && timestamp::is_timestamp(&text.join(" "))).then_some((start, n, conf))
    })
}

/// `line` with its words from `t` on replaced by the time in `words`; words of the line right
/// of the time (the "…" menu) stay. The time takes the grey tone headers draw it in, which
/// small text on a dark JPEG can lose (the page measured "74°" in the text colour).
fn with_time(line: &Line, t: usize, words: &[Word]) -> Option<Line> {
    let (start, n, _) = time_words(words)?;
    let time = &words[start..start + n];
    let right = time.iter().map(|w| w.rect.right()).fold(f32::MIN, f32::max);
    let style = &line.words[t];
    let mut out: Vec<LWord> = line.words[..t].to_vec();
    out.extend(time.iter().map(|w| LWord {
        text: w.text.clone(),
        rect: w.rect,
        conf: w.conf,
        tone: Tone::Grey,
        ..style.clone()
    }));
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
    use crate::ocr::Rect;
    use crate::posts::named::fixture::line;

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
    }
}
