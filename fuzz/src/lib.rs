//! The properties the fuzz targets check, as plain functions so the committed corpus can also be replayed by an
//! ordinary test (`cargo test --manifest-path fuzz/Cargo.toml`). Each takes arbitrary bytes and panics only when a
//! property breaks: the code under test must never panic on any input, must refuse with the error variant the
//! input deserves, and whatever it accepts must survive a round trip unchanged. The third target builds arbitrary
//! scenarios and runs them under the budget: the heap a build and run take (counted by this crate's allocator) must
//! stay within the estimate made before the run, and the events within the estimated events.

pub mod scenario_gen;

use scalelab_share::{LinkError, SizePart, decode_fragment, encode_fragment};
use sim_core::scenario::{Budget, LoadError, MAX_FILE_BYTES};
use sim_core::{Scenario, SimTime, Simulation};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes live now and the most live since the last [`Counting::reset_peak`].
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    /// Bytes allocated and not yet freed.
    pub fn live() -> usize {
        LIVE.load(Ordering::Relaxed)
    }

    /// Most bytes live since the last reset.
    pub fn peak() -> usize {
        PEAK.load(Ordering::Relaxed)
    }

    /// Starts a new peak from what is live now.
    pub fn reset_peak() {
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let now = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Simulated time a valid fuzzed scenario is run for, µs, and the event budget that bounds the work.
const RUN_US: u64 = 200_000;
const RUN_EVENTS: u64 = 20_000;

/// The share-link decoder on `data` (as text, invalid UTF-8 replaced): never panics; an over-long link is
/// `TooLarge { part: Link }`, a blank one `Empty`; an accepted link re-encodes to a link that decodes to the same
/// scenario; every error has a message.
pub fn check_decode_fragment(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match decode_fragment(&text) {
        Err(e) => {
            assert!(
                !e.to_string().is_empty(),
                "an error without a message: {e:?}"
            );
            if text.len() > scalelab_share::MAX_LINK_BYTES {
                assert!(
                    matches!(
                        e,
                        LinkError::TooLarge {
                            part: SizePart::Link,
                            ..
                        }
                    ),
                    "over-long link refused with {e:?}"
                );
            }
            let body = text.trim();
            if body
                .strip_prefix('#')
                .unwrap_or(body)
                .trim_start()
                .is_empty()
            {
                assert_eq!(e, LinkError::Empty);
            }
        }
        Ok(decoded) => {
            assert!(text.len() <= scalelab_share::MAX_LINK_BYTES);
            let again = encode_fragment(&decoded.scenario);
            if again.len() <= scalelab_share::MAX_LINK_BYTES {
                let back = decode_fragment(&again)
                    .unwrap_or_else(|e| panic!("re-encoded link refused: {e:?}"));
                assert_eq!(
                    back.scenario, decoded.scenario,
                    "link round trip changed the scenario"
                );
            }
        }
    }
}

/// The scenario loader on `data` (as text): never panics; an oversized file is `TooLarge`, text that is not JSON
/// `Malformed`; an accepted document survives `to_json` → `from_json` unchanged, validates without panicking, and,
/// if valid, builds a simulation that runs 200 ms (at most 20 000 events) with every invariant holding.
pub fn check_scenario_from_json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Scenario::from_json(&text) {
        Err(e) => {
            assert!(
                !e.to_string().is_empty(),
                "an error without a message: {e:?}"
            );
            if text.len() > MAX_FILE_BYTES {
                assert!(
                    matches!(e, LoadError::TooLarge(_)),
                    "oversized file refused with {e:?}"
                );
            } else if serde_json::from_str::<serde_json::Value>(&text).is_err() {
                assert!(
                    matches!(e, LoadError::Malformed(_)),
                    "non-JSON refused with {e:?}"
                );
            }
        }
        Ok(scenario) => {
            let back = Scenario::from_json(&scenario.to_json())
                .unwrap_or_else(|e| panic!("saved document refused: {e:?}"));
            assert_eq!(back, scenario, "file round trip changed the scenario");
            if scenario.validate().is_empty() {
                let mut sim = Simulation::new(&scenario)
                    .unwrap_or_else(|e| panic!("valid scenario refused by the engine: {e:?}"));
                sim.step_until(SimTime(RUN_US), RUN_EVENTS);
                if let Err(broken) = sim.check_invariants() {
                    panic!("invariants broken:\n{}", broken.join("\n"));
                }
            }
        }
    }
}

/// Events a fuzzed run may take: enough to fill tables and queues, few enough for thousands of runs a second.
const SCENARIO_EVENTS: u64 = 50_000;

/// An arbitrary scenario (see [`scenario_gen`]) under the budget: estimating and validating never panic; a
/// document over the budget is refused with an issue naming a node or the run; one within it builds and runs
/// (invariants checked by the engine's debug assertions) with a heap that stays within its memory estimate (and so
/// within the budget) and, when it runs to its end, no more events than estimated.
pub fn check_run_scenario(data: &[u8]) {
    let scenario = scenario_gen::scenario(data);
    let estimate = scenario.estimate();
    let errors = scenario.errors();
    let budget = Budget::default();
    if estimate.memory_bytes > budget.memory_bytes || estimate.events > budget.events {
        assert!(
            errors.iter().any(|e| matches!(
                e.kind,
                sim_core::model::IssueKind::OverMemory { .. }
                    | sim_core::model::IssueKind::OverWork { .. }
            )),
            "over budget but not refused: {estimate:?}"
        );
    }
    if !errors.is_empty() {
        for e in &errors {
            assert!(
                !e.to_string().is_empty(),
                "an issue without a sentence: {e:?}"
            );
        }
        return;
    }
    Counting::reset_peak();
    let before = Counting::live();
    let mut sim = Simulation::new(&scenario).expect("validated");
    let end = SimTime((scenario.duration_s * 1e6) as u64);
    let reached = sim.step_until(end, SCENARIO_EVENTS).reached;
    let used = Counting::peak().saturating_sub(before) as u64;
    assert!(
        used <= estimate.memory_bytes,
        "the run took {used} bytes, more than the {} estimated (budget {}):\n{}",
        estimate.memory_bytes,
        budget.memory_bytes,
        scenario.to_json()
    );
    if reached {
        assert!(
            sim.events_processed() <= estimate.events,
            "the run took {} events, more than the {} estimated:\n{}",
            sim.events_processed(),
            estimate.events,
            scenario.to_json()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replay(target: &str, check: fn(&[u8])) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(target);
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).expect("committed corpus") {
            let data = std::fs::read(entry.expect("entry").path()).expect("readable");
            check(&data);
            n += 1;
        }
        assert!(n >= 5, "{target}: only {n} corpus files");
    }

    /// Writes the seed corpus: every preset as a file and as both kinds of link, plus damaged and hostile variants.
    /// Run by hand after adding a preset: `cargo test --manifest-path fuzz/Cargo.toml -- --ignored`.
    #[test]
    #[ignore = "writes fuzz/corpus/; run by hand to refresh the seeds"]
    fn write_seed_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let write = |target: &str, name: &str, data: &str| {
            let dir = root.join(target);
            std::fs::create_dir_all(&dir).expect("corpus dir");
            std::fs::write(dir.join(name), data).expect("write seed");
        };
        for p in sim_core::scenario::presets::ALL {
            let s = sim_core::scenario::presets::get(p.id).expect("preset");
            let json = s.to_json();
            write("scenario_from_json", &format!("{}.json", p.id), &json);
            let link = encode_fragment(&s);
            write("decode_fragment", &format!("{}.link", p.id), &link);
            write(
                "decode_fragment",
                &format!("{}.preset", p.id),
                &format!("#t/{}", p.id),
            );
            // A link cut in half and one with a character changed in the payload.
            write(
                "decode_fragment",
                &format!("{}.cut", p.id),
                &link[..link.len() / 2],
            );
            let mut bytes = link.into_bytes();
            let mid = bytes.len() * 2 / 3;
            bytes[mid] = if bytes[mid] == b'A' { b'B' } else { b'A' };
            write(
                "decode_fragment",
                &format!("{}.flip", p.id),
                &String::from_utf8(bytes).expect("ascii"),
            );
        }
        let mut hostile = sim_core::scenario::presets::get("three_tier").expect("preset");
        hostile.name = "<script>alert(1)</script>".into();
        write(
            "scenario_from_json",
            "script_label.json",
            &hostile.to_json(),
        );
        write(
            "decode_fragment",
            "script_label.link",
            &encode_fragment(&hostile),
        );
        for (name, text) in [
            ("empty", ""),
            ("not_json", "{\"format\": \"scalelab\", \"version\": 1,"),
            ("not_a_scenario", "{\"hello\": [1, 2, 3]}"),
            ("too_new", "{\"format\": \"scalelab\", \"version\": 99}"),
            ("minimal", "{\"format\": \"scalelab\", \"version\": 1}"),
            (
                "huge_number",
                "{\"format\": \"scalelab\", \"version\": 1, \"seed\": 1e999}",
            ),
        ] {
            write("scenario_from_json", &format!("{name}.json"), text);
        }
        for (name, text) in [
            ("blank", "  # "),
            ("unknown_prefix", "x9.abc"),
            ("newer", "d99.AAAA"),
            ("bad_chars", "d1.ab+c/=="),
            ("unknown_preset", "t/nope"),
        ] {
            write("decode_fragment", &format!("{name}.link"), text);
        }
    }

    #[test]
    fn the_committed_corpus_passes_every_property() {
        replay("decode_fragment", check_decode_fragment);
        replay("scenario_from_json", check_scenario_from_json);
        replay("run_scenario", check_run_scenario);
    }
}
