//! Sharing and keeping work: the scenario in the address bar (`#t/<preset>` or `#d1.…`), autosave to local
//! storage, files (JSON, SVG and PNG with the scenario inside), the share dialog, and embed mode with its
//! postMessage bridge. The formats themselves live in the `scalelab-share` crate (pure, natively tested); this
//! module only moves them between the browser and [`crate::ctx::Ctx`].
//!
//! Rule for every way in: a scenario that cannot be read gets a message and never replaces the user's work.

pub mod bridge;
pub mod crash;
pub mod dialog;
pub mod files;
pub mod startup;
pub mod sync;

use scalelab_share::{encode_fragment, preset_fragment};
use sim_core::Scenario;
use sim_core::scenario::{lessons, presets};

/// The fragment (without `#`) that shares `doc`: the short `t/<id>` when it is an unchanged preset, else the
/// whole document as `d1.…`.
#[must_use]
pub fn fragment_for(doc: &Scenario) -> String {
    lessons::for_scenario(doc)
        .filter(|l| presets::get(l.preset).as_ref() == Some(doc))
        .and_then(|l| preset_fragment(l.preset))
        .unwrap_or_else(|| encode_fragment(doc))
}

/// The page's address without query and fragment (`https://host/sub/path/`), the base of every link.
#[must_use]
pub fn page_base() -> String {
    let loc = leptos::prelude::window().location();
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// The full-playground address (no embed options) of a share fragment, e.g. `https://host/lab/#t/cache`.
#[must_use]
pub fn link_to(fragment: &str) -> String {
    format!("{}#{fragment}", page_base())
}
