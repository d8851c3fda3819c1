//! Edges as things of their own, as in any diagram tool: one edge can be selected (by a press on its curve, see
//! [`Editor::press`], or by walking to it with Tab), inspected and removed as one undo step. An edge is selected
//! alone: selecting it deselects the nodes and selecting a node deselects it; the marquee takes nodes only.
//!
//! The keyboard walk ([`Editor::item_after`]) goes through the nodes in document order, then the edges in document
//! order, so Tab reaches every node before the first edge (the connections are read after what they connect).

use crate::interaction::Editor;
use sim_core::NodeId;
use sim_core::scenario::Edit;

/// A thing on the canvas that is selected on its own: a node, or an edge `from → to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// A node.
    Node(NodeId),
    /// The edge from the first node (the sender) to the second.
    Edge(NodeId, NodeId),
}

impl Editor {
    /// The selected edge as `(from, to)`, if an edge is selected (then no node is).
    #[must_use]
    pub fn selected_edge(&self) -> Option<(NodeId, NodeId)> {
        self.selected_edge
    }

    /// Selects the edge `from → to` alone (nothing when the document has no such edge).
    pub fn select_edge(&mut self, from: NodeId, to: NodeId) {
        if self.has_edge(from, to) {
            self.selection.clear();
            self.selected_edge = Some((from, to));
        }
    }

    /// Selects `item` alone (a node or an edge; nothing when it is not in the document).
    pub fn select_item(&mut self, item: Item) {
        match item {
            Item::Node(id) if self.doc.node(id).is_some() => self.select(&[id]),
            Item::Edge(from, to) => self.select_edge(from, to),
            Item::Node(_) => {}
        }
    }

    /// The one selected thing: the selected edge, or the node when exactly one is selected.
    #[must_use]
    pub fn selected_item(&self) -> Option<Item> {
        match (self.selected_edge, self.selection.as_slice()) {
            (Some((from, to)), _) => Some(Item::Edge(from, to)),
            (None, [id]) => Some(Item::Node(*id)),
            _ => None,
        }
    }

    /// Every node, then every edge, in document order: the order Tab walks through the canvas.
    #[must_use]
    pub fn items(&self) -> Vec<Item> {
        let nodes = self.doc.nodes.iter().map(|n| Item::Node(n.id));
        let edges = self.doc.edges.iter().map(|e| Item::Edge(e.from, e.to));
        nodes.chain(edges).collect()
    }

    /// The item after `item` in [`Editor::items`] (`forward`), or before it; `None` past either end or when `item`
    /// is not in the document.
    #[must_use]
    pub fn item_after(&self, item: Item, forward: bool) -> Option<Item> {
        let items = self.items();
        let at = items.iter().position(|&i| i == item)?;
        if forward {
            items.get(at + 1).copied()
        } else {
            at.checked_sub(1).and_then(|i| items.get(i).copied())
        }
    }

    /// Tab (`forward`) or Shift+Tab from the one selected thing, or from outside the canvas when nothing is
    /// (forward: the first item; back: the last): selects the next item and returns it. `None` when the walk leaves
    /// the canvas (the selection is kept, as when Tab leaves the last node for the next control on the page).
    pub fn tab(&mut self, forward: bool) -> Option<Item> {
        let next = match self.selected_item() {
            Some(current) => self.item_after(current, forward),
            None if forward => self.items().first().copied(),
            None => self.items().last().copied(),
        }?;
        self.select_item(next);
        Some(next)
    }

    /// Removes the selected edge as one undo step and selects its sender, so the keyboard stays on the diagram
    /// where the edge was. Nothing without a selected edge or in lesson mode (the refusal is the notice).
    pub fn remove_selected_edge(&mut self) -> Vec<Edit> {
        let Some((from, to)) = self.selected_edge else {
            return Vec::new();
        };
        let edit = Edit::Disconnect { from, to };
        if self.dispatch(edit.clone()).is_ok() {
            self.select(&[from]);
            vec![edit]
        } else {
            Vec::new()
        }
    }

    fn has_edge(&self, from: NodeId, to: NodeId) -> bool {
        self.doc.edges.iter().any(|e| e.from == from && e.to == to)
    }
}
