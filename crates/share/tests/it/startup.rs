//! The page's first document: the address wins, then the autosave, then step 1 with a welcome; a bad link or a bad
//! autosave says so and keeps what it can; embeds never read or write the autosave. Also the share fragment and
//! the file names.

use scalelab_share::export::file_stem;
use scalelab_share::startup::{
    AUTOSAVE_KEY, PREVIOUS_KEY, StorageWrite, UNREADABLE_KEY, WELCOME, decide,
};
use scalelab_share::{encode_fragment, fragment_for};
use sim_core::Scenario;
use sim_core::scenario::presets;

fn preset(id: &str) -> Scenario {
    presets::get(id).expect("preset")
}

#[test]
fn a_first_visit_opens_step_one_with_a_welcome() {
    let s = decide("", "", None);
    assert_eq!(s.doc, preset(presets::ALL[0].id));
    assert_eq!(s.notice.as_deref(), Some(WELCOME));
    assert!(s.storage.is_empty() && !s.from_link);
}

#[test]
fn the_autosave_comes_back_and_a_link_keeps_it_as_previous() {
    let mine = preset("cache").to_json();
    let s = decide("", "", Some(&mine));
    assert_eq!(s.doc, preset("cache"));
    assert_eq!(s.notice, None);

    let s = decide("", "#t/sharing", Some(&mine));
    assert!(s.notice.is_some(), "no such preset: the link says why");
    assert_eq!(s.doc, preset("cache"), "and the autosave opens, untouched");
    assert!(s.storage.is_empty());

    let s = decide("", "#t/sharding", Some(&mine));
    assert!(s.from_link);
    assert_eq!(s.doc, preset("sharding"));
    assert_eq!(
        s.storage,
        [StorageWrite::Set {
            key: PREVIOUS_KEY,
            value: mine.clone()
        }]
    );
    let same = decide("", "#t/cache", Some(&mine));
    assert!(same.storage.is_empty(), "the same scenario needs no copy");
}

#[test]
fn an_unreadable_autosave_is_moved_aside_never_lost() {
    let s = decide("", "", Some("{not json"));
    assert_eq!(s.doc, preset(presets::ALL[0].id));
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.contains(UNREADABLE_KEY))
    );
    assert_eq!(
        s.storage,
        [
            StorageWrite::Set {
                key: UNREADABLE_KEY,
                value: "{not json".into()
            },
            StorageWrite::Remove(AUTOSAVE_KEY)
        ]
    );
}

#[test]
fn an_embed_leaves_the_autosave_alone() {
    let mine = preset("cache").to_json();
    let s = decide("?embed=1", "", Some(&mine));
    assert_eq!(s.doc, preset(presets::ALL[0].id));
    assert_eq!(s.notice, None);
    let s = decide("?embed=1&readonly=1", "#t/sharding", Some(&mine));
    assert!(s.options.readonly && s.storage.is_empty());
    let s = decide("?embed=1", "#d1.broken", Some(&mine));
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.contains("default scenario"))
    );
}

#[test]
fn the_share_fragment_is_short_for_a_preset_and_whole_once_edited() {
    let mut doc = preset("three_tier");
    assert_eq!(fragment_for(&doc), "t/three_tier");
    doc.seed = 42;
    assert_eq!(fragment_for(&doc), encode_fragment(&doc));
}

#[test]
fn file_names_come_from_the_scenario_name_and_are_never_empty() {
    let stem = |name: &str| {
        file_stem(&Scenario {
            name: name.into(),
            ..Scenario::default()
        })
    };
    assert_eq!(
        stem("Cache in front of the DB!"),
        "scalelab-cache-in-front-of-the-db"
    );
    assert_eq!(stem("<script>"), "scalelab-script");
    assert_eq!(stem("…"), "scenario");
    assert!(stem(&"a".repeat(200)).len() <= "scalelab-".len() + 48);
}
