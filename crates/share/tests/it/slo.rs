//! Service level objectives are part of the document: a link carries them (a full `d1.` link), and without them
//! a preset's link is its short one again.

use scalelab_share::{decode_fragment, fragment_for};
use sim_core::scenario::{Edit, Slo, presets};

#[test]
fn a_link_carries_the_slos_and_without_them_is_the_preset_again() {
    let mut s = presets::get("three_tier").expect("preset");
    let slos = vec![
        Slo {
            availability_min: Some(0.999),
            latency_ms_p99_max: None,
            window_s: 60,
        },
        Slo {
            availability_min: None,
            latency_ms_p99_max: Some(250.0),
            window_s: 10,
        },
    ];
    s.apply(Edit::SetSlos(slos.clone())).expect("two SLOs");
    let link = fragment_for(&s);
    assert!(link.starts_with("d1."), "{link}");
    let d = decode_fragment(&link).expect("decodes");
    assert_eq!(d.scenario.slos, slos);
    assert_eq!(d.scenario, s);
    s.apply(Edit::SetSlos(Vec::new())).expect("removed");
    assert_eq!(fragment_for(&s), "t/three_tier");
}
