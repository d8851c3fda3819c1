//! The native benchmark runner: times every case and the baseline (best of `--runs`, wall clock, one thread) and
//! prints tab-separated lines that `cargo xtask bench` turns into BENCHMARKS.md; `soak SECONDS` runs the soak
//! instead. A counting global allocator reports live heap bytes, so the soak can show memory stays flat.
//!
//! Output lines (same format as `run-wasm.mjs`, which has no name):
//! `case <index> <name> <requests> <events> <wall_s> <trace hash>`, `baseline <requests> <events> <wall_s>`,
//! `soak <sim_s> <requests> <heap_bytes>`, `sweep <runs> <events> <wall_s> <knee_per_s>`.
//!
//! Usage: `scalelab-bench [--quick | --divisor D] [--runs N] [--baseline-seconds S] [--case I | --baseline-only |
//! --sweep-only]`,
//! or `scalelab-bench soak SECONDS`. `--divisor D` runs each case for its span / D (`--quick` is D = 50).

use scalelab_bench::{CASES, baseline, cases};
use sim_core::{SimTime, Simulation};
use std::alloc::{GlobalAlloc, Layout, System};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes on top of the system allocator.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counter is bookkeeping only.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn flag(args: &[String], name: &str) -> Option<u64> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1)?.parse().ok()
}

/// The best (shortest) of `runs` timed calls, with what the best one returned.
fn best<T>(runs: u64, mut body: impl FnMut() -> T) -> (T, f64) {
    let mut top: Option<(T, f64)> = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = body();
        let wall = start.elapsed().as_secs_f64();
        if top.as_ref().is_none_or(|t| wall < t.1) {
            top = Some((out, wall));
        }
    }
    top.expect("at least one run")
}

/// The soak: three-tier at 50 k rps for `seconds` of simulated time, invariants checked at 12 points, live heap
/// bytes printed at each. Fails if the heap at the end exceeds the heap at the first point (after warm-up) by more
/// than 10 % + 1 MiB.
fn soak(seconds: u64) -> ExitCode {
    let mut sim = Simulation::new(&cases::three_tier_at(50_000.0)).expect("soak scenario is valid");
    let every = (seconds / 12).max(1);
    let mut first = None;
    let mut last = 0;
    for s in (every..=seconds).step_by(usize::try_from(every).expect("fits")) {
        sim.step_until(SimTime(s * 1_000_000), u64::MAX);
        if let Err(broken) = sim.check_invariants() {
            eprintln!("soak: invariants broken by {s} s:\n{}", broken.join("\n"));
            return ExitCode::FAILURE;
        }
        last = LIVE_BYTES.load(Ordering::Relaxed);
        first.get_or_insert(last);
        println!("soak\t{s}\t{}\t{last}", sim.requests_generated());
    }
    let first = first.unwrap_or(last);
    if last > first + first / 10 + (1 << 20) {
        eprintln!("soak: heap grew from {first} to {last} bytes");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("soak") {
        let seconds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3_600);
        return soak(seconds);
    }
    let quick = args.iter().any(|a| a == "--quick");
    let divisor = flag(&args, "--divisor").unwrap_or(if quick { cases::QUICK_DIVISOR } else { 1 });
    let runs = flag(&args, "--runs").unwrap_or(if quick { 1 } else { 5 });
    let baseline_seconds =
        flag(&args, "--baseline-seconds").unwrap_or(if quick { 20 } else { 1_000 });
    // `--case I` runs only case I, `--baseline-only` only the baseline (for profiling with callgrind).
    let only = flag(&args, "--case");
    let baseline_only = args.iter().any(|a| a == "--baseline-only");
    // `--sweep-only` times only the load sweep case (10 values × 3 seeds of 60 s on three_tier).
    let sweep_only = args.iter().any(|a| a == "--sweep-only");
    for (i, case) in CASES.iter().enumerate() {
        if baseline_only || sweep_only || only.is_some_and(|o| o != i as u64) {
            continue;
        }
        let (t, wall) = best(runs, || cases::run_case(i, divisor));
        println!(
            "case\t{i}\t{}\t{}\t{}\t{wall:.4}\t{:016x}",
            case.name, t.requests, t.events, t.hash
        );
    }
    if only.is_some() || baseline_only && sweep_only {
        return ExitCode::SUCCESS;
    }
    if !baseline_only {
        let (t, wall) = best(runs, || cases::run_sweep(divisor));
        println!(
            "sweep\t{}\t{}\t{wall:.4}\t{}",
            t.runs, t.events, t.knee_per_s
        );
        if sweep_only {
            return ExitCode::SUCCESS;
        }
    }
    let (t, wall) = best(runs, || baseline::run(baseline_seconds, 1));
    println!("baseline\t{}\t{}\t{wall:.4}", t.requests, t.events);
    println!("heap\t{}", LIVE_BYTES.load(Ordering::Relaxed));
    ExitCode::SUCCESS
}
