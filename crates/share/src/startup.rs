//! What the page opens with, decided from what the browser holds (the query, the fragment, the autosave's text)
//! without touching it: in order, the scenario in the address (`#t/…` or `#d1.…`); else the autosaved diagram; else
//! step 1 of the chapter, with a line of welcome. A link that cannot be read says why and opens the autosaved
//! diagram instead, untouched. Embedded pages never read or write the autosave: a course page must not change, or be
//! changed by, the reader's own work in the full playground. The app carries out the [`Startup::storage`] writes.

use crate::decode_fragment;
use crate::embed::EmbedOptions;
use sim_core::Scenario;
use sim_core::scenario::presets;

/// Local-storage key of the autosaved document (scenario file JSON).
pub const AUTOSAVE_KEY: &str = "scalelab.autosave.v1";
/// Key where the autosave is copied before a shared link's scenario takes its place, so it can be restored.
pub const PREVIOUS_KEY: &str = "scalelab.autosave.previous";
/// Key where an autosave that could not be read is moved (kept for the user, never overwritten silently).
pub const UNREADABLE_KEY: &str = "scalelab.autosave.unreadable";

/// What a first visit says, once.
pub const WELCOME: &str = "Welcome! This is step 1 of the chapter. Press Run, then break something: right-click (or long-press) a node.";

/// A change to local storage the page must make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageWrite {
    /// Store `value` under `key`.
    Set {
        /// The key.
        key: &'static str,
        /// The text.
        value: String,
    },
    /// Remove `key`.
    Remove(&'static str),
}

/// The page's first state.
#[derive(Debug)]
pub struct Startup {
    /// Options from the query string.
    pub options: EmbedOptions,
    /// The document to open.
    pub doc: Scenario,
    /// A message for the user (a link that failed, an autosave that could not be read, a welcome), if any.
    pub notice: Option<String>,
    /// Whether the document came from the address (then the previous autosave was kept under [`PREVIOUS_KEY`]).
    pub from_link: bool,
    /// What to write to local storage, in order.
    pub storage: Vec<StorageWrite>,
}

/// The first step of the chapter (what a first visit opens).
fn default_doc() -> Scenario {
    let first = presets::ALL.first().expect("the chapter has steps").id;
    presets::get(first).expect("presets::ALL lists existing presets")
}

/// Decides the first document from the page's `query` (`?embed=1…`), its `hash` (`#…`) and the autosave's text
/// (`None` when there is none, or storage is unavailable). Never fails.
#[must_use]
pub fn decide(query: &str, hash: &str, autosave: Option<&str>) -> Startup {
    let options = EmbedOptions::from_query(query);
    let mut storage = Vec::new();
    let own = |storage: &mut Vec<StorageWrite>| {
        if options.embed {
            return (default_doc(), None);
        }
        match autosave.map(Scenario::from_json) {
            None => (default_doc(), Some(WELCOME.to_owned())),
            Some(Ok(doc)) => (doc, None),
            Some(Err(e)) => {
                storage.push(StorageWrite::Set {
                    key: UNREADABLE_KEY,
                    value: autosave.unwrap_or_default().to_owned(),
                });
                storage.push(StorageWrite::Remove(AUTOSAVE_KEY));
                (
                    default_doc(),
                    Some(format!(
                        "Your autosaved diagram could not be read ({e}). It is kept in this browser's storage \
                         under “{UNREADABLE_KEY}”; step 1 of the chapter is open instead."
                    )),
                )
            }
        }
    };
    if hash.trim_start_matches('#').trim().is_empty() {
        let (doc, notice) = own(&mut storage);
        return Startup {
            options,
            doc,
            notice,
            from_link: false,
            storage,
        };
    }
    match decode_fragment(hash) {
        Ok(decoded) => {
            // Before a shared scenario takes the place of the user's diagram, keep the autosave (unless it is the
            // same scenario).
            if !options.embed
                && let Some(text) = autosave
                && Scenario::from_json(text).ok().as_ref() != Some(&decoded.scenario)
            {
                storage.push(StorageWrite::Set {
                    key: PREVIOUS_KEY,
                    value: text.to_owned(),
                });
            }
            // Every link this build reads is of today's link version (`d1.`), so none needs a notice that it was
            // updated; when `d2.` comes, `crate::migrate` says so here (see its checklist).
            Startup {
                options,
                doc: decoded.scenario,
                notice: None,
                from_link: true,
                storage,
            }
        }
        Err(e) => {
            let (doc, own_notice) = own(&mut storage);
            let keep = if options.embed {
                "The default scenario is shown instead."
            } else {
                "Your own diagram is shown instead, unchanged."
            };
            let mut notice = format!("This link could not be opened: {e} {keep}");
            if let Some(n) = own_notice.filter(|n| n != WELCOME) {
                notice = format!("{notice} {n}");
            }
            Startup {
                options,
                doc,
                notice: Some(notice),
                from_link: false,
                storage,
            }
        }
    }
}
