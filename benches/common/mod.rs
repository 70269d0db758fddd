//! What the benches share: the clock.

use std::time::Instant;

/// CPU time of this thread in seconds, from Linux's schedstat; `None` elsewhere. CPU time rather
/// than wall time keeps the figures steady on a machine shared with other work;
/// scripts/bench-keywords.sh times YAKE the same way (`time.process_time`).
pub fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    // Kernels without scheduler statistics report 0.
    if ns == 0 {
        return None;
    }
    Some(ns as f64 / 1e9)
}

/// The clock used: CPU time when available, else wall time.
pub fn now() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    cpu_seconds().unwrap_or_else(|| START.get_or_init(Instant::now).elapsed().as_secs_f64())
}
