//! Icon rows: "💬 1.2K  🔁 345  ♡ 12K  📊 3.4M" → counts by slot.
//!
//! Tesseract reads the icons as letters ("@iok Bess v4sk"), so the row is read from pixels:
//! columns with ink are cut into segments; segments under words that read as numbers are
//! digits, and a segment clearly taller than the digits (or, with no digits, as tall as the
//! tallest) is an icon (icons are taller than the counts beside them on every platform).
//! Each icon opens a slot; the text segments after it, up to the next icon, are its count.
//! The count's characters come from the main OCR words over that box when they parse, else
//! from a digits-only re-read of the box.

use image::RgbImage;

use super::CountReader;
use super::fields::metrics::{parse_count, parse_count_tokens};
use crate::layout::Line;
use crate::ocr::Rect;

/// One slot of an icon row.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub icon: Rect,
    /// Count as shown and its value.
    pub count: Option<(String, u64)>,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    x0: u32,
    x1: u32,
    y0: u32,
    y1: u32,
}

/// Reads the icon row whose OCR line is `line`, within columns `x_from..x_to`.
pub fn read_row(
    rgb: &RgbImage,
    bg: [u8; 3],
    line: &Line,
    x_from: f32,
    x_to: f32,
    text_h: Option<f32>,
    counts: &mut dyn CountReader,
) -> Vec<Slot> {
    // The row's own OCR boxes are unreliable (icons read as letters make them icon-tall); the
    // post's body text height is the yardstick for gaps when there is body text.
    let h = text_h.unwrap_or(line.height()).max(4.0);
    let (iw, ih) = rgb.dimensions();
    let y0 = (line.rect.y - 0.45 * h).max(0.0) as u32;
    let y1 = ((line.rect.bottom() + 0.45 * h) as u32).min(ih);
    let x0 = x_from.max(0.0) as u32;
    let x1 = (x_to as u32).min(iw);
    if y1 <= y0 + 2 || x1 <= x0 + 2 {
        return vec![];
    }
    let segs = segments(rgb, bg, x0, x1, y0, y1, (0.3 * h).max(2.0) as u32);
    if segs.is_empty() {
        return vec![];
    }
    let tallest = segs.iter().map(|s| s.y1 - s.y0).max().unwrap_or(0) as f32;
    let rects: Vec<Rect> = segs
        .iter()
        .map(|s| Rect {
            x: s.x0 as f32,
            y: s.y0 as f32,
            w: (s.x1 - s.x0) as f32,
            h: (s.y1 - s.y0) as f32,
        })
        .collect();
    // Digits share one cap height; icons vary (a repost icon is flatter than a reply bubble)
    // but are taller. The commonest height among segments clearly shorter than the tallest is
    // the digits' (lower-case "тыс." and commas are rarer); with none, the row is all icons.
    let mut bins: Vec<(i32, usize)> = Vec::new();
    for r in rects
        .iter()
        .filter(|r| r.h <= 0.75 * tallest && r.h >= 0.35 * tallest)
    {
        let k = r.h.round() as i32;
        match bins.iter_mut().find(|(h, _)| (h - k).abs() <= 1) {
            Some(b) => b.1 += 1,
            None => bins.push((k, 1)),
        }
    }
    let mut digit_h = bins
        .iter()
        .max_by_key(|(h, n)| (*n, *h))
        .map(|(h, _)| *h as f32);
    // Lower-case multiplier letters ("49 тыс.  8,8 тыс.") outnumber the digits: when the
    // commonest height has a repeated taller one at digit-to-x-height ratio standing on the
    // same baseline (icons are centred on the digits, so they reach below it), that is the
    // digits'.
    if let Some(d) = digit_h {
        let bottom = |k: f32| {
            let mut b: Vec<f32> = rects
                .iter()
                .filter(|r| (r.h - k).abs() <= 1.0)
                .map(|r| r.bottom())
                .collect();
            b.sort_by(f32::total_cmp);
            b.get(b.len() / 2).copied()
        };
        if let Some(&(t, _)) = bins
            .iter()
            .filter(|(h, n)| *n >= 2 && (1.2 * d..=1.6 * d).contains(&(*h as f32)))
            .max_by_key(|(_, n)| *n)
        {
            if let (Some(a), Some(b)) = (bottom(d), bottom(t as f32)) {
                if (a - b).abs() <= 0.1 * d + 1.0 {
                    digit_h = Some(t as f32);
                }
            }
        }
    }
    let mut slots: Vec<(Rect, Option<Rect>)> = Vec::new();
    for r in rects {
        let is_icon = match digit_h {
            Some(d) => r.h > 1.2 * d,
            None => true,
        };
        if is_icon {
            slots.push((r, None));
        } else if let Some((_, cnt)) = slots.last_mut() {
            *cnt = Some(cnt.map_or(r, |c| c.union(&r)));
        }
    }
    // A row where nothing is shorter than the tallest has icons only: no counts shown.
    slots
        .into_iter()
        .map(|(icon, cnt)| Slot {
            icon,
            count: cnt.and_then(|r| read_count(line, r, counts)),
        })
        .collect()
}

fn read_count(line: &Line, r: Rect, counts: &mut dyn CountReader) -> Option<(String, u64)> {
    let over: Vec<&str> = line
        .words
        .iter()
        .filter(|w| {
            let ov = w.rect.right().min(r.right()) - w.rect.x.max(r.x);
            // A word much wider than the digits swallowed the icon too ("435" for "⟲ 5").
            ov > 0.5 * w.rect.w.min(r.w) && w.rect.w <= 1.5 * r.w + 0.3 * r.h
        })
        .map(|w| w.text.as_str())
        .collect();
    // Trailing junk (the next icon read as letters) may ride along: try shorter prefixes.
    for k in (1..=over.len().min(3)).rev() {
        if let Some((v, text)) = parse_count_tokens(&over[..k]) {
            return Some((text, v));
        }
    }
    let pad = 0.25 * r.h;
    let padded = Rect {
        x: r.x - pad,
        y: r.y - pad,
        w: r.w + 2.0 * pad,
        h: r.h + 2.0 * pad,
    };
    if let Some(s) = counts.read_count(padded) {
        let s = s.trim().to_string();
        if let Some(v) = parse_count(&s) {
            return Some((s, v));
        }
    }
    // Last resort: junk before the digits is often the icon read as a letter: "©12K".
    if let Some(last) = over.last() {
        let t = last.trim_start_matches(|c: char| !c.is_ascii_digit());
        if !t.is_empty() && t.len() < last.len() {
            if let Some(v) = parse_count(t) {
                return Some((t.to_string(), v));
            }
        }
    }
    None
}

/// Column runs of ink (pixels far from the page colour), with their vertical extent.
fn segments(
    rgb: &RgbImage,
    bg: [u8; 3],
    x0: u32,
    x1: u32,
    y0: u32,
    y1: u32,
    max_gap: u32,
) -> Vec<Seg> {
    let far = |p: [u8; 3]| -> bool {
        let d: i32 = (0..3)
            .map(|c| (i32::from(p[c]) - i32::from(bg[c])).abs())
            .sum();
        d > 150
    };
    let mut cols: Vec<Option<(u32, u32)>> = Vec::with_capacity((x1 - x0) as usize);
    for x in x0..x1 {
        let mut top = None;
        let mut bottom = 0;
        for y in y0..y1 {
            if far(rgb.get_pixel(x, y).0) {
                top.get_or_insert(y);
                bottom = y + 1;
            }
        }
        cols.push(top.map(|t| (t, bottom)));
    }
    let mut segs: Vec<Seg> = Vec::new();
    let mut gap = u32::MAX;
    for (i, c) in cols.iter().enumerate() {
        let x = x0 + i as u32;
        match c {
            Some((t, b)) => {
                match segs.last_mut() {
                    Some(s) if gap <= max_gap => {
                        s.x1 = x + 1;
                        s.y0 = s.y0.min(*t);
                        s.y1 = s.y1.max(*b);
                    }
                    _ => segs.push(Seg {
                        x0: x,
                        x1: x + 1,
                        y0: *t,
                        y1: *b,
                    }),
                }
                gap = 0;
            }
            None => gap = gap.saturating_add(1),
        }
    }
    // Specks (JPEG noise, separators) are not icons or digits.
    segs.retain(|s| s.y1 - s.y0 >= 3 && s.x1 - s.x0 >= 2);
    segs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LWord, Tone};
    use image::Rgb;

    struct Fixed(&'static str);
    impl CountReader for Fixed {
        fn read_count(&mut self, _: Rect) -> Option<String> {
            Some(self.0.to_string())
        }
    }

    /// Icons are 18 px squares, digits 10 px tall blocks, on white.
    #[test]
    fn icons_open_slots_and_digits_fill_them() {
        let mut img = RgbImage::from_pixel(400, 40, Rgb([255, 255, 255]));
        let mut fill = |x0: u32, w: u32, y0: u32, h: u32| {
            for x in x0..x0 + w {
                for y in y0..y0 + h {
                    img.put_pixel(x, y, Rgb([0x53, 0x64, 0x71]));
                }
            }
        };
        fill(10, 18, 11, 18); // reply icon
        fill(34, 20, 15, 10); // "12"
        fill(110, 18, 11, 18); // repost icon, no count
        fill(210, 18, 11, 18); // like icon
        fill(234, 26, 15, 10); // "1.2K" (OCR word)
        let word = |t: &str, x: f32, w: f32| LWord {
            text: t.into(),
            rect: Rect {
                x,
                y: 15.0,
                w,
                h: 10.0,
            },
            conf: 90.0,
            tone: Tone::Grey,
            ink: [0x53, 0x64, 0x71],
            contrast: 150.0,
            density: 0.5,
            pictorial: 0.0,
        };
        let line = Line {
            words: vec![word("©", 10.0, 18.0), word("1.2K", 234.0, 26.0)],
            rect: Rect {
                x: 10.0,
                y: 15.0,
                w: 250.0,
                h: 10.0,
            },
            col: 0,
        };
        let slots = read_row(
            &img,
            [255, 255, 255],
            &line,
            0.0,
            400.0,
            None,
            &mut Fixed("12"),
        );
        let got: Vec<_> = slots
            .iter()
            .map(|s| s.count.as_ref().map(|c| c.1))
            .collect();
        assert_eq!(got, [Some(12), None, Some(1200)]);
    }
}
