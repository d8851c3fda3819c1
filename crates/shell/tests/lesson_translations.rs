//! The translated lessons keep step with the core's English: a lesson translated in `locales/<lang>.ftl` has one
//! `explain-N` attribute per paragraph of `sim_core::scenario::lessons`, a `watch`, and a title and an expectation
//! per experiment, and no more. A paragraph added to the English (or removed) then fails here instead of showing in
//! English on a Spanish or Chinese page.

use sim_core::scenario::lessons;
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
    let mut translated = 0;
    for (lang, ftl) in CATALOGS {
        let catalog = attributes(ftl);
        for lesson in lessons::ALL {
            let Some(have) = catalog.get(&format!("lesson-{}", lesson.preset)) else {
                continue;
            };
            translated += 1;
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
    assert!(
        translated >= 2 * 5,
        "steps 1–5 are translated in es and zh; found {translated} lessons"
    );
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
