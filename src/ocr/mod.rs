//! Stage: ocr — prepared grey image → [`OcrPage`] (words with boxes and confidences).
//!
//! `engine` drives Tesseract (one engine per worker thread); `tsv` is the pure parser of its
//! output, so everything downstream can be tested on captured TSV without the engine.
//!
//! Developer aid: `POSTOCR_DEBUG_REREAD=1` prints, for every word the Cyrillic re-read offers,
//! the Latin reading it would replace, both confidences and the decision, to stderr.

pub mod engine;
pub mod tsv;

pub use engine::{Engine, EngineError, Mode, with_engine};
pub use tsv::{OcrPage, Rect, Word, parse_tsv, split_glued_handles};

use image::{GrayImage, imageops};

use crate::prepare::Prepared;

/// Languages whose script is Cyrillic among Tesseract's model names.
const CYRILLIC: &[&str] = &[
    "rus", "ukr", "bel", "bul", "srp", "mkd", "kaz", "kir", "tgk", "uzb_cyrl",
];

/// Reads a prepared page with the language set `langs` ("eng+rus+ukr").
///
/// Recognising every line with all three models is slow, and a mixed model set misreads Latin
/// words as Cyrillic look-alikes ("Ilya Klymov" → "Шуа Кіутом"). So when `langs` mixes Latin
/// and Cyrillic models, the page is read with the Latin models first; only lines the Latin
/// pass doubts (a word below 80 % confidence — English models reading Cyrillic text are never
/// sure) are re-read with the Cyrillic models, all in one call on a stack of the line crops. Each re-read word replaces the Latin reading of its place only when it is
/// clearly more confident, so Latin handles and links inside Cyrillic text stay Latin.
pub fn read_page(prepared: &Prepared, langs: &str) -> Result<OcrPage, EngineError> {
    read_page_timed(prepared, langs, &mut PassTimes::default())
}

/// The model sets of `langs` one script at a time, Latin first: "eng+rus+ukr" → ["eng",
/// "rus+ukr"]; a single-script set stays whole.
pub fn script_sets(langs: &str) -> Vec<String> {
    let (cyr, latin): (Vec<&str>, Vec<&str>) = langs.split('+').partition(|l| CYRILLIC.contains(l));
    [latin, cyr]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.join("+"))
        .collect()
}

/// Milliseconds spent in each recognition pass of [`read_page_timed`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PassTimes {
    /// The page pass (Latin models, or the whole set when it has one script).
    pub page: u64,
    /// The Cyrillic re-read of doubtful lines, dictionary look-ups included.
    pub reread: u64,
}

/// [`read_page`], recording in `times` how long each pass took.
pub fn read_page_timed(
    prepared: &Prepared,
    langs: &str,
    times: &mut PassTimes,
) -> Result<OcrPage, EngineError> {
    let mut page = recognise_passes(prepared, langs, times)?;
    page.words = split_glued_handles(std::mem::take(&mut page.words));
    Ok(page)
}

/// The page pass and, for mixed scripts, the Cyrillic re-read of doubtful lines.
fn recognise_passes(
    prepared: &Prepared,
    langs: &str,
    times: &mut PassTimes,
) -> Result<OcrPage, EngineError> {
    let t0 = std::time::Instant::now();
    let (cyr, latin): (Vec<&str>, Vec<&str>) = langs.split('+').partition(|l| CYRILLIC.contains(l));
    let full = |l: &str| {
        with_engine(l, |e| {
            e.recognise(&prepared.grey, Mode::Page, prepared.scale, (0.0, 0.0))
        })
    };
    if cyr.is_empty() || latin.is_empty() {
        let page = full(langs);
        times.page = t0.elapsed().as_millis() as u64;
        return page;
    }
    let mut page = full(&latin.join("+"))?;
    // Dictionary verdicts on the Latin reading: is each word an English word?
    let latin_known: Vec<bool> = with_engine(&latin.join("+"), |e| {
        Ok(page
            .words
            .iter()
            .map(|w| e.is_valid_word(w.text.trim_matches(is_edge_punct)))
            .collect())
    })?;
    times.page = t0.elapsed().as_millis() as u64;
    let t1 = std::time::Instant::now();
    let lines = doubtful_lines(&page, &latin_known);
    if lines.is_empty() {
        return Ok(page);
    }
    // Cyrillic models only: the Latin reading is already there, and a mixed set reads bold
    // Cyrillic names with the Latin model ("Алексей" → "Anexceii").
    let reread_langs = std::env::var("POSTOCR_REREAD_LANGS").unwrap_or_else(|_| cyr.join("+"));
    let reread = reread_lines(prepared, &page, &lines, &reread_langs)?;
    // ... and on the re-read: is each word in the first Cyrillic model's dictionary?
    let cyr_known: Vec<Vec<bool>> = with_engine(&reread_langs, |e| {
        Ok(reread
            .iter()
            .map(|l| {
                l.iter()
                    .map(|w| e.is_valid_word(w.text.trim_matches(is_edge_punct)))
                    .collect()
            })
            .collect())
    })?;
    merge_rereads(&mut page, &lines, reread, &latin_known, &cyr_known);
    times.reread = t1.elapsed().as_millis() as u64;
    Ok(page)
}

/// Word indices of each line the Latin pass doubts: a word below 80 % confidence, or a
/// confident word no English dictionary knows that is written only in letters Cyrillic ones
/// look like ("Mapuna", "Poccuiickaa": the English model is sure of the shapes, not the word).
/// Names such as "Klymov" or "Zelensky" hold letters no Cyrillic letter looks like.
fn doubtful_lines(page: &OcrPage, latin_known: &[bool]) -> Vec<Vec<usize>> {
    let mut lines: Vec<((u32, u32, u32), Vec<usize>)> = Vec::new();
    for (i, w) in page.words.iter().enumerate() {
        let k = (w.block, w.par, w.line);
        match lines.iter_mut().find(|(key, _)| *key == k) {
            Some((_, v)) => v.push(i),
            None => lines.push((k, vec![i])),
        }
    }
    lines
        .into_iter()
        .map(|(_, v)| v)
        .filter(|ix| {
            ix.iter().any(|&i| {
                let w = &page.words[i];
                let t = w.text.trim_matches(is_edge_punct);
                t.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && (w.conf < 80.0
                        || (!latin_known.get(i).copied().unwrap_or(true)
                            && t.chars().all(cyrillic_look_alike)))
            })
        })
        .collect()
}

/// Re-reads the given lines in one call; returns, per line, its new words in original pixels.
fn reread_lines(
    prepared: &Prepared,
    page: &OcrPage,
    lines: &[Vec<usize>],
    langs: &str,
) -> Result<Vec<Vec<Word>>, EngineError> {
    let s = prepared.scale;
    let g = &prepared.grey;
    let mut crops: Vec<(GrayImage, f32, f32)> = Vec::new(); // crop, x0, y0 in prepared pixels
    for ix in lines {
        let r = ix
            .iter()
            .map(|&i| page.words[i].rect)
            .reduce(|a, b| a.union(&b))
            .unwrap();
        let pad = 0.25 * r.h;
        let x0 = ((r.x - pad) * s).max(0.0).min(g.width() as f32 - 1.0);
        let y0 = ((r.y - pad) * s).max(0.0).min(g.height() as f32 - 1.0);
        let x1 = ((r.right() + pad) * s).min(g.width() as f32);
        let y1 = ((r.bottom() + pad) * s).min(g.height() as f32);
        let (w, h) = ((x1 - x0).max(1.0) as u32, (y1 - y0).max(1.0) as u32);
        crops.push((
            imageops::crop_imm(g, x0 as u32, y0 as u32, w, h).to_image(),
            x0.floor(),
            y0.floor(),
        ));
    }
    let gap = 20u32;
    let width = crops.iter().map(|c| c.0.width()).max().unwrap_or(1) + 2 * gap;
    let height: u32 = crops.iter().map(|c| c.0.height() + gap).sum::<u32>() + gap;
    let mut stack = GrayImage::from_pixel(width, height, image::Luma([255]));
    let mut tops = Vec::new();
    let mut y = gap;
    for (c, _, _) in &crops {
        imageops::replace(&mut stack, c, i64::from(gap), i64::from(y));
        tops.push(y);
        y += c.height() + gap;
    }
    let out = with_engine(langs, |e| e.recognise(&stack, Mode::Block, 1.0, (0.0, 0.0)))?;
    let mut per_line: Vec<Vec<Word>> = vec![Vec::new(); crops.len()];
    for mut w in out.words {
        let cy = w.rect.cy();
        let Some(i) = tops
            .iter()
            .zip(&crops)
            .position(|(&t, c)| cy >= t as f32 && cy < (t + c.0.height()) as f32)
        else {
            continue;
        };
        let (x0, y0) = (crops[i].1, crops[i].2);
        w.rect.x = (w.rect.x - gap as f32 + x0) / s;
        w.rect.y = (w.rect.y - tops[i] as f32 + y0) / s;
        w.rect.w /= s;
        w.rect.h /= s;
        per_line[i].push(w);
    }
    Ok(per_line)
}

/// Replaces, line by line, Latin readings that the Cyrillic re-read beats.
///
/// A Cyrillic word replaces the Latin reading of its place when the Latin reading is what an
/// English model makes of Cyrillic glyphs — the same shapes letter for letter ("Ha" for "На"),
/// or a garbled token ("KpaiHe", "4eKU", "y>Ke") — or when it is far more confident. A Latin
/// word from the re-read (handles, links, English words inside Russian text) replaces only
/// with a clear margin. Names such as "Ilya" therefore stay Latin even when the mixed model is
/// sure of "Шуа".
///
/// `latin_known[i]` says whether page word `i` is in the Latin model's dictionary and
/// `cyr_known[l][j]` whether word `j` of re-read line `l` is in the Cyrillic model's: a
/// confident Cyrillic dictionary word also replaces a Latin reading no dictionary knows
/// ("Poccuiickaa" → "Российская"), while "NASA" or "Bank" stay.
fn merge_rereads(
    page: &mut OcrPage,
    lines: &[Vec<usize>],
    reread: Vec<Vec<Word>>,
    latin_known: &[bool],
    cyr_known: &[Vec<bool>],
) {
    let mut drop = vec![false; page.words.len()];
    let mut add: Vec<Word> = Vec::new();
    for ((ix, new), known) in lines.iter().zip(reread).zip(cyr_known) {
        let (block, par, line) = {
            let w = &page.words[ix[0]];
            (w.block, w.par, w.line)
        };
        // The re-read uses Cyrillic models only, so its script says nothing; its confidence
        // does: a Cyrillic line reads far better with them than with the Latin models.
        let mean = |c: &mut dyn Iterator<Item = f32>| {
            let v: Vec<f32> = c.collect();
            v.iter().sum::<f32>() / v.len().max(1) as f32
        };
        let latin_conf = mean(&mut ix.iter().map(|&i| page.words[i].conf));
        let cyr_conf = mean(&mut new.iter().map(|w| w.conf));
        let cyr_line =
            script_share(new.iter().map(|w| w.text.as_str())) > 0.5 && cyr_conf > latin_conf + 10.0;
        // Capitalised twins the first pass left Latin on a short line (a name line), taken if
        // the line turns out Cyrillic after all ("Bank России": "Банк" is a twin, "России"
        // garbled). English words inside Russian text ("api", "ago") stay Latin.
        let short = ix.len() <= 6;
        let mut twins_left: Vec<(Word, Vec<usize>)> = Vec::new();
        let mut took_cyr = false;
        for (j, mut n) in new.into_iter().enumerate() {
            let over: Vec<usize> = ix
                .iter()
                .copied()
                .filter(|&i| {
                    let o = &page.words[i].rect;
                    let ov = o.right().min(n.rect.right()) - o.x.max(n.rect.x);
                    ov > 0.5 * o.w.min(n.rect.w)
                })
                .collect();
            // A replacement must cover what it replaces ("@" does not replace "@a_voronin").
            let covered: f32 = over.iter().map(|&i| page.words[i].rect.w).sum();
            if over.iter().any(|&i| drop[i]) || n.rect.w < 0.6 * covered {
                continue;
            }
            let old_text = over
                .iter()
                .map(|&i| page.words[i].text.as_str())
                .collect::<Vec<_>>()
                .join("");
            let old_conf = if over.is_empty() {
                0.0
            } else {
                over.iter().map(|&i| page.words[i].conf).sum::<f32>() / over.len() as f32
            };
            let n_cyr = script_share([n.text.as_str()]) > 0.5;
            // Numbers stay as the Latin pass read them ("36" is not "Зб").
            let numeric = old_text.chars().filter(|c| c.is_ascii_digit()).count() * 2
                > old_text.chars().count();
            // Handles and links are Latin on every platform ("/" alone is not a link: the
            // Latin pass writes "л" as "/I").
            let latin_only = old_text.starts_with('@')
                || old_text.starts_with("u/")
                || old_text.starts_with("r/")
                || looks_like_link(&old_text);
            // A re-read with symbols inside its letters is no better ("и/го{пеегз02").
            let junk = n.text.chars().any(|c| "/\\{}|<>[]".contains(c));
            // A word the Cyrillic dictionary knows, read with confidence, over a reading no
            // Latin dictionary knows.
            let dictionary = n.conf >= 85.0
                && known.get(j).copied().unwrap_or(false)
                && n.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !over
                    .iter()
                    .any(|&i| latin_known.get(i).copied().unwrap_or(false));
            let take = if numeric || latin_only || junk {
                false
            } else if over.is_empty() {
                // Ink the Latin pass left unread: icons and badges, mostly.
                n.conf >= 80.0 && n.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            } else if n_cyr {
                let twin = same_shapes(&n.text, &old_text);
                let cyr_known = known.get(j).copied().unwrap_or(false);
                (twin && (cyr_line || n.conf > old_conf + 15.0))
                    || (garbled(&old_text)
                        && n.conf > old_conf
                        && (cyr_line || n.conf >= 90.0 || cyr_known))
                    // Far more confident, and a word ("likes" at 40 % is no "ШКез" at 80 %).
                    || (n.conf > old_conf + 40.0 && (n.conf >= 90.0 || cyr_known))
                    || (cyr_line && n.conf >= 85.0 && old_conf < 88.0)
                    || dictionary
            } else {
                // A Latin word from the Cyrillic models over a Latin reading; not over a
                // symbol (an icon or emoji the Latin pass read as "©" or "®").
                old_text.chars().any(char::is_alphanumeric) && n.conf > old_conf + 10.0
            };
            if *DEBUG_REREAD {
                eprintln!(
                    "  {old_text:?} {old_conf:.0} <- {:?} {:.0} take={take} cyr_line={cyr_line}",
                    n.text, n.conf
                );
            }
            if take {
                for &i in &over {
                    drop[i] = true;
                }
                took_cyr |= n_cyr;
                (n.block, n.par, n.line) = (block, par, line);
                add.push(n);
            } else if n_cyr
                && short
                && old_text.starts_with(|c: char| c.is_uppercase())
                && !numeric
                && !latin_only
                && !over.is_empty()
                && n.conf >= 75.0
                && same_shapes(&n.text, &old_text)
            {
                twins_left.push((n, over));
            }
        }
        if *DEBUG_REREAD {
            let latin: Vec<&str> = ix.iter().map(|&i| page.words[i].text.as_str()).collect();
            let known = ix
                .iter()
                .filter(|&&i| latin_known.get(i).copied().unwrap_or(false));
            eprintln!(
                "LINE took={} known={}/{} conf={latin_conf:.0} {:?}",
                add.len(),
                known.count(),
                ix.len(),
                latin.join(" ")
            );
        }
        if took_cyr {
            for (mut n, over) in twins_left {
                if over.iter().any(|&i| drop[i]) {
                    continue;
                }
                for &i in &over {
                    drop[i] = true;
                }
                (n.block, n.par, n.line) = (block, par, line);
                add.push(n);
            }
        }
    }
    let mut i = 0;
    page.words.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
    page.words.extend(add);
}

/// `POSTOCR_DEBUG_REREAD` is set (read once).
static DEBUG_REREAD: once_cell::sync::Lazy<bool> =
    once_cell::sync::Lazy::new(|| std::env::var_os("POSTOCR_DEBUG_REREAD").is_some());

/// Punctuation that may cling to a word's ends ("ставками.", "(Ілля").
fn is_edge_punct(c: char) -> bool {
    c.is_ascii_punctuation() || "«»“”„…—–".contains(c)
}

/// A web address: a scheme, "www.", or a dotted host name with a lower-case top-level domain
/// ("t.me/…", "bbc.co.uk"; not "Ha.Bce", garble with a dot inside).
fn looks_like_link(t: &str) -> bool {
    let t = t.trim_matches(is_edge_punct);
    let lower = t.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    let host = t.split('/').next().unwrap_or("");
    match host.rsplit_once('.') {
        Some((name, tld)) => {
            !name.is_empty()
                && tld.len() >= 2
                && tld.chars().all(|c| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_')
        }
        None => false,
    }
}

/// Share of letters that are Cyrillic.
fn script_share<'a>(words: impl IntoIterator<Item = &'a str>) -> f32 {
    let (mut cyr, mut all) = (0usize, 0usize);
    for w in words {
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            all += 1;
            cyr += usize::from(('\u{0400}'..='\u{04FF}').contains(&c));
        }
    }
    if all == 0 {
        0.0
    } else {
        cyr as f32 / all as f32
    }
}

/// Cyrillic letters and the Latin letters (or digits) the English model reads them as.
const PAIRS: &str =
    "аaеeоoрpсcуyхxкkкxмmтtвbнhнnлnАAВBЕEКKМMНHОOРPСCТTХXіiіlІIьbЬbгrпnиuиnдgдAз3З3б6бbяa";

/// A character the Latin pass writes for some Cyrillic letter.
fn cyrillic_look_alike(c: char) -> bool {
    PAIRS
        .chars()
        .skip(1)
        .step_by(2)
        .any(|l| l == c || l == c.to_ascii_lowercase())
}

/// True when a Cyrillic word and a Latin reading have the same glyph shapes letter for letter.
fn same_shapes(cyr: &str, lat: &str) -> bool {
    let map: Vec<(char, char)> = PAIRS
        .chars()
        .collect::<Vec<_>>()
        .chunks(2)
        .map(|p| (p[0], p[1]))
        .collect();
    let a: Vec<char> = cyr.chars().filter(|c| c.is_alphanumeric()).collect();
    let b: Vec<char> = lat.chars().filter(|c| c.is_alphanumeric()).collect();
    !a.is_empty()
        && a.len() == b.len()
        && a.iter().zip(&b).all(|(c, l)| {
            let lc = c.to_lowercase().next().unwrap_or(*c);
            map.iter().any(|(x, y)| {
                (*x == *c || *x == lc)
                    && (*y == *l || y.to_ascii_lowercase() == l.to_ascii_lowercase())
            })
        })
}

/// A Latin token that no language writes: digits or symbols inside letters, or an upper-case
/// letter after a lower-case one ("KpaiHe", "4eKU", "y>Ke", "6bITb").
fn garbled(t: &str) -> bool {
    let cs: Vec<char> = t
        .trim_matches(|c: char| c.is_ascii_punctuation())
        .chars()
        .collect();
    let letters = cs.iter().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    let odd = cs
        .iter()
        .any(|c| c.is_ascii_digit() || "<>€{}|\\".contains(*c));
    let case_flip = cs
        .windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase());
    odd || case_flip
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_sets_put_latin_first() {
        assert_eq!(script_sets("eng+rus+ukr"), ["eng", "rus+ukr"]);
        assert_eq!(script_sets("rus+eng"), ["eng", "rus"]);
        assert_eq!(script_sets("eng"), ["eng"]);
    }

    #[test]
    fn links_are_told_from_slashed_garble() {
        assert!(looks_like_link("t.me/rian_ru"));
        assert!(looks_like_link("https://x.com/a"));
        assert!(looks_like_link("bbc.co.uk/news"));
        assert!(looks_like_link("example.com"));
        // The Latin pass writes "л" as "/I": "Аналитики" → "AH@/IUTHKU".
        assert!(!looks_like_link("AH@/IUTHKU"));
        assert!(!looks_like_link("H@/IOTOBbIM"));
        assert!(!looks_like_link("end."));
        assert!(!looks_like_link("Ha.Bce"));
    }

    fn word(text: &str, conf: f32, x: f32) -> Word {
        Word {
            text: text.into(),
            conf,
            rect: Rect {
                x,
                y: 0.0,
                w: 10.0 * text.chars().count() as f32,
                h: 20.0,
            },
            block: 1,
            par: 1,
            line: 1,
        }
    }

    #[test]
    fn dictionary_words_replace_unknown_latin_readings() {
        // A bold name line (captured): the badge read as "@" and "x" drags the line's mean
        // confidence down, so only the dictionary tells "Poccuiickaa" is not a word.
        let mut page = OcrPage {
            words: vec![
                word("Poccuiickaa", 66.0, 0.0),
                word("NASA", 70.0, 120.0),
                word("@", 92.0, 170.0),
            ],
        };
        let lines = vec![vec![0, 1, 2]];
        let reread = vec![vec![
            word("Российская", 97.0, 0.0),
            word("МАЗА", 90.0, 120.0),
            word("ф", 51.0, 170.0),
        ]];
        merge_rereads(
            &mut page,
            &lines,
            reread,
            &[false, true, false],
            &[vec![true, false, false]],
        );
        let texts: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
        assert!(texts.contains(&"Российская"), "{texts:?}");
        assert!(texts.contains(&"NASA"), "{texts:?}");
        assert!(texts.contains(&"@"), "{texts:?}");
    }

    #[test]
    fn cyrillic_twins_and_garble() {
        assert!(same_shapes("На", "Ha"));
        assert!(!same_shapes("уже", "y>Ke"));
        assert!(same_shapes("ЕСТЬ", "ECTb"));
        assert!(!same_shapes("Шуа", "Ilya"));
        // What the Latin pass makes of Cyrillic names.
        assert!(same_shapes("Банк", "Bank"));
        assert!(same_shapes("Ігор", "Irop"));
        assert!(same_shapes("Мария", "Mapua"));
        assert!(same_shapes("Оксана", "Oxcana"));
        assert!(same_shapes("РБК", "PBK"));
        assert!(!same_shapes("Дмитрий", "Dmitry"));
        assert!(garbled("KpaiHe"));
        assert!(garbled("4eKU"));
        assert!(garbled("y>Ke"));
        assert!(!garbled("Ilya"));
        assert!(!garbled("statuses"));
    }
}
