//! `tenfoot-batch`: renders every example for the listed devices and key scripts into a
//! folder, with an HTML report (a grid of images; differences from a baseline run highlighted).
//!
//! ```text
//! cargo build --examples
//! cargo run -p tenfoot-preview --bin tenfoot-batch -- --out target/batch \
//!     [--devices 1080p,720p] [--keys "Right Right"]... [--baseline target/batch-old] \
//!     [--examples-dir target/debug/examples] [--only hello,gallery]
//! ```
//!
//! Each example runs as its own process with `--screenshot`, so one that crashes shows as a
//! failed cell and the rest of the report still renders.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use tenfoot_testing::golden::count_differences;
use tiny_skia::Pixmap;

struct Args {
    out: PathBuf,
    devices: Vec<String>,
    scripts: Vec<String>,
    baseline: Option<PathBuf>,
    examples_dir: PathBuf,
    sources: PathBuf,
    only: Option<Vec<String>>,
}

const USAGE: &str = "usage: tenfoot-batch --out DIR [--devices 1080p,720p] [--keys SCRIPT]... \
[--baseline DIR] [--examples-dir DIR] [--sources DIR] [--only a,b]";

fn parse() -> Result<Args, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut a = Args {
        out: PathBuf::from("target/batch"),
        devices: vec!["1080p".to_owned()],
        scripts: Vec::new(),
        baseline: None,
        examples_dir: root.join("target/debug/examples"),
        sources: root.join("examples"),
        only: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut v = || it.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--out" => a.out = PathBuf::from(v()?),
            "--devices" => a.devices = v()?.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            "--keys" => a.scripts.push(v()?),
            "--baseline" => a.baseline = Some(PathBuf::from(v()?)),
            "--examples-dir" => a.examples_dir = PathBuf::from(v()?),
            "--sources" => a.sources = PathBuf::from(v()?),
            "--only" => a.only = Some(v()?.split(',').map(|s| s.trim().to_owned()).collect()),
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    for d in &a.devices {
        tenfoot_testing::Device::parse(d)?;
    }
    for s in &a.scripts {
        tenfoot_toolkit::parse_keys(s).map_err(|e| format!("--keys `{s}`: {e}"))?;
    }
    if a.scripts.is_empty() {
        a.scripts.push(String::new());
    }
    Ok(a)
}

/// Example names: the `.rs` files (and folders with `main.rs`) under the sources folder.
fn example_names(sources: &Path) -> Result<Vec<String>, String> {
    let dir = std::fs::read_dir(sources).map_err(|e| format!("cannot list {}: {e}", sources.display()))?;
    let mut names: Vec<String> = dir
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "rs") {
                p.file_stem().map(|s| s.to_string_lossy().into_owned())
            } else if p.join("main.rs").is_file() {
                p.file_name().map(|s| s.to_string_lossy().into_owned())
            } else {
                None
            }
        })
        .collect();
    names.sort();
    Ok(names)
}

fn slug(script: &str) -> String {
    if script.is_empty() {
        return "start".to_owned();
    }
    script.split_whitespace().map(|k| k.to_ascii_lowercase()).collect::<Vec<_>>().join("-")
}

struct Cell {
    image: Option<String>,
    error: Option<String>,
    differs: Option<usize>,
    diff_image: Option<String>,
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn run() -> Result<bool, String> {
    let args = parse()?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let mut names = example_names(&args.sources)?;
    if let Some(only) = &args.only {
        names.retain(|n| only.contains(n));
    }
    let columns: Vec<(String, String)> =
        args.devices.iter().flat_map(|d| args.scripts.iter().map(move |s| (d.clone(), s.clone()))).collect();
    let mut rows = Vec::new();
    let mut all_ok = true;
    for name in &names {
        let exe = args.examples_dir.join(name);
        let mut cells = Vec::new();
        for (device, script) in &columns {
            let file = format!("{name}--{device}--{}.png", slug(script));
            let out = args.out.join(&file);
            let mut cmd = Command::new(&exe);
            cmd.arg("--screenshot").arg(&out).arg("--device").arg(device);
            if !script.is_empty() {
                cmd.arg("--keys").arg(script);
            }
            let cell = match cmd.output() {
                Err(e) => Cell {
                    image: None,
                    error: Some(format!("cannot run {}: {e} (build with `cargo build --examples`)", exe.display())),
                    differs: None,
                    diff_image: None,
                },
                Ok(o) if !o.status.success() => Cell {
                    image: None,
                    error: Some(format!("exit {}: {}", o.status, String::from_utf8_lossy(&o.stderr).trim())),
                    differs: None,
                    diff_image: None,
                },
                Ok(_) => {
                    let mut cell = Cell { image: Some(file.clone()), error: None, differs: None, diff_image: None };
                    if let Some(base) = &args.baseline {
                        if let (Ok(old), Ok(new)) = (Pixmap::load_png(base.join(&file)), Pixmap::load_png(&out)) {
                            if (old.width(), old.height()) == (new.width(), new.height()) {
                                let (n, _) = count_differences(&old, &new, 2);
                                cell.differs = Some(n);
                                if n > 0 {
                                    let diff_file = format!("{name}--{device}--{}.diff.png", slug(script));
                                    if let Some(d) = diff_pixmap(&old, &new) {
                                        if d.save_png(args.out.join(&diff_file)).is_ok() {
                                            cell.diff_image = Some(diff_file);
                                        }
                                    }
                                }
                            } else {
                                cell.differs = Some(usize::MAX);
                            }
                        }
                    }
                    cell
                }
            };
            all_ok &= cell.error.is_none();
            cells.push(cell);
        }
        rows.push((name.clone(), cells));
    }
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><title>tenfoot batch</title><style>\
body{background:#111;color:#ddd;font:14px system-ui;margin:24px}table{border-collapse:collapse}\
td,th{border:1px solid #333;padding:8px;vertical-align:top}img{width:384px;display:block}\
.err{color:#ff7b7b;max-width:384px;white-space:pre-wrap}.diff{outline:4px solid #ff3b3b}\
.same{color:#7bd88f}.changed{color:#ff7b7b;font-weight:bold}.new{color:#e8b44a}a{color:#8ab4ff}</style><h1>tenfoot batch</h1>",
    );
    let _ = write!(html, "<p>{} examples \u{d7} {} columns", rows.len(), columns.len());
    if let Some(b) = &args.baseline {
        let _ = write!(html, ", compared with <code>{}</code>", html_escape(&b.display().to_string()));
    }
    html.push_str("</p><table><tr><th>example</th>");
    for (d, s) in &columns {
        let _ =
            write!(html, "<th>{} \u{b7} {}</th>", html_escape(d), html_escape(if s.is_empty() { "start" } else { s }));
    }
    html.push_str("</tr>");
    for (name, cells) in &rows {
        let _ = write!(html, "<tr><th>{}</th>", html_escape(name));
        for c in cells {
            html.push_str("<td>");
            match (&c.image, &c.error) {
                (Some(img), _) => {
                    let class = if c.differs.is_some_and(|n| n > 0) { " class=diff" } else { "" };
                    let _ = write!(html, "<a href=\"{0}\"><img src=\"{0}\"{class}></a>", html_escape(img));
                    match c.differs {
                        Some(0) => html.push_str("<span class=same>same as baseline</span>"),
                        Some(usize::MAX) => html.push_str("<span class=changed>size changed</span>"),
                        Some(n) => {
                            let _ = write!(html, "<span class=changed>{n} pixels differ</span>");
                            if let Some(d) = &c.diff_image {
                                let _ = write!(html, " <a href=\"{0}\">diff</a>", html_escape(d));
                            }
                        }
                        None if args.baseline.is_some() => html.push_str("<span class=new>new (no baseline)</span>"),
                        None => {}
                    }
                }
                (None, Some(e)) => {
                    let _ = write!(html, "<div class=err>{}</div>", html_escape(e));
                }
                (None, None) => {}
            }
            html.push_str("</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>");
    let index = args.out.join("index.html");
    std::fs::write(&index, html).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    println!("wrote {} ({} examples, {} columns)", index.display(), rows.len(), columns.len());
    Ok(all_ok)
}

fn diff_pixmap(old: &Pixmap, new: &Pixmap) -> Option<Pixmap> {
    let mut out = Pixmap::new(new.width(), new.height())?;
    for ((o, a), b) in
        out.data_mut().chunks_exact_mut(4).zip(old.data().chunks_exact(4)).zip(new.data().chunks_exact(4))
    {
        let d = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
        if d > 2 {
            o.copy_from_slice(&[255, 0, 0, 255]);
        } else {
            let g = ((b[0] as u16 + b[1] as u16 + b[2] as u16) / 9) as u8;
            o.copy_from_slice(&[g, g, g, 255]);
        }
    }
    Some(out)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("tenfoot-batch: some examples failed to render (see the report)");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("tenfoot-batch: {e}");
            ExitCode::FAILURE
        }
    }
}
