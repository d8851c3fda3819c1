//! Edit commands: the only way the UI changes the document. Each `apply` either changes the document and says
//! what it did, or refuses with a reason and changes nothing (so undo history never records a failed edit).

use super::{
    FaultEvent, MAX_COORDINATE, MAX_EDGES, MAX_FAULTS, MAX_LABEL_CHARS, MAX_NODES, Scenario,
    label_forbidden_char,
};
use crate::id::NodeId;
use crate::model::{ComponentConfig, ComponentKind, Edge, Node, RangeError, field};
use std::fmt;

/// One change to the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Place a new node of `kind` with default settings, top-left at world `(x, y)` px.
    AddNode {
        /// Kind of the new node.
        kind: ComponentKind,
        /// World x, px.
        x: f64,
        /// World y, px.
        y: f64,
    },
    /// Move nodes to absolute world positions, px.
    MoveNodes(Vec<(NodeId, f64, f64)>),
    /// Remove nodes, their connections and their faults.
    DeleteNodes(Vec<NodeId>),
    /// Connect `from` → `to` (requests flow that way).
    Connect {
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
    },
    /// Remove the connection `from` → `to`.
    Disconnect {
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
    },
    /// Set a numeric setting (checked against its range).
    SetNumber {
        /// Node to change.
        node: NodeId,
        /// Setting name, as in [`ComponentConfig::numbers`].
        field: String,
        /// New value.
        value: f64,
    },
    /// Set a choice setting.
    SetChoice {
        /// Node to change.
        node: NodeId,
        /// Setting name, as in [`ComponentConfig::choices`].
        field: String,
        /// Option id.
        option: String,
    },
    /// Rename a node (plain text, trimmed, at most [`MAX_LABEL_CHARS`] characters).
    SetLabel {
        /// Node to rename.
        node: NodeId,
        /// New label.
        label: String,
    },
    /// Move a node to another data center (region).
    SetRegion {
        /// Node to move.
        node: NodeId,
        /// Its new region.
        region: crate::model::Region,
    },
    /// Set the run's seed.
    SetSeed(u64),
    /// Set the run length, s.
    SetDuration(f64),
    /// Add a fault to the timeline (kept sorted by time; equal times keep insertion order).
    AddFault(FaultEvent),
    /// Empty the fault timeline.
    ClearFaults,
    /// Set up (or remove) the document's load sweep; checked when it runs, not here.
    SetSweep(Option<Box<crate::sweep::Sweep>>),
    /// Replace the document's service level objectives (refused past [`super::MAX_SLOS`]; ranges are checked by
    /// validation, like a file's).
    SetSlos(Vec<super::Slo>),
    /// Turn the scenario's random failures on with these figures, or off with `None`; a figure out of its range
    /// ([`super::failures::MTBF_S`], [`super::failures::MTTR_S`]) is refused with [`EditError::OutOfRange`].
    SetRandomFailures(Option<super::RandomFailures>),
    /// Replace SLO `index` of the document, or add one at the end when `index` is the number of SLOs; refused
    /// with [`EditError::OutOfRange`] when a field is out of its range or no objective is stated
    /// ([`super::slo::check`]), and past [`super::MAX_SLOS`] or beyond the end with [`EditError::TooMany`].
    SetSlo {
        /// Position in [`Scenario::slos`], 0-based; the current count adds one.
        index: usize,
        /// The SLO as it should read.
        slo: super::Slo,
    },
    /// Replace the whole document (load a preset or a file).
    Replace(Box<Scenario>),
}

/// Why an edit was refused. The document is unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// No node with this id.
    NoSuchNode(NodeId),
    /// A node cannot connect to itself.
    SelfLoop,
    /// The connection already exists.
    DuplicateEdge,
    /// No connection to remove.
    NoSuchEdge,
    /// A setting out of range.
    OutOfRange(RangeError),
    /// The node has no such choice setting or option.
    NoSuchChoice(String),
    /// A limit on the document's size.
    TooMany(&'static str, usize),
    /// A label over the length limit.
    LabelTooLong,
    /// A label with a character labels may not hold (see [`super::label_forbidden_char`]).
    LabelCharacter(char),
    /// The editor is in lesson mode (read-only): the diagram and its settings cannot change. Refused by the
    /// editor, never by [`Scenario::apply`].
    ReadOnly,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchNode(id) => write!(f, "Node {id} does not exist"),
            EditError::SelfLoop => write!(f, "A node cannot send requests to itself"),
            EditError::DuplicateEdge => write!(f, "These nodes are already connected"),
            EditError::NoSuchEdge => write!(f, "These nodes are not connected"),
            EditError::OutOfRange(e) => write!(f, "{e}"),
            EditError::NoSuchChoice(what) => write!(f, "Unknown option {what}"),
            EditError::TooMany(what, max) => write!(f, "A scenario can hold at most {max} {what}"),
            EditError::LabelTooLong => {
                write!(f, "A label can be at most {MAX_LABEL_CHARS} characters")
            }
            EditError::LabelCharacter(c) => write!(
                f,
                "A label cannot contain U+{:04X} (a control character or a code point that is not text)",
                u32::from(*c)
            ),
            EditError::ReadOnly => write!(
                f,
                "This is a lesson: run it and break it, but the diagram cannot be changed here. Open it in the full \
                 playground to edit it"
            ),
        }
    }
}

impl std::error::Error for EditError {}

/// What an applied edit did that the caller may need (for example to select a new node).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// The node an `AddNode` created.
    pub added: Option<NodeId>,
}

impl Scenario {
    /// Applies `edit`.
    ///
    /// # Errors
    /// [`EditError`] when the edit is refused; the document is then unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        let exists = |s: &Scenario, id| {
            if s.node(id).is_some() {
                Ok(())
            } else {
                Err(EditError::NoSuchNode(id))
            }
        };
        match edit {
            Edit::AddNode { kind, x, y } => {
                if self.nodes.len() >= MAX_NODES {
                    return Err(EditError::TooMany("nodes", MAX_NODES));
                }
                let id = self.next_node_id();
                let ordinal = self.nodes.iter().filter(|n| n.kind() == kind).count() + 1;
                let label = format!("{} {ordinal}", kind.title());
                let (x, y) = (finite_or_zero(x), finite_or_zero(y));
                self.nodes.push(Node {
                    id,
                    label,
                    x,
                    y,
                    region: crate::model::Region::default(),
                    config: ComponentConfig::default_for(kind),
                });
                return Ok(Applied { added: Some(id) });
            }
            Edit::MoveNodes(moves) => {
                for &(id, _, _) in &moves {
                    exists(self, id)?;
                }
                for (id, x, y) in moves {
                    if let Some(n) = self.nodes.iter_mut().find(|n| n.id == id) {
                        n.x = finite_or_zero(x);
                        n.y = finite_or_zero(y);
                    }
                }
            }
            Edit::DeleteNodes(ids) => {
                for &id in &ids {
                    exists(self, id)?;
                }
                self.nodes.retain(|n| !ids.contains(&n.id));
                self.edges
                    .retain(|e| !ids.contains(&e.from) && !ids.contains(&e.to));
                self.faults
                    .retain(|f| !ids.contains(&f.node) && f.peer.is_none_or(|p| !ids.contains(&p)));
            }
            Edit::Connect { from, to } => {
                exists(self, from)?;
                exists(self, to)?;
                if from == to {
                    return Err(EditError::SelfLoop);
                }
                if self.edges.iter().any(|e| e.from == from && e.to == to) {
                    return Err(EditError::DuplicateEdge);
                }
                if self.edges.len() >= MAX_EDGES {
                    return Err(EditError::TooMany("connections", MAX_EDGES));
                }
                self.edges.push(Edge { from, to });
            }
            Edit::Disconnect { from, to } => {
                let before = self.edges.len();
                self.edges.retain(|e| !(e.from == from && e.to == to));
                if self.edges.len() == before {
                    return Err(EditError::NoSuchEdge);
                }
            }
            Edit::SetNumber { node, field, value } => {
                let n = self.node_mut(node)?;
                n.config = n
                    .config
                    .with_number(&field, value)
                    .map_err(EditError::OutOfRange)?;
            }
            Edit::SetChoice {
                node,
                field,
                option,
            } => {
                let n = self.node_mut(node)?;
                n.config = n
                    .config
                    .with_choice(&field, &option)
                    .ok_or(EditError::NoSuchChoice(format!("{field}={option}")))?;
            }
            Edit::SetLabel { node, label } => {
                let label = label.trim();
                if label.chars().count() > MAX_LABEL_CHARS {
                    return Err(EditError::LabelTooLong);
                }
                if let Some(c) = label_forbidden_char(label) {
                    return Err(EditError::LabelCharacter(c));
                }
                self.node_mut(node)?.label = label.to_owned();
            }
            Edit::SetRegion { node, region } => self.node_mut(node)?.region = region,
            Edit::SetSeed(seed) => self.seed = seed,
            Edit::SetDuration(s) => {
                field::DURATION.check(s).map_err(EditError::OutOfRange)?;
                self.duration_s = s;
            }
            Edit::AddFault(f) => {
                exists(self, f.node)?;
                if let Some(peer) = f.peer {
                    exists(self, peer)?;
                }
                if self.faults.len() >= MAX_FAULTS {
                    return Err(EditError::TooMany("faults", MAX_FAULTS));
                }
                let at = self.faults.partition_point(|g| g.at_us <= f.at_us);
                self.faults.insert(at, f);
            }
            Edit::ClearFaults => self.faults.clear(),
            Edit::SetSweep(sweep) => self.sweep = sweep.map(|b| *b),
            Edit::SetSlos(slos) => {
                if slos.len() > super::MAX_SLOS {
                    return Err(EditError::TooMany("SLOs", super::MAX_SLOS));
                }
                self.slos = slos;
            }
            Edit::SetRandomFailures(r) => {
                if let Some(f) = &r {
                    super::failures::MTBF_S
                        .check(f.mtbf_s)
                        .and_then(|()| super::failures::MTTR_S.check(f.mttr_s))
                        .map_err(EditError::OutOfRange)?;
                }
                self.random_failures = r;
            }
            Edit::SetSlo { index, slo } => {
                super::slo::check(&slo).map_err(EditError::OutOfRange)?;
                if index < self.slos.len() {
                    self.slos[index] = slo;
                } else if index == self.slos.len() && index < super::MAX_SLOS {
                    self.slos.push(slo);
                } else {
                    return Err(EditError::TooMany("SLOs", super::MAX_SLOS));
                }
            }
            Edit::Replace(s) => *self = *s,
        }
        Ok(Applied::default())
    }

    fn node_mut(&mut self, id: NodeId) -> Result<&mut Node, EditError> {
        self.nodes
            .iter_mut()
            .find(|n| n.id == id)
            .ok_or(EditError::NoSuchNode(id))
    }
}

fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(-MAX_COORDINATE, MAX_COORDINATE)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::FaultAction;

    fn add(s: &mut Scenario, kind: ComponentKind) -> NodeId {
        s.apply(Edit::AddNode {
            kind,
            x: 10.0,
            y: 20.0,
        })
        .expect("add")
        .added
        .expect("id")
    }

    #[test]
    fn adding_nodes_gives_fresh_ids_and_numbered_labels() {
        let mut s = Scenario::default();
        let a = add(&mut s, ComponentKind::WebServer);
        let b = add(&mut s, ComponentKind::WebServer);
        assert_ne!(a, b);
        assert_eq!(s.node(b).map(|n| n.label.as_str()), Some("Web server 2"));
    }

    #[test]
    fn deleting_a_node_removes_its_connections_and_faults() {
        let mut s = Scenario::default();
        let lb = add(&mut s, ComponentKind::LoadBalancer);
        let web = add(&mut s, ComponentKind::WebServer);
        s.apply(Edit::Connect { from: lb, to: web })
            .expect("connect");
        s.apply(Edit::AddFault(FaultEvent {
            at_us: 5,
            node: web,
            action: FaultAction::Kill,
            peer: None,
        }))
        .expect("fault");
        s.apply(Edit::DeleteNodes(vec![web])).expect("delete");
        assert!(s.edges.is_empty() && s.faults.is_empty());
        assert_eq!(s.nodes.len(), 1);
    }

    #[test]
    fn refused_edits_leave_the_document_unchanged() {
        let mut s = Scenario::default();
        let web = add(&mut s, ComponentKind::WebServer);
        let before = s.clone();
        assert_eq!(
            s.apply(Edit::Connect { from: web, to: web }),
            Err(EditError::SelfLoop)
        );
        let e = s
            .apply(Edit::SetNumber {
                node: web,
                field: "workers".into(),
                value: 1e12,
            })
            .unwrap_err();
        assert!(e.to_string().contains("from 1 to 4096"), "{e}");
        assert!(s.apply(Edit::DeleteNodes(vec![web, NodeId(99)])).is_err());
        assert!(
            s.apply(Edit::SetLabel {
                node: web,
                label: "x".repeat(MAX_LABEL_CHARS + 1)
            })
            .is_err()
        );
        assert_eq!(s, before);
    }

    #[test]
    fn labels_refuse_characters_that_are_not_text() {
        let mut s = Scenario::default();
        let web = add(&mut s, ComponentKind::WebServer);
        for bad in [
            "a\u{FFFE}b",
            "line\nbreak",
            "bell\u{7}",
            "\u{FDD0}",
            "x\u{10FFFF}",
        ] {
            let e = s
                .apply(Edit::SetLabel {
                    node: web,
                    label: bad.into(),
                })
                .unwrap_err();
            assert!(matches!(e, EditError::LabelCharacter(_)), "{bad:?}: {e}");
        }
        s.apply(Edit::SetLabel {
            node: web,
            label: "Web 🚀 é ✓ <b>".into(),
        })
        .expect("text is fine");
    }

    #[test]
    fn ids_never_wrap() {
        let mut s = Scenario::default();
        let a = add(&mut s, ComponentKind::WebServer);
        s.nodes[0].id = NodeId(crate::scenario::MAX_NODE_ID);
        let b = add(&mut s, ComponentKind::WebServer);
        let c = add(&mut s, ComponentKind::WebServer);
        assert_eq!((a, b, c), (NodeId(1), NodeId(1), NodeId(2)));
        s.nodes[0].id = NodeId(crate::scenario::MAX_NODE_ID - 1);
        assert_eq!(s.next_node_id(), NodeId(crate::scenario::MAX_NODE_ID));
    }

    #[test]
    fn faults_stay_sorted_by_time_with_ties_in_insertion_order() {
        let mut s = Scenario::default();
        let web = add(&mut s, ComponentKind::WebServer);
        for (t, a) in [
            (30, FaultAction::Kill),
            (10, FaultAction::Kill),
            (30, FaultAction::Restore),
        ] {
            s.apply(Edit::AddFault(FaultEvent {
                at_us: t,
                node: web,
                action: a,
                peer: None,
            }))
            .expect("fault");
        }
        let got: Vec<_> = s.faults.iter().map(|f| (f.at_us, f.action)).collect();
        assert_eq!(
            got,
            [
                (10, FaultAction::Kill),
                (30, FaultAction::Kill),
                (30, FaultAction::Restore)
            ]
        );
    }
}
