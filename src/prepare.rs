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

use image::{GrayImage, RgbImage};

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
        PrepareConfig {
            target_line_px: 34.0,
            keep_band: (0.8, 1.25),
            max_upscale: 4.0,
        }
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
    /// Photo-like regions (avatars, media) blanked before OCR: x, y, width, height in
    /// original pixels.
    pub pictures: Vec<[u32; 4]>,
}

/// Runs the stage.
pub fn prepare(rgb: &RgbImage, cfg: &PrepareConfig) -> Prepared {
    let background = background_colour(rgb);
    let theme = classify_theme(background);
    let invert = theme != Theme::Light;
    let mut grey = to_grey(rgb, invert);
    let lut = stretch_contrast(&mut grey);
    // A light theme's chat wallpaper reads as ink in every row of it (the line height comes
    // out several lines tall, so small text is not enlarged) and as a dark picture round the
    // bubbles: whitened before the line height is measured. (Whitening only where the height
    // came out inflated lost most of the gain on fresh light desktop/full chats.)
    if !invert && std::env::var_os("POSTOCR_NO_BACKDROP").is_none() {
        // Light bubbles are 233 (light green) to 255 (white) before the stretch, the
        // lightest wallpaper gradients 204 and under: split halfway, where the stretch put it.
        whiten_backdrop(&mut grey, lut[218]);
    }
    let line_px = median_line_height(&grey);
    let mut pictures = find_pictures(&grey, line_px);
    pictures.extend(find_avatars(&grey, line_px));
    for r in &pictures {
        for y in r[1]..r[1] + r[3] {
            for x in r[0]..r[0] + r[2] {
                grey.put_pixel(x, y, image::Luma([255]));
            }
        }
    }
    // Buttons ("Follow", "Subscribe") are light text on a dark pill; Tesseract's layout takes
    // the pill for a picture and drops the text beside it with it (the author's name).
    for (r, margin) in find_buttons(&grey, line_px) {
        lighten_button(&mut grey, r, margin);
    }
    flatten_panels(&mut grey, line_px, invert);
    // In a dark theme an accent bar (bright on the dark bubble) becomes a solid black stroke
    // once inverted; in light themes erasing the thinner coloured bar lost more lines than it
    // saved (Telegram sets: light CER 12.6 % → 17.3 %, dark 13.0 % → 10.7 %).
    if invert {
        erase_quote_bars(&mut grey, line_px);
    }
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
        grey = resize_grey(&grey, nw, nh);
        scale = nw as f32 / w as f32;
    }
    Prepared {
        grey,
        scale,
        theme,
        background,
        line_px,
        pictures,
    }
}

/// Resizes a grey image: Catmull-Rom when enlarging, a triangle (area-weighted) filter when
/// shrinking. The same arithmetic as `image::imageops::resize` (vertical pass into floats,
/// then horizontal, same weights and summation order, so the same pixels) on one channel
/// instead of four, with a fast final rounding: that generic version was most of prepare's time.
pub fn resize_grey(src: &GrayImage, nw: u32, nh: u32) -> GrayImage {
    let (w, h) = src.dimensions();
    if w == 0 || h == 0 || nw == 0 || nh == 0 {
        return GrayImage::new(nw, nh);
    }
    let (w, nwu) = (w as usize, nw as usize);
    // Vertical pass: each row of `mid` (w × nh) is a weighted sum of whole source rows.
    let mut mid = vec![0f32; w * nh as usize];
    let mut ws = Vec::new();
    for (o, mrow) in mid.chunks_exact_mut(w).enumerate() {
        let left = taps(h, nh, o, &mut ws);
        for (i, &k) in ws.iter().enumerate() {
            let row = &src.as_raw()[(left + i) * w..(left + i + 1) * w];
            for (m, &p) in mrow.iter_mut().zip(row) {
                *m += f32::from(p) * k;
            }
        }
    }
    // Horizontal pass, per output pixel.
    let mut out = vec![0u8; nwu * nh as usize];
    let mut xs: Vec<(usize, Vec<f32>)> = Vec::with_capacity(nwu);
    for o in 0..nwu {
        let left = taps(w as u32, nw, o, &mut ws);
        xs.push((left, ws.clone()));
    }
    for (mrow, orow) in mid.chunks_exact(w).zip(out.chunks_exact_mut(nwu)) {
        for ((left, ks), d) in xs.iter().zip(orow.iter_mut()) {
            let mut t = 0f32;
            for (&k, &p) in ks.iter().zip(&mrow[*left..]) {
                t += p * k;
            }
            // Round half up; `t` is not negative after the clamp.
            *d = (t.clamp(0.0, 255.0) + 0.5) as u8;
        }
    }
    GrayImage::from_raw(nw, nh, out).expect("buffer of the right size")
}

/// Weights of the source pixels that make output pixel `o` when `from` pixels become `to`;
/// returns the first source index. Catmull-Rom when enlarging, triangle when shrinking.
fn taps(from: u32, to: u32, o: usize, ws: &mut Vec<f32>) -> usize {
    let ratio = from as f32 / to as f32;
    let (sratio, support) = if ratio < 1.0 {
        (1.0, 2.0)
    } else {
        (ratio, 1.0)
    };
    let kernel = |x: f32| {
        let a = x.abs();
        if ratio < 1.0 {
            // Catmull-Rom: the B = 0, C = 0.5 cubic spline, written as `image` writes it.
            let (b, c) = (0.0f32, 0.5f32);
            let k = if a < 1.0 {
                (12.0 - 9.0 * b - 6.0 * c) * a.powi(3)
                    + (-18.0 + 12.0 * b + 6.0 * c) * a.powi(2)
                    + (6.0 - 2.0 * b)
            } else if a < 2.0 {
                (-b - 6.0 * c) * a.powi(3)
                    + (6.0 * b + 30.0 * c) * a.powi(2)
                    + (-12.0 * b - 48.0 * c) * a
                    + (8.0 * b + 24.0 * c)
            } else {
                0.0
            };
            k / 6.0
        } else if a < 1.0 {
            1.0 - a
        } else {
            0.0
        }
    };
    let centre = (o as f32 + 0.5) * ratio;
    let src_support = support * sratio;
    let left = ((centre - src_support).floor() as i64).clamp(0, i64::from(from) - 1);
    let right = ((centre + src_support).ceil() as i64).clamp(left + 1, i64::from(from));
    let centre = centre - 0.5;
    ws.clear();
    let mut sum = 0.0;
    for i in left..right {
        let k = kernel((i as f32 - centre) / sratio);
        ws.push(k);
        sum += k;
    }
    for k in ws.iter_mut() {
        *k /= sum;
    }
    left as usize
}

/// The page colour: the most common colour among a grid sample of pixels, quantised to 4 bits
/// per channel and then averaged over the winning bin, so JPEG noise does not split the vote.
/// A photo or a chat wallpaper can cover more of a screenshot than the page the text sits on,
/// so among the colours with at least a quarter of the leader's votes the one with the most
/// samples right before a sharp edge (glyph ink) wins; ink itself, next to an edge almost
/// everywhere, is no page.
pub fn background_colour(rgb: &RgbImage) -> [u8; 3] {
    let (w, h) = rgb.dimensions();
    let step = (((w as u64 * h as u64) / 40_000) as f64).sqrt().max(1.0) as u32;
    let mut counts = vec![0u32; 4096];
    let mut inked = vec![0u32; 4096];
    let mut sums = vec![[0u64; 3]; 4096];
    let lum = |p: [u8; 3]| luma(p[0], p[1], p[2]);
    let mut y = 0;
    while y < h {
        let mut x = 0;
        while x < w {
            let p = rgb.get_pixel(x, y).0;
            let bin = (usize::from(p[0] >> 4) << 8)
                | (usize::from(p[1] >> 4) << 4)
                | usize::from(p[2] >> 4);
            counts[bin] += 1;
            for c in 0..3 {
                sums[bin][c] += u64::from(p[c]);
            }
            let l = lum(p);
            if (x + 1..(x + 5).min(w)).any(|xx| (lum(rgb.get_pixel(xx, y).0) - l).abs() > 90.0) {
                inked[bin] += 1;
            }
            x += step;
        }
        y += step;
    }
    let top = counts.iter().copied().max().unwrap_or(0);
    let (bin, _) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(b, &c)| {
            // Glyph ink itself is next to an edge nearly everywhere; a page only in part.
            if 4 * c >= top && 2 * inked[b] <= c {
                (1, inked[b], c)
            } else {
                (0, 0, c)
            }
        })
        .unwrap();
    let n = u64::from(counts[bin].max(1));
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

/// Maps the page level to white and the darkest ink (1st percentile) to black. Returns the
/// mapping (identity when the image was left alone).
fn stretch_contrast(grey: &mut GrayImage) -> [u8; 256] {
    let mut hist = [0u32; 256];
    for p in grey.pixels() {
        hist[usize::from(p.0[0])] += 1;
    }
    let total: u32 = hist.iter().sum();
    let page = hist
        .iter()
        .enumerate()
        .max_by_key(|(_, c)| **c)
        .map(|(i, _)| i)
        .unwrap_or(255);
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
        // No clear text contrast; leave the image alone.
        return std::array::from_fn(|i| i as u8);
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
    lut
}

/// Photo-like regions: connected areas of cells whose grey levels spread over many values.
///
/// Text, icons and flat UI, antialiased or not, are blends of two or three colours; photos and
/// avatars are continuous tones. A region that is mostly page white is text (JPEG ringing
/// around small glyphs spreads their cells over many grey levels too), not a picture. Blanking them before recognition stops Tesseract from reading
/// a face as "f 4 2 y" and saves its time. Only regions at least ~2 text lines tall and wide
/// count, so emoji and badges stay.
pub fn find_pictures(grey: &GrayImage, line_px: f32) -> Vec<[u32; 4]> {
    let (w, h) = grey.dimensions();
    let lp = if line_px > 0.0 { line_px } else { 16.0 };
    let c = ((lp / 2.0) as u32).clamp(4, 40);
    let (gw, gh) = (w / c, h / c);
    if gw < 2 || gh < 2 {
        return vec![];
    }
    let mut pict = vec![false; (gw * gh) as usize];
    for cy in 0..gh {
        for cx in 0..gw {
            let mut bins = [0u32; 16];
            for &v in cell_pixels(grey, c, cx, cy) {
                bins[usize::from(v >> 4)] += 1;
            }
            let need = c * c / 20;
            let spread = bins.iter().filter(|&&b| b >= need.max(2)).count();
            // Text, however many levels JPEG noise spreads its edges over, stays two-toned:
            // dark ink (contrast is stretched to black) on a light page or bubble, few pixels
            // between. Photos are mostly in-between tones.
            let top = bins.iter().rposition(|&b| b >= need.max(2)).unwrap_or(0);
            let dark: u32 = bins[..4].iter().sum();
            let mid: u32 = bins[4..top.saturating_sub(1).max(4)].iter().sum();
            let light = bins[top] + bins[top.saturating_sub(1)];
            let two_toned = top >= 12
                && light * 10 >= c * c * 3
                && dark * 100 >= c * c * 3
                && mid * 10 <= c * c * 4;
            pict[(cy * gw + cx) as usize] = spread >= 5 && !two_toned;
        }
    }
    let min_cells = ((2.2 * lp) / c as f32).ceil() as u32;
    let mut out = Vec::new();
    for (x0, y0, x1, y1, n) in components(&pict, gw, gh) {
        let (bw, bh) = (x1 - x0 + 1, y1 - y0 + 1);
        if std::env::var_os("POSTOCR_DEBUG_PICTURES").is_some() && n >= 4 {
            let r = [x0 * c, y0 * c, (x1 + 1) * c, (y1 + 1) * c];
            let (flat, ink) = flat_and_ink_shares(grey, r);
            eprintln!(
                "picture cand: {r:?} cells {bw}x{bh} n {n} min {min_cells} page {:.3} flat {flat:.3} ink {ink:.3}",
                page_share(grey, r)
            );
        }
        if bw >= min_cells && bh >= min_cells && n * 2 >= bw * bh {
            // Small text on a low-quality JPEG rings into many grey levels too, but it stays
            // on the page: most of a text region is page white, little of a photo is.
            let r = [x0 * c, y0 * c, (x1 + 1) * c, (y1 + 1) * c];
            let page = page_share(grey, r);
            if page >= 0.5 {
                continue;
            }
            // A row of reaction pills over a bubble's footer (a colour emoji beside its count,
            // the grey views and time under it), or a reply block's tinted panel with a
            // coloured name, JPEG ringing round all of it: a few lines tall, wider than tall,
            // and mostly light (page, bubble or tint). Avatars are square, photos in chats and
            // posts are larger.
            let (pw, ph) = ((bw * c) as f32, (bh * c) as f32);
            if ph <= 3.0 * lp && pw >= 1.8 * ph && (page >= 0.35 || light_share(grey, r) >= 0.6) {
                continue;
            }
            // The same on a bubble in its own colour (a dark theme's bubbles are mid or light
            // grey once inverted): most of the region is one flat level round dark glyphs. A
            // photo's tones spread; a blurred backdrop is smooth but holds no ink.
            let (flat, ink) = flat_and_ink_shares(grey, r);
            if flat >= 0.5 && ink >= 0.02 {
                continue;
            }
            // Border cells are only partly photo: widen by half a cell to take the rim too.
            let m = c / 2 + 2;
            let (px, py) = ((x0 * c).saturating_sub(m), (y0 * c).saturating_sub(m));
            let pw = ((x1 + 1) * c + m).min(w) - px;
            let ph = ((y1 + 1) * c + m).min(h) - py;
            out.push([px, py, pw, ph]);
        }
    }
    out
}

/// Lifts a light theme's chat wallpaper to page white. Telegram draws a chat's bubbles as flat
/// rounded rectangles (white incoming, light green outgoing) over a wallpaper: a gradient in
/// mid greens or blues under a faint pattern. After the contrast stretch the bubbles are white
/// but the wallpaper stays a mid grey, often darker than the small grey footer text; every row
/// of it reads as ink (the line height comes out as tall as the chat, so small text is not
/// enlarged) and Tesseract's binarisation turns it black, its layout taking the chat for a
/// picture and dropping the bubbles' text.
///
/// A bubble's light (from `light`, the stretched level between a light bubble's colour and the
/// lightest wallpaper's) is one connected area round its glyphs, so each light area at least a
/// small bubble's size is a surface, and in each of its rows everything from its leftmost to
/// its rightmost pixel is kept (the glyphs, a page's L-shaped panels); the rest is backdrop.
/// The backdrop is whitened when it is a large share of the image, not mostly dark (a photo's
/// shadows), with at least one surface floating on it (a bubble clear of the image's sides; a
/// page split by a full-width photo has none). Date and service pills on the wallpaper go with
/// it: they are not post text. Returns whether the backdrop was whitened.
pub fn whiten_backdrop(grey: &mut GrayImage, light: u8) -> bool {
    let (w, h) = grey.dimensions();
    if w < 8 || h < 8 {
        return false;
    }
    let debug = std::env::var_os("POSTOCR_DEBUG_PANELS").is_some();
    let n = (w * h) as usize;
    let raw = grey.as_raw();
    let (covered, floating) = surfaces(raw, w, h, light, debug);
    if !floating {
        return false;
    }
    let (mut back, mut dark) = (0u64, 0u64);
    for (i, &v) in raw.iter().enumerate() {
        if !covered[i] {
            back += 1;
            if v < 60 {
                dark += 1;
            }
        }
    }
    let ok = back * 100 >= n as u64 * 15 && dark * 10 <= back * 7;
    if debug {
        eprintln!(
            "backdrop: {:.3} of the image, dark {:.3}: {}",
            back as f32 / n as f32,
            dark as f32 / back.max(1) as f32,
            if ok { "whitened" } else { "kept" }
        );
    }
    if !ok {
        return false;
    }
    // A bubble's antialiased rim and shadow are darker than its fill: kept, they would draw a
    // frame round the text. Pixels of a surface within 2 px of the backdrop and under the
    // light level go with it (text keeps a bubble's padding from its edge).
    let near = |i: usize| {
        let (x, y) = ((i as u32) % w, (i as u32) / w);
        (1..=2u32).any(|d| {
            (x >= d && !covered[i - d as usize])
                || (x + d < w && !covered[i + d as usize])
                || (y >= d && !covered[i - (d * w) as usize])
                || (y + d < h && !covered[i + (d * w) as usize])
        })
    };
    let rim: Vec<usize> = (0..n)
        .filter(|&i| covered[i] && raw[i] < light && near(i))
        .collect();
    for (p, c) in grey.iter_mut().zip(&covered) {
        if !c {
            *p = 255;
        }
    }
    for i in rim {
        grey.as_mut()[i] = 255;
    }
    true
}

/// The surfaces of [`whiten_backdrop`]: every 4-connected area of pixels at `light` or above
/// at least a small bubble's size (a one-line bubble at three quarters scale: ~24 px tall, a
/// few words wide) covers, in each of its rows, everything from its leftmost to its rightmost
/// pixel. Returns the covered pixels and whether any surface floats (is clear of the image's
/// sides).
///
/// Areas are found as horizontal runs joined with the overlapping runs of the row above
/// (union-find), not pixel by pixel: the same areas as a flood fill (pixels of adjacent rows
/// touch when they share a column, and runs do when their spans overlap), in a fraction of
/// the time on the large white areas of light pages.
fn surfaces(raw: &[u8], w: u32, h: u32, light: u8, debug: bool) -> (Vec<bool>, bool) {
    const MIN_H: u32 = 14;
    const MIN_W: u32 = 30;
    let (wu, hu) = (w as usize, h as usize);
    // (x0, x1) inclusive, row by row; row_start[y]..row_start[y + 1] are row y's runs.
    let mut runs: Vec<(u32, u32)> = Vec::new();
    let mut row_start: Vec<usize> = Vec::with_capacity(hu + 1);
    for y in 0..hu {
        row_start.push(runs.len());
        let row = &raw[y * wu..(y + 1) * wu];
        let mut x = 0;
        while x < wu {
            if row[x] >= light {
                let s = x;
                while x < wu && row[x] >= light {
                    x += 1;
                }
                runs.push((s as u32, (x - 1) as u32));
            } else {
                x += 1;
            }
        }
    }
    row_start.push(runs.len());
    let mut parent: Vec<u32> = (0..runs.len() as u32).collect();
    fn find(p: &mut [u32], mut i: u32) -> u32 {
        while p[i as usize] != i {
            p[i as usize] = p[p[i as usize] as usize];
            i = p[i as usize];
        }
        i
    }
    for y in 1..hu {
        let (mut i, a1) = (row_start[y - 1], row_start[y]);
        let (mut j, b1) = (row_start[y], row_start[y + 1]);
        while i < a1 && j < b1 {
            let (ax0, ax1) = runs[i];
            let (bx0, bx1) = runs[j];
            if ax1 >= bx0 && bx1 >= ax0 {
                let (ra, rb) = (find(&mut parent, i as u32), find(&mut parent, j as u32));
                if ra != rb {
                    let (lo, hi) = (ra.min(rb), ra.max(rb));
                    parent[hi as usize] = lo;
                }
            }
            if ax1 < bx1 {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    // Each run's area, and each area's box (indexed by its root run).
    let mut root = vec![0u32; runs.len()];
    let mut bbox = vec![[u32::MAX, u32::MAX, 0u32, 0u32]; runs.len()];
    for y in 0..hu {
        for r in row_start[y]..row_start[y + 1] {
            let k = find(&mut parent, r as u32);
            root[r] = k;
            let b = &mut bbox[k as usize];
            let (x0, x1) = runs[r];
            b[0] = b[0].min(x0);
            b[1] = b[1].min(y as u32);
            b[2] = b[2].max(x1);
            b[3] = b[3].max(y as u32);
        }
    }
    let big = |b: &[u32; 4]| b[3] - b[1] + 1 >= MIN_H && b[2] - b[0] + 1 >= MIN_W;
    let mut floating = false;
    for (r, b) in bbox.iter().enumerate() {
        if root[r] != r as u32 || !big(b) {
            continue;
        }
        let [x0, y0, x1, y1] = *b;
        if debug && (x1 - x0 + 1) * (y1 - y0 + 1) >= 400 {
            eprintln!("backdrop: surface {x0},{y0}..{x1},{y1}");
        }
        if x0 > 0 && y0 > 0 && x1 + 1 < w && y1 + 1 < h {
            floating = true;
        }
    }
    // Per row, each large area's span from its leftmost to its rightmost run.
    let mut covered = vec![false; wu * hu];
    let mut seen_row = vec![u32::MAX; runs.len()];
    let mut slot = vec![0usize; runs.len()];
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for y in 0..hu {
        spans.clear();
        for r in row_start[y]..row_start[y + 1] {
            let k = root[r] as usize;
            if !big(&bbox[k]) {
                continue;
            }
            let (x0, x1) = runs[r];
            if seen_row[k] == y as u32 {
                let sp = &mut spans[slot[k]];
                sp.0 = sp.0.min(x0);
                sp.1 = sp.1.max(x1);
            } else {
                seen_row[k] = y as u32;
                slot[k] = spans.len();
                spans.push((x0, x1));
            }
        }
        for &(x0, x1) in &spans {
            covered[y * wu + x0 as usize..=y * wu + x1 as usize].fill(true);
        }
    }
    (covered, floating)
}

/// [`surfaces`] pixel by pixel with a flood fill, as first written: the reference the run
/// version is tested against.
#[cfg(test)]
fn surfaces_flood(raw: &[u8], w: u32, h: u32, light: u8) -> (Vec<bool>, bool) {
    let debug = false;
    let n = (w * h) as usize;
    // Bubbles (white or light green) are `light` and above, the wallpaper below.
    // A one-line bubble at three quarters scale: ~24 px tall, a few words wide.
    const MIN_H: u32 = 14;
    const MIN_W: u32 = 30;
    let mut seen = vec![false; n];
    let mut covered = vec![false; n];
    let mut floating = false;
    let (mut rmin, mut rmax) = (vec![u32::MAX; h as usize], vec![0u32; h as usize]);
    let mut rows: Vec<u32> = Vec::new();
    let mut stack: Vec<u32> = Vec::new();
    for start in 0..n {
        if seen[start] || raw[start] < light {
            continue;
        }
        seen[start] = true;
        stack.push(start as u32);
        let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            let yu = y as usize;
            if rmin[yu] == u32::MAX {
                rows.push(y);
            }
            rmin[yu] = rmin[yu].min(x);
            rmax[yu] = rmax[yu].max(x);
            let mut visit = |j: u32| {
                let j = j as usize;
                if !seen[j] && raw[j] >= light {
                    seen[j] = true;
                    stack.push(j as u32);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        let (bw, bh) = (x1 - x0 + 1, y1 - y0 + 1);
        if bh >= MIN_H && bw >= MIN_W {
            if debug && bw * bh >= 400 {
                eprintln!("backdrop: surface {x0},{y0}..{x1},{y1}");
            }
            if x0 > 0 && y0 > 0 && x1 + 1 < w && y1 + 1 < h {
                floating = true;
            }
            for &y in &rows {
                let yu = y as usize;
                covered[(y * w + rmin[yu]) as usize..=(y * w + rmax[yu]) as usize].fill(true);
            }
        }
        for &y in &rows {
            rmin[y as usize] = u32::MAX;
            rmax[y as usize] = 0;
        }
        rows.clear();
    }
    (covered, floating)
}

/// Lifts flat mid-grey panels to page white: a chat bubble in its own colour (Telegram's
/// outgoing bubbles in a dark theme, #2b5278, become a grey of ~130 once inverted) with
/// dark text on it. Tesseract's page segmentation takes such a grey box for a picture and
/// drops the text in it. A panel is a connected area of cells that are one flat mid-grey level
/// holding dark ink, wider than tall or several lines wide (flat avatars are
/// square and small), and every pixel of its box is scaled so that the level becomes white.
pub fn flatten_panels(grey: &mut GrayImage, line_px: f32, inverted: bool) {
    let (w, h) = grey.dimensions();
    let lp = if line_px > 0.0 { line_px } else { 16.0 };
    let c = ((lp / 2.0) as u32).clamp(3, 40);
    let (gw, gh) = (w / c, h / c);
    if gw < 2 || gh < 2 {
        return;
    }
    // The level of each cell that is flat: nearly all its pixels within a few steps of one.
    let mut level = vec![0u8; (gw * gh) as usize];
    // Flat dark cells: solid areas (a drawing, a dark photo's shapes), not text strokes.
    let mut solid = vec![false; (gw * gh) as usize];
    for cy in 0..gh {
        for cx in 0..gw {
            let mut hist = [0u32; 256];
            for &v in cell_pixels(grey, c, cx, cy) {
                hist[usize::from(v)] += 1;
            }
            // The nine-level window holding most pixels: after the gamma stretch neighbouring
            // input levels of a mid grey lie 2–6 apart, and a JPEG's blocks step a flat bubble
            // between two or three of them, so the window is not centred on the commonest.
            let (mut near, mut best_lo) = (0u32, 247usize);
            let mut run: u32 = hist[..9].iter().sum();
            for lo in 0..=247 {
                if lo > 0 {
                    run = run + hist[lo + 8] - hist[lo - 1];
                }
                if run > near {
                    near = run;
                    best_lo = lo;
                }
            }
            // The level is the window's mean, not its centre: a PNG's flat bubble lies on one
            // level that every window reaching it holds, and the first of them would put the
            // level four below the bubble (lifting the glyphs' light edges with it).
            let mode = if near == 0 {
                255
            } else {
                let sum: u32 = (best_lo..best_lo + 9).map(|i| i as u32 * hist[i]).sum();
                ((sum + near / 2) / near) as usize
            };
            if near * 100 >= c * c * 92 {
                if (90..=232).contains(&mode) {
                    level[(cy * gw + cx) as usize] = mode as u8;
                } else if mode < 90 {
                    solid[(cy * gw + cx) as usize] = true;
                }
            }
        }
    }
    let mut seen = vec![false; level.len()];
    for start in 0..level.len() {
        if level[start] == 0 || seen[start] {
            continue;
        }
        let mut stack = vec![start];
        seen[start] = true;
        let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
        let mut levels: Vec<u8> = Vec::new();
        while let Some(i) = stack.pop() {
            let (x, y) = (i as u32 % gw, i as u32 / gw);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            levels.push(level[i]);
            for (nx, ny) in [
                (x.wrapping_sub(1), y),
                (x + 1, y),
                (x, y.wrapping_sub(1)),
                (x, y + 1),
            ] {
                if nx < gw && ny < gh {
                    let j = (ny * gw + nx) as usize;
                    if level[j] != 0 && !seen[j] && level[j].abs_diff(level[i]) <= 6 {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        let (bw, bh) = (((x1 - x0 + 1) * c) as f32, ((y1 - y0 + 1) * c) as f32);
        let n = levels.len() as f32;
        let cells = ((x1 - x0 + 1) * (y1 - y0 + 1)) as f32;
        // A bubble: a line and its padding tall, wide, and much of it its flat colour (text holes).
        if bh < 1.3 * lp || !(bw >= 1.6 * bh || bw >= 6.0 * lp) || n < 0.25 * cells || n < 12.0 {
            continue;
        }
        levels.sort_unstable();
        let l = u32::from(levels[levels.len() / 2]);
        // A bubble holds dark ink; a backdrop (a light theme's chat wallpaper) holds lighter
        // bubbles and cards, whose grey text must not be lifted.
        let (bx1, by1) = (((x1 + 1) * c).min(w), ((y1 + 1) * c).min(h));
        // A picture's flat shapes: dark areas, not strokes.
        let dark_cells = (y0..=y1)
            .flat_map(|y| (x0..=x1).map(move |x| (y * gw + x) as usize))
            .filter(|&i| solid[i])
            .count();
        if dark_cells >= 2 {
            continue;
        }
        // Text rows break a bubble's flat cells apart, so the cells found may be only a part of
        // it (a JPEG's noise, a small scale's thin padding): the box grows while the next
        // column or row is still mostly the bubble's level or its ink, not the page's light.
        let (mut px0, mut py0, mut px1, mut py1) = (x0 * c, y0 * c, bx1, by1);
        // The page's light starts 30 above the level. On an inverted (dark) page a light bubble
        // is told from the white page halfway to white: a dark theme's incoming bubbles are
        // ~225 once inverted, and text rows break their flat cells so that a short message's
        // cells are only the part beside its words.
        let page_from = if inverted {
            (l + 30).min((l + 255) / 2)
        } else {
            l + 30
        };
        let page = |v: &u8| u32::from(*v) > page_from;
        let col_ok = |g: &GrayImage, x: u32, y0: u32, y1: u32| {
            let n = (y0..y1).filter(|&y| page(&g.get_pixel(x, y).0[0])).count() as u32;
            n * 2 < y1 - y0
        };
        let row_ok = |g: &GrayImage, y: u32, x0: u32, x1: u32| {
            let row = &g.as_raw()[(y * w + x0) as usize..(y * w + x1) as usize];
            (row.iter().filter(|v| page(v)).count() as u32) * 2 < x1 - x0
        };
        // (On a light page only a clearly mid-grey bubble: a lighter panel there is a quote or
        // reply block inside a white bubble, whose edge keeps the quoted text apart, or a pale
        // wallpaper.)
        // On an inverted page the halfway mark must stand clear of a JPEG's noise round the
        // level (a few steps either side after the stretch): a panel above 230 (a composer
        // bar's faint field) is left to its own cells.
        while l <= 200 || (inverted && l <= 230) {
            let mut grew = false;
            if px1 < w && col_ok(grey, px1, py0, py1) {
                px1 += 1;
                grew = true;
            }
            if px0 > 0 && col_ok(grey, px0 - 1, py0, py1) {
                px0 -= 1;
                grew = true;
            }
            if py1 < h && row_ok(grey, py1, px0, px1) {
                py1 += 1;
                grew = true;
            }
            if py0 > 0 && row_ok(grey, py0 - 1, px0, px1) {
                py0 -= 1;
                grew = true;
            }
            if !grew {
                break;
            }
        }
        // A strip of backdrop with no ink needs nothing; the ink is counted in the grown box
        // (a piece of a bubble between its text rows holds none itself). When the grown box
        // fails (it ran into a translucent bubble's lighter blur), the flat cells' own box may
        // still pass.
        let mut checked = panel_check(grey, [px0, py0, px1, py1], l, c, page_from, &solid);
        if !checked.0 && [px0, py0, px1, py1] != [x0 * c, y0 * c, bx1, by1] {
            let own = panel_check(grey, [x0 * c, y0 * c, bx1, by1], l, c, page_from, &solid);
            if own.0 {
                (px0, py0, px1, py1) = (x0 * c, y0 * c, bx1, by1);
                checked = own;
            }
        }
        let (ok, bright, ink, light) = checked;
        let area = (px1 - px0) as f32 * (py1 - py0) as f32;
        if !ok {
            if std::env::var_os("POSTOCR_DEBUG_PANELS").is_some() {
                eprintln!(
                    "panel refused: level {l}, cells {x0},{y0}..{x1},{y1} of {c} px, bright cells {bright} ink {ink} light {light:.3} area {area}"
                );
            }
            // Its other pieces in the grown box (a backdrop's strips between its bubbles)
            // are refused with it, not grown again.
            for cy in py0 / c..(py1 / c).min(gh) {
                for cx in px0 / c..(px1 / c).min(gw) {
                    let i = (cy * gw + cx) as usize;
                    if u32::from(level[i]).abs_diff(l) <= 6 {
                        seen[i] = true;
                    }
                }
            }
            continue;
        }
        if std::env::var_os("POSTOCR_DEBUG_PANELS").is_some() {
            eprintln!(
                "panel: level {l}, cells {x0},{y0}..{x1},{y1} of {c} px, grown {px0},{py0}..{px1},{py1}, light {light:.3}"
            );
        }
        // The cells of the grown box are done: another piece of the same bubble is not
        // lifted twice.
        for cy in py0 / c..(py1 / c).min(gh) {
            for cx in px0 / c..(px1 / c).min(gw) {
                let i = (cy * gw + cx) as usize;
                if i != start {
                    seen[i] = true;
                }
            }
        }
        let mut lut = [0u8; 256];
        for (i, v) in lut.iter_mut().enumerate() {
            *v = ((i as u32 * 255 + l / 2) / l).min(255) as u8;
        }
        for y in py0..py1 {
            for x in px0..px1 {
                let p = grey.get_pixel_mut(x, y);
                p.0[0] = lut[usize::from(p.0[0])];
            }
        }
    }
}

/// Whether the box `x0, y0, x1, y1` is a panel of level `l` to lift: it holds dark ink (1 % of
/// it) and no lighter panels (a backdrop's bubbles and cards fill whole cells with light; a
/// JPEG's ringing round glyphs and a bubble's round corners do not; the box's rim cells are
/// not counted), and little of it is lighter than the level at all: a bubble is its own colour
/// and its ink up to its edge, while a strip of backdrop grown along a lighter bubble's edge
/// takes a band of that bubble in (its rows are under half light, so the growth went on).
/// Nor does it hold solid dark cells (a picture's dark areas, which the growth may reach from
/// the picture's own flat shapes: glyphs are strokes and fill no cell).
/// With the count of light cells, of ink pixels and the light pixels' share.
fn panel_check(
    grey: &GrayImage,
    r: [u32; 4],
    l: u32,
    c: u32,
    page_from: u32,
    solid: &[bool],
) -> (bool, u32, u32, f32) {
    let [px0, py0, px1, py1] = r;
    let w = grey.width();
    let (mut ink, mut light) = (0u32, 0u32);
    for y in py0..py1 {
        let row = &grey.as_raw()[(y * w + px0) as usize..(y * w + px1) as usize];
        ink += row.iter().filter(|&&v| u32::from(v) < l / 2).count() as u32;
        light += row.iter().filter(|&&v| u32::from(v) > page_from).count() as u32;
    }
    let gw = w / c;
    let (mut bright, mut dark) = (0u32, 0u32);
    for cy in (py0 / c + 1)..(py1 / c).saturating_sub(1) {
        for cx in (px0 / c + 1)..(px1 / c).saturating_sub(1) {
            if solid[(cy * gw + cx) as usize] {
                dark += 1;
            }
            let n = cell_pixels(grey, c, cx, cy)
                .filter(|&&v| u32::from(v) > page_from)
                .count() as u32;
            if n * 2 > c * c {
                bright += 1;
            }
        }
    }
    let area = (px1 - px0) as f32 * (py1 - py0) as f32;
    let light_share = light as f32 / area.max(1.0);
    let ok = bright < 2 && dark < 2 && ink as f32 >= 0.01 * area && light_share <= 0.12;
    (ok, bright, ink, light_share)
}

/// Erases accent bars: solid dark vertical strokes a few pixels wide and two to eight text
/// lines tall, standing alone (a reply or quote block's coloured left edge in Telegram, a
/// blockquote's rule, a thread's connector line). No glyph is taller than a line; Tesseract's
/// layout analysis takes such a bar for a column rule or a picture's edge and drops the short
/// lines beside it (a quoted sender's name, a one-word message under the quote).
pub fn erase_quote_bars(grey: &mut GrayImage, line_px: f32) {
    if line_px <= 0.0 {
        return;
    }
    let (w, h) = grey.dimensions();
    let lp = line_px;
    let (min_run, max_run) = ((1.6 * lp).ceil() as u32, (8.0 * lp) as u32);
    let max_width = ((0.35 * lp).round() as u32).max(2);
    let dark = |v: u8| v < 110;
    // Vertical runs of dark pixels of a bar's length: (x, y0, y1 exclusive).
    let mut runs: Vec<(u32, u32, u32)> = Vec::new();
    for x in 0..w {
        let mut start = None;
        for y in 0..=h {
            let ink = y < h && dark(grey.get_pixel(x, y).0[0]);
            match (ink, start) {
                (true, None) => start = Some(y),
                (false, Some(y0)) => {
                    if (min_run..=max_run).contains(&(y - y0)) {
                        runs.push((x, y0, y));
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
    // Runs of neighbouring columns with (nearly) the same ends make one bar.
    // Only bars the previous column reached can take a run, so each run looks at those alone
    // (runs of one column never overlap, so at most one of them is near).
    let mut bars: Vec<(u32, u32, u32, u32)> = Vec::new(); // x0, x1 inclusive, y0, y1
    let (mut prev, mut cur): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut col = None;
    for &(x, y0, y1) in &runs {
        if col != Some(x) {
            prev = if col.is_some_and(|c| c + 1 == x) {
                std::mem::take(&mut cur)
            } else {
                Vec::new()
            };
            cur.clear();
            col = Some(x);
        }
        let near = |b: &(u32, u32, u32, u32)| {
            b.1 + 1 == x && b.2.abs_diff(y0) <= 3 && b.3.abs_diff(y1) <= 3
        };
        if let Some(&i) = prev.iter().find(|&&i| near(&bars[i])) {
            let b = &mut bars[i];
            b.1 = x;
            b.2 = b.2.min(y0);
            b.3 = b.3.max(y1);
            cur.push(i);
        } else {
            bars.push((x, x, y0, y1));
            cur.push(bars.len() - 1);
        }
    }
    for (x0, x1, y0, y1) in bars {
        if x1 - x0 + 1 > max_width {
            continue;
        }
        // Alone on a light bubble or page: the columns just past its antialiased rim are
        // light (not a strip of dark wallpaper between two bubbles, not a shape's edge).
        if x0 < 3 || x1 + 3 >= w {
            continue;
        }
        let light = |x: u32| {
            (y0..y1)
                .filter(|&y| grey.get_pixel(x, y).0[0] >= 170)
                .count()
        };
        let most = ((y1 - y0) * 4 / 5) as usize;
        if light(x0 - 2) < most && light(x0 - 3) < most {
            continue;
        }
        if light(x1 + 2) < most && light(x1 + 3) < most {
            continue;
        }
        // The bar and its antialiased rim become page white.
        let (ex0, ex1) = (x0.saturating_sub(1), (x1 + 1).min(w - 1));
        let (ey0, ey1) = (y0.saturating_sub(1), (y1 + 1).min(h));
        for y in ey0..ey1 {
            for x in ex0..=ex1 {
                grey.put_pixel(x, y, image::Luma([255]));
            }
        }
    }
}

/// Share of the pixels in `x0, y0, x1, y1` that are page white (after [`stretch_contrast`]).
fn page_share(grey: &GrayImage, r: [u32; 4]) -> f32 {
    share_from(grey, r, 224)
}

/// Share of the pixels in `x0, y0, x1, y1` that are light (160 and above: page, a bubble's or a
/// tinted panel's colour, not ink or a photo's mid tones).
fn light_share(grey: &GrayImage, r: [u32; 4]) -> f32 {
    share_from(grey, r, 160)
}

/// Share of the pixels in `x0, y0, x1, y1` at `level` or lighter.
fn share_from(grey: &GrayImage, r: [u32; 4], level: u8) -> f32 {
    let w = grey.width();
    let (x1, y1) = (r[2].min(w), r[3].min(grey.height()));
    let mut n = 0u32;
    for y in r[1]..y1 {
        let row = &grey.as_raw()[(y * w + r[0]) as usize..(y * w + x1) as usize];
        n += row.iter().filter(|&&v| v >= level).count() as u32;
    }
    n as f32 / ((x1 - r[0]) * (y1 - r[1])).max(1) as f32
}

/// Two shares of the pixels in `x0, y0, x1, y1`: the largest within ±8 of one light or mid
/// grey level (90 and above: a bubble or panel, not dark ink or a dark photo's shadows), and
/// the dark ink's (text strokes after the stretch; a blurred backdrop's smooth tones have none).
fn flat_and_ink_shares(grey: &GrayImage, r: [u32; 4]) -> (f32, f32) {
    let w = grey.width();
    let (x1, y1) = (r[2].min(w), r[3].min(grey.height()));
    let mut hist = [0u32; 256];
    for y in r[1]..y1 {
        for &v in &grey.as_raw()[(y * w + r[0]) as usize..(y * w + x1) as usize] {
            hist[usize::from(v)] += 1;
        }
    }
    let best = (90..256)
        .map(|l: usize| hist[l - 8..(l + 9).min(256)].iter().sum::<u32>())
        .max()
        .unwrap_or(0);
    let ink: u32 = hist[..64].iter().sum();
    let area = ((x1 - r[0]) * (y1 - r[1])).max(1) as f32;
    (best as f32 / area, ink as f32 / area)
}

/// Avatars drawn in flat colours (initials, silhouettes, logos): solid, roughly square blobs
/// 1.5–6 text lines across. Glyphs are strokes and never fill a cell a quarter of a line wide;
/// badges and emoji are smaller; bubbles and cards are not square or hold the page colour.
pub fn find_avatars(grey: &GrayImage, line_px: f32) -> Vec<[u32; 4]> {
    let (w, h) = grey.dimensions();
    let lp = if line_px > 0.0 { line_px } else { 16.0 };
    let c = ((lp / 4.0) as u32).clamp(2, 20);
    let Some((solid, gw, gh)) = inked_cells(grey, c, 215, 9) else {
        return vec![];
    };
    let mut out = Vec::new();
    for (x0, y0, x1, y1, n) in components(&solid, gw, gh) {
        let (bw, bh) = (((x1 - x0 + 1) * c) as f32, ((y1 - y0 + 1) * c) as f32);
        let square = bw / bh > 0.7 && bw / bh < 1.4;
        let sized = bw >= 1.5 * lp && bw <= 6.0 * lp;
        if square && sized && n as f32 >= 0.6 * (x1 - x0 + 1) as f32 * (y1 - y0 + 1) as f32 {
            // The rim of a round avatar is antialiased: take a cell more on every side.
            let px = (x0 * c).saturating_sub(c + 1);
            let py = (y0 * c).saturating_sub(c + 1);
            out.push([
                px,
                py,
                ((x1 + 2) * c + 1).min(w) - px,
                ((y1 + 2) * c + 1).min(h) - py,
            ]);
        }
    }
    out
}

/// Pill buttons: solid dark bars one to four text lines tall and at least twice as wide as
/// tall (after theme normalisation every platform's primary button is one: "Follow",
/// "Subscribe", "Join"). Holes for the button's light text are allowed; text itself never
/// fills half of a box that wide; avatars are square and photos are blanked before.
pub fn find_buttons(grey: &GrayImage, line_px: f32) -> Vec<([u32; 4], u32)> {
    let (w, h) = grey.dimensions();
    if line_px <= 0.0 {
        return vec![];
    }
    let lp = line_px;
    let c = ((lp / 4.0) as u32).clamp(2, 20);
    let Some((dark, gw, gh)) = inked_cells(grey, c, 100, 7) else {
        return vec![];
    };
    let mut out = Vec::new();
    for (x0, y0, x1, y1, n) in components(&dark, gw, gh) {
        let (bw, bh) = (((x1 - x0 + 1) * c) as f32, ((y1 - y0 + 1) * c) as f32);
        let cells = (x1 - x0 + 1) * (y1 - y0 + 1);
        if bh >= 1.0 * lp && bh <= 4.0 * lp && bw >= 2.0 * bh && bw <= 14.0 * lp && n * 2 >= cells {
            // The pill's antialiased rim: a cell more on every side.
            let px = (x0 * c).saturating_sub(c);
            let py = (y0 * c).saturating_sub(c);
            let r = [
                px,
                py,
                ((x1 + 2) * c).min(w) - px,
                ((y1 + 2) * c).min(h) - py,
            ];
            out.push((r, c.min(x0 * c).min(y0 * c)));
        }
    }
    out
}

/// Turns a pill button into dark text on the page colour. The margin `find_buttons` added
/// round the pill (its antialiased rim) and the rounded ends (half the height each side,
/// never text) become page white; the middle is inverted.
fn lighten_button(grey: &mut GrayImage, r: [u32; 4], margin: u32) {
    let [x, y, bw, bh] = r;
    let (ix0, iy0) = (x + margin, y + margin);
    let (ix1, iy1) = (
        (x + bw).saturating_sub(margin),
        (y + bh).saturating_sub(margin),
    );
    let cap = ((bh / 2).saturating_sub(margin)).min(bw / 4);
    for yy in y..y + bh {
        for xx in x..x + bw {
            let inner = yy >= iy0 && yy < iy1 && xx >= ix0 + cap && xx + cap < ix1;
            let p = grey.get_pixel_mut(xx, yy);
            p.0[0] = if inner { 255 - p.0[0] } else { 255 };
        }
    }
}

/// The pixels of grid cell (`cx`, `cy`) of side `c`, row by row.
fn cell_pixels(grey: &GrayImage, c: u32, cx: u32, cy: u32) -> impl Iterator<Item = &u8> {
    let w = grey.width();
    (cy * c..(cy + 1) * c).flat_map(move |y| {
        grey.as_raw()[(y * w + cx * c) as usize..(y * w + (cx + 1) * c) as usize].iter()
    })
}

/// The image cut into `c`×`c` cells, each set when at least `tenths`/10 of its pixels are
/// darker than `below`; with the grid's width and height in cells (None when under 2×2).
fn inked_cells(grey: &GrayImage, c: u32, below: u8, tenths: u32) -> Option<(Vec<bool>, u32, u32)> {
    let w = grey.width();
    let (gw, gh) = (w / c, grey.height() / c);
    if gw < 2 || gh < 2 {
        return None;
    }
    let mut cells = vec![false; (gw * gh) as usize];
    for cy in 0..gh {
        for cx in 0..gw {
            let n = cell_pixels(grey, c, cx, cy).filter(|&&v| v < below).count() as u32;
            cells[(cy * gw + cx) as usize] = n * 10 >= c * c * tenths;
        }
    }
    Some((cells, gw, gh))
}

/// 4-connected components of set cells in a `gw`×`gh` grid: (x0, y0, x1, y1, cells).
fn components(cells: &[bool], gw: u32, gh: u32) -> Vec<(u32, u32, u32, u32, u32)> {
    let mut seen = vec![false; cells.len()];
    let mut out = Vec::new();
    for start in 0..cells.len() {
        if !cells[start] || seen[start] {
            continue;
        }
        let mut stack = vec![start];
        seen[start] = true;
        let (mut x0, mut y0, mut x1, mut y1, mut n) = (u32::MAX, u32::MAX, 0, 0, 0u32);
        while let Some(i) = stack.pop() {
            let (x, y) = (i as u32 % gw, i as u32 / gw);
            (x0, y0, x1, y1, n) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y), n + 1);
            for (nx, ny) in [
                (x.wrapping_sub(1), y),
                (x + 1, y),
                (x, y.wrapping_sub(1)),
                (x, y + 1),
            ] {
                if nx < gw && ny < gh {
                    let j = (ny * gw + nx) as usize;
                    if cells[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        out.push((x0, y0, x1, y1, n));
    }
    out
}

/// Median height of text lines: runs of rows with ink, measured in vertical strips so that an
/// avatar or photo beside the text does not merge several lines into one run.
pub fn median_line_height(grey: &GrayImage) -> f32 {
    let (w, h) = grey.dimensions();
    let strips = (w / 160).clamp(1, 12);
    let sw = w / strips;
    // (run height, the most ink pixels of one of its rows)
    let mut runs: Vec<(u32, usize)> = Vec::new();
    for s in 0..strips {
        let (x0, x1) = (s * sw, if s + 1 == strips { w } else { (s + 1) * sw });
        let mut run = 0u32;
        let mut densest = 0usize;
        for y in 0..=h {
            let inked = if y < h {
                let row = &grey.as_raw()[(y * w + x0) as usize..(y * w + x1) as usize];
                row.iter().filter(|&&v| v < 128).count()
            } else {
                0
            };
            if inked > 0 {
                run += 1;
                densest = densest.max(inked);
            } else {
                // Lines of text: not hairlines, not photos.
                if (5..=160).contains(&run) {
                    runs.push((run, densest));
                }
                run = 0;
                densest = 0;
            }
        }
    }
    let median = |mut v: Vec<u32>| -> f32 {
        if v.is_empty() {
            return 0.0;
        }
        v.sort_unstable();
        v[v.len() / 2] as f32
    };
    let all = median(runs.iter().map(|r| r.0).collect());
    // A photo's grain (a few dark specks a row in its light parts, in runs of 5-8 rows) can
    // outnumber the text rows: a dark Facebook post's line height came out 8 px and its text
    // was upscaled 4x. Runs with a row of six ink pixels or more are text; when they alone
    // give a much taller line, the grain had set it.
    let dense = median(runs.iter().filter(|r| r.1 >= 6).map(|r| r.0).collect());
    if dense > 1.5 * all { dense } else { all }
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
    fn page_is_the_colour_text_sits_on_not_the_largest_photo() {
        // A flat dark-green photo over most of the image, a white bubble with black strokes.
        let mut rgb = RgbImage::from_pixel(300, 100, image::Rgb([70, 104, 83]));
        for y in 0..100 {
            for x in 200..300 {
                let ink = y % 20 < 12 && x % 6 < 2;
                let v = if ink { 20 } else { 255 };
                rgb.put_pixel(x, y, image::Rgb([v, v, v]));
            }
        }
        assert_eq!(background_colour(&rgb), [255, 255, 255]);
        // With no text, the most common colour.
        let rgb = RgbImage::from_pixel(50, 50, image::Rgb([70, 104, 83]));
        assert_eq!(background_colour(&rgb), [70, 104, 83]);
    }

    #[test]
    fn dark_page_becomes_dark_on_light() {
        let mut img = RgbImage::from_pixel(60, 40, Rgb([0, 0, 0]));
        for x in 10..50 {
            for y in 15..25 {
                img.put_pixel(x, y, Rgb([0x71, 0x76, 0x7b])); // X's dark-mode grey text
            }
        }
        let p = prepare(
            &img,
            &PrepareConfig {
                keep_band: (0.0, 100.0),
                ..Default::default()
            },
        );
        assert_eq!(p.theme, Theme::Dark);
        assert_eq!(p.grey.get_pixel(0, 0).0[0], 255);
        assert!(
            p.grey.get_pixel(20, 20).0[0] < 60,
            "grey text must end up dark"
        );
    }

    #[test]
    fn quote_bar_is_erased_but_glyphs_and_wallpaper_strips_stay() {
        // A light bubble: a 3 px bar 40 px tall (a reply block's edge, lines 16 px), a glyph
        // stroke one line tall beside it, and a dark strip of wallpaper at the image edge.
        let mut g = GrayImage::from_pixel(120, 80, image::Luma([255]));
        for y in 10..50 {
            for x in 20..23 {
                g.put_pixel(x, y, image::Luma([20]));
            }
        }
        for y in 10..26 {
            for x in 40..43 {
                g.put_pixel(x, y, image::Luma([20]));
            }
        }
        for y in 0..80 {
            for x in 0..6 {
                g.put_pixel(x, y, image::Luma([60]));
            }
        }
        erase_quote_bars(&mut g, 16.0);
        assert_eq!(g.get_pixel(21, 30).0[0], 255, "the bar goes");
        assert_eq!(g.get_pixel(41, 15).0[0], 20, "a glyph's stroke stays");
        assert_eq!(g.get_pixel(2, 30).0[0], 60, "a wide dark strip stays");
    }

    #[test]
    fn resize_matches_the_image_crate() {
        let mut g = GrayImage::new(97, 61);
        for (x, y, p) in g.enumerate_pixels_mut() {
            p.0[0] = ((x * 37 + y * 91 + (x * y) % 23) % 256) as u8;
        }
        for (nw, nh, f) in [
            (211, 140, image::imageops::FilterType::CatmullRom),
            (40, 25, image::imageops::FilterType::Triangle),
        ] {
            let ours = resize_grey(&g, nw, nh);
            let theirs = image::imageops::resize(&g, nw, nh, f);
            let worst = ours
                .pixels()
                .zip(theirs.pixels())
                .map(|(a, b)| (i16::from(a.0[0]) - i16::from(b.0[0])).abs())
                .max()
                .unwrap();
            assert!(worst == 0, "{nw}x{nh}: differs by {worst}");
        }
    }

    #[test]
    fn pill_buttons_become_dark_text_on_white() {
        // Page with a 160×40 black pill holding a white "text" bar, a square black avatar
        // 40×40, and a black bold stroke 6 px thick (text, not a button); lines 16 px.
        let mut g = GrayImage::from_pixel(400, 200, image::Luma([255]));
        for y in 20..60 {
            for x in 200..360 {
                let text = (40..48).contains(&y) && (240..320).contains(&x);
                g.put_pixel(x, y, image::Luma([if text { 250 } else { 10 }]));
            }
            for x in 20..60 {
                g.put_pixel(x, y, image::Luma([10]));
            }
        }
        for y in 100..106 {
            for x in 20..300 {
                g.put_pixel(x, y, image::Luma([10]));
            }
        }
        let found = find_buttons(&g, 16.0);
        assert_eq!(found.len(), 1, "{found:?}");
        let [x, y, w, h] = found[0].0;
        assert!(
            x <= 200 && x + w >= 360 && y <= 20 && y + h >= 60,
            "{found:?}"
        );
        prepare_buttons_for_test(&mut g, 16.0);
        assert_eq!(g.get_pixel(280, 44).0[0], 5, "the button's text is dark");
        assert_eq!(g.get_pixel(230, 30).0[0], 245, "its body light");
        assert_eq!(
            g.get_pixel(202, 22).0[0],
            255,
            "its rounded ends page white"
        );
        assert_eq!(g.get_pixel(30, 30).0[0], 10, "the avatar is no button");
    }

    fn prepare_buttons_for_test(g: &mut GrayImage, line_px: f32) {
        for (r, margin) in find_buttons(g, line_px) {
            lighten_button(g, r, margin);
        }
    }

    #[test]
    fn grey_bubbles_with_dark_text_become_white_but_backdrops_do_not() {
        // A white page with a 200×48 grey (150) bubble holding black "text" strokes, and a
        // grey (150) backdrop holding a white card with grey (150) text.
        let mut g = GrayImage::from_pixel(400, 200, image::Luma([255]));
        for y in 10..58 {
            for x in 10..210 {
                let ink = (20..36).contains(&y) && x % 6 < 2 && (20..200).contains(&x);
                g.put_pixel(x, y, image::Luma([if ink { 0 } else { 150 }]));
            }
        }
        for y in 80..200 {
            for x in 0..400 {
                let card = (100..180).contains(&y) && (50..350).contains(&x);
                let text = card && (130..146).contains(&y) && x % 6 < 2 && (60..340).contains(&x);
                let v = if text {
                    150
                } else if card {
                    255
                } else {
                    150
                };
                g.put_pixel(x, y, image::Luma([v]));
            }
        }
        flatten_panels(&mut g, 16.0, false);
        assert_eq!(
            g.get_pixel(100, 50).0[0],
            255,
            "bubble colour lifted to white"
        );
        assert_eq!(g.get_pixel(100, 40).0[0], 255, "between its lines too");
        assert_eq!(g.get_pixel(24, 25).0[0], 0, "its ink stays black");
        assert_eq!(
            g.get_pixel(60, 130).0[0],
            150,
            "grey text on a card in a backdrop stays"
        );
        assert_eq!(g.get_pixel(10, 90).0[0], 150, "the backdrop stays");
    }

    #[test]
    fn pictures_are_continuous_tones_but_not_ringing_text() {
        // 160×80 page; a 60×60 "photo" of many tones at the left, and at the right a "text"
        // patch as many tones as the photo but mostly page white (JPEG ringing round glyphs).
        let mut g = GrayImage::from_pixel(160, 80, image::Luma([255]));
        for y in 10..70 {
            for x in 10..70 {
                g.put_pixel(x, y, image::Luma([((x * 7 + y * 13) % 200) as u8]));
            }
            for x in 90..150 {
                let v = if (x + y) % 2 == 0 {
                    ((x * 7 + y * 13) % 200) as u8
                } else {
                    250
                };
                g.put_pixel(x, y, image::Luma([v]));
            }
        }
        let found = find_pictures(&g, 16.0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0][0] < 20 && found[0][0] + found[0][2] < 90,
            "{found:?}"
        );
    }

    #[test]
    fn text_on_a_grey_bubble_is_no_picture() {
        // A dark theme's bubble once inverted: mid grey (JPEG blocks stepping it between 125
        // and 131) holding text whose antialiased, noisy edges spread over many grey levels.
        let mut g = GrayImage::from_pixel(200, 100, image::Luma([255]));
        for y in 10..70 {
            for x in 10..170 {
                let base = if (x / 4 + y / 4) % 2 == 0 { 125 } else { 131 };
                let v = if (16..60).contains(&y) {
                    match x % 8 {
                        0 => 0,
                        1 => 60,
                        7 => 95,
                        _ => base,
                    }
                } else {
                    base
                };
                g.put_pixel(x, y, image::Luma([v]));
            }
        }
        let found = find_pictures(&g, 16.0);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_flat_bubble_is_lifted_from_its_own_level() {
        // A PNG's bubble on exactly one level (200) with glyph strokes whose light edges (190)
        // stay darker than the bubble once it is white.
        let mut g = GrayImage::from_pixel(300, 120, image::Luma([255]));
        for y in 20..80 {
            for x in 20..170 {
                let stroke = (34..50).contains(&y) && (30..160).contains(&x);
                let v = match (stroke, x % 6) {
                    (true, 0 | 1) => 0,
                    (true, 2) => 190,
                    _ => 200,
                };
                g.put_pixel(x, y, image::Luma([v]));
            }
        }
        flatten_panels(&mut g, 16.0, false);
        assert_eq!(g.get_pixel(100, 70).0[0], 255, "bubble lifted");
        assert_eq!(
            g.get_pixel(32, 40).0[0],
            242,
            "edge scaled by the bubble's own level"
        );
    }

    #[test]
    fn a_light_bubble_on_an_inverted_page_grows_over_its_words() {
        // A dark theme's incoming bubble (225 once inverted) on the white page: its flat cells
        // are only those right of its words; the lift reaches the words' side too.
        let make = || {
            let mut g = GrayImage::from_pixel(260, 100, image::Luma([255]));
            for y in 20..60 {
                for x in 20..200 {
                    let ink = (28..52).contains(&y) && (30..120).contains(&x) && x % 6 < 2;
                    g.put_pixel(x, y, image::Luma([if ink { 0 } else { 225 }]));
                }
            }
            g
        };
        let mut g = make();
        flatten_panels(&mut g, 16.0, true);
        assert_eq!(g.get_pixel(150, 40).0[0], 255, "bubble lifted");
        assert_eq!(g.get_pixel(24, 40).0[0], 255, "beside its words too");
        assert_eq!(g.get_pixel(30, 40).0[0], 0, "its ink stays black");
        // On a light page such a panel is a quote block in a white bubble: left as it is.
        let mut g = make();
        flatten_panels(&mut g, 16.0, false);
        assert_eq!(g.get_pixel(24, 40).0[0], 225);
    }

    #[test]
    fn a_bubble_stepped_by_jpeg_blocks_is_lifted() {
        // A 150×60 grey bubble whose rows of blocks alternate between two levels 6 apart
        // (neighbouring input levels after the stretch), with black text strokes.
        let mut g = GrayImage::from_pixel(300, 120, image::Luma([255]));
        for y in 20..80 {
            for x in 20..170 {
                let base = if (y / 4) % 2 == 0 { 125 } else { 131 };
                let ink = (34..50).contains(&y) && x % 6 < 2 && (30..160).contains(&x);
                g.put_pixel(x, y, image::Luma([if ink { 0 } else { base }]));
            }
        }
        flatten_panels(&mut g, 16.0, false);
        assert!(g.get_pixel(100, 70).0[0] >= 240, "bubble lifted");
        assert_eq!(g.get_pixel(30, 40).0[0], 0, "its ink stays black");
        assert_eq!(g.get_pixel(250, 100).0[0], 255, "page untouched");
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

    /// facebook_desktop_dark_en (seed 83, PNG): a photo's light grain, a few dark specks a row
    /// in runs of 5-8 rows, outnumbered the text rows and made the line height 8 px.
    #[test]
    fn a_photos_grain_is_no_text_row() {
        let mut g = GrayImage::from_pixel(160, 400, image::Luma([255]));
        for top in [10, 40] {
            for y in top..top + 20 {
                for x in 5..150 {
                    if x % 3 != 0 {
                        g.put_pixel(x, y, image::Luma([0]));
                    }
                }
            }
        }
        // Grain: runs of 6 rows, two specks a row, six blank rows apart.
        for k in 0..25 {
            for y in 100 + 12 * k..106 + 12 * k {
                for x in [17 + 3 * k, 90 + 2 * k] {
                    g.put_pixel(x as u32, y as u32, image::Luma([40]));
                }
            }
        }
        assert_eq!(median_line_height(&g), 20.0);
    }

    /// A light Telegram chat drawn in its own colours: a white header across the top, the
    /// green gradient wallpaper (#dbddbb to #6ba587) under a faint darker pattern, a white
    /// incoming and a light green (#effdde) outgoing bubble with black text rows 10 px tall.
    fn light_chat() -> RgbImage {
        let (w, h) = (400u32, 300u32);
        let mut rgb = RgbImage::new(w, h);
        for y in 0..h {
            let t = y as f32 / h as f32;
            let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t) as u8;
            for x in 0..w {
                let mut p = [mix(0xdb, 0x6b), mix(0xdd, 0xa5), mix(0xbb, 0x87)];
                if (x + 2 * y) % 37 < 2 {
                    p = p.map(|v| (u32::from(v) * 91 / 100) as u8);
                }
                rgb.put_pixel(x, y, Rgb(p));
            }
        }
        let mut bubble = |x0: u32, y0: u32, x1: u32, y1: u32, fill: [u8; 3]| {
            for y in y0..y1 {
                for x in x0..x1 {
                    let text_row = (y - y0) % 20 >= 8 && (y - y0) % 20 < 18 && y + 8 < y1;
                    let ink = text_row && x >= x0 + 10 && x + 10 < x1 && (x - x0) % 5 < 2;
                    rgb.put_pixel(x, y, Rgb(if ink { [0, 0, 0] } else { fill }));
                }
            }
        };
        bubble(0, 0, 400, 36, [255, 255, 255]);
        bubble(20, 60, 230, 110, [255, 255, 255]);
        bubble(170, 150, 380, 200, [0xef, 0xfd, 0xde]);
        rgb
    }

    #[test]
    fn surfaces_by_runs_match_the_flood_fill() {
        // Pseudo-random pages: light and dark boxes of every size over noise, at several
        // light levels, so areas merge, nest, touch the sides and stay small.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % u64::from(m)) as u32
        };
        for case in 0..60 {
            let (w, h) = (20 + next(180), 20 + next(180));
            let mut g = GrayImage::from_fn(w, h, |_, _| image::Luma([(next(256)) as u8]));
            for _ in 0..next(40) {
                let (bw, bh) = (1 + next(w), 1 + next(h));
                let (x0, y0) = (next(w - bw + 1), next(h - bh + 1));
                let v = if next(2) == 0 { 240 } else { 30 } as u8;
                for y in y0..y0 + bh {
                    for x in x0..x0 + bw {
                        if case % 3 != 0 || next(10) > 0 {
                            g.put_pixel(x, y, image::Luma([v]));
                        }
                    }
                }
            }
            for light in [100u8, 200, 235] {
                assert_eq!(
                    surfaces(g.as_raw(), w, h, light, false),
                    surfaces_flood(g.as_raw(), w, h, light),
                    "case {case}, light {light}"
                );
            }
        }
        let rgb = light_chat();
        let (mut grey, lut) = {
            let mut g = to_grey(&rgb, false);
            let lut = stretch_contrast(&mut g);
            (g, lut)
        };
        let (w, h) = grey.dimensions();
        assert_eq!(
            surfaces(grey.as_raw(), w, h, lut[218], false),
            surfaces_flood(grey.as_raw(), w, h, lut[218])
        );
        assert!(whiten_backdrop(&mut grey, lut[218]));
    }

    #[test]
    fn light_chat_wallpaper_is_whitened_round_its_bubbles() {
        let rgb = light_chat();
        let mut grey = to_grey(&rgb, false);
        let lut = stretch_contrast(&mut grey);
        // The wallpaper's darker end reads as ink.
        assert!(grey.get_pixel(100, 260).0[0] < 128);
        assert!(whiten_backdrop(&mut grey, lut[218]));
        for (x, y) in [(5, 50), (300, 120), (100, 260), (395, 295), (10, 180)] {
            assert_eq!(grey.get_pixel(x, y).0[0], 255, "wallpaper at {x},{y}");
        }
        // Both bubbles keep their fill and their ink.
        assert!(grey.get_pixel(30, 70).0[0] < 60);
        assert!(grey.get_pixel(180, 160).0[0] < 60);
        let green = grey.get_pixel(172, 152).0[0];
        assert!((150..255).contains(&green), "outgoing bubble {green}");
        let lp = median_line_height(&grey);
        assert!((8.0..=12.0).contains(&lp), "line height {lp}");
    }

    #[test]
    fn page_split_by_a_full_width_photo_is_no_wallpaper() {
        // A white page with text above and below a mid-grey photo as wide as the image: no
        // light surface floats on the photo, so nothing is whitened.
        let mut g = GrayImage::from_pixel(200, 200, image::Luma([255]));
        for y in 60..160 {
            for x in 0..200 {
                g.put_pixel(x, y, image::Luma([90 + (x % 50) as u8]));
            }
        }
        for y in 20..30 {
            for x in (10..190).step_by(5) {
                g.put_pixel(x, y, image::Luma([0]));
            }
        }
        let before = g.clone();
        assert!(!whiten_backdrop(&mut g, 200));
        assert_eq!(g, before);
    }

    #[test]
    fn reaction_pills_over_a_footer_are_no_picture() {
        // Captured from a dark channel JPEG (mobile, 1x, q55; inverted and stretched): a row of
        // reaction pills, one with a colour emoji, over the grey views and time, lines 14 px.
        // Modelled here: a region 84x35 of noisy mid tones in its top 22 rows (pill and
        // emoji) and page with grey glyph strokes under it; beside a square photo avatar.
        let mut g = GrayImage::from_pixel(300, 120, image::Luma([255]));
        let noise = |x: u32, y: u32| ((x * 7 + y * 13) % 11 * 17) as u8;
        for y in 20..42 {
            for x in 150..234 {
                let pill = (x - 150) % 42 < 36;
                if pill {
                    g.put_pixel(x, y, image::Luma([60 + noise(x, y)]));
                }
            }
        }
        for y in 44..55 {
            for x in 160..234 {
                if (x % 6) < 2 {
                    g.put_pixel(x, y, image::Luma([100 + noise(x, y) / 2]));
                }
            }
        }
        for y in 20..62 {
            for x in 20..62 {
                g.put_pixel(x, y, image::Luma([40 + noise(x, y)]));
            }
        }
        let pics = find_pictures(&g, 14.0);
        assert_eq!(pics.len(), 1, "{pics:?}");
        assert!(pics[0][0] < 62, "the avatar is the picture: {pics:?}");
    }
}
