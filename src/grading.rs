//! Runs a challenge's grading ([`Grader`]: a separate simulation of the document as graded, to the end of its run)
//! a slice per animation frame, so the page stays responsive, for *Check my design* and for an embed's grade at
//! the end of a run. Owns no state: the caller says whether the grading is still wanted and what to do with its
//! progress and verdict.

use leptos::prelude::request_animation_frame;
use scalelab_shell::runner::{GRADE_EVENTS_PER_SLICE, Graded, Grader};
use std::rc::Rc;

/// Grades in slices of [`GRADE_EVENTS_PER_SLICE`] events, one per animation frame, starting next frame. Before
/// each slice `wanted()` is asked: `false` (a newer grading, a changed diagram) stops quietly. `report` gets every
/// `Graded::Running` fraction (0–1) and the final `Graded::Done` verdict, once.
pub fn in_frames(
    grader: Grader,
    wanted: impl Fn() -> bool + 'static,
    report: impl Fn(Graded) + 'static,
) {
    fn slice(mut grader: Grader, wanted: Rc<dyn Fn() -> bool>, report: Rc<dyn Fn(Graded)>) {
        if !wanted() {
            return;
        }
        match grader.slice(GRADE_EVENTS_PER_SLICE) {
            done @ Graded::Done(_) => report(done),
            running @ Graded::Running(_) => {
                report(running);
                request_animation_frame(move || slice(grader, wanted, report));
            }
        }
    }
    let wanted: Rc<dyn Fn() -> bool> = Rc::new(wanted);
    let report: Rc<dyn Fn(Graded)> = Rc::new(report);
    request_animation_frame(move || slice(grader, wanted, report));
}
