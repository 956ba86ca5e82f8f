//! Author fields: handle clean-up, script repair, name clean-up.

/// Cyrillic letters that look like Latin ones, and their Latin twins.
const LOOKALIKES: [(char, char); 22] = [
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('к', 'k'),
    ('м', 'm'),
    ('т', 't'),
    ('в', 'b'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
];
const LOOKALIKES_UPPER: [(char, char); 4] = [('С', 'C'), ('Т', 'T'), ('Х', 'X'), ('І', 'I')];

fn to_latin(c: char) -> Option<char> {
    LOOKALIKES
        .iter()
        .chain(LOOKALIKES_UPPER.iter())
        .find(|(cy, _)| *cy == c)
        .map(|p| p.1)
}

fn to_cyrillic(c: char) -> Option<char> {
    LOOKALIKES
        .iter()
        .chain(LOOKALIKES_UPPER.iter())
        // 'i' is ambiguous between Russian and Ukrainian; keep it Latin-to-Ukrainian only
        // when the word is otherwise Cyrillic (handled by the caller's majority rule).
        .find(|(_, la)| *la == c)
        .map(|p| p.0)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Makes one word single-script: a word that is mostly Latin gets Cyrillic look-alikes turned
/// into Latin letters, and the other way round. A model set of eng+rus+ukr otherwise returns
/// "@kаdmitriev" with a Cyrillic "а", which no search will ever find.
pub fn fix_script(word: &str) -> String {
    let (mut lat, mut cyr) = (0, 0);
    for c in word.chars() {
        if c.is_ascii_alphabetic() {
            lat += 1;
        } else if is_cyrillic(c) {
            cyr += 1;
        }
    }
    if lat == 0 || cyr == 0 {
        return word.to_string();
    }
    // Letters that exist only in one script decide; look-alikes do not.
    let only_lat = word
        .chars()
        .filter(|c| c.is_ascii_alphabetic() && to_cyrillic(*c).is_none())
        .count();
    let only_cyr = word
        .chars()
        .filter(|c| is_cyrillic(*c) && to_latin(*c).is_none())
        .count();
    let latin = if only_lat != only_cyr {
        only_lat > only_cyr
    } else {
        lat >= cyr
    };
    word.chars()
        .map(|c| {
            if latin {
                to_latin(c).unwrap_or(c)
            } else {
                to_cyrillic(c).unwrap_or(c)
            }
        })
        .collect()
}

/// Cleans an OCR'd handle: Latin only (X, Bluesky and Mastodon handles are ASCII), common
/// confusions repaired, trailing punctuation dropped. Keeps "@user@server" and
/// "@name.bsky.social" forms. Returns None when nothing handle-like is left.
/// A count read with the icon before it as "@" ("♥ 2.1K" as "@21K", a reaction pill's
/// "@4.7K"): digits, a decimal mark and one unit letter (read twice at most, "@98kK" for
/// "♡ 98K"). No header shows that.
pub fn count_read_as_handle(raw: &str) -> bool {
    let name = raw.trim().trim_start_matches('@');
    let mut units: Vec<char> = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    units.dedup();
    name.starts_with(|c: char| c.is_ascii_digit())
        && units.len() <= 1
        && name.chars().filter(|c| c.is_alphabetic()).count() <= 2
        && name
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | 'K' | 'k' | 'M' | 'm' | 'B'))
}

pub fn clean_handle(raw: &str) -> Option<String> {
    let mut s: String = raw
        .trim()
        .trim_start_matches(['(', '[', '«', '"'])
        .chars()
        .map(|c| to_latin(c).unwrap_or(c))
        .collect();
    // "©handle", "Ghandle" for "@handle" are rarer than a clean "@"; only the real sign counts.
    if !s.starts_with('@') {
        return None;
    }
    // A handle too long for its column is cut with "…", which the OCR reads as dots
    // ("@sc..."); one dot is punctuation or the "·" separator, two or more are the ellipsis.
    // So is one dot after a Bluesky domain cut short ("@aliceisjustplaying.bs." for
    // "…bs…"): a handle ends in a whole domain, and the "·" separator never follows a cut.
    let bsky_cut = s.ends_with('.') && {
        let t = s.trim_end_matches('.');
        const DOMAIN: &str = "bsky.social";
        (2..DOMAIN.len()).any(|k| t.ends_with(&format!(".{}", &DOMAIN[..k])))
    };
    let cut = s.ends_with("..") || s.ends_with("…") || bsky_cut;
    while s.ends_with(|c: char| {
        matches!(
            c,
            '.' | ',' | ':' | ';' | ')' | '·' | '-' | '»' | '"' | '\'' | '~'
        )
    }) {
        s.pop();
    }
    if cut && !s.ends_with('…') && s.len() > 1 {
        s.push('…');
    }
    // No handle holds "|" or a backslash: it is the OCR's "l" ("@marina-|.bsky.social",
    // "@\indaokafor" in a small dark JPEG); nor "!" before more of it ("@marina-!.bsky.social";
    // a final "!" was punctuation, dropped above when cut).
    let mut s = s.replace(['|', '\\'], "l");
    if let Some((last, c)) = s.char_indices().rev().find(|&(_, c)| c != '!') {
        let (head, tail) = s.split_at(last + c.len_utf8());
        if head[1..].contains('!') {
            s = format!("{}{tail}", head.replace('!', "l"));
        }
    }
    let body = &s[1..];
    if body.is_empty() {
        return None;
    }
    let ok = body
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '@' | '-' | '…'));
    ok.then_some(s)
}

/// A user name's capital "O" beside a digit, in a name otherwise in lower case, is the digit
/// zero ("rollneersO2" for "rollneers02"): user names end in digit runs, and the OCR takes
/// their zeros for O's. A name in capitals ("O2", "NASA0O") is left as read.
pub fn zero_for_o(name: &str) -> String {
    let cs: Vec<char> = name.chars().collect();
    let lower = cs.iter().filter(|c| c.is_ascii_lowercase()).count();
    let upper_other = cs
        .iter()
        .filter(|c| c.is_ascii_uppercase() && **c != 'O')
        .count();
    if lower < 2 || upper_other > 0 {
        return name.to_string();
    }
    let digit = |i: Option<&char>| i.is_some_and(|c| c.is_ascii_digit());
    let mut out = cs.clone();
    // Left to right, so "OO7" becomes "007": a zero just made counts as a digit.
    for i in 0..cs.len() {
        if cs[i] == 'O' && (digit(out.get(i + 1)) || i > 0 && digit(out.get(i - 1))) {
            out[i] = '0';
        }
    }
    for i in (0..cs.len()).rev() {
        if out[i] == 'O' && (digit(out.get(i + 1)) || i > 0 && digit(out.get(i - 1))) {
            out[i] = '0';
        }
    }
    out.into_iter().collect()
}

/// A handle Tesseract doubts whose user name is otherwise in lower case, with a capital "O"
/// between two lower-case letters ("@bOrk@jvns.ca" for "@b0rk"): the digit zero. A zero
/// stands at cap height, where among lower-case letters the English model can only see a
/// capital O, and it doubts the word for it; a capital opening a word of a camel-cased name
/// ("@nytimesOpinion") reads surely and is left alone by the caller. The server stays as read.
pub fn zero_inside_user_name(handle: &str) -> String {
    let Some(body) = handle.strip_prefix('@') else {
        return handle.to_string();
    };
    let end = body.find(['@', '.']).unwrap_or(body.len());
    let (user, rest) = body.split_at(end);
    let cs: Vec<char> = user.chars().collect();
    let lower = cs.iter().filter(|c| c.is_ascii_lowercase()).count();
    if lower < 2 || cs.iter().any(|c| c.is_ascii_uppercase() && *c != 'O') {
        return handle.to_string();
    }
    let low = |i: usize| cs.get(i).is_some_and(|c| c.is_ascii_lowercase());
    let fixed: String = (0..cs.len())
        .map(|i| {
            if cs[i] == 'O' && i > 0 && low(i - 1) && low(i + 1) {
                '0'
            } else {
                cs[i]
            }
        })
        .collect();
    format!("@{}{rest}", zero_for_o(&fixed))
}

/// True when `raw` looks like a handle (before cleaning).
pub fn is_handle(raw: &str) -> bool {
    clean_handle(raw).is_some_and(|h| h.len() >= 2)
}

/// Cleans a display name: drops OCR junk that icons and emoji leave (lone symbols, badge read
/// as "©" or "@"), repairs mixed scripts per word.
pub fn clean_name(words: &[&str]) -> Option<String> {
    let wordlike = |w: &str| {
        w.chars().any(|c| c.is_alphanumeric())
            && !(w.chars().count() <= 2 && w.chars().any(|c| !c.is_alphanumeric() && c != '.'))
    };
    // A joining sign standing between two words is the name's own ("Ali Hill @ #DevOpsDaysEdi",
    // "Tom & Jerry", "Anna | Design"): a badge or emoji read as a sign comes after the name
    // or stands at its edge, not between its words.
    let joiner = |i: usize| {
        matches!(words[i], "@" | "&" | "+" | "|" | "-" | "–" | "—" | "/")
            && i > 0
            && wordlike(words[i - 1])
            && words.get(i + 1).is_some_and(|w| wordlike(w))
    };
    let kept: Vec<String> = (0..words.len())
        .filter(|&i| wordlike(words[i]) || joiner(i))
        .map(|i| {
            if joiner(i) {
                words[i].to_string()
            } else {
                fix_script(words[i].trim_end_matches(['@', '©', '®', '°', '*']))
            }
        })
        .collect();
    let mut kept = kept;
    // A word read by the Latin model beside Cyrillic words of the same name, every letter a
    // twin of a Cyrillic one ("Банк Poccuu" for "Банк России"; the model reads "и" as "u"):
    // Cyrillic. Five letters at least: short Latin words of such letters are English names.
    let cyr_only =
        |w: &str| w.chars().any(is_cyrillic) && !w.chars().any(|c| c.is_ascii_alphabetic());
    if kept.iter().any(|w| cyr_only(w)) {
        let twin = |c: char| if c == 'u' { Some('и') } else { to_cyrillic(c) };
        for w in kept.iter_mut() {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 5
                && w.chars()
                    .all(|c| !c.is_alphabetic() || (c.is_ascii_alphabetic() && twin(c).is_some()))
            {
                *w = w.chars().map(|c| twin(c).unwrap_or(c)).collect();
            }
        }
    }
    // A flag or emoji after a Cyrillic name reads as a short lower-case Latin word ("Мария
    // Захарова ms"); capitals may be the name's own ("Техно Дайджест UA").
    if kept.len() >= 2 {
        let last = &kept[kept.len() - 1];
        let rest_cyr = kept[..kept.len() - 1]
            .iter()
            .all(|w| w.chars().any(is_cyrillic) && !w.chars().any(|c| c.is_ascii_alphabetic()));
        if rest_cyr
            && last.chars().count() <= 2
            && last.chars().all(|c| c.is_ascii_alphabetic())
            && last.chars().any(|c| c.is_ascii_lowercase())
        {
            kept.pop();
        }
    }
    // A closing bracket no opening one matches is an emoji's edge ("Українська правда)").
    let open = kept.iter().any(|w| kept_opens(w));
    if let Some(last) = kept.last_mut() {
        while last.ends_with([')', ']']) && !open {
            last.pop();
        }
    }
    let name = kept.join(" ").trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// A verified badge glued after a name is at times read as a letter inside the name's last
/// word ("Dmitrieyv" for "Dmitriev ✓"). When that word is not in the handle but is with one
/// of its last two letters (or both) left out, and the handle spells it
/// ("@kadmitriev"), that letter was the badge: the name comes back without it.
pub fn drop_badge_letter(name: &str, handle: &str) -> Option<String> {
    let (head, last) = match name.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), name),
    };
    let cs: Vec<char> = last.chars().collect();
    if cs.len() < 5 || !cs.iter().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let user: String = handle
        .trim_start_matches('@')
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let lower = |v: &[char]| v.iter().map(|c| c.to_ascii_lowercase()).collect::<String>();
    if user.contains(&lower(&cs)) {
        return None;
    }
    let n = cs.len();
    let mut tries: Vec<Vec<char>> = (n - 2..n)
        .map(|p| {
            let mut v = cs.clone();
            v.remove(p);
            v
        })
        .collect();
    tries.push(cs[..n - 2].to_vec());
    tries
        .into_iter()
        .find(|v| user.contains(&lower(v)))
        .map(|v| format!("{head}{}", v.iter().collect::<String>()))
}

/// The word holds an opening bracket.
fn kept_opens(w: &str) -> bool {
    w.contains(['(', '['])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_handles() {
        use super::count_read_as_handle;
        assert!(count_read_as_handle("@21K"));
        assert!(count_read_as_handle("@4.7K"));
        assert!(count_read_as_handle("@1,2M"));
        assert!(count_read_as_handle("@98kK"));
        assert!(!count_read_as_handle("@98km"));
        assert!(!count_read_as_handle("@4chan"));
        assert!(!count_read_as_handle("@2k_dev"));
        assert!(!count_read_as_handle("@jack"));
    }
    #[test]
    fn handles_are_latin_and_trimmed() {
        assert_eq!(clean_handle("@kаdmitriev").as_deref(), Some("@kadmitriev")); // Cyrillic а
        assert_eq!(clean_handle("@business·").as_deref(), Some("@business"));
        assert_eq!(
            clean_handle("@marina-|.bsky.social").as_deref(),
            Some("@marina-l.bsky.social")
        );
        // x_timeline_thread_dark_en (seed 88, JPEG q80 at scale 1): the "l" read as "\".
        assert_eq!(
            clean_handle("@\\indaokafor").as_deref(),
            Some("@lindaokafor")
        );
        // Captured (Bluesky feed, seed 58): the "l" read as "!".
        assert_eq!(
            clean_handle("@marina-!.bsky.social").as_deref(),
            Some("@marina-l.bsky.social")
        );
        assert_eq!(clean_handle("@anna!"), None);
        assert_eq!(
            clean_handle("@jay.bsky.social").as_deref(),
            Some("@jay.bsky.social")
        );
        assert_eq!(
            clean_handle("@Gargron@mastodon.social").as_deref(),
            Some("@Gargron@mastodon.social")
        );
        // Truncated by the column: the ellipsis stays, read as "…" or as dots.
        assert_eq!(clean_handle("@sc...").as_deref(), Some("@sc…"));
        assert_eq!(clean_handle("@sc…").as_deref(), Some("@sc…"));
        assert_eq!(clean_handle("@sc.").as_deref(), Some("@sc"));
        // One dot after a Bluesky domain cut short is the ellipsis; after a whole one, not.
        assert_eq!(
            clean_handle("@aliceisjustplaying.bs.").as_deref(),
            Some("@aliceisjustplaying.bs…")
        );
        assert_eq!(
            clean_handle("@alice.bsky.social.").as_deref(),
            Some("@alice.bsky.social")
        );
        // The "·" after a handle read as "~" (x_fullpage_quote_dark_en, seed 34).
        assert_eq!(
            clean_handle("@lena_smirnova~").as_deref(),
            Some("@lena_smirnova")
        );
        assert_eq!(clean_handle("@..."), None);
        assert_eq!(clean_handle("business"), None);
        assert_eq!(clean_handle("@"), None);
        assert_eq!(clean_handle("@бизнес"), None);
    }

    #[test]
    fn zero_inside_a_doubted_user_name() {
        assert_eq!(zero_inside_user_name("@bOrk@jvns.ca"), "@b0rk@jvns.ca");
        assert_eq!(
            zero_inside_user_name("@bOrk.bsky.social"),
            "@b0rk.bsky.social"
        );
        // Other capitals, an O at an end, or the server's letters are left as read.
        assert_eq!(zero_inside_user_name("@JohnOliver"), "@JohnOliver");
        assert_eq!(
            zero_inside_user_name("@Oscar@mastodon.social"),
            "@Oscar@mastodon.social"
        );
        assert_eq!(
            zero_inside_user_name("@annaO@sOcial.org"),
            "@annaO@sOcial.org"
        );
    }

    #[test]
    fn zeros_read_as_o_in_lower_case_names() {
        assert_eq!(zero_for_o("rollneersO2"), "rollneers02");
        assert_eq!(zero_for_o("annaOO7"), "anna007");
        assert_eq!(zero_for_o("O2"), "O2");
        assert_eq!(zero_for_o("RMLazoO1"), "RMLazoO1");
        assert_eq!(zero_for_o("Oscar"), "Oscar");
        assert_eq!(zero_for_o("olga_O"), "olga_O");
    }

    #[test]
    fn words_become_single_script() {
        assert_eq!(fix_script("Bloomberg"), "Bloomberg");
        assert_eq!(fix_script("Blооmberg"), "Bloomberg"); // Cyrillic о о
        assert_eq!(fix_script("Пpивет"), "Привет"); // Latin p
        assert_eq!(fix_script("мир"), "мир");
    }

    #[test]
    fn names_drop_badge_junk() {
        assert_eq!(
            clean_name(&["Kirill", "A.", "Dmitriev", "©"]).as_deref(),
            Some("Kirill A. Dmitriev")
        );
        assert_eq!(
            clean_name(&["Мария", "Захарова", "@"]).as_deref(),
            Some("Мария Захарова")
        );
        assert_eq!(clean_name(&["©"]), None);
        assert_eq!(
            clean_name(&["Мария", "Захарова", "ms"]).as_deref(),
            Some("Мария Захарова")
        );
        assert_eq!(
            clean_name(&["Українська", "правда)"]).as_deref(),
            Some("Українська правда")
        );
        assert_eq!(
            clean_name(&["Ali", "Hill", "(AH)"]).as_deref(),
            Some("Ali Hill (AH)")
        );
        assert_eq!(clean_name(&["Bob", "Li"]).as_deref(), Some("Bob Li"));
        assert_eq!(
            clean_name(&["Техно", "Дайджест", "UA"]).as_deref(),
            Some("Техно Дайджест UA")
        );
        assert_eq!(
            clean_name(&["Ali", "(Hill", "Ltd)"]).as_deref(),
            Some("Ali (Hill Ltd)")
        );
        assert_eq!(clean_name(&["jack@"]).as_deref(), Some("jack"));
    }

    #[test]
    fn a_badge_read_as_a_letter_of_the_name() {
        // x_timeline_thread_dark_en (seed 20): "Kirill A. Dmitriev ✓" read "Dmitrieyv".
        assert_eq!(
            drop_badge_letter("Kirill A. Dmitrieyv", "@kadmitriev").as_deref(),
            Some("Kirill A. Dmitriev")
        );
        assert_eq!(
            drop_badge_letter("Dmitrievv", "@kadmitriev").as_deref(),
            Some("Dmitriev")
        );
        // A name the handle spells, or does not spell at all, stays as read.
        assert_eq!(drop_badge_letter("Kirill A. Dmitriev", "@kadmitriev"), None);
        assert_eq!(drop_badge_letter("Bloomberg", "@business"), None);
        assert_eq!(drop_badge_letter("Мария Захарова", "@MZakharova_MFA"), None);
    }

    #[test]
    fn a_latin_reading_beside_cyrillic_words_of_the_name_is_cyrillic() {
        // x_detail_quote_dark_ru (seed 88): "Банк России" read "Банк Poccuu".
        assert_eq!(
            clean_name(&["Банк", "Poccuu"]).as_deref(),
            Some("Банк России")
        );
        // Latin words with letters no Cyrillic one looks like, short ones, and Latin names
        // alone stay.
        assert_eq!(
            clean_name(&["Техно", "Дайджест", "UA"]).as_deref(),
            Some("Техно Дайджест UA")
        );
        assert_eq!(
            clean_name(&["Tom", "Петров"]).as_deref(),
            Some("Tom Петров")
        );
        assert_eq!(
            clean_name(&["Poccuu", "Today"]).as_deref(),
            Some("Poccuu Today")
        );
    }

    #[test]
    fn names_keep_signs_between_words() {
        assert_eq!(
            clean_name(&["Ali", "Hill", "@", "#DevOpsDaysEdi"]).as_deref(),
            Some("Ali Hill @ #DevOpsDaysEdi")
        );
        assert_eq!(
            clean_name(&["Tom", "&", "Jerry"]).as_deref(),
            Some("Tom & Jerry")
        );
        // A badge read as "@" after the name, or a sign at its edge, is still dropped.
        assert_eq!(
            clean_name(&["Ali", "Hill", "@"]).as_deref(),
            Some("Ali Hill")
        );
        assert_eq!(
            clean_name(&["|", "Ali", "Hill"]).as_deref(),
            Some("Ali Hill")
        );
        assert_eq!(clean_name(&["Ali", "@", "©"]).as_deref(), Some("Ali"));
    }
}
