//! Strong identifiers. A `NodeId` names a component in the document; it is not an index and supports no
//! arithmetic, so a node id can never be confused with a request handle or a counter.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifier of a node (component) in a scenario. Stable across edits: ids are never reused within a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub u32);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n{}", self.0)
    }
}
