//! Threads: "username ✓ 2h" header (no @handle shown on post rows), text, an icon row of
//! likes, replies, reposts, shares with counts.

use super::{CountReader, Cues, Page, Profile, Rules, named};
use crate::record::{Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Threads,
    slots: &["likes", "replies", "reposts", "quotes"],
    badges: true,
};

const STYLE: named::Style = named::Style {
    profile: PROFILE,
    handle_prefix: None,
    footer: named::footer_as_is,
    username_after_footer: true,
    button_count: None,
};

pub const RULES: Rules = Rules {
    platform: Platform::Threads,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let words = c.has_any(&["threads", "thread", "replies", "reposts"]) as f32;
    // Handles in headers point to X, Bluesky or Mastodon; Threads shows "@name" only in
    // text (mentions), fewer than its username-time headers.
    // The older layout's "104 replies · 1.2K likes" line under each post counts as well, for
    // a header whose small grey time the OCR garbled ("11h" as "1ih").
    let posts = c.username_time.max(c.reply_like_footers);
    if c.x_handles + c.domain_handles + c.server_handles >= posts.max(1)
        || (posts == 0 && words < 2.0)
    {
        return 0.0;
    }
    2.0 * posts as f32 + words
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    named::extract(page, counts, &STYLE)
}
