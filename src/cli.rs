//! Command line (clap derive). The doc comments are the `--help` text.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Turn screenshots of social-media posts back into data.
///
/// Reads images (PNG, JPEG, WebP, GIF, BMP, TIFF) and folders of them, recognises the posts
/// they show (X, Telegram, Facebook, Bluesky, Threads, Mastodon, Reddit, Instagram) and writes
/// one JSON record per image to stdout (JSON Lines), in input order.
///
/// Examples:
///   postocr samples/                      # every image under samples/, JSONL on stdout
///   postocr shot.png --pretty             # one image, indented JSON
///   find in/ -name '*.jpg' | postocr -    # paths from stdin, one per line
///   postocr eval samples/                 # accuracy against *.truth.json
///   postocr schema > record.schema.json   # JSON Schema of the record
///   postocr shots/ --db archive.sqlite    # into an archive; re-runs skip what it holds
///   postocr search peace --db archive.sqlite
///   postocr crawl.warc.gz saved/page.html # images inside web archives and saved pages
///
/// Exit status: 0 every image processed, 1 some images failed (their records say why),
/// 2 usage or set-up error.
#[derive(Debug, Parser)]
#[command(
    name = "postocr",
    version,
    args_conflicts_with_subcommands = true,
    verbatim_doc_comment
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, clap::Args, Clone)]
pub struct RunArgs {
    /// Image files or folders (walked recursively, sorted). "-" reads paths from stdin.
    /// WARC files (.warc, .warc.gz) give their image records; a saved HTML page gives the
    /// images it shows, with alt text and captions (in folders: pages saved with a NAME_files
    /// folder). Example: postocr shots/ extra.jpg crawl.warc.gz
    pub paths: Vec<OsString>,

    /// Write records to FILE instead of stdout. Example: -o posts.jsonl
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Indent each record (for a person reading one image).
    #[arg(long)]
    pub pretty: bool,

    /// Tesseract language set for recognition. The default reads English, Russian and
    /// Ukrainian posts. Example: --lang eng
    #[arg(long = "lang", value_name = "LANGS", default_value = "eng+rus+ukr")]
    pub langs: String,

    /// Worker threads (default: all cores). Example: --jobs 2
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Reference time for relative timestamps ("2h", "Nov 26"), as YYYY-MM-DDTHH:MM[:SS].
    /// Example: --now 2025-11-26T18:00
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    pub now: Option<chrono::NaiveDateTime>,

    /// Add per-stage milliseconds ("timings") to each record.
    #[arg(long)]
    pub timings: bool,

    /// Skip the digits-only re-read of counts that the main pass could not parse.
    #[arg(long)]
    pub no_count_pass: bool,

    /// Never show a progress bar (it shows only when stderr is a terminal anyway).
    #[arg(long)]
    pub quiet: bool,

    /// Keep results in the SQLite archive FILE (created when missing). Images whose bytes it
    /// already holds, processed by this postocr version with the same settings, are skipped
    /// (only a new path is added) and not printed: stdout then carries what this run
    /// processed. Search it with `postocr search`. Example: --db archive.sqlite
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// Write NAME.postocr.json beside each image file (atomically), skipping images whose
    /// sidecar is current.
    #[arg(long)]
    pub sidecar: bool,

    /// Process every image again, even when the archive or its sidecar holds a current result.
    #[arg(long)]
    pub force: bool,

    /// Seconds to wait for another process writing the same archive before giving up.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub db_wait: u64,

    /// Process only share K of N, counted from 0: the input list is cut into N contiguous
    /// parts, and the outputs of shards 0..N-1 concatenated are exactly the unsharded output.
    /// Every shard must be given the same inputs. Example: --shard $JOB_COMPLETION_INDEX/8
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::shard::Shard>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the JSON Schema of the output record.
    Schema,
    /// Score postocr against truth files (NAME.truth.json beside NAME.png|jpg).
    ///
    /// Prints text CER by platform, theme and language, field exact-match rates, false posts
    /// on no-post images, and the worst images. Example: postocr eval samples/ --max-cer 0.05
    Eval(EvalArgs),
    /// Search the posts of an archive (written with --db).
    ///
    /// QUERY is FTS5 syntax over post text, author, handle and quoted text: words, "a phrase",
    /// a OR b, NEAR(a b), prefix*; words that are not valid FTS5 (like @handle) are searched as
    /// plain strings. Prints a table, or one JSON object per post with --jsonl.
    /// Exit status: 0 something matched, 1 nothing did, 2 error.
    ///
    /// Examples:
    ///   postocr search "peace talks" --db archive.sqlite
    ///   postocr search --db archive.sqlite --handle @kadmitriev --since 2025-11-01 --jsonl
    #[command(verbatim_doc_comment)]
    Search(SearchArgs),
    /// Write an archive's records back out as JSON Lines (one per image, by first path).
    ///
    /// Example: postocr export --db archive.sqlite -o all.jsonl
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// FTS5 query; omit it to list posts by the filters alone.
    pub query: Option<String>,
    /// The archive. Example: --db archive.sqlite
    #[arg(long, value_name = "FILE", required = true)]
    pub db: PathBuf,
    /// Only posts from this platform (x, telegram, facebook, …).
    #[arg(long)]
    pub platform: Option<String>,
    /// Only posts by this handle (with or without @, any case).
    #[arg(long)]
    pub handle: Option<String>,
    /// Only posts made at or after this time (YYYY-MM-DD[THH:MM]; posts without a full date
    /// are left out).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only posts made at or before this time (a bare date includes the whole day).
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Only posts from images processed at or after this UTC time (YYYY-MM-DDTHH:MM[:SS]):
    /// what a run added.
    #[arg(long, value_name = "TIME")]
    pub processed_since: Option<String>,
    /// One JSON object per post (sha256, path, paths, platform, processed_at, post).
    #[arg(long)]
    pub jsonl: bool,
    /// At most N posts.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Seconds to wait for a busy archive.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub db_wait: u64,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The archive. Example: --db archive.sqlite
    #[arg(long, value_name = "FILE", required = true)]
    pub db: PathBuf,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Seconds to wait for a busy archive.
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub db_wait: u64,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Folder(s) holding images with truth files beside them.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 when overall text CER is above this (fraction, e.g. 0.05).
    #[arg(long, value_name = "CER")]
    pub max_cer: Option<f64>,
    /// Exit 1 when any field's exact-match rate is below this (fraction, e.g. 0.8), or below
    /// a per-field bar given as FIELD=RATE (repeatable). Example: --min-field-accuracy handle=0.9
    #[arg(long, value_name = "RATE|FIELD=RATE")]
    pub min_field_accuracy: Vec<String>,
    /// Reference time for relative timestamps.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    pub now: Option<chrono::NaiveDateTime>,
    /// Tesseract language set.
    #[arg(long = "lang", value_name = "LANGS", default_value = "eng+rus+ukr")]
    pub langs: String,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// How many worst images to list.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Score plain OCR text instead of running postocr: DIR holds NAME.txt for each labelled
    /// image (e.g. `tesseract NAME.png DIR/NAME`). Only text CER is scored, each truth post
    /// against its best-matching substring of the text. See scripts/baseline-tesseract.sh.
    #[arg(long, value_name = "DIR")]
    pub raw_text: Option<PathBuf>,
    /// Also write the records scored to FILE as JSON Lines (what `postocr DIRS` would print),
    /// with per-stage timings, to look into a field's misses without a second run. Example: --records out.jsonl
    #[arg(long, value_name = "FILE")]
    pub records: Option<PathBuf>,
}

fn parse_now(s: &str) -> Result<chrono::NaiveDateTime, String> {
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Ok(t);
        }
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap());
    }
    Err(format!("'{s}' is not a time like 2025-11-26T18:00"))
}
