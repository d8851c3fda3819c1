//! Property tests over random documents and random ways of running them. Each case takes a random topology
//! (`invariants::random_scenario`: every kind, random edges, a random scripted fault timeline), then randomizes
//! every setting of every node within its field range (numbers) or option list (choices), and runs it in random
//! slices (1–250 ms) with random event budgets (100 events to unbounded), clicking Kill/Restore on random nodes
//! during the run as a user would. Properties:
//! - every invariant of `check.rs` holds after every step, including budget-truncated ones;
//! - the run is bounded (each case stops after [`MAX_EVENTS`] events);
//! - the document with the clicks recorded replays to the same summary, and to the same trace hash when every click
//!   was recorded at the end of the timeline.
//!
//! Finding (kept as a documented limit, not fixed: the fix would change every golden trace hash): a fault's
//! fingerprint in the trace hash includes its timeline index. A click recorded *before* a scripted fault that is
//! still to come is inserted ahead of it in the document, so the replay numbers the faults differently: the run is
//! identical (same summary, same events in the same order) but the trace hash differs.
//!
//! A seed that ever fails is pinned in [`PINNED`] as a regression test.

use crate::invariants::random_scenario;
use sim_core::rng::{Rng, Stream};
use sim_core::scenario::{Budget, Edit, FaultAction};
use sim_core::{Scenario, SimTime, Simulation};

/// Seeds that once broke a property. 1001: clicks recorded before scripted faults still to come give the replay a
/// different trace hash (the fault-index limit in the module docs); the summary must still be identical.
const PINNED: &[u64] = &[1001];

/// Events after which a case stops stepping (settings may ask for a million requests per second).
const MAX_EVENTS: u64 = 150_000;

/// Simulated time a case runs at most, µs.
const END_US: u64 = 10_000_000;

/// A case stops after [`MAX_EVENTS`], so the run's work budget (events over its whole run length) does not apply;
/// its memory budget does.
const BUDGET: Budget = Budget {
    memory_bytes: Budget::MEMORY_BYTES,
    events: u64::MAX,
};

/// Sets each numeric field with probability 1/5 (uniform in its range, or skewed towards its minimum) and each
/// choice with probability 1/5. Values are always in range, so every edit is accepted. Settings added after the
/// seeds were pinned (`LATER`) draw from `later`, so every older setting keeps its draws.
fn randomize_settings(s: &mut Scenario, g: &mut Rng, later: &mut Rng) {
    const LATER: &[&str] = &["mtbf_s", "mttr_s", "traffic"];
    let ids: Vec<_> = s.nodes.iter().map(|n| n.id).collect();
    for id in ids {
        let node = s.nodes.iter().find(|n| n.id == id).expect("node listed");
        let numbers = node.config.numbers();
        let choices = node.config.choices();
        for (spec, _) in numbers {
            let g = if LATER.contains(&spec.name) {
                &mut *later
            } else {
                &mut *g
            };
            if g.below(5) != 0 {
                continue;
            }
            let u = g.unit();
            // Half the time near the minimum, where small capacities and short timeouts live.
            let u = if g.below(2) == 0 { u } else { u * u * u * u };
            let mut value = spec.min + (spec.max - spec.min) * u;
            if spec.integer {
                value = value.round().clamp(spec.min, spec.max);
            }
            s.apply(Edit::SetNumber {
                node: id,
                field: spec.name.to_owned(),
                value,
            })
            .unwrap_or_else(|e| panic!("{} = {value} refused: {e}", spec.name));
        }
        for c in choices {
            let g = if LATER.contains(&c.name) {
                &mut *later
            } else {
                &mut *g
            };
            if g.below(5) != 0 {
                continue;
            }
            let len = u32::try_from(c.options.len()).expect("few options");
            let option = c.options[g.below(len) as usize].0;
            s.apply(Edit::SetChoice {
                node: id,
                field: c.name.to_owned(),
                option: option.to_owned(),
            })
            .unwrap_or_else(|e| panic!("{} = {option} refused: {e}", c.name));
        }
    }
}

/// Runs one case; returns false if the randomized document does not validate (not a failure: validation reports
/// it on its nodes, and the engine refuses to build it).
fn check_case(seed: u64) -> bool {
    let mut g = Rng::new(seed, Stream::Faults, 0xBEEF);
    let mut doc = random_scenario(seed);
    let mut later = Rng::new(seed, Stream::Faults, 0xBEF0);
    randomize_settings(&mut doc, &mut g, &mut later);
    let Ok(mut live) = Simulation::with_budget(&doc, &BUDGET) else {
        return false;
    };
    let ids: Vec<_> = doc.nodes.iter().map(|n| n.id).collect();
    let mut t = 0;
    // False once a click lands before a scripted fault still to come (see the module docs).
    let mut same_indices = true;
    while t < END_US && live.events_processed() < MAX_EVENTS {
        t = (t + 1_000 + u64::from(g.below(250_000))).min(END_US);
        let budget = [100, 1_000, 10_000, u64::MAX][g.below(4) as usize];
        loop {
            let out = live.step_until(SimTime(t), budget);
            if let Err(broken) = live.check_invariants() {
                panic!(
                    "seed {seed}: invariants broken at {} µs (budget {budget}):\n{}",
                    live.now().as_us(),
                    broken.join("\n")
                );
            }
            if out.reached || live.events_processed() >= MAX_EVENTS {
                break;
            }
        }
        if g.below(10) == 0 {
            let node = ids[g.below(u32::try_from(ids.len()).expect("few nodes")) as usize];
            let action = if g.below(2) == 0 {
                FaultAction::Kill
            } else {
                FaultAction::Restore
            };
            let click = live.inject(node, action).expect("node is in the run");
            same_indices &= doc.faults.last().is_none_or(|f| f.at_us <= click.at_us);
            doc.apply(Edit::AddFault(click))
                .expect("a recorded click fits the timeline");
        }
    }
    // Finish the last slice (it may have stopped on the event cap), then replay the recorded document.
    live.step_until(SimTime(t), u64::MAX);
    let mut replay = Simulation::with_budget(&doc, &BUDGET)
        .expect("the recorded document is as valid as the original");
    replay.step_until(SimTime(t), u64::MAX);
    let without_hash = |sim: &Simulation| sim_core::summary::Summary {
        trace_hash: String::new(),
        ..sim.summary()
    };
    assert_eq!(
        without_hash(&live),
        without_hash(&replay),
        "seed {seed}: replay differs"
    );
    if same_indices {
        assert_eq!(
            live.trace_hash(),
            replay.trace_hash(),
            "seed {seed}: replay trace differs"
        );
    }
    true
}

#[test]
fn random_documents_run_in_random_slices_keep_every_invariant_and_replay_exactly() {
    let valid = (1_000..1_064).filter(|&seed| check_case(seed)).count();
    // Many randomized documents break a cross-field rule (validation reports it); enough must run to test much.
    assert!(valid >= 20, "only {valid} of 64 random documents validated");
}

#[test]
fn pinned_property_seeds_still_hold() {
    for &seed in PINNED {
        assert!(
            check_case(seed),
            "pinned seed {seed} no longer builds a valid document"
        );
    }
}
