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

pub use scalelab_share::fragment_for;

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
