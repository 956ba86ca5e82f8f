//! Images inside other files, end to end: a WARC file built here (image and non-image records,
//! gzip member per record and plain), and a saved HTML page with a `_files` folder, a `data:`
//! image and captions.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use postocr::record::Status;

use super::archive::{counts, query_i64, records, run, samples, stderr};

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
         WARC-Date: 2025-11-26T15:02:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len() * 7 + block.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, ct: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    b.extend_from_slice(body);
    b
}

/// A crawl of one article page: warcinfo, request, the HTML, a 404, the screenshot as a
/// response, a second screenshot as a resource record, a stylesheet, a revisit.
fn crawl(png1: &[u8], png2: &[u8]) -> Vec<Vec<u8>> {
    let resp = "application/http; msgtype=response";
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: postocr-test\r\nformat: WARC File Format 1.1\r\n",
        ),
        warc_record(
            "request",
            "https://news.example/story",
            "application/http; msgtype=request",
            b"GET /story HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/story",
            resp,
            &http(
                "200 OK",
                "text/html; charset=utf-8",
                b"<html><img src=shot.png></html>",
            ),
        ),
        warc_record(
            "response",
            "https://news.example/missing.png",
            resp,
            &http("404 Not Found", "text/html", b"<h1>404</h1>"),
        ),
        warc_record(
            "response",
            "https://news.example/shot.png",
            resp,
            &http("200 OK", "image/png", png1),
        ),
        warc_record(
            "resource",
            "https://news.example/second.png",
            "image/png",
            png2,
        ),
        warc_record(
            "response",
            "https://news.example/site.css",
            resp,
            &http("200 OK", "text/css", b"body{color:red}"),
        ),
        warc_record(
            "revisit",
            "https://news.example/shot.png",
            resp,
            b"HTTP/1.1 200 OK\r\n\r\n",
        ),
    ]
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

#[test]
fn warc_image_records_are_read_in_place_with_their_source() {
    let shots = samples("x", 2);
    let (png1, png2) = (
        std::fs::read(&shots[0]).unwrap(),
        std::fs::read(&shots[1]).unwrap(),
    );
    let d = tempfile::tempdir().unwrap();
    let crawl_dir = d.path().join("crawls");
    std::fs::create_dir(&crawl_dir).unwrap();
    let recs = crawl(&png1, &png2);
    let gz = crawl_dir.join("story.warc.gz");
    std::fs::write(
        &gz,
        recs.iter().map(|r| gzip(r)).collect::<Vec<_>>().concat(),
    )
    .unwrap();
    let db = d.path().join("a.sqlite");

    let o = run(&[&gz, &"--db", &db]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(counts(&o), (2, 0, 0));
    let got = records(&o.stdout);
    assert_eq!(got.len(), 2, "only the two image records");
    let src = got[0].source.as_ref().expect("source");
    assert_eq!(src.kind, "warc");
    assert_eq!(src.file, gz.to_string_lossy());
    assert_eq!(src.uri.as_deref(), Some("https://news.example/shot.png"));
    assert_eq!(src.date.as_deref(), Some("2025-11-26T15:02:00Z"));
    assert_eq!(
        got[0].path,
        format!("{}#offset={}", gz.display(), src.offset.unwrap())
    );
    assert_eq!(
        got[0].sha256.as_deref(),
        Some(postocr::pipeline::sha256_hex(&png1).as_str())
    );
    assert_eq!(
        got[1].source.as_ref().unwrap().uri.as_deref(),
        Some("https://news.example/second.png")
    );
    assert!(got.iter().all(|r| r.status == Status::Ok), "{got:?}");
    // The offset is where the record's gzip member starts: the file from there is that record.
    let off = src.offset.unwrap() as usize;
    let mut one = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&std::fs::read(&gz).unwrap()[off..]),
        &mut one,
    )
    .unwrap();
    assert!(
        String::from_utf8_lossy(&one).contains("WARC-Target-URI: https://news.example/shot.png")
    );

    // The same crawl as a plain .warc, found in the folder: same bytes, so only paths are added.
    std::fs::write(crawl_dir.join("story-copy.warc"), recs.concat()).unwrap();
    std::fs::write(crawl_dir.join("notes.txt"), "not a crawl").unwrap();
    let o = run(&[&crawl_dir, &"--db", &db]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(counts(&o), (0, 4, 0));
    assert_eq!(query_i64(&db, "SELECT count(*) FROM images"), 2);
    assert_eq!(query_i64(&db, "SELECT count(*) FROM paths"), 4);
    let sources = query_i64(
        &db,
        "SELECT count(*) FROM paths WHERE json_extract(source, '$.kind') = 'warc'",
    );
    assert_eq!(sources, 4);
}

#[test]
fn a_damaged_warc_keeps_its_images_and_reports_the_damage() {
    let shots = samples("x", 1);
    let png = std::fs::read(&shots[0]).unwrap();
    let d = tempfile::tempdir().unwrap();
    let mut bytes: Vec<u8> = crawl(&png, b"\x89PNG\r\n\x1a\nnot really").concat();
    bytes.extend_from_slice(
        b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 99999\r\n\r\ncut short",
    );
    let w = d.path().join("cut.warc");
    std::fs::write(&w, bytes).unwrap();
    let o = run(&[&w]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let got = records(&o.stdout);
    let statuses: Vec<_> = got
        .iter()
        .map(|r| (r.status, r.error.as_ref().map(|e| e.stage.clone())))
        .collect();
    assert_eq!(
        statuses,
        [
            (Status::Ok, None),
            (Status::Error, Some("decode".into())),
            (Status::Error, Some("read".into()))
        ],
        "{got:#?}"
    );
    assert!(
        got[2]
            .error
            .as_ref()
            .unwrap()
            .message
            .contains("inside the record"),
        "{:?}",
        got[2].error
    );
}

fn write_page(dir: &Path, shot: &Path, inline: &[u8]) -> PathBuf {
    let files = dir.join("story_files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::copy(shot, files.join("post screenshot.png")).unwrap();
    // An icon in the folder that the page does not show as a post: not read on its own.
    std::fs::copy(shot, files.join("unused.png")).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(inline);
    let page = format!(
        r#"<!DOCTYPE html>
<!-- saved from url=(0042)https://news.example/2025/11/26/story.html -->
<html><head><meta charset="utf-8"><title>Talks resume &mdash; News</title></head>
<body><article>
<p>The statement was posted on Tuesday.</p>
<figure><img src="./story_files/post%20screenshot.png" alt="Screenshot of the post">
<figcaption>Post by Kirill Dmitriev. Photo: screenshot</figcaption></figure>
<p>Later, the channel answered.</p>
<div class="embed"><img alt="Telegram message" src="data:image/png;base64,{b64}">
<p class="image-caption">Message in the channel. Photo: Telegram</p></div>
<img src="https://cdn.example/remote.png" alt="not fetched">
</article></body></html>"#
    );
    let p = dir.join("story.html");
    std::fs::write(&p, page).unwrap();
    p
}

#[test]
fn saved_page_images_come_with_alt_text_captions_and_the_page() {
    let shots = samples("x", 1);
    let inline = std::fs::read(&samples("telegram", 1)[0]).unwrap();
    let d = tempfile::tempdir().unwrap();
    let page = write_page(d.path(), &shots[0], &inline);

    // The folder: the page is found through its _files folder; its images are read once.
    let o = run(&[&d.path(), &"--db", &d.path().join("a.sqlite")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = records(&o.stdout);
    assert_eq!(got.len(), 2, "{got:#?}");
    let (a, b) = (
        got[0].source.as_ref().unwrap(),
        got[1].source.as_ref().unwrap(),
    );
    assert_eq!(
        got[0].path,
        d.path()
            .join("story_files/post screenshot.png")
            .to_string_lossy()
    );
    assert_eq!(a.kind, "html");
    assert_eq!(a.file, page.to_string_lossy());
    assert_eq!(a.page_title.as_deref(), Some("Talks resume — News"));
    assert_eq!(
        a.page_url.as_deref(),
        Some("https://news.example/2025/11/26/story.html")
    );
    assert_eq!(a.alt.as_deref(), Some("Screenshot of the post"));
    assert_eq!(
        a.caption.as_deref(),
        Some("Post by Kirill Dmitriev. Photo: screenshot")
    );
    assert_eq!(got[1].path, format!("{}#img=2", page.display()));
    assert_eq!(b.alt.as_deref(), Some("Telegram message"));
    assert_eq!(
        b.caption.as_deref(),
        Some("Message in the channel. Photo: Telegram")
    );
    assert_eq!(
        got[1].sha256.as_deref(),
        Some(postocr::pipeline::sha256_hex(&inline).as_str())
    );
    assert!(got.iter().all(|r| r.status == Status::Ok), "{got:#?}");

    // Named on its own, the page gives the same images; --sidecar writes one beside the file
    // image only (a data: URI has no place beside it).
    let o = run(&[&page, &"--sidecar"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(records(&o.stdout).len(), 2);
    assert!(
        d.path()
            .join("story_files/post screenshot.png.postocr.json")
            .is_file()
    );
    assert!(!d.path().join("story.html.postocr.json").exists());
}
