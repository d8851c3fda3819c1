//! What the page opens with. In order: the scenario in the address (`#t/…` or `#d1.…`); else the autosaved
//! diagram; else step 1 of the chapter, with a line of welcome. A link that cannot be read says why and opens the autosaved diagram
//! instead, untouched. Embedded pages never read or write the autosave: a course page must not change, or be
//! changed by, the reader's own work in the full playground.

use leptos::prelude::window;
use scalelab_share::decode_fragment;
use scalelab_share::embed::EmbedOptions;
use sim_core::Scenario;
use sim_core::scenario::presets;

/// Local-storage key of the autosaved document (scenario file JSON).
pub const AUTOSAVE_KEY: &str = "scalelab.autosave.v1";
/// Key where the autosave is copied before a shared link's scenario takes its place, so it can be restored.
pub const PREVIOUS_KEY: &str = "scalelab.autosave.previous";
/// Key where an autosave that could not be read is moved (kept for the user, never overwritten silently).
pub const UNREADABLE_KEY: &str = "scalelab.autosave.unreadable";

/// The page's first state.
pub struct Startup {
    /// Options from the query string.
    pub options: EmbedOptions,
    /// The document to open.
    pub doc: Scenario,
    /// A message for the user (a link that failed, an autosave that could not be read), if any.
    pub notice: Option<String>,
    /// Whether the document came from the address (then the previous autosave was kept under [`PREVIOUS_KEY`]).
    pub from_link: bool,
}

/// Local storage, when the browser allows it (private modes and sandboxed frames may not).
#[must_use]
pub fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The first step of the chapter (what a first visit opens).
fn default_doc() -> Scenario {
    let first = presets::ALL.first().expect("the chapter has steps").id;
    presets::get(first).expect("presets::ALL lists existing presets")
}

/// What a first visit says, once.
pub const WELCOME: &str = "Welcome! This is step 1 of the chapter. Press Run, then break something: right-click (or long-press) a node.";

/// The autosaved document. `Err` carries a sentence when a saved text exists but cannot be read (the text is
/// then moved to [`UNREADABLE_KEY`]).
fn autosaved() -> Result<Option<Scenario>, String> {
    let Some(st) = storage() else { return Ok(None) };
    let Some(text) = st.get_item(AUTOSAVE_KEY).ok().flatten() else {
        return Ok(None);
    };
    match Scenario::from_json(&text) {
        Ok(doc) => Ok(Some(doc)),
        Err(e) => {
            let _ = st.set_item(UNREADABLE_KEY, &text);
            let _ = st.remove_item(AUTOSAVE_KEY);
            Err(format!(
                "Your autosaved diagram could not be read ({e}). It is kept in this browser's storage under \
                 “{UNREADABLE_KEY}”; step 1 of the chapter is open instead."
            ))
        }
    }
}

/// Decides the first document from the address and the autosave. Reads the browser; never fails.
#[must_use]
pub fn initial() -> Startup {
    let loc = window().location();
    let options = EmbedOptions::from_query(&loc.search().unwrap_or_default());
    let hash = loc.hash().unwrap_or_default();
    let own = || {
        if options.embed {
            (default_doc(), None)
        } else {
            match autosaved() {
                Ok(Some(doc)) => (doc, None),
                Ok(None) => (default_doc(), Some(WELCOME.to_owned())),
                Err(msg) => (default_doc(), Some(msg)),
            }
        }
    };
    if hash.trim_start_matches('#').trim().is_empty() {
        let (doc, notice) = own();
        return Startup {
            options,
            doc,
            notice,
            from_link: false,
        };
    }
    match decode_fragment(&hash) {
        Ok(decoded) => {
            if !options.embed {
                keep_previous(&decoded.scenario);
            }
            // Every link this build reads is of today's link version (`d1.`), so none needs a notice that it was
            // updated; when `d2.` comes, `scalelab_share::migrate` says so here (see its checklist).
            Startup {
                options,
                doc: decoded.scenario,
                notice: None,
                from_link: true,
            }
        }
        Err(e) => {
            let (doc, own_notice) = own();
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
            }
        }
    }
}

/// Before a shared scenario takes the place of the user's diagram, copies the autosave to [`PREVIOUS_KEY`]
/// (unless it is the same scenario).
fn keep_previous(incoming: &Scenario) {
    let Some(st) = storage() else { return };
    if let Some(text) = st.get_item(AUTOSAVE_KEY).ok().flatten()
        && Scenario::from_json(&text).ok().as_ref() != Some(incoming)
    {
        let _ = st.set_item(PREVIOUS_KEY, &text);
    }
}

/// The diagram kept by [`keep_previous`], if any.
#[must_use]
pub fn previous() -> Option<Scenario> {
    let text = storage()?.get_item(PREVIOUS_KEY).ok().flatten()?;
    Scenario::from_json(&text).ok()
}
