//! What the page opens with: reads the address and the autosave from the browser, lets
//! [`scalelab_share::startup::decide`] choose (address → autosave → step 1 of the chapter; embeds never touch the
//! autosave), and makes the storage writes it asks for.

use leptos::prelude::window;
use scalelab_share::startup::{PREVIOUS_KEY, Startup, StorageWrite};
use sim_core::Scenario;

pub use scalelab_share::startup::AUTOSAVE_KEY;

/// Local storage, when the browser allows it (private modes and sandboxed frames may not).
#[must_use]
pub fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Decides the first document from the address and the autosave, and keeps the autosave as the decision says
/// (copied aside before a link replaces it, moved aside when unreadable). Reads the browser; never fails.
#[must_use]
pub fn initial() -> Startup {
    let loc = window().location();
    let query = loc.search().unwrap_or_default();
    let hash = loc.hash().unwrap_or_default();
    let embed = scalelab_share::embed::EmbedOptions::from_query(&query).embed;
    let autosave = if embed {
        None
    } else {
        storage().and_then(|s| s.get_item(AUTOSAVE_KEY).ok().flatten())
    };
    let start = scalelab_share::startup::decide(&query, &hash, autosave.as_deref());
    if let Some(st) = storage() {
        for write in &start.storage {
            let _ = match write {
                StorageWrite::Set { key, value } => st.set_item(key, value),
                StorageWrite::Remove(key) => st.remove_item(key),
            };
        }
    }
    start
}

/// The diagram kept under [`PREVIOUS_KEY`] before a link replaced it, if any.
#[must_use]
pub fn previous() -> Option<Scenario> {
    let text = storage()?.get_item(PREVIOUS_KEY).ok().flatten()?;
    Scenario::from_json(&text).ok()
}
