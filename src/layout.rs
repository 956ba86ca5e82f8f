//! Stage: layout — words → visual lines, each word tagged with the colour of its pixels.
//!
//! Input: an [`OcrPage`] and the original RGB image. Output: [`Layout`]: lines top to bottom,
//! words left to right, each word with a [`Tone`] (primary text, grey secondary text, or an
//! accent colour such as link blue) and a boldness estimate. Post rules lean on these cues the
//! way a reader does: on every platform the author's handle and the timestamp are grey, links
//! and mentions in the body are coloured, the display name is bold.

use image::RgbImage;

use crate::ocr::{OcrPage, Rect, Word};

/// Colour class of a word's ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Main text colour (near black on light themes, near white on dark ones).
    Primary,
    /// Secondary grey (handles, timestamps, counts).
    Grey,
    /// Saturated colour (blue links and mentions, coloured names).
    Accent,
}

/// A word with its colour cues.
#[derive(Debug, Clone)]
pub struct LWord {
    pub text: String,
    pub rect: Rect,
    pub conf: f32,
    pub tone: Tone,
    /// Mean colour of the word's ink pixels.
    pub ink: [u8; 3],
    /// Ink contrast against the page, 0–255.
    pub contrast: f32,
    /// Fraction of the box covered by ink: bold text covers more.
    pub density: f32,
    /// Share of ink pixels that are not a blend of page and ink colour (photos, emoji).
    pub pictorial: f32,
}

/// A visual line.
#[derive(Debug, Clone)]
pub struct Line {
    pub words: Vec<LWord>,
    pub rect: Rect,
    /// Column of the page the line belongs to (0 = leftmost); see [`assign_columns`].
    pub col: usize,
}

impl Line {
    /// A line of `words` (at least one), its box their union, in column 0.
    pub fn from_words(words: Vec<LWord>) -> Line {
        let rect = words
            .iter()
            .skip(1)
            .fold(words[0].rect, |r, w| r.union(&w.rect));
        Line {
            words,
            rect,
            col: 0,
        }
    }

    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
    pub fn conf(&self) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        self.words.iter().map(|w| w.conf).sum::<f32>() / self.words.len() as f32
    }
    /// Height of the line's letters (median word box height).
    pub fn height(&self) -> f32 {
        let mut hs: Vec<f32> = self.words.iter().map(|w| w.rect.h).collect();
        hs.sort_by(f32::total_cmp);
        hs.get(hs.len() / 2).copied().unwrap_or(self.rect.h)
    }
    /// The dominant tone, weighted by word width.
    pub fn tone(&self) -> Tone {
        let mut score = [0f32; 3];
        for w in &self.words {
            score[w.tone as usize] += w.rect.w;
        }
        match score
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|x| x.0)
        {
            Some(1) => Tone::Grey,
            Some(2) => Tone::Accent,
            _ => Tone::Primary,
        }
    }
}

/// All lines of an image.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub lines: Vec<Line>,
    pub width: u32,
    pub height: u32,
    pub background: [u8; 3],
}

impl Layout {
    /// Recognised text in reading order, lines joined by "\n".
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(Line::text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Builds the layout.
pub fn build(page: &OcrPage, rgb: &RgbImage, background: [u8; 3]) -> Layout {
    let mut words: Vec<LWord> = page
        .words
        .iter()
        .filter_map(|w| style(w, rgb, background))
        .collect();
    classify_tones(&mut words);
    let groups = group_lines(&page.words, words);
    let mut lines: Vec<Line> = groups
        .into_iter()
        .map(|mut ws| {
            ws.sort_by(|a, b| a.rect.x.total_cmp(&b.rect.x));
            let rect = ws.iter().skip(1).fold(ws[0].rect, |r, w| r.union(&w.rect));
            Line {
                words: ws,
                rect,
                col: 0,
            }
        })
        .collect();
    // Lines Tesseract itself doubts throughout are texture (photos, video frames, icons), not
    // text: real text has at least one word it is sure of.
    // A link is the exception: one long token no dictionary knows ("bank.gov.ua/ua/news/…"
    // at 16 %), yet no texture reads as a host name with a path. So is the doubted last line
    // of a paragraph (`ends_a_paragraph`).
    let sure: Vec<bool> = lines
        .iter()
        .map(|l| {
            l.conf() >= 35.0
                || l.words.iter().any(|w| w.conf >= 60.0)
                || l.words.iter().any(|w| is_link_token(&w.text))
        })
        .collect();
    let keep: Vec<bool> = (0..lines.len())
        .map(|i| {
            sure[i]
                || ends_a_paragraph(&lines[i], lines.iter().zip(&sure))
                || is_doubted_icon_row(&lines[i])
        })
        .collect();
    if std::env::var_os("POSTOCR_DEBUG_TEXTURE").is_some() {
        for (l, s) in lines.iter().zip(&sure) {
            if !s && is_doubted_icon_row(l) {
                eprintln!(
                    "spared icon row: {:?} conf {:.0} words {:?} tone {:?}",
                    l.text(),
                    l.conf(),
                    l.words
                        .iter()
                        .map(|w| (
                            w.text.as_str(),
                            w.conf as i32,
                            w.rect.x as i32,
                            w.rect.w as i32
                        ))
                        .collect::<Vec<_>>(),
                    l.tone()
                );
            }
        }
    }
    let mut keep = keep.into_iter();
    lines.retain(|_| keep.next().unwrap_or(false));
    // A lone separator dot or menu "…" read as a line of its own is not text.
    let median_h = median_height(&lines).unwrap_or(0.0);
    lines.retain(|l| {
        l.words
            .iter()
            .any(|w| w.text.chars().any(char::is_alphanumeric))
            || l.height() >= 0.5 * median_h
    });
    assign_columns(&mut lines, rgb.width());
    lines.sort_by(|a, b| {
        a.col
            .cmp(&b.col)
            .then(a.rect.y.total_cmp(&b.rect.y))
            .then(a.rect.x.total_cmp(&b.rect.x))
    });
    Layout {
        lines,
        width: rgb.width(),
        height: rgb.height(),
        background,
    }
}

/// A doubted line that carries on the paragraph above it: a paragraph's last line with a long
/// word Tesseract was unsure of ("авиасообщения ✈️" at 11 %, the emoji dragging it down). It
/// starts where a sure line right above it starts and holds a word of five letters or more in
/// one script, of plain ink (no photo), in that line's colour and about its size. Texture
/// under a paragraph (a photo starts at the text's left edge too) gives no such word.
fn ends_a_paragraph<'a>(l: &Line, others: impl Iterator<Item = (&'a Line, &'a bool)>) -> bool {
    let word = |w: &LWord| {
        let t = w.text.trim_matches(|c: char| !c.is_alphanumeric());
        let cyr = t
            .chars()
            .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
            .count();
        let n = t.chars().count();
        n >= 5 && t.chars().all(char::is_alphabetic) && (cyr == 0 || cyr == n) && w.pictorial < 0.1
    };
    others.filter(|(_, sure)| **sure).any(|(k, _)| {
        let kh = k.height();
        let gap = l.rect.y - k.rect.bottom();
        (l.rect.x - k.rect.x).abs() <= 0.6 * kh
            && gap >= -0.2 * kh
            && gap <= 1.2 * kh
            && k.words.len() >= 3
            // The word's own size, not the line's (an emoji beside it is taller), with room
            // for a re-read word's box, which spans its crop's height.
            && l.words.iter().any(|w| {
                word(w) && w.tone == k.tone() && w.rect.h >= 0.6 * kh && w.rect.h <= 2.0 * kh
            })
    })
}

/// A doubted line the icon-row rules take for an icon row (`is_action_row`: counts and icon
/// junk only): Threads draws its icons in the text colour, and a row of icons and counts can
/// read as nothing but doubted letters ("Oi1sk Qisk Ge JV" for "♡ 15K  💬 1.6K  🔁 6K  ➤").
/// Its counts are read from the pixels later, so it must stay. A row has an icon per slot
/// (three or more words) and a count read with its icon or its unit, a word of two
/// characters or more with a digit: a lone "0" or "9" is an icon's outline, and a row of
/// icons alone has nothing to read. An icon glued to its count makes a short word ("O1.2K"):
/// a word of seven letters and digits or more is text ("leMAE-1Zsib"). Brackets, braces and "=" inside a word are what the
/// Latin model makes of blurred text, not of icons ("oyV{=1 00) of =)").
fn is_doubted_icon_row(l: &Line) -> bool {
    l.words.len() >= 3
        && l.words
            .iter()
            .all(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() <= 6)
        && l.words
            .iter()
            .any(|w| w.text.chars().count() >= 2 && w.text.chars().any(|c| c.is_ascii_digit()))
        && !l
            .words
            .iter()
            .any(|w| w.text.chars().any(|c| "\\{}[]()=<>|".contains(c)))
        && crate::posts::anchored::is_action_row(l)
}

/// A web address with a path or a scheme ("t.me/rian_ru", "https://…", "www.…"): what a line
/// of texture never reads as.
fn is_link_token(t: &str) -> bool {
    let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let lower = t.to_ascii_lowercase();
    t.chars().count() >= 8
        && crate::ocr::looks_like_link(t)
        && (lower.contains("://") || lower.starts_with("www.") || {
            let (host, path) = t.split_once('/').unwrap_or((t, ""));
            host.contains('.') && path.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        })
}

/// Median height of the lines (the page's text size), `None` without lines.
pub fn median_height(lines: &[Line]) -> Option<f32> {
    let mut hs: Vec<f32> = lines.iter().map(Line::height).collect();
    hs.sort_by(f32::total_cmp);
    hs.get(hs.len() / 2).copied()
}

/// Splits the page into columns at vertical gutters (desktop layouts put navigation, the feed
/// and a sidebar side by side; Telegram Desktop a chat list, the channel and an info panel).
/// A gutter is a run of x positions that no line covers, wider than 1.5 line heights, with
/// text on both sides. Page-wide lines (title bars) do not count when finding gutters; every
/// line then belongs to the column holding its left edge. Reading order is column by column.
///
/// Tesseract at times strings words of two columns into one line ("Explore Sarah Chen @sarah",
/// "next year. 9.9K posts"): such a line covers only where its words are, it is cut at each
/// gutter that falls in a gap between its words, and each piece goes to its own column.
pub fn assign_columns(lines: &mut Vec<Line>, width: u32) {
    if lines.len() < 4 {
        return;
    }
    let mh = median_height(lines).unwrap_or(0.0).max(4.0);
    let w = width as usize;
    let mut cov = vec![0u32; w + 1];
    for l in lines.iter().filter(|l| l.rect.w < 0.6 * width as f32) {
        for (a, b) in word_runs(l, 3.0 * mh) {
            let x0 = (a.max(0.0) as usize).min(w);
            let x1 = (b.max(0.0) as usize).min(w);
            for c in &mut cov[x0..x1] {
                *c += 1;
            }
        }
    }
    let first = cov.iter().position(|&c| c > 0).unwrap_or(0);
    let last = cov.iter().rposition(|&c| c > 0).unwrap_or(w);
    let mut cuts: Vec<f32> = Vec::new();
    let mut run_start = None;
    for (x, &c) in cov.iter().enumerate().take(last + 1).skip(first) {
        match (c == 0, run_start) {
            (true, None) => run_start = Some(x),
            (false, Some(s)) => {
                let cut = (s + x) as f32 / 2.0;
                // Text running on across the gap in several lines (page-wide lines, which
                // did not count above) shows it is no gutter.
                let crossing = lines
                    .iter()
                    .filter(|l| {
                        word_runs(l, 3.0 * mh)
                            .iter()
                            .any(|&(a, b)| a < cut && b > cut)
                    })
                    .count();
                if (x - s) as f32 >= 1.5 * mh
                    && (x - s) as f32 >= 0.02 * width as f32
                    && crossing < 2
                {
                    cuts.push(cut);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    let col_of = |x: f32| cuts.iter().filter(|&&c| x > c).count();
    // A column needs a few lines to be one: a lone menu glyph at the right edge is not.
    let mut sizes = vec![0usize; cuts.len() + 1];
    for l in lines.iter() {
        for ws in split_at_cuts(l, &cuts, 3.0 * mh) {
            sizes[col_of(ws[0].rect.x)] += 1;
        }
    }
    if sizes.iter().filter(|&&n| n >= 3).count() < 2 {
        for l in lines.iter_mut() {
            l.col = 0;
        }
        return;
    }
    let old = std::mem::take(lines);
    for l in old {
        for ws in split_at_cuts(&l, &cuts, 3.0 * mh) {
            let rect = ws.iter().skip(1).fold(ws[0].rect, |r, w| r.union(&w.rect));
            lines.push(Line {
                col: col_of(rect.x),
                words: ws,
                rect,
            });
        }
    }
}

/// The x spans a line's words cover, merging words less than `gap` apart.
fn word_runs(l: &Line, gap: f32) -> Vec<(f32, f32)> {
    let mut runs: Vec<(f32, f32)> = Vec::new();
    for w in &l.words {
        match runs.last_mut() {
            Some(r) if w.rect.x - r.1 < gap => r.1 = r.1.max(w.rect.right()),
            _ => runs.push((w.rect.x, w.rect.right())),
        }
    }
    runs
}

/// A line's words, cut where a column gutter falls in a gap of at least `gap` between two of
/// them (words left to right). Text that runs on across a gutter stays one line.
fn split_at_cuts(l: &Line, cuts: &[f32], gap: f32) -> Vec<Vec<LWord>> {
    let mut out: Vec<Vec<LWord>> = vec![];
    for w in &l.words {
        let cut_between = out.last().and_then(|g| g.last()).is_some_and(|p| {
            w.rect.x - p.rect.right() >= gap
                && cuts.iter().any(|&c| p.rect.right() <= c && w.rect.x >= c)
        });
        match out.last_mut() {
            Some(g) if !cut_between => g.push(w.clone()),
            _ => out.push(vec![w.clone()]),
        }
    }
    out
}

/// Groups words into visual lines: Tesseract's own line ids first, then lines that sit on the
/// same baseline band and nearly touch are merged (Tesseract often splits a header such as
/// "Name @handle · 2h" or an icon row into several blocks).
fn group_lines(raw: &[Word], words: Vec<LWord>) -> Vec<Vec<LWord>> {
    let mut by_id: Vec<((u32, u32, u32), Vec<LWord>)> = Vec::new();
    for (w, lw) in raw.iter().zip(words) {
        let key = (w.block, w.par, w.line);
        match by_id.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(lw),
            None => by_id.push((key, vec![lw])),
        }
    }
    // Tesseract sometimes puts two visual lines into one (next to a tall avatar it reads the
    // header and the first text line as one): split every line at vertical jumps.
    let mut groups: Vec<Vec<LWord>> = by_id.into_iter().flat_map(|(_, v)| split_rows(v)).collect();
    let bounds = |g: &Vec<LWord>| g.iter().skip(1).fold(g[0].rect, |r, w| r.union(&w.rect));
    let mut merged = true;
    while merged {
        merged = false;
        'outer: for i in 0..groups.len() {
            for j in i + 1..groups.len() {
                let (a, b) = (bounds(&groups[i]), bounds(&groups[j]));
                let h = a.h.min(b.h).max(1.0);
                let overlap = a.bottom().min(b.bottom()) - a.y.max(b.y);
                let gap = (b.x - a.right()).max(a.x - b.right());
                if overlap > 0.6 * h && (a.h - b.h).abs() < 0.6 * a.h.max(b.h) && gap < 4.0 * h {
                    let g = groups.remove(j);
                    groups[i].extend(g);
                    merged = true;
                    break 'outer;
                }
            }
        }
    }
    groups
}

/// Splits words into rows: a word whose vertical centre is more than half a word height away
/// from every row so far starts a new row. A dash is measured by the word beside it: it is a
/// sliver a few pixels high, and measured by itself it left its line ("верил — и тем": the
/// "—" became a line of its own and was dropped as a lone separator). (Other lone marks keep
/// the smaller height: a stray "." read between two rows is junk, not text.)
fn split_rows(mut ws: Vec<LWord>) -> Vec<Vec<LWord>> {
    ws.sort_by(|a, b| a.rect.x.total_cmp(&b.rect.x));
    let dash = |w: &LWord| matches!(w.text.as_str(), "—" | "–" | "-");
    let mut rows: Vec<Vec<LWord>> = Vec::new();
    for w in ws {
        let row = rows.iter_mut().find(|r| {
            let last = r.last().unwrap();
            let h = if dash(&w) || dash(last) {
                last.rect.h.max(w.rect.h)
            } else {
                last.rect.h.min(w.rect.h)
            };
            (last.rect.cy() - w.rect.cy()).abs() < 0.5 * h.max(1.0)
        });
        match row {
            Some(r) => r.push(w),
            None => rows.push(vec![w]),
        }
    }
    rows
}

fn style(w: &Word, rgb: &RgbImage, bg: [u8; 3]) -> Option<LWord> {
    let (iw, ih) = rgb.dimensions();
    let x0 = (w.rect.x.max(0.0) as u32).min(iw.saturating_sub(1));
    let y0 = (w.rect.y.max(0.0) as u32).min(ih.saturating_sub(1));
    let x1 = (w.rect.right().ceil() as u32).min(iw);
    let y1 = (w.rect.bottom().ceil() as u32).min(ih);
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let dist = |p: [u8; 3]| -> f32 {
        let d: i32 = (0..3)
            .map(|c| (i32::from(p[c]) - i32::from(bg[c])).abs())
            .sum();
        d as f32 / 3.0
    };
    // Ink: pixels far from the page colour. Keep the most contrasting ones for the colour.
    let mut ink: Vec<(f32, [u8; 3])> = Vec::new();
    let mut n = 0u32;
    for y in y0..y1 {
        for x in x0..x1 {
            let p = rgb.get_pixel(x, y).0;
            n += 1;
            let d = dist(p);
            if d > 40.0 {
                ink.push((d, p));
            }
        }
    }
    let density = ink.len() as f32 / n.max(1) as f32;
    let pictorial = off_line_share(&ink, bg);
    let (colour, contrast) = if ink.is_empty() {
        (bg, 0.0)
    } else {
        ink.sort_by(|a, b| b.0.total_cmp(&a.0));
        let top = &ink[..(ink.len() / 3).max(1)];
        let mut s = [0f32; 3];
        for (_, p) in top {
            for c in 0..3 {
                s[c] += f32::from(p[c]);
            }
        }
        let k = top.len() as f32;
        let col = [(s[0] / k) as u8, (s[1] / k) as u8, (s[2] / k) as u8];
        (col, dist(col))
    };
    Some(LWord {
        text: w.text.clone(),
        rect: w.rect,
        conf: w.conf,
        tone: Tone::Primary,
        ink: colour,
        contrast,
        density,
        pictorial,
    })
}

/// How far the ink strays from the single line between the page colour and the ink colour.
/// Text (antialiased included) is a blend of exactly two colours; photos and emoji are not.
/// Returns the share of ink pixels more than 60 levels off that line.
fn off_line_share(ink: &[(f32, [u8; 3])], bg: [u8; 3]) -> f32 {
    let Some(&(_, far)) = ink.iter().max_by(|a, b| a.0.total_cmp(&b.0)) else {
        return 0.0;
    };
    let d: [f32; 3] = std::array::from_fn(|c| f32::from(far[c]) - f32::from(bg[c]));
    let len2 = d.iter().map(|v| v * v).sum::<f32>().max(1.0);
    let off = ink
        .iter()
        .filter(|(_, p)| {
            let v: [f32; 3] = std::array::from_fn(|c| f32::from(p[c]) - f32::from(bg[c]));
            let t = (v.iter().zip(&d).map(|(a, b)| a * b).sum::<f32>() / len2).clamp(0.0, 1.0);
            let e2: f32 = (0..3).map(|c| (v[c] - t * d[c]).powi(2)).sum();
            e2 > 60.0 * 60.0
        })
        .count();
    off as f32 / ink.len().max(1) as f32
}

/// Saturated ink → accent; ink with clearly less contrast than the page's main text → grey.
fn classify_tones(words: &mut [LWord]) {
    let mut contrasts: Vec<f32> = words
        .iter()
        .filter(|w| !is_saturated(w.ink))
        .map(|w| w.contrast)
        .collect();
    contrasts.sort_by(f32::total_cmp);
    let primary = contrasts
        .get(contrasts.len() * 9 / 10)
        .copied()
        .unwrap_or(0.0);
    for w in words {
        w.tone = if is_saturated(w.ink) {
            Tone::Accent
        } else if w.contrast < 0.72 * primary {
            Tone::Grey
        } else {
            Tone::Primary
        };
    }
}

/// True for clearly coloured ink (not grey): link blue, Telegram name colours, red hearts.
pub fn is_saturated(c: [u8; 3]) -> bool {
    let mx = c[0].max(c[1]).max(c[2]) as f32;
    let mn = c[0].min(c[1]).min(c[2]) as f32;
    mx - mn > 55.0 && (mx - mn) / mx.max(1.0) > 0.25
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::parse_tsv;
    use image::Rgb;

    fn lw(text: &str, x: f32, y: f32, w: f32, conf: f32) -> LWord {
        LWord {
            text: text.into(),
            rect: Rect { x, y, w, h: 14.0 },
            conf,
            tone: Tone::Primary,
            ink: [0, 0, 0],
            contrast: 255.0,
            density: 0.3,
            pictorial: 0.0,
        }
    }

    fn ln(words: Vec<LWord>) -> Line {
        Line::from_words(words)
    }

    #[test]
    fn a_doubted_last_line_of_a_paragraph_stays() {
        // mastodon_detail_dark_ru (dev set, JPEG q70): "авиасообщения ✈️" read at 11 % and 37 %
        // under "редкоземельные металлы и возобновление прямого".
        let above = ln(vec![
            lw("редкоземельные", 17.0, 130.0, 120.0, 92.0),
            lw("металлы", 140.0, 130.0, 60.0, 97.0),
            lw("прямого", 205.0, 130.0, 60.0, 97.0),
        ]);
        let mut plane = lw("4%", 130.0, 149.0, 14.0, 37.0);
        plane.rect.h = 26.0; // the emoji is taller than the text
        let mut word = lw("авиасообщения", 17.0, 149.0, 110.0, 11.0);
        word.rect.h = 25.0; // a re-read word's box spans its crop
        let last = ln(vec![word, plane]);
        let sure = [true];
        assert!(ends_a_paragraph(&last, [&above].into_iter().zip(&sure)));
        // Not under the paragraph's left edge, or far below it, or no long word: texture.
        let mut off = last.clone();
        off.rect.x += 40.0;
        assert!(!ends_a_paragraph(&off, [&above].into_iter().zip(&sure)));
        let mut far = last.clone();
        far.rect.y += 40.0;
        assert!(!ends_a_paragraph(&far, [&above].into_iter().zip(&sure)));
        let junk = ln(vec![
            lw("Ss", 17.0, 155.0, 20.0, 30.0),
            lw("WwW", 40.0, 155.0, 30.0, 20.0),
        ]);
        assert!(!ends_a_paragraph(&junk, [&above].into_iter().zip(&sure)));
        let mut photo = last.clone();
        photo.words[0].pictorial = 0.4;
        assert!(!ends_a_paragraph(&photo, [&above].into_iter().zip(&sure)));
    }

    #[test]
    fn a_doubted_icon_row_is_no_texture() {
        // Captured: threads_inline_mobile_dark_en_s2_down60 (seed 21), "♡ 15K  💬 1.6K  🔁 6K
        // ➤" in the text colour read "Oi1sk Qisk Ge JV" (mean 30 %, no word at 60 %).
        let row = ln(vec![
            lw("Oi1sk", 78.0, 160.0, 52.0, 38.0),
            lw("Qisk", 169.0, 160.0, 58.0, 33.0),
            lw("Ge", 266.0, 160.0, 43.0, 0.0),
            lw("JV", 348.0, 160.0, 20.0, 49.0),
        ]);
        assert!(row.conf() < 35.0 && row.words.iter().all(|w| w.conf < 60.0));
        assert!(is_doubted_icon_row(&row));
        // A lone misread time ("2m" for "27m"), a row of icons with an outline read as "0",
        // blurred text read with brackets: texture as before.
        let time = ln(vec![lw("2m", 300.0, 20.0, 20.0, 32.0)]);
        assert!(!is_doubted_icon_row(&time));
        let empty = ln(vec![
            lw("OQ", 10.0, 200.0, 20.0, 28.0),
            lw("0", 80.0, 200.0, 10.0, 30.0),
            lw("9", 150.0, 200.0, 10.0, 30.0),
            lw("WN", 220.0, 200.0, 20.0, 25.0),
        ]);
        assert!(!is_doubted_icon_row(&empty));
        let blur = ln(vec![
            lw("IN", 10.0, 240.0, 20.0, 24.0),
            lw("oyV{=1", 40.0, 240.0, 50.0, 24.0),
            lw("00)", 100.0, 240.0, 20.0, 24.0),
            lw("=)", 130.0, 240.0, 20.0, 24.0),
        ]);
        assert!(!is_doubted_icon_row(&blur));
        let text = ln(vec![
            lw("Mb", 10.0, 280.0, 20.0, 6.0),
            lw("dc", 40.0, 280.0, 20.0, 11.0),
            lw("leMAE-1Zsib", 70.0, 280.0, 90.0, 11.0),
        ]);
        assert!(!is_doubted_icon_row(&text));
    }

    #[test]
    fn links_are_no_texture() {
        assert!(is_link_token("bank.gov.ua/ua/news/alll..."));
        assert!(is_link_token("https://t.co/x1"));
        assert!(is_link_token("www.example.org"));
        assert!(!is_link_token("example.com"));
        assert!(!is_link_token("e.ms/i"));
        assert!(!is_link_token("H@/IOTOBbIM"));
        assert!(!is_link_token("Ha.Bce/ee"));
    }

    /// A white page with black, grey and blue "words" painted where the TSV says they are.
    fn fixture() -> (OcrPage, RgbImage) {
        let tsv = "5\t1\t1\t1\t1\t1\t10\t10\t50\t14\t95\tDelta\n\
                   5\t1\t2\t1\t1\t1\t70\t11\t60\t13\t90\t@Delta\n\
                   5\t1\t3\t1\t1\t1\t10\t40\t60\t14\t90\tbit.ly/x\n";
        let page = parse_tsv(tsv, 1.0, (0.0, 0.0));
        let mut img = RgbImage::from_pixel(200, 80, Rgb([255, 255, 255]));
        let paint = |img: &mut RgbImage, x0: u32, y0: u32, c: [u8; 3]| {
            for y in y0 + 3..y0 + 11 {
                for x in (x0 + 2..x0 + 45).step_by(3) {
                    img.put_pixel(x, y, Rgb(c));
                }
            }
        };
        paint(&mut img, 10, 10, [15, 20, 25]);
        paint(&mut img, 70, 11, [0x53, 0x64, 0x71]);
        paint(&mut img, 10, 40, [0x1d, 0x9b, 0xf0]);
        (page, img)
    }

    #[test]
    fn tones_and_line_merge() {
        let (page, img) = fixture();
        let l = build(&page, &img, [255, 255, 255]);
        assert_eq!(l.lines.len(), 2, "name and handle share a line");
        assert_eq!(l.lines[0].text(), "Delta @Delta");
        assert_eq!(l.lines[0].words[0].tone, Tone::Primary);
        assert_eq!(l.lines[0].words[1].tone, Tone::Grey);
        assert_eq!(l.lines[1].words[0].tone, Tone::Accent);
        assert_eq!(l.text(), "Delta @Delta\nbit.ly/x");
    }

    fn words_line(y: f32, words: &[(&str, f32)]) -> Line {
        let ws: Vec<LWord> = words
            .iter()
            .map(|(t, x)| LWord {
                text: t.to_string(),
                rect: Rect {
                    x: *x,
                    y,
                    w: 8.0 * t.chars().count() as f32,
                    h: 14.0,
                },
                conf: 90.0,
                tone: Tone::Primary,
                ink: [0, 0, 0],
                contrast: 200.0,
                density: 0.3,
                pictorial: 0.0,
            })
            .collect();
        let rect = ws.iter().skip(1).fold(ws[0].rect, |r, w| r.union(&w.rect));
        Line {
            words: ws,
            rect,
            col: 0,
        }
    }

    #[test]
    fn lines_strung_across_a_gutter_are_cut() {
        // Navigation at x 10, the feed at x 300, Tesseract joining "Explore" to the header.
        let mut lines = vec![
            words_line(0.0, &[("Home", 10.0)]),
            words_line(
                40.0,
                &[("Explore", 10.0), ("Sarah", 300.0), ("@sarah", 350.0)],
            ),
            words_line(80.0, &[("Messages", 10.0)]),
            words_line(
                120.0,
                &[("Profile", 10.0), ("Oil", 300.0), ("prices", 330.0)],
            ),
            words_line(160.0, &[("jumped", 300.0), ("three", 360.0)]),
            words_line(200.0, &[("percent", 300.0)]),
        ];
        assign_columns(&mut lines, 600);
        let col_of = |t: &str| {
            lines
                .iter()
                .find(|l| l.words[0].text == t)
                .map(|l| (l.col, l.words.len()))
        };
        assert_eq!(col_of("Explore"), Some((0, 1)));
        assert_eq!(col_of("Sarah"), Some((1, 2)));
        assert_eq!(col_of("Oil"), Some((1, 2)));
        // Text running across the gap in several lines means there is no gutter.
        let mut lines = vec![
            words_line(0.0, &[("maria", 10.0), ("33m", 300.0)]),
            words_line(
                40.0,
                &[
                    ("a", 10.0),
                    ("long", 40.0),
                    ("line", 80.0),
                    ("on", 120.0),
                    ("and", 150.0),
                    ("on", 190.0),
                    ("and", 220.0),
                    ("on", 260.0),
                    ("x", 290.0),
                ],
            ),
            words_line(
                80.0,
                &[
                    ("a", 10.0),
                    ("long", 40.0),
                    ("line", 80.0),
                    ("on", 120.0),
                    ("and", 150.0),
                    ("on", 190.0),
                    ("and", 220.0),
                    ("on", 260.0),
                    ("x", 290.0),
                ],
            ),
            words_line(120.0, &[("short", 10.0)]),
            words_line(160.0, &[("Dy", 300.0)]),
            words_line(200.0, &[("ee", 320.0)]),
        ];
        assign_columns(&mut lines, 400);
        assert!(lines.iter().all(|l| l.col == 0));
    }
}
