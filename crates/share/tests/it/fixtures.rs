//! Every link ever issued keeps loading: `tests/fixtures/d<N>_<name>.txt` hold links written by the encoder of
//! their day and are never regenerated or edited. When the link or file format changes, these must still decode
//! (through `migrate` and the core's file migrations) into runnable scenarios.
//!
//! To add fixtures for a new link version: `cargo test -p scalelab-share --test it -- --ignored write_fixtures`
//! (it only writes files that do not exist yet), then commit them.

use crate::{hostile_scenario, trace_hash_after_5_s};
use scalelab_share::{LINK_VERSION, LinkKind, decode_fragment, encode_fragment};
use sim_core::scenario::presets;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `(file name, link)` of every fixture, sorted by name.
fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().expect("file").to_string_lossy().into_owned();
            let link = std::fs::read_to_string(&p).expect("readable fixture");
            (name, link)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_fixture_ever_issued_still_loads_and_runs() {
    let all = fixtures();
    assert!(all.len() >= 3, "fixtures missing: {all:?}");
    for (name, link) in &all {
        let version: u32 = name
            .strip_prefix('d')
            .and_then(|r| r.split('_').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name}: fixture names start with d<N>_"));
        let d = decode_fragment(link).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            d.kind,
            LinkKind::Document {
                link_version: version
            },
            "{name}"
        );
        assert!(!d.scenario.nodes.is_empty(), "{name}");
        assert!(
            d.scenario.errors().is_empty(),
            "{name}: {:?}",
            d.scenario.errors()
        );
        // Runs, and re-encoding it in today's format loads the same document.
        trace_hash_after_5_s(&d.scenario);
        let today = decode_fragment(&encode_fragment(&d.scenario)).expect("re-encoded");
        assert_eq!(today.scenario, d.scenario, "{name}");
    }
}

#[test]
fn the_d1_fixtures_hold_what_they_were_made_from() {
    let load = |file: &str| {
        let link = std::fs::read_to_string(fixture_dir().join(file)).expect("fixture");
        decode_fragment(&link).expect("loads").scenario
    };
    let three = load("d1_three_tier.txt");
    assert_eq!(three.name, "Load balancer + two web servers + database");
    assert_eq!((three.nodes.len(), three.edges.len()), (6, 6));
    let single = load("d1_single_server.txt");
    assert_eq!(single.name, "Single server");
    assert_eq!(single.nodes.len(), 3);
    let hostile = load("d1_hostile_labels.txt");
    assert_eq!(hostile.nodes[0].label, "<script>alert(1)</script>");
    assert_eq!(hostile.faults.len(), 2);
}

/// Writes today's fixtures for [`LINK_VERSION`]; never overwrites one.
#[test]
#[ignore = "run once per link version to create fixtures; they are then committed and never regenerated"]
fn write_fixtures() {
    let mut docs: Vec<(String, sim_core::Scenario)> = presets::ALL
        .iter()
        .map(|p| (p.id.to_owned(), presets::get(p.id).expect("preset")))
        .collect();
    docs.push(("hostile_labels".to_owned(), hostile_scenario()));
    for (name, s) in docs {
        let path = fixture_dir().join(format!("d{LINK_VERSION}_{name}.txt"));
        if !path.exists() {
            std::fs::write(&path, encode_fragment(&s) + "\n").expect("fixture written");
        }
    }
}
