//! The translated lessons keep step with the core's English: a lesson translated in `locales/<lang>.ftl` has one
//! `explain-N` attribute per paragraph of `sim_core::scenario::lessons`, a `watch`, and a title and an expectation
//! per experiment, and no more. A paragraph added to the English (or removed) then fails here instead of showing in
//! English on a Spanish or Chinese page. And every step of the chapter is translated: its lesson, its challenge
//! and its preset's title, in every catalog, so a new step (or a half-translated one) fails here too.

use sim_core::scenario::{lessons, presets};
use std::collections::{BTreeMap, BTreeSet};

/// The catalogs that translate lessons, as the app ships them.
const CATALOGS: &[(&str, &str)] = &[
    ("es", include_str!("../../../locales/es.ftl")),
    ("zh", include_str!("../../../locales/zh.ftl")),
];

/// Each message id of a Fluent catalog with the names of its attributes (`  .name = …` lines under it).
fn attributes(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in ftl.lines() {
        let Some((left, _)) = line.split_once('=') else {
            continue;
        };
        if line.starts_with(' ') {
            if let (Some(id), Some(attr)) = (&current, left.trim().strip_prefix('.')) {
                out.entry(String::clone(id))
                    .or_default()
                    .insert(attr.trim().to_owned());
            }
        } else if !line.starts_with('#') {
            let id = left.trim().to_owned();
            out.entry(id.clone()).or_default();
            current = Some(id);
        }
    }
    out
}

#[test]
fn translated_lessons_have_the_paragraphs_and_experiments_of_the_english() {
    let mut problems = Vec::new();
    for (lang, ftl) in CATALOGS {
        let catalog = attributes(ftl);
        for lesson in lessons::ALL {
            let Some(have) = catalog.get(&format!("lesson-{}", lesson.preset)) else {
                continue;
            };
            let mut want: BTreeSet<String> = (1..=lesson.explain.len())
                .map(|i| format!("explain-{i}"))
                .collect();
            want.insert("watch".to_owned());
            for i in 1..=lesson.experiments.len() {
                want.insert(format!("x-{i}-title"));
                want.insert(format!("x-{i}-expect"));
            }
            for missing in want.difference(have) {
                problems.push(format!(
                    "locales/{lang}.ftl: lesson-{} has no .{missing} (the English has it)",
                    lesson.preset
                ));
            }
            for extra in have.difference(&want) {
                problems.push(format!(
                    "locales/{lang}.ftl: lesson-{} has .{extra}, which the English lesson no longer has",
                    lesson.preset
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_step_has_its_lesson_challenge_and_title_in_every_catalog() {
    let mut problems = Vec::new();
    for (lang, ftl) in CATALOGS {
        let catalog = attributes(ftl);
        for preset in presets::ALL {
            let mut want = vec![
                format!("preset-{}", preset.id),
                format!("lesson-{}", preset.id),
            ];
            let doc = presets::get(preset.id).expect("a listed preset loads");
            if doc.challenge.is_some() {
                want.push(format!("challenge-{}", preset.id));
            }
            for id in want {
                if !catalog.contains_key(&id) {
                    problems.push(format!(
                        "locales/{lang}.ftl: no `{id}`, so step `{}` shows in English",
                        preset.id
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_attribute_reader_sees_ids_and_attributes() {
    let got =
        attributes("# note\nlesson-a = Title\n    .explain-1 = One\n    .watch = W\nplain = x\n");
    assert_eq!(
        got["lesson-a"],
        ["explain-1", "watch"].map(String::from).into()
    );
    assert!(got["plain"].is_empty());
    assert!(!got.contains_key("# note"));
}
