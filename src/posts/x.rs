//! X (Twitter): posts, replies, threads, quotes, detail views, legacy layouts.
//!
//! Uses the handle-anchored extractor; adds X's verified badge (read from the pixels right of
//! the name: blue, gold or grey) and the `x` lookup object.
//!
//! Snowflake range: an X post ID is `(ms_since_epoch - 1288834974657) << 22 | worker/sequence
//! bits`. A timestamp shown to the minute bounds the post's milliseconds to
//! [minute, minute + 60 s); the smallest ID is that first millisecond shifted left by 22 with
//! zero low bits, the largest is the last millisecond with all 22 low bits set. The shown time
//! is in the viewer's time zone, which a screenshot does not tell; we assume UTC and say so,
//! so the range may need shifting by the viewer's offset. The search URL uses X's
//! `from:HANDLE since:DAY until:DAY+1` operators, which do not depend on IDs.

use chrono::{Duration, NaiveDateTime};
use image::RgbImage;

use super::colour::{self, Mark};
use super::{CountReader, Cues, Page, Profile, Rules, anchored};
use crate::layout::{Layout, Line, Tone};
use crate::ocr::Rect;
use crate::record::{Platform, Post, XLookup};

pub const PROFILE: Profile = Profile {
    platform: Platform::X,
    slots: &["replies", "reposts", "likes", "views", "bookmarks"],
    badges: true,
};

pub const RULES: Rules = Rules {
    platform: Platform::X,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let words = c.has_any(&[
        "reposts",
        "quotes",
        "bookmarks",
        "retweets",
        "retweeted",
        "reposted",
        "tweet",
        "tweets",
        "views",
        "репосты",
        "цитаты",
        "закладки",
        "просмотров",
        "просмотры",
        "переглядів",
        "перегляди",
        "твит",
        "твіт",
        "replying",
        "translate",
        "post",
    ]) as f32;
    let phrases = c.has_phrases(&[
        "replying to",
        "show this thread",
        "translate post",
        "в ответ",
        "у відповідь",
        "for you",
        "following",
    ]) as f32;
    let handles = (c.x_handles as f32).min(4.0);
    if c.x_handles == 0 && words + phrases == 0.0 {
        return 0.0;
    }
    // Other handle forms point elsewhere.
    handles * 1.5 + c.dot_headers as f32 + words + phrases * 2.0
        - 2.0 * (c.domain_handles + c.server_handles + c.side_time_heads) as f32
}

pub fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    let mut posts = anchored::extract(page, counts, &PROFILE);
    same_author_names(&mut posts);
    for p in &mut posts {
        p.x = lookup(p);
    }
    posts
}

/// A thread or timeline repeats its author: posts with one handle whose names are the same
/// shapes in two scripts ("РБК" and "PBK", the Cyrillic re-read having decided only one of
/// them) take the reading the handle spells.
fn same_author_names(posts: &mut [Post]) {
    use crate::ocr::{handle_key, handle_vote, same_shapes, transliterate};
    let is_cyr = |t: &str| t.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let is_lat = |t: &str| t.chars().any(|c| c.is_ascii_alphabetic());
    for i in 0..posts.len() {
        for j in 0..posts.len() {
            let (a, b) = (&posts[i].author, &posts[j].author);
            let (Some(h), Some(cyr), Some(lat)) = (&a.handle, &a.name, &b.name) else {
                continue;
            };
            if i == j || b.handle.as_ref() != Some(h) || !is_cyr(cyr) || is_lat(cyr) {
                continue;
            }
            if !is_lat(lat) || is_cyr(lat) || !same_shapes(cyr, lat) {
                continue;
            }
            let key = handle_key(h);
            match handle_vote(&transliterate(cyr), lat, &key) {
                v if v > 0 => posts[j].author.name = Some(cyr.clone()),
                v if v < 0 => posts[i].author.name = Some(lat.clone()),
                _ => {}
            }
        }
    }
}

/// Twitter's 2009–2011 rows (timeline and search results) with their head made readable:
/// the screen name in bold text colour without an "@", the real name in grey after it on the
/// same line, the text under them, and under the text a grey relative time ("9 hours ago",
/// "about 2 hours ago via web"). Such a page holds none of the cues the platforms are told by
/// (no "@handle", no counts), so the head is rewritten to the "Name @handle" header the shared
/// extractor reads. None when no line is such a head.
pub fn legacy_layout(layout: &Layout) -> Option<Layout> {
    let lines = &layout.lines;
    let mut out = layout.clone();
    let mut found = false;
    for (i, l) in lines.iter().enumerate() {
        let ws = &l.words;
        if !(2..=5).contains(&ws.len()) {
            continue;
        }
        let sn = &ws[0];
        let name_grey = ws[1..].iter().all(|w| w.tone == Tone::Grey);
        if sn.tone != Tone::Primary || !is_screen_name(&sn.text) || !name_grey {
            continue;
        }
        // The text: lines of the column in the text colour, starting under the screen name;
        // then the time.
        let h = l.height().max(4.0);
        let in_body = |b: &Line| {
            b.col == l.col
                && (b.rect.x - l.rect.x).abs() < 2.0 * h
                && b.words.iter().any(|w| w.tone == Tone::Primary)
                && relative_time(b).is_none()
        };
        let n = lines[i + 1..].iter().take_while(|b| in_body(b)).count();
        let Some(t) = lines.get(i + 1 + n) else {
            continue;
        };
        if n == 0 || t.col != l.col || (t.rect.x - l.rect.x).abs() > 2.0 * h {
            continue;
        }
        if relative_time(t).is_none() {
            continue;
        }
        let mut words: Vec<_> = ws[1..].to_vec();
        let mut handle = sn.clone();
        handle.text = format!("@{}", sn.text);
        handle.tone = Tone::Grey;
        words.push(handle);
        out.lines[i].words = words;
        found = true;
    }
    found.then_some(out)
}

/// A screen name as Twitter allowed them: 1–15 letters, digits and underscores, a letter
/// among them.
fn is_screen_name(t: &str) -> bool {
    (2..=15).contains(&t.chars().count())
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && t.chars().any(|c| c.is_ascii_alphabetic())
}

/// The relative time a legacy row ends with, in grey ("9 hours ago via web").
fn relative_time(line: &Line) -> Option<String> {
    if line.words.iter().any(|w| w.tone == Tone::Primary) {
        return None;
    }
    let ws: Vec<&crate::layout::LWord> = line.words.iter().collect();
    let ws = match ws.first() {
        Some(w) if w.text.eq_ignore_ascii_case("about") => &ws[1..],
        _ => &ws[..],
    };
    let (t, _) = anchored::leading_timestamp(ws)?;
    t.to_lowercase().ends_with("ago").then_some(t)
}

/// Badge colour right of a name box, or None when there is no badge.
/// `limit_x` ends the search where the next field (the handle) starts.
pub fn badge_colour(
    rgb: &RgbImage,
    name: Rect,
    line_h: f32,
    limit_x: Option<f32>,
) -> Option<&'static str> {
    let (iw, ih) = rgb.dimensions();
    let h = line_h.max(name.h).max(6.0);
    // A badge or emoji glued into the name's box makes it taller than the text; measured by
    // it, the marks' merging gap would join a flag before the badge to the badge ("Оксана
    // Коваль 🇺🇦 ✓": one two-hued blob, an emoji). The marks are measured by the line's text
    // height then (the search area keeps the taller measure, to take in a glued badge).
    let text_h = if name.h > 1.4 * line_h && line_h >= 6.0 {
        line_h
    } else {
        h
    };
    // Start inside the name's last letters: OCR often glues the badge to the name ("jack@").
    let x0 = (name.right() - 1.2 * h).max(name.x + 0.5 * name.w).max(0.0) as u32;
    let x1 = ((name.right() + 2.2 * h)
        .min(limit_x.unwrap_or(f32::MAX))
        .max(0.0) as u32)
        .min(iw);
    let y0 = (name.y - 0.3 * h).max(0.0) as u32;
    let y1 = ((name.bottom() + 0.3 * h) as u32).min(ih);
    let area = Rect {
        x: x0 as f32,
        y: y0 as f32,
        w: x1.saturating_sub(x0) as f32,
        h: y1.saturating_sub(y0) as f32,
    };
    // Blue and gold badges are told from emoji by shape (see `colour`).
    let found = colour::marks(rgb, area, text_h);
    if let Some(c) = found.iter().find_map(|b| match b.mark {
        Mark::Badge(c) => Some(c),
        Mark::Emoji => None,
    }) {
        return Some(c);
    }
    // Grey (government) badges are not saturated enough for that: counted, outside emoji.
    // They share their colour with dim-theme secondary text, so they must be solid.
    let in_emoji = |x: u32, y: u32| {
        found.iter().any(|b| {
            let (fx, fy) = (x as f32, y as f32);
            fx >= b.rect.x && fx <= b.rect.right() && fy >= b.rect.y && fy <= b.rect.bottom()
        })
    };
    let mut grey = 0u32;
    for y in y0..y1 {
        for x in x0..x1 {
            let [r, g, b] = rgb.get_pixel(x, y).0.map(i32::from);
            if b > r + 25 && b > 140 && b < 200 && r > 100 && g > r && !in_emoji(x, y) {
                grey += 1; // #829aab
            }
        }
    }
    (grey >= ((0.24 * h * h) as u32).max(6)).then_some("grey")
}

const TWEPOCH_MS: i64 = 1_288_834_974_657;

/// The lookup object for an X post with an absolute timestamp.
pub fn lookup(p: &Post) -> Option<XLookup> {
    let ts = p.timestamp.as_ref()?;
    if ts.relative {
        return None;
    }
    let dt = NaiveDateTime::parse_from_str(ts.iso.as_deref()?, "%Y-%m-%dT%H:%M:%S").ok()?;
    let has_time = ts.text.contains(':');
    let (start, span) = if has_time {
        (dt, Duration::minutes(1))
    } else {
        (dt, Duration::days(1))
    };
    let ms0 = start.and_utc().timestamp_millis() - TWEPOCH_MS;
    let ms1 = (start + span).and_utc().timestamp_millis() - 1 - TWEPOCH_MS;
    let (id_min, id_max) = if ms0 >= 0 {
        (
            Some(((ms0 as u64) << 22).to_string()),
            Some((((ms1 as u64) << 22) | ((1 << 22) - 1)).to_string()),
        )
    } else {
        (None, None) // before snowflake IDs (Nov 2010)
    };
    let search_url = p.author.handle.as_ref().map(|h| {
        let day = dt.date();
        format!(
            "https://x.com/search?q=from%3A{}%20since%3A{}%20until%3A{}&f=live",
            h.trim_start_matches('@'),
            day,
            day + Duration::days(1)
        )
    });
    Some(XLookup {
        id_min,
        id_max,
        search_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Author, Timestamp};

    #[test]
    fn snowflake_range_brackets_a_known_post() {
        // Post 1861500000000000000 was made at 2024-11-26T20:25:16.6 UTC (its ID says so).
        let id: u64 = 1_861_500_000_000_000_000;
        let ms = (id >> 22) as i64 + TWEPOCH_MS;
        let dt = chrono::DateTime::from_timestamp_millis(ms)
            .unwrap()
            .naive_utc();
        let p = Post {
            author: Author {
                handle: Some("@kadmitriev".into()),
                ..Default::default()
            },
            timestamp: Some(Timestamp {
                text: dt.format("%-I:%M %p · %b %-d, %Y").to_string(),
                iso: Some(dt.format("%Y-%m-%dT%H:%M:00").to_string()),
                relative: false,
            }),
            ..Default::default()
        };
        let l = lookup(&p).unwrap();
        let lo: u64 = l.id_min.unwrap().parse().unwrap();
        let hi: u64 = l.id_max.unwrap().parse().unwrap();
        assert!(lo <= id && id <= hi);
        assert!(hi - lo < 61_000u64 << 22);
        assert!(l.search_url.unwrap().contains("from%3Akadmitriev"));
    }

    #[test]
    fn a_thread_keeps_its_authors_name_in_one_script() {
        // Captured (X dark Russian thread JPEG): the first post's name re-read "РБК", the next
        // two left "PBK"; the handle spells the Cyrillic one.
        let post = |name: &str, handle: &str| Post {
            author: Author {
                name: Some(name.into()),
                handle: Some(handle.into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let mut ps = vec![
            post("РБК", "@ru_rbc"),
            post("PBK", "@ru_rbc"),
            post("PBK", "@ru_rbc"),
            post("PBK", "@other"),
        ];
        same_author_names(&mut ps);
        let names: Vec<&str> = ps
            .iter()
            .map(|p| p.author.name.as_deref().unwrap())
            .collect();
        assert_eq!(names, ["РБК", "РБК", "РБК", "PBK"]);
        // The handle spelling the Latin reading puts the Latin one back.
        let mut ps = vec![post("Аппа", "@anna_writes"), post("Anna", "@anna_writes")];
        same_author_names(&mut ps);
        assert_eq!(ps[0].author.name.as_deref(), Some("Anna"));
    }

    #[test]
    fn legacy_row_head_becomes_a_header() {
        use crate::posts::named::fixture::{line, plain};
        // A 2010 search-result row as the page pass reads one (words, tones and sizes as
        // captured; the text made up): bold screen name, grey real name, the text, and the
        // grey relative time under it.
        let lines = vec![
            line(
                64.0,
                10.0,
                14.0,
                &[("jdoe_writes", Tone::Primary), ("Jane", Tone::Grey)],
            ),
            plain(
                65.0,
                28.0,
                11.0,
                "Third delay at the gate today. Not impressed at all.",
                Tone::Primary,
            ),
            plain(64.0, 48.0, 7.0, "8 hours ago", Tone::Grey),
        ];
        let layout = Layout {
            lines,
            width: 500,
            height: 67,
            background: [255, 255, 255],
        };
        let fixed = legacy_layout(&layout).expect("a legacy row");
        let head: Vec<&str> = fixed.lines[0]
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(head, ["Jane", "@jdoe_writes"]);
        let hs = anchored::headers(&fixed.lines);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].name.as_deref(), Some("Jane"));
        // Without the time under the text it is no legacy row; nor is a line of text whose
        // first word happens to be bold.
        let mut no_time = layout.clone();
        no_time.lines.pop();
        assert!(legacy_layout(&no_time).is_none());
        let mut text_head = layout.clone();
        text_head.lines[0] = plain(64.0, 10.0, 14.0, "Hello there world", Tone::Primary);
        assert!(legacy_layout(&text_head).is_none());
    }

    #[test]
    fn badge_colours() {
        let mut img = RgbImage::from_pixel(100, 30, image::Rgb([255, 255, 255]));
        let draw = |img: &mut RgbImage, c: [u8; 3], check: bool| {
            for x in 52..66 {
                for y in 8..22 {
                    img.put_pixel(x, y, image::Rgb(c));
                }
            }
            if check {
                for i in 0..6 {
                    img.put_pixel(56 + i, 15 - i / 2, image::Rgb([255, 255, 255]));
                    img.put_pixel(56 + i, 16 - i / 2, image::Rgb([255, 255, 255]));
                }
            }
        };
        draw(&mut img, [0x1d, 0x9b, 0xf0], true);
        let name = Rect {
            x: 5.0,
            y: 8.0,
            w: 44.0,
            h: 14.0,
        };
        assert_eq!(badge_colour(&img, name, 14.0, None), Some("blue"));
        let plain = RgbImage::from_pixel(100, 30, image::Rgb([255, 255, 255]));
        assert_eq!(badge_colour(&plain, name, 14.0, None), None);
        // A yellow emoji after a name is not a gold badge.
        let mut emoji = RgbImage::from_pixel(100, 30, image::Rgb([255, 255, 255]));
        draw(&mut emoji, [0xff, 0xcc, 0x4d], false);
        assert_eq!(badge_colour(&emoji, name, 14.0, None), None);
        let mut gold = RgbImage::from_pixel(100, 30, image::Rgb([0, 0, 0]));
        draw(&mut gold, [0xe2, 0xb7, 0x19], true);
        assert_eq!(badge_colour(&gold, name, 14.0, None), Some("gold"));
    }
}
