//! `--db`, `--sidecar`, `search`, `export` and scripts/archive-folder.sh, end to end: the real
//! binary, real Tesseract, screenshots from samples/ (found by globbing, smallest first, so
//! the module stays fast).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use postocr::Record;
use rusqlite::Connection;

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_postocr"));
    // Set here so the binary does not re-execute itself (the kill test wants one process).
    c.env("OMP_THREAD_LIMIT", "1");
    c
}

pub fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    run_in(Path::new("."), args)
}

/// Runs in `dir`, so that relative paths (and so the archive's rows) are the same in copies.
pub fn run_in(dir: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut c = bin();
    c.current_dir(dir);
    for a in args {
        c.arg(a);
    }
    c.output().expect("postocr runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Sample screenshots under samples/<sub>/ (all platforms when `sub` is empty), smallest files
/// first.
pub fn samples(sub: &str, n: usize) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(sub);
    let mut found: Vec<(u64, PathBuf)> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .map(|e| (e.metadata().unwrap().len(), e.into_path()))
        .collect();
    found.sort();
    assert!(
        found.len() >= n,
        "need {n} PNG screenshots under {}",
        root.display()
    );
    found.into_iter().take(n).map(|(_, p)| p).collect()
}

/// (new, skipped, failed) from the run summary on stderr.
pub fn counts(o: &Output) -> (usize, usize, usize) {
    let s = stderr(o);
    let line = s
        .lines()
        .rev()
        .find(|l| l.contains(" new, "))
        .unwrap_or_else(|| panic!("no summary in: {s}"));
    let num = |word: &str| -> usize {
        let i = line
            .find(word)
            .unwrap_or_else(|| panic!("{word} not in {line}"));
        line[..i]
            .trim_end()
            .rsplit([' ', ':'])
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (num(" new"), num(" skipped"), num(" failed"))
}

pub fn records(stdout: &[u8]) -> Vec<Record> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

pub fn query_i64(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// The database is sound: SQLite's own check, the full-text index matches its table, and
/// every image has exactly the posts its record lists.
pub fn assert_sound(db: &Path) {
    let c = Connection::open(db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    c.execute(
        "INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
    let mismatched: i64 = c
        .query_row(
            "SELECT count(*) FROM images i
             WHERE json_array_length(i.record, '$.posts') != (SELECT count(*) FROM posts p WHERE p.sha256 = i.sha256)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        mismatched, 0,
        "images whose posts rows do not match their record"
    );
    let orphans: i64 = c
        .query_row("SELECT count(*) FROM images i WHERE NOT EXISTS (SELECT 1 FROM paths p WHERE p.sha256 = i.sha256)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orphans, 0, "images without a path");
}

pub fn sha256_file(p: &Path) -> String {
    postocr::pipeline::sha256_hex(&std::fs::read(p).unwrap())
}

/// One archive of three X screenshots, built once and copied by the tests that need one. The
/// run is made from its folder with relative paths (`shots/…`, `archive.sqlite`), so a copy
/// run from its own folder names the same paths.
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub images: PathBuf,
    pub db: PathBuf,
    pub first_run: Output,
}

pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let images = dir.path().join("shots");
        std::fs::create_dir(&images).unwrap();
        for p in samples("x", 3) {
            std::fs::copy(&p, images.join(p.file_name().unwrap())).unwrap();
        }
        let db = dir.path().join("archive.sqlite");
        let first_run = run_in(dir.path(), &[&"shots", &"--db", &"archive.sqlite"]);
        assert_eq!(first_run.status.code(), Some(0), "{}", stderr(&first_run));
        Fixture {
            _dir: dir,
            images,
            db,
            first_run,
        }
    })
}

/// A private copy of the fixture: (tempdir, images folder, archive).
fn fixture_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let f = fixture();
    let d = tempfile::tempdir().unwrap();
    let images = d.path().join("shots");
    std::fs::create_dir(&images).unwrap();
    for e in std::fs::read_dir(&f.images).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), images.join(e.file_name())).unwrap();
    }
    let db = d.path().join("archive.sqlite");
    std::fs::copy(&f.db, &db).unwrap();
    (d, images, db)
}

#[test]
fn first_run_archives_every_image_with_its_posts() {
    let f = fixture();
    assert_eq!(counts(&f.first_run), (3, 0, 0));
    let recs = records(&f.first_run.stdout);
    assert_eq!(recs.len(), 3, "stdout carries what the run processed");
    assert_eq!(query_i64(&f.db, "SELECT count(*) FROM images"), 3);
    assert_eq!(query_i64(&f.db, "SELECT count(*) FROM paths"), 3);
    let posts: usize = recs.iter().map(|r| r.posts.len()).sum();
    assert_eq!(
        query_i64(&f.db, "SELECT count(*) FROM posts") as usize,
        posts
    );
    assert_eq!(query_i64(&f.db, "PRAGMA user_version"), 1);
    assert_sound(&f.db);
}

#[test]
fn second_run_skips_everything_and_leaves_the_archive_unchanged() {
    let (d, images, db) = fixture_copy();
    let before = sha256_file(&db);
    let t = Instant::now();
    let o = run_in(d.path(), &[&"shots", &"--db", &"archive.sqlite"]);
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(counts(&o), (0, 3, 0));
    assert!(o.stdout.is_empty(), "nothing processed, nothing printed");
    assert!(secs < 5.0, "a re-run does no OCR ({secs:.1} s)");
    assert_eq!(
        sha256_file(&db),
        before,
        "the archive file is byte-for-byte unchanged"
    );
    assert!(
        !db.with_extension("sqlite-wal").exists()
            || std::fs::metadata(db.with_extension("sqlite-wal"))
                .unwrap()
                .len()
                == 0
    );

    // The same bytes under a new name: only the path is added.
    let first = std::fs::read_dir(&images)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::copy(&first, images.join("copy-of-first.png")).unwrap();
    let o = run_in(d.path(), &[&"shots", &"--db", &"archive.sqlite"]);
    assert_eq!(counts(&o), (0, 4, 0), "{}", stderr(&o));
    assert_eq!(query_i64(&db, "SELECT count(*) FROM images"), 3);
    assert_eq!(query_i64(&db, "SELECT count(*) FROM paths"), 4);

    // --force redoes them, without duplicating anything.
    let posts = query_i64(&db, "SELECT count(*) FROM posts");
    let o = run_in(
        d.path(),
        &[&"shots", &"--db", &"archive.sqlite", &"--force"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (new, skipped, _) = counts(&o);
    assert_eq!(
        (new, skipped),
        (3, 1),
        "the copy is the same bytes: processed once per run"
    );
    assert_eq!(query_i64(&db, "SELECT count(*) FROM posts"), posts);
    assert_sound(&db);
}

#[test]
fn search_finds_posts_by_a_word_of_their_text_and_by_handle() {
    let f = fixture();
    let recs = records(&f.first_run.stdout);
    let (rec, post) = recs
        .iter()
        .flat_map(|r| r.posts.iter().map(move |p| (r, p)))
        .find(|(_, p)| {
            p.author.handle.is_some()
                && p.text
                    .split_whitespace()
                    .any(|w| w.len() >= 6 && w.chars().all(char::is_alphabetic))
        })
        .expect("a post with a handle and a plain word");
    let word = post
        .text
        .split_whitespace()
        .find(|w| w.len() >= 6 && w.chars().all(char::is_alphabetic))
        .unwrap();
    let handle = post.author.handle.clone().unwrap();
    let sha = rec.sha256.clone().unwrap();

    let hits = |args: &[&dyn AsRef<std::ffi::OsStr>]| -> Vec<postocr::query::Hit> {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"search", &"--db", &f.db, &"--jsonl"];
        all.extend_from_slice(args);
        let o = run(&all);
        assert!(
            o.status.code() == Some(0) || o.status.code() == Some(1),
            "{}",
            stderr(&o)
        );
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let by_word = hits(&[&word.to_lowercase()]);
    assert!(
        by_word
            .iter()
            .any(|h| h.sha256 == sha && h.post.text == post.text),
        "{word}: {by_word:?}"
    );
    let by_handle_text = hits(&[&handle]);
    assert!(
        by_handle_text.iter().any(|h| h.sha256 == sha),
        "FTS over handle {handle}"
    );
    let filtered = hits(&[&"--handle", &handle.trim_start_matches('@').to_uppercase()]);
    assert!(
        !filtered.is_empty()
            && filtered
                .iter()
                .all(|h| h.post.author.handle.as_deref() == Some(handle.as_str()))
    );
    assert!(hits(&[&"zzzqqqxxy"]).is_empty());

    // For a person: a table, and exit 1 when nothing matches.
    let o = run(&[&"search", &word, &"--db", &f.db]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains(&handle));
    assert_eq!(
        run(&[&"search", &"zzzqqqxxy", &"--db", &f.db])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn export_writes_the_records_back_out() {
    let f = fixture();
    let o = run(&[&"export", &"--db", &f.db]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let exported = records(&o.stdout);
    let mut processed = records(&f.first_run.stdout);
    processed.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(exported.len(), processed.len());
    for (e, p) in exported.iter().zip(&processed) {
        assert_eq!(
            e.producer
                .as_ref()
                .map(|p| p.version.starts_with("postocr ")),
            Some(true)
        );
        let mut e = e.clone();
        e.producer = None;
        assert_eq!(&e, p);
    }
}

#[test]
fn kill_9_mid_run_then_resume_loses_and_duplicates_nothing() {
    let d = tempfile::tempdir().unwrap();
    let images = d.path().join("in");
    std::fs::create_dir(&images).unwrap();
    for p in samples("", 7).into_iter().skip(1) {
        let name = format!(
            "{}-{}",
            p.parent().unwrap().file_name().unwrap().to_string_lossy(),
            p.file_name().unwrap().to_string_lossy()
        );
        std::fs::copy(&p, images.join(name)).unwrap();
    }
    let db = d.path().join("a.sqlite");
    let mut child = bin()
        .args([
            images.as_os_str(),
            "--db".as_ref(),
            db.as_os_str(),
            "--jobs".as_ref(),
            "1".as_ref(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until at least one image is committed, then kill in the middle of the next.
    let t = Instant::now();
    loop {
        let n = Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("SELECT count(*) FROM images", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if n >= 1 {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "no image archived within a minute"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "run ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::process::Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    let at_kill = query_i64(&db, "SELECT count(*) FROM images") as usize;
    assert!(
        (1..6).contains(&at_kill),
        "killed mid-run ({at_kill} of 6 archived)"
    );
    assert_sound(&db);

    let o = run(&[&images, &"--db", &db]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        counts(&o),
        (6 - at_kill, at_kill, 0),
        "the resumed run does the rest"
    );
    assert_eq!(query_i64(&db, "SELECT count(*) FROM images"), 6);
    assert_eq!(query_i64(&db, "SELECT count(*) FROM paths"), 6);
    assert_sound(&db);
    let o = run(&[&images, &"--db", &db]);
    assert_eq!(counts(&o), (0, 6, 0));
}

#[test]
fn two_runs_on_one_archive_at_once_both_finish_and_agree() {
    let d = tempfile::tempdir().unwrap();
    let images = d.path().join("in");
    std::fs::create_dir(&images).unwrap();
    for p in samples("", 4).into_iter().skip(1) {
        std::fs::copy(&p, images.join(p.file_name().unwrap())).unwrap();
    }
    let db = d.path().join("shared.sqlite");
    let spawn = || {
        bin()
            .args([
                images.as_os_str(),
                "--db".as_ref(),
                db.as_os_str(),
                "--jobs".as_ref(),
                "1".as_ref(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    assert_eq!(query_i64(&db, "SELECT count(*) FROM images"), 3);
    assert_eq!(query_i64(&db, "SELECT count(*) FROM paths"), 3);
    assert_sound(&db);
    let (an, _, _) = counts(&a);
    let (bn, _, _) = counts(&b);
    assert!(an + bn >= 3, "every image was processed by one of them");
}

#[test]
fn a_run_that_cannot_get_the_write_lock_gives_up_with_a_clear_message() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.sqlite");
    // An image that fails to decode is archived at once, with no OCR: the write comes quickly.
    let bad = d.path().join("broken.png");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n but then nothing").unwrap();
    assert_eq!(
        run(&[&"--db", &db, &"--quiet", &bad]).status.code(),
        Some(1)
    );
    let other = d.path().join("broken2.png");
    std::fs::write(&other, b"\x89PNG\r\n\x1a\n another broken one").unwrap();
    let holder = Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let t = Instant::now();
    let o = run(&[&"--db", &db, &"--db-wait", &"1", &other]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("busy"), "{}", stderr(&o));
    assert!(t.elapsed() < Duration::from_secs(20));
    holder.execute_batch("ROLLBACK").unwrap();
    assert_sound(&db);
}

#[test]
fn foreign_database_is_refused_as_a_setup_error() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("notes.sqlite");
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE notes(x)")
        .unwrap();
    let o = run(&[&"--db", &db, &d.path()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a postocr archive"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn sidecars_are_written_atomically_and_left_alone_when_current() {
    let (d, images, _db) = fixture_copy();
    // The archive holds these images: the sidecars come from it, with no OCR.
    let o = run_in(
        d.path(),
        &[&"shots", &"--db", &"archive.sqlite", &"--sidecar"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(counts(&o), (0, 3, 0));
    let mut sidecars: Vec<PathBuf> = std::fs::read_dir(&images)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".postocr.json"))
        .collect();
    sidecars.sort();
    assert_eq!(sidecars.len(), 3);
    let leftovers = std::fs::read_dir(&images)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".tmp-")
        })
        .count();
    assert_eq!(leftovers, 0);
    for s in &sidecars {
        let rec: Record = serde_json::from_slice(&std::fs::read(s).unwrap()).unwrap();
        let image = PathBuf::from(s.to_string_lossy().trim_end_matches(".postocr.json"));
        assert_eq!(Path::new(&rec.path), image.strip_prefix(d.path()).unwrap());
        assert_eq!(rec.sha256.as_deref(), Some(sha256_file(&image).as_str()));
    }
    let mtimes = |v: &[PathBuf]| {
        v.iter()
            .map(|p| std::fs::metadata(p).unwrap().modified().unwrap())
            .collect::<Vec<_>>()
    };
    let before = mtimes(&sidecars);
    std::thread::sleep(Duration::from_millis(20));
    // Sidecars alone (no archive): current, so nothing is processed or rewritten.
    let o = run_in(d.path(), &[&"shots", &"--sidecar"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(counts(&o), (0, 3, 0));
    assert_eq!(mtimes(&sidecars), before);
}

#[test]
fn archive_folder_script_reports_what_is_new() {
    let (d, images, db) = fixture_copy();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/archive-folder.sh");
    // The next X screenshot after the fixture's three: an image with a post, new to the archive.
    let extra = samples("x", 4).remove(3);
    std::fs::copy(&extra, images.join("new-tonight.png")).unwrap();
    std::fs::write(images.join("broken.png"), b"\x89PNG\r\n\x1a\n truncated").unwrap();
    let logs = d.path().join("logs");
    let run_script = || {
        Command::new("sh")
            .arg(&script)
            .arg(&images)
            .arg(&db)
            .arg(&logs)
            .env("POSTOCR", env!("CARGO_BIN_EXE_postocr"))
            .env("OMP_THREAD_LIMIT", "1")
            .output()
            .unwrap()
    };
    let o = run_script();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "a bad image is reported, not a failed job: {out}"
    );
    assert!(out.contains("1 new"), "{out}");
    assert!(out.contains("broken.png"), "failures are named: {out}");
    assert!(
        out.contains("new-tonight.png"),
        "new posts are listed: {out}"
    );
    let o = run_script();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("0 new"), "{out}");
    // A real failure (the archive cannot be used) fails the job.
    std::fs::write(
        &db,
        b"this is not a database, it is a text file of some length..........",
    )
    .unwrap();
    let o = run_script();
    assert_ne!(o.status.code(), Some(0));
}
