//! Reddit: "r/sub · Posted by u/name 5h" or "u/name · 5h" headers, title and text, a score
//! ("1.2k points", or the number between the vote arrows) and "N comments".

use super::{CountReader, Cues, Page, Profile, Rules, named};
use crate::record::{Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Reddit,
    slots: &["likes", "replies"],
    badges: false,
};

pub const RULES: Rules = Rules {
    platform: Platform::Reddit,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let w = c.has_any(&["reddit", "upvote", "upvotes", "points", "award", "posted"]) as f32;
    if c.reddit_names == 0 && w < 2.0 {
        return 0.0;
    }
    c.reddit_names as f32 * 2.0 + w
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    named::extract(page, counts, &PROFILE, Some("u/"))
}
