//! Reading an archive back: `postocr search` and `postocr export`.
//!
//! Input: an archive written by `--db` (see [`crate::sink::sqlite`]) and a query. Output: for
//! `search`, matching posts — a table for a person, or JSON Lines ([`Hit`]) for a script; for
//! `export`, the archive's records as JSON Lines, one per image, in the order of their first
//! path, each named by that path (so the export does not depend on which run, or which of
//! several copies of the same bytes, processed an image first).

use std::io::{self, Write};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::cli::{ExportArgs, SearchArgs};
use crate::record::{Post, Record, Source};
use crate::sink::sqlite::Archive;

/// One line of `postocr search --jsonl`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    /// sha256 of the image the post was read from.
    pub sha256: String,
    /// The image's first path (in sort order) …
    pub path: String,
    /// … and every path its bytes were seen under, sorted.
    pub paths: Vec<String>,
    pub platform: String,
    /// When postocr processed the image (UTC, RFC 3339).
    pub processed_at: String,
    /// The post, as in the record.
    pub post: Post,
}

/// `postocr search`: exit 0 when something matched, 1 when nothing did.
pub fn search(args: &SearchArgs) -> Result<u8> {
    let archive = Archive::open_existing(&args.db, Duration::from_secs(args.db_wait))?;
    let conn = archive.conn();
    let mut sql = String::from(
        "SELECT p.sha256, p.platform, p.handle, p.author, p.timestamp_iso, p.timestamp_text, p.text, p.post,
                i.processed_at, (SELECT min(path) FROM paths WHERE sha256 = p.sha256), ",
    );
    let mut params: Vec<Value> = Vec::new();
    let query = args
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty());
    if query.is_some() {
        sql.push_str(
            "snippet(posts_fts, 0, '[', ']', '…', 12)
             FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid JOIN images i ON i.sha256 = p.sha256
             WHERE posts_fts MATCH ?",
        );
        params.push(Value::Null); // the query, filled in below
    } else {
        sql.push_str("NULL FROM posts p JOIN images i ON i.sha256 = p.sha256 WHERE 1");
    }
    if let Some(pl) = &args.platform {
        sql.push_str(" AND p.platform = ?");
        params.push(Value::Text(pl.to_ascii_lowercase()));
    }
    if let Some(h) = &args.handle {
        sql.push_str(" AND ltrim(lower(p.handle), '@') = ltrim(lower(?), '@')");
        params.push(Value::Text(h.clone()));
    }
    if let Some(t) = &args.since {
        sql.push_str(" AND p.timestamp_iso >= ?");
        params.push(Value::Text(t.clone()));
    }
    if let Some(t) = &args.until {
        // A bare date includes that whole day.
        if t.len() == 10 {
            sql.push_str(" AND p.timestamp_iso < ? || 'T99'");
        } else {
            sql.push_str(" AND p.timestamp_iso <= ?");
        }
        params.push(Value::Text(t.clone()));
    }
    if let Some(t) = &args.processed_since {
        sql.push_str(" AND i.processed_at >= ?");
        params.push(Value::Text(t.clone()));
    }
    sql.push_str(if query.is_some() {
        " ORDER BY posts_fts.rank, 10, p.seq"
    } else {
        " ORDER BY p.timestamp_iso IS NULL, p.timestamp_iso DESC, 10, p.seq"
    });
    if let Some(n) = args.limit {
        sql.push_str(&format!(" LIMIT {n}"));
    }

    // FTS5 syntax first (phrases, OR, NEAR, prefix*); when that does not parse — a handle like
    // "@kadmitriev" is not an FTS5 word — search the words as plain strings.
    let attempts: Vec<Option<String>> = match query {
        Some(q) => vec![Some(q.to_string()), Some(quote_words(q))],
        None => vec![None],
    };
    let mut rows = None;
    let mut last_err = None;
    for q in attempts {
        if let Some(q) = q {
            params[0] = Value::Text(q);
        }
        match run(conn, &sql, &params) {
            Ok(r) => {
                rows = Some(r);
                break;
            }
            Err(e) => last_err = Some(e),
        }
    }
    let rows = match rows {
        Some(r) => r,
        None => return Err(last_err.expect("an attempt was made")).context("search failed"),
    };

    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = (|| -> Result<()> {
        if args.jsonl {
            for r in &rows {
                let paths = paths_of(conn, &r.sha256)?;
                let hit = Hit {
                    sha256: r.sha256.clone(),
                    path: r.path.clone(),
                    paths,
                    platform: r.platform.clone(),
                    processed_at: r.processed_at.clone(),
                    post: serde_json::from_str(&r.post).context("archived post does not parse")?,
                };
                serde_json::to_writer(&mut out, &hit)?;
                writeln!(out)?;
            }
        } else {
            print_table(&mut out, &rows)?;
        }
        out.flush()?;
        Ok(())
    })();
    if let Err(e) = result {
        if is_broken_pipe(&e) {
            return Ok(0);
        }
        return Err(e);
    }
    if !args.jsonl {
        eprintln!(
            "postocr: {} post{}",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        );
    }
    Ok(if rows.is_empty() { 1 } else { 0 })
}

struct Row {
    sha256: String,
    platform: String,
    handle: Option<String>,
    author: Option<String>,
    iso: Option<String>,
    ts_text: Option<String>,
    text: String,
    post: String,
    processed_at: String,
    path: String,
    snippet: Option<String>,
}

fn run(conn: &rusqlite::Connection, sql: &str, params: &[Value]) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok(Row {
            sha256: r.get(0)?,
            platform: r.get(1)?,
            handle: r.get(2)?,
            author: r.get(3)?,
            iso: r.get(4)?,
            ts_text: r.get(5)?,
            text: r.get(6)?,
            post: r.get(7)?,
            processed_at: r.get(8)?,
            path: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            snippet: r.get(10)?,
        })
    })?;
    rows.collect()
}

fn paths_of(conn: &rusqlite::Connection, sha: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT path FROM paths WHERE sha256 = ?1 ORDER BY path")?;
    let v = stmt
        .query_map([sha], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(v)
}

/// Each word as an FTS5 string: `@kadmitriev peace` → `"@kadmitriev" "peace"`.
fn quote_words(q: &str) -> String {
    q.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn print_table(out: &mut dyn Write, rows: &[Row]) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{:<16}  {:<9}  {:<20}  {:<60}  PATH",
        "DATE", "PLATFORM", "AUTHOR", "TEXT"
    )?;
    for r in rows {
        // Minutes are enough to tell posts apart in a table.
        let date = r
            .iso
            .as_deref()
            .map(|d| d.replacen('T', " ", 1).chars().take(16).collect())
            .or_else(|| r.ts_text.clone())
            .unwrap_or_default();
        let who = r
            .handle
            .clone()
            .or_else(|| r.author.clone())
            .unwrap_or_default();
        let text = r.snippet.clone().unwrap_or_else(|| r.text.clone());
        writeln!(
            out,
            "{:<16}  {:<9}  {:<20}  {:<60}  {}",
            cut(&date, 16),
            r.platform,
            cut(&who, 20),
            cut(&text.split_whitespace().collect::<Vec<_>>().join(" "), 60),
            r.path
        )?;
    }
    Ok(())
}

/// At most `n` characters, "…" marking a cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n - 1).collect();
    t.push('…');
    t
}

/// `postocr export`: every archived image's record, as JSON Lines.
pub fn export(args: &ExportArgs) -> Result<u8> {
    let archive = Archive::open_existing(&args.db, Duration::from_secs(args.db_wait))?;
    let conn = archive.conn();
    // Reading inside one transaction gives a consistent snapshot while another run writes.
    conn.execute_batch("BEGIN")?;
    let mut stmt = conn.prepare(
        "SELECT i.record, p.path, p.path_hex, p.source
         FROM images i JOIN paths p ON p.sha256 = i.sha256
         WHERE p.path = (SELECT min(path) FROM paths WHERE sha256 = i.sha256)
         ORDER BY p.path, i.sha256",
    )?;
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let mut sink = crate::sink::jsonl::JsonlSink::new(out, false);
    let mut rows = stmt.query([])?;
    let mut n = 0usize;
    while let Some(row) = rows.next()? {
        let json: String = row.get(0)?;
        let mut rec: Record =
            serde_json::from_str(&json).context("archived record does not parse")?;
        rec.path = row.get(1)?;
        rec.path_hex = row.get(2)?;
        let source: Option<String> = row.get(3)?;
        rec.source = source
            .map(|s| serde_json::from_str::<Source>(&s))
            .transpose()?;
        match sink.write(&rec) {
            Ok(()) => n += 1,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(0),
            Err(e) => return Err(e.into()),
        }
    }
    eprintln!(
        "postocr: exported {n} record{}",
        if n == 1 { "" } else { "s" }
    );
    Ok(0)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
