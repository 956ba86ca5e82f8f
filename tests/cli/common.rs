//! Helpers shared by the end-to-end tests: running the binary, finding samples, reading records.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use postocr::record::Record;

/// The binary under test, with a quiet log so stderr holds only what postocr means to say.
pub fn postocr() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_postocr"));
    c.env_remove("RUST_LOG");
    c
}

/// Runs postocr with `args`, feeding `stdin` (empty when None).
pub fn run<I, S>(args: I, stdin: Option<&[u8]>) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = postocr()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn postocr");
    let mut sin = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        sin.write_all(bytes).unwrap();
    }
    drop(sin);
    let out = child.wait_with_output().unwrap();
    assert_no_panic(&out.stderr);
    out
}

pub fn assert_no_panic(stderr: &[u8]) {
    let s = String::from_utf8_lossy(stderr);
    assert!(!s.contains("panicked"), "postocr panicked:\n{s}");
}

pub fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every line of `stdout` as a [`Record`]; a line that does not parse fails the test.
pub fn records(stdout: &[u8]) -> Vec<Record> {
    let text = std::str::from_utf8(stdout).expect("stdout is UTF-8");
    text.lines()
        .map(|l| {
            serde_json::from_str::<Record>(l).unwrap_or_else(|e| panic!("bad record ({e}): {l}"))
        })
        .collect()
}

/// A record with its run-dependent fields (wall time, per-stage timings) cleared.
pub fn without_timing(mut r: Record) -> Record {
    r.elapsed_ms = 0;
    r.timings = None;
    r
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every committed sample: `samples/**/NAME.{png,jpg}` with `NAME.truth.json` beside it,
/// sorted. Tests never depend on a particular sample's name or content.
pub fn samples() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![repo().join("samples")];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(OsStr::to_str), Some("png" | "jpg"))
                && p.with_extension("truth.json").is_file()
            {
                out.push(p);
            }
        }
    }
    out.sort();
    assert!(
        !out.is_empty(),
        "no samples (samples/**/NAME.png with NAME.truth.json) found"
    );
    out
}

/// `n` samples spread evenly over the sorted list (every len/n-th), to keep test time low
/// while still touching different platforms, themes and formats.
pub fn some_samples(n: usize) -> Vec<PathBuf> {
    let all = samples();
    let step = (all.len() / n.max(1)).max(1);
    all.into_iter().step_by(step).take(n).collect()
}

/// Copies `files` into `dir` (with their truth files, which postocr must skip), keeping their
/// path relative to `samples/`. Returns the copied image paths.
pub fn copy_samples(files: &[PathBuf], dir: &Path) -> Vec<PathBuf> {
    let root = repo().join("samples");
    files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(&root).unwrap();
            let dst = dir.join(rel);
            std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
            std::fs::copy(f, &dst).unwrap();
            std::fs::copy(
                f.with_extension("truth.json"),
                dst.with_extension("truth.json"),
            )
            .unwrap();
            dst
        })
        .collect()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

/// Lower-cased words of 4+ letters: what OCR of two renderings of one image should share.
pub fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Fraction of `base`'s words that `other` also has.
pub fn shared_words(base: &str, other: &str) -> f64 {
    let (a, b) = (words(base), words(other));
    if a.is_empty() {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / a.len() as f64
}

/// Makes a named pipe. Reading it blocks until a writer comes: tests use one as an input to
/// hold postocr at a known point of a run.
pub fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(
        rc,
        0,
        "mkfifo {}: {}",
        path.display(),
        std::io::Error::last_os_error()
    );
}

/// Writes `bytes` into the named pipe once postocr has opened it for reading. Gives up (and
/// fails the test) after `limit`, so a postocr that never opens it cannot hang the suite.
pub fn feed_fifo(path: &Path, bytes: &[u8], limit: Duration) {
    use std::os::unix::fs::OpenOptionsExt;
    let deadline = Instant::now() + limit;
    let mut f = loop {
        // Non-blocking open fails with ENXIO while nobody reads the pipe.
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
        {
            Ok(f) => break f,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("postocr never opened {}: {e}", path.display()),
        }
    };
    // Back to blocking writes: the image may exceed the pipe buffer.
    // SAFETY: fd is valid for the life of `f`.
    unsafe {
        use std::os::fd::AsRawFd;
        let fd = f.as_raw_fd();
        let flags = libc::fcntl(fd, libc::F_GETFL);
        libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
    }
    // A reader that went away mid-image (EPIPE) is the test's business to judge, not ours.
    let _ = f.write_all(bytes);
}

/// Waits for `child` to exit, failing the test after `limit` (a hang guard, not a speed test).
pub fn wait_within(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("postocr did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn read_all(r: &mut impl Read) -> Vec<u8> {
    let mut v = Vec::new();
    r.read_to_end(&mut v).unwrap();
    v
}
