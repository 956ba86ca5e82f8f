//! Telegram: channel posts and chat bubbles.
//!
//! A bubble ends with its footer at the bottom right: an optional views count (eye icon),
//! "edited"/"изменено"/"змінено" and the time "14:58" — on a line of its own or at the end of
//! the last text line. So the page is cut into posts at footers; a post's first line is the
//! channel or sender name when it is coloured (Telegram colours names) and "Forwarded from …"
//! names the source of a forwarded post, which becomes `quoted`.

use super::fields::author::clean_name;
use super::fields::metrics::parse_count;
use super::fields::text::{entities, is_chrome, language, reflow};
use super::fields::timestamp;
use super::{CountReader, Cues, Page, Profile, Rules};
use crate::layout::{Line, Tone};
use crate::ocr::Rect;
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
    "weitergeleitet von",
];
const EDITED: &[&str] = &["edited", "изменено", "змінено", "bearbeitet"];

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
    let f = c.has_phrases(FORWARDED) as f32
        + c.has_phrases(&["edited ", "изменено ", "змінено "]) as f32;
    if c.bare_times == 0 {
        return 0.0;
    }
    c.bare_times as f32 * 1.5 + w + 2.0 * f - c.x_handles as f32
}

fn is_time(t: &str) -> bool {
    let t = t.trim();
    t.len() >= 4
        && t.len() <= 5
        && t.contains(':')
        && t.chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// Splits a footer off the end of a line: returns (index of first footer word, views, edited,
/// time).
fn footer(line: &Line) -> Option<(usize, Option<u64>, bool, String)> {
    let ws = &line.words;
    let last = ws.last()?;
    if !is_time(&last.text) {
        return None;
    }
    let mut start = ws.len() - 1;
    let mut views = None;
    let mut edited = false;
    while start > 0 {
        let w = &ws[start - 1];
        let t = w.text.trim_start_matches(|c: char| !c.is_ascii_digit());
        if EDITED.iter().any(|e| w.text.to_lowercase().starts_with(e)) {
            edited = true;
        } else if views.is_none() && parse_count(t).is_some() && w.tone != Tone::Primary {
            views = parse_count(t);
        } else if w.text.chars().count() <= 2 && !w.text.chars().any(char::is_alphanumeric) {
            // eye icon read as a symbol
        } else {
            break;
        }
        start -= 1;
    }
    Some((start, views, edited, last.text.clone()))
}

fn extract(page: &Page, _counts: &mut dyn CountReader) -> Vec<Post> {
    let lines = &page.layout.lines;
    let mut posts = Vec::new();
    let mut begin = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some((cut, views, _edited, time)) = footer(line) else {
            continue;
        };
        let mut body: Vec<Line> = lines[begin..i]
            .iter()
            .filter(|l| l.col == line.col)
            .cloned()
            .collect();
        if cut > 0 {
            let mut head = line.clone();
            head.words.truncate(cut);
            head.rect = head
                .words
                .iter()
                .skip(1)
                .fold(head.words[0].rect, |r, w| r.union(&w.rect));
            body.push(head);
        }
        begin = i + 1;
        // Keep the bubble: lines horizontally overlapping the footer's column.
        let right = line.rect.right();
        body.retain(|l| l.rect.x < right && !is_chrome(&l.text()));
        // Drop reaction rows (emoji + counts) that sit just above the footer.
        while body.last().is_some_and(|l| {
            l.words
                .iter()
                .all(|w| parse_count(&w.text).is_some() || w.text.chars().count() <= 2)
        }) {
            body.pop();
        }
        let mut name = None;
        let mut name_rect = None;
        if body
            .first()
            .is_some_and(|l| l.tone() == Tone::Accent && l.words.len() <= 6)
        {
            let l = body.remove(0);
            name = clean_name(&l.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>());
            name_rect = Some(l.rect);
        }
        let mut quoted = None;
        if let Some(pos) = body.iter().position(|l| {
            FORWARDED
                .iter()
                .any(|f| l.text().to_lowercase().starts_with(f))
        }) {
            let l = body.remove(pos);
            let skip = l.text().split_whitespace().count().min(2);
            let src: Vec<&str> = l.words.iter().skip(skip).map(|w| w.text.as_str()).collect();
            quoted = Some(Box::new(Post {
                author: Author {
                    name: clean_name(&src),
                    ..Default::default()
                },
                ..Default::default()
            }));
        }
        let refs: Vec<&Line> = body.iter().collect();
        let text = reflow(&refs);
        if text.is_empty() && name.is_none() {
            continue;
        }
        let bbox = refs
            .iter()
            .map(|l| l.rect)
            .fold(line.rect, |a, b| a.union(&b));
        let mut post = Post::default();
        let (mentions, hashtags, urls) = entities(&text);
        post.language = language(&text);
        post.mentions = mentions;
        post.hashtags = hashtags;
        post.urls = urls;
        // A forwarded post's text is the source's text.
        if let Some(q) = quoted.as_mut() {
            q.text = text.clone();
        }
        post.text = text;
        post.author = Author {
            name,
            handle: None,
            verified: None,
            badge: None,
        };
        post.timestamp = timestamp::parse(&time, page.now);
        post.metrics.views = views;
        post.quoted = quoted;
        let confs: Vec<f32> = refs
            .iter()
            .flat_map(|l| l.words.iter().map(|w| w.conf))
            .collect();
        post.confidence =
            (confs.iter().sum::<f32>() / confs.len().max(1) as f32 / 100.0 * 100.0).round() / 100.0;
        post.bbox = bbox.to_u32();
        let time_rect: Rect = line.words.last().unwrap().rect;
        post.boxes = FieldBoxes {
            author: name_rect.map(|r| r.to_u32()),
            handle: None,
            timestamp: Some(time_rect.to_u32()),
            text: refs
                .iter()
                .map(|l| l.rect)
                .reduce(|a, b| a.union(&b))
                .map(|r| r.to_u32()),
            metrics: None,
        };
        posts.push(post);
    }
    posts
}
