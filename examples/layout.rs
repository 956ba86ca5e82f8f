//! Debug aid: prints the layout postocr sees for one image — each line with its box, height,
//! tone and confidence — then the extracted posts. Usage:
//!   OMP_THREAD_LIMIT=1 cargo run --release --example layout -- IMG [LANGS]

use postocr::layout::{self, Tone};
use postocr::posts::{self, NoReread, Page};
use postocr::{load, ocr, prepare};

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("IMG");
    let langs = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "eng+rus+ukr".into());
    let bytes = std::fs::read(&path)?;
    let l = load::load(&bytes, &load::LoadLimits::default())?;
    let p = prepare::prepare(&l.rgb, &prepare::PrepareConfig::default());
    eprintln!(
        "theme {:?} bg {:?} line_px {} scale {:.2}",
        p.theme, p.background, p.line_px, p.scale
    );
    if let Ok(out) = std::env::var("PREPARED_OUT") {
        p.grey.save(out)?;
    }
    let page = ocr::read_page(&p, &langs)?;
    let lay = layout::build(&page, &l.rgb, p.background);
    for line in &lay.lines {
        let tones: String = line
            .words
            .iter()
            .map(|w| match w.tone {
                Tone::Primary => 'P',
                Tone::Grey => 'g',
                Tone::Accent => 'A',
            })
            .collect();
        let pic: Vec<String> = line
            .words
            .iter()
            .map(|w| format!("{:.2}", w.pictorial))
            .collect();
        println!("   pict {}", pic.join(" "));
        println!(
            "k{} y{:5.0} x{:5.0} w{:5.0} h{:4.1} c{:3.0} {:8} {}",
            line.col,
            line.rect.y,
            line.rect.x,
            line.rect.w,
            line.height(),
            line.conf(),
            tones,
            line.text()
        );
    }
    let (platform, posts) = posts::extract(
        &Page {
            layout: &lay,
            rgb: &l.rgb,
            now: None,
        },
        &mut NoReread,
    );
    println!("platform {platform:?}");
    for post in posts {
        println!("{}", serde_json::to_string(&post)?);
    }
    Ok(())
}
