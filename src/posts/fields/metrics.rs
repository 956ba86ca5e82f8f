//! Counts: "1.2K" → 1200, "3,4 тыс." → 3400, "4,512" → 4512, "70,6K" → 70600, and labelled
//! footers ("345 Reposts 12 Quotes 4,512 Likes", "1,2 млн просмотров", "56 shares").

use once_cell::sync::Lazy;
use regex::Regex;

/// Parses one displayed count. Accepts a trailing multiplier in English, Russian or Ukrainian
/// (K, M, B, тыс., тис., млн, млрд). Without a multiplier, "," or "." followed by exactly three
/// digits is a thousands separator (English "4,512", German "4.114"); spaces and narrow
/// no-break spaces group thousands in Russian ("4 512").
pub fn parse_count(s: &str) -> Option<u64> {
    static RE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(
            r"(?i)^(\d{1,3}(?:[ \u{a0}\u{202f}]\d{3})+|\d+(?:[.,]\d+)*)\s*(k|m|b|тыс\.?|тис\.?|млн\.?|млрд\.?|mln|mil)?$",
        )
        .unwrap()
    });
    let s = s.trim().trim_end_matches(['·', '•']).trim();
    // "3.6К": a Cyrillic look-alike unit after the digits (from a Cyrillic re-read).
    let fixed;
    let s = match s.char_indices().last() {
        Some((i, u @ ('К' | 'М' | 'В'))) if s[..i].ends_with(|c: char| c.is_ascii_digit()) => {
            fixed = format!(
                "{}{}",
                &s[..i],
                match u {
                    'К' => 'K',
                    'М' => 'M',
                    _ => 'B',
                }
            );
            fixed.as_str()
        }
        _ => s,
    };
    let c = RE.captures(s)?;
    let num = c.get(1)?.as_str();
    // Thousands grouped by spaces never take a unit ("9 127K" is a stray digit, an icon read
    // as "9", before "127K").
    if c.get(2).is_some() && num.contains([' ', '\u{a0}', '\u{202f}']) {
        return None;
    }
    let mult: f64 = match c.get(2).map(|m| m.as_str().to_lowercase()) {
        None => 1.0,
        Some(m) if m == "k" || m.starts_with("тыс") || m.starts_with("тис") => 1e3,
        Some(m) if m == "m" || m.starts_with("млн") || m == "mln" || m == "mil" => 1e6,
        Some(m) if m == "b" || m.starts_with("млрд") => 1e9,
        Some(_) => return None,
    };
    let digits: String = num
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if mult == 1.0 {
        // Separators group thousands.
        let parts: Vec<&str> = digits.split([',', '.']).collect();
        if parts.len() > 1 && parts[1..].iter().any(|p| p.len() != 3) {
            return None;
        }
        return parts.concat().parse().ok();
    }
    let value: f64 = digits.replace(',', ".").parse().ok()?;
    // "0M", "0 тыс.": no interface shows a zero with a unit; such a read is a misread.
    if value == 0.0 {
        return None;
    }
    Some((value * mult).round() as u64)
}

/// Parses a count shown as one or two tokens, repairing what a Latin model makes of the
/// Cyrillic multipliers: "12 tic." / "Toic." / "TeIC." are "тыс."/"тис." (thousand), "1,2 MnH"
/// is "млн". Returns the value and the text as it should have read.
pub fn parse_count_tokens(tokens: &[&str]) -> Option<(u64, String)> {
    let joined = tokens.join(" ");
    if let Some(v) = parse_count(&joined) {
        return Some((v, joined));
    }
    let numeric = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    if tokens.len() == 2 && numeric(tokens[0]) {
        let suf = tokens[1].trim_end_matches('.').to_lowercase();
        let first = suf.chars().next()?;
        let n = suf.chars().count();
        // "млн" and "млрд" are written without a full stop, "тыс."/"тис." with one: a dotted
        // unit read with an "m" is the "т" of "тис." ("2,7 me.").
        let dotted = tokens[1].ends_with('.');
        // The "т" lost to the gap after the count ("26 uc." for "26 тис."): two letters, the
        // last the "с", and the full stop.
        let lost_t =
            n == 2 && dotted && suf.ends_with(['c', 'с']) && suf.chars().all(char::is_alphabetic);
        let fixed = if (2..=4).contains(&n) && matches!(first, 't' | 'т')
            || (2..=3).contains(&n) && matches!(first, 'm' | 'м') && dotted
            || lost_t
        {
            Some("тыс.")
        } else if (2..=4).contains(&n) && matches!(first, 'm' | 'м') && suf != "m" {
            Some("млн")
        } else {
            None
        }?;
        let text = format!("{} {fixed}", tokens[0]);
        return parse_count(&text).map(|v| (v, text));
    }
    None
}

/// A word that can be a Cyrillic multiplier as a Latin model reads it ("TbIC.", "tic.",
/// "MnH"): two to four letters starting with т/t or м/m — what [`parse_count_tokens`] repairs.
pub fn is_multiplier_word(word: &str) -> bool {
    let suf = word.trim_end_matches('.').to_lowercase();
    let n = suf.chars().count();
    (2..=4).contains(&n)
        && suf.chars().all(char::is_alphabetic)
        && suf.starts_with(['t', 'т', 'm', 'м'])
}

/// Which metric a label word names, in English, Russian or Ukrainian UI text.
pub fn label_metric(word: &str) -> Option<&'static str> {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let starts = |ps: &[&str]| ps.iter().any(|p| w.starts_with(p));
    if starts(&[
        "repost",
        "retweet",
        "boost",
        "share",
        "репост",
        "поширен",
        "поделил",
        "поширил",
    ]) {
        Some("reposts")
    } else if starts(&["quote", "цитат", "zitat", "zitiert", "оцо", "ouo"]) {
        // ("Оцое", "Ouote": the capital Q read as O by the Cyrillic or Latin model, and the
        // "u" as "ц", as X's grey "Quote" label comes out.)
        Some("quotes")
    } else if starts(&[
        "like",
        "favo",
        "reaction",
        "нрав",
        "отмет",
        "вподоб",
        "подоба",
        "лайк",
        "реакц",
        "upvote",
        "point",
        "gefällt",
        "gefallt",
        "gefaellt",
    ]) {
        Some("likes")
    } else if starts(&["view", "просмотр", "перегляд", "aufruf", "ansicht"]) {
        Some("views")
    } else if starts(&["bookmark", "закладк", "закладок", "lesezeichen"])
        // Bluesky's bookmarks: "1 save", "12 saves".
        || w == "save"
        || w == "saves"
    {
        Some("bookmarks")
    } else if starts(&[
        "repl",
        "comment",
        "ответ",
        "коммент",
        "відповід",
        "коментар",
        "antwort",
        "kommentar",
    ]) {
        Some("replies")
    } else {
        latin_twin_label(&w).or_else(|| misspelt_label(&w))
    }
}

/// A Russian or Ukrainian label the Latin pass read letter for letter as the Latin shapes of
/// its Cyrillic letters ("penoctis" for "репостів", "untatT" for "цитат"): matched letter by
/// letter against the labels' stems, each Latin letter standing for the Cyrillic letters it
/// looks like. Only whole Latin words of five letters or more, against stems of five or more.
/// An English label the OCR read one letter off ("Reposits" for "Reposts", "Bookmaks"):
/// a word of six letters or more within one edit of a label of six or more, singular or
/// plural. (Shorter labels, "Likes" or "Views", are too near other words.)
fn misspelt_label(w: &str) -> Option<&'static str> {
    const LABELS: &[(&str, &str)] = &[
        ("reposts", "reposts"),
        ("repost", "reposts"),
        ("retweets", "reposts"),
        ("retweet", "reposts"),
        ("quotes", "quotes"),
        ("bookmarks", "bookmarks"),
        ("bookmark", "bookmarks"),
        ("comments", "replies"),
        ("comment", "replies"),
        ("replies", "replies"),
    ];
    // Words one edit from a label that are words of their own (Reddit's "Report" button).
    // ("replied", "quoted", "retweeted" never get here: label_metric's prefixes take them.)
    const WORDS: &[&str] = &["report", "reports", "quotas"];
    if w.chars().count() < 6 || !w.chars().all(|c| c.is_ascii_alphabetic()) || WORDS.contains(&w) {
        return None;
    }
    LABELS
        .iter()
        .find(|(l, _)| strsim::levenshtein(w, l) <= 1)
        .map(|(_, m)| *m)
}

fn latin_twin_label(w: &str) -> Option<&'static str> {
    const TWINS: &[(char, &str)] = &[
        ('а', "a"),
        ('б', "6"),
        ('в', "b"),
        ('д', "g"),
        ('е', "e"),
        ('з', "3"),
        ('и', "un"),
        ('і', "il"),
        ('к', "k"),
        ('л', "n"),
        ('м', "m"),
        ('н', "h"),
        ('о', "o0"),
        ('п', "n"),
        ('р', "p"),
        ('с', "c"),
        ('т', "t"),
        ('у', "y"),
        ('х', "x"),
        ('ц', "u"),
        ('я', "a"),
    ];
    const STEMS: &[(&str, &str)] = &[
        ("репост", "reposts"),
        ("цитат", "quotes"),
        ("вподоб", "likes"),
        ("перегляд", "views"),
        ("просмотр", "views"),
        ("закладк", "bookmarks"),
    ];
    let cs: Vec<char> = w.chars().collect();
    if cs.len() < 5 || !cs.iter().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let like = |cyr: char, lat: char| {
        TWINS
            .iter()
            .any(|(c, ls)| *c == cyr && ls.contains(lat.to_ascii_lowercase()))
    };
    STEMS.iter().find_map(|(stem, m)| {
        let st: Vec<char> = stem.chars().collect();
        (cs.len() >= st.len() && st.iter().zip(&cs).all(|(c, l)| like(*c, *l))).then_some(*m)
    })
}

/// Finds "COUNT LABEL" pairs in a line ("345 Reposts 12 Quotes 4,512 Likes 98 Bookmarks",
/// "1,2 млн просмотров"). Returns (metric, value, raw count text).
pub fn labelled_counts(line: &str) -> Vec<(&'static str, u64, String)> {
    // "4comments": OCR drops the space between a count and its label.
    static GLUED: Lazy<Regex> = Lazy::new(|| Regex::new(r"(\d)(\p{L}{3,})").unwrap());
    // "23KLikes": the unit too.
    static GLUED_UNIT: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"(\d[KMB])(\p{Lu}\p{Ll}{2,})").unwrap());
    // "15 тис.вподобань": a Cyrillic unit's full stop glued to the label after it.
    static GLUED_CYR_UNIT: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"(?i)\b(тыс\.|тис\.)(\p{L}{3,})").unwrap());
    let cyr_spaced = GLUED_CYR_UNIT.replace_all(line, "$1 $2");
    let unit_spaced = GLUED_UNIT.replace_all(&cyr_spaced, "$1 $2");
    let spaced = GLUED.replace_all(&unit_spaced, "$1 $2");
    let unglued: Vec<String> = spaced.split_whitespace().map(unglue_lookalikes).collect();
    let mut toks: Vec<&str> = unglued.iter().flat_map(|t| t.split_whitespace()).collect();
    // "9: 980 закладок": the space grouping thousands read as a colon. A time never stands
    // split so ("9:" then three digits); its minutes are two digits.
    for i in 0..toks.len().saturating_sub(1) {
        let head = toks[i].trim_end_matches([':', ';']);
        let grouped = head.len() < toks[i].len()
            && (1..=3).contains(&head.len())
            && head.chars().all(|c| c.is_ascii_digit())
            && toks[i + 1].len() == 3
            && toks[i + 1].chars().all(|c| c.is_ascii_digit());
        if grouped {
            toks[i] = head;
        }
    }
    // "0 boosts · O favorites": a lone zero read as the capital letter O before a label, on a
    // line that shows another count (Russian "О комментариях…" is the word "about").
    let has_count = toks.iter().any(|t| parse_count(t).is_some());
    for i in 0..toks.len().saturating_sub(1) {
        if has_count && toks[i] == "O" && label_metric(toks[i + 1]).is_some() {
            toks[i] = "0";
        }
    }
    let mut out = Vec::new();
    // A count whose label the OCR garbled ("438 Оцоїе5"), kept to place by order below.
    let mut unlabelled: Vec<(usize, u64, String)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // A count may be split over two tokens: "1,2" "тыс." or "4" "512".
        for take in [2usize, 1] {
            if i + take >= toks.len() {
                continue;
            }
            let raw = toks[i..i + take].join(" ");
            // (A Cyrillic unit the Latin model read, "37 THe." for "37 тис.", repaired.)
            let parsed = parse_count(&raw).map(|v| (v, raw.clone())).or_else(|| {
                (take == 2)
                    .then(|| parse_count_tokens(&toks[i..i + take]))
                    .flatten()
            });
            if let Some((v, raw)) = parsed {
                if let Some(m) = label_metric(toks[i + take]) {
                    out.push((m, v, raw));
                    i += take;
                    break;
                }
                let label = toks[i + take];
                if take == 1
                    && label.chars().count() >= 4
                    && label.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && !out.is_empty()
                {
                    unlabelled.push((out.len(), v, raw));
                    i += take;
                    break;
                }
                // Russian/Ukrainian put a quote-mark label: «Нравится».
                if i + take + 1 < toks.len() && toks[i + take].starts_with("отмет") {
                    if let Some(m) = label_metric(toks[i + take + 1]) {
                        out.push((m, v, raw));
                        i += take;
                        break;
                    }
                }
            }
        }
        i += 1;
    }
    // X's detail footer reads "Reposts, Quotes, Likes, Bookmarks": a garbled label right after
    // the reposts and before the likes or bookmarks is the quotes.
    for (at, v, raw) in unlabelled.into_iter().rev() {
        let after_reposts = at > 0 && out[at - 1].0 == "reposts";
        let before_likes = out
            .get(at)
            .is_some_and(|n| n.0 == "likes" || n.0 == "bookmarks");
        if after_reposts && before_likes && !out.iter().any(|o| o.0 == "quotes") {
            out.insert(at, ("quotes", v, raw));
        }
    }
    out
}

/// Whether a bare count `v` cannot stand before the label word `label` by grammar: English
/// labels are plural unless the count is 1 ("1 Quote", "10 Quotes"); Russian and Ukrainian
/// ones take the nominative singular after 1, 21, 31 … (not 11), the paucal after 2–4 (not
/// 12–14) and the genitive plural after the rest ("1 цитата", "3 цитаты", "10 цитат"). A
/// count read against its label ("1 цитат", "1 Quotes") lost a digit. Only the forms X,
/// Bluesky, Threads, Mastodon and Facebook print are known; any other label agrees.
pub fn number_disagrees(v: u64, label: &str) -> bool {
    let w = label
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    const EN_SINGULAR: &[&str] = &[
        "quote",
        "like",
        "repost",
        "retweet",
        "view",
        "bookmark",
        "reply",
        "comment",
        "share",
        "boost",
        "favorite",
        "favourite",
        "save",
    ];
    const SINGULAR: &[&str] = &[
        "ответ",
        "репост",
        "цитата",
        "отметка",
        "закладка",
        "просмотр",
        "комментарий",
        "відповідь",
        "перегляд",
        "коментар",
    ];
    const PAUCAL: &[&str] = &[
        "ответа",
        "репоста",
        "цитаты",
        "отметки",
        "закладки",
        "просмотра",
        "комментария",
        "відповіді",
        "репости",
        "цитати",
        "перегляди",
        "коментарі",
    ];
    const PLURAL: &[&str] = &[
        "ответов",
        "репостов",
        "цитат",
        "отметок",
        "закладок",
        "просмотров",
        "комментариев",
        "відповідей",
        "репостів",
        "вподобань",
        "переглядів",
        "коментарів",
    ];
    if EN_SINGULAR.contains(&w.as_str()) {
        return v != 1;
    }
    let en_plural = w
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| w.strip_suffix('s').map(str::to_string));
    if en_plural.is_some_and(|s| EN_SINGULAR.contains(&s.as_str())) {
        return v == 1;
    }
    let (last, tens) = (v % 10, v % 100 / 10);
    let one = last == 1 && tens != 1;
    let few = (2..=4).contains(&last) && tens != 1;
    (SINGULAR.contains(&w.as_str()) && !one)
        || (PAUCAL.contains(&w.as_str()) && !few)
        || (PLURAL.contains(&w.as_str()) && (one || few))
}

/// "Зцитати" is "3 цитати", "SQuotes" "5 Quotes": a count glued to its label, its digits read
/// as look-alike letters (Cyrillic З for 3, S for 5, O for 0). Up to three such letters before
/// a label word of four letters or more become digits; any other token is returned as is.
fn unglue_lookalikes(tok: &str) -> String {
    let digit = |c: char| match c {
        'З' | 'з' => Some('3'),
        'S' => Some('5'),
        'O' | 'О' => Some('0'),
        'l' | 'I' => Some('1'),
        _ => None,
    };
    for k in 1..=3 {
        let Some((i, _)) = tok.char_indices().nth(k) else {
            break;
        };
        let (head, rest) = tok.split_at(i);
        let digits: Option<String> = head.chars().map(digit).collect();
        let Some(digits) = digits else {
            break;
        };
        // The label starts anew: a capital (Latin) or, in Cyrillic, any letter.
        let fresh = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || matches!(c, 'а'..='я' | 'і' | 'ї' | 'є' | 'ґ'));
        if fresh
            && rest.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && label_metric(rest).is_some()
            && !digits.starts_with('0')
        {
            return format!("{digits} {rest}");
        }
    }
    tok.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_against_its_labels_grammar_disagrees() {
        // x_detail_quote_dim_uk (seed 86, JPEG q55 at 0.67): "10 цитат" read "1 цитат".
        assert!(number_disagrees(1, "цитат"));
        assert!(!number_disagrees(10, "цитат"));
        assert!(!number_disagrees(11, "цитат"));
        assert!(!number_disagrees(21, "цитата"));
        assert!(number_disagrees(20, "цитата"));
        assert!(!number_disagrees(3, "цитаты"));
        assert!(number_disagrees(13, "цитаты"));
        assert!(number_disagrees(4, "вподобань"));
        assert!(!number_disagrees(45, "вподобань"));
        assert!(number_disagrees(1, "Quotes"));
        assert!(number_disagrees(1, "Replies"));
        assert!(!number_disagrees(1, "Quote"));
        assert!(number_disagrees(12, "Like"));
        assert!(!number_disagrees(12, "Likes"));
        // Forms that go with any count, and unknown words, agree.
        assert!(!number_disagrees(1, "вподобання"));
        assert!(!number_disagrees(7, "«Нравится»"));
    }

    #[test]
    fn counts_in_three_languages() {
        let cases = [
            ("1.2K", 1200),
            ("12K", 12_000),
            ("3.4M", 3_400_000),
            ("1,2 тыс.", 1200),
            ("12 тис.", 12_000),
            ("1,1 млн", 1_100_000),
            ("4,512", 4512),
            ("4.114", 4114),
            ("70,6K", 70_600),
            ("4 512", 4512),
            ("98", 98),
            ("1B", 1_000_000_000),
        ];
        for (s, want) in cases {
            assert_eq!(parse_count(s), Some(want), "{s}");
        }
        assert_eq!(parse_count("3.6К"), Some(3600), "Cyrillic К");
        for bad in ["", "K", "1,5", "12a", "1.2.3K", "К", "0m", "0 тыс."] {
            assert_eq!(parse_count(bad), None, "{bad}");
        }
    }

    #[test]
    fn latin_misreads_of_cyrillic_multipliers() {
        assert_eq!(
            parse_count_tokens(&["12", "tic."]).map(|p| p.0),
            Some(12_000)
        );
        assert_eq!(
            parse_count_tokens(&["1,3", "Toic."]).map(|p| p.0),
            Some(1300)
        );
        assert_eq!(
            parse_count_tokens(&["2,4", "MnH"]).map(|p| p.0),
            Some(2_400_000)
        );
        assert_eq!(parse_count_tokens(&["12", "likes"]), None);
        // Captured (Ukrainian detail row): "2,7 тис." read "2,7 me.": the full stop tells.
        assert_eq!(parse_count_tokens(&["2,7", "me."]).map(|p| p.0), Some(2700));
        // Captured (Facebook mobile, Ukrainian): "26 тис." read "26" "uc.", its "т" lost.
        assert_eq!(
            parse_count_tokens(&["26", "uc."]).map(|p| p.0),
            Some(26_000)
        );
        assert_eq!(parse_count_tokens(&["26", "uc"]), None);
        assert_eq!(parse_count_tokens(&["26", "etc."]), None);
    }

    #[test]
    fn a_labelled_count_with_a_misread_unit() {
        // x_detail_dim_uk (seed 20): "37 тис. вподобань" read "37 THe. вподобань".
        let got = labelled_counts("13 тис. репостів 37 THe. вподобань");
        assert!(
            got.iter().any(|p| p.0 == "likes" && p.1 == 37_000),
            "{got:?}"
        );
        assert!(got.iter().any(|p| p.0 == "reposts" && p.1 == 13_000));
    }

    #[test]
    fn labels_read_one_letter_off() {
        assert_eq!(label_metric("Reposits"), Some("reposts"));
        assert_eq!(label_metric("Bookmaks"), Some("bookmarks"));
        assert_eq!(label_metric("Report"), None);
        assert_eq!(label_metric("Lies"), None);
        let got = labelled_counts("1,900 Reposits 160 Quotes 8,134 Likes");
        assert_eq!(
            got.iter().map(|c| (c.0, c.1)).collect::<Vec<_>>(),
            [("reposts", 1900), ("quotes", 160), ("likes", 8134)]
        );
    }

    #[test]
    fn labelled_footers() {
        let got = labelled_counts("345 Reposts 12 Quotes 4,512 Likes 98 Bookmarks");
        let names: Vec<_> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(
            names,
            [
                ("reposts", 345),
                ("quotes", 12),
                ("likes", 4512),
                ("bookmarks", 98)
            ]
        );
        assert_eq!(labelled_counts("1,2 млн просмотров")[0].1, 1_200_000);
        // A Mastodon detail footer with its second zero read as the letter O.
        let got = labelled_counts("0 boosts - O favorites");
        let names: Vec<_> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(names, [("reposts", 0), ("likes", 0)]);
        // "O" as a word of running text is left alone.
        assert!(labelled_counts("O brave new world").is_empty());
        assert!(labelled_counts("О комментариях и ответах").is_empty());
        assert_eq!(labelled_counts("12 тис. переглядів")[0].0, "views");
        assert_eq!(
            labelled_counts("345 comments 56 shares")[1],
            ("reposts", 56, "56".into())
        );
        // Captured from a dark detail view: the unit glued to its label, "Quotes" garbled.
        let got = labelled_counts("5,509 Reposts 438 Оцоїе5 23KLikes 4,059 Bookmarks");
        let names: Vec<_> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(
            names,
            [
                ("reposts", 5509),
                ("quotes", 438),
                ("likes", 23_000),
                ("bookmarks", 4059)
            ]
        );
        // German, captured from a 2021 mobile detail view.
        let got = labelled_counts("70,6K Retweets 11,4K Zitierte Tweets");
        assert_eq!(got[1], ("quotes", 11_400, "11,4K".into()));
        let got = labelled_counts("599K ,Gefallt mir“-Angaben");
        assert_eq!(got[0], ("likes", 599_000, "599K".into()));
        // Digits glued to their label and read as letters.
        let got = labelled_counts("36 репостів Зцитати 122 вподобання");
        assert_eq!(got[1], ("quotes", 3, "3".into()));
        let got = labelled_counts("82Reposts SQuotes 217 Likes");
        assert_eq!(got[1], ("quotes", 5, "5".into()));
        // Captured (Ukrainian dark detail JPEG): labels read as the Latin shapes of their
        // Cyrillic letters, the quotes' glued to its count.
        let got = labelled_counts("829 penoctis 146untatT вподобань 54 закладки");
        let names: Vec<_> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(
            names,
            [("reposts", 829), ("quotes", 146), ("bookmarks", 54)]
        );
        assert_eq!(label_metric("reposted"), Some("reposts"));
        // Facebook in German: "2 Kommentare • 4 Mal geteilt" (realworld 030).
        assert_eq!(label_metric("Kommentare"), Some("replies"));
        // x_detail_dark_uk (seed 62): the unit's full stop glued to the label.
        let got = labelled_counts("2914репостів 322 цитати 15 тис.вподобань 3 146 закладок");
        assert!(
            got.iter().any(|p| p.0 == "likes" && p.1 == 15_000),
            "{got:?}"
        );
        assert_eq!(label_metric("people"), None);
        // Captured from a light detail view without reposts: "1 Quote" with its Q read as O.
        let got = labelled_counts("1Оцое 27 Likes");
        let names: Vec<_> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(names, [("quotes", 1), ("likes", 27)]);
        // Words that merely start with such a letter stay words.
        assert_eq!(unglue_lookalikes("Shares"), "Shares");
        assert_eq!(unglue_lookalikes("Отметок"), "Отметок");
        // A garbled word elsewhere is not guessed at.
        let got = labelled_counts("12 Likes 40 Xyzzy");
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn cyrillic_footer_misreads() {
        // Captured (Ukrainian dim detail view): "37 тис. вподобань" read by the Latin model,
        // its "б" as a "6".
        let got = labelled_counts("13 тис. репостів 9 1208 цитат 37 THe. BNOgO6aHb 6821 закладка");
        let names: Vec<_> = got.iter().map(|g| (g.0, g.1)).collect();
        assert!(names.contains(&("likes", 37_000)), "{names:?}");
        assert!(names.contains(&("bookmarks", 6821)), "{names:?}");
        // Captured (Ukrainian mobile detail JPEG): the space grouping "9 980" read as a colon.
        let got = labelled_counts("56 тис. вподобань =: 9: 980 закладок");
        let names: Vec<_> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(names, [("likes", 56_000), ("bookmarks", 9980)]);
        // Captured (X dim detail): the heart read as "9" before "127K" glued to its label.
        let got = labelled_counts("1,257 Quotes 9 127KLikes 16K Bookmarks");
        let names: Vec<_> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(
            names,
            [("quotes", 1257), ("likes", 127_000), ("bookmarks", 16_000)]
        );
        assert_eq!(parse_count("4 512"), Some(4512));
        assert_eq!(parse_count("9 127K"), None);
        // A clock time is no count.
        assert!(labelled_counts("at 9:30 Likes").iter().all(|g| g.1 != 930));
    }
}
