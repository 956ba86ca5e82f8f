//! Stores: the archive (`--db`) and sidecars (`--sidecar`) together, and the incremental
//! decision they make together.
//!
//! Input: the pipeline's outcomes, in input order. Output: rows in the archive and sidecar
//! files; and, before any decoding, the answer to "does this image need processing?"
//! ([`Cache::should_skip`], the pipeline's skip hook).
//!
//! An image is skipped when its bytes already have a current result (same sha256, same postocr
//! version, settings and engine) in one of the enabled stores, unless `--force`; the store
//! that lacks it is then filled from the other, without OCR. With `--db`, the same bytes met
//! twice in one run are processed once: the first worker to meet them claims them, the other
//! paths are only added (after the claimed image is stored, since outcomes arrive in order; a
//! path met before its claimed image is held back until then).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::Result;

use super::sidecar;
use super::sqlite::{Archive, Stored};
use crate::pipeline::Outcome;
use crate::record::{Producer, Record};

/// The thread-safe half: what the skip hook needs.
pub struct Cache {
    reader: Option<Mutex<Archive>>,
    sidecar: bool,
    force: bool,
    producer: Producer,
    /// Hashes claimed in this run (with `--db`).
    claimed: Mutex<HashSet<[u8; 32]>>,
}

/// The writing half, used by the thread that receives outcomes.
pub struct Keeper {
    db: Option<Archive>,
    sidecar: bool,
    force: bool,
    producer: Producer,
    /// Paths whose bytes were claimed by an input later in the order, by sha256.
    waiting: HashMap<String, Vec<Record>>,
    /// Sidecars that could not be written (each reported on stderr).
    pub sidecar_errors: usize,
}

/// Opens the enabled stores. `db_wait` bounds waiting for another process's write lock.
pub fn open(
    db: Option<&Path>,
    sidecar: bool,
    force: bool,
    producer: Producer,
    db_wait: Duration,
) -> Result<(Cache, Keeper)> {
    let writer = db.map(|p| Archive::open(p, db_wait)).transpose()?;
    let reader = writer
        .as_ref()
        .map(|w| w.reopen(db_wait))
        .transpose()?
        .map(Mutex::new);
    let cache = Cache {
        reader,
        sidecar,
        force,
        producer: producer.clone(),
        claimed: Mutex::new(HashSet::new()),
    };
    let keeper = Keeper {
        db: writer,
        sidecar,
        force,
        producer,
        waiting: HashMap::new(),
        sidecar_errors: 0,
    };
    Ok((cache, keeper))
}

impl Cache {
    /// True when some store enabled for this run needs nothing from processing `rec` (a record
    /// as it stands after reading: path, sha256, source). Errors reading the archive count as
    /// "not there": the image is processed, and a store error shows when it is written.
    pub fn should_skip(&self, rec: &Record) -> bool {
        let Some(sha) = rec.sha256.as_deref() else {
            return false;
        };
        let sidecar_ok = || {
            !self.force
                && self.sidecar
                && sidecar::path_for(rec)
                    .is_some_and(|p| sidecar::current(&p, sha, &self.producer).is_some())
        };
        let Some(reader) = &self.reader else {
            return sidecar_ok();
        };
        let key = hash_key(sha);
        let mut claimed = self.claimed.lock().unwrap_or_else(|e| e.into_inner());
        if claimed.contains(&key) {
            return true;
        }
        claimed.insert(key);
        if self.force {
            return false;
        }
        let in_db = reader
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_current(sha, &self.producer)
            .unwrap_or(false);
        in_db || sidecar_ok()
    }
}

impl Keeper {
    /// Keeps one outcome. An error means the archive cannot be written (the run should stop);
    /// a sidecar that cannot be written is reported and counted in `sidecar_errors`.
    /// Unreadable files (no hash to key them by) are not kept.
    pub fn keep(&mut self, out: &Outcome) -> Result<()> {
        let rec = &out.record;
        let Some(sha) = rec.sha256.clone() else {
            return Ok(());
        };
        if !out.skipped {
            if let Some(db) = &mut self.db {
                if db.store(rec, &self.producer, self.force)? == Stored::AlreadyCurrent {
                    log::info!(
                        "{}: stored meanwhile by another process; kept that result",
                        rec.path
                    );
                }
            }
            if self.sidecar {
                if let Some(p) = sidecar::path_for(rec) {
                    self.write_sidecar(&p, rec)?;
                }
            }
            self.release_waiting(&sha)?;
            return Ok(());
        }
        // Skipped: fill in what a store lacks, from the store that has it.
        if let Some(db) = &mut self.db {
            if !db.add_path(rec)? {
                let side = self.sidecar.then(|| sidecar::path_for(rec)).flatten();
                match side.and_then(|p| sidecar::current(&p, &sha, &self.producer)) {
                    Some(from_sidecar) => {
                        let mut r = from_sidecar;
                        r.path.clone_from(&rec.path);
                        r.path_hex.clone_from(&rec.path_hex);
                        r.source.clone_from(&rec.source);
                        db.store(&r, &self.producer, false)?;
                    }
                    None => {
                        // Claimed by an input later in the order: add it when that is stored.
                        self.waiting.entry(sha).or_default().push(rec.clone());
                        return Ok(());
                    }
                }
            }
        }
        self.fill_sidecar(rec, &sha)
    }

    fn release_waiting(&mut self, sha: &str) -> Result<()> {
        for rec in self.waiting.remove(sha).unwrap_or_default() {
            if let Some(db) = &mut self.db {
                db.add_path(&rec)?;
            }
            self.fill_sidecar(&rec, sha)?;
        }
        Ok(())
    }

    /// Writes the sidecar of a skipped image when it is missing or stale, from the archive.
    fn fill_sidecar(&mut self, rec: &Record, sha: &str) -> Result<()> {
        if !self.sidecar {
            return Ok(());
        }
        let Some(p) = sidecar::path_for(rec) else {
            return Ok(());
        };
        if sidecar::current(&p, sha, &self.producer).is_some() {
            return Ok(());
        }
        let Some(db) = &self.db else { return Ok(()) };
        if let Some(mut r) = db.record(sha)? {
            r.path.clone_from(&rec.path);
            r.path_hex.clone_from(&rec.path_hex);
            r.source.clone_from(&rec.source);
            self.write_sidecar(&p, &r)?;
        }
        Ok(())
    }

    fn write_sidecar(&mut self, p: &Path, rec: &Record) -> Result<()> {
        if let Err(e) = sidecar::write(p, rec, &self.producer) {
            eprintln!("postocr: cannot write sidecar {}: {e}", p.display());
            self.sidecar_errors += 1;
        }
        Ok(())
    }

    /// Paths still waiting for their bytes to be stored (non-zero only after an interrupted run).
    pub fn waiting(&self) -> usize {
        self.waiting.values().map(Vec::len).sum()
    }
}

fn hash_key(sha: &str) -> [u8; 32] {
    let mut k = [0u8; 32];
    if hex::decode_to_slice(sha, &mut k).is_err() {
        // Not a hex sha256 (never from the pipeline): fall back to its own bytes.
        for (d, s) in k.iter_mut().zip(sha.bytes()) {
            *d = s;
        }
    }
    k
}
