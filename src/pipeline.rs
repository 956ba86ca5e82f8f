//! Orchestration: inputs → records, in parallel, streamed in input order.
//!
//! This is the only place with threads. A fixed pool of `jobs` rayon workers pulls the next
//! input index from a shared counter, so at most `jobs` images are in flight and the reorder
//! buffer never holds more than a few records: memory stays flat whatever the folder size.
//! Records go to the caller's sink in input order as soon as they and all before them are
//! done; if the sink fails (closed stdout), workers stop picking up new images.
//!
//! An optional skip hook ([`Pipeline::run_with`]) sees each image's hash right after its bytes
//! are read, before any decoding: archives use it to pass over images they already hold.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use chrono::NaiveDateTime;
use image::{GrayImage, imageops};

use crate::discover::Input;
use crate::layout;
use crate::load::{self, LoadLimits};
use crate::ocr::{self, Mode, Rect};
use crate::posts::{self, CountReader, Page};
use crate::prepare::{self, PrepareConfig, Prepared};
use crate::record::{ErrorInfo, ImageInfo, OcrInfo, Platform, Record, Status, Timings};
use crate::source;

/// Everything that shapes a run's results.
#[derive(Debug, Clone)]
pub struct Config {
    /// Tesseract language set for the main pass, e.g. "eng+rus+ukr".
    pub langs: String,
    /// Worker threads.
    pub jobs: usize,
    pub limits: LoadLimits,
    pub prepare: PrepareConfig,
    /// Reference time for relative timestamps.
    pub now: Option<NaiveDateTime>,
    /// Add per-stage milliseconds to each record.
    pub timings: bool,
    /// Re-read counts the main pass could not parse with a digits-only pass.
    pub count_pass: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            langs: "eng+rus+ukr".into(),
            jobs: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            limits: LoadLimits::default(),
            prepare: PrepareConfig::default(),
            now: None,
            timings: false,
            count_pass: true,
        }
    }
}

impl Config {
    /// The settings that change results, as one string (stored with archived results).
    pub fn fingerprint(&self) -> String {
        format!(
            "langs={};target_line_px={};count_pass={};now={}",
            self.langs,
            self.prepare.target_line_px,
            self.count_pass,
            self.now.map(|n| n.to_string()).unwrap_or_default()
        )
    }
}

/// Totals of a run.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub images: usize,
    pub posts: usize,
    pub no_post: usize,
    pub errors: usize,
    /// Images the skip hook passed over (not counted in `posts`, `no_post` or `errors`).
    pub skipped: usize,
    /// The sink failed (e.g. stdout closed); the run stopped early.
    pub interrupted: bool,
}

/// The pipeline façade: one method per way of running it.
pub struct Pipeline {
    pub cfg: Config,
}

impl Pipeline {
    pub fn new(cfg: Config) -> Self {
        Pipeline { cfg }
    }

    /// Checks the engine can start (language data present) before any image is touched.
    pub fn check(&self) -> Result<(), ocr::EngineError> {
        ocr::engine::check_languages(&self.cfg.langs)
    }

    /// Processes one input (reads the file).
    pub fn process(&self, input: &Input) -> Record {
        self.process_with(input, None).record
    }

    /// Processes one input, unless `skip` says its bytes need no processing: `skip` gets the
    /// record as it stands after reading (path, sha256, source) and returns true to skip.
    pub fn process_with(&self, input: &Input, skip: Option<SkipHook<'_>>) -> Outcome {
        let start = Instant::now();
        let mut rec = Record::for_path(&source::record_path(input));
        rec.source = source::describe(input);
        let done = |record| Outcome {
            record,
            skipped: false,
        };
        if let Some(e) = &input.walk_error {
            return done(fail(rec, "read", e.clone(), start));
        }
        let bytes = match source::read(input, self.cfg.limits.max_file_bytes) {
            Ok(b) => b,
            Err(e) => return done(fail(rec, "read", e, start)),
        };
        rec.sha256 = Some(sha256_hex(&bytes));
        if skip.is_some_and(|skip| skip(&rec)) {
            return Outcome {
                record: rec,
                skipped: true,
            };
        }
        let read_ms = start.elapsed().as_millis() as u64;
        let mut rec = self.process_bytes(rec, &bytes, start);
        if let Some(t) = rec.timings.as_mut() {
            t.read = read_ms;
        }
        done(rec)
    }

    /// Processes bytes already read; `rec` carries path and hash.
    pub fn process_bytes(&self, mut rec: Record, bytes: &[u8], start: Instant) -> Record {
        let mut t = Timings::default();
        let mut lap = Instant::now();
        let mut tick = |slot: &mut u64| {
            *slot = lap.elapsed().as_millis() as u64;
            lap = Instant::now();
        };
        if rec.sha256.is_none() {
            rec.sha256 = Some(sha256_hex(bytes));
        }
        let loaded = match load::load(bytes, &self.cfg.limits) {
            Ok(l) => l,
            Err(e) => return fail(rec, e.stage(), e.to_string(), start),
        };
        tick(&mut t.decode);
        let prepared = prepare::prepare(&loaded.rgb, &self.cfg.prepare);
        // POSTOCR_DUMP_PREPARED=DIR: the grey image Tesseract reads, as DIR/NAME.png (a
        // developer aid: a failed write is ignored).
        if let Some(dir) = DUMP_PREPARED.as_deref() {
            let name = std::path::Path::new(&rec.path)
                .file_stem()
                .map(|s| s.to_os_string())
                .unwrap_or_default();
            let out = std::path::Path::new(&dir).join(name).with_extension("png");
            let _ = prepared.grey.save(out);
        }
        tick(&mut t.prepare);
        let mut passes = ocr::PassTimes::default();
        let page = match ocr::read_page_timed(&prepared, &self.cfg.langs, &mut passes) {
            Ok(p) => p,
            Err(e) => return fail(rec, "ocr", e.to_string(), start),
        };
        tick(&mut t.ocr);
        let lay = layout::build(&page, &loaded.rgb, prepared.background);
        tick(&mut t.layout);
        let mut counts = EngineCounts {
            prepared: &prepared,
            langs: &self.cfg.langs,
            enabled: self.cfg.count_pass,
            ms: 0,
        };
        let pg = Page {
            layout: &lay,
            rgb: &loaded.rgb,
            now: self.cfg.now,
        };
        let (platform, posts) = posts::extract(&pg, &mut counts);
        tick(&mut t.posts);
        // The digits-only re-reads are recognition time, not post-processing.
        t.posts = t.posts.saturating_sub(counts.ms);
        t.ocr += counts.ms;
        (t.ocr_page, t.ocr_reread, t.ocr_counts) = (passes.page, passes.reread, counts.ms);
        rec.image = Some(ImageInfo {
            width: loaded.rgb.width(),
            height: loaded.rgb.height(),
            format: loaded.format.to_string(),
            theme: prepared.theme.as_str().to_string(),
        });
        rec.ocr = Some(OcrInfo {
            engine: ocr::engine::version(),
            langs: self.cfg.langs.clone(),
            mean_confidence: (page.mean_confidence() * 10.0).round() / 10.0,
            text: lay.text(),
        });
        rec.status = if posts.is_empty() {
            Status::NoPost
        } else {
            Status::Ok
        };
        rec.platform = if posts.is_empty() {
            Platform::Unknown
        } else {
            platform
        };
        rec.posts = posts;
        rec.elapsed_ms = start.elapsed().as_millis() as u64;
        if self.cfg.timings {
            rec.timings = Some(t);
        }
        rec
    }

    /// Runs over `inputs` with `cfg.jobs` workers; `sink` receives records in input order.
    /// `progress` is called after each record with the number done.
    pub fn run(
        &self,
        inputs: &[Input],
        sink: &mut dyn FnMut(&Record) -> io::Result<()>,
        progress: &mut dyn FnMut(usize),
    ) -> Summary {
        self.run_with(inputs, None, &mut |o| sink(&o.record), progress)
    }

    /// [`Pipeline::run`] with a skip hook (see [`Pipeline::process_with`]); `sink` receives
    /// every input's [`Outcome`], skipped ones included, in input order.
    pub fn run_with(
        &self,
        inputs: &[Input],
        skip: Option<SkipHook<'_>>,
        sink: &mut dyn FnMut(&Outcome) -> io::Result<()>,
        progress: &mut dyn FnMut(usize),
    ) -> Summary {
        let jobs = self.cfg.jobs.max(1).min(inputs.len().max(1));
        if !inputs.is_empty() {
            ocr::engine::prewarm(&ocr::engine_sets(&self.cfg.langs), jobs);
        }
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(jobs * 2);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("postocr-worker-{i}"))
            .build()
            .expect("thread pool");
        let mut summary = Summary::default();
        std::thread::scope(|s| {
            s.spawn(|| {
                pool.scope(|ps| {
                    for _ in 0..jobs {
                        let tx = tx.clone();
                        let (next, stop) = (&next, &stop);
                        ps.spawn(move |_| {
                            loop {
                                if stop.load(Ordering::Relaxed) {
                                    break;
                                }
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                let Some(input) = inputs.get(i) else { break };
                                let out = self.process_with(input, skip);
                                if tx.send((i, out)).is_err() {
                                    break;
                                }
                            }
                        });
                    }
                });
                drop(tx);
            });
            let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
            let mut want = 0;
            for (i, out) in rx.iter() {
                pending.insert(i, out);
                while let Some(out) = pending.remove(&want) {
                    want += 1;
                    summary.images += 1;
                    let rec = &out.record;
                    if out.skipped {
                        summary.skipped += 1;
                    } else {
                        summary.posts += rec.posts.len();
                        match rec.status {
                            Status::NoPost => summary.no_post += 1,
                            Status::Error => summary.errors += 1,
                            Status::Ok => {}
                        }
                    }
                    progress(want);
                    if sink(&out).is_err() {
                        summary.interrupted = true;
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                }
                if summary.interrupted {
                    break;
                }
            }
            drop(rx);
        });
        summary
    }
}

/// Decides, from the record as it stands after reading (path, sha256, source), whether an
/// image can be passed over. Called from the worker threads.
pub type SkipHook<'a> = &'a (dyn Fn(&Record) -> bool + Sync);

/// What became of one input.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The result; for a skipped input only path, path_hex, sha256 and source are filled.
    pub record: Record,
    /// The skip hook passed over this input: nothing was decoded or recognised.
    pub skipped: bool,
}

/// The digits-only re-read, on a crop of the prepared image.
struct EngineCounts<'a> {
    prepared: &'a Prepared,
    /// The page's language set, for [`CountReader::read_time`].
    langs: &'a str,
    enabled: bool,
    ms: u64,
}

impl EngineCounts<'_> {
    /// A crop of the prepared image around `rect` (original pixels), scaled up to Tesseract's
    /// preferred height when small and set on a white margin, with the scale and offset that
    /// map its boxes back to original pixels.
    fn canvas(&self, rect: Rect) -> (GrayImage, f32, (f32, f32)) {
        self.canvas_on(rect, false)
    }

    /// [`Self::canvas`]; with `whiten`, the crop's commonest level (the bubble or card the
    /// text sits on) is mapped to white first, so that a grey bubble that prepare left grey
    /// is no box edge against the white margin ("12:35" on a dark theme's inverted bubble
    /// read "1235)").
    fn canvas_on(&self, rect: Rect, whiten: bool) -> (GrayImage, f32, (f32, f32)) {
        let s = self.prepared.scale;
        let g = &self.prepared.grey;
        let x = ((rect.x * s).max(0.0) as u32).min(g.width().saturating_sub(1));
        let y = ((rect.y * s).max(0.0) as u32).min(g.height().saturating_sub(1));
        let w = ((rect.w * s).ceil() as u32).min(g.width() - x).max(1);
        let h = ((rect.h * s).ceil() as u32).min(g.height() - y).max(1);
        let mut crop = imageops::crop_imm(g, x, y, w, h).to_image();
        if whiten {
            whiten_background(&mut crop);
        }
        // A count alone is small: give it a white margin and Tesseract's preferred height.
        let k = (40.0 / h as f32).clamp(1.0, 4.0);
        let (crop, k) = if k > 1.05 {
            let c = imageops::resize(
                &crop,
                (w as f32 * k) as u32,
                (h as f32 * k) as u32,
                imageops::FilterType::CatmullRom,
            );
            (c, k)
        } else {
            (crop, 1.0)
        };
        let pad = 12;
        let mut canvas = GrayImage::from_pixel(
            crop.width() + 2 * pad,
            crop.height() + 2 * pad,
            image::Luma([255]),
        );
        imageops::replace(&mut canvas, &crop, i64::from(pad), i64::from(pad));
        let ks = k * s;
        let offset = (
            x as f32 / s - pad as f32 / ks,
            y as f32 / s - pad as f32 / ks,
        );
        (canvas, ks, offset)
    }
}

impl CountReader for EngineCounts<'_> {
    fn read_count(&mut self, rect: Rect) -> Option<String> {
        if !self.enabled {
            return None;
        }
        let t0 = Instant::now();
        let (canvas, _, _) = self.canvas(rect);
        let mut out = ocr::with_engine("eng", |e| {
            e.recognise(&canvas, Mode::Count, 1.0, (0.0, 0.0))
        })
        .ok();
        // Nothing read: Tesseract's line mode gives up on a lone digit at times ("9" beside
        // X's 2019 heart), which its single-word mode reads.
        if out.as_ref().is_some_and(|p| p.words.is_empty()) {
            out = ocr::with_engine("eng", |e| {
                e.recognise(&canvas, Mode::CountWord, 1.0, (0.0, 0.0))
            })
            .ok();
        }
        self.ms += t0.elapsed().as_millis() as u64;
        let text = out?
            .words
            .iter()
            .map(|w| w.text.clone())
            .collect::<Vec<_>>()
            .join("");
        if *DEBUG_COUNTS {
            eprintln!("count {rect:?} canvas {:?}: {text:?}", canvas.dimensions());
        }
        (!text.is_empty()).then_some(text)
    }

    fn read_block(&mut self, rect: Rect) -> Vec<ocr::Word> {
        if !self.enabled {
            return Vec::new();
        }
        let t0 = Instant::now();
        let (canvas, scale, offset) = self.canvas(rect);
        let out = ocr::with_engine("eng", |e| e.recognise(&canvas, Mode::Block, scale, offset));
        self.ms += t0.elapsed().as_millis() as u64;
        out.map(|p| p.words).unwrap_or_default()
    }

    fn read_time(
        &mut self,
        rect: Rect,
        score: &dyn Fn(&[ocr::Word]) -> Option<f32>,
    ) -> Option<Vec<ocr::Word>> {
        if !self.enabled {
            return None;
        }
        let t0 = Instant::now();
        let (canvas, scale, offset) = self.canvas_on(rect, true);
        if let Some(dir) = std::env::var_os("POSTOCR_DUMP_TIMES") {
            let name = format!(
                "time_{:.0}_{:.0}_{:.0}x{:.0}.png",
                rect.x, rect.y, rect.w, rect.h
            );
            let _ = canvas.save(std::path::Path::new(&dir).join(name));
        }
        let mut best: Option<(f32, Vec<ocr::Word>)> = None;
        // Free reading first; only when no script's reading is a time, the same with the
        // letters limited to those of times (JPEG noise makes "11m" read "Tim").
        for mode in [Mode::Line, Mode::Time] {
            for set in ocr::script_sets(self.langs) {
                let out = ocr::with_engine(&set, |e| e.recognise(&canvas, mode, scale, offset));
                let Ok(p) = out else { continue };
                let s = score(&p.words);
                if *DEBUG_HEADTIME {
                    let t: Vec<String> = p
                        .words
                        .iter()
                        .map(|w| format!("{} {:.0}", w.text, w.conf))
                        .collect();
                    eprintln!("  read_time {set} {mode:?}: {t:?} score {s:?}");
                }
                if let Some(s) = s {
                    if best.as_ref().is_none_or(|b| s > b.0) {
                        best = Some((s, p.words));
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        self.ms += t0.elapsed().as_millis() as u64;
        best.map(|b| b.1)
    }
}

/// Maps a crop's commonest level to white when it is a light or mid grey (the bubble a
/// footer time sits on), scaling darker levels with it: the text keeps its contrast and the
/// bubble's box disappears.
fn whiten_background(crop: &mut GrayImage) {
    let mut hist = [0u32; 256];
    for p in crop.pixels() {
        hist[usize::from(p.0[0])] += 1;
    }
    let mode = (0..256).max_by_key(|&i| hist[i]).unwrap_or(255) as u32;
    if !(120..250).contains(&mode) {
        return;
    }
    for p in crop.pixels_mut() {
        let v = u32::from(p.0[0]);
        p.0[0] = ((v * 255 + mode / 2) / mode).min(255) as u8;
    }
}

/// `POSTOCR_DUMP_PREPARED`: the folder to write each prepared grey image to (read once).
static DUMP_PREPARED: once_cell::sync::Lazy<Option<std::ffi::OsString>> =
    once_cell::sync::Lazy::new(|| std::env::var_os("POSTOCR_DUMP_PREPARED"));

/// `POSTOCR_DEBUG_COUNTS` is set: print each digits-only count read and its result to stderr.
static DEBUG_COUNTS: once_cell::sync::Lazy<bool> =
    once_cell::sync::Lazy::new(|| std::env::var_os("POSTOCR_DEBUG_COUNTS").is_some());

/// `POSTOCR_DEBUG_HEADTIME` is set: print each header-time re-read to stderr.
static DEBUG_HEADTIME: once_cell::sync::Lazy<bool> =
    once_cell::sync::Lazy::new(|| std::env::var_os("POSTOCR_DEBUG_HEADTIME").is_some());

fn fail(mut rec: Record, stage: &str, message: String, start: Instant) -> Record {
    rec.status = Status::Error;
    rec.error = Some(ErrorInfo {
        stage: stage.to_string(),
        message,
    });
    rec.elapsed_ms = start.elapsed().as_millis() as u64;
    rec
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_on_a_grey_bubble_is_set_on_white() {
        // A footer time's crop on a bubble prepare left light grey (230), dark digits (40):
        // the bubble becomes white, the digits stay dark.
        let mut crop = GrayImage::from_pixel(40, 12, image::Luma([230]));
        for x in 10..30 {
            crop.put_pixel(x, 6, image::Luma([40]));
        }
        whiten_background(&mut crop);
        assert_eq!(crop.get_pixel(0, 0).0[0], 255);
        assert!(crop.get_pixel(15, 6).0[0] < 60);
        // A white page, or a dark one (no text contrast to keep), is left alone.
        let mut white = GrayImage::from_pixel(8, 8, image::Luma([255]));
        white.put_pixel(3, 3, image::Luma([100]));
        whiten_background(&mut white);
        assert_eq!(white.get_pixel(3, 3).0[0], 100);
        let mut dark = GrayImage::from_pixel(8, 8, image::Luma([60]));
        whiten_background(&mut dark);
        assert_eq!(dark.get_pixel(0, 0).0[0], 60);
    }
}
