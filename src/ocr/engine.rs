//! The Tesseract engine (through `leptess`), one per worker thread.
//!
//! Engines are `Send` but not `Sync` and take ~100 ms to initialise with three language models,
//! so each worker thread keeps its own, created on first use and reused for every image that
//! thread handles (see [`with_engine`]). Images are handed over as raw grey pixels: no
//! re-encoding, no temporary files.
//!
//! The engine talks to Tesseract's C API through `leptess::capi` rather than leptess's
//! `TessApi`: that wrapper hides the handle, and the handle is needed for
//! `TessBaseAPIIsValidWord`, the language model's dictionary lookup that the Cyrillic re-read
//! relies on (see `ocr::merge_rereads`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::path::Path;
use std::ptr::NonNull;

use image::GrayImage;
use leptess::capi;

use super::tsv::{OcrPage, parse_tsv};

/// How a region should be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Whole page, automatic segmentation.
    Page,
    /// One line of text (e.g. a count next to an icon).
    Line,
    /// One uniform block of text (a stack of line crops).
    Block,
    /// One line holding only a count: digits, separators and K/M/B suffixes.
    Count,
    /// A count Tesseract's line mode returned empty (a lone "9" beside a heart): read as a
    /// single word, with the count's characters.
    CountWord,
    /// One line holding only a short time: digits, ":" "/" "." and the letters of the
    /// relative units ("11m", "2h", "9 год", "3 дн.", "11/25/25").
    Time,
}

/// Errors that stop the whole run (set-up), as opposed to per-image failures.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(
        "Tesseract language data for '{lang}' is missing in {dir}: install it with \
         `apt-get install {packages}` (or run scripts/setup.sh), or set TESSDATA_PREFIX"
    )]
    MissingLanguage {
        lang: String,
        dir: String,
        packages: String,
    },
    #[error("Tesseract failed to initialise with languages '{0}'")]
    Init(String),
    #[error("Tesseract failed to recognise the image")]
    Recognise,
}

/// One initialised Tesseract instance.
pub struct Engine {
    handle: NonNull<capi::TessBaseAPI>,
    mode: Option<Mode>,
}

// SAFETY: a TessBaseAPI may move between threads; it is only ever used by one at a time
// (`Engine` is not `Sync`, and each worker thread keeps its own).
unsafe impl Send for Engine {}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: the handle came from TessBaseAPICreate and is released once, here.
        unsafe {
            capi::TessBaseAPIEnd(self.handle.as_ptr());
            capi::TessBaseAPIDelete(self.handle.as_ptr());
        }
    }
}

impl Engine {
    pub fn new(langs: &str) -> Result<Engine, EngineError> {
        check_languages(langs)?;
        // Leptonica's internal complaints ("Error in boxClipToRectangle: box outside
        // rectangle") mean nothing to a user and are not errors of ours: keep them off stderr.
        static QUIET: std::sync::Once = std::sync::Once::new();
        // SAFETY: setMsgSeverity only stores an integer in a Leptonica global; run once.
        QUIET.call_once(|| unsafe {
            capi::setMsgSeverity(capi::L_SEVERITY_NONE as i32);
        });
        let init_err = || EngineError::Init(langs.into());
        let lang = CString::new(langs).map_err(|_| init_err())?;
        // SAFETY: TessBaseAPICreate has no preconditions; a null result is handled.
        let handle = NonNull::new(unsafe { capi::TessBaseAPICreate() }).ok_or_else(init_err)?;
        let mut engine = Engine { handle, mode: None };
        // SAFETY: valid handle; a null datapath means Tesseract's default (TESSDATA_PREFIX).
        let rc =
            unsafe { capi::TessBaseAPIInit3(handle.as_ptr(), std::ptr::null(), lang.as_ptr()) };
        if rc != 0 {
            return Err(init_err()); // dropping `engine` releases the handle
        }
        // We invert dark themes ourselves; Tesseract's own inverted retry of every
        // low-confidence line only costs time on our normalised images.
        engine.set("tessedit_do_invert", "0");
        // Tesseract's document dictionary learns words from every page an engine reads and
        // biases later pages: a result would depend on which images the same worker read
        // before (so on --jobs, --shard and input order). Each image stands alone.
        engine.set("tessedit_enable_doc_dict", "0");
        // Keep Tesseract's diagnostics ("Estimating resolution…") off our stderr.
        engine.set("debug_file", "/dev/null");
        // Tesseract's dynamic-programming test for fixed-pitch (typewriter) rows runs on
        // every row of the page; screenshots are set in proportional fonts, and the LSTM
        // reads a row the same either way. Off: about 5 % less CPU on the 15-image speed
        // subset (user time 7.40-7.80 s against 7.69-9.06 s, interleaved runs), eval output
        // unchanged on dev6, x10 (and tg12, realworld, tuning: see the commit).
        engine.set("textord_disable_pitch_test", "1");
        // Keep inter-word spaces as found; we rebuild lines from boxes.
        engine.set("preserve_interword_spaces", "0");
        // Developer aid: POSTOCR_TESS_VARS="name=value,name=value" sets Tesseract variables
        // on every engine, for experiments.
        if let Ok(vars) = std::env::var("POSTOCR_TESS_VARS") {
            for kv in vars.split(',').filter(|kv| !kv.is_empty()) {
                if let Some((k, v)) = kv.split_once('=') {
                    engine.set(k.trim(), v.trim());
                }
            }
        }
        Ok(engine)
    }

    fn set(&mut self, k: &str, v: &str) {
        let (k, v) = (CString::new(k).unwrap(), CString::new(v).unwrap());
        // SAFETY: valid handle and NUL-terminated strings that outlive the call.
        unsafe { capi::TessBaseAPISetVariable(self.handle.as_ptr(), k.as_ptr(), v.as_ptr()) };
    }

    fn set_mode(&mut self, mode: Mode) {
        if self.mode == Some(mode) {
            return;
        }
        let (psm, whitelist) = match mode {
            Mode::Page => (PAGE_PSM.as_str(), ""),
            Mode::Line => ("7", ""),
            Mode::Block => ("6", ""),
            Mode::Count => ("7", "0123456789.,KMBkmb"),
            Mode::CountWord => ("8", "0123456789.,KMBkmb"),
            Mode::Time => ("7", "0123456789:/.smhdwyсмчдинхвготже"),
        };
        self.set("tessedit_pageseg_mode", psm);
        self.set("tessedit_char_whitelist", whitelist);
        self.mode = Some(mode);
    }

    /// Whether the first language's dictionary (Tesseract's word list for the model) holds
    /// `word`, as written or lower-cased.
    pub fn is_valid_word(&self, word: &str) -> bool {
        let Ok(c) = CString::new(word) else {
            return false;
        };
        // SAFETY: valid handle and a NUL-terminated string that outlives the call.
        unsafe { capi::TessBaseAPIIsValidWord(self.handle.as_ptr(), c.as_ptr()) != 0 }
    }

    /// Recognises `grey` and returns its words; boxes are divided by `scale` and shifted by
    /// `offset` so they land in original-image pixels.
    pub fn recognise(
        &mut self,
        grey: &GrayImage,
        mode: Mode,
        scale: f32,
        offset: (f32, f32),
    ) -> Result<OcrPage, EngineError> {
        self.set_mode(mode);
        let (w, h) = grey.dimensions();
        if w == 0 || h == 0 || grey.as_raw().len() < (w as usize) * (h as usize) {
            return Err(EngineError::Recognise);
        }
        let h_ = self.handle.as_ptr();
        // SAFETY: the buffer holds w*h bytes of 8-bit grey, rows of w bytes; Tesseract copies
        // it during SetImage. The TSV text is ours to free with TessDeleteText.
        let tsv = unsafe {
            capi::TessBaseAPISetImage(h_, grey.as_raw().as_ptr(), w as i32, h as i32, 1, w as i32);
            // Screens are ~96 dpi, but our rescale aims text at the size 300 dpi print gives.
            capi::TessBaseAPISetSourceResolution(h_, 300);
            if capi::TessBaseAPIRecognize(h_, std::ptr::null_mut()) != 0 {
                return Err(EngineError::Recognise);
            }
            let p = capi::TessBaseAPIGetTsvText(h_, 0);
            if p.is_null() {
                return Err(EngineError::Recognise);
            }
            let t = CStr::from_ptr(p).to_string_lossy().into_owned();
            capi::TessDeleteText(p);
            t
        };
        Ok(parse_tsv(&tsv, scale, offset))
    }
}

/// Page segmentation mode of the main pass; POSTOCR_PSM overrides it for experiments (3, the
/// default, scored best on the samples; 11 "sparse text" lost paragraph order).
static PAGE_PSM: once_cell::sync::Lazy<String> =
    once_cell::sync::Lazy::new(|| std::env::var("POSTOCR_PSM").unwrap_or_else(|_| "3".into()));

thread_local! {
    static ENGINES: RefCell<HashMap<String, Engine>> = RefCell::new(HashMap::new());
}

/// Engines made ahead of use by [`prewarm`], waiting for a worker to take them, and how many
/// of each language set are still being made.
#[derive(Default)]
struct Spare {
    ready: HashMap<String, Vec<Engine>>,
    pending: HashMap<String, usize>,
}

static SPARE: std::sync::Mutex<Option<Spare>> = std::sync::Mutex::new(None);
static SPARE_CHANGED: std::sync::Condvar = std::sync::Condvar::new();

/// Starts `copies` background threads that each make one engine of every set in `sets`, in
/// that order, for the workers to take on first use (see [`with_engine`]).
///
/// An engine takes 25–80 ms to start per model set (eng about 80, rus+ukr 40, the Ukrainian
/// word-list engine 25), and a worker needs them one after the other: the Latin one after
/// decode and prepare, the Cyrillic ones after the page pass. Made on a spare thread they are
/// ready when needed; on one image the second core is otherwise idle the whole time. An
/// engine's results do not depend on the thread that made it, so records stay the same.
pub fn prewarm(sets: &[String], copies: usize) {
    if sets.is_empty() || copies == 0 || std::env::var_os("POSTOCR_NO_PREWARM").is_some() {
        return;
    }
    {
        let mut g = SPARE.lock().unwrap_or_else(|e| e.into_inner());
        let spare = g.get_or_insert_with(Spare::default);
        for s in sets {
            *spare.pending.entry(s.clone()).or_default() += copies;
        }
    }
    for i in 0..copies {
        let mine = sets.to_vec();
        let spawned = std::thread::Builder::new()
            .name(format!("postocr-engines-{i}"))
            .spawn(move || {
                for s in &mine {
                    let made = Engine::new(s).ok();
                    let mut g = SPARE.lock().unwrap_or_else(|e| e.into_inner());
                    let spare = g.get_or_insert_with(Spare::default);
                    if let Some(n) = spare.pending.get_mut(s) {
                        *n = n.saturating_sub(1);
                    }
                    if let Some(e) = made {
                        spare.ready.entry(s.clone()).or_default().push(e);
                    }
                    SPARE_CHANGED.notify_all();
                }
            });
        if spawned.is_err() {
            // No thread: nothing will come, so nobody may wait for it.
            let mut g = SPARE.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(spare) = g.as_mut() {
                for s in sets {
                    if let Some(n) = spare.pending.get_mut(s) {
                        *n = n.saturating_sub(1);
                    }
                }
            }
            SPARE_CHANGED.notify_all();
        }
    }
}

/// A prewarmed engine for `langs`, waiting for one still being made; None when none is ready
/// or coming (the caller then makes its own).
fn take_spare(langs: &str) -> Option<Engine> {
    let mut g = SPARE.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let spare = g.as_mut()?;
        if let Some(e) = spare.ready.get_mut(langs).and_then(Vec::pop) {
            return Some(e);
        }
        if spare.pending.get(langs).copied().unwrap_or(0) == 0 {
            return None;
        }
        g = SPARE_CHANGED.wait(g).unwrap_or_else(|e| e.into_inner());
    }
}

/// Runs `f` with this thread's engine for `langs`, creating it on first use (or taking one
/// [`prewarm`] made).
pub fn with_engine<T>(
    langs: &str,
    f: impl FnOnce(&mut Engine) -> Result<T, EngineError>,
) -> Result<T, EngineError> {
    ENGINES.with(|cell| {
        let mut map = cell.borrow_mut();
        if !map.contains_key(langs) {
            let e = match take_spare(langs) {
                Some(e) => e,
                None => Engine::new(langs)?,
            };
            map.insert(langs.to_string(), e);
        }
        f(map.get_mut(langs).expect("just inserted"))
    })
}

/// "tesseract 5.3.0".
pub fn version() -> String {
    // SAFETY: TessVersion returns a static NUL-terminated string.
    let v = unsafe { CStr::from_ptr(leptess::capi::TessVersion()) };
    format!("tesseract {}", v.to_string_lossy())
}

/// Where Tesseract looks for `*.traineddata`.
pub fn tessdata_dir() -> String {
    if let Ok(p) = std::env::var("TESSDATA_PREFIX") {
        return p;
    }
    for d in [
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata",
        "/usr/local/share/tessdata",
    ] {
        if Path::new(d).is_dir() {
            return d.to_string();
        }
    }
    "/usr/share/tesseract-ocr/5/tessdata".to_string()
}

/// Checks every language of `langs` ("eng+rus+ukr") has its model file, so a missing package
/// is reported by name instead of as an opaque init failure.
pub fn check_languages(langs: &str) -> Result<(), EngineError> {
    let dir = tessdata_dir();
    let missing: Vec<&str> = langs
        .split('+')
        .filter(|l| !l.is_empty() && !Path::new(&dir).join(format!("{l}.traineddata")).exists())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let packages = missing
        .iter()
        .map(|l| format!("tesseract-ocr-{}", l.replace('_', "-").to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ");
    Err(EngineError::MissingLanguage {
        lang: missing.join("+"),
        dir,
        packages,
    })
}
