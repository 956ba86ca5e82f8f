//! Threads: "username ✓ 2h" header (no @handle shown on post rows), text, an icon row of
//! likes, replies, reposts, shares with counts.

use super::{CountReader, Cues, Page, Profile, Rules, named};
use crate::record::{Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Threads,
    slots: &["likes", "replies", "reposts", "quotes"],
    badges: true,
};

pub const RULES: Rules = Rules {
    platform: Platform::Threads,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let w = c.has_any(&["threads", "thread", "replies", "reposts"]) as f32
        + c.has_phrases(&["threads.net", "threads"]) as f32;
    if w < 2.0 || c.x_handles > 2 {
        return 0.0;
    }
    w
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    named::extract(page, counts, &PROFILE, None)
}
