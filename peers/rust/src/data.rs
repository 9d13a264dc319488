//! CSV in and out. A header row; columns named `id` and `label` (any case) are recognised by
//! name, every other column is a numeric feature; no quoting. Bad input is a `PeerError`
//! naming the file, the line and the problem.

use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

/// One row, in the writeup's boxed layout: an owned id and an owned feature vector.
#[derive(Debug, Clone, PartialEq)]
pub struct DataPoint {
    pub id: String,
    pub features: Vec<f64>,
}

#[derive(Debug)]
pub struct Dataset {
    /// Column names as written in the header.
    pub header: Vec<String>,
    pub points: Vec<DataPoint>,
    /// The ground truth, when the file has a `label` column.
    pub labels: Option<Vec<i64>>,
    pub d: usize,
}

/// Bad input or usage: printed as one line, exit code 2.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerError(pub String);

impl PeerError {
    pub fn usage(problem: impl Into<String>) -> Self {
        PeerError(problem.into())
    }

    /// `file:line: problem`, or `file: problem` when line is 0.
    pub fn at(file: &str, line: usize, problem: impl fmt::Display) -> Self {
        if line > 0 {
            PeerError(format!("{file}:{line}: {problem}"))
        } else {
            PeerError(format!("{file}: {problem}"))
        }
    }
}

impl fmt::Display for PeerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Id,
    Label,
    Feature,
}

fn kind_of(name: &str) -> Kind {
    if name.eq_ignore_ascii_case("id") {
        Kind::Id
    } else if name.eq_ignore_ascii_case("label") {
        Kind::Label
    } else {
        Kind::Feature
    }
}

pub fn read_csv(path: &str) -> Result<Dataset, PeerError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(PeerError::at(path, 0, "no such file")),
        Err(e) => return Err(PeerError::at(path, 0, format!("cannot read: {e}"))),
    };
    if !meta.is_file() {
        return Err(PeerError::at(path, 0, "not a regular file"));
    }
    let bytes = fs::read(path).map_err(|e| PeerError::at(path, 0, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| PeerError::at(path, 0, "not UTF-8 text"))?;
    parse_csv(path, &text)
}

fn shown(cell: &str) -> String {
    if cell.is_empty() {
        "an empty cell".to_string()
    } else if cell.chars().count() > 40 {
        format!("'{}...'", cell.chars().take(40).collect::<String>())
    } else {
        format!("'{cell}'")
    }
}

fn parse_label(cell: &str) -> Option<i64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    cell.parse().ok()
}

/// Parses a whole CSV text; `file` names it in errors.
pub fn parse_csv(file: &str, text: &str) -> Result<Dataset, PeerError> {
    if text.is_empty() {
        return Err(PeerError::at(file, 0, "empty file"));
    }
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    let first = first.strip_suffix('\r').unwrap_or(first);
    let first = first.strip_prefix('\u{feff}').unwrap_or(first);
    if first.contains('"') {
        return Err(PeerError::at(file, 1, "quoted fields are not supported"));
    }
    let mut header = Vec::new();
    let mut seen = HashSet::new();
    for (c, raw) in first.split(',').enumerate() {
        let name = raw.trim();
        if name.is_empty() {
            return Err(PeerError::at(file, 1, format!("header column {} has no name", c + 1)));
        }
        if !seen.insert(name.to_lowercase()) {
            return Err(PeerError::at(file, 1, format!("header names column '{name}' twice")));
        }
        header.push(name.to_string());
    }
    let kinds: Vec<Kind> = header.iter().map(|h| kind_of(h)).collect();
    let d = kinds.iter().filter(|&&k| k == Kind::Feature).count();
    if d == 0 {
        return Err(PeerError::at(file, 1, "no feature columns (only id/label)"));
    }
    let has_id = kinds.contains(&Kind::Id);
    let mut labels = if kinds.contains(&Kind::Label) { Some(Vec::new()) } else { None };
    let mut points = Vec::new();
    let mut blank = 0;
    for (i, raw) in lines.enumerate() {
        let number = i + 2;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.is_empty() {
            if blank == 0 {
                blank = number;
            }
            continue;
        }
        if blank != 0 {
            return Err(PeerError::at(file, blank, "empty line"));
        }
        let found = line.bytes().filter(|&b| b == b',').count() + 1;
        if found != kinds.len() {
            return Err(PeerError::at(file, number, format!("expected {} fields, found {}", kinds.len(), found)));
        }
        if line.contains('"') {
            return Err(PeerError::at(file, number, "quoted fields are not supported"));
        }
        let mut features = Vec::with_capacity(d);
        let mut id = None;
        for (c, cell) in line.split(',').enumerate() {
            match kinds[c] {
                Kind::Feature => match cell.parse::<f64>() {
                    Ok(v) if v.is_finite() => features.push(v),
                    _ => {
                        return Err(PeerError::at(
                            file,
                            number,
                            format!("column {} ({}): {} is not a finite number", c + 1, header[c], shown(cell)),
                        ))
                    }
                },
                Kind::Id => id = Some(cell.to_string()),
                Kind::Label => match parse_label(cell) {
                    Some(v) => labels.as_mut().expect("label column").push(v),
                    None => {
                        return Err(PeerError::at(
                            file,
                            number,
                            format!("column {} ({}): {} is not an integer label", c + 1, header[c], shown(cell)),
                        ))
                    }
                },
            }
        }
        // without an id column every row still owns an id: its row number
        let id = if has_id { id.unwrap_or_default() } else { points.len().to_string() };
        points.push(DataPoint { id, features });
    }
    if points.is_empty() {
        return Err(PeerError::at(file, 0, "no data rows after the header"));
    }
    Ok(Dataset { header, points, labels, d })
}

/// k_max must not exceed the rows, nor the distinct points (as kmlab's own fit checks).
pub fn check_k(ds: &Dataset, k_max: usize, file: &str) -> Result<(), PeerError> {
    if k_max > ds.points.len() {
        return Err(PeerError::at(
            file,
            0,
            format!("k_max = {k_max} exceeds the number of rows ({})", ds.points.len()),
        ));
    }
    let mut distinct: HashSet<Vec<u64>> = HashSet::new();
    for p in &ds.points {
        // + 0.0 turns -0.0 into 0.0
        distinct.insert(p.features.iter().map(|&v| (v + 0.0).to_bits()).collect());
        if distinct.len() >= k_max {
            return Ok(());
        }
    }
    Err(PeerError::at(
        file,
        0,
        format!("k_max = {k_max} exceeds the number of distinct points ({})", distinct.len()),
    ))
}

fn strip_line_end(line: &mut Vec<u8>) {
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
}

/// Writes the input's lines unchanged (re-read as text), each followed by its labels from
/// `columns`, to a temporary file beside `output`, then renames it over `output`.
pub fn write_output(input: &str, output: &str, names: &[String], columns: &[Vec<usize>]) -> Result<(), PeerError> {
    let out_path = Path::new(output);
    let folder = match out_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let base = out_path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = folder.join(format!(".{base}.{}.tmp", std::process::id()));
    let result = write_rows(input, &tmp, names, columns).and_then(|()| fs::rename(&tmp, out_path).map_err(Failure::Out));
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(match e {
                Failure::In(e) => PeerError::at(input, 0, format!("cannot read: {e}")),
                Failure::Out(e) => PeerError::at(output, 0, format!("cannot write: {e}")),
                Failure::Changed => PeerError::at(input, 0, "file changed while it was read"),
            })
        }
    }
}

enum Failure {
    In(io::Error),
    Out(io::Error),
    Changed,
}

fn write_rows(input: &str, tmp: &Path, names: &[String], columns: &[Vec<usize>]) -> Result<(), Failure> {
    let n = columns.first().map_or(0, |c| c.len());
    let most = columns.iter().flat_map(|c| c.iter()).copied().max().unwrap_or(0);
    let text: Vec<String> = (0..=most).map(|v| v.to_string()).collect();
    let mut src = BufReader::with_capacity(1 << 20, File::open(input).map_err(Failure::In)?);
    let file = OpenOptions::new().write(true).create_new(true).open(tmp).map_err(Failure::Out)?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    src.read_until(b'\n', &mut line).map_err(Failure::In)?;
    strip_line_end(&mut line);
    out.write_all(&line).map_err(Failure::Out)?;
    for name in names {
        write!(out, ",{name}").map_err(Failure::Out)?;
    }
    out.write_all(b"\n").map_err(Failure::Out)?;
    let mut row = 0;
    loop {
        line.clear();
        if src.read_until(b'\n', &mut line).map_err(Failure::In)? == 0 {
            break;
        }
        strip_line_end(&mut line);
        if line.is_empty() {
            continue;
        }
        if row == n {
            return Err(Failure::Changed);
        }
        out.write_all(&line).map_err(Failure::Out)?;
        for col in columns {
            out.write_all(b",").map_err(Failure::Out)?;
            out.write_all(text[col[row]].as_bytes()).map_err(Failure::Out)?;
        }
        out.write_all(b"\n").map_err(Failure::Out)?;
        row += 1;
    }
    if row != n {
        return Err(Failure::Changed);
    }
    let file = out.into_inner().map_err(|e| Failure::Out(e.into_error()))?;
    file.sync_all().map_err(Failure::Out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse_csv("f.csv", text) {
            Ok(_) => panic!("accepted {text:?}"),
            Err(e) => e.0,
        }
    }

    #[test]
    fn parses_the_generator_format() {
        let ds = parse_csv("f.csv", "id,x0,x1,label\r\n0,1.5,-2,3\n7,0.25,1e3,1\n\n").unwrap();
        assert_eq!(ds.header, vec!["id", "x0", "x1", "label"]);
        assert_eq!(ds.d, 2);
        assert_eq!(ds.points.len(), 2);
        assert_eq!(ds.points[1].id, "7");
        assert_eq!(ds.points[1].features, vec![0.25, 1000.0]);
        assert_eq!(ds.labels, Some(vec![3, 1]));
    }

    #[test]
    fn without_id_or_label() {
        let ds = parse_csv("f.csv", "a,b\n1,2\n3,4").unwrap();
        assert_eq!(ds.d, 2);
        assert!(ds.labels.is_none());
        assert_eq!(ds.points[1].id, "1");
    }

    #[test]
    fn parser_errors_name_the_line_and_problem() {
        assert_eq!(err(""), "f.csv: empty file");
        assert_eq!(err("id,x0,label\n"), "f.csv: no data rows after the header");
        assert_eq!(err("id,x0,label"), "f.csv: no data rows after the header");
        assert_eq!(err("id,x0,label\n0,1,2\n1,2\n"), "f.csv:3: expected 3 fields, found 2");
        assert_eq!(err("id,x0,label\n0,1,2,9\n"), "f.csv:2: expected 3 fields, found 4");
        assert_eq!(err("id,x0,label\n0,abc,2\n"), "f.csv:2: column 2 (x0): 'abc' is not a finite number");
        assert_eq!(err("id,x0,label\n0,,2\n"), "f.csv:2: column 2 (x0): an empty cell is not a finite number");
        assert_eq!(err("id,x0,label\n0,NaN,2\n"), "f.csv:2: column 2 (x0): 'NaN' is not a finite number");
        assert_eq!(err("id,x0,label\n0,inf,2\n"), "f.csv:2: column 2 (x0): 'inf' is not a finite number");
        assert_eq!(err("id,x0,label\n0,1,2.0\n"), "f.csv:2: column 3 (label): '2.0' is not an integer label");
        assert_eq!(err("id,x0\n0,1\n\n1,2\n"), "f.csv:3: empty line");
        assert_eq!(err("id,label\n0,1\n"), "f.csv:1: no feature columns (only id/label)");
        assert_eq!(err("a,A\n1,2\n"), "f.csv:1: header names column 'A' twice");
        assert_eq!(err("a,,b\n1,2,3\n"), "f.csv:1: header column 2 has no name");
        assert_eq!(err("\"a\",b\n1,2\n"), "f.csv:1: quoted fields are not supported");
    }

    #[test]
    fn k_checks() {
        let ds = parse_csv("f.csv", "x\n1\n1\n-0\n0\n2\n").unwrap();
        assert!(check_k(&ds, 2, "f.csv").is_ok());
        assert!(check_k(&ds, 3, "f.csv").is_ok());
        assert_eq!(check_k(&ds, 4, "f.csv").unwrap_err().0, "f.csv: k_max = 4 exceeds the number of distinct points (3)");
        assert_eq!(check_k(&ds, 6, "f.csv").unwrap_err().0, "f.csv: k_max = 6 exceeds the number of rows (5)");
    }

    #[test]
    fn missing_file() {
        assert_eq!(read_csv("/nonexistent/x.csv").unwrap_err().0, "/nonexistent/x.csv: no such file");
    }
}
