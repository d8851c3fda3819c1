//! Editing a scenario's service level objectives from the scenario inspector: each add, change and removal is one
//! undo step, a refused value leaves the list as it was, and changing an SLO restarts the run (the engine judges
//! the SLOs it was started with).

mod harness;

use harness::Harness;
use sim_core::ComponentKind;
use sim_core::scenario::{Edit, EditError, MAX_SLOS, Slo};

fn nines(availability: f64) -> Slo {
    Slo {
        availability_min: Some(availability),
        ..Slo::default()
    }
}

#[test]
fn adding_changing_and_removing_slos_are_undo_steps_and_refusals_keep_the_old_value() {
    let mut h = Harness::new().with_node(ComponentKind::WebServer, 0.0, 0.0);
    let run = h.ed.run_revision();
    h.ed.dispatch(Edit::SetSlo {
        index: 0,
        slo: nines(0.999),
    })
    .expect("added");
    assert!(h.ed.run_revision() > run, "a new SLO restarts the run");
    let latency = Slo {
        latency_ms_p99_max: Some(300.0),
        window_s: 10,
        ..nines(0.99)
    };
    h.ed.dispatch(Edit::SetSlo {
        index: 1,
        slo: latency.clone(),
    })
    .expect("second added");
    let refused = h.ed.dispatch(Edit::SetSlo {
        index: 1,
        slo: Slo {
            window_s: 5,
            ..latency.clone()
        },
    });
    match refused {
        Err(EditError::OutOfRange(e)) => assert_eq!((e.field.name, e.value), ("slo_window_s", 5.0)),
        other => panic!("a 5 s window must be refused, got {other:?}"),
    }
    let none = h.ed.dispatch(Edit::SetSlo {
        index: 0,
        slo: Slo::default(),
    });
    assert!(
        matches!(none, Err(EditError::OutOfRange(e)) if e.field.name == "slo_objectives"),
        "an SLO with no objective is refused"
    );
    assert!(
        h.ed.dispatch(Edit::SetSlo {
            index: 3,
            slo: nines(0.9)
        })
        .is_err(),
        "no gaps in the list"
    );
    assert_eq!(h.ed.doc().slos, [nines(0.999), latency.clone()]);
    h.ed.dispatch(Edit::SetSlo {
        index: 0,
        slo: nines(0.9999),
    })
    .expect("changed");
    h.ed.dispatch(Edit::SetSlos(vec![latency.clone()]))
        .expect("first removed");
    assert_eq!(h.ed.doc().slos, std::slice::from_ref(&latency));
    assert!(h.ed.undo());
    assert_eq!(h.ed.doc().slos, [nines(0.9999), latency.clone()]);
    assert!(h.ed.undo());
    assert_eq!(
        h.ed.doc().slos,
        [nines(0.999), latency.clone()],
        "refused edits left no undo step"
    );
    assert!(h.ed.undo() && h.ed.undo());
    assert!(h.ed.doc().slos.is_empty());
    assert!(h.ed.redo());
    assert_eq!(h.ed.doc().slos, [nines(0.999)]);
}

#[test]
fn at_most_max_slos_can_be_added() {
    let mut h = Harness::new();
    for index in 0..MAX_SLOS {
        h.ed.dispatch(Edit::SetSlo {
            index,
            slo: nines(0.99),
        })
        .expect("room");
    }
    assert_eq!(
        h.ed.dispatch(Edit::SetSlo {
            index: MAX_SLOS,
            slo: nines(0.99)
        }),
        Err(EditError::TooMany("SLOs", MAX_SLOS))
    );
    assert_eq!(h.ed.doc().slos.len(), MAX_SLOS);
}
