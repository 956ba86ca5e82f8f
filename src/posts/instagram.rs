//! Instagram: "username • 2h" header, caption, "N likes", "View all N comments".

use super::{CountReader, Cues, Page, Profile, Rules, named};
use crate::record::{Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Instagram,
    slots: &[],
    badges: true,
};

const STYLE: named::Style = named::Style {
    profile: PROFILE,
    handle_prefix: None,
    footer: named::footer_as_is,
    username_after_footer: false,
    button_count: None,
};

pub const RULES: Rules = Rules {
    platform: Platform::Instagram,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let p = c.has_phrases(&[
        "instagram",
        "liked by",
        "view all",
        "отметки «нравится»",
        "вподобання",
    ]) as f32;
    if p < 1.0 {
        return 0.0;
    }
    p * 1.5
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    named::extract(page, counts, &STYLE)
}
