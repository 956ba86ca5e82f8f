//! Colour marks on a text line: verified badges and emoji.
//!
//! Text on every platform is grey-scale (black, white or a grey); what is colourful beside a
//! name is a verified badge or an emoji. Tesseract reads both as letters ("Dev Patel xX",
//! "Мария Захарова BS"), and a naive colour count takes a yellow emoji for a gold badge. Marks
//! are found as blobs of saturated pixels and told apart by shape and colour:
//! - a badge is one hue (X blue #1d9bf0 ≈ 203°, gold #e2b719 / #d18800 ≈ 40–48°), a solid
//!   rosette filling most of a roughly square box the size of the text, with a check mark
//!   cut out of its middle (white, or the page showing through);
//! - anything else colourful and glyph-sized is an emoji (several hues, or one hue drawn
//!   thin like ✨, or with no check cut out of it like 🌻).
//!
//! Developer aid: `POSTOCR_DEBUG_MARKS=1` prints each mark's measurements to stderr.

use image::RgbImage;

use crate::ocr::Rect;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Badge(&'static str),
    Emoji,
}

#[derive(Debug, Clone, Copy)]
pub struct Blob {
    pub rect: Rect,
    pub mark: Mark,
}

fn colourful(p: [u8; 3]) -> bool {
    let mx = p.iter().copied().max().unwrap_or(0);
    let mn = p.iter().copied().min().unwrap_or(0);
    mx >= 90 && mx - mn >= 64
}

/// Hue in degrees (0..360).
fn hue(p: [u8; 3]) -> f32 {
    let [r, g, b] = p.map(f32::from);
    let mx = r.max(g).max(b);
    let mn = r.min(g).min(b);
    let d = (mx - mn).max(1.0);
    let h = if mx == r {
        60.0 * (((g - b) / d).rem_euclid(6.0))
    } else if mx == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    h.rem_euclid(360.0)
}

/// Colour marks within `area` of a line whose text is `h` pixels tall, left to right.
pub fn marks(rgb: &RgbImage, area: Rect, h: f32) -> Vec<Blob> {
    let (iw, ih) = rgb.dimensions();
    let x0 = area.x.max(0.0) as u32;
    let y0 = area.y.max(0.0) as u32;
    let x1 = (area.right().max(0.0) as u32).min(iw);
    let y1 = (area.bottom().max(0.0) as u32).min(ih);
    if std::env::var_os("POSTOCR_DEBUG_MARKS").is_some() {
        eprintln!("marks in {x0}..{x1} x {y0}..{y1}");
    }
    if x1 <= x0 + 1 || y1 <= y0 + 1 {
        return vec![];
    }
    let (w, hh) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let mask: Vec<bool> = (0..w * hh)
        .map(|i| colourful(rgb.get_pixel(x0 + (i % w) as u32, y0 + (i / w) as u32).0))
        .collect();
    // Connected components (8-neighbour) of colourful pixels: (x0, y0, x1, y1, pixels).
    let mut seen = vec![false; w * hh];
    let mut comps: Vec<(usize, usize, usize, usize, Vec<usize>)> = Vec::new();
    for start in 0..w * hh {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![start];
        let mut px = Vec::new();
        let (mut cx0, mut cy0, mut cx1, mut cy1) = (usize::MAX, usize::MAX, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            px.push(i);
            cx0 = cx0.min(x);
            cy0 = cy0.min(y);
            cx1 = cx1.max(x);
            cy1 = cy1.max(y);
            for dy in -1i32..=1 {
                for dx in -1i32..=1 {
                    let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i32 || ny >= hh as i32 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if mask[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        comps.push((cx0, cy0, cx1, cy1, px));
    }
    // An emoji's parts (petals, a flag's stripes) are close together: merge components whose
    // boxes come within a quarter of the text height.
    comps.sort_by_key(|c| c.0);
    let gap = (0.25 * h) as usize;
    let mut merged: Vec<(usize, usize, usize, usize, Vec<usize>)> = Vec::new();
    for c in comps {
        if let Some(m) = merged
            .iter_mut()
            .find(|m| c.0 <= m.2 + gap && m.0 <= c.2 + gap && c.1 <= m.3 + gap && m.1 <= c.3 + gap)
        {
            m.0 = m.0.min(c.0);
            m.1 = m.1.min(c.1);
            m.2 = m.2.max(c.2);
            m.3 = m.3.max(c.3);
            m.4.extend(c.4);
        } else {
            merged.push(c);
        }
    }
    let mut out = Vec::new();
    for (cx0, cy0, cx1, cy1, px) in merged {
        let (bw, bh) = ((cx1 - cx0 + 1) as f32, (cy1 - cy0 + 1) as f32);
        // Coloured fringes of sub-pixel anti-aliasing and link underlines are thin.
        if bw < 0.35 * h || bh < 0.35 * h || (px.len() as f32) < 0.06 * h * h {
            continue;
        }
        let rect = Rect {
            x: (x0 as usize + cx0) as f32,
            y: (y0 as usize + cy0) as f32,
            w: bw,
            h: bh,
        };
        let pixel = |i: usize| rgb.get_pixel(x0 + (i % w) as u32, y0 + (i / w) as u32).0;
        // Hue spread: share of pixels within 25° of the commonest hue (15° bins).
        let mut bins = [0usize; 24];
        for &i in &px {
            bins[(hue(pixel(i)) / 15.0) as usize % 24] += 1;
        }
        let (peak, _) = bins
            .iter()
            .enumerate()
            .max_by_key(|(_, n)| **n)
            .unwrap_or((0, &0));
        let near: usize = (0..3).map(|d| bins[(peak + 23 + d) % 24]).sum();
        let one_hue = near as f32 >= 0.85 * px.len() as f32;
        // A badge is drawn in one flat colour (or gold's gradient, whose hues stay within the
        // band): nearly all of it sits near the commonest hue. A sunflower or a star emoji has
        // a heart or shading in a neighbouring hue (brown, orange) that takes 13-15 %; JPEG's
        // halved chroma strays 5-7 % of a small badge's pixels (q60 Bluesky captures).
        let pure = near as f32 >= 0.92 * px.len() as f32;
        let fill = px.len() as f32 / (bw * bh);
        let square = (0.8..=1.25).contains(&(bw / bh)) && bh >= 0.6 * h && bh <= 1.8 * h;
        // The check mark: a cut-out in the middle of the box (white, or the page showing
        // through in dark themes), i.e. grey-scale pixels there.
        // JPEG smears a thin check into the badge's colour, so a pixel far from the badge's
        // own brightness counts too.
        let lum = |p: [u8; 3]| {
            (299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000
        };
        let mut lums: Vec<u32> = px.iter().map(|&i| lum(pixel(i))).collect();
        lums.sort_unstable();
        let med = lums[lums.len() / 2] as i32;
        let (mx0, my0) = (cx0 as f32 + 0.3 * bw, cy0 as f32 + 0.3 * bh);
        let (mut holes, mut all) = (0, 0);
        for y in my0 as usize..(my0 + 0.4 * bh) as usize {
            for x in mx0 as usize..(mx0 + 0.4 * bw) as usize {
                if x < w && y < hh {
                    all += 1;
                    let i = y * w + x;
                    if !mask[i] || (lum(pixel(i)) as i32 - med).abs() > 60 {
                        holes += 1;
                    }
                }
            }
        }
        // (A sunflower's brown heart is a hole too, but it fills the middle.)
        let check = all > 0 && holes * 12 >= all && holes * 5 <= all * 3;
        let centre = peak as f32 * 15.0 + 7.5;
        let colour = if (180.0..=230.0).contains(&centre) {
            Some("blue")
        } else if (30.0..=60.0).contains(&centre) {
            Some("gold")
        } else {
            None
        };
        let mark = match colour {
            Some(c) if pure && fill >= 0.45 && square && check => Mark::Badge(c),
            _ => Mark::Emoji,
        };
        if std::env::var_os("POSTOCR_DEBUG_MARKS").is_some() {
            eprintln!(
                "mark {rect:?} h {h} one_hue {one_hue} pure {pure} ({near}/{}) fill {fill:.2} square {square} check {check} hue {centre} -> {mark:?}",
                px.len()
            );
        }
        out.push(Blob { rect, mark });
    }
    out.sort_by(|a, b| a.rect.x.total_cmp(&b.rect.x));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    fn disc(img: &mut RgbImage, cx: f32, cy: f32, r: f32, c: [u8; 3]) {
        for y in 0..img.height() {
            for x in 0..img.width() {
                let (dx, dy) = (x as f32 - cx, y as f32 - cy);
                if dx * dx + dy * dy <= r * r {
                    img.put_pixel(x, y, Rgb(c));
                }
            }
        }
    }

    fn area(img: &RgbImage) -> Rect {
        Rect {
            x: 0.0,
            y: 0.0,
            w: img.width() as f32,
            h: img.height() as f32,
        }
    }

    #[test]
    fn badge_with_check_is_a_badge() {
        let mut img = RgbImage::from_pixel(60, 30, Rgb([255, 255, 255]));
        disc(&mut img, 15.0, 15.0, 9.0, [0x1d, 0x9b, 0xf0]);
        for i in 0..6 {
            img.put_pixel(12 + i, 16 - i / 2, Rgb([255, 255, 255])); // the check
            img.put_pixel(12 + i, 17 - i / 2, Rgb([255, 255, 255]));
        }
        let got = marks(&img, area(&img), 16.0);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].mark, Mark::Badge("blue"));
        // The same badge through JPEG: every 15th of its pixels strayed to another hue.
        let mut n = 0;
        for y in 0..30 {
            for x in 0..60 {
                if img.get_pixel(x, y).0 == [0x1d, 0x9b, 0xf0] {
                    n += 1;
                    if n % 15 == 0 {
                        img.put_pixel(x, y, Rgb([0x9b, 0x1d, 0xf0]));
                    }
                }
            }
        }
        assert_eq!(marks(&img, area(&img), 16.0)[0].mark, Mark::Badge("blue"));
    }

    #[test]
    fn many_hues_or_no_check_make_an_emoji() {
        // A flag: blue and red halves.
        let mut img = RgbImage::from_pixel(60, 30, Rgb([0, 0, 0]));
        for y in 8..22 {
            for x in 10..28 {
                let c = if y < 15 {
                    [0x1c, 0x57, 0xa5]
                } else {
                    [0xd5, 0x2b, 0x1e]
                };
                img.put_pixel(x, y, Rgb(c));
            }
        }
        assert_eq!(marks(&img, area(&img), 16.0)[0].mark, Mark::Emoji);
        // A solid gold disc without a check (a sunflower's petals, a coin).
        let mut img = RgbImage::from_pixel(60, 30, Rgb([0, 0, 0]));
        disc(&mut img, 15.0, 15.0, 9.0, [0xe2, 0xb7, 0x19]);
        assert_eq!(marks(&img, area(&img), 16.0)[0].mark, Mark::Emoji);
        // 🌻: yellow petals round a red-brown heart whose darkness passes for a check; a
        // tenth of the blob off the petals' hue (one flat badge colour has none).
        let mut img = RgbImage::from_pixel(60, 30, Rgb([0, 0, 0]));
        disc(&mut img, 15.0, 15.0, 9.0, [0xfc, 0xc2, 0x1b]);
        disc(&mut img, 15.0, 15.0, 2.9, [0x6d, 0x2a, 0x1a]);
        assert_eq!(marks(&img, area(&img), 16.0)[0].mark, Mark::Emoji);
    }

    #[test]
    fn grey_text_has_no_marks() {
        let mut img = RgbImage::from_pixel(60, 30, Rgb([255, 255, 255]));
        disc(&mut img, 15.0, 15.0, 9.0, [0x53, 0x64, 0x71]);
        assert!(marks(&img, area(&img), 16.0).is_empty());
    }
}
