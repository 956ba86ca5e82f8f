//! `postocr eval`: accuracy against truth files.
//!
//! Truth format (documented in samples/README.md; `../shared/realworld` uses it too): beside
//! `NAME.png|jpg` a `NAME.truth.json` holding `platform`, `theme`, `language` and `posts`, each
//! post with `author {name, handle, verified}`, `timestamp {text}`, `text`, `reply_to`,
//! `metrics {replies, reposts, quotes, likes, views, bookmarks}` and `quoted` — the record's
//! own field names. A `null` truth value means "not readable", and that field is not scored
//! for that post.
//!
//! Scoring rules:
//! - Predicted posts are matched to truth posts in order, each truth post to the unused
//!   predicted post whose text is closest.
//! - Text CER = Levenshtein distance over characters / truth length, summed over posts (a
//!   missing post costs its whole length). Both sides are normalised first: runs of whitespace
//!   (including paragraph breaks) become one space, "..." counts as "…", and emoji and other
//!   pictographs are removed (OCR cannot return them; the truth keeps them).
//! - Fields are exact matches after the same normalisation. A metric is scored where the truth
//!   or the prediction shows a value, so an invented count is an error too.
//! - `false_posts` counts posts predicted on images whose truth has no post.

use anyhow::Context;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cli::EvalArgs;
use crate::discover::Input;
use crate::record::{Post, Record};
use crate::{Config, Pipeline};

/// Field names reported, in order.
pub const FIELDS: &[&str] = &[
    "platform",
    "posts_count",
    "author.name",
    "author.handle",
    "author.verified",
    "timestamp.text",
    "reply_to",
    "metrics.replies",
    "metrics.reposts",
    "metrics.quotes",
    "metrics.likes",
    "metrics.views",
    "metrics.bookmarks",
    "quoted.text",
];

/// One image's truth.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    #[serde(default)]
    pub platform: Option<String>,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub posts: Vec<Value>,
}

/// Counts of right and scored.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.right += usize::from(ok);
    }
    pub fn rate(&self) -> Option<f64> {
        (self.total > 0).then(|| self.right as f64 / self.total as f64)
    }
}

/// CER accumulator.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Cer {
    pub edits: usize,
    pub chars: usize,
}

impl Cer {
    fn add(&mut self, o: Cer) {
        self.edits += o.edits;
        self.chars += o.chars;
    }
    pub fn value(&self) -> Option<f64> {
        (self.chars > 0).then(|| self.edits as f64 / self.chars as f64)
    }
}

/// Per-image outcome.
#[derive(Debug, Clone, Serialize)]
pub struct ImageScore {
    pub path: String,
    pub cer: Option<f64>,
    pub wrong: Vec<String>,
    #[serde(skip)]
    text_cer: Cer,
}

/// The whole report.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Report {
    pub images: usize,
    pub posts: usize,
    pub cer: Option<f64>,
    pub cer_by: BTreeMap<String, Option<f64>>,
    pub fields: BTreeMap<String, Option<f64>>,
    pub field_counts: BTreeMap<String, Tally>,
    pub no_post_images: usize,
    pub false_posts: usize,
    pub errors: usize,
    pub worst: Vec<ImageScore>,
    #[serde(skip)]
    cer_acc: Cer,
    #[serde(skip)]
    cer_groups: BTreeMap<String, Cer>,
}

/// Normalises text for comparison (see module docs).
pub fn normalise(s: &str) -> String {
    let s = s.replace("...", "…");
    let kept: String = s.chars().filter(|c| !is_pictograph(*c)).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_pictograph(c: char) -> bool {
    let u = c as u32;
    (0x1F000..=0x1FAFF).contains(&u)
        || (0x2600..=0x27BF).contains(&u)
        || (0x1F1E6..=0x1F1FF).contains(&u)
        || (0xFE00..=0xFE0F).contains(&u)
        || u == 0x200D
        || (0x2B00..=0x2BFF).contains(&u)
        || (0xE0000..=0xE007F).contains(&u)
}

/// Character edit distance.
pub fn cer(pred: &str, truth: &str) -> Cer {
    let (p, t) = (normalise(pred), normalise(truth));
    Cer {
        edits: strsim::levenshtein(&p, &t),
        chars: t.chars().count(),
    }
}

fn s(v: &Value, path: &[&str]) -> Option<Value> {
    let mut cur = v;
    for k in path {
        cur = cur.get(k)?;
    }
    (!cur.is_null()).then(|| cur.clone())
}

fn eq_text(a: Option<&str>, b: &str) -> bool {
    a.is_some_and(|a| normalise(a) == normalise(b))
}

/// Scores one record against its truth, adding to `rep`.
pub fn score(rep: &mut Report, rec: &Record, truth: &Truth) {
    let mut img = ImageScore {
        path: rec.path.clone(),
        cer: None,
        wrong: vec![],
        text_cer: Cer::default(),
    };
    let mut field = |rep: &mut Report, name: &str, ok: bool, img: &mut ImageScore| {
        rep.field_counts
            .entry(name.to_string())
            .or_default()
            .add(ok);
        if !ok {
            img.wrong.push(name.to_string());
        }
    };
    rep.images += 1;
    if rec.status == crate::record::Status::Error {
        rep.errors += 1;
    }
    let truth_platform = truth
        .platform
        .as_deref()
        .map(|p| if p == "other" { "unknown" } else { p });
    if let Some(tp) = truth_platform {
        field(rep, "platform", rec.platform.as_str() == tp, &mut img);
    }
    field(
        rep,
        "posts_count",
        rec.posts.len() == truth.posts.len(),
        &mut img,
    );
    if truth.posts.is_empty() {
        rep.no_post_images += 1;
        rep.false_posts += rec.posts.len();
    }
    // Match truth posts to predicted ones.
    let mut used = vec![false; rec.posts.len()];
    for tp in &truth.posts {
        rep.posts += 1;
        let ttext = tp.get("text").and_then(Value::as_str);
        let best = (0..rec.posts.len()).filter(|i| !used[*i]).min_by_key(|i| {
            ttext
                .map(|t| cer(&rec.posts[*i].text, t).edits)
                .unwrap_or(*i)
        });
        let pp: Option<&Post> = best.map(|i| {
            used[i] = true;
            &rec.posts[i]
        });
        if let Some(t) = ttext {
            let c = match pp {
                Some(p) => cer(&p.text, t),
                None => Cer {
                    edits: normalise(t).chars().count(),
                    chars: normalise(t).chars().count(),
                },
            };
            img.text_cer.add(c);
        }
        score_post(rep, pp, tp, &mut img, &mut field);
    }
    img.cer = img.text_cer.value();
    rep.cer_acc.add(img.text_cer);
    let groups = [
        format!("platform={}", truth_platform.unwrap_or("?")),
        format!("theme={}", truth.theme.as_deref().unwrap_or("?")),
        format!("language={}", truth.language.as_deref().unwrap_or("?")),
    ];
    for g in groups {
        rep.cer_groups.entry(g).or_default().add(img.text_cer);
    }
    rep.worst.push(img);
}

fn score_post(
    rep: &mut Report,
    pp: Option<&Post>,
    tp: &Value,
    img: &mut ImageScore,
    field: &mut impl FnMut(&mut Report, &str, bool, &mut ImageScore),
) {
    if let Some(Value::String(n)) = s(tp, &["author", "name"]) {
        field(
            rep,
            "author.name",
            eq_text(pp.and_then(|p| p.author.name.as_deref()), &n),
            img,
        );
    }
    if let Some(Value::String(h)) = s(tp, &["author", "handle"]) {
        field(
            rep,
            "author.handle",
            pp.and_then(|p| p.author.handle.as_deref()) == Some(h.as_str()),
            img,
        );
    }
    if let Some(Value::Bool(v)) = s(tp, &["author", "verified"]) {
        field(
            rep,
            "author.verified",
            pp.and_then(|p| p.author.verified) == Some(v),
            img,
        );
    }
    if let Some(Value::String(t)) = s(tp, &["timestamp", "text"]) {
        let got = pp
            .and_then(|p| p.timestamp.as_ref())
            .map(|t| t.text.as_str());
        field(rep, "timestamp.text", eq_text(got, &t), img);
    }
    if let Some(Value::Array(r)) = s(tp, &["reply_to"]) {
        let want: Vec<&str> = r.iter().filter_map(Value::as_str).collect();
        let got: Vec<&str> = pp
            .map(|p| p.reply_to.iter().map(String::as_str).collect())
            .unwrap_or_default();
        field(rep, "reply_to", want == got, img);
    }
    for m in crate::record::Metrics::NAMES {
        let want = s(tp, &["metrics", m]).and_then(|v| v.as_u64());
        let got = pp.and_then(|p| p.metrics.get(m));
        // "metrics" absent from the truth means counts were not labelled at all.
        if tp.get("metrics").is_none() || (want.is_none() && tp["metrics"].get(m).is_none()) {
            continue;
        }
        if want.is_some() || got.is_some() {
            field(rep, &format!("metrics.{m}"), want == got, img);
        }
    }
    if let Some(q) = s(tp, &["quoted"]) {
        if let Some(Value::String(qt)) = s(&q, &["text"]) {
            let got = pp.and_then(|p| p.quoted.as_ref()).map(|q| q.text.as_str());
            field(
                rep,
                "quoted.text",
                got.is_some_and(|g| cer(g, &qt).value().unwrap_or(0.0) < 0.05),
                img,
            );
        }
    }
}

impl Report {
    /// Fills the derived figures.
    pub fn finish(&mut self, worst: usize) {
        self.cer = self.cer_acc.value();
        self.cer_by = self
            .cer_groups
            .iter()
            .map(|(k, v)| (k.clone(), v.value()))
            .collect();
        self.fields = self
            .field_counts
            .iter()
            .map(|(k, v)| (k.clone(), v.rate()))
            .collect();
        self.worst.sort_by(|a, b| {
            b.cer
                .unwrap_or(0.0)
                .total_cmp(&a.cer.unwrap_or(0.0))
                .then(b.wrong.len().cmp(&a.wrong.len()))
        });
        self.worst.truncate(worst);
    }

    /// Tables for a person.
    pub fn render(&self) -> String {
        let pct = |v: Option<f64>| {
            v.map(|v| format!("{:6.2}%", v * 100.0))
                .unwrap_or_else(|| "     —".into())
        };
        let mut o = String::new();
        o += &format!(
            "images {}  posts {}  errors {}\n\n",
            self.images, self.posts, self.errors
        );
        o += &format!("text CER (lower is better)   overall {}\n", pct(self.cer));
        for (k, v) in &self.cer_by {
            o += &format!("  {:<28} {}\n", k, pct(*v));
        }
        o += "\nfield exact-match (higher is better)\n";
        for f in FIELDS {
            if let Some(t) = self.field_counts.get(*f) {
                o += &format!("  {:<28} {}  ({}/{})\n", f, pct(t.rate()), t.right, t.total);
            }
        }
        o += &format!(
            "\nno-post images {}  false posts on them {}\n",
            self.no_post_images, self.false_posts
        );
        o += "\nworst images\n";
        for w in &self.worst {
            o += &format!(
                "  {}  CER {}  wrong: {}\n",
                w.path,
                pct(w.cer),
                w.wrong.join(", ")
            );
        }
        o
    }
}

/// Images with a truth file beside them, sorted. Symlinked folders and files are followed, as
/// when recognising a folder: a truth set assembled from links scores like a copied one.
pub fn labelled_images(dirs: &[PathBuf]) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for d in dirs {
        for e in walkdir::WalkDir::new(d)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let p = e.path();
            if !e.file_type().is_file() || p.to_string_lossy().ends_with(".truth.json") {
                continue;
            }
            let truth = truth_path(p);
            if truth.exists() {
                out.push((p.to_path_buf(), truth));
            }
        }
    }
    out
}

fn truth_path(img: &Path) -> PathBuf {
    let stem = img
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    img.with_file_name(format!("{stem}.truth.json"))
}

/// Runs the pipeline over labelled images and scores them.
pub fn evaluate(cfg: Config, dirs: &[PathBuf], worst: usize) -> anyhow::Result<Report> {
    evaluate_into(cfg, dirs, worst, None)
}

/// [`evaluate`], writing each record scored to `records` as one JSON line.
pub fn evaluate_into(
    cfg: Config,
    dirs: &[PathBuf],
    worst: usize,
    mut records: Option<&mut dyn std::io::Write>,
) -> anyhow::Result<Report> {
    let pairs = labelled_images(dirs);
    if pairs.is_empty() {
        anyhow::bail!("no image with a NAME.truth.json beside it under {:?}", dirs);
    }
    let inputs: Vec<Input> = pairs.iter().map(|(p, _)| Input::file(p.clone())).collect();
    let pipeline = Pipeline::new(cfg);
    pipeline.check()?;
    let mut rep = Report::default();
    let mut i = 0;
    let mut bad_truth: Option<anyhow::Error> = None;
    pipeline.run(
        &inputs,
        &mut |rec| {
            let tp = &pairs[i].1;
            i += 1;
            if let Some(w) = records.as_mut() {
                serde_json::to_writer(&mut *w, rec)?;
                w.write_all(b"\n")?;
            }
            match std::fs::read(tp)
                .map_err(anyhow::Error::from)
                .and_then(|b| Ok(serde_json::from_slice::<Truth>(&b)?))
            {
                Ok(t) => score(&mut rep, rec, &t),
                Err(e) => {
                    bad_truth.get_or_insert(anyhow::anyhow!("{}: {e}", tp.display()));
                }
            }
            Ok(())
        },
        &mut |_| {},
    );
    if let Some(e) = bad_truth {
        return Err(e);
    }
    rep.finish(worst);
    Ok(rep)
}

/// `postocr eval`.
/// Edit distance between `needle` and its best-matching substring of `hay` (semi-global
/// alignment: free start and end in `hay`).
pub fn substring_distance(needle: &str, hay: &str) -> usize {
    let n: Vec<char> = needle.chars().collect();
    let h: Vec<char> = hay.chars().collect();
    let mut prev: Vec<usize> = vec![0; h.len() + 1];
    for (i, nc) in n.iter().enumerate() {
        let mut cur = vec![i + 1; h.len() + 1];
        for (j, hc) in h.iter().enumerate() {
            let sub = prev[j] + usize::from(nc != hc);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.into_iter().min().unwrap_or(n.len())
}

/// Text CER of plain OCR output (the honest baseline), by platform.
pub fn evaluate_raw(dirs: &[PathBuf], raw: &Path, worst: usize) -> anyhow::Result<Report> {
    let mut rep = Report::default();
    for (img, tp) in labelled_images(dirs) {
        let truth: Truth = serde_json::from_slice(&std::fs::read(&tp)?)?;
        let stem = img
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(raw.join(format!("{stem}.txt"))).unwrap_or_default();
        let hay = normalise(&text);
        let mut c = Cer::default();
        for p in &truth.posts {
            if let Some(t) = p.get("text").and_then(Value::as_str) {
                let t = normalise(t);
                c.add(Cer {
                    edits: substring_distance(&t, &hay),
                    chars: t.chars().count(),
                });
            }
            rep.posts += 1;
        }
        rep.images += 1;
        rep.cer_acc.add(c);
        let platform = truth.platform.as_deref().unwrap_or("?");
        for g in [
            format!("platform={platform}"),
            format!("theme={}", truth.theme.as_deref().unwrap_or("?")),
            format!("language={}", truth.language.as_deref().unwrap_or("?")),
        ] {
            rep.cer_groups.entry(g).or_default().add(c);
        }
        rep.worst.push(ImageScore {
            path: img.to_string_lossy().into_owned(),
            cer: c.value(),
            wrong: vec![],
            text_cer: c,
        });
    }
    rep.finish(worst);
    Ok(rep)
}

/// `postocr eval`.
pub fn run_cli(args: &EvalArgs) -> anyhow::Result<u8> {
    if let Some(raw) = &args.raw_text {
        let rep = evaluate_raw(&args.dirs, raw, args.worst)?;
        if args.json {
            println!("{}", serde_json::to_string_pretty(&rep)?);
        } else {
            print!("{}", rep.render());
        }
        return Ok(0);
    }
    let mut cfg = Config {
        langs: args.langs.clone(),
        now: args.now,
        // The records written with --records carry where their time went.
        timings: args.records.is_some(),
        ..Config::default()
    };
    if let Some(j) = args.jobs {
        cfg.jobs = j.max(1);
    }
    let mut out = match &args.records {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => None,
    };
    let rep = evaluate_into(
        cfg,
        &args.dirs,
        args.worst,
        out.as_mut().map(|w| w as &mut dyn std::io::Write),
    )?;
    if let Some(mut w) = out {
        w.flush()?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rep)?);
    } else {
        print!("{}", rep.render());
    }
    let mut failed = Vec::new();
    if let (Some(max), Some(c)) = (args.max_cer, rep.cer) {
        if c > max {
            failed.push(format!("text CER {:.4} > {max}", c));
        }
    }
    for bar in &args.min_field_accuracy {
        let (fields, rate): (Vec<String>, f64) = match bar.split_once('=') {
            Some((f, r)) => (vec![f.to_string()], r.parse()?),
            None => (rep.fields.keys().cloned().collect(), bar.parse()?),
        };
        for f in fields {
            match rep.fields.get(&f) {
                Some(Some(v)) if *v < rate => failed.push(format!("{f} {v:.4} < {rate}")),
                None => anyhow::bail!(
                    "unknown field '{f}' in --min-field-accuracy (known: {})",
                    FIELDS.join(", ")
                ),
                _ => {}
            }
        }
    }
    if failed.is_empty() {
        Ok(0)
    } else {
        eprintln!("postocr eval: below the bar: {}", failed.join("; "));
        Ok(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn labelled_images_follow_symlinked_folders_and_files() {
        let real = tempfile::tempdir().unwrap();
        std::fs::write(real.path().join("a.png"), b"x").unwrap();
        std::fs::write(real.path().join("a.truth.json"), b"{}").unwrap();
        std::fs::write(real.path().join("b.png"), b"x").unwrap();
        std::fs::write(real.path().join("b.truth.json"), b"{}").unwrap();
        std::fs::write(real.path().join("untruthed.png"), b"x").unwrap();
        let set = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(real.path(), set.path().join("linked")).unwrap();
        let files = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(real.path().join("b.png"), files.path().join("b.png")).unwrap();
        std::os::unix::fs::symlink(
            real.path().join("b.truth.json"),
            files.path().join("b.truth.json"),
        )
        .unwrap();

        let names = |dir: &Path| -> Vec<String> {
            labelled_images(&[dir.to_path_buf()])
                .iter()
                .map(|(img, truth)| {
                    assert!(truth.exists(), "{truth:?}");
                    img.file_name().unwrap().to_string_lossy().into_owned()
                })
                .collect()
        };
        assert_eq!(names(set.path()), ["a.png", "b.png"]);
        assert_eq!(names(files.path()), ["b.png"]);
    }

    #[test]
    fn substring_distance_finds_the_best_window() {
        assert_eq!(
            substring_distance("snacks", "Delta @ Oct 11\nsnacks on snacks"),
            0
        );
        assert_eq!(substring_distance("snack", "xx snock yy"), 1);
        assert_eq!(substring_distance("abc", ""), 3);
    }

    #[test]
    fn cer_normalises_whitespace_ellipsis_and_emoji() {
        assert_eq!(cer("a  b\nc...", "a b c…").edits, 0);
        assert_eq!(cer("Hello", "Hello 🇺🇸🔥").edits, 0);
        let c = cer("helo", "hello");
        assert_eq!((c.edits, c.chars), (1, 5));
    }

    #[test]
    fn scoring_counts_fields_and_false_posts() {
        let rec: Record = serde_json::from_value(serde_json::json!({
            "path": "a.png", "sha256": null, "status": "ok", "error": null, "image": null,
            "platform": "x", "ocr": null, "elapsed_ms": 0,
            "posts": [{"author": {"name": "Delta", "handle": "@Delta", "verified": true},
                       "timestamp": {"text": "Oct 11", "iso": null, "relative": true},
                       "text": "Hi there", "language": "en", "reply_to": [], "mentions": [], "hashtags": [],
                       "urls": [], "metrics": {"replies": 4, "reposts": null, "quotes": null, "likes": 67,
                       "views": null, "bookmarks": null}, "quoted": null, "confidence": 0.9, "bbox": [0,0,1,1]}]
        }))
        .unwrap();
        let truth: Truth = serde_json::from_value(serde_json::json!({
            "platform": "x", "theme": "light", "language": "en",
            "posts": [{"author": {"name": "Delta", "handle": "@delta", "verified": true},
                       "timestamp": {"text": "Oct 11"}, "text": "Hi there!", "reply_to": [],
                       "metrics": {"replies": 4, "reposts": 26, "quotes": null, "likes": 67, "views": null, "bookmarks": null},
                       "quoted": null}]
        }))
        .unwrap();
        let mut rep = Report::default();
        score(&mut rep, &rec, &truth);
        rep.finish(10);
        assert_eq!(rep.fields["author.name"], Some(1.0));
        assert_eq!(rep.fields["author.handle"], Some(0.0));
        assert_eq!(rep.fields["metrics.reposts"], Some(0.0));
        assert_eq!(rep.fields["metrics.likes"], Some(1.0));
        assert!(!rep.fields.contains_key("metrics.views"));
        assert!((rep.cer.unwrap() - 1.0 / 9.0).abs() < 1e-9);
        let none: Truth =
            serde_json::from_value(serde_json::json!({"platform": "unknown", "posts": []}))
                .unwrap();
        score(&mut rep, &rec, &none);
        assert_eq!(rep.false_posts, 1);
    }
}
