//! The one run driver: Run, Pause, Step, Reset, rewinding to a past second and injecting faults, over the
//! learner's own [`Simulation`]; and [`Grader`], which checks a challenge on a second simulation a slice at a time.
//! The app calls it from its controls, its animation-frame loop, the charts' scrub and the chapter, and only
//! publishes what [`Runner::frame`] returns.
//!
//! Sim time comes from seconds in one place: a run ends at [`Scenario::end_time`], a rewind targets
//! [`SimTime::from_secs_f64`]. Nothing here reads a clock: the caller says how much real time passed.
//!
//! Frames copy only what the views show ([`SHOWN_WINDOWS`] metric windows and the log entries new since the last
//! frame); the runner keeps the event log itself ([`Runner::log`], the last [`Frame::MAX_LOG`] entries).

use sim_core::metrics::{Frame, LogEntry};
use sim_core::scenario::{Challenge, FaultAction, FaultEvent};
use sim_core::verdict::Verdict;
use sim_core::{NodeId, Scenario, SimTime, Simulation};

/// Most events processed per animation frame; past it the run falls behind real time (the frame says so).
pub const EVENT_BUDGET_PER_FRAME: u64 = 200_000;
/// Longest real-time gap one frame may cover, ms (a background tab must not cause a huge catch-up).
pub const MAX_FRAME_GAP_MS: f64 = 100.0;
/// Sim time one press of Step advances, µs.
pub const STEP_US: u64 = 1_000_000;
/// Most events a rewind replays (a few seconds of work in the browser).
pub const REPLAY_EVENTS_MAX: u64 = 30_000_000;
/// Metric windows a frame carries: the minute the charts show.
pub const SHOWN_WINDOWS: usize = 60;
/// Events simulated per slice while grading (about 20–60 ms of work in the browser).
pub const GRADE_EVENTS_PER_SLICE: u64 = 300_000;

/// Where the run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// No simulation: the diagram is being edited.
    Idle,
    /// Each frame advances the simulation.
    Running,
    /// A simulation exists but time stands still.
    Paused,
    /// The run reached the scenario's run length.
    Finished,
}

/// Why a run did not start or could not be rewound: sentences for the learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The document has blocking issues (validation lists them).
    Blocked,
    /// There is no run to rewind.
    NoRunToRewind,
    /// There is no run to inject a fault into.
    NoRunToBreak,
    /// Replaying to that second would take more than [`REPLAY_EVENTS_MAX`] events.
    ReplayTooLong {
        /// The second asked for.
        at_s: u64,
    },
    /// The engine refused the fault (its sentence).
    Fault(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Blocked => f.write_str("Fix the problems listed under Issues before running."),
            Refusal::NoRunToRewind => f.write_str("Press Run first: there is no run to rewind"),
            Refusal::NoRunToBreak => f.write_str("Press Run first: faults happen during a run"),
            Refusal::ReplayTooLong { at_s } => write!(
                f,
                "Replaying to {at_s} s would take too long at this traffic; pick an earlier time"
            ),
            Refusal::Fault(why) => f.write_str(why),
        }
    }
}

/// The learner's run. See the module docs.
pub struct Runner {
    sim: Option<Simulation>,
    state: RunState,
    end: SimTime,
    log: Vec<LogEntry>,
    /// Log entries of the simulation already in [`Runner::log`].
    log_seen: u64,
}

impl Default for Runner {
    fn default() -> Self {
        Runner::new()
    }
}

impl Runner {
    /// No run.
    #[must_use]
    pub fn new() -> Self {
        Runner {
            sim: None,
            state: RunState::Idle,
            end: SimTime::ZERO,
            log: Vec::new(),
            log_seen: 0,
        }
    }

    /// Where the run is.
    #[must_use]
    pub fn state(&self) -> RunState {
        self.state
    }

    /// The simulation, when there is a run.
    #[must_use]
    pub fn sim(&self) -> Option<&Simulation> {
        self.sim.as_ref()
    }

    /// The run's event log so far, oldest first (at most [`Frame::MAX_LOG`] entries).
    #[must_use]
    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    fn build(&mut self, doc: &Scenario) -> Result<(), Refusal> {
        if self.sim.is_none() {
            let sim = Simulation::new(doc).map_err(|_| Refusal::Blocked)?;
            self.install(sim, doc.end_time());
        }
        Ok(())
    }

    fn install(&mut self, sim: Simulation, end: SimTime) {
        self.sim = Some(sim);
        self.end = end;
        self.log.clear();
        self.log_seen = 0;
    }

    /// Run (or Resume): starts a run of `doc` if there is none, from the start again after one finished.
    ///
    /// # Errors
    /// [`Refusal::Blocked`] when `doc` cannot run; nothing changes.
    pub fn run(&mut self, doc: &Scenario) -> Result<(), Refusal> {
        if self.state == RunState::Finished {
            self.stop();
        }
        self.build(doc)?;
        self.state = RunState::Running;
        Ok(())
    }

    /// Pause: time stands still; Run resumes.
    pub fn pause(&mut self) {
        if self.state == RunState::Running {
            self.state = RunState::Paused;
        }
    }

    /// Step: one second of sim time (starting a run of `doc` if needed), then paused.
    ///
    /// # Errors
    /// [`Refusal::Blocked`] when `doc` cannot run.
    pub fn step(&mut self, doc: &Scenario) -> Result<(), Refusal> {
        if self.state == RunState::Finished {
            return Ok(());
        }
        self.build(doc)?;
        self.state = RunState::Paused;
        self.advance_to(STEP_US, 25 * EVENT_BUDGET_PER_FRAME);
        Ok(())
    }

    /// Reset: drops the run; back to editing.
    pub fn stop(&mut self) {
        *self = Runner::new();
    }

    /// One animation frame of a running run: `gap_ms` of real time passed (at most [`MAX_FRAME_GAP_MS`] counts)
    /// at `speed` sim seconds per real second. Finishes at the run's end. Does nothing unless running.
    pub fn tick(&mut self, gap_ms: f64, speed: f64) {
        if self.state != RunState::Running {
            return;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        // small positive µs, clamped
        let advance_us = (gap_ms.clamp(0.0, MAX_FRAME_GAP_MS) * 1_000.0 * speed.max(0.0)) as u64;
        self.advance_to(advance_us, EVENT_BUDGET_PER_FRAME);
    }

    fn advance_to(&mut self, by_us: u64, budget: u64) {
        let end = self.end;
        let Some(sim) = self.sim.as_mut() else { return };
        let target = SimTime((sim.now().as_us().saturating_add(by_us)).min(end.as_us()));
        sim.step_until(target, budget);
        if sim.now() >= end {
            self.state = RunState::Finished;
        }
    }

    /// Rewind to `at_s` sim seconds: a new simulation of `doc` (the same document and seed replay the same run)
    /// stepped to that second, left paused there.
    ///
    /// # Errors
    /// [`Refusal::NoRunToRewind`] without a run, [`Refusal::Blocked`] when `doc` no longer runs, and
    /// [`Refusal::ReplayTooLong`]; the run is left as it was.
    pub fn rewind(&mut self, doc: &Scenario, at_s: f64) -> Result<(), Refusal> {
        if self.state == RunState::Idle {
            return Err(Refusal::NoRunToRewind);
        }
        let mut sim = Simulation::new(doc).map_err(|_| Refusal::Blocked)?;
        let end = doc.end_time();
        let target = SimTime::from_secs_f64(at_s).min(end);
        if !sim.step_until(target, REPLAY_EVENTS_MAX).reached {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            // a second for a sentence
            let at_s = at_s.max(0.0).round() as u64;
            return Err(Refusal::ReplayTooLong { at_s });
        }
        self.install(sim, end);
        self.state = if target >= end {
            RunState::Finished
        } else {
            RunState::Paused
        };
        Ok(())
    }

    /// Injects `action` on `node` into the run now; the caller records the returned fault in the document, so the
    /// document replays the run exactly.
    ///
    /// # Errors
    /// [`Refusal::NoRunToBreak`] without a run, [`Refusal::Fault`] when the engine refuses.
    pub fn inject(&mut self, node: NodeId, action: FaultAction) -> Result<FaultEvent, Refusal> {
        let sim = self.sim.as_mut().ok_or(Refusal::NoRunToBreak)?;
        sim.inject(node, action)
            .map_err(|e| Refusal::Fault(e.to_string()))
    }

    /// [`Runner::inject`] of `action` (`Partition` or `Heal`) on the link between `node` and `peer` only.
    ///
    /// # Errors
    /// As [`Runner::inject`].
    pub fn inject_link(
        &mut self,
        node: NodeId,
        peer: NodeId,
        action: FaultAction,
    ) -> Result<FaultEvent, Refusal> {
        let sim = self.sim.as_mut().ok_or(Refusal::NoRunToBreak)?;
        sim.inject_link(node, peer, action)
            .map_err(|e| Refusal::Fault(e.to_string()))
    }

    /// The frame the views show: [`SHOWN_WINDOWS`] metric windows and, in `log`, only the entries new since the
    /// previous frame (`log_total` counts them all); those are added to [`Runner::log`]. `None` without a run.
    pub fn frame(&mut self) -> Option<Frame> {
        let sim = self.sim.as_ref()?;
        let mut f = sim.frame_last(SHOWN_WINDOWS, 0);
        let new = f.log_total.saturating_sub(self.log_seen);
        if new > 0 {
            let wanted = usize::try_from(new).unwrap_or(usize::MAX);
            f.log = sim.frame_last(0, wanted).log;
            self.log.extend(f.log.iter().cloned());
            let over = self.log.len().saturating_sub(Frame::MAX_LOG);
            self.log.drain(..over);
            self.log_seen = f.log_total;
        }
        Some(f)
    }
}

/// Progress of a grading run.
#[derive(Clone, Debug, PartialEq)]
pub enum Graded {
    /// Fraction of the run simulated so far, 0–1.
    Running(f64),
    /// The verdict.
    Done(Verdict),
}

/// Grading a challenge: a separate simulation of the document *as graded* ([`Scenario::for_grading`]: the
/// challenge's faults replace the ones the learner clicked), run to its end a slice at a time. The learner's own
/// run is not touched.
pub struct Grader {
    sim: Simulation,
    end: SimTime,
    challenge: Challenge,
}

impl Grader {
    /// A grader of `doc`'s challenge; `None` when it has none.
    ///
    /// # Errors
    /// The number of blocking issues when the graded document cannot run.
    pub fn new(doc: &Scenario) -> Option<Result<Grader, usize>> {
        let challenge = doc.challenge.clone()?;
        let graded = doc.for_grading();
        Some(
            Simulation::new(&graded)
                .map(|sim| Grader {
                    sim,
                    end: graded.end_time(),
                    challenge,
                })
                .map_err(|issues| issues.len()),
        )
    }

    /// Simulates up to `events` more events (see [`GRADE_EVENTS_PER_SLICE`]); the verdict once the run is over.
    pub fn slice(&mut self, events: u64) -> Graded {
        if self.sim.step_until(self.end, events).reached {
            return Graded::Done(self.sim.grade(&self.challenge));
        }
        #[allow(clippy::cast_precision_loss)] // a progress bar
        let frac = self.sim.now().as_us() as f64 / self.end.as_us().max(1) as f64;
        Graded::Running(frac)
    }
}
