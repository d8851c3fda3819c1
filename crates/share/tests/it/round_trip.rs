//! Round trips: every preset through a full link and a short link, hostile text carried as plain text, and the
//! decoded scenario runs exactly like the original (same trace hash).

use crate::{HOSTILE_TEXTS, all_presets, hostile_scenario, trace_hash_after_5_s};
use scalelab_share::{LinkKind, decode_fragment, encode_fragment, preset_fragment};

#[test]
fn every_preset_round_trips_and_runs_identically() {
    for (id, s) in all_presets() {
        let link = encode_fragment(&s);
        println!(
            "{id}: full link {} characters, short link t/{id}",
            link.len()
        );
        let d = decode_fragment(&link).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(d.kind, LinkKind::Document { link_version: 1 }, "{id}");
        assert_eq!(d.scenario, s, "{id}");
        assert_eq!(
            trace_hash_after_5_s(&d.scenario),
            trace_hash_after_5_s(&s),
            "{id}"
        );
        assert_eq!(
            encode_fragment(&d.scenario),
            link,
            "{id}: re-encoding is stable"
        );
    }
}

#[test]
fn every_preset_has_a_short_link() {
    for (id, s) in all_presets() {
        let short = preset_fragment(id).expect("listed preset");
        for fragment in [short.clone(), format!("#{short}")] {
            let d = decode_fragment(&fragment).unwrap_or_else(|e| panic!("{fragment}: {e}"));
            assert_eq!(d.kind, LinkKind::Preset { id: id.to_owned() });
            assert_eq!(d.scenario, s);
        }
    }
}

#[test]
fn a_leading_hash_is_optional() {
    for (_, s) in all_presets() {
        let link = encode_fragment(&s);
        assert_eq!(decode_fragment(&format!("#{link}")), decode_fragment(&link));
    }
}

#[test]
fn hostile_text_survives_as_plain_text() {
    let s = hostile_scenario();
    let d = decode_fragment(&encode_fragment(&s)).expect("hostile text is still a valid document");
    assert_eq!(d.scenario, s);
    assert_eq!(d.scenario.nodes[0].label, "<script>alert(1)</script>");
    assert_eq!(d.scenario.name, HOSTILE_TEXTS[1]);
    assert_eq!(d.scenario.description, HOSTILE_TEXTS.join(" | "));
    assert_eq!(trace_hash_after_5_s(&d.scenario), trace_hash_after_5_s(&s));
}
