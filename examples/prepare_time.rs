//! Times decode and prepare (CPU time of this thread) over images: a developer aid for the
//! prepare stage's cost. `cargo run --release --example prepare_time -- samples/x samples/...`
use std::time::Duration;

use postocr::load::{self, LoadLimits};
use postocr::prepare::{self, PrepareConfig};

fn cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn main() {
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        for e in walkdir::WalkDir::new(a).sort_by_file_name() {
            let e = e.unwrap();
            let p = e.path().to_path_buf();
            if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("png" | "jpg" | "jpeg")
            ) {
                files.push(p);
            }
        }
    }
    let cfg = PrepareConfig::default();
    let (mut dec, mut prep, mut px_in, mut px_out) = (Duration::ZERO, Duration::ZERO, 0u64, 0u64);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let t0 = cpu();
        let l = load::load(&bytes, &LoadLimits::default()).unwrap();
        let t1 = cpu();
        let p = prepare::prepare(&l.rgb, &cfg);
        let t2 = cpu();
        dec += t1 - t0;
        prep += t2 - t1;
        px_in += u64::from(l.rgb.width()) * u64::from(l.rgb.height());
        px_out += u64::from(p.grey.width()) * u64::from(p.grey.height());
    }
    let n = files.len().max(1) as f64;
    println!(
        "{} images: decode {:.1} ms/img, prepare {:.1} ms/img CPU; {:.2} Mpx in, {:.2} Mpx to OCR per image",
        files.len(),
        dec.as_secs_f64() * 1000.0 / n,
        prep.as_secs_f64() * 1000.0 / n,
        px_in as f64 / n / 1e6,
        px_out as f64 / n / 1e6
    );
}
