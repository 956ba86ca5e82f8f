//! Pure parser: Tesseract TSV → [`OcrPage`].
//!
//! Tesseract's TSV has one row per page/block/paragraph/line/word with its box and, for words,
//! a confidence. We keep the word rows (level 5) with their hierarchy ids; boxes are mapped back
//! from the prepared image to the original image by dividing by the prepare stage's scale. A
//! captured TSV is therefore a complete fixture for everything after OCR.

/// Axis-aligned box in original-image pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn cy(&self) -> f32 {
        self.y + self.h / 2.0
    }
    /// The box widened by `pad` on every side.
    pub fn grown(&self, pad: f32) -> Rect {
        Rect {
            x: self.x - pad,
            y: self.y - pad,
            w: self.w + 2.0 * pad,
            h: self.h + 2.0 * pad,
        }
    }
    pub fn union(&self, o: &Rect) -> Rect {
        if self.w <= 0.0 && self.h <= 0.0 {
            return *o;
        }
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect {
            x,
            y,
            w: self.right().max(o.right()) - x,
            h: self.bottom().max(o.bottom()) - y,
        }
    }
    /// Integer box for the record: x, y, width, height.
    pub fn to_u32(&self) -> [u32; 4] {
        [
            self.x.max(0.0).round() as u32,
            self.y.max(0.0).round() as u32,
            self.w.max(0.0).round() as u32,
            self.h.max(0.0).round() as u32,
        ]
    }
}

/// One recognised word.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub rect: Rect,
    /// 0–100.
    pub conf: f32,
    pub block: u32,
    pub par: u32,
    pub line: u32,
}

/// All words of one image.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrPage {
    pub words: Vec<Word>,
}

impl OcrPage {
    pub fn mean_confidence(&self) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        self.words.iter().map(|w| w.conf).sum::<f32>() / self.words.len() as f32
    }
}

/// Parses TSV text. `scale` is prepared pixels per original pixel; `offset` is added after
/// scaling (for crops of a larger image).
pub fn parse_tsv(tsv: &str, scale: f32, offset: (f32, f32)) -> OcrPage {
    let mut words = Vec::new();
    for line in tsv.lines() {
        let cols: Vec<&str> = line.splitn(12, '\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<f32>().unwrap_or(0.0);
        let text = cols[11].trim();
        if text.is_empty() {
            continue;
        }
        words.push(Word {
            text: text.to_string(),
            rect: Rect {
                x: num(6) / scale + offset.0,
                y: num(7) / scale + offset.1,
                w: num(8) / scale,
                h: num(9) / scale,
            },
            conf: num(10).max(0.0),
            block: num(2) as u32,
            par: num(3) as u32,
            line: num(4) as u32,
        });
    }
    OcrPage { words }
}

/// Splits words where the OCR glued a handle to what follows it across the header's
/// separator dot ("@TechCrunch:Nov25" for "@TechCrunch · Nov 25"). No platform's handle holds
/// ":", "·" or "•", so the handle ends there; the separator and the rest become words of
/// their own, with boxes shared out by character count.
pub fn split_glued_handles(words: Vec<Word>) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        match glued_handle_parts(&w.text) {
            Some(parts) => {
                let total: usize = parts.iter().map(|p| p.chars().count()).sum();
                let mut x = w.rect.x;
                for p in parts {
                    let pw = w.rect.w * p.chars().count() as f32 / total as f32;
                    out.push(Word {
                        text: p.to_string(),
                        rect: Rect { x, w: pw, ..w.rect },
                        ..w.clone()
                    });
                    x += pw;
                }
            }
            None => out.push(w),
        }
    }
    out
}

/// "@name:rest" → ["@name", "·", "rest"] when `name` has two handle characters or more and
/// `rest` starts with a letter or digit.
fn glued_handle_parts(t: &str) -> Option<[&str; 3]> {
    let body = t.strip_prefix('@')?;
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|&e| e >= 2)?;
    let sep = body[end..].chars().next()?;
    if !matches!(sep, ':' | '·' | '•') {
        return None;
    }
    let rest = &body[end + sep.len_utf8()..];
    rest.starts_with(char::is_alphanumeric)
        .then(|| [&t[..end + 1], "·", rest])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: f32, w: f32) -> Word {
        Word {
            text: text.into(),
            rect: Rect {
                x,
                y: 10.0,
                w,
                h: 12.0,
            },
            conf: 90.0,
            block: 1,
            par: 1,
            line: 1,
        }
    }

    #[test]
    fn a_handle_glued_to_the_time_is_split_at_the_separator() {
        let out = split_glued_handles(vec![word("@TechCrunch:Nov25", 100.0, 170.0)]);
        let texts: Vec<&str> = out.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["@TechCrunch", "·", "Nov25"]);
        assert_eq!(out[0].rect.x, 100.0);
        assert!((out[0].rect.w - 110.0).abs() < 0.01, "11 of 17 characters");
        assert!((out[2].rect.right() - 270.0).abs() < 0.01);
        let out = split_glued_handles(vec![word("@ev•2h", 0.0, 60.0)]);
        assert_eq!(out[2].text, "2h");
    }

    #[test]
    fn handles_of_every_form_stay_whole() {
        for t in [
            "@TechCrunch",
            "@TechCrunch:",
            "@jay.bsky.social",
            "@Gargron@mastodon.social",
            "@a:2h",
            "@user:)",
            "email@host:80",
        ] {
            let out = split_glued_handles(vec![word(t, 0.0, 100.0)]);
            assert_eq!(out.len(), 1, "{t}");
            assert_eq!(out[0].text, t);
        }
    }

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t1200\t190\t-1\t
4\t1\t1\t1\t1\t0\t148\t30\t400\t22\t-1\t
5\t1\t1\t1\t1\t1\t148\t30\t60\t22\t96.5\tDelta
5\t1\t1\t1\t1\t2\t214\t30\t20\t22\t12\t@
5\t1\t1\t1\t1\t3\t240\t30\t70\t22\t91\t@Delta
5\t1\t1\t1\t1\t4\t320\t30\t10\t22\t95\t 
";

    #[test]
    fn keeps_words_scaled_back_and_skips_blanks() {
        let p = parse_tsv(TSV, 2.0, (10.0, 0.0));
        assert_eq!(p.words.len(), 3);
        assert_eq!(p.words[0].text, "Delta");
        assert_eq!(
            p.words[0].rect,
            Rect {
                x: 84.0,
                y: 15.0,
                w: 30.0,
                h: 11.0
            }
        );
        assert_eq!(p.words[2].line, 1);
        assert!((p.mean_confidence() - 66.5).abs() < 0.01);
    }
}
