//! A load sweep is part of the document: a link carries it (and is then a full `d1.` link, not the preset's short
//! one), and every link made before sweeps existed still opens, with no sweep.

use scalelab_share::{decode_fragment, encode_fragment, fragment_for};
use sim_core::scenario::{Budget, Edit, presets};
use sim_core::sweep::Sweep;
use std::path::PathBuf;

#[test]
fn a_link_carries_the_sweep_and_the_reader_can_run_it() {
    let mut s = presets::get("three_tier").expect("preset");
    let sweep = Sweep {
        points: 12,
        seeds: 2,
        duration_s: Some(30.0),
        ..Sweep::default_for(&s).expect("a client")
    };
    s.apply(Edit::SetSweep(Some(Box::new(sweep.clone()))))
        .expect("a sweep is always accepted");
    let link = fragment_for(&s);
    assert!(
        link.starts_with("d1."),
        "a preset with a sweep is no longer the preset: {link}"
    );
    let d = decode_fragment(&link).expect("decodes");
    assert_eq!(d.scenario.sweep.as_ref(), Some(&sweep));
    assert_eq!(d.scenario, s);
    assert_eq!(
        d.scenario
            .sweep
            .as_ref()
            .map(|w| w.check(&d.scenario, &Budget::default())),
        Some(Ok(()))
    );
    s.apply(Edit::SetSweep(None)).expect("removed");
    assert_eq!(
        fragment_for(&s),
        "t/three_tier",
        "without the sweep it is the preset again"
    );
    assert_eq!(
        decode_fragment(&encode_fragment(&s))
            .expect("decodes")
            .scenario
            .sweep,
        None
    );
}

#[test]
fn links_made_before_sweeps_open_without_one() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["d1_three_tier.txt", "d1_single_server.txt"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("fixture");
        let d = decode_fragment(text.trim()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(d.scenario.sweep, None, "{name}");
        assert!(
            Sweep::default_for(&d.scenario).is_some(),
            "{name}: the default sweep applies"
        );
    }
}
