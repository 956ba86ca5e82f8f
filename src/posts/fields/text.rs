//! Body text: lines → paragraphs, interface chrome removed, entities and language extracted.

use once_cell::sync::Lazy;
use regex::Regex;

use super::author::fix_script;
use crate::layout::{LWord, Line};

/// Interface strings that sit inside or right below post text but are not part of it, in the
/// three languages (and German, which real screenshots carry too). Matched against a whole
/// line, case-insensitively, after trimming punctuation.
const CHROME: &[&str] = &[
    "show more",
    "show this thread",
    "translate post",
    "translate tweet",
    "translated from",
    "see more",
    "see translation",
    "read more",
    "show original",
    "rate this translation",
    "показать ещё",
    "показать еще",
    "перевести",
    "показать перевод",
    "показать эту ветку",
    "ещё",
    "еще",
    "показати більше",
    "перекласти",
    "показати переклад",
    "показати цю гілку",
    "mehr anzeigen",
    "übersetzen",
    "beitrag übersetzen",
    "tweet übersetzen",
    // (the umlaut lost to the OCR)
    "ubersetzen",
    "beitrag ubersetzen",
    "tweet ubersetzen",
    "...mehr",
    "… mehr",
];

/// True when the whole line is interface chrome.
pub fn is_chrome(line: &str) -> bool {
    let l = line
        .trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace())
        .to_lowercase();
    !l.is_empty()
        && CHROME
            .iter()
            .any(|c| l == c.trim_matches(|ch: char| ch.is_ascii_punctuation() || ch == '…'))
}

/// Links that older X (Twitter) web layouts put below a post's text, in grey or link colour:
/// "Details", "Expand", "View conversation", "View photo" (2011–2014). A line of only these
/// words, in post-text colour, can be the post's own words, so only a grey or coloured line
/// counts.
const LINK_CHROME: &[&str] = &[
    "details",
    "expand",
    "collapse",
    "view conversation",
    "hide conversation",
    "view photo",
    "hide photo",
    "view media",
    "hide media",
    "view summary",
    "hide summary",
    "view video",
    "view details",
];

/// True when the line is one of the old post links (see [`LINK_CHROME`]), set off by colour.
pub fn is_link_chrome(line: &Line) -> bool {
    line.tone() != crate::layout::Tone::Primary
        && line.words.len() <= 3
        && LINK_CHROME.contains(&line.text().trim().to_lowercase().as_str())
}

/// Removes chrome that trails a line ("… See more" at the end of a truncated paragraph).
pub fn strip_trailing_chrome(line: &str) -> String {
    let lower = line.to_lowercase();
    for c in [
        "see more",
        "show more",
        "mehr anzeigen",
        "показать ещё",
        "ещё",
        "еще",
        "показати більше",
    ] {
        if lower.ends_with(c) && lower.len() > c.len() {
            let cut = line.len() - c.len();
            if line.is_char_boundary(cut) {
                let head = line[..cut].trim_end();
                // Keep the "…" that marks the truncation; drop a dangling "..." spacer.
                return head.to_string();
            }
        }
    }
    line.to_string()
}

/// Joins body lines into text: wrapped lines with one space, paragraphs with "\n".
///
/// A line break is a paragraph (or hard) break when the next line starts after a vertical gap
/// larger than a blank line would leave, or when the previous line stopped short of the text
/// column although the next line's first word would have fitted — which is how every platform
/// wraps text, so it holds for layouts we have never seen.
pub fn reflow(lines: &[&Line]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let col_left = lines.iter().map(|l| l.rect.x).fold(f32::MAX, f32::min);
    let col_right = lines.iter().map(|l| l.rect.right()).fold(0.0, f32::max);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line_text(line);
        if text.is_empty() {
            continue; // a line of emoji alone
        }
        if out.is_empty() {
            out.push_str(&text);
            continue;
        }
        let prev = lines[i - 1];
        let h = prev.height().max(line.height()).max(1.0);
        let gap = line.rect.y - prev.rect.bottom();
        let first_w = line.words.first().map(|w| w.rect.w).unwrap_or(0.0);
        let space = 0.35 * h;
        let room = col_right - prev.rect.right();
        let short = room > first_w + space + 0.5 * h && (col_right - col_left) > 8.0 * h;
        let blank = gap > 0.9 * h;
        // A list item ("— запуск …;" then "— в Москве …"): a dash or bullet opening a line
        // right after a sentence or clause ended starts a line of its own even when the item
        // before it filled the column (a dash wrapped inside a sentence follows no stop).
        let item = matches!(
            line.words.first().map(|w| w.text.as_str()),
            Some("—" | "–" | "-" | "•")
        ) && line.words.len() > 1
            && out
                .trim_end_matches(['»', '"', ')', '”'])
                .ends_with(['.', ';', ':', '!', '?', '…']);
        if blank || short || item {
            out.push('\n');
        } else if out.ends_with('-')
            && text.starts_with(|c: char| c.is_lowercase())
            && !out.ends_with(" -")
        {
            // A word hyphenated at the line end: platforms do not hyphenate, so the hyphen is
            // the writer's ("T-" + "Mobile" stays "T-Mobile"): join without a space.
        } else {
            out.push(' ');
        }
        out.push_str(&text);
    }
    out
}

/// A line's words joined, each word made single-script.
pub fn line_text(line: &Line) -> String {
    let cyr = line
        .words
        .iter()
        .flat_map(|w| w.text.chars())
        .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
        .count();
    let lat = line
        .words
        .iter()
        .flat_map(|w| w.text.chars())
        .filter(char::is_ascii_alphabetic)
        .count();
    // How far the line's words stray from a blend of two colours as a rule (colour-fringed
    // text in old screenshots strays by a fifth or more everywhere): the lower quartile, which
    // a few emoji on a short line do not move.
    let mut ps: Vec<f32> = line.words.iter().map(|w| w.pictorial).collect();
    ps.sort_by(f32::total_cmp);
    let base = ps
        .get(ps.len().saturating_sub(1) / 4)
        .copied()
        .unwrap_or(0.0);
    // A line of text in the text colour (a coloured word in it stands out).
    let primary = line
        .words
        .iter()
        .filter(|w| w.tone == crate::layout::Tone::Primary)
        .count()
        * 2
        > line.words.len();
    if std::env::var_os("POSTOCR_DEBUG_WORDS").is_some() {
        for w in &line.words {
            eprintln!(
                "W {:?} conf={:.0} pict={:.2} base={:.2} tone={:?} primary={primary}",
                w.text, w.conf, w.pictorial, base, w.tone
            );
        }
    }
    let words: Vec<&LWord> = line
        .words
        .iter()
        .filter(|w| !is_emoji_read_as_text(w, base))
        .filter(|w| crate::rule_off("emoji-more") || !emoji_in_line(w, base, cyr > lat, primary))
        // A short Latin word Tesseract all but gave up on (confidence under 10) in a Russian
        // or Ukrainian line is a monochrome emoji ("⚽" → "BS"); in a Latin line it can be a
        // word with an emoji glued on ("can ❄️"), and a bullet ("*" at 0) is no word at all.
        .filter(|w| {
            !(cyr > lat
                && w.conf < 10.0
                && w.text.chars().count() <= 3
                && w.text.chars().all(|c| c.is_ascii_alphabetic()))
        })
        .collect();
    let cyr_word = |i: Option<&&LWord>| {
        i.is_some_and(|w| {
            w.text
                .chars()
                .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
                && w.text
                    .chars()
                    .all(|c| c.is_alphabetic() || c.is_ascii_punctuation())
        })
    };
    words
        .iter()
        .enumerate()
        .map(|(i, w)| match w.text.as_str() {
            // A lone capital I (or Ukrainian і) is read as a bar.
            "|" if cyr > lat => "і".to_string(),
            "|" => "I".to_string(),
            // The preposition "о" between Russian or Ukrainian words, read as a zero ("Коротко
            // 0 главном"): a lone zero is no count in running text.
            "0" if cyr_word(words.get(i + 1)) && i > 0 && cyr_word(words.get(i - 1)) => {
                "о".to_string()
            }
            // A run of question marks read as twos ("???????" → "2222222"): the two is the
            // question mark's shape without its dot, and no count is written so.
            t if question_run(t) => t.replace('2', "?"),
            t => lone_letter(&words, i, cyr > lat)
                .filter(|_| !crate::rule_off("lone-letter"))
                .unwrap_or_else(|| fix_script(t)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word of question marks that the OCR read, some or all, as twos: five signs or more, or
/// three or more of which one did read as "?".
fn question_run(t: &str) -> bool {
    let n = t.chars().count();
    t.chars().all(|c| c == '2' || c == '?')
        && t.contains('2')
        && (n >= 5 || (n >= 3 && t.contains('?')))
}

/// The script of a word by its letters: `Some(true)` mostly Cyrillic, `Some(false)` mostly
/// Latin, `None` without letters (a number, a sign).
fn word_script(t: &str) -> Option<bool> {
    let (mut cyr, mut lat) = (0, 0);
    for c in t.chars() {
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() {
            lat += 1;
        }
    }
    (cyr + lat > 0).then_some(cyr > lat)
}

/// A one-letter word read in the other script than the words around it: the Russian and
/// Ukrainian one-letter words "а", "в", "і", "к", "о", "с", "у" have Latin twins the Latin pass
/// keeps ("пальцем y виска", "+3 i легкий"), and the English "a" and "I" Cyrillic ones a
/// Cyrillic re-read gives ("for а Tuesday"). Each word is written in one script and a
/// sentence's short words in its own: the letter takes the script of the lettered words on
/// both sides (at a line's end, of the one beside it and of the line's majority,
/// `cyr_line`). Handles and links beside it, which stay Latin in Cyrillic text, leave it as
/// it is.
fn lone_letter(words: &[&LWord], i: usize, cyr_line: bool) -> Option<String> {
    let t = words[i].text.as_str();
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let [c] = letters[..] else {
        return None;
    };
    // The letter alone, or with the punctuation after it ("а," "і:").
    if !t.starts_with(c) || !t.chars().skip(1).all(|c| ",.:;!?".contains(c)) {
        return None;
    }
    let cyr_here = ('\u{0400}'..='\u{04FF}').contains(&c);
    let want_cyr = !cyr_here;
    let prev = words[..i].iter().rev().find_map(|w| word_script(&w.text));
    let next = words[i + 1..].iter().find_map(|w| word_script(&w.text));
    let agree = match (prev, next) {
        (Some(p), Some(n)) => p == want_cyr && n == want_cyr,
        (Some(s), None) | (None, Some(s)) => s == want_cyr && cyr_line == want_cyr,
        (None, None) => false,
    };
    if !agree {
        return None;
    }
    // Inside a sentence a Cyrillic preposition is small ("в", not "В" as the Latin pass reads
    // the small letter's shape).
    let mid_sentence = words[..i]
        .last()
        .is_some_and(|w| !w.text.ends_with(['.', '!', '?', '…']));
    let to = match c {
        'a' => 'а',
        'A' => 'А',
        'o' => 'о',
        'O' => 'О',
        'c' => 'с',
        'C' if mid_sentence => 'с',
        'C' => 'С',
        'y' => 'у',
        'Y' => 'У',
        'i' => 'і',
        'I' => 'І',
        'k' => 'к',
        'K' => 'К',
        'B' if mid_sentence => 'в',
        'B' => 'В',
        'а' => 'a',
        'А' => 'A',
        'І' => 'I',
        _ => return None,
    };
    Some(t.replacen(c, &to.to_string(), 1))
}

/// An emoji that the OCR read as a short word ("🇺🇸🇷🇺" → "85", "💙💛" → "O@®", "🦀" → "A"):
/// text, anti-aliased or not, is a blend of the page and one ink colour, while an emoji's
/// pixels stray from that blend (see `layout::off_line_share`); Tesseract is also unsure of
/// such a word. A longer word keeps its letters (an emoji glued to a word is left in it).
///
/// A sign or lone letter whose pixels stray that far from text that most of it is picture is
/// an emoji however sure Tesseract is ("🔥🔥🔥" → "@ @ @" at confidence 86, "🔥" → "ф"; a
/// link's words stray as far by their colour, but are longer). A short run of signs with
/// no letter or digit that Tesseract doubts is one too when only part of it strays (the
/// grey-and-white "🤖" on a dark page → "#@").
/// `base` is how far the line's words stray as a rule (the lower quartile): the last two tests count
/// only what a word strays beyond it.
pub fn is_emoji_read_as_text(w: &LWord, base: f32) -> bool {
    let n = w.text.chars().count();
    let signs = !w.text.chars().any(char::is_alphanumeric);
    n <= 3
        && ((w.pictorial >= 0.2 && w.conf < 75.0)
            || (w.pictorial >= 0.5 + base && (signs || n == 1))
            || (signs && w.pictorial >= 0.08 + base && w.conf < 50.0)
            // A sign with a third of its ink off the text's colours however sure Tesseract
            // is ("🎉" → "&" at 84 %, 35 % off), or signs it doubts ("@&" at 58 %): text's
            // signs are all ink and page (a sure ":(" of colour-fringed text stays).
            || (signs && w.pictorial >= 0.25 + base && (n == 1 || w.conf < 75.0)))
}

/// An emoji read as a short word that [`is_emoji_read_as_text`] leaves, judged with its line:
/// a word of at most three characters that is nearly all picture ("💙💛" → "ту", 98 % of
/// the ink off the text's colour, at confidence 79); one letter or sign coloured unlike the
/// text of its line and partly picture ("🙏" → "А," at 89 %, 24 % off; a short word of a
/// link's phrase, "wiki to", stays); Latin letters Tesseract doubts, in
/// another colour than the text's, in a Russian or Ukrainian line ("✈️" → "yy" at 22 %);
/// the at-sign or a copyright sign among signs only, which text never writes apart (a
/// monochrome "⚽" in the text colour → "@)" at 57 %). Mentions and hashtags stay.
fn emoji_in_line(w: &LWord, base: f32, cyr_line: bool, primary_line: bool) -> bool {
    use crate::layout::Tone;
    let t = w.text.as_str();
    if t.chars().count() > 3 || (t.starts_with(['#', '@']) && t.chars().any(char::is_alphanumeric))
    {
        return false;
    }
    let signs = !t.chars().any(char::is_alphanumeric);
    w.pictorial >= 0.8 + base
        || (primary_line
            && w.tone == Tone::Accent
            && w.pictorial >= 0.15 + base
            && t.chars().filter(|c| c.is_alphanumeric()).count() <= 1)
        || (cyr_line
            && w.tone != Tone::Primary
            && w.conf < 30.0
            && t.chars().all(|c| c.is_ascii_alphabetic()))
        || (signs && t.contains(['@', '©', '®']) && w.conf < 90.0)
        // One or two signs or one digit in another colour than its line's text, which
        // Tesseract doubts: a flat emoji at a sentence's end ("👋" → "3" at 36 %, "🎉" → "&"
        // at 47 %); a word of a link's phrase is read surely.
        || (primary_line
            && w.tone == Tone::Accent
            && w.conf < 50.0
            && t.chars().count() <= 2
            && t.chars().filter(|c| c.is_alphanumeric()).count() <= 1
            && !t.chars().any(char::is_alphabetic))
}

static MENTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:^|[^\w@])(@[A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]+\.[a-z]{2,})?)").unwrap()
});
static HASHTAG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?:^|[^\w#&])(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)").unwrap());
static URL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)\b((?:https?://)?(?:[a-z0-9-]+\.)+(?:com|org|net|ru|ua|uk|io|ly|co|me|gov|edu|info|news|tv|app|social|de|fr|eu|int|be|gl|gd|tt|us|ca|in|site|online)(?:/[^\s]*)?)").unwrap()
});

/// Sets a post's text with what is derived from it: mentions, hashtags, links, language.
pub fn set_text(post: &mut crate::record::Post, text: String) {
    let (mentions, hashtags, urls) = entities(&text);
    post.language = language(&text);
    post.mentions = mentions;
    post.hashtags = hashtags;
    post.urls = urls;
    post.text = text;
}

/// Mentions, hashtags and links in `text`, in order of appearance, without repeats.
pub fn entities(text: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    fn uniq(it: impl Iterator<Item = String>) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for s in it {
            if !v.contains(&s) {
                v.push(s);
            }
        }
        v
    }
    let mentions = uniq(MENTION.captures_iter(text).map(|c| c[1].to_string()));
    let hashtags = uniq(HASHTAG.captures_iter(text).map(|c| c[1].to_string()));
    let urls = uniq(
        URL.captures_iter(text)
            .map(|c| c[1].trim_end_matches(['.', ',', ')', ':', ';']).to_string())
            .filter(|u| !u.contains('@')),
    );
    (mentions, hashtags, urls)
}

/// Language of a post's text: "en", "ru", "uk", "other", or None when too short to tell.
/// Uses whatlang's trigram model restricted to the plausible set, then a Ukrainian letter check
/// (і, ї, є, ґ never occur in Russian), which is decisive on short texts where trigrams are not.
pub fn language(text: &str) -> Option<String> {
    let letters: String = text
        .split_whitespace()
        .filter(|w| !w.starts_with(['@', '#']) && !w.contains('/') && !w.contains('.'))
        .collect::<Vec<_>>()
        .join(" ");
    let n = letters.chars().filter(|c| c.is_alphabetic()).count();
    if n < 8 {
        return None;
    }
    let cyr = letters
        .chars()
        .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
        .count();
    if cyr * 2 > n {
        let uk_only = letters
            .chars()
            .filter(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ'))
            .count();
        let ru_only = letters
            .chars()
            .filter(|c| matches!(c, 'ы' | 'э' | 'ъ' | 'ё' | 'Ы' | 'Э' | 'Ё'))
            .count();
        if uk_only > ru_only {
            return Some("uk".into());
        }
        if ru_only > uk_only {
            return Some("ru".into());
        }
        let det =
            whatlang::Detector::with_allowlist(vec![whatlang::Lang::Rus, whatlang::Lang::Ukr]);
        return Some(match det.detect_lang(&letters) {
            Some(whatlang::Lang::Ukr) => "uk".into(),
            _ => "ru".into(),
        });
    }
    let det = whatlang::Detector::new();
    Some(match det.detect_lang(&letters) {
        Some(whatlang::Lang::Eng) => "en".into(),
        Some(_) if n < 25 => "en".into(),
        Some(_) => "other".into(),
        None => "en".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LWord, Tone};
    use crate::ocr::Rect;

    fn line(words: &[(&str, f32)], y: f32) -> Line {
        let mut x = 10.0;
        let mut ws = Vec::new();
        for (t, w) in words {
            ws.push(LWord {
                text: t.to_string(),
                rect: Rect {
                    x,
                    y,
                    w: *w,
                    h: 14.0,
                },
                conf: 95.0,
                tone: Tone::Primary,
                ink: [0, 0, 0],
                contrast: 255.0,
                density: 0.3,
                pictorial: 0.0,
            });
            x += w + 5.0;
        }
        let rect = ws.iter().skip(1).fold(ws[0].rect, |r, w| r.union(&w.rect));
        Line {
            words: ws,
            rect,
            col: 0,
        }
    }

    #[test]
    fn question_marks_read_as_twos() {
        // Captured (a 2019 dim-theme tweet ending in a line of fifteen question marks).
        let l = line(&[("-", 8.0), ("222222222222222", 200.0)], 0.0);
        assert_eq!(line_text(&l), "- ???????????????");
        let l = line(&[("why", 40.0), ("??2", 20.0)], 0.0);
        assert_eq!(line_text(&l), "why ???");
        // Numbers stay numbers.
        for t in ["22", "2222", "2022", "222?"] {
            let l = line(&[("in", 20.0), (t, 40.0)], 0.0);
            assert_eq!(
                line_text(&l),
                format!("in {}", if t == "222?" { "????" } else { t })
            );
        }
    }

    #[test]
    fn lone_letters_take_the_script_around_them() {
        // facebook_desktop_light_uk (seed 45): the Latin "i" kept between Ukrainian words;
        // threads_below_mobile_light_ru (seed 45): "пальцем y виска"; bluesky_feed_mobile_dim_en
        // (seed 45): "for а Tuesday" with a Cyrillic "а".
        let t = |ws: &[&str]| {
            let l = line(&ws.iter().map(|w| (*w, 30.0)).collect::<Vec<_>>(), 0.0);
            line_text(&l)
        };
        assert_eq!(
            t(&["3:0", "—", "i", "жодних", "шансів"]),
            "3:0 — і жодних шансів"
        );
        assert_eq!(t(&["пальцем", "y", "виска."]), "пальцем у виска.");
        assert_eq!(
            t(&["Not", "bad", "for", "а", "Tuesday"]),
            "Not bad for a Tuesday"
        );
        assert_eq!(t(&["живу", "B", "Києві"]), "живу в Києві");
        // Beside a handle or a link, or between words of its own script, it stays.
        assert_eq!(t(&["пишите", "a", "@user"]), "пишите a @user");
        assert_eq!(t(&["Plan", "A", "works"]), "Plan A works");
        assert_eq!(t(&["і", "Ukraine"]), "і Ukraine");
    }

    #[test]
    fn wrapped_lines_join_short_lines_break() {
        // Column 10..400: line 1 is full, line 2 stops short (hard break), line 3 after a gap.
        let a = line(&[("The", 40.0), ("quick", 300.0), ("fox", 35.0)], 0.0);
        let b = line(&[("jumps.", 60.0)], 20.0);
        let c = line(&[("Over", 50.0), ("the", 30.0)], 40.0);
        let d = line(&[("New", 40.0), ("paragraph", 300.0)], 80.0);
        assert_eq!(
            reflow(&[&a, &b, &c, &d]),
            "The quick fox jumps.\nOver the\nNew paragraph"
        );
    }

    #[test]
    fn list_items_keep_their_lines() {
        // threads_below_mobile_light_ru (dev set): the first item fills the column, yet the
        // dash after its ";" opens the next item; a dash inside a sentence joins.
        let a = line(&[("—", 15.0), ("запуск", 300.0), ("штатно;", 70.0)], 0.0);
        let b = line(&[("—", 15.0), ("в", 10.0), ("Москве", 60.0)], 20.0);
        assert_eq!(reflow(&[&a, &b]), "— запуск штатно;\n— в Москве");
        let c = line(&[("Мы", 30.0), ("приехали", 300.0), ("домой", 55.0)], 0.0);
        assert_eq!(reflow(&[&c, &b]), "Мы приехали домой — в Москве");
    }

    #[test]
    fn emoji_read_as_short_words_leave_the_text() {
        // mastodon_timeline_dark_en (dev set): the flags "🇺🇸🇷🇺" read as "85" (conf 54, 32 %
        // of its ink off the text's colour line); a line of an emoji alone ("O@®") goes too.
        let mut a = line(&[("dialogue", 80.0), ("85", 20.0), ("Trade,", 50.0)], 0.0);
        a.words[1].conf = 54.0;
        a.words[1].pictorial = 0.32;
        let mut b = line(&[("O@®", 30.0)], 20.0);
        b.words[0].conf = 35.0;
        b.words[0].pictorial = 0.5;
        assert_eq!(reflow(&[&a, &b]), "dialogue Trade,");
        // A sure short word, or a long one with colour (an emoji glued to it), stays.
        let mut c = line(&[("Go", 20.0), ("team🎉", 60.0)], 0.0);
        c.words[0].pictorial = 0.3;
        c.words[1].pictorial = 0.3;
        c.words[1].conf = 50.0;
        assert_eq!(reflow(&[&c]), "Go team🎉");
    }

    #[test]
    fn emoji_judged_with_their_line_leave_the_text() {
        use crate::layout::Tone::Accent;
        // facebook_desktop_dark_uk (seed 21): "💙💛" read "ту" (79 %, 98 % picture);
        // bluesky_feed_dim_uk (seed 21): "🙏" read "А," in accent colour (89 %, 24 %);
        // mastodon_timeline_light_ru (seed 21): "✈️" read "yy" (accent, 22 %);
        // threads_inline_light_uk (seed 21): "⚽" read "@)" in the text colour (57 %).
        let mut a = line(&[("домівках", 80.0), ("ту", 20.0)], 0.0);
        (a.words[1].conf, a.words[1].pictorial, a.words[1].tone) = (79.0, 0.98, Accent);
        let mut b = line(&[("будь", 40.0), ("ласка", 50.0), ("А,", 20.0)], 20.0);
        (b.words[2].conf, b.words[2].pictorial, b.words[2].tone) = (89.0, 0.24, Accent);
        assert_eq!(reflow(&[&a]), "домівках");
        assert_eq!(reflow(&[&b]), "будь ласка");
        let mut c = line(&[("авиасообщения", 120.0), ("yy", 20.0)], 0.0);
        (c.words[1].conf, c.words[1].pictorial, c.words[1].tone) = (22.0, 0.05, Accent);
        assert_eq!(reflow(&[&c]), "авиасообщения");
        let mut d = line(&[("суперникам", 100.0), ("@)", 20.0)], 0.0);
        d.words[1].conf = 57.0;
        assert_eq!(reflow(&[&d]), "суперникам");
        // A mention, a hashtag and a short word in the text colour stay.
        let mut e = line(
            &[("ask", 30.0), ("@ab", 30.0), ("#UA", 30.0), ("AI", 20.0)],
            0.0,
        );
        for w in &mut e.words[1..3] {
            (w.tone, w.pictorial) = (Accent, 0.3);
        }
        e.words[3].pictorial = 0.3;
        assert_eq!(reflow(&[&e]), "ask @ab #UA AI");
        // 034-telegram (real, dark): "see wiki to learn more", "to" in link colour.
        let mut f = line(&[("wiki", 40.0), ("to", 20.0), ("learn", 50.0)], 0.0);
        (f.words[1].tone, f.words[1].pictorial) = (Accent, 0.2);
        assert_eq!(reflow(&[&f]), "wiki to learn");
        // facebook_desktop_light_en (tuning): "👋" read "3" in accent colour at 36 %;
        // bluesky_feed_dim_en (tuning): "🎉" read "&" at 84 %, 35 % of its ink off the text's.
        let mut g = line(&[("Good", 40.0), ("morning", 70.0), ("3", 20.0)], 0.0);
        (g.words[2].conf, g.words[2].tone) = (36.0, Accent);
        assert_eq!(reflow(&[&g]), "Good morning");
        let mut h = line(&[("a", 10.0), ("Tuesday", 70.0), ("&", 20.0)], 0.0);
        (h.words[2].conf, h.words[2].pictorial) = (84.0, 0.35);
        assert_eq!(reflow(&[&h]), "a Tuesday");
        // A sure accent digit, a doubted letter, a text-coloured "&" stay.
        let mut i = line(
            &[("part", 40.0), ("2", 20.0), ("&", 20.0), ("x", 20.0)],
            0.0,
        );
        (i.words[1].conf, i.words[1].tone) = (90.0, Accent);
        (i.words[2].conf, i.words[2].pictorial) = (84.0, 0.02);
        (i.words[3].conf, i.words[3].tone) = (30.0, Accent);
        assert_eq!(reflow(&[&i]), "part 2 & x");
    }

    #[test]
    fn a_zero_between_cyrillic_words_is_the_preposition() {
        // threads_below_mobile_light_ru (dev set): "Коротко о главном" read as "Коротко 0 главном".
        let a = line(&[("Коротко", 70.0), ("0", 10.0), ("главном", 70.0)], 0.0);
        assert_eq!(reflow(&[&a]), "Коротко о главном");
        let b = line(&[("счёт", 40.0), ("0", 10.0), (":", 5.0), ("2", 10.0)], 0.0);
        assert_eq!(reflow(&[&b]), "счёт 0 : 2");
    }

    #[test]
    fn sure_or_monochrome_emoji_leave_the_text() {
        // facebook_mobile_dark_en (seed 18): "🔥🔥🔥" read as "@ @ @" at confidence 86, 85 %
        // of the ink off the text's colour; 027-threads (real, dark): "🤖" read as "#@"
        // (confidence 20, 11 % off); facebook_desktop_dark_ru (seed 17): "⚽️🔥" read as
        // "BS" (confidence 0) and "ф" (confidence 89, 79 % off).
        let mut a = line(
            &[("minute", 60.0), ("@", 14.0), ("@", 14.0), ("#UCL", 40.0)],
            0.0,
        );
        a.words[1].conf = 86.0;
        a.words[1].pictorial = 0.85;
        a.words[2].conf = 87.0;
        a.words[2].pictorial = 0.78;
        assert_eq!(reflow(&[&a]), "minute #UCL");
        let mut b = line(&[("#@", 20.0), ("How", 40.0), ("about", 50.0)], 0.0);
        b.words[0].conf = 20.0;
        b.words[0].pictorial = 0.11;
        assert_eq!(reflow(&[&b]), "How about");
        let mut c = line(&[("РПЛ", 40.0), ("BS", 20.0), ("ф", 14.0)], 0.0);
        c.words[1].conf = 0.0;
        c.words[2].conf = 89.0;
        c.words[2].pictorial = 0.79;
        assert_eq!(reflow(&[&c]), "РПЛ");
        // x_timeline_thread_light_en (dev set): "can ❄️" read as "can" at confidence 0 stays.
        let mut g = line(&[("if", 14.0), ("you", 30.0), ("can", 30.0)], 0.0);
        g.words[2].conf = 0.0;
        assert_eq!(reflow(&[&g]), "if you can");
        // Signs Tesseract is sure of, or in the text's own colour, stay: "& more", "2 + 2".
        let mut d = line(
            &[("Tom", 40.0), ("&", 14.0), ("+", 14.0), ("Jerry", 50.0)],
            0.0,
        );
        d.words[1].pictorial = 0.1;
        d.words[2].conf = 40.0;
        assert_eq!(reflow(&[&d]), "Tom & + Jerry");
        // A short link or hashtag in a colour strays as far as an emoji, yet keeps its letters.
        let mut e = line(&[("#AI", 30.0), ("@cz", 30.0)], 0.0);
        e.words[0].pictorial = 0.9;
        e.words[1].pictorial = 0.9;
        assert_eq!(reflow(&[&e]), "#AI @cz");
        // 012-x (real, 2012): colour-fringed text strays by a third or more everywhere; a sure
        // ":(" at 0.5 is text.
        let mut f = line(&[("So", 20.0), ("sad", 30.0), (":(", 14.0)], 0.0);
        f.words[0].pictorial = 0.19;
        f.words[1].pictorial = 0.31;
        f.words[2].pictorial = 0.52;
        f.words[2].conf = 91.0;
        assert_eq!(reflow(&[&f]), "So sad :(");
    }

    #[test]
    fn chrome_lines() {
        assert!(is_chrome("Show more"));
        assert!(is_chrome("Translate post"));
        assert!(is_chrome("Показать ещё"));
        assert!(!is_chrome("Show more love to your neighbours"));
        assert_eq!(
            strip_trailing_chrome("we went there… See more"),
            "we went there…"
        );
    }

    #[test]
    fn old_post_links_are_chrome_only_when_set_off_by_colour() {
        // Captured from a 2013 timeline row: "Details" in grey under the text.
        let mut details = line(&[("Details", 40.0)], 59.0);
        assert!(
            !is_link_chrome(&details),
            "post-text colour: could be the post's word"
        );
        details.words[0].tone = Tone::Grey;
        assert!(is_link_chrome(&details));
        let mut conv = line(&[("View", 30.0), ("conversation", 80.0)], 59.0);
        conv.words.iter_mut().for_each(|w| w.tone = Tone::Accent);
        assert!(is_link_chrome(&conv));
        let mut more = line(&[("Details", 40.0), ("below", 40.0)], 59.0);
        more.words.iter_mut().for_each(|w| w.tone = Tone::Grey);
        assert!(!is_link_chrome(&more));
    }

    #[test]
    fn entities_found() {
        let (m, h, u) = entities(
            "Talks with @business today #peace #мир bloomberg.com/news/artic… and t.co/abc.",
        );
        assert_eq!(m, ["@business"]);
        assert_eq!(h, ["#peace", "#мир"]);
        assert_eq!(u, ["bloomberg.com/news/artic…", "t.co/abc"]);
    }

    #[test]
    fn languages() {
        assert_eq!(
            language("The talks in Riyadh went well, a real step forward").as_deref(),
            Some("en")
        );
        assert_eq!(
            language("Переговоры в Эр-Рияде прошли успешно, это шаг вперёд").as_deref(),
            Some("ru")
        );
        assert_eq!(
            language("Переговори в Ер-Ріяді пройшли успішно, це крок уперед").as_deref(),
            Some("uk")
        );
        assert_eq!(language("ok"), None);
    }
}
