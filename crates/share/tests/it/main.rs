//! Integration tests of the share-link codec, as one binary (each test binary links the whole core again).
//!
//! Helpers here pack text into `d1.` links with `miniz_oxide` and `data-encoding` directly, from the format as
//! documented, not through the crate: a test link is then a link any other writer of the format could produce.

mod errors;
mod fixtures;
mod fuzz;
mod round_trip;
mod slo;
mod startup;
mod sweep;

use data_encoding::BASE64URL_NOPAD;
use sim_core::scenario::{Edit, presets};
use sim_core::{NodeId, Scenario, SimTime, Simulation};

/// `d1.` link of arbitrary text (which need not be a scenario).
pub fn d1_link_of_text(text: &str) -> String {
    d1_link_of_bytes(&miniz_oxide::deflate::compress_to_vec_zlib(
        text.as_bytes(),
        6,
    ))
}

/// `d1.` link of arbitrary bytes in place of the zlib stream (which need not be valid zlib).
pub fn d1_link_of_bytes(zlib: &[u8]) -> String {
    format!("d1.{}", BASE64URL_NOPAD.encode(zlib))
}

/// The zlib stream inside a `d1.` link.
pub fn zlib_bytes_of(link: &str) -> Vec<u8> {
    let payload = link.strip_prefix("d1.").expect("a d1 link");
    BASE64URL_NOPAD
        .decode(payload.as_bytes())
        .expect("a link made by encode_fragment is base64url")
}

/// Every preset, with its id.
pub fn all_presets() -> Vec<(&'static str, Scenario)> {
    presets::ALL
        .iter()
        .map(|p| (p.id, presets::get(p.id).expect("listed preset exists")))
        .collect()
}

/// Trace hash after 5 s of sim time, the engine's fingerprint of a run.
pub fn trace_hash_after_5_s(s: &Scenario) -> u64 {
    let mut sim = Simulation::new(s).expect("scenario is runnable");
    sim.step_until(SimTime(5_000_000), u64::MAX);
    sim.trace_hash()
}

/// Labels and text a hostile or careless user might write; the codec must carry them byte for byte.
pub const HOSTILE_TEXTS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "#d9.x t/nope %00 %2F ../../etc",
    "{\"format\":\"scalelab\"}",
    "Ünïcödé ✓ 🚀 \u{202E}rtl",
    "tab\there\nnew line \\ back",
];

/// The three-tier preset with every label and the name replaced by hostile text, a description holding all of it,
/// a seed and a fault timeline (so every document field is exercised).
pub fn hostile_scenario() -> Scenario {
    let mut s = presets::get("three_tier").expect("preset");
    let ids: Vec<NodeId> = s.nodes.iter().map(|n| n.id).collect();
    for (id, text) in ids.iter().zip(HOSTILE_TEXTS.iter().cycle()) {
        s.apply(Edit::SetLabel {
            node: *id,
            label: (*text).to_owned(),
        })
        .expect("label within limits");
    }
    s.name = HOSTILE_TEXTS[1].to_owned();
    s.description = HOSTILE_TEXTS.join(" | ");
    s.apply(Edit::SetSeed(0xDEAD_BEEF_u64)).expect("seed");
    for (at_us, action) in [
        (1_000_000, sim_core::scenario::FaultAction::Kill),
        (3_000_000, sim_core::scenario::FaultAction::Restore),
    ] {
        s.apply(Edit::AddFault(sim_core::scenario::FaultEvent {
            at_us,
            node: ids[3],
            action,
            peer: None,
        }))
        .expect("fault on an existing node");
    }
    s
}
