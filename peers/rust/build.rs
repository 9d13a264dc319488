//! Records the compiler's version and the resolved Rayon version for the JSON summary.
use std::{env, fs, path::Path, process::Command};

fn main() {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.split_whitespace().nth(1).map(String::from))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=KMEANS_RS_RUSTC={version}");

    let dir = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let lock = fs::read_to_string(Path::new(&dir).join("Cargo.lock")).unwrap_or_default();
    let rayon = lock
        .split("[[package]]")
        .find_map(|block| {
            let field = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(key).map(|v| v.trim().trim_matches('"').to_string()))
            };
            if field("name = ")? == "rayon" {
                field("version = ")
            } else {
                None
            }
        })
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=KMEANS_RS_RAYON={rayon}");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build.rs");
}
