//! The in-app clipboard: a copy of some nodes (with their settings, labels and data centers) and the connections
//! among them, and how to paste it into a document as fresh nodes. Connections to nodes outside the copy are left
//! behind, as in draw.io. The system clipboard is not used: a diagram fragment means nothing outside the app.

use sim_core::model::Node;
use sim_core::scenario::{Edit, EditError, Scenario};
use sim_core::{ComponentKind, NodeId};

/// Copied nodes and the connections among them.
#[derive(Clone, Debug, PartialEq)]
pub struct Clip {
    nodes: Vec<Node>,
    edges: Vec<(NodeId, NodeId)>,
}

impl Clip {
    /// A copy of the nodes `ids` of `doc` (unknown ids ignored) and the connections between them; `None` when no
    /// id names a node.
    #[must_use]
    pub fn of(doc: &Scenario, ids: &[NodeId]) -> Option<Clip> {
        let nodes: Vec<Node> = doc
            .nodes
            .iter()
            .filter(|n| ids.contains(&n.id))
            .cloned()
            .collect();
        if nodes.is_empty() {
            return None;
        }
        let inside = |id: NodeId| nodes.iter().any(|n| n.id == id);
        let edges = doc
            .edges
            .iter()
            .filter(|e| inside(e.from) && inside(e.to))
            .map(|e| (e.from, e.to))
            .collect();
        Some(Clip { nodes, edges })
    }

    /// How many nodes the clip holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the clip holds no node (never true for a clip made by [`Clip::of`]).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Adds the clip to `doc` as new nodes moved by `(dx, dy)` world px, with the copied settings, data center and
    /// label (a generated label such as "Web server 2" is generated afresh for the copy, so names stay unique),
    /// and the copied connections between them. Returns the new ids, in the clip's order, and the `AddNode` and
    /// `Connect` edits applied (settings are copied directly: the core has no "add with settings" edit).
    ///
    /// # Errors
    /// The first refused edit (e.g. the node limit); `doc` may then be partly changed, so call this on a copy.
    pub fn paste_into(
        &self,
        doc: &mut Scenario,
        dx: f64,
        dy: f64,
    ) -> Result<(Vec<NodeId>, Vec<Edit>), EditError> {
        let mut ids = Vec::with_capacity(self.nodes.len());
        let mut edits = Vec::new();
        for src in &self.nodes {
            let edit = Edit::AddNode {
                kind: src.kind(),
                x: src.x + dx,
                y: src.y + dy,
            };
            let id = doc
                .apply(edit.clone())
                .map(|a| a.added.expect("AddNode reports the node it added"))?;
            edits.push(edit);
            let node = doc
                .nodes
                .iter_mut()
                .find(|n| n.id == id)
                .expect("the node was just added");
            node.config = src.config.clone();
            node.region = src.region;
            if !is_generated_label(&src.label, src.kind()) {
                node.label.clone_from(&src.label);
            }
            ids.push(id);
        }
        let new_id = |old: NodeId| {
            self.nodes
                .iter()
                .position(|n| n.id == old)
                .map(|i| ids[i])
                .expect("clip edges join clip nodes")
        };
        for &(from, to) in &self.edges {
            let edit = Edit::Connect {
                from: new_id(from),
                to: new_id(to),
            };
            doc.apply(edit.clone())?;
            edits.push(edit);
        }
        Ok((ids, edits))
    }
}

/// Whether `label` is what the core generates for a new node of `kind`: its title and a number.
fn is_generated_label(label: &str, kind: ComponentKind) -> bool {
    label
        .strip_prefix(kind.title())
        .and_then(|rest| rest.strip_prefix(' '))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_labels_are_recognised() {
        assert!(is_generated_label(
            "Web server 12",
            ComponentKind::WebServer
        ));
        assert!(!is_generated_label("Web server", ComponentKind::WebServer));
        assert!(!is_generated_label(
            "Checkout web",
            ComponentKind::WebServer
        ));
        assert!(!is_generated_label("Web server 2", ComponentKind::Database));
    }
}
