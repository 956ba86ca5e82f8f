//! The `postocr` binary: arguments → pipeline → sink → exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use postocr::cli::{Cli, Command, RunArgs};
use postocr::record::Producer;
use postocr::sink::jsonl::JsonlSink;
use postocr::sink::{sqlite, stores};
use postocr::{Config, Pipeline, discover, eval, ocr, query, record};

fn main() -> ExitCode {
    limit_openmp();
    return_big_buffers();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Schema) => print_schema(),
        Some(Command::Eval(args)) => eval::run_cli(&args),
        Some(Command::Search(args)) => query::search(&args),
        Some(Command::Export(args)) => query::export(&args),
        None => run(&cli.run),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // `postocr … | head` closing the pipe is how a reader says "enough", not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("postocr: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let kind = c
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| {
                c.downcast_ref::<serde_json::Error>()
                    .and_then(|j| j.io_error_kind())
            });
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Tesseract's OpenMP threads fight our worker threads (one recognition took 1.78 s instead
/// of 0.13 s on a 2-core machine). libgomp reads OMP_THREAD_LIMIT once, when it is loaded —
/// before `main` runs — so setting it here is too late for this process: we set it and
/// re-execute ourselves, once. A user who sets OMP_THREAD_LIMIT keeps their value.
fn limit_openmp() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("OMP_THREAD_LIMIT", "1")
        .exec();
    // exec only returns on failure: go on single-process, slower but correct.
    log::warn!("could not re-execute with OMP_THREAD_LIMIT=1: {err}");
    // SAFETY: still single-threaded here.
    unsafe { std::env::set_var("OMP_THREAD_LIMIT", "1") };
}

/// Memory stays flat over any folder size: glibc serves a freed large block's successors from
/// its heap once it has raised its (dynamic) mmap threshold, up to 32 MiB, so the decoded
/// pixels of each big screenshot (an 8-megapixel capture is 24 MB of RGB) leave holes that
/// the heap keeps. With a fixed threshold every buffer of 8 MiB or more is its own mapping,
/// returned to the system when dropped. `postocr samples --jobs 2` (376 images, A/B in the same
/// minutes): glibc's default 294 MB peak RSS, 98.7 s; 8 MiB 269 MB, 101.4 s; 1 MiB 239 MB but
/// 108.7 s (Tesseract's own large buffers then go through mmap/munmap too: system time 6 → 20 s).
/// `malloc_trim` after each image cost 9–14 % (it walks the whole heap).
fn return_big_buffers() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before any worker thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 8 << 20);
    }
}

fn print_schema() -> anyhow::Result<u8> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &record::json_schema())?;
    writeln!(out)?;
    Ok(0)
}

fn run(args: &RunArgs) -> anyhow::Result<u8> {
    if args.paths.is_empty() {
        anyhow::bail!(
            "no input: give image files or folders, or - to read paths from stdin (see --help)"
        );
    }
    let mut cfg = Config {
        langs: args.langs.clone(),
        now: args.now,
        timings: args.timings,
        count_pass: !args.no_count_pass,
        ..Config::default()
    };
    if let Some(j) = args.jobs {
        cfg.jobs = j.max(1);
    }
    let pipeline = Pipeline::new(cfg);
    pipeline.check()?;
    // Archive and sidecars: opened (and migrated) before any work, so a bad archive is a
    // set-up error (exit 2) rather than a failure halfway.
    let (cache, mut keeper) = if args.db.is_some() || args.sidecar {
        let producer = Producer {
            version: sqlite::producer_name(),
            settings: pipeline.cfg.fingerprint(),
            engine: ocr::engine::version(),
        };
        let wait = std::time::Duration::from_secs(args.db_wait);
        let (c, k) = stores::open(args.db.as_deref(), args.sidecar, args.force, producer, wait)?;
        (Some(c), Some(k))
    } else {
        (None, None)
    };
    let skip = cache
        .as_ref()
        .map(|c| move |r: &record::Record| c.should_skip(r));
    let mut inputs = discover::discover(&args.paths, &mut io::stdin().lock());
    if let Some(shard) = args.shard {
        inputs = shard.select(inputs);
    }
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(io::BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", p.display()))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let mut sink = JsonlSink::new(out, args.pretty);
    let bar = (!args.quiet && io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} images  {per_sec}  ETA {eta}",
            )
            .unwrap(),
        );
        b
    });
    let start = Instant::now();
    let mut store_error = None;
    let hook = skip
        .as_ref()
        .map(|f| f as &(dyn Fn(&record::Record) -> bool + Sync));
    let mut keep_and_print = |o: &postocr::pipeline::Outcome| {
        if let Some(k) = keeper.as_mut() {
            if let Err(e) = k.keep(o) {
                store_error = Some(e);
                return Err(io::Error::other("archive write failed"));
            }
        }
        // Stdout carries what this run processed; skipped images are in the archive already.
        if o.skipped {
            Ok(())
        } else {
            sink.write(&o.record)
        }
    };
    let summary = pipeline.run_with(&inputs, hook, &mut keep_and_print, &mut |n| {
        if let Some(b) = &bar {
            b.set_position(n as u64);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Some(e) = store_error {
        return Err(e);
    }
    let secs = start.elapsed().as_secs_f64();
    let sidecar_errors = keeper.as_ref().map_or(0, |k| k.sidecar_errors);
    if !summary.interrupted && keeper.is_some() {
        eprintln!(
            "postocr: {} images: {} new, {} skipped, {} failed; {} posts, {} without a post, in {:.1} s",
            summary.images,
            summary.images - summary.skipped - summary.errors,
            summary.skipped,
            summary.errors,
            summary.posts,
            summary.no_post,
            secs
        );
    } else if !summary.interrupted {
        eprintln!(
            "postocr: {} images, {} posts, {} without a post, {} errors in {:.1} s ({:.2} images/s)",
            summary.images,
            summary.posts,
            summary.no_post,
            summary.errors,
            secs,
            summary.images as f64 / secs.max(1e-9)
        );
    }
    Ok(if summary.errors > 0 || sidecar_errors > 0 {
        1
    } else {
        0
    })
}
