//! SQLite archive sink (`--db FILE`): records → an embedded, searchable archive.
//!
//! Input: records, one image at a time, from the pipeline's ordered stream. Output: rows in an
//! SQLite file (bundled SQLite: nothing to install, no server): `images` (one row per distinct
//! file content, keyed by sha256, with the full record JSON and what produced it), `paths`
//! (every path those bytes were seen under), `posts` (one row per post, fields flattened) and
//! `posts_fts` (FTS5 over post text, author, handle and quoted text). The schema is versioned
//! with `PRAGMA user_version` and migrated forward on open; docs/archive.md describes it.
//!
//! Crash safety: WAL journal, and each image's rows are written in one transaction, so a run
//! killed at any moment leaves every image either complete or absent. Several processes may
//! share one archive: writes take SQLite's write lock for one image at a time (`BEGIN
//! IMMEDIATE`) and wait up to the busy timeout for it, then give up with a clear message.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::record::{Post, Producer, Record, Status};

/// "POCR": marks an SQLite file as a postocr archive (`PRAGMA application_id`).
const APPLICATION_ID: i32 = 0x504F_4352;

/// Schema migrations, in order: entry `i` takes the archive from version `i` to `i + 1`.
/// Never edit a released entry; add a new one (and describe it in docs/archive.md).
const MIGRATIONS: &[&str] = &[
    // v1: the first schema.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    );
    CREATE TABLE images (
        sha256          TEXT PRIMARY KEY NOT NULL,
        status          TEXT NOT NULL,
        platform        TEXT NOT NULL,
        width           INTEGER,
        height          INTEGER,
        format          TEXT,
        theme           TEXT,
        error_stage     TEXT,
        error_message   TEXT,
        ocr_text        TEXT,
        mean_confidence REAL,
        postocr_version TEXT NOT NULL,
        settings        TEXT NOT NULL,
        engine          TEXT NOT NULL,
        processed_at    TEXT NOT NULL,
        record          TEXT NOT NULL
    );
    CREATE TABLE paths (
        path       TEXT NOT NULL,
        path_hex   TEXT,
        sha256     TEXT NOT NULL REFERENCES images(sha256) ON DELETE CASCADE,
        source     TEXT,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (path, sha256)
    );
    CREATE INDEX paths_by_sha256 ON paths(sha256);
    CREATE TABLE posts (
        id                 INTEGER PRIMARY KEY,
        sha256             TEXT NOT NULL REFERENCES images(sha256) ON DELETE CASCADE,
        seq                INTEGER NOT NULL,
        platform           TEXT NOT NULL,
        author             TEXT,
        handle             TEXT,
        verified           INTEGER,
        timestamp_text     TEXT,
        timestamp_iso      TEXT,
        timestamp_relative INTEGER,
        text               TEXT NOT NULL,
        language           TEXT,
        replies            INTEGER,
        reposts            INTEGER,
        quotes             INTEGER,
        likes              INTEGER,
        views              INTEGER,
        bookmarks          INTEGER,
        reply_to           TEXT NOT NULL,
        mentions           TEXT NOT NULL,
        hashtags           TEXT NOT NULL,
        urls               TEXT NOT NULL,
        quoted_author      TEXT,
        quoted_handle      TEXT,
        quoted_text        TEXT,
        confidence         REAL NOT NULL,
        post               TEXT NOT NULL,
        UNIQUE (sha256, seq)
    );
    CREATE INDEX posts_by_handle ON posts(handle COLLATE NOCASE);
    CREATE INDEX posts_by_time ON posts(timestamp_iso);
    CREATE INDEX posts_by_platform ON posts(platform);
    CREATE VIRTUAL TABLE posts_fts USING fts5(
        text, author, handle, quoted_text,
        content = 'posts', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
        INSERT INTO posts_fts(rowid, text, author, handle, quoted_text)
        VALUES (new.id, new.text, new.author, new.handle, new.quoted_text);
    END;
    CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
        INSERT INTO posts_fts(posts_fts, rowid, text, author, handle, quoted_text)
        VALUES ('delete', old.id, old.text, old.author, old.handle, old.quoted_text);
    END;
    CREATE TRIGGER posts_fts_update AFTER UPDATE ON posts BEGIN
        INSERT INTO posts_fts(posts_fts, rowid, text, author, handle, quoted_text)
        VALUES ('delete', old.id, old.text, old.author, old.handle, old.quoted_text);
        INSERT INTO posts_fts(rowid, text, author, handle, quoted_text)
        VALUES (new.id, new.text, new.author, new.handle, new.quoted_text);
    END;
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// An open archive (one SQLite connection; use one per thread).
pub struct Archive {
    conn: Connection,
    path: PathBuf,
}

/// What [`Archive::store`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// The image's rows were written (new, or replacing an older result).
    Written,
    /// Another process stored the same bytes with the same producer meanwhile; only the path
    /// was added.
    AlreadyCurrent,
}

impl Archive {
    /// Opens (creating when missing) the archive at `path` and migrates it to this build's
    /// schema. `wait` is how long to wait for another process holding the write lock.
    pub fn open(path: &Path, wait: Duration) -> Result<Archive> {
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open archive {}", path.display()))?;
        let mut a = Archive::configure(conn, path, wait)?;
        a.migrate()?;
        Ok(a)
    }

    /// Opens an existing archive for reading (search, export); never creates or migrates.
    pub fn open_existing(path: &Path, wait: Duration) -> Result<Archive> {
        if !path.is_file() {
            bail!(
                "no archive at {} (create one with: postocr --db {} FOLDER)",
                path.display(),
                path.display()
            );
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open archive {}", path.display()))?;
        let a = Archive::configure(conn, path, wait)?;
        let (app, version) = a.identity()?;
        if app != APPLICATION_ID {
            bail!("{} is not a postocr archive", path.display());
        }
        if version > SCHEMA_VERSION {
            bail!(newer_schema(path, version));
        }
        if version < SCHEMA_VERSION {
            bail!(
                "{} has archive schema v{version}; run `postocr --db {} …` once to migrate it to v{SCHEMA_VERSION}",
                path.display(),
                path.display()
            );
        }
        Ok(a)
    }

    /// Another connection to the same archive (for a worker thread).
    pub fn reopen(&self, wait: Duration) -> Result<Archive> {
        let conn = Connection::open(&self.path)
            .with_context(|| format!("cannot open archive {}", self.path.display()))?;
        Archive::configure(conn, &self.path, wait)
    }

    fn configure(conn: Connection, path: &Path, wait: Duration) -> Result<Archive> {
        conn.busy_timeout(wait)?;
        let a = Archive {
            conn,
            path: path.to_path_buf(),
        };
        // The first statement that touches the file tells a non-database apart.
        a.identity().map_err(|e| {
            anyhow::anyhow!("{} is not a usable SQLite file: {e:#}", path.display())
        })?;
        a.conn.pragma_update(None, "foreign_keys", true)?;
        Ok(a)
    }

    fn identity(&self) -> Result<(i32, usize)> {
        let app: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok((app, version as usize))
    }

    fn migrate(&mut self) -> Result<()> {
        let busy = |e| busy_message(&self.path, e);
        // WAL lets readers (search, other runs' look-ups) go on while one process writes, and
        // a killed writer leaves only an uncommitted tail that the next open discards.
        let mode: String = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
            .map_err(busy)?;
        if !mode.eq_ignore_ascii_case("wal") {
            log::warn!(
                "{}: WAL journal not available here (got {mode}); concurrent runs will wait more",
                self.path.display()
            );
        }
        // NORMAL in WAL mode: a committed image survives a killed process; only a power cut
        // can lose the last commits, and never corrupts the file.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let (app, version) = self.identity()?;
        if version == SCHEMA_VERSION && app == APPLICATION_ID {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(busy)?;
        // Read again under the write lock: another process may have just migrated it.
        let app: i32 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version = tx.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize;
        if app != APPLICATION_ID {
            let tables: i64 =
                tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if app != 0 || tables > 0 {
                bail!(
                    "{} is an SQLite database but not a postocr archive; refusing to touch it",
                    self.path.display()
                );
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        if version > SCHEMA_VERSION {
            bail!(newer_schema(&self.path, version));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            tx.execute_batch(sql)
                .with_context(|| format!("migrating archive to schema v{}", i + 1))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        let now = now_utc();
        if version == 0 {
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('created_at', ?1), ('created_by', ?2)",
                params![now, producer_name()],
            )?;
        }
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('migrated_at', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![now],
        )?;
        tx.commit().map_err(busy)?;
        Ok(())
    }

    /// True when the bytes `sha256` are archived with a result made by `producer` that a run
    /// may reuse (a failure at the OCR stage is always retried).
    pub fn is_current(&self, sha256: &str, producer: &Producer) -> Result<bool> {
        let row: Option<(String, String, String, Option<String>)> = self
            .conn
            .prepare_cached("SELECT postocr_version, settings, engine, error_stage FROM images WHERE sha256 = ?1")?
            .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()
            .map_err(|e| busy_message(&self.path, e))?;
        Ok(row.is_some_and(|(v, s, e, stage)| {
            v == producer.version
                && s == producer.settings
                && e == producer.engine
                && stage.as_deref() != Some("ocr")
        }))
    }

    /// The archived record of `sha256`, as first stored (its `path` is the path it was processed
    /// under).
    pub fn record(&self, sha256: &str) -> Result<Option<Record>> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT record FROM images WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?;
        json.map(|j| serde_json::from_str(&j).context("archived record does not parse"))
            .transpose()
    }

    /// Writes one image's record, posts and path in one transaction. Unless `force`, a result
    /// stored meanwhile by another process with the same producer is kept (only the path is
    /// added). Records without a hash (unreadable files) are not archived.
    pub fn store(&mut self, rec: &Record, producer: &Producer, force: bool) -> Result<Stored> {
        let Some(sha) = rec.sha256.as_deref() else {
            bail!("a record without sha256 cannot be archived")
        };
        let path = self.path.clone();
        let busy = |e| busy_message(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(busy)?;
        let current = {
            // Same check as is_current, inside the write lock.
            let row: Option<(String, String, String, Option<String>)> = tx
                .prepare_cached("SELECT postocr_version, settings, engine, error_stage FROM images WHERE sha256 = ?1")?
                .query_row([sha], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            row.is_some_and(|(v, s, e, stage)| {
                v == producer.version
                    && s == producer.settings
                    && e == producer.engine
                    && stage.as_deref() != Some("ocr")
            })
        };
        let now = now_utc();
        let outcome = if current && !force {
            Stored::AlreadyCurrent
        } else {
            let mut stored = rec.clone();
            stored.producer = Some(producer.clone());
            let json = serde_json::to_string(&stored)?;
            let (width, height, format, theme) = match &rec.image {
                Some(i) => (
                    Some(i.width),
                    Some(i.height),
                    Some(i.format.clone()),
                    Some(i.theme.clone()),
                ),
                None => (None, None, None, None),
            };
            tx.prepare_cached(
                "INSERT INTO images (sha256, status, platform, width, height, format, theme, error_stage,
                     error_message, ocr_text, mean_confidence, postocr_version, settings, engine, processed_at, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 ON CONFLICT(sha256) DO UPDATE SET
                     status = excluded.status, platform = excluded.platform, width = excluded.width,
                     height = excluded.height, format = excluded.format, theme = excluded.theme,
                     error_stage = excluded.error_stage, error_message = excluded.error_message,
                     ocr_text = excluded.ocr_text, mean_confidence = excluded.mean_confidence,
                     postocr_version = excluded.postocr_version, settings = excluded.settings,
                     engine = excluded.engine, processed_at = excluded.processed_at, record = excluded.record",
            )?
            .execute(params![
                sha,
                status_str(rec.status),
                rec.platform.as_str(),
                width,
                height,
                format,
                theme,
                rec.error.as_ref().map(|e| e.stage.clone()),
                rec.error.as_ref().map(|e| e.message.clone()),
                rec.ocr.as_ref().map(|o| o.text.clone()),
                rec.ocr.as_ref().map(|o| f64::from(o.mean_confidence)),
                producer.version,
                producer.settings,
                producer.engine,
                now,
                json,
            ])?;
            tx.prepare_cached("DELETE FROM posts WHERE sha256 = ?1")?
                .execute([sha])?;
            for (seq, post) in rec.posts.iter().enumerate() {
                insert_post(&tx, sha, seq, rec.platform.as_str(), post)?;
            }
            Stored::Written
        };
        insert_path(&tx, rec, sha, &now)?;
        tx.commit().map_err(busy)?;
        Ok(outcome)
    }

    /// Adds the path of `rec` to its already archived bytes. False when the bytes are not in
    /// the archive (yet). Writes nothing when the path is known, so re-runs leave the file
    /// as it was.
    pub fn add_path(&mut self, rec: &Record) -> Result<bool> {
        let Some(sha) = rec.sha256.as_deref() else {
            return Ok(false);
        };
        let known: Option<i64> = self
            .conn
            .prepare_cached("SELECT (SELECT count(*) FROM paths WHERE path = ?1 AND sha256 = ?2) FROM images WHERE sha256 = ?2")?
            .query_row(params![rec.path, sha], |r| r.get(0))
            .optional()
            .map_err(|e| busy_message(&self.path, e))?;
        match known {
            None => Ok(false),
            Some(n) if n > 0 => Ok(true),
            Some(_) => {
                let path = self.path.clone();
                let tx = self
                    .conn
                    .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                    .map_err(|e| busy_message(&path, e))?;
                insert_path(&tx, rec, sha, &now_utc())?;
                tx.commit().map_err(|e| busy_message(&path, e))?;
                Ok(true)
            }
        }
    }

    /// The connection, for read-only queries (search, export).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn insert_path(tx: &rusqlite::Transaction<'_>, rec: &Record, sha: &str, now: &str) -> Result<()> {
    let source = rec.source.as_ref().map(serde_json::to_string).transpose()?;
    tx.prepare_cached(
        "INSERT INTO paths (path, path_hex, sha256, source, first_seen) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(path, sha256) DO NOTHING",
    )?
    .execute(params![rec.path, rec.path_hex, sha, source, now])?;
    Ok(())
}

fn insert_post(
    tx: &rusqlite::Transaction<'_>,
    sha: &str,
    seq: usize,
    platform: &str,
    p: &Post,
) -> Result<()> {
    let list = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    let ts = p.timestamp.as_ref();
    let q = p.quoted.as_deref();
    tx.prepare_cached(
        "INSERT INTO posts (sha256, seq, platform, author, handle, verified, timestamp_text, timestamp_iso,
             timestamp_relative, text, language, replies, reposts, quotes, likes, views, bookmarks,
             reply_to, mentions, hashtags, urls, quoted_author, quoted_handle, quoted_text, confidence, post)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
             ?21, ?22, ?23, ?24, ?25, ?26)",
    )?
    .execute(params![
        sha,
        seq as i64,
        platform,
        p.author.name,
        p.author.handle,
        p.author.verified,
        ts.map(|t| t.text.clone()),
        ts.and_then(|t| t.iso.clone()),
        ts.map(|t| t.relative),
        p.text,
        p.language,
        p.metrics.replies.map(|v| v as i64),
        p.metrics.reposts.map(|v| v as i64),
        p.metrics.quotes.map(|v| v as i64),
        p.metrics.likes.map(|v| v as i64),
        p.metrics.views.map(|v| v as i64),
        p.metrics.bookmarks.map(|v| v as i64),
        list(&p.reply_to),
        list(&p.mentions),
        list(&p.hashtags),
        list(&p.urls),
        q.and_then(|q| q.author.name.clone()),
        q.and_then(|q| q.author.handle.clone()),
        q.map(|q| q.text.clone()),
        f64::from(p.confidence),
        serde_json::to_string(p)?,
    ])?;
    Ok(())
}

pub fn status_str(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::NoPost => "no_post",
        Status::Error => "error",
    }
}

/// "postocr 0.1.0".
pub fn producer_name() -> String {
    format!("postocr {}", env!("CARGO_PKG_VERSION"))
}

/// Current UTC time, RFC 3339 with milliseconds ("2025-11-26T18:00:00.123Z"): sorts as text.
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn newer_schema(path: &Path, version: usize) -> String {
    format!(
        "{} has archive schema v{version}, newer than this postocr knows (v{SCHEMA_VERSION}); use a newer postocr",
        path.display()
    )
}

/// Turns "database is locked" into a message that says what to do.
fn busy_message(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    let busy = matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    );
    if busy {
        anyhow::anyhow!(
            "archive {} is busy: another process has held its write lock for longer than the wait \
             (--db-wait); try again when it is done",
            path.display()
        )
    } else {
        anyhow::Error::new(e).context(format!("archive {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Author, Platform, Timestamp};

    fn producer() -> Producer {
        Producer {
            version: "postocr test".into(),
            settings: "s".into(),
            engine: "e".into(),
        }
    }

    fn rec(path: &str, sha: &str, text: &str) -> Record {
        let post = Post {
            author: Author {
                name: Some("Kirill Dmitriev".into()),
                handle: Some("@kadmitriev".into()),
                ..Default::default()
            },
            timestamp: Some(Timestamp {
                text: "Nov 26, 2025".into(),
                iso: Some("2025-11-26T15:02:00".into()),
                relative: false,
            }),
            text: text.into(),
            ..Default::default()
        };
        Record {
            sha256: Some(sha.into()),
            status: Status::Ok,
            platform: Platform::X,
            posts: vec![post],
            elapsed_ms: 1,
            ..Record::for_path(std::path::Path::new(path))
        }
    }

    fn count(a: &Archive, sql: &str) -> i64 {
        a.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn store_is_idempotent_and_fts_follows_replacements() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.sqlite");
        let mut a = Archive::open(&p, Duration::from_secs(1)).unwrap();
        assert!(!a.is_current("aa", &producer()).unwrap());
        assert_eq!(
            a.store(&rec("x.png", "aa", "peace talks"), &producer(), false)
                .unwrap(),
            Stored::Written
        );
        assert!(a.is_current("aa", &producer()).unwrap());
        assert_eq!(
            a.store(&rec("y.png", "aa", "other"), &producer(), false)
                .unwrap(),
            Stored::AlreadyCurrent
        );
        assert_eq!(count(&a, "SELECT count(*) FROM paths"), 2);
        assert_eq!(
            count(
                &a,
                "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'peace'"
            ),
            1
        );
        // Forced: replaced, and the index forgets the old text.
        a.store(&rec("x.png", "aa", "war news"), &producer(), true)
            .unwrap();
        assert_eq!(count(&a, "SELECT count(*) FROM posts"), 1);
        assert_eq!(
            count(
                &a,
                "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'peace'"
            ),
            0
        );
        assert_eq!(
            count(
                &a,
                "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'kadmitriev'"
            ),
            1
        );
        assert!(a.add_path(&rec("z.png", "aa", "")).unwrap());
        assert!(!a.add_path(&rec("z.png", "bb", "")).unwrap());
        assert_eq!(count(&a, "SELECT count(*) FROM paths"), 3);
        let other = Producer {
            settings: "t".into(),
            ..producer()
        };
        assert!(!a.is_current("aa", &other).unwrap());
    }

    #[test]
    fn refuses_foreign_databases_and_newer_schemas() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("other.sqlite");
        Connection::open(&p)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        let e = Archive::open(&p, Duration::from_secs(1)).err().unwrap();
        assert!(e.to_string().contains("not a postocr archive"), "{e}");
        let p = d.path().join("new.sqlite");
        drop(Archive::open(&p, Duration::from_secs(1)).unwrap());
        Connection::open(&p)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let e = Archive::open(&p, Duration::from_secs(1)).err().unwrap();
        assert!(e.to_string().contains("newer"), "{e}");
        let p = d.path().join("text.sqlite");
        std::fs::write(
            &p,
            "just text, not a database at all, long enough to look like a header....",
        )
        .unwrap();
        let e = Archive::open(&p, Duration::from_secs(1)).err().unwrap();
        assert!(
            format!("{e:#}").contains("not a usable SQLite file"),
            "{e:#}"
        );
    }
}
