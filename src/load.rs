//! Stage: load — bytes → decoded RGBA pixels.
//!
//! Input: the file's bytes (read by the pipeline, which hashes them). Output: [`Loaded`]: RGBA
//! pixels with EXIF orientation applied and alpha flattened onto the page colour, plus the
//! detected format. Limits are checked from the header before any pixel buffer is allocated,
//! so a small file that declares 100,000 × 100,000 pixels is refused at once.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbImage};

/// Decoding limits.
#[derive(Debug, Clone, Copy)]
pub struct LoadLimits {
    /// Largest width or height accepted, in pixels.
    pub max_side: u32,
    /// Largest decoded size accepted, in pixels (width × height).
    pub max_pixels: u64,
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
}

impl Default for LoadLimits {
    fn default() -> Self {
        // A 3× retina capture of a long thread is ~1300 × 20000; allow generous room above it.
        LoadLimits {
            max_side: 30_000,
            max_pixels: 120_000_000,
            max_file_bytes: 256 << 20,
        }
    }
}

/// A decoded image.
pub struct Loaded {
    /// RGB pixels, alpha already flattened.
    pub rgb: RgbImage,
    pub format: &'static str,
}

/// Why loading failed; the variant names the stage reported in the record.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Decode(String),
    #[error("{0}")]
    Limits(String),
}

impl LoadError {
    pub fn stage(&self) -> &'static str {
        match self {
            LoadError::Decode(_) => "decode",
            LoadError::Limits(_) => "limits",
        }
    }
}

/// Decodes `bytes`.
pub fn load(bytes: &[u8], limits: &LoadLimits) -> Result<Loaded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Decode("empty file (0 bytes)".into()));
    }
    let format = crate::discover::sniff(bytes)
        .ok_or_else(|| LoadError::Decode("not an image (unrecognised file signature)".into()))?;
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| LoadError::Decode(e.to_string()))?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| LoadError::Decode(format!("{format}: {e}")))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(LoadError::Decode(format!(
            "{format}: image has no pixels ({w}×{h})"
        )));
    }
    if w > limits.max_side || h > limits.max_side || u64::from(w) * u64::from(h) > limits.max_pixels
    {
        return Err(LoadError::Limits(format!(
            "{format}: {w}×{h} pixels exceeds the limit ({} per side, {} in all)",
            limits.max_side, limits.max_pixels
        )));
    }
    let mut lim = Limits::default();
    lim.max_image_width = Some(limits.max_side);
    lim.max_image_height = Some(limits.max_side);
    // RGBA16 is the widest buffer a decoder makes, plus working room.
    lim.max_alloc = Some(limits.max_pixels * 8 + (64 << 20));
    decoder
        .set_limits(lim)
        .map_err(|e| LoadError::Limits(format!("{format}: {e}")))?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|e| LoadError::Decode(format!("{format}: {e}")))?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(Loaded {
        rgb: flatten(img),
        format,
    })
}

/// Flattens alpha onto a background that keeps the visible content readable. An element
/// capture (a post card cut out with transparent rounded corners) is mostly opaque: its
/// transparent corners take the card's own background, its most common opaque colour, so a
/// dark card gets no white corners that the OCR reads into the avatar and name beside them.
/// Otherwise the opaque pixels are the content itself: mostly dark content goes onto white,
/// mostly light content onto black (a transparent PNG with dark text must still read as dark
/// text on light).
fn flatten(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    let (mut sum, mut weight) = (0f64, 0f64);
    let (mut opaque, mut seen) = (0usize, 0usize);
    // Opaque colours, 4 bits a channel: how many pixels, and their channel sums.
    let mut hist: std::collections::HashMap<[u8; 3], (usize, [f64; 3])> =
        std::collections::HashMap::new();
    for p in rgba.pixels().step_by(7) {
        let a = f64::from(p[3]) / 255.0;
        sum += a * luma(p[0], p[1], p[2]);
        weight += a;
        seen += 1;
        if p[3] == 255 {
            opaque += 1;
            let bin = hist.entry([p[0] >> 4, p[1] >> 4, p[2] >> 4]).or_default();
            bin.0 += 1;
            for c in 0..3 {
                bin.1[c] += f64::from(p[c]);
            }
        }
    }
    let card = (opaque * 10 >= seen * 9)
        .then(|| {
            hist.iter()
                .max_by_key(|(k, (n, _))| (*n, **k))
                .map(|(_, bin)| *bin)
        })
        .flatten()
        // A background is one colour over a good part of the card.
        .filter(|(n, _)| *n * 3 >= opaque);
    let bg: [f32; 3] = match card {
        // The mean of the opaque pixels in that colour bin.
        Some((n, acc)) => [0, 1, 2].map(|c| (acc[c] / n as f64) as f32),
        None if weight > 0.0 && sum / weight > 140.0 => [0.0; 3],
        None => [255.0; 3],
    };
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = f32::from(p[3]) / 255.0;
        for c in 0..3 {
            o[c] = (f32::from(p[c]) * a + bg[c] * (1.0 - a)).round() as u8;
        }
    }
    out
}

pub fn luma(r: u8, g: u8, b: u8) -> f64 {
    0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, Rgba, RgbaImage};

    fn encode(img: DynamicImage, fmt: ImageFormat) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        img.write_to(&mut buf, fmt).unwrap();
        buf.into_inner()
    }

    #[test]
    fn transparent_dark_text_lands_on_white() {
        let mut img = RgbaImage::from_pixel(20, 10, Rgba([0, 0, 0, 0]));
        img.put_pixel(3, 3, Rgba([10, 10, 10, 255]));
        let l = load(
            &encode(img.into(), ImageFormat::Png),
            &LoadLimits::default(),
        )
        .unwrap();
        assert_eq!(l.rgb.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(l.rgb.get_pixel(3, 3).0, [10, 10, 10]);
    }

    #[test]
    fn card_corners_take_the_card_colour() {
        // A dark card with transparent corners (an element capture) and a little white text.
        let mut img = RgbaImage::from_pixel(40, 30, Rgba([21, 32, 43, 255]));
        for (x, y) in [(0, 0), (1, 0), (0, 1), (39, 0), (0, 29), (39, 29)] {
            img.put_pixel(x, y, Rgba([0, 0, 0, 0]));
        }
        for x in 10..20 {
            img.put_pixel(x, 15, Rgba([250, 250, 250, 255]));
        }
        let l = load(
            &encode(img.into(), ImageFormat::Png),
            &LoadLimits::default(),
        )
        .unwrap();
        assert_eq!(l.rgb.get_pixel(0, 0).0, [21, 32, 43]);
        assert_eq!(l.rgb.get_pixel(12, 15).0, [250, 250, 250]);
    }

    #[test]
    fn oversized_header_refused_before_decoding() {
        let bytes = encode(DynamicImage::new_luma8(50, 40), ImageFormat::Png);
        let limits = LoadLimits {
            max_side: 45,
            ..Default::default()
        };
        let err = load(&bytes, &limits).err().unwrap();
        assert_eq!(err.stage(), "limits");
        assert!(err.to_string().contains("50×40"));
    }

    #[test]
    fn empty_and_garbage_are_decode_errors() {
        let l = LoadLimits::default();
        assert!(load(b"", &l).err().unwrap().to_string().contains("empty"));
        assert!(
            load(b"hello world", &l)
                .err()
                .unwrap()
                .to_string()
                .contains("not an image")
        );
        let mut png = encode(DynamicImage::new_rgb8(64, 64), ImageFormat::Png);
        png.truncate(png.len() / 2);
        assert_eq!(load(&png, &l).err().unwrap().stage(), "decode");
    }
}
