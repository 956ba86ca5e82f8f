//! Stage: prepare — RGB pixels → one OCR-ready grey image.
//!
//! Input: the decoded [`RgbImage`]. Output: [`Prepared`]: a grey image with dark text on a light
//! background (dark and dim themes inverted), contrast stretched so that small grey interface
//! text (handles, timestamps, counts) is nearly as dark as body text, and rescaled so that text
//! lines land near the height Tesseract's LSTM reads best. Also reports the theme and the page
//! colour, which later stages use to tell grey, blue and primary text apart.
//!
//! Why these steps: Tesseract's models are trained on dark-on-light text with x-heights of about
//! 20–30 px; a 1× screenshot of a 15 px font has an x-height of ~8 px, a 3× retina capture
//! ~24 px of an already-large font. Inverting ourselves lets Tesseract skip its own
//! per-line inversion retry (`tessedit_do_invert`), which costs time.

use image::{GrayImage, RgbImage, imageops};

use crate::load::luma;

/// Tunables of the prepare stage.
#[derive(Debug, Clone, Copy)]
pub struct PrepareConfig {
    /// Target height of a typical text line's ink (ascender to descender), in pixels.
    pub target_line_px: f32,
    /// Rescale only when the needed factor falls outside this band around 1.
    pub keep_band: (f32, f32),
    /// Never scale by more than this (tiny legacy thumbnails).
    pub max_upscale: f32,
}

impl Default for PrepareConfig {
    fn default() -> Self {
        PrepareConfig { target_line_px: 34.0, keep_band: (0.8, 1.25), max_upscale: 4.0 }
    }
}

/// Page theme, from the background colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dim,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dim => "dim",
            Theme::Dark => "dark",
        }
    }
}

/// An OCR-ready image and how it relates to the original.
pub struct Prepared {
    pub grey: GrayImage,
    /// `grey` pixels per original pixel.
    pub scale: f32,
    pub theme: Theme,
    /// The page (background) colour of the original.
    pub background: [u8; 3],
    /// Median ink height of text lines in the original, in pixels (0 when none was found).
    pub line_px: f32,
}

/// Runs the stage.
pub fn prepare(rgb: &RgbImage, cfg: &PrepareConfig) -> Prepared {
    let background = background_colour(rgb);
    let theme = classify_theme(background);
    let invert = theme != Theme::Light;
    let mut grey = to_grey(rgb, invert);
    stretch_contrast(&mut grey);
    let line_px = median_line_height(&grey);
    let mut scale = 1.0;
    if line_px > 0.0 {
        let want = (cfg.target_line_px / line_px).min(cfg.max_upscale);
        if want < cfg.keep_band.0 || want > cfg.keep_band.1 {
            scale = want;
        }
    }
    if (scale - 1.0).abs() > f32::EPSILON {
        let (w, h) = grey.dimensions();
        let nw = ((w as f32 * scale).round() as u32).max(1);
        let nh = ((h as f32 * scale).round() as u32).max(1);
        let filter = if scale > 1.0 {
            imageops::FilterType::CatmullRom
        } else {
            imageops::FilterType::Triangle
        };
        grey = imageops::resize(&grey, nw, nh, filter);
        scale = nw as f32 / w as f32;
    }
    Prepared { grey, scale, theme, background, line_px }
}

/// The most common colour among a grid sample of pixels, quantised to 4 bits per channel and
/// then averaged over the winning bin, so JPEG noise does not split the vote.
pub fn background_colour(rgb: &RgbImage) -> [u8; 3] {
    let (w, h) = rgb.dimensions();
    let step = (((w as u64 * h as u64) / 40_000) as f64).sqrt().max(1.0) as u32;
    let mut counts = vec![0u32; 4096];
    let mut sums = vec![[0u64; 3]; 4096];
    let mut y = 0;
    while y < h {
        let mut x = 0;
        while x < w {
            let p = rgb.get_pixel(x, y).0;
            let bin = (usize::from(p[0] >> 4) << 8) | (usize::from(p[1] >> 4) << 4) | usize::from(p[2] >> 4);
            counts[bin] += 1;
            for c in 0..3 {
                sums[bin][c] += u64::from(p[c]);
            }
            x += step;
        }
        y += step;
    }
    let (bin, &n) = counts.iter().enumerate().max_by_key(|(_, c)| **c).unwrap();
    let n = u64::from(n.max(1));
    [
        (sums[bin][0] / n) as u8,
        (sums[bin][1] / n) as u8,
        (sums[bin][2] / n) as u8,
    ]
}

pub fn classify_theme(bg: [u8; 3]) -> Theme {
    let l = luma(bg[0], bg[1], bg[2]);
    if l >= 110.0 {
        Theme::Light
    } else if i16::from(bg[2]) - i16::from(bg[0]) >= 12 && l >= 15.0 {
        // X's "dim" (#15202b) and similar blue-black themes.
        Theme::Dim
    } else {
        Theme::Dark
    }
}

fn to_grey(rgb: &RgbImage, invert: bool) -> GrayImage {
    let (w, h) = rgb.dimensions();
    let mut out = GrayImage::new(w, h);
    for (o, p) in out.pixels_mut().zip(rgb.pixels()) {
        // Integer BT.601 luma; the min-channel blend keeps coloured text (blue links, red
        // hearts) dark enough after the stretch.
        let l = (299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000;
        let v = if invert {
            let mx = u32::from(p[0].max(p[1]).max(p[2]));
            255 - (l + mx) / 2
        } else {
            let mn = u32::from(p[0].min(p[1]).min(p[2]));
            (l + mn) / 2
        };
        o.0[0] = v as u8;
    }
    out
}

/// Maps the page level to white and the darkest ink (1st percentile) to black.
fn stretch_contrast(grey: &mut GrayImage) {
    let mut hist = [0u32; 256];
    for p in grey.pixels() {
        hist[usize::from(p.0[0])] += 1;
    }
    let total: u32 = hist.iter().sum();
    let page = hist.iter().enumerate().max_by_key(|(_, c)| **c).map(|(i, _)| i).unwrap_or(255);
    let mut acc = 0;
    let mut ink = 0;
    for (i, &c) in hist.iter().enumerate() {
        acc += c;
        if acc > total / 100 {
            ink = i;
            break;
        }
    }
    if page <= ink + 40 {
        return; // no clear text contrast; leave the image alone
    }
    let span = (page - ink) as f32;
    let mut lut = [0u8; 256];
    for (i, v) in lut.iter_mut().enumerate() {
        let t = ((i as f32 - ink as f32) / span).clamp(0.0, 1.0);
        // Gamma > 1 darkens mid greys: grey UI text gains contrast, the page stays white.
        *v = (255.0 * t.powf(1.6)).round() as u8;
    }
    for p in grey.pixels_mut() {
        p.0[0] = lut[usize::from(p.0[0])];
    }
}

/// Median height of runs of rows that contain ink (a cheap estimate of the text line height).
pub fn median_line_height(grey: &GrayImage) -> f32 {
    let (w, h) = grey.dimensions();
    let mut runs = Vec::new();
    let mut run = 0u32;
    let min_ink = (w / 400).max(1);
    for y in 0..h {
        let row = &grey.as_raw()[(y * w) as usize..((y + 1) * w) as usize];
        let ink = row.iter().filter(|&&v| v < 128).count() as u32;
        if ink >= min_ink {
            run += 1;
        } else {
            if run > 0 {
                runs.push(run);
            }
            run = 0;
        }
    }
    if run > 0 {
        runs.push(run);
    }
    // Lines of text: not hairlines, not photos.
    let mut lines: Vec<u32> = runs.into_iter().filter(|&r| (5..=160).contains(&r)).collect();
    if lines.is_empty() {
        return 0.0;
    }
    lines.sort_unstable();
    lines[lines.len() / 2] as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn themes_from_platform_backgrounds() {
        assert_eq!(classify_theme([255, 255, 255]), Theme::Light);
        assert_eq!(classify_theme([0x15, 0x20, 0x2b]), Theme::Dim);
        assert_eq!(classify_theme([0, 0, 0]), Theme::Dark);
        assert_eq!(classify_theme([0x18, 0x19, 0x1a]), Theme::Dark);
    }

    #[test]
    fn dark_page_becomes_dark_on_light() {
        let mut img = RgbImage::from_pixel(60, 40, Rgb([0, 0, 0]));
        for x in 10..50 {
            for y in 15..25 {
                img.put_pixel(x, y, Rgb([0x71, 0x76, 0x7b])); // X's dark-mode grey text
            }
        }
        let p = prepare(&img, &PrepareConfig { keep_band: (0.0, 100.0), ..Default::default() });
        assert_eq!(p.theme, Theme::Dark);
        assert_eq!(p.grey.get_pixel(0, 0).0[0], 255);
        assert!(p.grey.get_pixel(20, 20).0[0] < 60, "grey text must end up dark");
    }

    #[test]
    fn line_height_counts_text_rows() {
        let mut g = GrayImage::from_pixel(100, 100, image::Luma([255]));
        for (top, hgt) in [(10, 12), (30, 12), (50, 14)] {
            for y in top..top + hgt {
                for x in 5..60 {
                    g.put_pixel(x, y, image::Luma([0]));
                }
            }
        }
        assert_eq!(median_line_height(&g), 12.0);
    }
}
