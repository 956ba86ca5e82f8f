//! Sidecar sink (`--sidecar`): each image's record → `NAME.postocr.json` beside the image.
//!
//! Input: records of images that are files of their own (not WARC records or `data:` URIs,
//! which have no place beside them). Output: one pretty-printed record per image, at
//! `<image file name>.postocr.json` (the full name, so `a.png` and `a.jpg` do not collide),
//! written to a temporary file in the same folder and renamed over the old one: a reader, or a
//! run killed mid-write, never sees half a sidecar. A sidecar is *current* when it holds a
//! record of the same bytes (sha256) made by the same producer; current sidecars are left
//! alone, so re-runs rewrite nothing.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::record::{Producer, Record};

/// Where the sidecar of `rec` goes; None for images that are not files of their own.
pub fn path_for(rec: &Record) -> Option<PathBuf> {
    if let Some(src) = &rec.source {
        let inline = src.src.as_deref().is_some_and(|s| s.starts_with("data:"));
        if src.kind == "warc" || inline {
            return None;
        }
    }
    let mut name = OsString::from(image_path(rec).as_os_str());
    name.push(".postocr.json");
    Some(PathBuf::from(name))
}

/// The image's path with its exact bytes (from `path_hex` when the name is not UTF-8).
fn image_path(rec: &Record) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    match rec.path_hex.as_deref().and_then(|h| hex::decode(h).ok()) {
        Some(raw) => PathBuf::from(OsString::from_vec(raw)),
        None => PathBuf::from(&rec.path),
    }
}

/// The sidecar's record when it is current for these bytes and this producer.
pub fn current(sidecar: &Path, sha256: &str, producer: &Producer) -> Option<Record> {
    let text = std::fs::read(sidecar).ok()?;
    let rec: Record = serde_json::from_slice(&text).ok()?;
    let ok = rec.sha256.as_deref() == Some(sha256)
        && rec.producer.as_ref() == Some(producer)
        && rec.error.as_ref().is_none_or(|e| e.stage != "ocr");
    ok.then_some(rec)
}

/// Writes `rec` (with `producer`) as the sidecar at `sidecar`, atomically.
pub fn write(sidecar: &Path, rec: &Record, producer: &Producer) -> std::io::Result<()> {
    let mut rec = rec.clone();
    rec.producer = Some(producer.clone());
    let mut json = serde_json::to_vec_pretty(&rec)?;
    json.push(b'\n');
    let dir = sidecar
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp_name = OsString::from(".");
    tmp_name.push(sidecar.file_name().unwrap_or_default());
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&json)?;
        // The bytes reach the disk before the rename makes them the sidecar.
        f.sync_all()?;
        std::fs::rename(&tmp, sidecar)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Source, Status};

    fn rec(path: &str) -> Record {
        Record {
            sha256: Some("ab".into()),
            status: Status::NoPost,
            ..Record::for_path(std::path::Path::new(path))
        }
    }

    #[test]
    fn written_sidecars_are_current_until_bytes_or_producer_change() {
        let d = tempfile::tempdir().unwrap();
        let img = d.path().join("a.png");
        let r = rec(img.to_str().unwrap());
        let side = path_for(&r).unwrap();
        assert_eq!(side, d.path().join("a.png.postocr.json"));
        let p = Producer {
            version: "v".into(),
            settings: "s".into(),
            engine: "e".into(),
        };
        assert!(current(&side, "ab", &p).is_none());
        write(&side, &r, &p).unwrap();
        assert!(current(&side, "ab", &p).is_some());
        assert!(current(&side, "cd", &p).is_none());
        assert!(
            current(
                &side,
                "ab",
                &Producer {
                    version: "w".into(),
                    ..p.clone()
                }
            )
            .is_none()
        );
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn warc_records_and_data_uris_have_no_sidecar() {
        let mut r = rec("x.warc.gz#offset=0");
        r.source = Some(Source {
            kind: "warc".into(),
            ..Default::default()
        });
        assert!(path_for(&r).is_none());
        r.source = Some(Source {
            kind: "html".into(),
            src: Some("data:image/png,…".into()),
            ..Default::default()
        });
        assert!(path_for(&r).is_none());
    }
}
