//! Runs over good inputs: records and their order, `--jobs` determinism, exit codes, path
//! lists on stdin, streaming, and a consumer that closes stdout early.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use postocr::record::{Platform, Record, Status};

use crate::common::*;

/// Command-line arguments from anything path- or string-like.
macro_rules! args {
    ($($a:expr),* $(,)?) => { vec![$(std::ffi::OsStr::new(&$a).to_os_string()),*] as Vec<OsString> };
}

#[test]
fn folder_gives_one_valid_record_per_image_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = copy_samples(&some_samples(4), dir.path());
    // `Path` orders component by component, as a sorted directory walk does.
    files.sort();
    let out = run(args![dir.path(), "--jobs", "2"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let recs = records(&out.stdout);
    let paths: Vec<PathBuf> = recs.iter().map(|r| PathBuf::from(&r.path)).collect();
    assert_eq!(
        paths, files,
        "one record per image (truth files skipped), sorted by path"
    );
    for (rec, file) in recs.iter().zip(&files) {
        let ctx = format!("{}: {:?}", rec.path, rec.error);
        assert_ne!(rec.status, Status::Error, "{ctx}");
        assert!(rec.error.is_none(), "{ctx}");
        assert_eq!(
            rec.sha256.as_deref(),
            Some(sha256_hex(&std::fs::read(file).unwrap()).as_str())
        );
        let img = rec.image.as_ref().expect("image info");
        assert_eq!(
            (img.width, img.height),
            image::image_dimensions(file).unwrap(),
            "{ctx}"
        );
        assert!(
            ["light", "dim", "dark"].contains(&img.theme.as_str()),
            "{ctx}"
        );
        let ocr = rec.ocr.as_ref().expect("ocr info");
        // A post has text; a no-post image may be a bare photo with none.
        assert!(
            rec.status != Status::Ok || !ocr.text.trim().is_empty(),
            "{ctx}: no text recognised"
        );
        assert!((0.0..=100.0).contains(&ocr.mean_confidence), "{ctx}");
        assert_eq!(ocr.langs, "eng+rus+ukr");
        match rec.status {
            Status::Ok => assert!(
                !rec.posts.is_empty() && rec.platform != Platform::Unknown,
                "{ctx}"
            ),
            Status::NoPost => assert!(
                rec.posts.is_empty() && rec.platform == Platform::Unknown,
                "{ctx}"
            ),
            Status::Error => unreachable!(),
        }
        for p in &rec.posts {
            let [x, y, w, h] = p.bbox;
            assert!(
                x + w <= img.width + 1 && y + h <= img.height + 1,
                "{ctx}: bbox {:?} outside",
                p.bbox
            );
            assert!((0.0..=1.0).contains(&p.confidence), "{ctx}");
        }
        assert!(rec.timings.is_none(), "timings only with --timings");
    }
    let err = stderr_of(&out);
    assert!(
        err.contains(&format!("{} images", files.len())) && err.contains("0 errors"),
        "summary: {err}"
    );
}

#[test]
fn jobs_1_and_jobs_2_give_identical_records_apart_from_timing() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(&some_samples(3), dir.path());
    let run_with = |jobs: &str| {
        let out = run(args![dir.path(), "--timings", "--jobs", jobs], None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        let recs = records(&out.stdout);
        assert_eq!(recs.len(), 3);
        assert!(
            recs.iter().all(|r| r.timings.is_some()),
            "--timings adds per-stage ms"
        );
        recs.into_iter()
            .map(without_timing)
            .collect::<Vec<Record>>()
    };
    assert_eq!(run_with("1"), run_with("2"));
}

#[test]
fn usage_and_setup_errors_exit_2_with_a_message() {
    let no_input = run(args![], None);
    assert_eq!(no_input.status.code(), Some(2));
    assert!(no_input.stdout.is_empty());
    assert!(
        stderr_of(&no_input).contains("no input"),
        "{}",
        stderr_of(&no_input)
    );

    let bad_flag = run(args!["--no-such-flag", "x.png"], None);
    assert_eq!(bad_flag.status.code(), Some(2));
    assert!(bad_flag.stdout.is_empty());

    // Missing language data: refused before any image is read, naming the package to install.
    let sample = &some_samples(1)[0];
    for langs in ["xyz", "eng+xyz"] {
        let out = run(args![sample, "--lang", langs], None);
        assert_eq!(out.status.code(), Some(2), "--lang {langs}");
        assert!(out.stdout.is_empty(), "no record when set-up fails");
        let err = stderr_of(&out);
        assert!(
            err.contains("tesseract-ocr-xyz"),
            "message names the package: {err}"
        );
    }
}

#[test]
fn dash_reads_paths_from_stdin_in_the_order_given_and_failures_exit_1() {
    let s = some_samples(2);
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.png");
    let list = format!(
        "{}\n{}\n\n{}\n",
        s[1].display(),
        missing.display(),
        s[0].display()
    );
    let out = run(args!["-", "--jobs", "2"], Some(list.as_bytes()));
    assert_eq!(
        out.status.code(),
        Some(1),
        "one input failed: {}",
        stderr_of(&out)
    );
    let recs = records(&out.stdout);
    let paths: Vec<PathBuf> = recs.iter().map(|r| PathBuf::from(&r.path)).collect();
    assert_eq!(paths, vec![s[1].clone(), missing, s[0].clone()]);
    assert_eq!(recs[1].status, Status::Error);
    assert_eq!(recs[1].error.as_ref().unwrap().stage, "read");
    assert_eq!(recs[1].sha256, None, "nothing was read");
    assert!(recs[0].status != Status::Error && recs[2].status != Status::Error);
    assert!(stderr_of(&out).contains("1 errors"), "{}", stderr_of(&out));
}

/// Starts postocr on a list whose second entry is a named pipe nobody writes yet, so the run is
/// held after the first image; returns the child and its stdout.
fn held_run(
    first: &Path,
    fifo: &Path,
    rest: &[&Path],
    jobs: &str,
) -> (std::process::Child, BufReader<ChildStdout>) {
    mkfifo(fifo);
    let mut list = format!("{}\n{}\n", first.display(), fifo.display());
    for p in rest {
        list += &format!("{}\n", p.display());
    }
    let mut child = postocr()
        .args(["-", "--jobs", jobs])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (child, stdout)
}

/// Reads one line while the run is held; fails (after unblocking the run) if none comes.
fn first_line(
    mut stdout: BufReader<ChildStdout>,
    fifo: &Path,
    child: &mut std::process::Child,
) -> (String, BufReader<ChildStdout>) {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = stdout.read_line(&mut line);
        let _ = tx.send((line, stdout));
    });
    match rx.recv_timeout(Duration::from_secs(180)) {
        Ok((line, stdout)) if !line.is_empty() => (line, stdout),
        got => {
            let _ = child.kill();
            let _ = std::fs::remove_file(fifo);
            panic!(
                "the first record did not arrive while the run was held: {:?}",
                got.map(|g| g.0)
            );
        }
    }
}

#[test]
fn each_record_is_written_as_soon_as_it_is_ready() {
    let sample = some_samples(1).remove(0);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("held.png");
    let (mut child, stdout) = held_run(&sample, &fifo, &[], "2");
    let (line, mut stdout) = first_line(stdout, &fifo, &mut child);
    // The run cannot have ended: its second input is still waiting for bytes.
    assert!(
        child.try_wait().unwrap().is_none(),
        "run ended before its second input was written"
    );
    let first: Record = serde_json::from_str(&line).unwrap();
    assert_eq!(PathBuf::from(&first.path), sample);

    let bytes = std::fs::read(&sample).unwrap();
    feed_fifo(&fifo, &bytes, Duration::from_secs(180));
    let rest = records(&read_all(&mut stdout));
    let status = wait_within(&mut child, Duration::from_secs(180));
    assert_no_panic(&read_all(child.stderr.as_mut().unwrap()));
    assert_eq!(status.code(), Some(0));
    assert_eq!(rest.len(), 1);
    assert_eq!(PathBuf::from(&rest[0].path), fifo);
    assert_eq!(rest[0].sha256.as_deref(), Some(sha256_hex(&bytes).as_str()));
    assert_eq!(
        without_timing(rest[0].clone()).posts,
        first.posts,
        "same bytes, same posts"
    );
}

#[test]
fn closed_stdout_ends_the_run_quietly() {
    // `postocr dir | head -1`: the reader goes away after one record.
    let sample = some_samples(1).remove(0);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("held.png");
    let s: &Path = &sample;
    let (mut child, stdout) = held_run(&sample, &fifo, &[s, s, s, s], "1");
    let (line, stdout) = first_line(stdout, &fifo, &mut child);
    serde_json::from_str::<Record>(&line).expect("first record");
    drop(stdout);
    // Only now is the second image produced, so its write meets a closed pipe.
    feed_fifo(
        &fifo,
        &std::fs::read(&sample).unwrap(),
        Duration::from_secs(180),
    );
    let status = wait_within(&mut child, Duration::from_secs(180));
    let err = String::from_utf8_lossy(&read_all(child.stderr.as_mut().unwrap())).into_owned();
    assert_no_panic(err.as_bytes());
    assert!(
        !err.contains("Broken pipe") && !err.contains("os error 32"),
        "not quiet: {err}"
    );
    assert!(
        !err.contains("images,"),
        "an interrupted run prints no summary: {err}"
    );
    assert_eq!(
        status.code(),
        Some(0),
        "a reader that stops early is not a failure: {err}"
    );
}

#[test]
fn subcommand_output_into_a_closed_pipe_is_not_an_error() {
    use std::os::fd::{FromRawFd, OwnedFd};
    // A pipe whose reading end is already closed: the first write fails with EPIPE.
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe(2) returns.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: both descriptors are fresh and owned here alone.
    let (read_end, write_end) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read_end);
    let out = postocr()
        .arg("schema")
        .stdout(Stdio::from(write_end))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_no_panic(err.as_bytes());
    assert_eq!(out.status.code(), Some(0), "quiet exit: {err}");
    assert!(err.is_empty(), "nothing to say about a closed pipe: {err}");
}
