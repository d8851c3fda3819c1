//! The run's node table, indexed by [`NodeIx`]: one runtime record per node of the document, in document order.

use super::NodeRt;
use crate::id::NodeIx;
use std::ops::{Deref, DerefMut, Index, IndexMut};

/// Every node's runtime, in document order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Nodes(pub Vec<NodeRt>);

impl Nodes {
    /// Every node index, in order.
    pub(crate) fn indices(&self) -> impl Iterator<Item = NodeIx> + use<> {
        (0..self.0.len()).map(NodeIx::of)
    }
}

impl Index<NodeIx> for Nodes {
    type Output = NodeRt;
    #[inline]
    fn index(&self, i: NodeIx) -> &NodeRt {
        &self.0[i.get()]
    }
}

impl IndexMut<NodeIx> for Nodes {
    #[inline]
    fn index_mut(&mut self, i: NodeIx) -> &mut NodeRt {
        &mut self.0[i.get()]
    }
}

impl Deref for Nodes {
    type Target = [NodeRt];
    fn deref(&self) -> &[NodeRt] {
        &self.0
    }
}

impl DerefMut for Nodes {
    fn deref_mut(&mut self) -> &mut [NodeRt] {
        &mut self.0
    }
}

impl<'a> IntoIterator for &'a Nodes {
    type Item = &'a NodeRt;
    type IntoIter = std::slice::Iter<'a, NodeRt>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut Nodes {
    type Item = &'a mut NodeRt;
    type IntoIter = std::slice::IterMut<'a, NodeRt>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl FromIterator<NodeRt> for Nodes {
    fn from_iter<I: IntoIterator<Item = NodeRt>>(iter: I) -> Self {
        Nodes(iter.into_iter().collect())
    }
}
