//! Page-wide cues for platform detection: handle forms, interface words, timestamp shapes.
//!
//! Platforms differ in what their chrome says and how handles look, whatever the language of
//! the posts: X handles are `@word` beside a "· 2h", Bluesky's carry a domain
//! (`@name.bsky.social`), Mastodon's a server (`@user@server`), Reddit's are `u/` and `r/`,
//! Telegram shows view counts and bare "14:58" times, Facebook "Like · Comment · Share".

use std::collections::HashSet;

use crate::layout::{Layout, Tone};
use crate::posts::fields::author::clean_handle;

/// Counts of what the page shows.
#[derive(Debug, Default, Clone)]
pub struct Cues {
    /// Lower-cased words of the page, punctuation trimmed.
    pub words: HashSet<String>,
    /// The page text, lower-cased, lines joined by "\n".
    pub text: String,
    /// Plain `@word` handles not in accent colour (headers, not body mentions).
    pub x_handles: usize,
    /// `@name.domain` handles.
    pub domain_handles: usize,
    /// `@user@server` handles.
    pub server_handles: usize,
    /// `u/…` and `r/…` names.
    pub reddit_names: usize,
    /// Lines ending in a bare time "14:58".
    pub bare_times: usize,
    /// Lines with " · " separators next to a handle.
    pub dot_headers: usize,
    /// Short lines "username … 17h": a lower-case user name, then a grey time at the end
    /// (Threads and Instagram post headers; X and Bluesky put a handle there).
    pub username_time: usize,
    /// Headers "Name … 2h" over a line of the handle alone ("@doctroid"): Mastodon's, which
    /// puts the time at the far right of the name row; X and Bluesky show the time after the
    /// handle, or (detail views) no time in the header at all.
    pub side_time_heads: usize,
    /// Grey lines "104 replies · 1.2K likes" under a post's icons: Threads' older layout,
    /// which puts the counts there in words ("ответов", "відповідей", "отметок «Нравится»").
    pub reply_like_footers: usize,
}

impl Cues {
    pub fn gather(layout: &Layout) -> Cues {
        let mut c = Cues::default();
        let mut text = String::new();
        for line in &layout.lines {
            let lt = line.text();
            text.push_str(&lt.to_lowercase());
            text.push('\n');
            let mut has_handle = false;
            for w in &line.words {
                let t = w
                    .text
                    .trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '@' && ch != '/');
                c.words.insert(t.to_lowercase());
                // A button word glued to its icon's misreading ("Нравится(О", "(©Like").
                if t.contains(|ch: char| !ch.is_alphanumeric() && ch != '@' && ch != '/') {
                    c.words.extend(
                        t.split(|ch: char| !ch.is_alphanumeric())
                            .filter(|p| p.chars().count() >= 4)
                            .map(str::to_lowercase),
                    );
                }
                if let Some(h) = clean_handle(&w.text) {
                    let at = h.matches('@').count();
                    if at >= 2 && server_handle(&h) {
                        c.server_handles += 1;
                        has_handle = true;
                    } else if h.contains('.') && h.len() > 4 && named_domain(&h) {
                        c.domain_handles += 1;
                        has_handle = true;
                    } else if w.tone != Tone::Accent && looks_like_x_handle(&h) {
                        c.x_handles += 1;
                        has_handle = true;
                    }
                }
                if t.starts_with("u/") || t.starts_with("r/") {
                    c.reddit_names += 1;
                }
            }
            if has_handle && (lt.contains(" · ") || lt.contains(" - ") || lt.contains(" • ")) {
                c.dot_headers += 1;
            }
            // The first word that is not an avatar or icon read as a symbol ("€ _junhoyeo").
            let first_user = line
                .words
                .iter()
                .find(|w| w.text.chars().any(char::is_alphanumeric))
                .is_some_and(|w| {
                    w.text.len() >= 3
                        && w.text.chars().all(|ch| {
                            ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '.' || ch == '_'
                        })
                });
            // The time is the last one or two words ("17h", "33 мин"), before any icon junk.
            let mut shown: Vec<_> = line
                .words
                .iter()
                .filter(|w| w.text.chars().any(char::is_alphanumeric))
                .collect();
            // The "…" menu at the row's right end read as a short word ("es", "ooo"): set
            // apart from the time, or beside it (a time at the far right) but only a dot high.
            // No part of the header.
            if let [.., prev, last] = shown.as_slice() {
                let h = line.height().max(1.0);
                if shown.len() >= 3
                    && last.text.chars().count() <= 3
                    && (last.rect.x - prev.rect.right() > 4.0 * h || last.rect.h < 0.5 * h)
                    && last.rect.right() > 0.75 * layout.width as f32
                {
                    shown.pop();
                }
            }
            let last_time = shown.last().is_some_and(|w| w.tone == Tone::Grey)
                && (1..=2.min(shown.len().saturating_sub(1))).any(|k| {
                    let t = shown[shown.len() - k..]
                        .iter()
                        .map(|w| w.text.trim_matches(|ch: char| !ch.is_alphanumeric()))
                        .collect::<Vec<_>>()
                        .join(" ");
                    crate::posts::fields::timestamp::is_timestamp(&t)
                });
            if first_user && last_time && line.words.len() <= 5 && !has_handle {
                c.username_time += 1;
            }
            if reply_like_footer(line) {
                c.reply_like_footers += 1;
            }
            let clock = |t: &str| {
                t.len() >= 4 && t.len() <= 5 && t.chars().all(|ch| ch.is_ascii_digit() || ch == ':')
            };
            if let Some(last) = line.words.last() {
                let t = last.text.trim();
                if clock(t) && (t.contains(':') || last.tone == Tone::Grey) {
                    c.bare_times += 1;
                }
            }
            // A 12-hour time alone on its line ("7:52 PM", a bubble's footer set apart).
            if let [a, b] = line.words.as_slice() {
                if clock(a.text.trim())
                    && a.text.contains(':')
                    && matches!(b.text.to_lowercase().as_str(), "am" | "pm")
                {
                    c.bare_times += 1;
                }
            }
        }
        c.side_time_heads = side_time_heads(&layout.lines);
        c.text = text;
        c
    }

    /// Number of the given words present on the page.
    pub fn has_any(&self, words: &[&str]) -> usize {
        words.iter().filter(|w| self.words.contains(**w)).count()
    }

    /// Number of the given phrases present in the page text.
    pub fn has_phrases(&self, phrases: &[&str]) -> usize {
        phrases.iter().filter(|p| self.text.contains(**p)).count()
    }
}

/// A grey line of counts in words, "104 replies · 1.2K likes" ("6 ответов · 1,2 тыс. отметок
/// «Нравится»", "37K likes"): replies and likes both, or one of them alone on a short line.
/// X's detail footer names reposts, quotes or bookmarks beside its likes; Instagram's likes
/// line is bold, not grey.
pub(crate) fn reply_like_footer(line: &crate::layout::Line) -> bool {
    const REPLIES: &[&str] = &[
        "replies",
        "reply",
        "ответ",
        "ответа",
        "ответов",
        "відповідь",
        "відповіді",
        "відповідей",
    ];
    const LIKES: &[&str] = &[
        "likes",
        "like",
        "отметка",
        "отметки",
        "отметок",
        "вподобання",
        "вподобань",
    ];
    const UNITS: &[&str] = &["k", "m", "тыс", "тис", "млн"];
    if line.words.len() < 2 || line.words.len() > 9 {
        return false;
    }
    let grey = line.words.iter().filter(|w| w.tone == Tone::Grey).count();
    if 3 * grey < 2 * line.words.len() {
        return false;
    }
    let ws: Vec<String> = line
        .words
        .iter()
        .map(|w| {
            w.text
                .trim_matches(|ch: char| !ch.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect();
    let count = |t: &str| {
        t.starts_with(|ch: char| ch.is_ascii_digit())
            && t.chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | 'k' | 'm'))
    };
    let (mut replies, mut likes) = (false, false);
    for (i, t) in ws.iter().enumerate() {
        if !count(t) {
            continue;
        }
        let mut j = i + 1;
        while ws
            .get(j)
            .is_some_and(|u| UNITS.contains(&u.as_str()) || count(u))
        {
            j += 1;
        }
        match ws.get(j).map(String::as_str) {
            Some(l) if REPLIES.contains(&l) => replies = true,
            Some(l) if LIKES.contains(&l) => likes = true,
            _ => {}
        }
    }
    (replies && likes) || ((replies || likes) && ws.len() <= 3)
}

/// Counts the "Name … 2h" rows over a handle row (see [`Cues::side_time_heads`]). The time
/// may end the name's line or, set far apart, come as a line of its own between the two.
fn side_time_heads(lines: &[crate::layout::Line]) -> usize {
    use crate::posts::fields::timestamp::is_timestamp;
    let shown = |l: &crate::layout::Line| -> Vec<String> {
        l.words
            .iter()
            .map(|w| {
                w.text
                    .trim_matches(|ch: char| !ch.is_alphanumeric())
                    .to_string()
            })
            .filter(|t| !t.is_empty())
            .collect()
    };
    // The line ends with a grey time of one or two words, after at least `min` other words.
    let ends_time = |l: &crate::layout::Line, min: usize| {
        let ws = shown(l);
        l.words.last().is_some_and(|w| w.tone == Tone::Grey)
            && (1..=2)
                .filter(|&k| ws.len() >= k + min)
                .any(|k| is_timestamp(&ws[ws.len() - k..].join(" ")))
    };
    let mut n = 0;
    for i in 1..lines.len() {
        let hl = &lines[i];
        let h = hl.height().max(1.0);
        let handle_alone = hl.words.len() == 1
            && hl.words[0].tone != Tone::Accent
            && clean_handle(&hl.words[0].text)
                .is_some_and(|t| t.matches('@').count() == 1 && looks_like_x_handle(&t));
        if !handle_alone {
            continue;
        }
        let over = |j: usize| {
            let l = &lines[j];
            l.col == hl.col
                && (l.rect.x - hl.rect.x).abs() < 2.0 * h
                && hl.rect.y - l.rect.bottom() < 1.5 * h
                && hl.rect.y > l.rect.y
        };
        let one_line = over(i - 1) && ends_time(&lines[i - 1], 1);
        let apart = i >= 2
            && over(i - 2)
            && lines[i - 1].rect.x > lines[i - 2].rect.right() + 2.0 * h
            && lines[i - 1].words.len() <= 3
            && ends_time(&lines[i - 1], 0);
        if one_line || apart {
            n += 1;
        }
    }
    n
}

/// A server handle names a user and a server ("@Gargron@mastodon.social"); an emoji read as
/// "@@" names neither.
fn server_handle(h: &str) -> bool {
    let mut parts = h.trim_start_matches('@').splitn(2, '@');
    let user = parts.next().unwrap_or("");
    let server = parts.next().unwrap_or("");
    user.chars().any(char::is_alphanumeric)
        && server.chars().filter(|c| c.is_alphanumeric()).count() >= 3
}

/// A domain handle names someone before its first dot ("@anna.bsky.social", "@3dprint.io"); a
/// reaction pill's count read with its emoji as "@" ("@4.1K") has digits there alone.
fn named_domain(h: &str) -> bool {
    h.trim_start_matches('@')
        .split('.')
        .next()
        .is_some_and(|name| name.chars().any(char::is_alphabetic))
}

/// An X handle as people have them: at least two characters, not digits alone. An emoji or a
/// reactions icon read by the OCR comes out as "@8" or "@1"; no post header shows that.
/// A reaction pill's emoji read as "@" before its count ("@4.7K", "@25K") is no handle either:
/// a count is digits, a decimal mark and a unit letter.
fn looks_like_x_handle(h: &str) -> bool {
    let name = h.trim_start_matches('@');
    name.chars().count() >= 2
        && name.chars().any(|c| !c.is_ascii_digit())
        && !crate::posts::fields::author::count_read_as_handle(h)
}

#[cfg(test)]
mod tests {
    use super::{Cues, looks_like_x_handle, named_domain, server_handle};
    use crate::layout::Line;

    #[test]
    fn a_threads_menu_read_as_a_word_after_the_time() {
        use crate::layout::Layout;
        use crate::layout::Tone::{Accent, Grey, Primary};
        use crate::posts::named::fixture::line;
        // threads_inline_dark_en (JPEG q50): "bbcnews ✓ 19h" at the left, the "…" menu at
        // the row's right end read as "es".
        let mut l = line(
            109.0,
            27.0,
            17.0,
            &[("bbcnews", Primary), ("@", Accent), ("19h", Grey)],
        );
        let menu = line(860.0, 27.0, 17.0, &[("es", Primary)]);
        l.words.extend(menu.words.clone());
        let page = |l: Line| Layout {
            lines: vec![l],
            width: 960,
            height: 296,
            background: [0, 0, 0],
        };
        assert_eq!(Cues::gather(&page(l.clone())).username_time, 1);
        // A word right after the time is no menu: the line is text, not a header.
        let mut near = l.clone();
        near.words[3].rect.x = 235.0;
        assert_eq!(Cues::gather(&page(near)).username_time, 0);
        // threads_inline: the time at the far right, the menu right after it, a dot high.
        let mut l = line(109.0, 27.0, 17.0, &[("bbcnews", Primary), ("@", Accent)]);
        let side = line(844.0, 27.0, 17.0, &[("19h", Grey), ("es", Primary)]);
        l.words.extend(side.words);
        l.words[3].rect.h = 6.0;
        assert_eq!(Cues::gather(&page(l.clone())).username_time, 1);
        // A full-height word there is no menu.
        l.words[3].rect.h = 17.0;
        assert_eq!(Cues::gather(&page(l)).username_time, 0);
    }

    #[test]
    fn counts_in_words_under_the_icons() {
        use super::reply_like_footer;
        use crate::layout::Tone::{Grey, Primary};
        use crate::posts::named::fixture::plain;
        // Threads' older layout (captured: threads_below_mobile_dark_en, JPEG q80).
        assert!(reply_like_footer(&plain(
            65.0,
            169.0,
            10.0,
            "104 replies - 1.2K likes",
            Grey
        )));
        assert!(reply_like_footer(&plain(
            65.0,
            169.0,
            10.0,
            "6 ответов · 1,2 тыс. отметок «Нравится»",
            Grey
        )));
        assert!(reply_like_footer(&plain(
            65.0,
            169.0,
            10.0,
            "37 тис. вподобань",
            Grey
        )));
        // X's detail footer names reposts beside its likes; Instagram's likes line is bold.
        assert!(!reply_like_footer(&plain(
            65.0,
            169.0,
            10.0,
            "345 Reposts 12 Quotes 4,512 Likes",
            Grey
        )));
        assert!(!reply_like_footer(&plain(
            65.0,
            169.0,
            10.0,
            "1,234 likes",
            Primary
        )));
        // Words about replies in running text are no footer.
        assert!(!reply_like_footer(&plain(
            65.0,
            169.0,
            10.0,
            "we got 104 replies and many likes",
            Grey
        )));
    }

    #[test]
    fn counts_read_as_handles_name_no_domain() {
        assert!(named_domain("@anna.bsky.social"));
        assert!(named_domain("@3dprint.io"));
        assert!(!named_domain("@4.1K"));
        assert!(!named_domain("@12.5k"));
    }

    #[test]
    fn an_emoji_read_as_two_ats_is_no_server_handle() {
        // x_timeline_long_mobile_light_uk (seed 82, JPEG q60): the emoji after "домівках" read
        // "@@" had made the page Mastodon's.
        assert!(server_handle("@Gargron@mastodon.social"));
        assert!(server_handle("@jvns@jvns.ca"));
        assert!(!server_handle("@@"));
        assert!(!server_handle("@a@"));
        assert!(!server_handle("@@mastodon.social"));
    }

    #[test]
    fn icons_read_as_handles_are_not_handles() {
        assert!(looks_like_x_handle("@jack"));
        assert!(looks_like_x_handle("@ev"));
        assert!(looks_like_x_handle("@user_2024"));
        assert!(!looks_like_x_handle("@8"));
        assert!(!looks_like_x_handle("@12"));
        assert!(!looks_like_x_handle("@a"));
        // Telegram reaction pills (telegram_mobile_2msg_dark_en, seed 61).
        assert!(!looks_like_x_handle("@4.7K"));
        assert!(!looks_like_x_handle("@25K"));
        assert!(looks_like_x_handle("@2k_dev"));
        assert!(looks_like_x_handle("@4chan"));
    }
}
