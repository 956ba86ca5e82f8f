//! Timestamps as platforms show them, in English, Russian and Ukrainian.
//!
//! Absolute: "3:02 PM · Nov 26, 2025", "14:58 · 26 нояб. 2025 г.", "26 лист. 2025 р.",
//! "26 November at 14:58", "Nov 26, 2025, 14:58", legacy "3:02 PM - 26 Nov 2025".
//! Relative: "2h", "45m", "12s", "3d", "Nov 26", "26 нояб.", "2 ч", "5 хв", "вчера",
//! "Yesterday at 3:02 PM", a bare "14:58" (Telegram). Relative forms are resolved against a
//! reference time (`--now`) when one is given.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use once_cell::sync::Lazy;
use regex::Regex;

use crate::record::Timestamp;

/// Month number from an English, Russian or Ukrainian month name or abbreviation, in any case
/// (nominative or genitive: "ноябрь", "ноября", "нояб.", "листопада", "лист.").
pub fn month(word: &str) -> Option<u32> {
    let w = word
        .trim_end_matches('.')
        .trim_end_matches(',')
        .to_lowercase();
    // Letters only: "ноябряв1113:ф" is a date and a time glued, no month.
    if w.len() < 3 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    const TABLE: [(&str, u32); 40] = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("янв", 1),
        ("фев", 2),
        ("мар", 3),
        ("апр", 4),
        ("мая", 5),
        ("май", 5),
        ("июн", 6),
        ("июл", 7),
        ("авг", 8),
        ("сен", 9),
        ("окт", 10),
        ("ноя", 11),
        ("дек", 12),
        ("січ", 1),
        ("лют", 2),
        ("бер", 3),
        ("кві", 4),
        ("тра", 5),
        ("чер", 6),
        ("лип", 7),
        ("сер", 8),
        ("вер", 9),
        ("жов", 10),
        ("лис", 11),
        // German where it differs: "5. Feb.", "3. März", "1. Mai", "9. Okt.", "24. Dez."
        ("mär", 3),
        ("mai", 5),
        ("okt", 10),
        ("dez", 12),
    ];
    if w.starts_with("гру") {
        return Some(12);
    }
    TABLE
        .iter()
        .find(|(p, _)| w.starts_with(p))
        .map(|(_, m)| *m)
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Parts {
    time: Option<NaiveTime>,
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
    /// Seconds before the reference time ("2h" → 7200).
    ago: Option<i64>,
    /// Days before the reference date ("yesterday" → 1).
    days_ago: Option<i64>,
}

static TIME: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?\s?m\.?)?$").unwrap());
static REL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(\d{1,3})\s?(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wk|weeks?|y|yr|years?|с|сек|м|мин|ч|д|дн|хв|год|г|тиж|нед|std|tag|tage)\.?$",
    )
    .unwrap()
});

/// Numeric dates: "11/25/25" (month first, as Threads shows them in English), "25.11.2025".
static NUMERIC_DATE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(\d{1,2})([/.])(\d{1,2})[/.](\d{2}|\d{4})$").unwrap());

/// Cyrillic time units a Latin model reads as look-alike Latin letters ("28 xB" for "28 хв",
/// "5 MuH" for "5 мин"). Returns the unit in Cyrillic, with the trailing dot kept.
fn cyrillic_unit(word: &str) -> Option<String> {
    const UNITS: &[&str] = &[
        "хв", "ч", "м", "мин", "год", "д", "дн", "с", "сек", "тиж", "нед", "г",
    ];
    let (core, dot) = match word.strip_suffix('.') {
        Some(c) => (c, "."),
        None => (word, ""),
    };
    if core.is_empty() || !core.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mapped: Option<String> = core
        .chars()
        .map(|c| {
            Some(match c {
                'x' | 'X' => 'х',
                'b' | 'B' => 'в',
                'k' | 'K' => 'к',
                'm' | 'M' => 'м',
                'h' | 'H' => 'н',
                't' | 'T' => 'т',
                'c' | 'C' => 'с',
                'p' | 'P' => 'р',
                'a' | 'A' => 'а',
                'e' | 'E' => 'е',
                'o' | 'O' => 'о',
                'y' => 'у',
                'u' => 'и',
                'r' => 'г',
                c if ('\u{400}'..='\u{4ff}').contains(&c) => c.to_lowercase().next()?,
                _ => return None,
            })
        })
        .collect();
    let mapped = mapped?;
    // "ч" (hours) read as a Latin "u": "14 u".
    if core == "u" {
        return Some(format!("ч{dot}"));
    }
    // Only mixed or Cyrillic-shaped units: Latin "m", "h" stay the English units.
    if UNITS.contains(&mapped.as_str()) && !REL_LATIN.is_match(core) {
        Some(format!("{mapped}{dot}"))
    } else {
        None
    }
}

static REL_LATIN: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^(s|sec|m|min|h|hr|d|w|y|mins|hrs)$").unwrap());

/// The timestamp text as it should read: Cyrillic units a Latin model turned into look-alike
/// letters are put back ("28 xB" → "28 хв", "7xB" → "7 хв"), a number glued to a Cyrillic
/// unit gets its space ("12год." → "12 год."), and trailing separators and icon junk go.
pub fn display_text(text: &str) -> String {
    static GLUED: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d{1,3})(\p{L}+\.?)$").unwrap());
    let mut out: Vec<String> = Vec::new();
    // "9:35AM": the space before AM/PM lost.
    static AMPM: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d{1,2}:\d{2})([AaPp][Mm])$").unwrap());
    let words: Vec<String> = text
        .split_whitespace()
        .flat_map(|w| match AMPM.captures(w) {
            Some(c) => vec![c[1].to_string(), c[2].to_string()],
            None => vec![w.to_string()],
        })
        .flat_map(split_month_year)
        .collect();
    // The "·" between a detail footer's clock time and its date read as a ':' or '-' glued to
    // the day ("21:36:11 лист." for "21:36 · 11 лист.", "11:12 -5 нояб." for "11:12 · 5
    // нояб."): the time, then the day, with the separator put back by the rule below.
    // (Or a '+', "18:28 +11 лист.", the dot and a speck of JPEG noise.)
    static TIME_DAY: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^(\d{1,2}[:.]\d{2})[-:.·•+](\d{1,2})$").unwrap());
    static SEP_DAY: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[-:.·•—–+]+(\d{1,2})$").unwrap());
    static TIME_SEP: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d{1,2}[:.]\d{2})[-:·•]$").unwrap());
    static AMPM_SEP: Lazy<Regex> = Lazy::new(|| Regex::new(r"^([AaPp][Mm])[-:·•]$").unwrap());
    let is_day = |t: &str| t.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let mut split: Vec<String> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let month_next = words.get(i + 1).is_some_and(|n| month(n).is_some());
        let after_time = split
            .last()
            .is_some_and(|p| TIME.is_match(p) || matches!(p.to_lowercase().as_str(), "am" | "pm"));
        if let Some(c) = TIME_DAY.captures(w).filter(|_| month_next) {
            split.push(c[1].to_string());
            split.push(c[2].to_string());
        } else if let Some(c) = SEP_DAY.captures(w).filter(|_| month_next && after_time) {
            split.push(c[1].to_string());
        } else if let Some(c) = TIME_SEP.captures(w).filter(|_| {
            words.get(i + 1).is_some_and(|d| is_day(d))
                && words.get(i + 2).is_some_and(|m| month(m).is_some())
        }) {
            // "14:58: 26 нояб.": the separator glued to the time.
            split.push(c[1].to_string());
        } else if let Some(m) = AMPM_SEP.captures(w).filter(|_| month_next) {
            // "5:14 PM: Nov 5": the "·" after PM read as a colon glued to it.
            split.push(m[1].to_string());
        } else if month(w).is_some() && split.last() == Some(w) {
            // "Nov Nov 22": a month is never shown twice in a row; the second is the first
            // read again (a re-read's words joined to the page pass's).
        } else {
            split.push(w.clone());
        }
    }
    let words = split;
    // A month glued to its day: "Nov25" for "Nov 25".
    static MONTH_DAY: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^(\p{L}{3,}\.?)(\d{1,2})([,.]?)$").unwrap());
    for (i, w) in words.iter().enumerate() {
        let w = w.as_str();
        if let Some(c) = MONTH_DAY.captures(w) {
            let day = c[2].parse::<u32>().unwrap_or(0);
            if month(&c[1]).is_some() && (1..=31).contains(&day) {
                out.push(c[1].to_string());
                out.push(format!("{}{}", &c[2], &c[3]));
                continue;
            }
        }
        // The word between a date and its clock time ("6 ноября в 16:28", "9 листопада о
        // 17:29", "November 30 at 9:35 AM") lost or misread ("B", "0", "af").
        if let Some(c) = date_connector(&out) {
            let is_time = |t: &str| TIME.is_match(t.trim_end_matches(':'));
            let next_time = words.get(i + 1).is_some_and(|n| is_time(n));
            if is_time(w) {
                out.push(c.to_string());
            } else if next_time
                && w.chars().count() <= 2
                && (w == "0" || w.chars().any(char::is_alphabetic))
            {
                out.push(c.to_string());
                continue;
            }
        }
        if let Some(c) = GLUED.captures(w) {
            if let Some(u) = cyrillic_unit(&c[2]).or_else(|| {
                c[2].chars()
                    .next()
                    .is_some_and(|ch| ('\u{400}'..='\u{4ff}').contains(&ch))
                    .then(|| c[2].to_string())
            }) {
                out.push(c[1].to_string());
                out.push(u);
                continue;
            }
        }
        let prev_num = out
            .last()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
        // The Ukrainian year mark "р." read as a Latin "p." ("2025 p.").
        let prev_year = out
            .last()
            .is_some_and(|p| p.len() == 4 && p.parse::<u32>().is_ok_and(|y| y >= 1900));
        if prev_year && matches!(w, "p." | "p") {
            out.push("р.".to_string());
            continue;
        }
        // A date right after the time lost its separator dot: "9:36 PM Nov 20, 2025" is
        // shown "9:36 PM · Nov 20, 2025" wherever a time comes first.
        let after_time = out.last().is_some_and(|p| {
            TIME.is_match(p)
                || matches!(p.to_lowercase().as_str(), "am" | "pm")
                    && out.len() >= 2
                    && TIME.is_match(&out[out.len() - 2])
        });
        let starts_date = month(w).is_some()
            || w.trim_end_matches(['.', ','])
                .parse::<u32>()
                .is_ok_and(|d| (1..=31).contains(&d));
        if after_time && starts_date {
            out.push("·".to_string());
        }
        // German "März" (a month in the table) with its umlaut lost ("25 Marz 21"), by a day.
        if w.eq_ignore_ascii_case("marz") && prev_num {
            out.push("März".to_string());
            continue;
        }
        // "3 лист, 2025 р.": the abbreviation's dot read as a comma, between a day and a year.
        let next_year = words
            .get(i + 1)
            .is_some_and(|n| n.len() == 4 && n.parse::<u32>().is_ok_and(|y| y >= 1900));
        if let Some(fixed) = cyrillic_abbrev_comma(w).filter(|_| prev_num && next_year) {
            out.push(fixed);
            continue;
        }
        match cyrillic_unit(w) {
            Some(u) if prev_num => out.push(u),
            _ => out.push(w.to_string()),
        }
    }
    let s = out.join(" ");
    let s = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '·' | '•' | '-' | '@' | '©' | '®' | ':')
    });
    // A compact English unit takes no dot on any platform ("3h", "45m"): a dot after it is
    // the separator to the audience icon ("3h · 🌐" read "3h. @").
    static COMPACT_DOT: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\d{1,3}[smhdwy]\.$").unwrap());
    if COMPACT_DOT.is_match(s) {
        return s.trim_end_matches('.').to_string();
    }
    s.to_string()
}

/// A Cyrillic month abbreviation glued to the year after it ("лист.2025р." for "лист. 2025
/// р.", "нояб.2025" for "нояб. 2025"), split in its words. Other words come back as they are.
fn split_month_year(w: String) -> Vec<String> {
    // A day of 3 read as the Cyrillic "З" and glued to the month ("Злист." for "3 лист."): no
    // month starts with "З".
    if let Some(rest) = w.strip_prefix(['З', 'з'])
        && rest.chars().count() >= 3
        && month(rest).is_some()
    {
        let mut out = vec!["3".to_string()];
        out.extend(split_month_year(rest.to_string()));
        return out;
    }
    static GLUED: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^(\p{Cyrillic}{3,5}\.)(\d{4})(\p{Cyrillic}\.?)?$").unwrap());
    let Some(c) = GLUED.captures(&w).filter(|c| month(&c[1]).is_some()) else {
        return vec![w];
    };
    let mut out = vec![c[1].to_string(), c[2].to_string()];
    out.extend(c.get(3).map(|m| m.as_str().to_string()));
    out
}

/// A Russian or Ukrainian month abbreviation ("нояб.", "лист.") whose dot read as a comma:
/// these never take a comma (the year or the end follows), unlike English "Nov 26,", whose
/// comma belongs to the day.
fn cyrillic_abbrev_comma(w: &str) -> Option<String> {
    let core = w.strip_suffix(',')?;
    let cyrillic = core.chars().all(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let n = core.chars().count();
    // "мая" / "трав" spelled out in full take no dot either way; abbreviations are 3-5 letters
    // and are no whole genitive ("мая" is the only one so short).
    (cyrillic && (3..=5).contains(&n) && month(core).is_some() && core.to_lowercase() != "мая")
        .then(|| format!("{core}."))
}

/// The word Facebook puts between a date that `out` ends with and a clock time: "в"
/// after a Russian month, "о" after a Ukrainian one, "at" after an English one ("November 30",
/// "26 November"; not German "26. November", whose day has a dot).
fn date_connector(out: &[String]) -> Option<&'static str> {
    let [.., a, b] = out else {
        return None;
    };
    let day = |t: &str| t.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let m = if day(a) && month(b).is_some() {
        b
    } else if month(a).is_some() && day(b) {
        a
    } else {
        return None;
    };
    let lower = m.to_lowercase();
    if lower.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        const UK: &[&str] = &[
            "січ",
            "лют",
            "берез",
            "квіт",
            "трав",
            "черв",
            "лип",
            "серп",
            "верес",
            "жовт",
            "листоп",
            "груд",
        ];
        Some(if UK.iter().any(|p| lower.starts_with(p)) {
            "о"
        } else {
            "в"
        })
    } else if m.chars().count() > 3 && !m.ends_with('.') {
        Some("at")
    } else {
        None
    }
}

fn tokens(text: &str) -> Vec<String> {
    // German Facebook counts days as "1 Tag(e)", singular and plural in one.
    static TAGE: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?i)\btag\(e\)").unwrap());
    let text = display_text(text);
    let text = TAGE.replace_all(&text, "Tage");
    let mut out: Vec<String> = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || matches!(c, '·' | '•' | ',')) {
        // Trailing ':' and icon junk ("25m:", "2h·@") are not part of the time.
        let t = raw.trim_matches(|c: char| matches!(c, '(' | ')' | ':' | '@' | '©' | '®'));
        let filler = matches!(
            t.to_lowercase().as_str(),
            "at" | "в" | "о" | "об" | "um" | "vor" | "just"
        ) || (t.eq_ignore_ascii_case("am")
            && !out.last().is_some_and(|p| TIME.is_match(p)));
        if t.is_empty() || t == "-" || t == "—" || filler {
            continue;
        }
        out.push(t.to_string());
    }
    // Re-join "3:02" "PM" and "2" "ч".
    let mut merged: Vec<String> = Vec::new();
    for t in out {
        let lower = t.to_lowercase();
        let is_ampm = matches!(lower.trim_end_matches('.'), "am" | "pm" | "a.m" | "p.m");
        if let Some(prev) = merged.last_mut() {
            if is_ampm && TIME.is_match(prev) {
                prev.push(' ');
                prev.push_str(&t);
                continue;
            }
            if prev.chars().all(|c| c.is_ascii_digit())
                && REL.is_match(&format!("{prev}{t}"))
                && month(&t).is_none()
            {
                prev.push_str(&t);
                continue;
            }
        }
        merged.push(t);
    }
    merged
}

fn parse_parts(text: &str) -> Option<Parts> {
    let mut p = Parts::default();
    let mut long_unit = false;
    let toks = tokens(text);
    let ago = toks.iter().any(|t| t.eq_ignore_ascii_case("ago"));
    if toks.is_empty() {
        return None;
    }
    for t in &toks {
        let lower = t.to_lowercase();
        if let Some(c) = NUMERIC_DATE.captures(t) {
            let a: u32 = c[1].parse().ok()?;
            let b: u32 = c[3].parse().ok()?;
            let mut y: i32 = c[4].parse().ok()?;
            if y < 100 {
                y += 2000;
            }
            // "/" puts the month first unless that cannot be; "." the day.
            let (d, m) = if &c[2] == "/" && a <= 12 {
                (b, a)
            } else {
                (a, b)
            };
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            p.day = Some(d);
            p.month = Some(m);
            p.year = Some(y);
        } else if let Some(c) = TIME.captures(t) {
            let mut h: u32 = c[1].parse().ok()?;
            let m: u32 = c[2].parse().ok()?;
            if let Some(ap) = c.get(3) {
                let pm = ap.as_str().eq_ignore_ascii_case("p");
                if h == 12 {
                    h = 0;
                }
                if pm {
                    h += 12;
                }
            }
            p.time = Some(NaiveTime::from_hms_opt(h, m, 0)?);
        } else if let Some(c) = REL.captures(t) {
            let n: i64 = c[1].parse().ok()?;
            let unit = c[2].to_lowercase();
            // Spelled-out units ("24 hours") are body text unless "ago" follows (Reddit's
            // "14 hours ago").
            if matches!(
                unit.as_str(),
                "hour"
                    | "hours"
                    | "minute"
                    | "minutes"
                    | "second"
                    | "seconds"
                    | "day"
                    | "days"
                    | "week"
                    | "weeks"
                    | "year"
                    | "years"
            ) {
                long_unit = true;
            }
            let secs = match unit.as_str() {
                "s" | "sec" | "secs" | "second" | "seconds" | "с" | "сек" => 1,
                "m" | "min" | "mins" | "minute" | "minutes" | "м" | "мин" | "хв" => 60,
                "h" | "hr" | "hrs" | "hour" | "hours" | "ч" | "год" | "г" | "std" => 3600,
                "d" | "day" | "days" | "д" | "дн" | "tag" | "tage" => 86_400,
                "w" | "wk" | "week" | "weeks" | "тиж" | "нед" => 7 * 86_400,
                "y" | "yr" | "year" | "years" => 365 * 86_400,
                _ => return None,
            };
            // Ages roll over to the next unit ("59m", "23h", then "1d"): a larger number is
            // a misread ("64y" for "6ч", "114h").
            let most = match secs {
                1 | 60 => 59,
                3600 => 23,
                86_400 => 31,
                604_800 => 52,
                _ => 30,
            };
            if n > most {
                return None;
            }
            p.ago = Some(n * secs);
        } else if let Some(m) = month(t) {
            p.month = Some(m);
        } else if let Ok(n) = t.trim_end_matches('.').parse::<u32>() {
            if (1000..=2100).contains(&n) && p.year.is_none() {
                p.year = Some(n as i32);
            } else if (1..=31).contains(&n) && p.day.is_none() {
                p.day = Some(n);
            } else if t.len() == 2 && p.day.is_some() && p.month.is_some() && p.year.is_none() {
                // A two-digit year after the date: "07 Jan. 21".
                p.year = Some(2000 + n as i32);
            } else {
                // (A number after a whole date is a count glued on: "… 2025 г. 1,7 тыс.")
                return None;
            }
        } else if matches!(
            lower.as_str(),
            "now" | "jetzt" | "щойно" | "сейчас" | "зараз"
        ) {
            p.ago = Some(0);
        } else if matches!(lower.as_str(), "yesterday" | "вчера" | "вчора" | "gestern") {
            p.days_ago = Some(1);
        } else if matches!(lower.as_str(), "today" | "сегодня" | "сьогодні") {
            p.days_ago = Some(0);
        } else if matches!(
            lower.as_str(),
            "г." | "р." | "г" | "р" | "ago" | "назад" | "тому" | "edited" | "изменено" | "змінено"
        ) {
            // year suffix, "ago" words, edit marks
        } else {
            return None;
        }
    }
    if long_unit && !ago {
        return None;
    }
    let any_date = p.day.is_some() || p.month.is_some() || p.year.is_some();
    let any = p.time.is_some() || any_date || p.ago.is_some() || p.days_ago.is_some();
    // A lone number is not a timestamp; a month needs a day.
    if !any || p.month.is_some() != p.day.is_some() || (p.year.is_some() && p.month.is_none()) {
        return None;
    }
    if p.ago.is_some() && (any_date || p.time.is_some()) {
        return None;
    }
    Some(p)
}

/// True when `text` as a whole reads as a timestamp.
pub fn is_timestamp(text: &str) -> bool {
    parse_parts(text).is_some()
}

/// True when `text` reads as a timestamp with a clock time and no date ("21:36", "3:02 PM").
pub fn is_time_only(text: &str) -> bool {
    parse_parts(text).is_some_and(|p| p.time.is_some() && p.day.is_none() && p.days_ago.is_none())
}

/// True when `text` reads as a timestamp with a whole date: day, month and year.
pub fn has_full_date(text: &str) -> bool {
    parse_parts(text).is_some_and(|p| p.day.is_some() && p.month.is_some() && p.year.is_some())
}

/// Builds the record's timestamp from the text shown; `now` resolves relative forms.
pub fn parse(text: &str, now: Option<NaiveDateTime>) -> Option<Timestamp> {
    let p = parse_parts(text)?;
    let fmt = |dt: NaiveDateTime| dt.format("%Y-%m-%dT%H:%M:%S").to_string();
    let (iso, relative) = if let (Some(d), Some(m), Some(y)) = (p.day, p.month, p.year) {
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        (Some(fmt(date.and_time(p.time.unwrap_or_default()))), false)
    } else if let Some(ago) = p.ago {
        (now.map(|n| fmt(n - Duration::seconds(ago))), true)
    } else if let (Some(d), Some(m)) = (p.day, p.month) {
        // "Nov 26": this year, or last year when that date is still ahead of `now`.
        let iso = now.and_then(|n| {
            let mut date = NaiveDate::from_ymd_opt(n.year(), m, d)?;
            if date > n.date() {
                date = NaiveDate::from_ymd_opt(n.year() - 1, m, d)?;
            }
            Some(fmt(date.and_time(p.time.unwrap_or_default())))
        });
        (iso, true)
    } else {
        let iso = now.map(|n| {
            let date = n.date() - Duration::days(p.days_ago.unwrap_or(0));
            fmt(date.and_time(p.time.unwrap_or_default()))
        });
        (iso, true)
    };
    Some(Timestamp {
        text: display_text(text),
        iso,
        relative,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse(s, None).and_then(|t| t.iso)
    }

    #[test]
    fn absolute_forms_in_three_languages() {
        assert_eq!(
            iso("3:02 PM · Nov 26, 2025").as_deref(),
            Some("2025-11-26T15:02:00")
        );
        assert_eq!(
            iso("12:05 AM · Jan 3, 2024").as_deref(),
            Some("2024-01-03T00:05:00")
        );
        assert_eq!(
            iso("14:58 · 26 нояб. 2025 г.").as_deref(),
            Some("2025-11-26T14:58:00")
        );
        assert_eq!(
            iso("26 лист. 2025 р.").as_deref(),
            Some("2025-11-26T00:00:00")
        );
        assert_eq!(
            iso("26 November 2025 at 14:58").as_deref(),
            Some("2025-11-26T14:58:00")
        );
        assert_eq!(
            iso("Nov 26, 2025, 14:58").as_deref(),
            Some("2025-11-26T14:58:00")
        );
        assert_eq!(
            iso("3:02 PM - 26 Nov 2025").as_deref(),
            Some("2025-11-26T15:02:00")
        );
        assert_eq!(iso("11/25/25").as_deref(), Some("2025-11-25T00:00:00"));
        assert_eq!(
            iso("0:12 · 07 Jan. 21").as_deref(),
            Some("2021-01-07T00:12:00")
        );
        assert_eq!(iso("25.11.2025").as_deref(), Some("2025-11-25T00:00:00"));
        assert_eq!(
            iso("14:58 · 26 грудня 2025 р.").as_deref(),
            Some("2025-12-26T14:58:00")
        );
    }

    #[test]
    fn relative_forms_need_now() {
        let now = NaiveDate::from_ymd_opt(2025, 11, 26)
            .unwrap()
            .and_hms_opt(18, 0, 0)
            .unwrap();
        for (s, want) in [
            ("2h", "2025-11-26T16:00:00"),
            ("45m", "2025-11-26T17:15:00"),
            ("2 ч", "2025-11-26T16:00:00"),
            ("5 хв", "2025-11-26T17:55:00"),
            ("Nov 26", "2025-11-26T00:00:00"),
            ("Dec 3", "2024-12-03T00:00:00"),
            ("26 нояб.", "2025-11-26T00:00:00"),
            ("14:58", "2025-11-26T14:58:00"),
            ("Yesterday at 3:02 PM", "2025-11-25T15:02:00"),
            ("вчера в 14:58", "2025-11-25T14:58:00"),
            ("14 hours ago", "2025-11-26T04:00:00"),
            ("53 min. ago", "2025-11-26T17:07:00"),
            ("1 Tag(e)", "2025-11-25T18:00:00"),
            ("18 hr. ago", "2025-11-26T00:00:00"),
            ("now", "2025-11-26T18:00:00"),
            ("28 xB", "2025-11-26T17:32:00"),
            ("7xB", "2025-11-26T17:53:00"),
            ("Am 5. Feb. um 20:19", "2025-02-05T20:19:00"),
        ] {
            let t = parse(s, Some(now)).unwrap_or_else(|| panic!("{s}"));
            assert!(t.relative, "{s}");
            assert_eq!(t.iso.as_deref(), Some(want), "{s}");
            assert_eq!(parse(s, None).unwrap().iso, None);
        }
    }

    #[test]
    fn display_text_repairs_units() {
        // mastodon_timeline_light_uk (seed 17): "Nov 22" read as "Nov Nov 22".
        assert_eq!(display_text("Nov Nov 22"), "Nov 22");
        assert_eq!(display_text("28 xB"), "28 хв");
        assert_eq!(display_text("7xB"), "7 хв");
        assert_eq!(display_text("12год. ·"), "12 год.");
        // facebook_desktop_dark_en (seed 71): "3h · 🌐" read "3h. @".
        assert_eq!(display_text("3h. @"), "3h");
        assert_eq!(display_text("2 ч."), "2 ч.");
        assert_eq!(
            display_text("13 November at 10:27 ·"),
            "13 November at 10:27"
        );
        assert_eq!(display_text("6 листопада 0 21:10"), "6 листопада о 21:10");
        // Facebook's date-time connector misread or lost.
        assert_eq!(display_text("6 ноября B 16:28 - @"), "6 ноября в 16:28");
        assert_eq!(display_text("9 листопада 17:29: ®"), "9 листопада о 17:29");
        assert_eq!(
            display_text("November 10 af 4:32 PM - ©"),
            "November 10 at 4:32 PM"
        );
        assert_eq!(
            display_text("November 30 at 9:35AM ®"),
            "November 30 at 9:35 AM"
        );
        assert_eq!(display_text("Am 5. Feb. um 20:19"), "Am 5. Feb. um 20:19");
        assert_eq!(display_text("Nov 26, 2025, 14:58"), "Nov 26, 2025, 14:58");
        assert_eq!(display_text("Nov 26 · 14:58"), "Nov 26 · 14:58");
        assert!(is_timestamp("6 листопада 0 21:10"));
        assert_eq!(
            display_text("9:36 PM Nov 20, 2025"),
            "9:36 PM · Nov 20, 2025"
        );
        assert_eq!(
            display_text("07:09 1 нояб. 2025 г."),
            "07:09 · 1 нояб. 2025 г."
        );
        assert_eq!(
            display_text("18:17 · 13 лист. 2025 p."),
            "18:17 · 13 лист. 2025 р."
        );
        assert_eq!(display_text("вчера в 14:58"), "вчера в 14:58");
        assert_eq!(display_text("14 u"), "14 ч");
        assert_eq!(display_text("2h"), "2h");
        assert_eq!(display_text("5 m"), "5 m");
        assert_eq!(display_text("Nov25"), "Nov 25");
        assert_eq!(display_text("Nov25, 2025"), "Nov 25, 2025");
        assert_eq!(display_text("нояб.3"), "нояб. 3");
        assert!(is_timestamp("Nov25"));
        assert_eq!(display_text("Mon25"), "Mon25");
    }

    #[test]
    fn detail_footer_separator_misread() {
        // X detail footers as the page pass read them (grey text, "·" between time and date).
        // The separator read as a ':' glued to the day.
        assert_eq!(
            display_text("21:36:11 лист. 2025 р."),
            "21:36 · 11 лист. 2025 р."
        );
        assert_eq!(
            iso("21:36:11 лист. 2025 р.").as_deref(),
            Some("2025-11-11T21:36:00")
        );
        // Read as a '-' glued to the day.
        assert_eq!(
            display_text("11:12 -5 нояб. 2025 г."),
            "11:12 · 5 нояб. 2025 г."
        );
        assert_eq!(
            iso("11:12 -5 нояб. 2025 г.").as_deref(),
            Some("2025-11-05T11:12:00")
        );
        // x_detail_dark_en (seed 84): "5:14 PM · Nov 5, 2025" read "5:14 PM: Nov 5, 2025".
        assert_eq!(
            display_text("5:14 PM: Nov 5, 2025"),
            "5:14 PM · Nov 5, 2025"
        );
        // x_detail_mobile_dark_uk (seed 80): "18:28 · 11 лист." read "18:28 +11 лист.".
        assert_eq!(
            display_text("18:28 +11 лист. 2025 р."),
            "18:28 · 11 лист. 2025 р."
        );
        assert_eq!(
            display_text("3:02 PM -26 Nov 2025"),
            "3:02 PM · 26 Nov 2025"
        );
        // Glued to the time.
        assert_eq!(
            display_text("14:58: 26 нояб. 2025 г."),
            "14:58 · 26 нояб. 2025 г."
        );
        // The year glued to the month abbreviation.
        assert_eq!(
            display_text("12:27 - 18 лист.2025р."),
            "12:27 - 18 лист. 2025 р."
        );
        assert_eq!(
            iso("12:27 · 18 лист.2025р.").as_deref(),
            Some("2025-11-18T12:27:00")
        );
        // The abbreviation's dot read as a comma.
        assert_eq!(
            display_text("14:36 3 лист, 2025 р."),
            "14:36 · 3 лист. 2025 р."
        );
        // German "März" without its umlaut dots.
        assert_eq!(display_text("23:44 · 25 Marz 21"), "23:44 · 25 März 21");
        // The day 3 read as a Cyrillic "З" glued to the month.
        assert_eq!(
            display_text("17:10 - Злист. 2025 р."),
            "17:10 - 3 лист. 2025 р."
        );
        assert!(has_full_date("17:10 - Злист. 2025 р."));
        assert_eq!(display_text("Звіт"), "Звіт");
        // A clock time with seconds and no month after it stays as it is; English commas stay.
        assert_eq!(display_text("21:36:11"), "21:36:11");
        assert_eq!(display_text("Nov 26, 2025"), "Nov 26, 2025");
        assert_eq!(display_text("26 мая, 2025"), "26 мая, 2025");
    }

    #[test]
    fn not_timestamps() {
        for s in [
            "12",
            "Reposts",
            "Nov",
            "hello 2h",
            "1.2K",
            "2025",
            "@user",
            "24 hours.",
            "3 days",
            "16:12 · 13 нояб. 2025 г. 1,7",
            "10:51 · 10 лист. 2025 р. 3,8",
        ] {
            assert!(!is_timestamp(s), "{s}");
        }
    }
}
