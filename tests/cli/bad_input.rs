//! A folder of awkward and broken inputs, built by the test: every bad file comes back as one
//! error record naming its stage, every readable image is read (and reads as the same text as
//! its plain version), the run exits 1 and nothing panics.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use image::{GrayImage, ImageFormat, Rgba, RgbaImage};
use postocr::record::{Record, Status};

use crate::common::*;

/// What the record of one file must say.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    /// Read; OCR text shares most words with the plain version.
    Read,
    /// Read, same size as the plain version but rotated back from its stored size.
    ReadRotated,
    /// An error record at this stage.
    Error(&'static str),
}

#[test]
fn bad_inputs_each_get_an_error_record_and_good_ones_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sample = some_samples(1).remove(0);
    let plain = plain_page(&sample);
    let png = encode(
        &image::DynamicImage::ImageLuma8(plain.clone()),
        ImageFormat::Png,
    );
    let mut want: BTreeMap<Vec<u8>, Want> = BTreeMap::new();
    let mut put = |name: &[u8], bytes: &[u8], w: Want| {
        std::fs::write(d.join(OsStr::from_bytes(name)), bytes).unwrap();
        want.insert(name.to_vec(), w);
    };

    // Good files: the plain page, and the sample as committed.
    put(b"plain.png", &png, Want::Read);
    let ext = sample.extension().unwrap().as_bytes();
    put(
        &[b"original.", ext].concat(),
        &std::fs::read(&sample).unwrap(),
        Want::Read,
    );
    // Bad files.
    put(b"empty.png", b"", Want::Error("decode"));
    put(
        b"truncated.png",
        &png[..png.len() / 2],
        Want::Error("decode"),
    );
    put(
        b"not_an_image.png",
        b"<html><body>404 Not Found</body></html>\n",
        Want::Error("decode"),
    );
    put(
        b"decompression_bomb.png",
        &png_header_only(100_000, 100_000),
        Want::Error("limits"),
    );
    // Awkward but valid files: each must read as the plain page does.
    put(
        b"transparent_dark_text.png",
        &transparent(&plain),
        Want::Read,
    );
    put(b"cmyk.jpg", &cmyk_jpeg(&plain), Want::Read);
    let cw = image::imageops::rotate270(&plain); // shown after turning 90° clockwise
    put(
        b"exif_orientation_6.jpg",
        &grey_jpeg(&cw, Some(6)),
        Want::ReadRotated,
    );
    let ccw = image::imageops::rotate90(&plain); // shown after turning 90° counter-clockwise
    put(
        b"exif_orientation_8.jpg",
        &grey_jpeg(&ccw, Some(8)),
        Want::ReadRotated,
    );
    put(b"animated.gif", &animated_gif(&plain), Want::Read);
    put(b"caf\xe9_latin1_name.png", &png, Want::Read);
    // Files postocr must skip quietly: not images, not named as images.
    std::fs::write(
        d.join("notes.txt"),
        "a sidecar, not an image, long enough to sniff",
    )
    .unwrap();
    symlink("gone.txt", d.join("dangling.txt")).unwrap();
    // Links: a loop back to the folder, a link to itself, a dangling link.
    symlink(".", d.join("loop")).unwrap();
    want.insert(b"loop".to_vec(), Want::Error("read"));
    symlink("self.png", d.join("self.png")).unwrap();
    want.insert(b"self.png".to_vec(), Want::Error("read"));
    symlink("gone.png", d.join("dangling.png")).unwrap();
    want.insert(b"dangling.png".to_vec(), Want::Error("read"));
    // Unreadable. As root (CI) mode 000 does not stop reading: then the file must simply be read.
    let locked = d.join("locked.png");
    std::fs::write(&locked, &png).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::File::open(&locked).is_ok();
    want.insert(
        b"locked.png".to_vec(),
        if readable {
            Want::Read
        } else {
            Want::Error("read")
        },
    );

    let out = run([d.as_os_str(), OsStr::new("--jobs"), OsStr::new("2")], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "some inputs failed: {}",
        stderr_of(&out)
    );
    let recs = records(&out.stdout);
    let mut got: BTreeMap<Vec<u8>, Record> = BTreeMap::new();
    for r in recs.iter().cloned() {
        let name = file_name_bytes(d, &r);
        assert!(
            got.insert(name.clone(), r).is_none(),
            "two records for {}",
            String::from_utf8_lossy(&name)
        );
    }
    let names = |keys: Vec<&Vec<u8>>| {
        keys.iter()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(got.keys().collect()),
        names(want.keys().collect()),
        "exactly one record per input, skipped files have none"
    );

    let base = &got[&b"plain.png".to_vec()];
    let base_text = base.ocr.as_ref().expect("plain page read").text.clone();
    let base_img = base.image.clone().unwrap();
    assert!(
        words(&base_text).len() >= 3,
        "the plain page reads as text: {base_text:?}"
    );
    for (name, w) in &want {
        let r = &got[name];
        let ctx = format!("{}: {:?} {:?}", r.path, r.status, r.error);
        match *w {
            Want::Error(stage) => {
                assert_eq!(r.status, Status::Error, "{ctx}");
                let e = r.error.as_ref().unwrap();
                assert_eq!(e.stage, stage, "{ctx}");
                assert!(!e.message.is_empty());
                assert!(
                    r.image.is_none() && r.ocr.is_none() && r.posts.is_empty(),
                    "{ctx}"
                );
                // The hash is there whenever the bytes were read.
                assert_eq!(r.sha256.is_some(), stage != "read", "{ctx}");
            }
            Want::Read | Want::ReadRotated => {
                assert_ne!(r.status, Status::Error, "{ctx}");
                assert!(r.error.is_none() && r.sha256.is_some(), "{ctx}");
                let img = r.image.as_ref().unwrap();
                if name.starts_with(b"original.") {
                    continue; // the committed sample itself; the folder test checks those
                }
                // Dark text on light, whatever the container did with colour, alpha or frames.
                assert_eq!(img.theme, base_img.theme, "{ctx}");
                assert_eq!(
                    (img.width, img.height),
                    (base_img.width, base_img.height),
                    "{ctx}"
                );
                let text = &r.ocr.as_ref().unwrap().text;
                let share = shared_words(&base_text, text);
                assert!(
                    share >= 0.6,
                    "{ctx}: shares {share:.2} of the plain page's words:\n{text}"
                );
            }
        }
    }
    // Stored sizes really were turned: the record reports the displayed size.
    for n in ["exif_orientation_6.jpg", "exif_orientation_8.jpg"] {
        let stored = image::image_dimensions(d.join(n)).unwrap();
        let img = got[&n.as_bytes().to_vec()].image.clone().unwrap();
        assert_eq!(
            (img.height, img.width),
            stored,
            "{n}: width and height swapped by EXIF"
        );
    }
    // A name that is not UTF-8 keeps its exact bytes in path_hex.
    let latin = &got[&b"caf\xe9_latin1_name.png".to_vec()];
    let exact = d.join(OsStr::from_bytes(b"caf\xe9_latin1_name.png"));
    assert_eq!(
        latin.path_hex.as_deref(),
        Some(hex::encode(exact.as_os_str().as_bytes()).as_str())
    );
    assert!(
        latin.path.ends_with("caf\u{FFFD}_latin1_name.png"),
        "{}",
        latin.path
    );
    assert!(
        recs.iter().filter(|r| r.path_hex.is_some()).count() == 1,
        "path_hex only when needed"
    );
    let err = stderr_of(&out);
    let bad = want
        .values()
        .filter(|w| matches!(w, Want::Error(_)))
        .count();
    assert!(
        err.contains(&format!("{bad} errors")),
        "summary counts the failures: {err}"
    );
}

/// The record's file name inside `dir`, as exact bytes.
fn file_name_bytes(dir: &Path, r: &Record) -> Vec<u8> {
    let full = match &r.path_hex {
        Some(h) => hex::decode(h).unwrap(),
        None => r.path.as_bytes().to_vec(),
    };
    let prefix = [dir.as_os_str().as_bytes(), b"/"].concat();
    assert!(
        full.starts_with(&prefix),
        "record outside the folder: {}",
        r.path
    );
    full[prefix.len()..].to_vec()
}

/// The sample as dark text on a light grey page, at most 1200 px wide.
fn plain_page(sample: &Path) -> GrayImage {
    let img = image::open(sample).unwrap();
    let img = if img.width() > 1200 {
        img.resize(1200, u32::MAX, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let mut g = img.to_luma8();
    let mean =
        g.pixels().map(|p| u64::from(p[0])).sum::<u64>() / u64::from(g.width() * g.height()).max(1);
    if mean < 128 {
        image::imageops::invert(&mut g);
    }
    g
}

fn encode(img: &image::DynamicImage, fmt: ImageFormat) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    img.write_to(&mut buf, fmt).unwrap();
    buf.into_inner()
}

/// Black ink whose coverage is the darkness of the page: flattened onto black it would be
/// all black; onto white it is the page again.
fn transparent(g: &GrayImage) -> Vec<u8> {
    let rgba = RgbaImage::from_fn(g.width(), g.height(), |x, y| {
        Rgba([0, 0, 0, 255 - g.get_pixel(x, y)[0]])
    });
    encode(&rgba.into(), ImageFormat::Png)
}

/// A four-channel CMYK JPEG (Adobe marker), as print workflows write.
fn cmyk_jpeg(g: &GrayImage) -> Vec<u8> {
    let cmyk: Vec<u8> = g.pixels().flat_map(|p| [0, 0, 0, 255 - p[0]]).collect();
    let mut buf = Vec::new();
    let enc = jpeg_encoder::Encoder::new(&mut buf, 92);
    enc.encode(
        &cmyk,
        g.width() as u16,
        g.height() as u16,
        jpeg_encoder::ColorType::Cmyk,
    )
    .unwrap();
    buf
}

/// A greyscale JPEG, with an Exif APP1 segment holding `orientation` when given.
fn grey_jpeg(g: &GrayImage, orientation: Option<u16>) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut buf, 92);
    if let Some(o) = orientation {
        // "Exif\0\0", then a big-endian TIFF header and one IFD with one SHORT entry (0x0112).
        let mut seg = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
        seg.extend(1u16.to_be_bytes());
        seg.extend(0x0112u16.to_be_bytes());
        seg.extend(3u16.to_be_bytes());
        seg.extend(1u32.to_be_bytes());
        seg.extend(o.to_be_bytes());
        seg.extend([0, 0]);
        seg.extend(0u32.to_be_bytes()); // no next IFD
        enc.add_app_segment(1, seg).unwrap();
    }
    enc.encode(
        g.as_raw(),
        g.width() as u16,
        g.height() as u16,
        jpeg_encoder::ColorType::Luma,
    )
    .unwrap();
    buf
}

/// Two frames: the page, then a blank one. Only the first frame is read.
fn animated_gif(g: &GrayImage) -> Vec<u8> {
    use image::codecs::gif::{GifEncoder, Repeat};
    use image::{Delay, Frame};
    let page = RgbaImage::from_fn(g.width(), g.height(), |x, y| {
        let v = g.get_pixel(x, y)[0];
        Rgba([v, v, v, 255])
    });
    let blank = RgbaImage::from_pixel(g.width(), g.height(), Rgba([255, 255, 255, 255]));
    let mut buf = Vec::new();
    {
        let mut enc = GifEncoder::new_with_speed(&mut buf, 10);
        enc.set_repeat(Repeat::Infinite).unwrap();
        let delay = Delay::from_numer_denom_ms(500, 1);
        enc.encode_frames([
            Frame::from_parts(page, 0, 0, delay),
            Frame::from_parts(blank, 0, 0, delay),
        ])
        .unwrap();
    }
    buf
}

/// A small, well-formed PNG whose header declares `w` × `h` 8-bit grey pixels, followed by one
/// tiny (stored, uncompressed) IDAT: decoding it for real would need w·h bytes.
fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32(&out[start..]);
        out.extend(crc.to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]); // depth 8, grey, deflate, adaptive filter, no interlace
    // Filter bytes and pixels of the first rows only (all of it for a tiny image).
    let raw = vec![0u8; ((1 + w as usize) * h as usize).min(1024)];
    let mut idat = vec![0x78, 0x01, 0x01]; // zlib header; one final stored block
    idat.extend((raw.len() as u16).to_le_bytes());
    idat.extend((!(raw.len() as u16)).to_le_bytes());
    idat.extend(&raw);
    idat.extend(adler32(&raw).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in bytes {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

#[test]
fn hand_made_png_header_is_well_formed() {
    // The bomb must be refused for its size, not for a broken file: the same construction
    // with a small declared size is a valid image.
    let small = png_header_only(32, 1);
    let img = image::load_from_memory(&small).expect("hand-made PNG decodes");
    assert_eq!((img.width(), img.height()), (32, 1));
}
