//! kmeans-rs: the writeup's Rust K-Means as a kmlab peer (see peers/README.md).
//! Serial by default; `--parallel --threads N` (0 = all cores) runs the assignment and
//! update steps on one Rayon pool built once for the whole run.

use kmeans_rs::ari::adjusted_rand_index;
use kmeans_rs::cli::{self, Options};
use kmeans_rs::data::{self, PeerError};
use kmeans_rs::json;
use kmeans_rs::kmeans::{self, Fit};
use kmeans_rs::rng::SplitMix64;
use kmeans_rs::stats;
use std::process::ExitCode;
use std::time::Instant;

struct Entry {
    instant: Instant,
    start_to_main: Option<f64>,
}

fn main() -> ExitCode {
    let entry = Entry { instant: Instant::now(), start_to_main: stats::start_to_main(stats::epoch_seconds()) };
    let args: Result<Vec<String>, _> = std::env::args_os().skip(1).map(|a| a.into_string()).collect();
    let result = match args {
        Ok(args) => run(&entry, &args),
        Err(_) => Err(PeerError::usage("arguments must be UTF-8")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kmlab rust: {e}");
            ExitCode::from(2)
        }
    }
}

struct TimedFit {
    k: usize,
    fit: Fit,
    seed_s: f64,
    lloyd_s: f64,
}

fn fit_all(opts: &Options, points: &[data::DataPoint], tol_abs: f64) -> Vec<TimedFit> {
    opts.ks()
        .into_iter()
        .map(|k| {
            let t0 = Instant::now();
            let init = kmeans::kmeans_plus_plus(points, k, &mut SplitMix64::new(opts.seed));
            let t1 = Instant::now();
            let fit = kmeans::lloyd(points, init, tol_abs, kmeans::MAX_ITER, opts.parallel);
            let t2 = Instant::now();
            TimedFit { k, fit, seed_s: (t1 - t0).as_secs_f64(), lloyd_s: (t2 - t1).as_secs_f64() }
        })
        .collect()
}

fn run(entry: &Entry, args: &[String]) -> Result<(), PeerError> {
    let opts = match cli::parse(args)? {
        Some(o) => o,
        None => return Ok(()),
    };
    let pool = if opts.parallel {
        Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(opts.threads)
                .build()
                .map_err(|e| PeerError::usage(format!("cannot start {} threads: {e}", opts.threads)))?,
        )
    } else {
        None
    };
    let threads_used = pool.as_ref().map_or(1, |p| p.current_num_threads());
    let t_setup = Instant::now();

    let ds = data::read_csv(&opts.input)?;
    data::check_k(&ds, opts.k_max, &opts.input)?;
    let t_read = Instant::now();

    let tol_abs = kmeans::tolerance(&ds.points, kmeans::TOL);
    let fits = match &pool {
        Some(pool) => pool.install(|| fit_all(&opts, &ds.points, tol_abs)),
        None => fit_all(&opts, &ds.points, tol_abs),
    };
    let t_fit = Instant::now();

    let names: Vec<String> = fits.iter().map(|f| format!("cluster_k{}", f.k)).collect();
    let columns: Vec<Vec<usize>> = fits.iter().map(|f| f.fit.labels.clone()).collect();
    data::write_output(&opts.input, &opts.output, &names, &columns)?;
    let t_write = Instant::now();

    let k_true = opts.k_true.unwrap_or(opts.k_max);
    let ari = ds.labels.as_ref().and_then(|truth| {
        fits.iter().find(|f| f.k == k_true).map(|f| adjusted_rand_index(truth, &f.fit.labels))
    });
    let secs = |a: Instant, b: Instant| (b - a).as_secs_f64();
    let implementation = if opts.parallel { "rust-parallel" } else { "rust" };
    if opts.json {
        let fits_json: Vec<String> = fits
            .iter()
            .map(|f| {
                format!(
                    "{{\"k\":{},\"iterations\":{},\"converged\":{},\"inertia\":{},\"seed_s\":{},\"lloyd_s\":{}}}",
                    f.k,
                    f.fit.iterations,
                    f.fit.converged,
                    json::number(f.fit.inertia),
                    json::number(f.seed_s),
                    json::number(f.lloyd_s)
                )
            })
            .collect();
        println!(
            "{{\"implementation\":{},\"versions\":{{\"rustc\":{},\"rayon\":{},\"kmeans_rs\":{}}},\
             \"input\":{},\"output\":{},\"n\":{},\"d\":{},\"k_max\":{},\"mode\":{},\"threads\":{},\
             \"threads_used\":{},\"parallel\":{},\"seed\":{},\"k_true\":{},\"ari\":{},\"fits\":[{}],\
             \"phases_s\":{{\"jvm_start_to_main\":{},\"setup\":{},\"read\":{},\"fit\":{},\"write\":{}}},\
             \"cpu_s\":{},\"peak_rss_bytes\":{}}}",
            json::string(implementation),
            json::string(env!("KMEANS_RS_RUSTC")),
            json::string(env!("KMEANS_RS_RAYON")),
            json::string(env!("CARGO_PKG_VERSION")),
            json::string(&opts.input),
            json::string(&opts.output),
            ds.points.len(),
            ds.d,
            opts.k_max,
            json::string(if opts.sweep { "sweep" } else { "single" }),
            opts.threads,
            threads_used,
            opts.parallel,
            opts.seed_text,
            if ds.labels.is_some() { k_true.to_string() } else { "null".to_string() },
            json::opt_number(ari),
            fits_json.join(","),
            json::opt_number(entry.start_to_main),
            json::number(secs(entry.instant, t_setup)),
            json::number(secs(t_setup, t_read)),
            json::number(secs(t_read, t_fit)),
            json::number(secs(t_fit, t_write)),
            json::number(stats::cpu_seconds()),
            stats::peak_rss_bytes()
        );
    } else {
        for f in &fits {
            println!(
                "k={:<3} iterations={:<4} inertia={:.6e}{}",
                f.k,
                f.fit.iterations,
                f.fit.inertia,
                if f.fit.converged { "" } else { " (not converged)" }
            );
        }
        if let Some(a) = ari {
            println!("ARI at k={k_true}: {a:.4}");
        }
        println!(
            "phases (s): read {:.3}, fit {:.3}, write {:.3}; peak RSS {:.1} MB; wrote {}",
            secs(t_setup, t_read),
            secs(t_read, t_fit),
            secs(t_fit, t_write),
            stats::peak_rss_bytes() as f64 / 1e6,
            opts.output
        );
    }
    Ok(())
}
