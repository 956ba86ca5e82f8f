//! Reddit: "r/sub · Posted by u/name 5h" or "u/name · 5h" headers, title and text, a score
//! ("1.2k points", or the number between the vote arrows) and "N comments".

use super::fields::author::zero_for_o;
use super::{CountReader, Cues, Page, Profile, Rules, named};
use crate::record::{Author, Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Reddit,
    slots: &["likes", "replies"],
    badges: false,
};

const STYLE: named::Style = named::Style {
    profile: PROFILE,
    handle_prefix: Some("u/"),
    footer: named::footer_as_is,
    username_after_footer: false,
    button_count: Some("likes"),
};

pub const RULES: Rules = Rules {
    platform: Platform::Reddit,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let mut w = c.has_any(&[
        "reddit", "upvote", "upvotes", "upvoted", "points", "award", "posted",
    ]) as f32;
    // The comment action row: "⇧ 275 ⇩ Reply Share Report Save Follow".
    if c.has_any(&["vote", "reply", "share", "report", "save", "follow"]) >= 4 {
        w += 2.0;
    }
    if c.reddit_names == 0 && w < 2.0 {
        return 0.0;
    }
    c.reddit_names as f32 * 2.0 + w
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    let mut posts = named::extract(page, counts, &STYLE);
    for p in &mut posts {
        user_names(&mut p.author);
    }
    posts
}

/// Reddit names a user once, as "u/name" ("Posted by u/name") or bare above a comment: the
/// name is the handle without its prefix, and the handle the name with it.
fn user_names(a: &mut Author) {
    match &a.handle {
        Some(h) => {
            let h = match h.strip_prefix("u/") {
                Some(n) => format!("u/{}", zero_for_o(n)),
                None => h.clone(),
            };
            a.name = h.strip_prefix("u/").map(str::to_string);
            a.handle = Some(h);
        }
        None => {
            if let Some(n) = &a.name {
                if !n.contains(' ') && !n.starts_with("r/") {
                    let n = zero_for_o(n);
                    a.handle = Some(format!("u/{n}"));
                    a.name = Some(n);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_and_handle_from_either() {
        let mut a = Author {
            name: Some("Posted by".into()),
            // (As read: a zero taken for "O".)
            handle: Some("u/rollneersO2".into()),
            ..Default::default()
        };
        user_names(&mut a);
        assert_eq!(a.name.as_deref(), Some("rollneers02"));
        let mut b = Author {
            name: Some("ValkyrieSword".into()),
            ..Default::default()
        };
        user_names(&mut b);
        assert_eq!(b.handle.as_deref(), Some("u/ValkyrieSword"));
    }
}
