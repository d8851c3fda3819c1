//! Raw wasm exports for `run-wasm.mjs` (no wasm-bindgen: the module imports nothing, so Node instantiates it with
//! an empty import object). Counts cross as `f64` (exact below 2^53) to avoid BigInt on the JS side. Node times
//! the calls with `performance.now()` and reads the heap size from the exported memory.

use crate::{CASES, baseline, cases};
use sim_core::{SimTime, Simulation};
use std::cell::RefCell;

thread_local! {
    static LAST_EVENTS: RefCell<u64> = const { RefCell::new(0) };
    static LAST_HASH: RefCell<u64> = const { RefCell::new(0) };
    static SOAK: RefCell<Option<Simulation>> = const { RefCell::new(None) };
}

#[allow(clippy::cast_precision_loss)] // counts stay far below 2^53
fn f(x: u64) -> f64 {
    x as f64
}

/// Number of benchmark cases.
#[unsafe(no_mangle)]
pub extern "C" fn bench_case_count() -> u32 {
    u32::try_from(CASES.len()).expect("a handful of cases")
}

/// Runs case `index` (`quick` ≠ 0: the smoke span); returns requests generated. Events: [`bench_last_events`].
#[unsafe(no_mangle)]
pub extern "C" fn bench_run_case(index: u32, quick: u32) -> f64 {
    let divisor = if quick != 0 { cases::QUICK_DIVISOR } else { 1 };
    let t = cases::run_case(index as usize, divisor);
    LAST_EVENTS.with(|e| *e.borrow_mut() = t.events);
    LAST_HASH.with(|h| *h.borrow_mut() = t.hash);
    f(t.requests)
}

/// The high 32 bits of the last case's trace hash (JS numbers cannot hold all 64).
#[unsafe(no_mangle)]
pub extern "C" fn bench_last_hash_hi() -> u32 {
    LAST_HASH.with(|h| u32::try_from(*h.borrow() >> 32).expect("32 bits"))
}

/// The low 32 bits of the last case's trace hash.
#[unsafe(no_mangle)]
pub extern "C" fn bench_last_hash_lo() -> u32 {
    LAST_HASH.with(|h| u32::try_from(*h.borrow() & 0xFFFF_FFFF).expect("32 bits"))
}

/// Runs the baseline for `sim_seconds`; returns requests generated. Events: [`bench_last_events`].
#[unsafe(no_mangle)]
pub extern "C" fn bench_run_baseline(sim_seconds: u32) -> f64 {
    let t = baseline::run(u64::from(sim_seconds), 1);
    LAST_EVENTS.with(|e| *e.borrow_mut() = t.events);
    f(t.requests)
}

/// Runs the sweep case (`quick` ≠ 0: the smoke span); returns the arrival rate at the knee, requests/s (0: none).
/// Events: [`bench_last_events`].
#[unsafe(no_mangle)]
pub extern "C" fn bench_run_sweep(quick: u32) -> f64 {
    let divisor = if quick != 0 { cases::QUICK_DIVISOR } else { 1 };
    let t = cases::run_sweep(divisor);
    LAST_EVENTS.with(|e| *e.borrow_mut() = t.events);
    t.knee_per_s
}

/// Simulations the sweep case runs (values × seeds).
#[unsafe(no_mangle)]
pub extern "C" fn bench_sweep_runs() -> u32 {
    u32::try_from(cases::run_sweep_runs()).expect("at most 24 × 8")
}

/// Events processed by the last run.
#[unsafe(no_mangle)]
pub extern "C" fn bench_last_events() -> f64 {
    LAST_EVENTS.with(|e| f(*e.borrow()))
}

/// Starts the soak run: three-tier at `rate_per_s`.
#[unsafe(no_mangle)]
pub extern "C" fn soak_start(rate_per_s: f64) {
    let sim = Simulation::new(&cases::three_tier_at(rate_per_s)).expect("soak scenario is valid");
    SOAK.with(|s| *s.borrow_mut() = Some(sim));
}

/// Advances the soak run to `until_s` simulated seconds and checks every invariant; returns requests generated so
/// far, or −1 if an invariant is broken.
#[unsafe(no_mangle)]
pub extern "C" fn soak_step(until_s: u32) -> f64 {
    SOAK.with(|s| {
        let mut s = s.borrow_mut();
        let sim = s.as_mut().expect("soak_start was called");
        sim.step_until(SimTime(u64::from(until_s) * 1_000_000), u64::MAX);
        if sim.check_invariants().is_err() {
            return -1.0;
        }
        f(sim.requests_generated())
    })
}
