//! The run driver as the app uses it: Run, frames of real time, Pause, Step, the end of the run, Reset, faults,
//! rewinding (the replay reaches the state the run had) and grading in slices.

use scalelab_shell::runner::{Graded, Grader, Refusal, RunState, Runner, SHOWN_WINDOWS, STEP_US};
use sim_core::scenario::{Edit, FaultAction, presets};
use sim_core::{ComponentKind, NodeId, Scenario, SimTime};

fn preset(id: &str) -> Scenario {
    presets::get(id).expect("preset")
}

fn node(doc: &Scenario, label: &str) -> NodeId {
    doc.nodes.iter().find(|n| n.label == label).expect(label).id
}

/// `seconds` of real time at 60 frames per second and `speed`.
fn play(r: &mut Runner, seconds: u32, speed: f64) {
    for _ in 0..seconds * 60 {
        r.tick(1000.0 / 60.0, speed);
    }
}

fn now(r: &Runner) -> SimTime {
    r.sim().expect("a run").now()
}

#[test]
fn run_pause_step_and_the_end_of_the_run() {
    let mut doc = preset("three_tier");
    doc.duration_s = 5.0;
    let mut r = Runner::new();
    assert_eq!(r.state(), RunState::Idle);
    assert!(r.frame().is_none());
    r.run(&doc).expect("runs");
    play(&mut r, 2, 1.0);
    assert!((now(&r).as_secs_f64() - 2.0).abs() < 0.05, "{:?}", now(&r));
    r.pause();
    let at = now(&r);
    play(&mut r, 1, 1.0);
    assert_eq!(now(&r), at, "paused: time stands still");
    r.step(&doc).expect("steps");
    assert_eq!(now(&r).as_us(), at.as_us() + STEP_US);
    assert_eq!(r.state(), RunState::Paused);
    r.run(&doc).expect("resumes");
    play(&mut r, 2, 4.0);
    assert_eq!(r.state(), RunState::Finished);
    assert_eq!(now(&r), doc.end_time(), "stops exactly at the end");
    r.run(&doc).expect("again");
    assert_eq!(now(&r), SimTime::ZERO, "Run after the end starts over");
    r.stop();
    assert_eq!(r.state(), RunState::Idle);
    assert!(r.sim().is_none());
}

#[test]
fn a_document_with_blocking_issues_does_not_run() {
    let mut doc = Scenario::default();
    doc.apply(Edit::AddNode {
        kind: ComponentKind::WebServer,
        x: 0.0,
        y: 0.0,
    })
    .expect("add");
    let mut r = Runner::new();
    assert_eq!(r.run(&doc), Err(Refusal::Blocked));
    assert_eq!(r.state(), RunState::Idle);
}

#[test]
fn frames_carry_a_minute_and_the_log_is_kept_by_the_runner() {
    let doc = preset("three_tier");
    let web = node(&doc, "Web 1");
    let mut r = Runner::new();
    assert_eq!(
        r.inject(web, FaultAction::Kill).err(),
        Some(Refusal::NoRunToBreak)
    );
    r.run(&doc).expect("runs");
    play(&mut r, 70, 1.0);
    let f = r.frame().expect("a frame");
    assert_eq!(f.windows.len(), SHOWN_WINDOWS);
    assert!(f.log.is_empty());
    r.inject(web, FaultAction::Kill).expect("kill");
    play(&mut r, 5, 1.0);
    let f = r.frame().expect("a frame");
    assert!(!f.log.is_empty(), "the new entries");
    assert_eq!(r.log().len(), usize::try_from(f.log_total).expect("small"));
    assert!(r.log()[0].message.contains("Web 1"), "{:?}", r.log());
    let again = r.frame().expect("a frame");
    assert!(again.log.is_empty(), "only what is new");
    assert_eq!(r.log().len(), usize::try_from(f.log_total).expect("small"));
}

#[test]
fn a_rewind_replays_to_the_same_state() {
    let mut doc = preset("three_tier");
    let web = node(&doc, "Web 1");
    let mut r = Runner::new();
    assert_eq!(r.rewind(&doc, 3.0), Err(Refusal::NoRunToRewind));
    r.run(&doc).expect("runs");
    play(&mut r, 4, 1.0);
    let fault = r.inject(web, FaultAction::Kill).expect("kill");
    doc.apply(Edit::AddFault(fault)).expect("recorded");
    play(&mut r, 6, 1.0);
    let hash_at_10 = {
        let mut live = Runner::new();
        live.run(&doc).expect("runs");
        // The same document stepped straight to 10 s (slicing does not change a run).
        live.rewind(&doc, 10.0).expect("rewinds");
        live.sim().expect("run").trace_hash()
    };
    r.rewind(&doc, 10.0).expect("rewinds");
    assert_eq!(r.state(), RunState::Paused);
    assert_eq!(now(&r), SimTime::from_secs_f64(10.0));
    assert_eq!(r.sim().expect("run").trace_hash(), hash_at_10);
    assert_eq!(
        r.sim().expect("run").is_alive(web),
        Some(false),
        "the recorded kill replays"
    );
}

#[test]
fn grading_runs_in_slices_to_a_verdict_and_leaves_the_run_alone() {
    let doc = preset("three_tier");
    assert!(doc.challenge.is_some());
    let mut r = Runner::new();
    r.run(&doc).expect("runs");
    play(&mut r, 1, 1.0);
    let before = now(&r);
    let mut g = Grader::new(&doc).expect("a challenge").expect("runs");
    let mut last = 0.0;
    let verdict = loop {
        match g.slice(2_000_000) {
            Graded::Running(f) => {
                assert!(f >= last && f < 1.0);
                last = f;
            }
            Graded::Done(v) => break v,
        }
    };
    assert!(!verdict.checks.is_empty());
    assert_eq!(now(&r), before);
    let mut plain = doc.clone();
    plain.challenge = None;
    assert!(Grader::new(&plain).is_none(), "nothing to grade");
}
