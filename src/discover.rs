//! Stage: discover — command-line paths → ordered list of image paths.
//!
//! Input: the PATH arguments (files, folders, or `-` for a list on stdin). Output: a list of
//! [`Input`]s in a deterministic order: explicit paths in the order given, each folder's images
//! sorted by path. The order never depends on thread count, so output is reproducible.
//!
//! Containers expand in place, in their own order: a WARC file (`.warc`, `.warc.gz`) into its
//! image records, a saved HTML page into the images it shows (see [`crate::source`]). Only their
//! index is kept here (offsets, byte ranges), never image bytes. In folders, a page is taken
//! when it has the `NAME_files` folder a browser saves beside it; the images in that folder are
//! then read through the page (with their captions), not a second time on their own.
//!
//! A file named explicitly is always tried (a bad one becomes an error record). Inside folders,
//! files are kept when their first bytes are an image signature or their name ends in an image
//! extension (a broken `.png` is reported, not skipped); other files are skipped quietly, so a
//! folder of screenshots with `.json` sidecars beside them just works. Problems met
//! while walking (unreadable folders, dangling symlinks, symlink loops) become inputs that fail
//! at the read stage, so they are reported with their path instead of being lost.

use std::ffi::OsString;
use std::fs::File;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crate::source::{Part, html, warc};

/// One thing to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file holding the image: the image file itself, or the WARC file or HTML page it is
    /// inside (see `part`).
    pub path: PathBuf,
    /// Set when discovery already knows the input cannot be read (walk error).
    pub walk_error: Option<String>,
    /// Where inside `path` the image is, when it is not the whole file.
    pub part: Option<Part>,
}

impl Input {
    /// A whole image file.
    pub fn file(path: PathBuf) -> Self {
        Input {
            path,
            walk_error: None,
            part: None,
        }
    }

    fn ok(path: PathBuf) -> Self {
        Self::file(path)
    }

    fn failed(path: PathBuf, message: String) -> Self {
        Input {
            path,
            walk_error: Some(message),
            part: None,
        }
    }
}

/// Largest HTML page read (pages with inline `data:` images can be large).
const MAX_PAGE_BYTES: u64 = 512 << 20;

/// Expands the arguments into inputs. `stdin` is read when an argument is `-`.
pub fn discover(args: &[OsString], stdin: &mut dyn BufRead) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            for path in read_list(stdin) {
                expand(&path, &mut out);
            }
        } else {
            expand(Path::new(arg), &mut out);
        }
    }
    out
}

/// Paths from a list, one per line; lines are bytes, so non-UTF-8 names survive.
fn read_list(stdin: &mut dyn BufRead) -> Vec<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    let mut paths = Vec::new();
    let mut buf = Vec::new();
    while stdin.read_until(b'\n', &mut buf).unwrap_or(0) > 0 {
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if !buf.is_empty() {
            paths.push(PathBuf::from(OsString::from_vec(std::mem::take(&mut buf))));
        }
        buf.clear();
    }
    paths
}

fn expand(path: &Path, out: &mut Vec<Input>) {
    if path.is_dir() {
        walk(path, out);
    } else if warc::is_warc_name(path) {
        expand_warc(path, out);
    } else if html::is_html_name(path) {
        expand_page(path, out);
    } else {
        // Named explicitly: always tried, even when it does not exist (→ read error record).
        out.push(Input::ok(path.to_path_buf()));
    }
}

/// The image records of a WARC file; a file that cannot be indexed (fully) adds an input that
/// fails with the reason, so it is reported and counted.
fn expand_warc(path: &Path, out: &mut Vec<Input>) {
    let found = warc::index(path, &mut |e| {
        out.push(Input {
            path: path.to_path_buf(),
            walk_error: None,
            part: Some(Part::Warc(Box::new(e))),
        })
    });
    if let Err(e) = found {
        let mut input = Input::failed(path.to_path_buf(), e.message);
        if let Some(offset) = e.offset {
            input.part = Some(Part::Warc(Box::new(warc::Entry {
                offset,
                ..Default::default()
            })));
        }
        out.push(input);
    }
}

fn expand_page(path: &Path, out: &mut Vec<Input>) {
    match html::index(path, MAX_PAGE_BYTES) {
        Ok(images) => out.extend(images.into_iter().map(|(file, e)| Input {
            path: file,
            walk_error: None,
            part: Some(Part::Html(Box::new(e))),
        })),
        Err(e) => out.push(Input::failed(path.to_path_buf(), e)),
    }
}

fn walk(root: &Path, out: &mut Vec<Input>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by(|a, b| a.file_name().cmp(b.file_name()));
    // `_files` folders of pages already expanded. "page.html" sorts before "page_files", so a
    // page is always met before its folder.
    let mut page_dirs: Vec<PathBuf> = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.path();
                if warc::is_warc_name(p) {
                    expand_warc(p, out);
                } else if html::is_html_name(p) {
                    if let Some(dir) = html::files_dir(p).filter(|d| d.is_dir()) {
                        expand_page(p, out);
                        page_dirs.push(dir);
                    }
                } else if page_dirs.iter().any(|d| p.starts_with(d)) {
                    // Read through its page, with the page's context.
                } else if looks_like_image(p) {
                    out.push(Input::ok(e.into_path()));
                }
            }
            Ok(_) => {}
            Err(err) => {
                let Some(p) = err.path().map(Path::to_path_buf) else {
                    continue;
                };
                let msg = if err.loop_ancestor().is_some() {
                    "symlink loop".to_string()
                } else {
                    // A link whose target is gone or loops (ELOOP) cannot be sniffed: like any
                    // file we cannot look into, it is worth a record only when it names an image.
                    let unknowable = err.io_error().is_some_and(|e| {
                        e.kind() == std::io::ErrorKind::NotFound
                            || e.raw_os_error() == Some(libc::ELOOP)
                    });
                    if unknowable && !has_image_extension(&p) {
                        continue;
                    }
                    err.io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string())
                };
                out.push(Input::failed(p, msg));
            }
        }
    }
}

/// True when the file starts with the signature of an image format we decode, or is named as
/// an image. A `.png` that holds no image (an HTML error page saved by a scraper, a half-written
/// file) is a broken input the user wants to hear about, not a file to skip like a `.json`.
pub fn looks_like_image(path: &Path) -> bool {
    if has_image_extension(path) {
        return true;
    }
    let mut head = [0u8; 16];
    match File::open(path).and_then(|mut f| f.read(&mut head)) {
        Ok(n) => sniff(&head[..n]).is_some(),
        Err(_) => false,
    }
}

/// Format name from the first bytes, or None.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    let starts = |sig: &[u8]| head.starts_with(sig);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if starts(b"\xff\xd8\xff") {
        Some("jpeg")
    } else if head.len() >= 12 && &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("webp")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some("gif")
    } else if starts(b"BM") {
        Some("bmp")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some("tiff")
    } else {
        None
    }
}

fn has_image_extension(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("png" | "jpg" | "jpeg" | "webp" | "gif" | "bmp" | "tif" | "tiff")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn folders_sorted_explicit_order_kept_non_images_skipped() {
        let d = tempfile::tempdir().unwrap();
        let png = b"\x89PNG\r\n\x1a\nrest-of-file";
        fs::create_dir(d.path().join("sub")).unwrap();
        fs::write(d.path().join("b.png"), png).unwrap();
        fs::write(d.path().join("a.dat"), png).unwrap(); // image by content, odd extension
        fs::write(d.path().join("notes.txt"), b"hello there, not an image").unwrap();
        fs::write(
            d.path().join("broken.png"),
            b"<html>404: named as an image, so reported</html>",
        )
        .unwrap();
        std::os::unix::fs::symlink("gone.json", d.path().join("dangling.json")).unwrap();
        fs::write(d.path().join("sub/c.png"), png).unwrap();
        let lone = d.path().join("explicit.txt");
        fs::write(&lone, b"not an image but named").unwrap();
        let args = vec![
            lone.clone().into_os_string(),
            d.path().as_os_str().to_owned(),
        ];
        let got: Vec<_> = discover(&args, &mut std::io::empty())
            .into_iter()
            .map(|i| i.path.strip_prefix(d.path()).unwrap().to_path_buf())
            .collect();
        let want: Vec<PathBuf> = ["explicit.txt", "a.dat", "b.png", "broken.png", "sub/c.png"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn stdin_list_keeps_non_utf8_names() {
        use std::os::unix::ffi::OsStrExt;
        let list = b"one.png\r\n\nt\xffo.png\n".to_vec();
        let got = discover(&["-".into()], &mut std::io::Cursor::new(list));
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].path.as_os_str().as_bytes(), b"t\xffo.png");
    }

    #[test]
    fn sniff_knows_the_signatures() {
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(sniff(b"GIF89a.."), Some("gif"));
        assert_eq!(sniff(b"%PDF-1.4"), None);
    }
}
