//! `tenfoot-batch`'s report, sharding and merging: what a run rendered (one cell per example and
//! column: the PNG, or the error, and the difference from a baseline), written as `index.html`
//! for people and `report.tsv` for the next tool. A suite too big for one machine runs as N
//! shards (`--partition hash:K/N`, the same syntax as `cargo nextest run --partition`), each
//! rendering its share into its own folder; `--merge DIR...` joins their reports (and copies
//! their images) into one folder with one HTML report.
//!
//! Owns: the report's model and its two formats. Must not touch: running examples (the binary
//! does) or pixels (baseline comparison is the binary's).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Which share of the examples a shard renders: `hash:K/N` (by a stable hash of the example's
/// name, so adding an example moves no other) or `count:K/N` (every N-th of the sorted names,
/// starting at the K-th), K counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    pub by_hash: bool,
    pub shard: usize,
    pub of: usize,
}

impl Partition {
    pub fn parse(s: &str) -> Result<Partition, String> {
        let bad = || format!("--partition `{s}`: expected hash:K/N or count:K/N with 1 <= K <= N, such as hash:1/2");
        let (kind, rest) = s.split_once(':').ok_or_else(bad)?;
        let by_hash = match kind {
            "hash" => true,
            "count" => false,
            _ => return Err(bad()),
        };
        let (k, n) = rest.split_once('/').ok_or_else(bad)?;
        let shard: usize = k.trim().parse().map_err(|_| bad())?;
        let of: usize = n.trim().parse().map_err(|_| bad())?;
        if shard == 0 || shard > of {
            return Err(bad());
        }
        Ok(Partition { by_hash, shard, of })
    }

    /// Whether this shard renders the example `name`, the `index`-th of the sorted names.
    pub fn keeps(&self, index: usize, name: &str) -> bool {
        let bucket = if self.by_hash { (fnv1a(name) % self.of as u64) as usize } else { index % self.of };
        bucket == self.shard - 1
    }

    pub fn name(&self) -> String {
        format!("{}:{}/{}", if self.by_hash { "hash" } else { "count" }, self.shard, self.of)
    }
}

/// FNV-1a: stable across runs, machines and Rust versions (std's hasher is not).
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// One example in one column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The PNG's file name in the report's folder.
    pub image: Option<String>,
    pub error: Option<String>,
    /// Pixels that differ from the baseline; `usize::MAX` when the size changed; `None` without
    /// a baseline image.
    pub differs: Option<usize>,
    pub diff_image: Option<String>,
}

/// A column: a device and a key script (empty: the first screen).
pub type Column = (String, String);

/// What one run (or the merge of several shards) rendered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub columns: Vec<Column>,
    /// Examples in name order, each with one cell per column (`None`: not rendered there).
    pub rows: Vec<(String, Vec<Option<Cell>>)>,
    pub baseline: Option<String>,
    /// The partitions this report covers (empty: everything, unsharded).
    pub shards: Vec<String>,
}

const TSV_HEADER: &str = "tenfoot-batch report 1";

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(escape).unwrap_or_default()
}

fn field(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| unescape(s))
}

/// A file name from a report: a plain name inside the report's folder, nothing that climbs out.
fn plain_file(name: &str, file: &str, line: usize) -> Result<String, String> {
    let ok = !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != "..";
    if ok {
        Ok(name.to_owned())
    } else {
        Err(format!("{file}:{line}: `{name}` is not a file name inside the report's folder"))
    }
}

impl Report {
    /// The report as tab-separated lines (`report.tsv`), what `--merge` reads back.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("{TSV_HEADER}\n");
        if let Some(b) = &self.baseline {
            let _ = writeln!(out, "baseline\t{}", escape(b));
        }
        for s in &self.shards {
            let _ = writeln!(out, "shard\t{}", escape(s));
        }
        for (d, s) in &self.columns {
            let _ = writeln!(out, "column\t{}\t{}", escape(d), escape(s));
        }
        for (name, cells) in &self.rows {
            for (i, cell) in cells.iter().enumerate() {
                let Some(c) = cell else { continue };
                let differs = match c.differs {
                    None => String::new(),
                    Some(usize::MAX) => "size".to_owned(),
                    Some(n) => n.to_string(),
                };
                let _ = writeln!(
                    out,
                    "cell\t{}\t{i}\t{}\t{differs}\t{}\t{}",
                    escape(name),
                    opt(&c.image),
                    opt(&c.diff_image),
                    opt(&c.error)
                );
            }
        }
        out
    }

    /// Reads `report.tsv` text; `file` names it in errors.
    pub fn from_tsv(text: &str, file: &str) -> Result<Report, String> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, TSV_HEADER)) => {}
            _ => return Err(format!("{file}:1: not a tenfoot-batch report (expected `{TSV_HEADER}`)")),
        }
        let mut r = Report::default();
        for (i, l) in lines {
            let n = i + 1;
            let f: Vec<&str> = l.split('\t').collect();
            match f.as_slice() {
                [] | [""] => {}
                ["baseline", b] => r.baseline = field(b),
                ["shard", s] => r.shards.push(unescape(s)),
                ["column", d, s] => r.columns.push((unescape(d), unescape(s))),
                ["cell", name, col, image, differs, diff, error] => {
                    let col: usize = col.parse().map_err(|_| format!("{file}:{n}: column `{col}` is not a number"))?;
                    if col >= r.columns.len() {
                        return Err(format!("{file}:{n}: column {col} was not declared"));
                    }
                    let differs = match *differs {
                        "" => None,
                        "size" => Some(usize::MAX),
                        d => Some(d.parse().map_err(|_| format!("{file}:{n}: `{d}` is not a pixel count"))?),
                    };
                    let image = field(image).map(|i| plain_file(&i, file, n)).transpose()?;
                    let diff_image = field(diff).map(|i| plain_file(&i, file, n)).transpose()?;
                    let cell = Cell { image, error: field(error), differs, diff_image };
                    r.set(&unescape(name), col, cell);
                }
                _ => return Err(format!("{file}:{n}: unexpected line `{}`", l.chars().take(60).collect::<String>())),
            }
        }
        Ok(r)
    }

    /// Puts a cell in the row `name` (made, in name order, if new).
    pub fn set(&mut self, name: &str, column: usize, cell: Cell) {
        let width = self.columns.len();
        let at = match self.rows.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
            Ok(i) => i,
            Err(i) => {
                self.rows.insert(i, (name.to_owned(), vec![None; width]));
                i
            }
        };
        let cells = &mut self.rows[at].1;
        cells.resize(width.max(column + 1), None);
        cells[column] = Some(cell);
    }

    /// Cells with an error.
    pub fn failures(&self) -> usize {
        self.rows.iter().flat_map(|(_, c)| c.iter().flatten()).filter(|c| c.error.is_some()).count()
    }

    /// The HTML report: a grid of images, one row per example, one column per device and script.
    pub fn to_html(&self) -> String {
        let mut html = String::from(
            "<!doctype html><meta charset=utf-8><title>tenfoot batch</title><style>\
body{background:#111;color:#ddd;font:14px system-ui;margin:24px}table{border-collapse:collapse}\
td,th{border:1px solid #333;padding:8px;vertical-align:top}img{width:384px;display:block}\
.err{color:#ff7b7b;max-width:384px;white-space:pre-wrap}.diff{outline:4px solid #ff3b3b}\
.same{color:#7bd88f}.changed{color:#ff7b7b;font-weight:bold}.new{color:#e8b44a}a{color:#8ab4ff}</style><h1>tenfoot batch</h1>",
        );
        let _ = write!(html, "<p>{} examples \u{d7} {} columns", self.rows.len(), self.columns.len());
        if let Some(b) = &self.baseline {
            let _ = write!(html, ", compared with <code>{}</code>", html_escape(b));
        }
        if !self.shards.is_empty() {
            let _ = write!(html, ", merged from shards {}", html_escape(&self.shards.join(", ")));
        }
        html.push_str("</p><table><tr><th>example</th>");
        for (d, s) in &self.columns {
            let script = if s.is_empty() { "start" } else { s };
            let _ = write!(html, "<th>{} \u{b7} {}</th>", html_escape(d), html_escape(script));
        }
        html.push_str("</tr>");
        for (name, cells) in &self.rows {
            let _ = write!(html, "<tr><th>{}</th>", html_escape(name));
            for i in 0..self.columns.len() {
                html.push_str("<td>");
                if let Some(c) = cells.get(i).and_then(Option::as_ref) {
                    self.cell_html(&mut html, c);
                }
                html.push_str("</td>");
            }
            html.push_str("</tr>");
        }
        html.push_str("</table>");
        html
    }

    fn cell_html(&self, html: &mut String, c: &Cell) {
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
                    None if self.baseline.is_some() => html.push_str("<span class=new>new (no baseline)</span>"),
                    None => {}
                }
            }
            (None, Some(e)) => {
                let _ = write!(html, "<div class=err>{}</div>", html_escape(e));
            }
            (None, None) => {}
        }
    }

    /// Writes `index.html` and `report.tsv` into `dir`.
    pub fn write(&self, dir: &Path) -> Result<PathBuf, String> {
        let index = dir.join("index.html");
        std::fs::write(&index, self.to_html()).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
        let tsv = dir.join("report.tsv");
        std::fs::write(&tsv, self.to_tsv()).map_err(|e| format!("cannot write {}: {e}", tsv.display()))?;
        Ok(index)
    }
}

pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Joins the reports of shard folders into `out`: columns in order of first appearance, rows in
/// name order, the images copied. An example rendered in two shards (the shards overlap, or the
/// same folder is given twice) is an error naming both, since one of the two would be lost.
pub fn merge(shards: &[PathBuf], out: &Path) -> Result<Report, String> {
    if shards.is_empty() {
        return Err("--merge needs at least one shard folder".to_owned());
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut merged = Report::default();
    let mut from: Vec<(String, usize, PathBuf)> = Vec::new();
    for dir in shards {
        let path = dir.join("report.tsv");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let report = Report::from_tsv(&text, &path.display().to_string())?;
        if merged.baseline.is_none() {
            merged.baseline = report.baseline.clone();
        }
        merged.shards.extend(report.shards.iter().cloned());
        for (name, cells) in &report.rows {
            for (i, cell) in cells.iter().enumerate() {
                let Some(cell) = cell else { continue };
                let column = report.columns[i].clone();
                let col = match merged.columns.iter().position(|c| *c == column) {
                    Some(c) => c,
                    None => {
                        merged.columns.push(column);
                        merged.columns.len() - 1
                    }
                };
                if let Some((_, _, other)) = from.iter().find(|(n, c, _)| n == name && *c == col) {
                    return Err(format!(
                        "`{name}` ({} {}) is in both {} and {}: shards must not overlap",
                        merged.columns[col].0,
                        merged.columns[col].1,
                        other.display(),
                        dir.display()
                    ));
                }
                from.push((name.clone(), col, dir.clone()));
                for file in [&cell.image, &cell.diff_image].into_iter().flatten() {
                    copy_into(&dir.join(file), &out.join(file))?;
                }
                merged.set(name, col, cell.clone());
            }
        }
    }
    for (_, cells) in &mut merged.rows {
        cells.resize(merged.columns.len(), None);
    }
    merged.write(out)?;
    Ok(merged)
}

fn copy_into(src: &Path, dst: &Path) -> Result<(), String> {
    let same = match (src.canonicalize(), dst.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Ok(());
    }
    std::fs::copy(src, dst).map(|_| ()).map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dst.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_cover_every_example_once() {
        let names: Vec<String> = (0..40).map(|i| format!("example_{i}")).collect();
        for kind in ["hash", "count"] {
            let parts: Vec<Partition> =
                (1..=3).filter_map(|k| Partition::parse(&format!("{kind}:{k}/3")).ok()).collect();
            assert_eq!(parts.len(), 3);
            for (i, n) in names.iter().enumerate() {
                assert_eq!(parts.iter().filter(|p| p.keeps(i, n)).count(), 1, "{kind} {n}");
            }
            // Every shard gets some.
            for p in &parts {
                assert!(names.iter().enumerate().any(|(i, n)| p.keeps(i, n)), "{}", p.name());
            }
        }
        assert_eq!(Partition::parse("hash:2/4").map(|p| p.name()), Ok("hash:2/4".to_owned()));
        for bad in ["hash:0/2", "hash:3/2", "hash:1", "slice:1/2", "hash:a/2"] {
            assert!(Partition::parse(bad).unwrap_err().contains("expected hash:K/N"), "{bad}");
        }
    }

    #[test]
    fn the_tsv_round_trips_and_refuses_paths() {
        let mut r = Report {
            columns: vec![("1080p".into(), String::new()), ("720p".into(), "Right Select".into())],
            baseline: Some("target/old".into()),
            shards: vec!["hash:1/2".into()],
            ..Report::default()
        };
        r.set("hello", 0, Cell { image: Some("hello--1080p--start.png".into()), ..Cell::default() });
        r.set("gallery", 1, Cell { error: Some("exit 1:\tpanicked\nat x".into()), ..Cell::default() });
        r.set("hello", 1, Cell { image: Some("h.png".into()), differs: Some(usize::MAX), ..Cell::default() });
        let text = r.to_tsv();
        assert_eq!(Report::from_tsv(&text, "r.tsv"), Ok(r.clone()));
        assert_eq!(r.rows[0].0, "gallery", "rows in name order");
        let evil = text.replace("h.png", "../../etc/passwd");
        assert!(Report::from_tsv(&evil, "r.tsv").unwrap_err().contains("not a file name inside"));
        assert!(Report::from_tsv("nope", "r.tsv").unwrap_err().contains("r.tsv:1: not a tenfoot-batch report"));
        let html = r.to_html();
        assert!(html.contains("panicked") && html.contains("size changed") && html.contains("shards hash:1/2"));
    }
}
