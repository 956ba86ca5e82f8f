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
    // Mastodon's profile tabs ("Posts / Posts and replies / Media"; "Toots and replies"
    // before 2022); X and Bluesky name that tab "Replies".
    let phrases = c.has_phrases(&["posts and replies", "toots and replies"]) as f32;
    if c.server_handles == 0 && words + phrases == 0.0 {
        return 0.0;
    }
    c.server_handles as f32 * 2.5 + words * 1.5 + phrases * 2.0
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    anchored::extract(page, counts, &PROFILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_tabs_tell_mastodon_from_x() {
        // Cues of a Mastodon 4 profile page with a pinned post whose name line did not read:
        // one plain handle ("@ericlee"), "Pinned post", the tabs, "boost" in the text.
        let text = "posts posts and replies media\nil pinned post\n@ericlee\nplease boost so we can spread to more people\n";
        let c = Cues {
            words: text
                .split_whitespace()
                .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '@'))
                .map(str::to_string)
                .collect(),
            text: text.to_string(),
            x_handles: 1,
            ..Default::default()
        };
        assert!(score(&c) > (super::super::x::RULES.score)(&c));
    }
}
