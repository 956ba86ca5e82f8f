//! WARC input (ISO 28500: `.warc`, `.warc.gz`) → the image records inside.
//!
//! Input: a WARC file as crawlers and Wayback tooling write it. Output: at discovery, one
//! [`Entry`] per image `response` or `resource` record — where the record starts, its target
//! URI, date and ID, never its payload; at processing, one record's payload bytes
//! ([`read_payload`]), read by seeking to the record. Nothing is unpacked to disk and memory
//! stays flat whatever the file size: indexing streams through the file once, and each worker
//! holds only the image it is working on.
//!
//! Why our own parser rather than the `warc` crate (0.4): the pipeline pulls inputs by index
//! from several workers, so it needs each record's offset — of its gzip member in a `.warc.gz`
//! — to read it again later, the way CDX indexes do; that crate reads a stream and exposes no
//! offsets (its gzip reader hides member boundaries), insists on CRLF line ends, and pulls in an
//! old `uuid` and `nom`. The format is small: a version line, `Name: value` headers, a
//! `Content-Length` block, and two CRLFs; `flate2` (already a dependency of `image`) does the
//! gzip members.
//!
//! Accepted leniently, as real files need: LF line ends, folded header lines, any header case,
//! `<…>` around target URIs (WARC 1.0 writers), chunked HTTP bodies and gzip/deflate
//! `Content-Encoding`, single-stream `.warc.gz` files (one gzip member for many records).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use flate2::bufread::{GzDecoder, MultiGzDecoder};

/// One image record, as found by [`index`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// Byte offset in the file where the record starts (`.warc`) or where the gzip member that
    /// holds its start begins (`.warc.gz`).
    pub offset: u64,
    /// Uncompressed bytes between the start of that gzip member and the record: 0 in the usual
    /// one-member-per-record `.warc.gz`, more in a single-stream one.
    pub skip: u64,
    pub gzip: bool,
    pub record_id: Option<String>,
    pub uri: Option<String>,
    pub date: Option<String>,
    /// Media type of the payload (HTTP `Content-Type` of a response, the record's own
    /// `Content-Type` for a resource).
    pub content_type: Option<String>,
}

/// Why a WARC file could not be (fully) indexed; `offset` is where the trouble starts.
#[derive(Debug)]
pub struct IndexError {
    pub offset: Option<u64>,
    pub message: String,
}

/// True for names a WARC file has: `.warc`, `.warc.gz` (any case).
pub fn is_warc_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase());
    matches!(name, Some(n) if n.ends_with(".warc") || n.ends_with(".warc.gz"))
}

const MAX_HEAD: usize = 256 << 10;
/// Bytes of the payload read at indexing time to recognise an image by its signature.
const SNIFF: usize = 32;

/// Streams through the WARC file at `path` and calls `found` for each image record, in file
/// order. Records found before a malformed one are kept: the error says where it starts.
pub fn index(path: &Path, found: &mut dyn FnMut(Entry)) -> Result<(), IndexError> {
    let err = |offset, message: String| IndexError { offset, message };
    let mut file = File::open(path).map_err(|e| err(None, e.to_string()))?;
    let mut magic = [0u8; 2];
    let n = file
        .read(&mut magic)
        .map_err(|e| err(None, e.to_string()))?;
    file.seek(SeekFrom::Start(0))
        .map_err(|e| err(None, e.to_string()))?;
    let gzip = n == 2 && magic == [0x1f, 0x8b];
    let mut stream = if gzip {
        Stream::Gzip(BufReader::with_capacity(64 << 10, Members::new(file)))
    } else {
        Stream::Plain(Counting::new(BufReader::with_capacity(64 << 10, file)))
    };
    let mut first = true;
    loop {
        let at = stream.position();
        match skip_blank_lines(stream.reader()) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => return Err(err(Some(at.0), e.to_string())),
        }
        let (offset, skip) = stream.position();
        let head = match read_head(stream.reader()) {
            Ok(Some(h)) => h,
            Ok(None) => return Ok(()),
            Err(e) if first => return Err(err(None, format!("not a WARC file: {e}"))),
            Err(e) => return Err(err(Some(offset), format!("malformed record: {e}"))),
        };
        first = false;
        let mut block = stream.reader().take(head.length);
        let kind = head
            .get("warc-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let found_image = match kind.as_str() {
            "response" | "resource" => image_in_block(&head, &kind, &mut block)
                .map_err(|e| err(Some(offset), format!("reading record: {e}")))?,
            _ => None,
        };
        // Skip the rest of the block; the two CRLFs after it are blank lines skipped above.
        let left = block.limit();
        stream
            .skip(left)
            .map_err(|e| err(Some(offset), format!("record block: {e}")))?;
        if let Some(content_type) = found_image {
            found(Entry {
                offset,
                skip,
                gzip,
                record_id: head.get("warc-record-id").map(str::to_string),
                uri: head
                    .get("warc-target-uri")
                    .map(|u| u.trim_matches(['<', '>']).to_string()),
                date: head.get("warc-date").map(str::to_string),
                content_type,
            });
        }
    }
}

/// Looks at the start of a response/resource block: `Some(content type)` when it holds an image
/// we decode (by media type or by signature), `None` otherwise.
fn image_in_block(
    head: &Head,
    kind: &str,
    block: &mut io::Take<&mut dyn BufRead>,
) -> io::Result<Option<Option<String>>> {
    let (content_type, chunked) = if kind == "response" {
        let warc_type = head
            .get("content-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !warc_type.starts_with("application/http") {
            return Ok(None);
        }
        let Some(http) = read_http_head(block)? else {
            return Ok(None);
        };
        // Only a successful answer carries the image itself (not an error page, not a 304).
        if !(200..300).contains(&http.status) {
            return Ok(None);
        }
        (http.content_type, http.chunked)
    } else {
        (head.get("content-type").map(str::to_string), false)
    };
    let mut sniff = Vec::with_capacity(SNIFF + 16);
    block.take((SNIFF + 16) as u64).read_to_end(&mut sniff)?;
    let body = if chunked {
        // Look past the first chunk-size line.
        sniff
            .iter()
            .position(|&b| b == b'\n')
            .map_or(&sniff[..0], |i| &sniff[i + 1..])
    } else {
        &sniff[..]
    };
    let by_bytes = crate::discover::sniff(body).is_some();
    let by_type = content_type.as_deref().is_some_and(is_decodable_image_type);
    Ok((by_bytes || by_type).then_some(content_type))
}

/// Image media types we decode. SVG and icons are images too, but not screenshots we can read.
fn is_decodable_image_type(t: &str) -> bool {
    let t = t
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(
        t.as_str(),
        "image/png"
            | "image/jpeg"
            | "image/jpg"
            | "image/pjpeg"
            | "image/webp"
            | "image/gif"
            | "image/bmp"
            | "image/tiff"
    )
}

/// Reads the payload of the record described by `e` from the WARC file at `path`.
pub fn read_payload(path: &Path, e: &Entry, max: u64) -> Result<Vec<u8>, String> {
    if e.gzip && e.skip > 0 {
        return read_deep(path, e, max);
    }
    let mut file = File::open(path).map_err(|e| e.to_string())?;
    file.seek(SeekFrom::Start(e.offset))
        .map_err(|e| e.to_string())?;
    let mut r: Box<dyn BufRead> = if e.gzip {
        Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(file))))
    } else {
        Box::new(BufReader::new(file))
    };
    read_record(&mut r, e, max)
}

/// A single-stream `.warc.gz` decoder left open by the last record this thread read, at
/// `pos` uncompressed bytes into the member that starts at `offset`.
struct OpenStream {
    path: std::path::PathBuf,
    offset: u64,
    reader: Counting<BufReader<MultiGzDecoder<BufReader<File>>>>,
}

thread_local! {
    static OPEN: std::cell::RefCell<Option<OpenStream>> = const { std::cell::RefCell::new(None) };
}

/// A record deep inside a gzip member (a single-stream `.warc.gz`). Re-inflating from the
/// member's start for every image would cost the square of the file size; workers take images
/// in file order, so each thread keeps its decoder open and goes on from where it stopped.
fn read_deep(path: &Path, e: &Entry, max: u64) -> Result<Vec<u8>, String> {
    let cached = OPEN.with(|o| o.borrow_mut().take());
    let mut open = match cached {
        Some(o) if o.path == path && o.offset == e.offset && o.reader.pos <= e.skip => o,
        _ => {
            let mut file = File::open(path).map_err(|e| e.to_string())?;
            file.seek(SeekFrom::Start(e.offset))
                .map_err(|e| e.to_string())?;
            let reader = Counting::new(BufReader::new(MultiGzDecoder::new(BufReader::new(file))));
            OpenStream {
                path: path.to_path_buf(),
                offset: e.offset,
                reader,
            }
        }
    };
    let gap = e.skip - open.reader.pos;
    let skipped =
        io::copy(&mut (&mut open.reader).take(gap), &mut io::sink()).map_err(|e| e.to_string())?;
    if skipped < gap {
        return Err(format!(
            "no WARC record at offset {} (file shorter than indexed)",
            e.offset
        ));
    }
    let out = read_record(&mut open.reader, e, max);
    if out.is_ok() {
        OPEN.with(|o| *o.borrow_mut() = Some(open));
    }
    out
}

/// Reads the record starting at `r` (blank lines before it allowed) and returns its payload.
fn read_record(mut r: &mut dyn BufRead, e: &Entry, max: u64) -> Result<Vec<u8>, String> {
    skip_blank_lines(&mut r).map_err(|e| e.to_string())?;
    let head = read_head(&mut r)
        .map_err(|err| format!("no WARC record at offset {}: {err}", e.offset))?
        .ok_or_else(|| {
            format!(
                "no WARC record at offset {} (file shorter than indexed)",
                e.offset
            )
        })?;
    if head.get("warc-record-id") != e.record_id.as_deref() {
        return Err(format!(
            "the WARC file changed since it was indexed (offset {})",
            e.offset
        ));
    }
    let len = head.length;
    let mut block = (&mut r as &mut dyn BufRead).take(len);
    let is_response = head
        .get("warc-type")
        .is_some_and(|t| t.eq_ignore_ascii_case("response"));
    if !is_response {
        let body = super::read_capped(&mut block, max, "record payload")?;
        if block.limit() > 0 {
            return Err("record is shorter than its Content-Length (truncated file?)".into());
        }
        return Ok(body);
    }
    let http = read_http_head(&mut block)
        .map_err(|e| e.to_string())?
        .ok_or("response record without an HTTP header")?;
    let raw = super::read_capped(&mut block, max, "record payload")?;
    if block.limit() > 0 {
        return Err("record is shorter than its Content-Length (truncated file?)".into());
    }
    Ok(decode_body(raw, &http, max))
}

/// Undoes the HTTP transfer and content encodings, when the bytes are not already an image:
/// some crawlers store bodies de-chunked but keep the `Transfer-Encoding` header.
fn decode_body(raw: Vec<u8>, http: &HttpHead, max: u64) -> Vec<u8> {
    let is_image = |b: &[u8]| crate::discover::sniff(b).is_some();
    let mut body = raw;
    if http.chunked && !is_image(&body) {
        if let Some(d) = dechunk(&body) {
            body = d;
        }
    }
    if !is_image(&body) {
        let enc = http
            .content_encoding
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        let decoded = match enc.trim() {
            "gzip" | "x-gzip" => {
                super::read_capped(&mut MultiGzDecoder::new(&body[..]), max, "gzip body").ok()
            }
            "deflate" => super::read_capped(
                &mut flate2::bufread::ZlibDecoder::new(&body[..]),
                max,
                "deflate body",
            )
            .ok()
            .or_else(|| {
                super::read_capped(
                    &mut flate2::bufread::DeflateDecoder::new(&body[..]),
                    max,
                    "deflate body",
                )
                .ok()
            }),
            _ => None,
        };
        if let Some(d) = decoded {
            body = d;
        }
    }
    body
}

/// HTTP/1.1 chunked transfer coding → bytes; None when the body is not chunked after all.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = b.iter().position(|&c| c == b'\n')?;
        let line = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size_hex = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if b.len() < size {
            // A truncated last chunk: keep what is there, decoding will say what is wrong.
            out.extend_from_slice(b);
            return Some(out);
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
    }
}

/// A record's header: fields in order, and the block length.
#[derive(Debug)]
struct Head {
    fields: Vec<(String, String)>,
    length: u64,
}

impl Head {
    /// First value of a field, by case-insensitive name.
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Consumes CR/LF bytes; false at end of input.
fn skip_blank_lines(r: &mut dyn BufRead) -> io::Result<bool> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let n = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let all = n == buf.len();
        r.consume(n);
        if !all {
            return Ok(true);
        }
    }
}

/// One header line without its line end; None at end of input.
fn read_line(r: &mut dyn BufRead, budget: &mut usize) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let n = r.take(*budget as u64 + 1).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    if n > *budget {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "header too long",
        ));
    }
    *budget -= n;
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    Ok(Some(line))
}

/// `Name: value` lines up to an empty line, folding continuation lines into the value before.
fn read_fields(r: &mut dyn BufRead, budget: &mut usize) -> io::Result<Vec<(String, String)>> {
    let mut fields: Vec<(String, String)> = Vec::new();
    loop {
        let Some(line) = read_line(r, budget)? else {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "header not terminated",
            ));
        };
        if line.is_empty() {
            return Ok(fields);
        }
        let line = String::from_utf8_lossy(&line);
        if line.starts_with([' ', '\t']) {
            if let Some(last) = fields.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("header line without a colon: {line:.80}"),
            ));
        };
        fields.push((name.trim().to_string(), value.trim().to_string()));
    }
}

/// The version line and header of a WARC record; None at end of input.
fn read_head(r: &mut dyn BufRead) -> io::Result<Option<Head>> {
    let mut budget = MAX_HEAD;
    let Some(version) = read_line(r, &mut budget)? else {
        return Ok(None);
    };
    if !version.starts_with(b"WARC/") {
        let shown = String::from_utf8_lossy(&version[..version.len().min(40)]).into_owned();
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("expected a WARC/1.x line, found {shown:?}"),
        ));
    }
    let fields = read_fields(r, &mut budget)?;
    let length = fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "record without a valid Content-Length",
            )
        })?;
    Ok(Some(Head { fields, length }))
}

#[derive(Debug)]
struct HttpHead {
    status: u16,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
}

/// The status line and header of an HTTP response; None when the block is not one.
fn read_http_head(r: &mut dyn BufRead) -> io::Result<Option<HttpHead>> {
    let mut budget = MAX_HEAD;
    let Some(status_line) = read_line(r, &mut budget)? else {
        return Ok(None);
    };
    let status_line = String::from_utf8_lossy(&status_line);
    let mut parts = status_line.split_whitespace();
    if !parts.next().is_some_and(|p| p.starts_with("HTTP/")) {
        return Ok(None);
    }
    let Some(status) = parts.next().and_then(|s| s.parse().ok()) else {
        return Ok(None);
    };
    let fields = read_fields(r, &mut budget)?;
    let get = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    Ok(Some(HttpHead {
        status,
        content_type: get("content-type"),
        content_encoding: get("content-encoding"),
        chunked: get("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked")),
    }))
}

/// Counts the bytes consumed through it, so the position of the next unread byte is known.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R> Counting<R> {
    fn new(inner: R) -> Self {
        Counting { inner, pos: 0 }
    }
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.pos += n as u64;
    }
}

/// The decompressed bytes of a `.warc.gz`, member after member, remembering where in the file
/// each member starts and at which decompressed position, so a record's start can be named as
/// (member offset, bytes into the member).
struct Members {
    /// The current member's decoder; its inner reader counts compressed bytes consumed.
    dec: Option<GzDecoder<Counting<BufReader<File>>>>,
    /// Decompressed bytes produced so far.
    out: u64,
    /// (decompressed position, file offset) of recent member starts, oldest first.
    starts: Vec<(u64, u64)>,
}

impl Members {
    fn new(file: File) -> Self {
        let inner = Counting::new(BufReader::with_capacity(64 << 10, file));
        Members {
            dec: Some(GzDecoder::new(inner)),
            out: 0,
            starts: vec![(0, 0)],
        }
    }

    /// Maps a decompressed position to (member offset in the file, bytes into that member),
    /// and forgets members that start before it (positions only grow).
    fn locate(&mut self, pos: u64) -> (u64, u64) {
        let i = self
            .starts
            .iter()
            .rposition(|&(o, _)| o <= pos)
            .unwrap_or(0);
        self.starts.drain(..i);
        let (o, off) = self.starts[0];
        (off, pos - o)
    }
}

impl Read for Members {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(dec) = self.dec.as_mut() else {
                return Ok(0);
            };
            let n = dec.read(buf)?;
            if n > 0 || buf.is_empty() {
                self.out += n as u64;
                return Ok(n);
            }
            // This member is done; another may follow.
            let mut inner = self.dec.take().expect("decoder").into_inner();
            if inner.fill_buf()?.is_empty() {
                return Ok(0);
            }
            self.starts.push((self.out, inner.pos));
            self.dec = Some(GzDecoder::new(inner));
        }
    }
}

enum Stream {
    Plain(Counting<BufReader<File>>),
    Gzip(BufReader<Members>),
}

impl Stream {
    fn reader(&mut self) -> &mut dyn BufRead {
        match self {
            Stream::Plain(r) => r,
            Stream::Gzip(r) => r,
        }
    }

    /// (offset, skip) of the next unread byte, as an [`Entry`] names a record start.
    fn position(&mut self) -> (u64, u64) {
        match self {
            Stream::Plain(r) => (r.pos, 0),
            Stream::Gzip(r) => {
                let pos = r.get_ref().out - r.buffer().len() as u64;
                r.get_mut().locate(pos)
            }
        }
    }

    /// Skips `n` bytes: a seek in a plain file, decompression in a gzip one.
    fn skip(&mut self, n: u64) -> io::Result<()> {
        match self {
            Stream::Plain(r) => {
                let buffered = r.inner.buffer().len() as u64;
                if n <= buffered {
                    r.consume(n as usize);
                } else {
                    // Relative to the logical position (BufReader accounts for its buffer).
                    r.inner.seek_relative(n as i64)?;
                    r.pos += n;
                    let len = r.inner.get_ref().metadata()?.len();
                    if r.pos > len {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "file ends inside the record",
                        ));
                    }
                }
                Ok(())
            }
            Stream::Gzip(r) => {
                let copied = io::copy(&mut r.take(n), &mut io::sink())?;
                if copied < n {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "file ends inside the record",
                    ));
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Date: 2025-11-26T15:02:00Z\r\n\
             WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(ct: &str, extra: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\n{extra}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n0123456789abcdefghij";

    fn sample() -> Vec<Vec<u8>> {
        let chunked = {
            let mut b = b"5\r\n".to_vec();
            b.extend_from_slice(&PNG[..5]);
            b.extend_from_slice(format!("\r\n{:x}\r\n", PNG.len() - 5).as_bytes());
            b.extend_from_slice(&PNG[5..]);
            b.extend_from_slice(b"\r\n0\r\n\r\n");
            b
        };
        vec![
            record(
                "warcinfo",
                "info",
                "application/warc-fields",
                b"software: test\r\n",
            ),
            record(
                "response",
                "http://a/page.html",
                "application/http; msgtype=response",
                &http("text/html", "", b"<html></html>"),
            ),
            record(
                "response",
                "http://a/shot.png",
                "application/http; msgtype=response",
                &http("image/png", "", PNG),
            ),
            record(
                "request",
                "http://a/shot.png",
                "application/http; msgtype=request",
                b"GET /shot.png HTTP/1.1\r\n\r\n",
            ),
            record("resource", "file:///b.png", "image/png", PNG),
            record(
                "response",
                "http://a/c.png",
                "application/http; msgtype=response",
                &http("image/png", "Transfer-Encoding: chunked\r\n", &chunked),
            ),
            record(
                "response",
                "http://a/logo.svg",
                "application/http; msgtype=response",
                &http("image/svg+xml", "", b"<svg/>"),
            ),
        ]
    }

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    fn check(name: &str, bytes: Vec<u8>) {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let mut got = vec![];
        index(&p, &mut |e| got.push(e)).unwrap();
        let uris: Vec<_> = got.iter().map(|e| e.uri.clone().unwrap()).collect();
        assert_eq!(
            uris,
            ["http://a/shot.png", "file:///b.png", "http://a/c.png"],
            "{name}"
        );
        for e in &got {
            assert_eq!(read_payload(&p, e, 1 << 20).unwrap(), PNG, "{name} {e:?}");
        }
        assert_eq!(got[0].content_type.as_deref(), Some("image/png"));
        assert_eq!(got[0].date.as_deref(), Some("2025-11-26T15:02:00Z"));
    }

    #[test]
    fn plain_member_per_record_and_single_stream_files_index_the_same_images() {
        let recs = sample();
        check("a.warc", recs.concat());
        check(
            "b.warc.gz",
            recs.iter().map(|r| gz(r)).collect::<Vec<_>>().concat(),
        );
        check("c.warc.gz", gz(&recs.concat()));
    }

    #[test]
    fn records_larger_than_the_read_buffer_are_skipped_exactly() {
        let big = vec![b'x'; 300_000];
        let mut recs = vec![record(
            "resource",
            "http://a/big.bin",
            "application/octet-stream",
            &big,
        )];
        recs.extend(sample());
        recs.push(record(
            "resource",
            "http://a/big2.bin",
            "application/octet-stream",
            &big,
        ));
        recs.push(record("resource", "file:///last.png", "image/png", PNG));
        for (name, bytes) in [
            ("big.warc", recs.concat()),
            (
                "big.warc.gz",
                recs.iter().map(|r| gz(r)).collect::<Vec<_>>().concat(),
            ),
        ] {
            let d = tempfile::tempdir().unwrap();
            let p = d.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            let mut got = vec![];
            index(&p, &mut |e| got.push(e)).unwrap();
            assert_eq!(got.len(), 4, "{name}");
            for e in &got {
                assert_eq!(read_payload(&p, e, 1 << 20).unwrap(), PNG, "{name} {e:?}");
            }
        }
    }

    #[test]
    fn single_stream_records_read_in_any_order() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("one.warc.gz");
        let mut recs = sample();
        recs.extend(sample());
        std::fs::write(&p, gz(&recs.concat())).unwrap();
        let mut got = vec![];
        index(&p, &mut |e| got.push(e)).unwrap();
        assert_eq!(got.len(), 6);
        assert!(got.iter().skip(1).all(|e| e.skip > 0 && e.offset == 0));
        // Backwards (each a fresh decoder), then forwards (one decoder going on), then a repeat.
        for e in got.iter().rev().chain(&got).chain(&got[2..3]) {
            assert_eq!(read_payload(&p, e, 1 << 20).unwrap(), PNG, "{e:?}");
        }
    }

    #[test]
    fn lf_headers_and_folded_lines_parse() {
        let raw = b"WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: <http://x/y.png>\nX-Long: a\n  b\nContent-Type: image/png\nContent-Length: 4\n\nabcd\n\n";
        let h = read_head(&mut &raw[..]).unwrap().unwrap();
        assert_eq!(h.get("x-long"), Some("a b"));
        assert_eq!(h.length, 4);
    }

    #[test]
    fn offsets_are_member_starts() {
        let recs = sample();
        let members: Vec<_> = recs.iter().map(|r| gz(r)).collect();
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.warc.gz");
        std::fs::write(&p, members.concat()).unwrap();
        let mut got = vec![];
        index(&p, &mut |e| got.push(e)).unwrap();
        let start_of = |i: usize| members[..i].iter().map(Vec::len).sum::<usize>() as u64;
        assert_eq!(got[0].offset, start_of(2));
        assert_eq!(got[0].skip, 0);
        assert_eq!(got[2].offset, start_of(5));
    }

    #[test]
    fn not_a_warc_and_truncated_files_are_errors_with_offsets() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.warc");
        std::fs::write(&p, b"hello, I am a text file\n").unwrap();
        let e = index(&p, &mut |_| {}).unwrap_err();
        assert!(e.message.contains("not a WARC file"), "{}", e.message);
        let mut recs = sample().concat();
        recs.truncate(recs.len() - 30);
        std::fs::write(&p, recs).unwrap();
        let mut n = 0;
        let e = index(&p, &mut |_| n += 1).unwrap_err();
        assert_eq!(n, 3, "images before the damage are kept");
        assert!(e.offset.is_some());
    }

    #[test]
    fn dechunk_handles_extensions_and_rejects_non_chunked() {
        assert_eq!(dechunk(b"3;x=y\r\nabc\r\n0\r\n\r\n").unwrap(), b"abc");
        assert!(dechunk(b"\x89PNG not chunked").is_none());
    }
}
