//! Saved HTML page input ("Save page as… complete": `page.html` + `page_files/`, or a single
//! file with `data:` URIs) → the images the page shows, with their context.
//!
//! Input: the page file. Output: one [`Entry`] per `<img>` whose picture we can read — a local
//! file under the page's folder, or a `data:` URI (kept as a byte range of the page, decoded
//! by the worker, so a page full of inline images is never held twice) — each with its `alt`
//! text, the caption near it, and the page's title and URL. Remote images (`http:` …) are not
//! fetched: postocr never touches the network.
//!
//! The page is scanned by a small tag tokenizer, not a full HTML5 parser: we only need `<img>`,
//! `<figure>`/`<figcaption>`, caption-classed elements, `<title>`, `<link rel=canonical>`,
//! `<meta property=og:url>` and the "saved from url" comment that browsers write, and a
//! tokenizer that never fails is a better fit for whatever a browser saved than a dependency
//! tree the size of html5ever's.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};

use base64::Engine;

/// One image of a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The page the image was found in.
    pub page: PathBuf,
    /// 1-based position of the `<img>` among all `<img>` tags of the page.
    pub index: usize,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The `src` as written; a `data:` URI is cut after its media type.
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    /// For a `data:` URI: byte range (start, length) of the URI in the page file.
    pub data: Option<(u64, u64)>,
}

/// True for names a page has: `.html`, `.htm`, `.xhtml` (any case).
pub fn is_html_name(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(ext.as_deref(), Some("html" | "htm" | "xhtml"))
}

/// The folder a browser saves a page's resources into: `NAME_files` beside `NAME.html`.
pub fn files_dir(page: &Path) -> Option<PathBuf> {
    let stem = page.file_stem()?;
    let mut name = stem.to_os_string();
    name.push("_files");
    Some(page.with_file_name(name))
}

/// A page's images, in document order, each with the file its bytes are in: the resolved local
/// image file, or the page itself for a `data:` URI.
pub fn index(page: &Path, max_page_bytes: u64) -> Result<Vec<(PathBuf, Entry)>, String> {
    let bytes = super::read_file(page, max_page_bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    // Offsets must be in file bytes; lossy decoding only changes invalid sequences, which then
    // differ in length, so data: URIs are located in the raw bytes (they are ASCII).
    let tokens = tokenize(&text);
    let facts = PageFacts::from(&tokens);
    let base = page.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut out = Vec::new();
    let mut n = 0;
    for (i, t) in tokens.iter().enumerate() {
        let Token::Start { name, attrs, .. } = t else {
            continue;
        };
        if name != "img" {
            continue;
        }
        n += 1;
        // Lazy-loading pages keep the real image in data-src and a tiny placeholder (often a
        // 1×1 data: GIF) in src until it scrolls into view.
        let lazy = ["data-src", "data-original", "data-lazy-src"]
            .iter()
            .find_map(|k| attr(attrs, k).filter(|a| !a.value.trim().is_empty()));
        let src = match attr(attrs, "src") {
            Some(s)
                if !(s.value.trim().is_empty() || is_placeholder(&s.value) && lazy.is_some()) =>
            {
                Some(s)
            }
            _ => lazy,
        };
        let Some(src) = src else {
            continue;
        };
        let src_text = src.value.trim();
        let alt = attr(attrs, "alt")
            .map(|a| collapse(&decode_entities(&a.value)))
            .filter(|a| !a.is_empty());
        let mut e = Entry {
            page: page.to_path_buf(),
            index: n,
            title: facts.title.clone(),
            url: facts.url.clone(),
            src: String::new(),
            alt,
            caption: caption_for(&tokens, i),
            data: None,
        };
        if let Some(rest) = strip_prefix_ci(src_text, "data:") {
            let media = rest
                .split([',', ';'])
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if !(media.is_empty() || media.starts_with("image/")) || media == "image/svg+xml" {
                continue;
            }
            e.src = format!("data:{media},…");
            let start = raw_offset(&text, &bytes, src.start);
            let end = raw_offset(&text, &bytes, src.end);
            e.data = Some((start as u64, (end - start) as u64));
            out.push((page.to_path_buf(), e));
        } else {
            e.src = src_text.to_string();
            match local_path(&base, &decode_entities(src_text)) {
                Some(p) => out.push((p, e)),
                None => log::info!(
                    "{}: image {n} ({src_text:.60}) is not a local file; not fetched",
                    page.display()
                ),
            }
        }
    }
    Ok(out)
}

/// A `data:` URI too short to hold a screenshot: a lazy-loading placeholder.
fn is_placeholder(src: &str) -> bool {
    strip_prefix_ci(src.trim(), "data:").is_some() && src.len() < 400
}

/// Reads and decodes the `data:` URI at `range` of `page`.
pub fn read_data_uri(page: &Path, (start, len): (u64, u64), max: u64) -> Result<Vec<u8>, String> {
    // base64 is 4/3 of the bytes: refuse a URI that cannot decode under the limit.
    if len > max / 3 * 4 + 1024 {
        return Err(format!(
            "data: URI of {len} bytes decodes to more than the {max}-byte limit"
        ));
    }
    let mut f = File::open(page).map_err(|e| e.to_string())?;
    f.seek(SeekFrom::Start(start)).map_err(|e| e.to_string())?;
    let mut raw = Vec::with_capacity(len as usize);
    f.take(len)
        .read_to_end(&mut raw)
        .map_err(|e| e.to_string())?;
    let uri = decode_entities(&String::from_utf8_lossy(&raw));
    let rest =
        strip_prefix_ci(uri.trim(), "data:").ok_or("the page changed since it was indexed")?;
    let (meta, payload) = rest.split_once(',').ok_or("data: URI without a comma")?;
    if meta.to_ascii_lowercase().ends_with(";base64") {
        let clean: Vec<u8> = payload
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        base64::engine::general_purpose::STANDARD
            .decode(&clean)
            .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(&clean))
            .map_err(|e| format!("data: URI is not valid base64: {e}"))
    } else {
        Ok(percent_decode(payload))
    }
}

/// Byte offset in `raw` of char offset `i` in `text` (the lossy decoding of `raw`).
fn raw_offset(text: &str, raw: &[u8], i: usize) -> usize {
    if text.len() == raw.len() {
        return i; // valid UTF-8: identical
    }
    // Re-walk: each char of `text` is either copied (same bytes) or U+FFFD for an invalid run.
    let mut rb = 0;
    let mut tb = 0;
    while tb < i && rb < raw.len() {
        match std::str::from_utf8(&raw[rb..]) {
            Ok(_) => return rb + (i - tb),
            Err(e) => {
                let good = e.valid_up_to();
                if tb + good >= i {
                    return rb + (i - tb);
                }
                rb += good;
                tb += good;
                let bad = e.error_len().unwrap_or(raw.len() - rb);
                rb += bad;
                tb += '\u{FFFD}'.len_utf8();
            }
        }
    }
    rb
}

/// A relative `src` resolved under the page's folder; None for remote, absolute or escaping
/// paths (a saved page's images live beside it).
fn local_path(base: &Path, src: &str) -> Option<PathBuf> {
    let src = src.split(['?', '#']).next()?;
    if src.is_empty() || src.starts_with('/') || src.contains("://") || src.starts_with("//") {
        return None;
    }
    if let Some((scheme, _)) = src.split_once(':') {
        if scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return None; // javascript:, blob:, about: …
        }
    }
    let decoded = percent_decode(src);
    use std::os::unix::ffi::OsStringExt;
    let rel = PathBuf::from(std::ffi::OsString::from_vec(decoded));
    let mut out = base.to_path_buf();
    for c in rel.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &s[prefix.len()..])
}

/// Title and URL of a page.
#[derive(Default)]
struct PageFacts {
    title: Option<String>,
    url: Option<String>,
}

impl PageFacts {
    fn from(tokens: &[Token]) -> Self {
        let mut f = PageFacts::default();
        let (mut saved, mut canonical, mut og) = (None, None, None);
        let mut in_title = false;
        let mut title = String::new();
        for t in tokens {
            match t {
                Token::Comment(c) => {
                    // "<!-- saved from url=(0042)https://example.com/… -->" (Chromium, IE).
                    if let Some(i) = c.find("saved from url=") {
                        let rest = &c[i + "saved from url=".len()..];
                        let rest = rest.split_once(')').map_or(rest, |(_, r)| r);
                        let url = rest.split_whitespace().next().unwrap_or("");
                        if !url.is_empty() {
                            saved.get_or_insert(url.to_string());
                        }
                    }
                }
                Token::Start { name, attrs, .. } => match name.as_str() {
                    "title" if f.title.is_none() => in_title = true,
                    "link" => {
                        let rel = attr(attrs, "rel").map(|a| a.value.to_ascii_lowercase());
                        if rel.as_deref() == Some("canonical") {
                            if let Some(h) = attr(attrs, "href") {
                                canonical.get_or_insert(decode_entities(&h.value));
                            }
                        }
                    }
                    "meta" => {
                        let prop = attr(attrs, "property").or_else(|| attr(attrs, "name"));
                        if prop.is_some_and(|p| p.value.eq_ignore_ascii_case("og:url")) {
                            if let Some(c) = attr(attrs, "content") {
                                og.get_or_insert(decode_entities(&c.value));
                            }
                        }
                    }
                    _ => {}
                },
                Token::Text(s) if in_title => title.push_str(s),
                Token::End(name) if name == "title" && in_title => {
                    in_title = false;
                    let t = collapse(&decode_entities(&title));
                    f.title = (!t.is_empty()).then_some(t);
                }
                _ => {}
            }
        }
        f.url = saved.or(canonical).or(og).filter(|u| !u.trim().is_empty());
        f
    }
}

/// The caption of the `<img>` at token `i`: the `<figcaption>` of the `<figure>` holding it, or
/// else the text of the first element with a caption-like class (caption, credit, legend)
/// after the image and before the next one, within the image's container (or the container's
/// container, when the image sits alone in a wrapper).
fn caption_for(tokens: &[Token], i: usize) -> Option<String> {
    // Open elements at the image, innermost last.
    let stack = open_elements(tokens, i);
    if let Some(&(fig, _)) = stack.iter().rev().find(|(_, n)| n == "figure") {
        if let Some(c) = element_text_after(tokens, fig, |name, _| name == "figcaption") {
            return Some(c);
        }
    }
    // Search forward, no further than where the grandparent closes or the next image starts.
    let depth_limit = stack.len().saturating_sub(2);
    let mut depth = stack.len();
    for (j, t) in tokens.iter().enumerate().skip(i + 1) {
        match t {
            Token::Start { name, .. } if name == "img" => return None,
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                if is_caption_class(attrs) {
                    let text = inner_text(tokens, j);
                    if !text.is_empty() {
                        return Some(text);
                    }
                }
                if !*self_closing && !is_void(name) {
                    depth += 1;
                }
            }
            Token::End(_) => {
                if depth <= depth_limit {
                    return None;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

fn is_caption_class(attrs: &[Attr]) -> bool {
    ["class", "id", "itemprop"].iter().any(|k| {
        attr(attrs, k).is_some_and(|a| {
            let v = a.value.to_ascii_lowercase();
            v.contains("caption") || v.contains("credit") || v.contains("legend")
        })
    })
}

/// (token index, name) of elements open at token `i`. End tags close the nearest open element
/// of their name; stray ones are ignored, as browsers do.
fn open_elements(tokens: &[Token], i: usize) -> Vec<(usize, String)> {
    let mut stack: Vec<(usize, String)> = Vec::new();
    for (j, t) in tokens[..i].iter().enumerate() {
        match t {
            Token::Start {
                name, self_closing, ..
            } if !*self_closing && !is_void(name) => stack.push((j, name.clone())),
            Token::End(name) => {
                if let Some(k) = stack.iter().rposition(|(_, n)| n == name) {
                    stack.truncate(k);
                }
            }
            _ => {}
        }
    }
    stack
}

/// Text of the first element inside the element opened at `open` that `pick` accepts.
fn element_text_after(
    tokens: &[Token],
    open: usize,
    pick: impl Fn(&str, &[Attr]) -> bool,
) -> Option<String> {
    let mut depth = 0usize;
    for (j, t) in tokens.iter().enumerate().skip(open + 1) {
        match t {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                if pick(name, attrs) {
                    let text = inner_text(tokens, j);
                    return (!text.is_empty()).then_some(text);
                }
                if !*self_closing && !is_void(name) {
                    depth += 1;
                }
            }
            Token::End(_) => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// The text inside the element opened at token `open`, entities decoded, whitespace collapsed.
fn inner_text(tokens: &[Token], open: usize) -> String {
    let mut depth = 0usize;
    let mut s = String::new();
    for t in &tokens[open + 1..] {
        match t {
            Token::Start {
                name, self_closing, ..
            } => {
                if name == "br" || name == "p" {
                    s.push(' ');
                }
                if !*self_closing && !is_void(name) {
                    depth += 1;
                }
            }
            Token::End(_) => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Token::Text(t) => s.push_str(t),
            Token::Comment(_) => {}
        }
    }
    collapse(&decode_entities(&s))
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone)]
struct Attr {
    name: String,
    value: String,
    /// Char range of the value in the page text.
    start: usize,
    end: usize,
}

fn attr<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a Attr> {
    attrs.iter().find(|a| a.name == name)
}

#[derive(Debug)]
enum Token {
    Start {
        name: String,
        attrs: Vec<Attr>,
        self_closing: bool,
    },
    End(String),
    Text(String),
    Comment(String),
}

/// Splits a page into tags, text and comments. Never fails: what does not parse is text.
/// `<script>` and `<style>` contents are skipped (they are not shown).
fn tokenize(s: &str) -> Vec<Token> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let flush = |out: &mut Vec<Token>, from: usize, to: usize| {
        if to > from {
            out.push(Token::Text(s[from..to].to_string()));
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if s[i..].starts_with("<!--") {
            flush(&mut out, text_start, i);
            let end = s[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e);
            out.push(Token::Comment(s[i + 4..end].to_string()));
            i = (end + 3).min(b.len());
            text_start = i;
            continue;
        }
        if s[i..].starts_with("<!") || s[i..].starts_with("<?") {
            flush(&mut out, text_start, i);
            i = s[i..].find('>').map_or(b.len(), |e| i + e + 1);
            text_start = i;
            continue;
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let name_at = i + 1 + usize::from(closing);
        if !b.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1; // a lone "<" in text
            continue;
        }
        flush(&mut out, text_start, i);
        let mut j = name_at;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = s[name_at..j].to_ascii_lowercase();
        let (attrs, self_closing, end) = parse_attrs(s, j);
        i = end;
        text_start = i;
        if closing {
            out.push(Token::End(name));
            continue;
        }
        let raw_text = name == "script" || name == "style";
        out.push(Token::Start {
            name: name.clone(),
            attrs,
            self_closing,
        });
        if raw_text && !self_closing {
            let close = format!("</{name}");
            let lower_rest = s[i..].to_ascii_lowercase();
            let end = lower_rest.find(&close).map_or(b.len(), |e| i + e);
            i = end;
            text_start = i;
        }
    }
    flush(&mut out, text_start, b.len());
    out
}

/// Attributes from `j` (just after the tag name) to the closing `>`.
fn parse_attrs(s: &str, mut j: usize) -> (Vec<Attr>, bool, usize) {
    let b = s.as_bytes();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= b.len() {
            return (attrs, self_closing, j);
        }
        match b[j] {
            b'>' => return (attrs, self_closing, j + 1),
            b'/' => {
                self_closing = true;
                j += 1;
                continue;
            }
            _ => self_closing = false,
        }
        let n0 = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        if j == n0 {
            j += 1; // stray '=' or similar
            continue;
        }
        let name = s[n0..j].to_ascii_lowercase();
        let mut k = j;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        if k < b.len() && b[k] == b'=' {
            k += 1;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            let (start, end, next) = if k < b.len() && (b[k] == b'"' || b[k] == b'\'') {
                let q = b[k];
                let start = k + 1;
                let end = s[start..].find(q as char).map_or(b.len(), |e| start + e);
                (start, end, (end + 1).min(b.len()))
            } else {
                let start = k;
                let mut end = k;
                while end < b.len() && !b[end].is_ascii_whitespace() && b[end] != b'>' {
                    end += 1;
                }
                (start, end, end)
            };
            attrs.push(Attr {
                name,
                value: s[start..end].to_string(),
                start,
                end,
            });
            j = next;
        } else {
            attrs.push(Attr {
                name,
                value: String::new(),
                start: j,
                end: j,
            });
        }
    }
}

/// Character references: numeric ones and the named ones that occur in captions.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .map(|e| e + 1);
        let decoded = end
            .filter(|&e| rest.as_bytes().get(e) == Some(&b';'))
            .and_then(|e| {
                let name = &rest[1..e];
                let c = if let Some(num) = name.strip_prefix('#') {
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok(),
                        None => num.parse().ok(),
                    };
                    v.and_then(char::from_u32)
                } else {
                    named_entity(name)
                };
                c.map(|c| (c, e + 1))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "copy" => '©',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<!-- saved from url=(0038)https://news.example/2025/11/story.html -->
<html><head><title>Story &amp; more
 | News</title><link rel="canonical" href="https://news.example/story"></head>
<body><script>var s = "<img src='nope.png'>";</script>
<figure class="wp-block-image"><img src="./story_files/shot%201.png" alt="Screenshot of a post">
<figcaption>Post by Kirill Dmitriev. <em>Photo:</em> screenshot</figcaption></figure>
<p>Body text that is not a caption.</p>
<div class="media"><div class="wrap"><img src="data:image/png;base64,iVBORw0KGgo=" alt=''></div>
<span class="image-credit">Telegram / @channel</span></div>
<img src="https://cdn.example/remote.png">
<img src="../escape.png"><img src="data:image/svg+xml,%3Csvg%3E">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="lazy_files/later.jpg" alt="lazy">
</body></html>"#;

    #[test]
    fn finds_local_and_data_images_with_captions_title_and_url() {
        let d = tempfile::tempdir().unwrap();
        let page = d.path().join("story.html");
        std::fs::write(&page, PAGE).unwrap();
        let got = index(&page, 1 << 20).unwrap();
        assert_eq!(got.len(), 3, "{got:#?}");
        assert_eq!(got[2].0, d.path().join("lazy_files/later.jpg"));
        assert_eq!(got[2].1.index, 6);
        let (p0, e0) = &got[0];
        assert_eq!(p0, &d.path().join("story_files/shot 1.png"));
        assert_eq!(e0.index, 1);
        assert_eq!(e0.alt.as_deref(), Some("Screenshot of a post"));
        assert_eq!(
            e0.caption.as_deref(),
            Some("Post by Kirill Dmitriev. Photo: screenshot")
        );
        assert_eq!(e0.title.as_deref(), Some("Story & more | News"));
        assert_eq!(
            e0.url.as_deref(),
            Some("https://news.example/2025/11/story.html")
        );
        let (p1, e1) = &got[1];
        assert_eq!(p1, &page);
        assert_eq!(e1.index, 2);
        assert_eq!(e1.alt, None);
        assert_eq!(e1.src, "data:image/png,…");
        assert_eq!(e1.caption.as_deref(), Some("Telegram / @channel"));
        let bytes = read_data_uri(&page, e1.data.unwrap(), 1 << 20).unwrap();
        assert_eq!(bytes, b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn tokenizer_survives_broken_markup() {
        let t = tokenize("a < b <img src=x alt=\"unterminated");
        assert!(matches!(t.last(), Some(Token::Start { name, .. }) if name == "img"));
        assert_eq!(
            decode_entities("&lt;&#x41;&#66;&bogus; & x"),
            "<AB&bogus; & x"
        );
    }

    #[test]
    fn offsets_survive_invalid_utf8_before_a_data_uri() {
        let d = tempfile::tempdir().unwrap();
        let page = d.path().join("p.html");
        let mut b = b"<p>caf\xe9</p><img src=\"data:image/gif;base64,R0lGODlh\">".to_vec();
        b.extend_from_slice(b"\n");
        std::fs::write(&page, &b).unwrap();
        let got = index(&page, 1 << 20).unwrap();
        let bytes = read_data_uri(&page, got[0].1.data.unwrap(), 1 << 20).unwrap();
        assert_eq!(bytes, b"GIF89a");
    }
}
