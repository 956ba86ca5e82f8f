//! Facebook: bold name over a grey "26 November at 14:58 · 🌐" line, text with "See more",
//! a reactions line ("👍❤️ 1.2K   345 comments  56 shares": reactions → likes, comments →
//! replies, shares → reposts) and the Like / Comment / Share buttons.

use once_cell::sync::Lazy;
use regex::Regex;

use super::fields::author::clean_name;
#[cfg(test)]
use super::fields::metrics::labelled_counts;
use super::fields::metrics::{label_metric, parse_count_tokens};
use super::{CountReader, Cues, Page, Profile, Rules, named};
use crate::layout::{Line, Tone};
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
    let posts = named::extract(page, counts, &STYLE);
    if !posts.is_empty() {
        return posts;
    }
    // The time line under the name was not read: the header is still the name beside the
    // avatar, indented past it from the text below.
    match avatar_head(&page.layout.lines) {
        Some(h) => named::extract_from(page, counts, &STYLE, &[h]),
        None => vec![],
    }
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
        // A line right under the name, at its left edge, is the time line that did not read
        // as a time ("1 Tag(e)" misread); the text starts below it.
        if (lines[next].rect.x - rect.x).abs() < h
            && lines[next].words.len() <= 5
            && lines[next].rect.y - line.rect.bottom() < h
        {
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
            ts: None,
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
    let toks: Vec<String> = line
        .split_whitespace()
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
    }
}

#[cfg(test)]
mod header_tests {
    use super::*;
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
