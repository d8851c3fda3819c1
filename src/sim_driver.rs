//! Runs the simulation in real time. Owns the [`Simulation`] (inside [`Ctx`]), drives it from a
//! `requestAnimationFrame` loop — elapsed real time × speed becomes the target sim time, processed with an event
//! budget so a frame never stalls — and publishes exactly one [`sim_core::metrics::Frame`] per animation frame.
//! Stops at the scenario's run length. Faults clicked during a run are injected here and recorded in the document.

use crate::ctx::{Ctx, RunState};
use leptos::prelude::*;
use sim_core::scenario::{Edit, FaultAction};
use sim_core::{NodeId, SimTime, Simulation};

/// Most events processed per animation frame; past it the run falls behind real time (shown in the UI).
pub const EVENT_BUDGET_PER_FRAME: u64 = 200_000;
/// Longest real-time gap one frame may cover, ms (a background tab must not cause a huge catch-up).
const MAX_FRAME_GAP_MS: f64 = 100.0;
/// Sim time one press of Step advances, µs.
pub const STEP_US: u64 = 1_000_000;

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn end_of_run(ctx: Ctx) -> SimTime {
    let s = ctx.editor.with_untracked(|e| e.doc().duration_s);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // validated: 1 s to 1 day
    SimTime((s * 1e6) as u64)
}

/// Builds a simulation from the document when there is none. Returns `false` (and flags the refusal, so the
/// issues list is shown) when the document has blocking issues.
fn ensure_sim(ctx: Ctx) -> bool {
    if ctx.sim.with_value(Option::is_some) {
        return true;
    }
    let built = ctx.editor.with_untracked(|e| Simulation::new(e.doc()));
    match built {
        Ok(sim) => {
            ctx.frame.set(Some(sim.frame()));
            ctx.sim.set_value(Some(sim));
            ctx.run_refused.set(false);
            ctx.notice.set(None);
            true
        }
        Err(_) => {
            ctx.run_refused.set(true);
            ctx.notice.set(Some(
                "Fix the problems listed under Issues before running.".into(),
            ));
            false
        }
    }
}

/// Starts or resumes the run (from the start after it finished).
pub fn run(ctx: Ctx) {
    match ctx.run.get_untracked() {
        RunState::Running => return,
        RunState::Finished => stop(ctx),
        RunState::Idle | RunState::Paused => {}
    }
    if !ensure_sim(ctx) {
        return;
    }
    ctx.run.set(RunState::Running);
    let generation = ctx.generation.get_value() + 1;
    ctx.generation.set_value(generation);
    let started = now_ms();
    request_animation_frame(move || tick(ctx, generation, started));
}

/// Stops time; the run can resume.
pub fn pause(ctx: Ctx) {
    if ctx.run.get_untracked() == RunState::Running {
        ctx.run.set(RunState::Paused);
    }
}

/// Advances one second of sim time and pauses.
pub fn step(ctx: Ctx) {
    if ctx.run.get_untracked() == RunState::Finished || !ensure_sim(ctx) {
        return;
    }
    ctx.run.set(RunState::Paused);
    let end = end_of_run(ctx);
    let frame = ctx.sim.try_update_value(|sim| {
        sim.as_mut().map(|sim| {
            let target = SimTime((sim.now().as_us() + STEP_US).min(end.as_us()));
            sim.step_until(target, 25 * EVENT_BUDGET_PER_FRAME);
            sim.frame()
        })
    });
    if let Some(f) = frame.flatten() {
        if f.now >= end {
            ctx.run.set(RunState::Finished);
        }
        ctx.frame.set(Some(f));
    }
}

/// Drops the simulation and its frame: back to editing.
pub fn stop(ctx: Ctx) {
    ctx.generation.set_value(ctx.generation.get_value() + 1);
    ctx.sim.set_value(None);
    ctx.frame.set(None);
    ctx.run.set(RunState::Idle);
}

/// Kills or restores `node` in the running simulation and records the fault in the document, so that running
/// the document again replays it exactly.
///
/// # Errors
/// A sentence for the user when there is no run or the node is not part of it.
pub fn inject(ctx: Ctx, node: NodeId, action: FaultAction) -> Result<(), String> {
    let fault = ctx
        .sim
        .try_update_value(|sim| {
            sim.as_mut()
                .map(|sim| sim.inject(node, action).map_err(|e| e.to_string()))
        })
        .flatten()
        .ok_or_else(|| "Press Run first: faults happen during a run".to_string())??;
    ctx.dispatch(Edit::AddFault(fault))
        .map_err(|e| e.to_string())?;
    if let Some(f) = ctx.sim.with_value(|s| s.as_ref().map(Simulation::frame)) {
        ctx.frame.set(Some(f));
    }
    Ok(())
}

fn tick(ctx: Ctx, generation: u64, last_ms: f64) {
    if ctx.generation.get_value() != generation || ctx.run.get_untracked() != RunState::Running {
        return;
    }
    let now = now_ms();
    let gap_ms = (now - last_ms).clamp(0.0, MAX_FRAME_GAP_MS);
    let speed = ctx.speed.get_untracked();
    let end = end_of_run(ctx);
    let frame = ctx.sim.try_update_value(|sim| {
        let sim = sim.as_mut()?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // small positive µs
        let advance_us = (gap_ms * 1_000.0 * speed) as u64;
        let target = SimTime((sim.now().as_us() + advance_us).min(end.as_us()));
        sim.step_until(target, EVENT_BUDGET_PER_FRAME);
        Some(sim.frame())
    });
    let Some(frame) = frame.flatten() else { return };
    let done = frame.now >= end;
    ctx.frame.set(Some(frame));
    if done {
        ctx.run.set(RunState::Finished);
    } else {
        request_animation_frame(move || tick(ctx, generation, now));
    }
}
