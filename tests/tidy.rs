//! Repository-wide tidy checks over every `.rs` file (a test of the xtask package, so it runs natively without
//! Leptos): each file opens with a `//!` paragraph saying what it owns; no debugging or placeholder macros; the
//! simulation core stays deterministic (no hashed collections, wall clocks or OS randomness); the editor logic stays
//! free of web dependencies; no file grows past 700 lines; the message catalogs in `locales/` agree (every key
//! of English in every language, every key used by the app).
//!
//! Identifier rules look at code only (text before a `//` comment), so a comment may explain why a name is
//! banned. Every failure names the file and line.

use std::path::{Path, PathBuf};

/// Longest allowed `.rs` file, in lines.
const MAX_LINES: usize = 700;

/// Identifiers that break determinism in the simulation core (iteration order, wall time, OS entropy).
const NONDETERMINISTIC: &[&str] = &[
    "HashMap",
    "HashSet",
    "Instant",
    "SystemTime",
    "thread_rng",
    "OsRng",
];

/// Crates the editor and shell logic must not use: they are unit-tested natively and know nothing of the DOM.
const WEB_CRATES: &[&str] = &["leptos", "web_sys"];

/// One `.rs` file, its path relative to the repository root (with `/` separators) and its text.
struct Source {
    rel: String,
    text: String,
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    check(|src, problems| {
        let first = src.text.lines().next().unwrap_or_default();
        if !first.starts_with("//!") {
            problems.push(format!(
                "{}:1: must start with a `//!` paragraph saying what the file owns",
                src.rel
            ));
        }
    });
}

#[test]
fn no_debugging_or_placeholder_macros() {
    // Built at run time so this file does not contain the very strings it forbids.
    let banned: Vec<String> = ["dbg", "todo", "unimplemented"]
        .iter()
        .map(|m| format!("{m}!("))
        .collect();
    check(|src, problems| {
        for (number, line) in numbered(&src.text) {
            for macro_call in &banned {
                if line.contains(macro_call.as_str()) {
                    problems.push(format!("{}:{number}: remove `{macro_call}`", src.rel));
                }
            }
        }
    });
}

#[test]
fn sim_core_is_deterministic() {
    check(|src, problems| {
        if src.rel.starts_with("crates/sim-core/src/") {
            banned_identifiers(
                src,
                NONDETERMINISTIC,
                "breaks determinism in sim-core",
                problems,
            );
        }
    });
}

#[test]
fn editor_and_shell_logic_have_no_web_dependency() {
    check(|src, problems| {
        for krate in ["editor", "shell"] {
            if src.rel.starts_with(&format!("crates/{krate}/src/")) {
                banned_identifiers(
                    src,
                    WEB_CRATES,
                    &format!("the {krate} crate must stay web-free"),
                    problems,
                );
            }
        }
    });
}

#[test]
fn no_file_is_too_long() {
    check(|src, problems| {
        let lines = src.text.lines().count();
        if lines > MAX_LINES {
            problems.push(format!(
                "{}:{}: {lines} lines, over the {MAX_LINES}-line limit: split it",
                src.rel,
                MAX_LINES + 1
            ));
        }
    });
}

#[test]
fn the_walk_sees_the_workspace() {
    let files = sources();
    for expected in ["xtask/src/main.rs", "tests/tidy.rs"] {
        assert!(
            files.iter().any(|s| s.rel == expected),
            "tidy did not find {expected}; is the walk broken?"
        );
    }
    assert!(
        files
            .iter()
            .all(|s| !s.rel.starts_with("target") && !s.rel.contains("node_modules/"))
    );
}

#[test]
fn identifier_matching_respects_word_boundaries_and_comments() {
    assert!(uses_identifier("let m: HashMap<u32, u32> = x;", "HashMap"));
    assert!(uses_identifier("use std::time::Instant;", "Instant"));
    assert!(!uses_identifier(
        "let instantaneous_rate = 1; // no Instant here",
        "Instant"
    ));
    assert!(!uses_identifier("let my_HashMap_like = 1;", "HashMap"));
    assert!(!uses_identifier(
        "/// Uses a BTreeMap, not a HashMap, for a stable order.",
        "HashMap"
    ));
    assert!(uses_identifier("leptos::mount_to_body(app);", "leptos"));
    assert!(!uses_identifier("let leptos_free = true;", "leptos"));
}

/// The languages besides English, as catalog file names in `locales/`.
const LOCALES: &[&str] = &["es", "zh"];

/// Message ids of the catalogs that translate a text the core writes in English (so English has no such message):
/// these prefixes followed by a chapter step's preset id.
const CORE_TEXT_PREFIXES: &[&str] = &["lesson-", "challenge-", "preset-"];

/// Message ids that translate a text the core writes in English by a stable name rather than a step: a node
/// setting's label and options (`setting-<name>`, `choice-<name>-<option>`, checked against the core's tables by
/// `crates/shell/src/messages.rs`), a validation issue (`issue-<kind>`), a refused value (`range-<case>`) and a
/// shortcut sheet row or section (`sheet-<row>`, `sheet-section-<id>`, checked against `keymap::SECTIONS` there)
/// an event log clause (`log-<clause>`, the ids of `LogText` in the core's engine, `log-join` between them) and a
/// verdict's (`grade-<clause>`, from `verdict.rs`); what an edge carries (`link-<id>`, `link::MEANINGS`).
const CORE_NAME_PREFIXES: &[&str] = &[
    "setting-", "choice-", "issue-", "range-", "sheet-", "log-", "grade-", "link-",
];

#[test]
fn every_language_has_every_message_of_english() {
    let en = catalog("en");
    let presets = preset_ids();
    let (en_core, en_chrome) = split_core(&en, &presets);
    assert!(
        en_core.is_empty(),
        "locales/en.ftl: {en_core:?} come from the core in English"
    );
    let mut problems = Vec::new();
    let mut core_sets = Vec::new();
    for lang in LOCALES {
        let (core, chrome) = split_core(&catalog(lang), &presets);
        for key in en_chrome.difference(&chrome) {
            problems.push(format!("locales/{lang}.ftl: missing `{key}` (in en.ftl)"));
        }
        for key in chrome.difference(&en_chrome) {
            problems.push(format!(
                "locales/{lang}.ftl: `{key}` is not in en.ftl (unused?)"
            ));
        }
        core_sets.push((lang, core));
    }
    // The translated lessons, challenges and preset titles: the same in every language.
    for (lang, core) in &core_sets {
        for (other, other_core) in &core_sets {
            for key in other_core.difference(core) {
                problems.push(format!(
                    "locales/{lang}.ftl: missing `{key}` (in {other}.ftl)"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "catalogs disagree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_message_is_used_and_every_used_message_exists() {
    let en = catalog("en");
    let presets = preset_ids();
    let (_, chrome) = split_core(&en, &presets);
    let all = sources();
    let app: Vec<&Source> = all.iter().filter(|s| s.rel.starts_with("src/")).collect();
    // The shell crate names sentences by id too (`rules.rs`); the app translates them.
    let shell: Vec<&Source> = all
        .iter()
        .filter(|s| s.rel.starts_with("crates/shell/src/"))
        .collect();
    let mut problems = Vec::new();
    for key in chrome.iter().filter(|k| !k.contains('.')) {
        let quoted = format!("\"{key}\"");
        if !app.iter().chain(&shell).any(|s| s.text.contains(&quoted)) {
            problems.push(format!(
                "locales/en.ftl: `{key}` is used nowhere in src/ or crates/shell/src/"
            ));
        }
    }
    for src in &app {
        for (number, line) in numbered(&src.text) {
            for key in message_ids_in(line) {
                if !chrome.contains(&key) {
                    problems.push(format!(
                        "{}:{number}: `{key}` is not in locales/en.ftl",
                        src.rel
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "messages out of step:\n{}",
        problems.join("\n")
    );
}

#[test]
fn message_ids_are_found_in_calls_only() {
    assert_eq!(
        message_ids_in(r#"{tr!("a-b")} t("c") t_with("d", &[]) set("x") at("y")"#),
        ["a-b", "c", "d"]
    );
}

/// The message ids passed as literals to `tr!`, `t` and `t_with` on `line`, and a modal's `title_key`.
fn message_ids_in(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or_default();
    let mut out = Vec::new();
    for call in ["tr!(\"", "t(\"", "t_with(\"", "title_key=\""] {
        for (start, _) in code.match_indices(call) {
            let before = code[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[start + call.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_owned());
            }
        }
    }
    out
}

/// The keys of `locales/<lang>.ftl`: each message id, and `id.attribute` for its attributes.
fn catalog(lang: &str) -> std::collections::BTreeSet<String> {
    let path = repo_root().join("locales").join(format!("{lang}.ftl"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let is_id = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let mut keys = std::collections::BTreeSet::new();
    let mut current = String::new();
    for line in text.lines() {
        if let Some((id, _)) = line.split_once('=') {
            let id = id.trim_end();
            if is_id(id) {
                current = id.to_owned();
                keys.insert(current.clone());
            } else if let Some(attr) = id.trim_start().strip_prefix('.')
                && line.starts_with(' ')
                && is_id(attr)
            {
                keys.insert(format!("{current}.{attr}"));
            }
        }
    }
    keys
}

/// Splits catalog keys into translations of core texts (see [`CORE_TEXT_PREFIXES`]) and the app's own messages.
fn split_core(
    keys: &std::collections::BTreeSet<String>,
    presets: &[String],
) -> (
    std::collections::BTreeSet<String>,
    std::collections::BTreeSet<String>,
) {
    keys.iter().cloned().partition(|k| {
        let id = k.split('.').next().unwrap_or_default();
        CORE_NAME_PREFIXES.iter().any(|p| id.starts_with(p))
            || CORE_TEXT_PREFIXES.iter().any(|p| {
                id.strip_prefix(p)
                    .is_some_and(|rest| presets.iter().any(|x| x == rest))
            })
    })
}

/// The chapter's preset ids, as written in the core's `presets.rs` (`id: "three_tier",`).
fn preset_ids() -> Vec<String> {
    let path = repo_root().join("crates/sim-core/src/scenario/presets.rs");
    let text = std::fs::read_to_string(&path).expect("presets.rs is readable");
    text.lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("id: \"")?
                .split('"')
                .next()
                .map(str::to_owned)
        })
        .collect()
}

fn repo_root() -> PathBuf {
    // Cargo sets the variable when it runs the test too: a binary reused from another checkout of the same
    // workspace (a shared target directory) then still reads the checkout it runs in.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest
        .parent()
        .expect("xtask/ lives in the repository root")
        .to_path_buf()
}

/// Runs `rule` on every source file and fails with every problem it reports, one per line.
fn check(rule: impl Fn(&Source, &mut Vec<String>)) {
    let mut problems = Vec::new();
    for src in sources() {
        rule(&src, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "tidy found {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn banned_identifiers(src: &Source, banned: &[&str], why: &str, problems: &mut Vec<String>) {
    for (number, line) in numbered(&src.text) {
        for ident in banned {
            if uses_identifier(line, ident) {
                problems.push(format!("{}:{number}: `{ident}` {why}", src.rel));
            }
        }
    }
}

/// Whether the code part of `line` (before any `//` comment) contains `ident` as a whole identifier.
fn uses_identifier(line: &str, ident: &str) -> bool {
    let code = line.split("//").next().unwrap_or_default();
    let is_ident_char = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(ident).any(|(start, _)| {
        let before = code[..start].chars().next_back();
        let after = code[start + ident.len()..].chars().next();
        !before.is_some_and(is_ident_char) && !after.is_some_and(is_ident_char)
    })
}

/// Lines with 1-based numbers.
fn numbered(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, line)| (i + 1, line))
}

/// Every `.rs` file of the repository, skipping build output, dependencies and hidden directories.
fn sources() -> Vec<Source> {
    let root_dir = repo_root();
    let root = root_dir.as_path();
    let mut files = Vec::new();
    walk(root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let rel = path
                .strip_prefix(root)
                .expect("walked under root")
                .to_string_lossy()
                .replace('\\', "/");
            Source { rel, text }
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            let skipped = name.starts_with('.')
                || name.starts_with("target")
                || name == "node_modules"
                || name == "dist";
            if !skipped {
                walk(&path, out);
            }
        } else if kind.is_file() && name.ends_with(".rs") {
            out.push(path);
        }
    }
}
