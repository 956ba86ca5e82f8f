//! `postocr eval` and `postocr schema`: accuracy bars on the samples, and the shipped schema.
//!
//! The bars are the accuracy the project has reached on the tuning part of `samples/` (all of
//! it but `samples/holdout/`), rounded down a little, so no change can lower accuracy
//! unnoticed. Raise them as accuracy rises; never lower them to make a change pass.

use std::path::Path;

use crate::common::run;

/// (field, minimum exact-match rate) on the tuning samples.
const FIELD_BARS: &[(&str, f64)] = &[
    ("platform", 0.99),
    ("posts_count", 0.98),
    ("author.handle", 0.99),
    ("author.name", 0.98),
    ("author.verified", 0.98),
    ("timestamp.text", 0.98),
    ("reply_to", 0.98),
    ("metrics.replies", 0.98),
    ("metrics.reposts", 0.98),
    ("metrics.quotes", 0.95),
    ("metrics.likes", 0.98),
    ("metrics.views", 0.97),
    ("metrics.bookmarks", 0.96),
];
const MAX_CER: f64 = 0.010;

fn tuning_dirs() -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir("samples")
        .expect("samples/ exists")
        .flatten()
        .filter(|e| e.path().is_dir() && e.file_name() != "holdout")
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn samples_stay_above_the_accuracy_bars() {
    let mut args: Vec<String> = vec!["eval".into()];
    args.extend(tuning_dirs());
    args.extend(["--json".into(), "--max-cer".into(), MAX_CER.to_string()]);
    for (f, r) in FIELD_BARS {
        args.push("--min-field-accuracy".into());
        args.push(format!("{f}={r}"));
    }
    let out = run(&args, None);
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("eval --json prints JSON");
    assert!(
        report["images"].as_u64().unwrap() >= 80,
        "samples/ holds at least 80 labelled images"
    );
    assert_eq!(report["errors"], 0);
    assert!(
        out.status.success(),
        "below the bar: {}\nCER {} fields {}",
        String::from_utf8_lossy(&out.stderr),
        report["cer"],
        report["fields"]
    );
}

#[test]
fn eval_fails_below_a_bar_and_names_it() {
    let d = tempfile::tempdir().unwrap();
    // Two labelled images: one with a post, one without.
    let mut copied = 0;
    for dir in ["samples/x", "samples/nopost"] {
        let mut imgs: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        imgs.sort();
        let img = imgs
            .iter()
            .find(|p| !p.to_string_lossy().ends_with(".json"))
            .unwrap();
        let stem = img.file_stem().unwrap().to_string_lossy().into_owned();
        let truth = img.with_file_name(format!("{stem}.truth.json"));
        std::fs::copy(img, d.path().join(img.file_name().unwrap())).unwrap();
        std::fs::copy(&truth, d.path().join(truth.file_name().unwrap())).unwrap();
        copied += 1;
    }
    assert_eq!(copied, 2);
    let dir = d.path().to_string_lossy().into_owned();
    let out = run(
        [
            "eval",
            dir.as_str(),
            "--min-field-accuracy",
            "posts_count=1.01",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("posts_count"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("text CER"));
    let out = run(
        [
            "eval",
            dir.as_str(),
            "--min-field-accuracy",
            "no_such_field=0.5",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown field is a usage error"
    );
    // --records keeps what was scored: one record per labelled image, in order, with timings.
    let recs = d.path().join("records.jsonl");
    let out = run(
        ["eval", dir.as_str(), "--records", recs.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&recs).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    // In the images' name order: nopost_… before x_….
    assert_eq!(lines[0]["status"], "no_post");
    assert_eq!(lines[1]["status"], "ok");
    assert!(lines[1]["path"].as_str().unwrap().contains("/x_"));
    assert!(lines.iter().all(|r| r["timings"]["ocr"].as_u64().is_some()));
}

#[test]
fn shipped_schema_matches_the_types() {
    let out = run(["schema"], None);
    assert!(out.status.success());
    let generated: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shipped: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new("docs/record.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        generated, shipped,
        "docs/record.schema.json is stale: run `postocr schema > docs/record.schema.json`"
    );
}
