//! Scrubbing back: rewinding the run to a past sim time. A run is never stored, only its document (with every
//! fault clicked during it) and seed, so rewinding rebuilds the simulation and replays it to that time — the
//! same events in the same order, hence the same state the run had then. The run is left paused there.
//!
//! Replaying is synchronous and bounded by [`REPLAY_EVENTS_MAX`], so a long, heavy run cannot freeze the page.

use crate::ctx::{Ctx, RunState};
use leptos::prelude::*;
use sim_core::{SimTime, Simulation};

/// Most events a rewind replays (about a few seconds of work in the browser).
pub const REPLAY_EVENTS_MAX: u64 = 30_000_000;

/// Rewinds the run to `at_s` sim seconds and pauses it there, saying so in the notice.
///
/// # Errors
/// A sentence for the user: no run to rewind, the document no longer runs, or the replay was too long.
pub fn rewind_to(ctx: Ctx, at_s: f64) -> Result<(), String> {
    if ctx.run.get_untracked() == RunState::Idle {
        return Err("Press Run first: there is no run to rewind".into());
    }
    let doc = ctx.editor.with_untracked(|e| e.doc().clone());
    let mut sim = Simulation::new(&doc).map_err(|_| {
        "The diagram has blocking problems, so the run cannot be replayed".to_string()
    })?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a few hours of µs at most
    let target = SimTime((at_s.max(0.0) * 1e6) as u64);
    let out = sim.step_until(target, REPLAY_EVENTS_MAX);
    if !out.reached {
        return Err(format!(
            "Replaying to {at_s:.0} s would take too long at this traffic; pick an earlier time"
        ));
    }
    // The animation-frame loop stops when the run is no longer running, before it touches the new simulation.
    ctx.run.set(RunState::Paused);
    ctx.frame.set(Some(sim.frame()));
    ctx.sim.set_value(Some(sim));
    ctx.notice.set(Some(format!(
        "Rewound to {at_s:.0} s: the run was replayed from the start with the same seed and faults. Press Resume to \
         continue from here."
    )));
    Ok(())
}
