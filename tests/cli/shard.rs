//! `--shard K/N`: the shards of a run together are exactly the unsharded run.

use std::ffi::OsString;

use postocr::record::Record;

use crate::common::*;

fn run_records(dir: &std::path::Path, extra: &[&str]) -> (Option<i32>, Vec<Record>) {
    let mut a: Vec<OsString> = vec![dir.as_os_str().to_owned(), "--jobs".into(), "2".into()];
    a.extend(extra.iter().map(OsString::from));
    let out = run(a, None);
    (
        out.status.code(),
        records(&out.stdout)
            .into_iter()
            .map(without_timing)
            .collect(),
    )
}

#[test]
fn shards_concatenated_are_the_unsharded_run() {
    // Two real screenshots among cheap broken files: many inputs, little OCR time.
    let dir = tempfile::tempdir().unwrap();
    copy_samples(&some_samples(2), dir.path());
    for i in 0..6 {
        std::fs::write(
            dir.path().join(format!("broken_{i}.png")),
            format!("not an image {i}"),
        )
        .unwrap();
    }
    let (code, whole) = run_records(dir.path(), &[]);
    assert_eq!(code, Some(1));
    assert_eq!(whole.len(), 8);
    for n in [1usize, 3, 10] {
        let mut joined = Vec::new();
        for k in 0..n {
            let (code, part) = run_records(dir.path(), &["--shard", &format!("{k}/{n}")]);
            let failed = part.iter().any(|r| r.error.is_some());
            assert_eq!(code, Some(if failed { 1 } else { 0 }), "shard {k}/{n}");
            joined.extend(part);
        }
        // Same records, same order: no image twice, none missing.
        assert_eq!(joined, whole, "{n} shards");
    }
}

#[test]
fn bad_shard_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["3/3", "1/0", "two/3"] {
        let out = run(
            [dir.path().as_os_str(), "--shard".as_ref(), bad.as_ref()],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "--shard {bad}");
        assert!(stderr_of(&out).contains("K/N"), "{}", stderr_of(&out));
    }
}
