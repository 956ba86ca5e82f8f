//! Mastodon: display name over "@user@server", time at the header's right ("2h", "Nov 26"),
//! detail footer "Nov 26, 2025, 14:58" with boosts/favourites, icon row of replies, boosts,
//! favourites, bookmarks. Uses the handle-anchored extractor.

use super::{CountReader, Cues, Page, Profile, Rules, anchored};
use crate::record::{Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Mastodon,
    slots: &["replies", "reposts", "likes", "bookmarks"],
    badges: false,
};

pub const RULES: Rules = Rules {
    platform: Platform::Mastodon,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let words = c.has_any(&[
        "boost",
        "boosts",
        "boosted",
        "favourites",
        "favorites",
        "favourite",
        "toot",
        "toots",
        "mastodon",
    ]) as f32;
    if c.server_handles == 0 && words == 0.0 {
        return 0.0;
    }
    c.server_handles as f32 * 2.5 + words * 1.5
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    anchored::extract(page, counts, &PROFILE)
}
