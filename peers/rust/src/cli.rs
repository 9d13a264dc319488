//! The peer contract's command line, parsed by hand:
//!   kmeans-rs INPUT --k-max K --output FILE [--mode sweep|single] [--k-true K]
//!             [--seed S] [--threads T] [--parallel] [--json]

use crate::data::PeerError;
use std::path::Path;

pub const USAGE: &str = "usage: kmeans-rs INPUT --k-max K --output FILE [--mode sweep|single] [--k-true K] \
                         [--seed S] [--threads T] [--parallel] [--json]";

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub input: String,
    pub output: String,
    pub k_max: usize,
    pub sweep: bool,
    pub k_true: Option<usize>,
    /// As a JSON number (the value given) and as the generator's 64-bit state.
    pub seed_text: String,
    pub seed: u64,
    pub threads: usize,
    pub parallel: bool,
    pub json: bool,
}

impl Options {
    pub fn ks(&self) -> Vec<usize> {
        if self.sweep {
            (1..=self.k_max).collect()
        } else {
            vec![self.k_max]
        }
    }
}

fn int(flag: &str, value: &str) -> Result<i64, PeerError> {
    value.parse().map_err(|_| PeerError::usage(format!("{flag}: expected an integer, got '{value}'")))
}

/// `Ok(None)` for --help (usage printed).
pub fn parse(args: &[String]) -> Result<Option<Options>, PeerError> {
    let (mut input, mut output, mut k_max, mut k_true) = (None, None, None, None);
    let (mut sweep, mut seed_text, mut seed, mut threads) = (true, "0".to_string(), 0u64, 1usize);
    let (mut parallel, mut json) = (false, false);
    let mut seen: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            "--json" => {
                json = true;
                continue;
            }
            "--parallel" => {
                parallel = true;
                continue;
            }
            _ => {}
        }
        if arg.starts_with('-') && arg != "-" {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) => (f.to_string(), Some(v.to_string())),
                None => (arg.clone(), None),
            };
            if !["--k-max", "--output", "--mode", "--k-true", "--seed", "--threads"].contains(&flag.as_str()) {
                return Err(PeerError::usage(format!("unknown option '{flag}' ({USAGE})")));
            }
            if seen.contains(&flag) {
                return Err(PeerError::usage(format!("{flag} given twice")));
            }
            seen.push(flag.clone());
            let value = match inline {
                Some(v) => v,
                None => {
                    if i == args.len() {
                        return Err(PeerError::usage(format!("{flag} needs a value")));
                    }
                    i += 1;
                    args[i - 1].clone()
                }
            };
            match flag.as_str() {
                "--k-max" => k_max = Some(int(&flag, &value)?),
                "--output" => output = Some(value),
                "--mode" => {
                    sweep = match value.as_str() {
                        "sweep" => true,
                        "single" => false,
                        _ => return Err(PeerError::usage(format!("--mode must be sweep or single, got '{value}'"))),
                    }
                }
                "--k-true" => k_true = Some(int(&flag, &value)?),
                "--seed" => {
                    (seed, seed_text) = match value.parse::<i64>() {
                        Ok(v) => (v as u64, v.to_string()),
                        Err(_) => match value.parse::<u64>() {
                            Ok(v) => (v, v.to_string()),
                            Err(_) => {
                                return Err(PeerError::usage(format!(
                                    "--seed: expected a 64-bit integer, got '{value}'"
                                )))
                            }
                        },
                    };
                }
                _ => {
                    let t = int(&flag, &value)?;
                    if t < 0 {
                        return Err(PeerError::usage(format!("--threads must be >= 0 (0 = all cores), got {t}")));
                    }
                    threads = t as usize;
                }
            }
            continue;
        }
        if let Some(first) = &input {
            return Err(PeerError::usage(format!("one INPUT expected, got '{first}' and '{arg}'")));
        }
        input = Some(arg.clone());
    }
    let input = input.ok_or_else(|| PeerError::usage(format!("missing INPUT ({USAGE})")))?;
    let k_max = k_max.ok_or_else(|| PeerError::usage("missing --k-max"))?;
    let output = output.ok_or_else(|| PeerError::usage("missing --output"))?;
    if k_max < 1 {
        return Err(PeerError::usage(format!("--k-max must be >= 1, got {k_max}")));
    }
    let k_true = match k_true {
        None => None,
        Some(t) if t < 1 || t > k_max => {
            return Err(PeerError::usage(format!("--k-true must be in 1..k_max ({k_max}), got {t}")))
        }
        Some(t) if !sweep && t != k_max => {
            return Err(PeerError::usage("--mode single fits only k_max, so --k-true must equal it"))
        }
        Some(t) => Some(t as usize),
    };
    let folder = Path::new(&output).parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(PeerError::at(&output, 0, "no such directory for the output"));
    }
    Ok(Some(Options { input, output, k_max: k_max as usize, sweep, k_true, seed_text, seed, threads, parallel, json }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn err(s: &str) -> String {
        parse(&args(s)).unwrap_err().0
    }

    #[test]
    fn defaults_and_flags() {
        let o = parse(&args("in.csv --k-max 4 --output /tmp/o.csv")).unwrap().unwrap();
        assert_eq!((o.k_max, o.sweep, o.k_true, o.seed, o.threads, o.parallel, o.json), (4, true, None, 0, 1, false, false));
        assert_eq!(o.ks(), vec![1, 2, 3, 4]);
        let o = parse(&args("--k-max=3 in.csv --output /tmp/o.csv --mode single --seed -1 --threads 0 --parallel --json"))
            .unwrap()
            .unwrap();
        assert_eq!((o.k_max, o.sweep, o.seed, o.threads, o.parallel, o.json), (3, false, u64::MAX, 0, true, true));
        assert_eq!(o.seed_text, "-1");
        assert_eq!(o.ks(), vec![3]);
        let o = parse(&args("in.csv --k-max 2 --output /tmp/o.csv --seed 007")).unwrap().unwrap();
        assert_eq!((o.seed, o.seed_text.as_str()), (7, "7"));
        let o = parse(&args("in.csv --k-max 2 --output /tmp/o.csv --seed 18446744073709551615")).unwrap().unwrap();
        assert_eq!(o.seed, u64::MAX);
        assert!(err("in.csv --k-max 2 --output /tmp/o.csv --seed 1.5").starts_with("--seed: expected"));
    }

    #[test]
    fn bad_command_lines() {
        assert_eq!(err("in.csv --k-max 0 --output /tmp/o.csv"), "--k-max must be >= 1, got 0");
        assert_eq!(err("in.csv --k-max x --output /tmp/o.csv"), "--k-max: expected an integer, got 'x'");
        assert_eq!(err("in.csv --output /tmp/o.csv"), "missing --k-max");
        assert_eq!(err("in.csv --k-max 2"), "missing --output");
        assert!(err("in.csv --k-max 2 --output /tmp/o.csv --bogus").starts_with("unknown option '--bogus'"));
        assert_eq!(err("in.csv --k-max 2 --output /tmp/o.csv --mode both"), "--mode must be sweep or single, got 'both'");
        assert_eq!(err("in.csv --k-max 2 --output /tmp/o.csv --k-true 3"), "--k-true must be in 1..k_max (2), got 3");
        assert_eq!(err("in.csv --k-max 2 --output /tmp/o.csv --threads -1"), "--threads must be >= 0 (0 = all cores), got -1");
        assert_eq!(err("in.csv --k-max 2 --output /tmp/o.csv --k-max 3"), "--k-max given twice");
        assert_eq!(err("in.csv --k-max 2 --output"), "--output needs a value");
        assert_eq!(err("a.csv b.csv --k-max 2 --output /tmp/o.csv"), "one INPUT expected, got 'a.csv' and 'b.csv'");
        assert_eq!(err("in.csv --k-max 2 --output /nonexistent/o.csv"), "/nonexistent/o.csv: no such directory for the output");
    }
}
