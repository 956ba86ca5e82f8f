//! Criterion benchmarks of the pure stages around Tesseract: decode, prepare, TSV parsing,
//! layout and post extraction, on one screenshot.
//!
//!   cargo bench --bench stages                                  # first image under samples/
//!   POSTOCR_BENCH_IMAGE=shots/one.png cargo bench --bench stages
//!
//! Tesseract itself is not benchmarked here (scripts/bench.sh times whole runs). It is run once,
//! untimed, to capture the page's TSV exactly as the pipeline's engine would produce it, so the
//! parser, layout and post stages work on a real page instead of a stale fixture that would drift
//! as prepare changes.

use std::ffi::CString;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use postocr::load::{self, LoadLimits};
use postocr::posts::{self, NoReread, Page};
use postocr::prepare::{self, PrepareConfig};
use postocr::{layout, ocr};

fn image_path() -> PathBuf {
    if let Some(p) = std::env::var_os("POSTOCR_BENCH_IMAGE") {
        return PathBuf::from(p);
    }
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("png" | "jpg")) {
                found.push(p);
            }
        }
    }
    found.sort();
    found
        .into_iter()
        .next()
        .expect("no image under samples/: set POSTOCR_BENCH_IMAGE")
}

/// Tesseract's TSV for the prepared page, with the settings of `ocr::Engine` (page mode).
fn capture_tsv(grey: &image::GrayImage, langs: &str) -> String {
    let mut api =
        leptess::tesseract::TessApi::new(None, langs).expect("tesseract with eng+rus+ukr");
    for (k, v) in [
        ("tessedit_do_invert", "0"),
        ("debug_file", "/dev/null"),
        ("tessedit_pageseg_mode", "3"),
    ] {
        let (k, v) = (CString::new(k).unwrap(), CString::new(v).unwrap());
        let _ = api.raw.set_variable(&k, &v);
    }
    let (w, h) = grey.dimensions();
    api.raw
        .set_image(grey.as_raw(), w as i32, h as i32, 1, w as i32)
        .unwrap();
    api.set_source_resolution(300);
    api.raw.recognize().unwrap();
    api.get_tsv_text(0).unwrap()
}

fn stages(c: &mut Criterion) {
    let path = image_path();
    let bytes = std::fs::read(&path).unwrap();
    let limits = LoadLimits::default();
    let loaded = load::load(&bytes, &limits).expect("bench image decodes");
    let cfg = PrepareConfig::default();
    let prepared = prepare::prepare(&loaded.rgb, &cfg);
    let tsv = capture_tsv(&prepared.grey, "eng+rus+ukr");
    let page = ocr::parse_tsv(&tsv, prepared.scale, (0.0, 0.0));
    let lay = layout::build(&page, &loaded.rgb, prepared.background);
    eprintln!(
        "bench image {} ({}×{}, {} words, {} lines)",
        path.display(),
        loaded.rgb.width(),
        loaded.rgb.height(),
        page.words.len(),
        lay.lines.len()
    );

    let mut g = c.benchmark_group("stages");
    g.sample_size(20);
    g.bench_function("decode", |b| {
        b.iter(|| load::load(black_box(&bytes), &limits).unwrap())
    });
    g.bench_function("prepare", |b| {
        b.iter(|| prepare::prepare(black_box(&loaded.rgb), &cfg))
    });
    g.bench_function("tsv_parse", |b| {
        b.iter(|| ocr::parse_tsv(black_box(&tsv), prepared.scale, (0.0, 0.0)))
    });
    g.bench_function("layout", |b| {
        b.iter(|| layout::build(black_box(&page), &loaded.rgb, prepared.background))
    });
    g.bench_function("posts", |b| {
        b.iter(|| {
            let pg = Page {
                layout: black_box(&lay),
                rgb: &loaded.rgb,
                now: None,
            };
            posts::extract(&pg, &mut NoReread)
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
