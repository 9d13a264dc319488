//! What the process knows about itself, from /proc (Linux): start to main, CPU, peak RSS.

use std::fs;
use std::time::{SystemTime, UNIX_EPOCH};

/// USER_HZ: 100 on every Linux architecture.
const CLOCK_TICKS: f64 = 100.0;

pub fn epoch_seconds() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
}

/// Fields after the command name in /proc/self/stat (the name is in parentheses and may hold spaces).
fn stat_fields() -> Option<Vec<String>> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    Some(rest.split_whitespace().map(String::from).collect())
}

/// Seconds from process start to `epoch_now` (taken on main's first line): from the parent's
/// spawn time in KMLAB_SPAWNED_AT_EPOCH_MS when set, else from the kernel's start tick.
pub fn start_to_main(epoch_now: f64) -> Option<f64> {
    if let Ok(v) = std::env::var("KMLAB_SPAWNED_AT_EPOCH_MS") {
        if let Ok(ms) = v.trim().parse::<i64>() {
            return Some(epoch_now - ms as f64 / 1000.0);
        }
    }
    let start_ticks: f64 = stat_fields()?.get(19)?.parse().ok()?; // field 22, starttime
    let uptime: f64 = fs::read_to_string("/proc/uptime").ok()?.split_whitespace().next()?.parse().ok()?;
    Some(uptime - start_ticks / CLOCK_TICKS)
}

/// User + system CPU time of the whole process (all threads), in seconds; -1 when unknown.
pub fn cpu_seconds() -> f64 {
    let f = match stat_fields() {
        Some(f) => f,
        None => return -1.0,
    };
    // fields 14 and 15, utime and stime, in clock ticks
    match (f.get(11).and_then(|v| v.parse::<f64>().ok()), f.get(12).and_then(|v| v.parse::<f64>().ok())) {
        (Some(u), Some(s)) => (u + s) / CLOCK_TICKS,
        _ => -1.0,
    }
}

/// VmHWM, the exact peak resident set, in bytes; -1 when unknown.
pub fn peak_rss_bytes() -> i64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<i64>().ok())
        })
        .map_or(-1, |kb| kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_plausible() {
        assert!(peak_rss_bytes() > 0);
        assert!(cpu_seconds() >= 0.0);
        let s = start_to_main(epoch_seconds()).unwrap();
        assert!(s >= 0.0 && s < 3600.0, "{s}");
    }
}
