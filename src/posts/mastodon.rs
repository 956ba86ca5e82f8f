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
    if c.server_handles + c.side_time_heads == 0 && words + phrases == 0.0 {
        return 0.0;
    }
    (c.server_handles + c.side_time_heads) as f32 * 2.5 + words * 1.5 + phrases * 2.0
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

    #[test]
    fn a_local_handle_under_a_name_and_time_row_is_mastodon() {
        // 019-mastodon (real screenshot, dark): a local account's handle has no server;
        // the time ends the name's row and the handle stands alone below.
        use crate::layout::Tone::{Grey, Primary};
        use crate::posts::named::fixture::{line, plain};
        let mut top = line(133.0, 27.0, 24.0, &[("Rich", Primary), ("Holmes", Primary)]);
        let time = line(700.0, 27.0, 24.0, &[("®", Grey), ("2h", Grey)]);
        top.words.extend(time.words);
        top.rect = top.rect.union(&time.rect);
        let lines = vec![
            top,
            plain(133.0, 71.0, 26.0, "@doctroid", Grey),
            plain(
                21.0,
                141.0,
                29.0,
                "Not really fat, but definitely a #frog",
                Primary,
            ),
        ];
        let layout = crate::layout::Layout {
            lines,
            width: 800,
            height: 1000,
            background: [0, 0, 0],
        };
        let c = Cues::gather(&layout);
        assert_eq!(c.side_time_heads, 1);
        assert!(score(&c) > (super::super::x::RULES.score)(&c));
        // An X detail header (name over handle, no time) stays X's.
        let lines = vec![
            plain(133.0, 27.0, 24.0, "Rich Holmes", Primary),
            plain(133.0, 71.0, 26.0, "@doctroid", Grey),
            plain(
                21.0,
                141.0,
                29.0,
                "Not really fat, but definitely a #frog",
                Primary,
            ),
        ];
        let layout = crate::layout::Layout {
            lines,
            width: 800,
            height: 1000,
            background: [0, 0, 0],
        };
        let c = Cues::gather(&layout);
        assert_eq!(c.side_time_heads, 0);
        assert!(score(&c) < (super::super::x::RULES.score)(&c));
    }
}
