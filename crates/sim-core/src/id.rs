//! Strong identifiers. A `NodeId` names a component in the document; it is not an index and supports no
//! arithmetic, so a node id can never be confused with a request handle or a counter. The runtime's indices are
//! types of their own too: a [`NodeIx`] is a node's position in a run's node table, a [`ReqIx`] a request's slot in
//! the table of requests in flight, so neither can be passed where the other (or a key, or a count) is meant.

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

/// A node's index in a run: its position in the document's node list, which the runtime keeps. Valid only for the
/// run it came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeIx(pub u32);

impl NodeIx {
    /// No node (a request between nodes, a missing target).
    pub const NONE: NodeIx = NodeIx(u32::MAX);

    /// As an index into per-node tables.
    #[must_use]
    #[inline]
    pub fn get(self) -> usize {
        self.0 as usize
    }

    /// The index of position `i` of the node table.
    ///
    /// # Panics
    /// Past 2^32 nodes (the document's limits keep runs far below).
    #[must_use]
    pub fn of(i: usize) -> NodeIx {
        NodeIx(u32::try_from(i).expect("node count fits u32"))
    }
}

/// A request's slot among the requests in flight. Slots are reused once a request is answered, so a slot is only
/// meaningful while its request lives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReqIx(pub u32);

impl ReqIx {
    /// As an index into the request table.
    #[must_use]
    #[inline]
    pub fn get(self) -> usize {
        self.0 as usize
    }
}
