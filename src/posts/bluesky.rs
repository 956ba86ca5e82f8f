//! Bluesky: "Name @handle.bsky.social · 2h" headers (handles carry a domain), icon row of
//! replies, reposts, likes. Uses the handle-anchored extractor.

use super::{CountReader, Cues, Page, Profile, Rules, anchored};
use crate::record::{Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Bluesky,
    slots: &["replies", "reposts", "likes"],
    badges: true,
};

pub const RULES: Rules = Rules {
    platform: Platform::Bluesky,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let bsky = c.text.matches(".bsky.social").count() as f32;
    let words = c.has_any(&["bluesky", "bsky", "skeet", "skeets"]) as f32;
    if c.domain_handles == 0 && bsky + words == 0.0 {
        return 0.0;
    }
    c.domain_handles as f32 * 2.0 + bsky * 2.0 + words
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    anchored::extract(page, counts, &PROFILE)
}
