//! Facebook: bold name over a grey "26 November at 14:58 · 🌐" line, text with "See more",
//! a reactions line ("👍❤️ 1.2K   345 comments  56 shares": reactions → likes, comments →
//! replies, shares → reposts) and the Like / Comment / Share buttons.

use super::{CountReader, Cues, Page, Profile, Rules, named};
use crate::record::{Platform, Post};

pub const PROFILE: Profile = Profile {
    platform: Platform::Facebook,
    slots: &[],
    badges: false,
};

pub const RULES: Rules = Rules {
    platform: Platform::Facebook,
    score,
    extract,
};

fn score(c: &Cues) -> f32 {
    let buttons = c.has_any(&[
        "like",
        "comment",
        "share",
        "нравится",
        "комментировать",
        "поделиться",
        "подобається",
        "коментувати",
        "поширити",
        "kommentieren",
        "teilen",
    ]) as f32;
    let labels = c.has_phrases(&[
        " comments",
        " shares",
        " комментари",
        " коментар",
        " поширен",
        " репост",
        "see more",
        "mehr anzeigen",
        "kommentare",
        "facebook",
    ]) as f32;
    if buttons + labels < 2.0 {
        return 0.0;
    }
    buttons + labels
}

fn extract(page: &Page, counts: &mut dyn CountReader) -> Vec<Post> {
    named::extract(page, counts, &PROFILE, None)
}
