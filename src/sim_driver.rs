//! The browser side of the run driver ([`scalelab_shell::runner::Runner`], in [`Ctx`]): a `requestAnimationFrame`
//! loop that tells the runner how much real time passed, and one publish per animation frame — the frame, the run
//! state, and the event log when it grew. Faults clicked during a run are recorded in the document here. Every
//! control (top bar, keys, actions, the charts' rewind, the host page's `run`) goes through these functions.

use crate::ctx::{Ctx, RunState};
use leptos::prelude::*;
use scalelab_shell::runner::Refusal;
use sim_core::NodeId;
use sim_core::scenario::{Edit, FaultAction};

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Publishes the runner's state and frame (and its log, when it grew).
fn publish(ctx: Ctx) {
    let (state, frame, log) = ctx
        .runner
        .try_update_value(|r| {
            let frame = r.frame();
            let grew = frame.as_ref().is_some_and(|f| !f.log.is_empty());
            (r.state(), frame, grew.then(|| r.log().to_vec()))
        })
        .unwrap_or((RunState::Idle, None, None));
    if ctx.run.get_untracked() != state {
        ctx.run.set(state);
    }
    if let Some(log) = log {
        ctx.log.set(log);
    } else if frame.is_none() && ctx.log.with_untracked(|l| !l.is_empty()) {
        ctx.log.set(Vec::new());
    }
    ctx.frame.set(frame);
}

/// Says why the run did not start (blocking issues: the issues list is highlighted).
fn refused(ctx: Ctx, why: &Refusal) {
    ctx.run_refused.set(*why == Refusal::Blocked);
    ctx.notice.set(Some(crate::i18n::refusal_text(why)));
}

fn started(ctx: Ctx) {
    ctx.run_refused.set(false);
    ctx.notice.set(None);
}

/// Starts or resumes the run (from the start after it finished).
pub fn run(ctx: Ctx) {
    if ctx.run.get_untracked() == RunState::Running {
        return;
    }
    let fresh = matches!(ctx.run.get_untracked(), RunState::Idle | RunState::Finished);
    let result = ctx.editor.with_untracked(|e| {
        ctx.runner
            .try_update_value(|r| r.run(e.doc()))
            .unwrap_or(Ok(()))
    });
    if let Err(why) = result {
        refused(ctx, &why);
        return;
    }
    if fresh {
        started(ctx);
    }
    publish(ctx);
    let generation = ctx.generation.get_value() + 1;
    ctx.generation.set_value(generation);
    let begun = now_ms();
    request_animation_frame(move || tick(ctx, generation, begun));
}

/// Stops time; the run can resume.
pub fn pause(ctx: Ctx) {
    ctx.runner
        .update_value(scalelab_shell::runner::Runner::pause);
    publish(ctx);
}

/// Advances one second of sim time and pauses.
pub fn step(ctx: Ctx) {
    let fresh = ctx.run.get_untracked() == RunState::Idle;
    let result = ctx.editor.with_untracked(|e| {
        ctx.runner
            .try_update_value(|r| r.step(e.doc()))
            .unwrap_or(Ok(()))
    });
    match result {
        Err(why) => refused(ctx, &why),
        Ok(()) => {
            if fresh {
                started(ctx);
            }
            publish(ctx);
        }
    }
}

/// Drops the simulation and its frame: back to editing.
pub fn stop(ctx: Ctx) {
    ctx.generation.set_value(ctx.generation.get_value() + 1);
    ctx.runner
        .update_value(scalelab_shell::runner::Runner::stop);
    publish(ctx);
}

/// Rewinds the run to `at_s` sim seconds (replayed from the start with the same document and seed) and pauses
/// it there, saying so in the notice.
///
/// # Errors
/// A sentence for the user: no run to rewind, the document no longer runs, or the replay was too long.
pub fn rewind(ctx: Ctx, at_s: f64) -> Result<(), String> {
    let result = ctx.editor.with_untracked(|e| {
        ctx.runner
            .try_update_value(|r| r.rewind(e.doc(), at_s))
            .unwrap_or(Err(Refusal::NoRunToRewind))
    });
    result.map_err(|why| match why {
        Refusal::Blocked => crate::i18n::t("refusal-blocked-replay"),
        other => crate::i18n::refusal_text(&other),
    })?;
    publish(ctx);
    ctx.notice.set(Some(crate::i18n::t_with(
        "notice-rewound",
        &[("seconds", crate::i18n::number(at_s, 0).into())],
    )));
    Ok(())
}

/// Kills or restores `node` in the running simulation and records the fault in the document, so that running
/// the document again replays it exactly.
///
/// # Errors
/// A sentence for the user when there is no run or the node is not part of it.
pub fn inject(ctx: Ctx, node: NodeId, action: FaultAction) -> Result<(), String> {
    record(ctx, |r| r.inject(node, action))
}

/// Cuts (`Partition`) or restores (`Heal`) the link between `node` and `peer` in the running simulation and
/// records the fault in the document, as [`inject`] does.
///
/// # Errors
/// As [`inject`].
pub fn inject_link(
    ctx: Ctx,
    node: NodeId,
    peer: NodeId,
    action: FaultAction,
) -> Result<(), String> {
    record(ctx, |r| r.inject_link(node, peer, action))
}

/// Injects the fault `make` returns into the run and records it in the document.
fn record(
    ctx: Ctx,
    make: impl FnOnce(
        &mut scalelab_shell::runner::Runner,
    ) -> Result<sim_core::scenario::FaultEvent, Refusal>,
) -> Result<(), String> {
    let fault = ctx
        .runner
        .try_update_value(make)
        .unwrap_or(Err(Refusal::NoRunToBreak))
        .map_err(|e| e.to_string())?;
    ctx.dispatch(Edit::AddFault(fault))
        .map_err(|e| e.to_string())?;
    publish(ctx);
    Ok(())
}

fn tick(ctx: Ctx, generation: u64, last_ms: f64) {
    if ctx.generation.get_value() != generation || ctx.run.get_untracked() != RunState::Running {
        return;
    }
    let now = now_ms();
    let speed = ctx.speed.get_untracked();
    ctx.runner.update_value(|r| r.tick(now - last_ms, speed));
    publish(ctx);
    if ctx.run.get_untracked() == RunState::Running {
        request_animation_frame(move || tick(ctx, generation, now));
    }
}
