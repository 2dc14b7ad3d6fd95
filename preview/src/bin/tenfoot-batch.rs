//! `tenfoot-batch`: renders every example for the listed devices and key scripts into a
//! folder, with an HTML report (a grid of images; differences from a baseline run highlighted).
//!
//! ```text
//! cargo build --examples
//! cargo run -p tenfoot-preview --bin tenfoot-batch -- --out target/batch \
//!     [--devices 1080p,720p] [--keys "Right Right"]... [--baseline target/batch-old] \
//!     [--examples-dir target/debug/examples] [--only hello,gallery] [--partition hash:1/2]
//! cargo run -p tenfoot-preview --bin tenfoot-batch -- --merge target/shard-1 target/shard-2 \
//!     --out target/batch
//! ```
//!
//! Each example runs as its own process with `--screenshot`, so one that crashes shows as a
//! failed cell and the rest of the report still renders. `--partition hash:K/N` renders only
//! this shard's examples; `--merge` joins shard folders into one report (see
//! `tenfoot_preview::batch`).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use tenfoot_preview::batch::{self, Cell, Partition, Report};
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
    partition: Option<Partition>,
    merge: Vec<PathBuf>,
}

const USAGE: &str = "usage: tenfoot-batch --out DIR [--devices 1080p,720p] [--keys SCRIPT]... \
[--baseline DIR] [--examples-dir DIR] [--sources DIR] [--only a,b] [--partition hash:K/N]
       tenfoot-batch --merge SHARD_DIR... --out DIR";

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
        partition: None,
        merge: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    let mut merging = false;
    while let Some(arg) = it.next() {
        if merging && !arg.starts_with("--") {
            a.merge.push(PathBuf::from(arg));
            continue;
        }
        merging = false;
        let mut v = || it.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--merge" => merging = true,
            "--partition" => a.partition = Some(Partition::parse(&v()?)?),
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

fn run() -> Result<bool, String> {
    let args = parse()?;
    if !args.merge.is_empty() {
        let report = batch::merge(&args.merge, &args.out)?;
        println!(
            "wrote {} ({} examples, {} columns, merged from {} shard folders)",
            args.out.join("index.html").display(),
            report.rows.len(),
            report.columns.len(),
            args.merge.len()
        );
        return Ok(report.failures() == 0);
    }
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let mut names = example_names(&args.sources)?;
    if let Some(only) = &args.only {
        names.retain(|n| only.contains(n));
    }
    if let Some(p) = &args.partition {
        names = names.into_iter().enumerate().filter(|(i, n)| p.keeps(*i, n)).map(|(_, n)| n).collect();
    }
    let columns: Vec<(String, String)> =
        args.devices.iter().flat_map(|d| args.scripts.iter().map(move |s| (d.clone(), s.clone()))).collect();
    let mut report = Report {
        columns: columns.clone(),
        baseline: args.baseline.as_ref().map(|b| b.display().to_string()),
        shards: args.partition.iter().map(Partition::name).collect(),
        ..Report::default()
    };
    let mut all_ok = true;
    for name in &names {
        let exe = args.examples_dir.join(name);
        for (col, (device, script)) in columns.iter().enumerate() {
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
            report.set(name, col, cell);
        }
    }
    let index = report.write(&args.out)?;
    println!("wrote {} ({} examples, {} columns)", index.display(), report.rows.len(), columns.len());
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
