//! Tesseract's line images without the PNG round trip.
//!
//! Before the LSTM reads a text line, Tesseract 5 keeps the line's pixels in an `ImageData`,
//! whose `SetPix` encodes them as PNG (`pixWriteMem(…, IFF_PNG)`) and whose `GetPix` decodes
//! them again a moment later (`pixReadMem`): a format meant for training files on disk, paid
//! for every line of every page in memory. Profiled on the samples that is about a tenth of
//! all CPU (zlib deflate and inflate, libpng's row filters).
//!
//! Tesseract offers no variable for it, so this module supplies `pixWriteMem` itself: the
//! executable's definition comes before Leptonica's in the dynamic linker's search, so
//! Tesseract's call lands here. A PNG request is written in Leptonica's own serialised form
//! (`IFF_SPIX`: a header and the raw pixel rows, a copy), which `pixReadMem` recognises by its
//! header and reads back to the same pixels; every other format goes to Leptonica's function.
//! Lossless both ways, so recognition is unchanged bit for bit.
//!
//! `POSTOCR_PNG_LINES=1` keeps Leptonica's PNG (for A/B measurements).

use std::ffi::{c_int, c_void};
use std::sync::OnceLock;

/// Leptonica's `IFF_PNG` (imageio.h).
const IFF_PNG: c_int = 3;

type WriteMem = unsafe extern "C" fn(*mut *mut u8, *mut usize, *mut c_void, c_int) -> c_int;

unsafe extern "C" {
    /// Leptonica: serialises `pix` as `IFF_SPIX` into a new buffer (freed by the caller, as
    /// for `pixWriteMem`).
    fn pixWriteMemSpix(pdata: *mut *mut u8, psize: *mut usize, pix: *mut c_void) -> c_int;
}

/// Leptonica's own `pixWriteMem`, found past this executable's.
fn leptonica_write_mem() -> Option<WriteMem> {
    static REAL: OnceLock<Option<WriteMem>> = OnceLock::new();
    *REAL.get_or_init(|| {
        // SAFETY: dlsym with RTLD_NEXT and a NUL-terminated name; the symbol, when found, is
        // Leptonica's pixWriteMem, whose signature `WriteMem` matches (allheaders.h).
        let p = unsafe { libc::dlsym(libc::RTLD_NEXT, c"pixWriteMem".as_ptr()) };
        (!p.is_null()).then(|| unsafe { std::mem::transmute::<*mut c_void, WriteMem>(p) })
    })
}

/// PNG stays PNG when `POSTOCR_PNG_LINES` is set.
fn keep_png() -> bool {
    static KEEP: OnceLock<bool> = OnceLock::new();
    *KEEP.get_or_init(|| std::env::var_os("POSTOCR_PNG_LINES").is_some())
}

/// Leptonica's `pixWriteMem`, with PNG written as `IFF_SPIX` (see the module comment).
///
/// # Safety
/// The contract of Leptonica's `pixWriteMem`: valid out-pointers and a valid `PIX`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pixWriteMem(
    pdata: *mut *mut u8,
    psize: *mut usize,
    pix: *mut c_void,
    format: c_int,
) -> c_int {
    if format == IFF_PNG && !keep_png() {
        // SAFETY: forwarded under the caller's contract.
        return unsafe { pixWriteMemSpix(pdata, psize, pix) };
    }
    match leptonica_write_mem() {
        // SAFETY: forwarded under the caller's contract.
        Some(real) => unsafe { real(pdata, psize, pix, format) },
        None => 1, // Leptonica's error return
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe extern "C" {
        fn pixCreate(w: c_int, h: c_int, depth: c_int) -> *mut c_void;
        fn pixSetPixel(pix: *mut c_void, x: c_int, y: c_int, val: u32) -> c_int;
        fn pixGetPixel(pix: *mut c_void, x: c_int, y: c_int, pval: *mut u32) -> c_int;
        fn pixReadMem(data: *const u8, size: usize) -> *mut c_void;
        fn pixDestroy(ppix: *mut *mut c_void);
        fn lept_free(ptr: *mut c_void);
    }

    #[test]
    fn a_line_image_comes_back_pixel_for_pixel() {
        // What Tesseract's ImageData does with a line: write it "as PNG", read it back.
        unsafe {
            let (w, h) = (37, 11);
            let mut pix = pixCreate(w, h, 8);
            for y in 0..h {
                for x in 0..w {
                    pixSetPixel(pix, x, y, ((x * 7 + y * 13) % 256) as u32);
                }
            }
            let (mut data, mut size) = (std::ptr::null_mut::<u8>(), 0usize);
            assert_eq!(pixWriteMem(&mut data, &mut size, pix, IFF_PNG), 0);
            // Written raw (Leptonica's "spix" header), not as PNG, unless asked to keep PNG.
            if !keep_png() {
                assert_eq!(&std::slice::from_raw_parts(data, 4), b"spix");
            }
            let mut back = pixReadMem(data, size);
            assert!(!back.is_null());
            for y in 0..h {
                for x in 0..w {
                    let (mut a, mut b) = (0u32, 0u32);
                    pixGetPixel(pix, x, y, &mut a);
                    pixGetPixel(back, x, y, &mut b);
                    assert_eq!(a, b, "pixel {x},{y}");
                }
            }
            // Other formats still reach Leptonica's writer (PNM: "P5" for grey).
            let (mut pnm, mut pnm_size) = (std::ptr::null_mut::<u8>(), 0usize);
            assert_eq!(pixWriteMem(&mut pnm, &mut pnm_size, pix, 11), 0);
            assert_eq!(&std::slice::from_raw_parts(pnm, 2), b"P5");
            lept_free(data as *mut c_void);
            lept_free(pnm as *mut c_void);
            pixDestroy(&mut pix);
            pixDestroy(&mut back);
        }
    }
}
