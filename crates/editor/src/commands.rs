//! Keyboard commands of the editor: undo and redo, delete (nodes, or the selected edge), select all, copy / cut / paste / duplicate, moving the
//! selection with the arrow keys, the "connect to…" list, and the camera keys. The UI maps physical keys to
//! [`Key`]s (and must not send them while the user types in a field); each command that changes the document is
//! one undo step.

use crate::clipboard::Clip;
use crate::geometry::{GRID, NODE_H, NODE_W, Point};
use crate::interaction::{Editor, Mode};
use crate::viewport::Viewport;
use sim_core::NodeId;
use sim_core::model::edge_allowed;
use sim_core::scenario::Edit;

/// Zoom factor of one zoom-in key press or button (zoom out divides by it).
pub const ZOOM_STEP: f64 = 1.25;
/// Margin around the diagram when zooming to fit, screen px.
pub const FIT_MARGIN_PX: f64 = 24.0;

/// A keyboard command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Cancel the gesture in progress (or close the "connect to…" list); with none, deselect the selected edge.
    Escape,
    /// Delete the selected nodes, or remove the selected edge.
    Delete,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Select every node.
    SelectAll,
    /// Copy the selection to the in-app clipboard.
    Copy,
    /// Copy the selection, then delete it.
    Cut,
    /// Paste the clipboard as new nodes, offset so they are seen, and select them.
    Paste,
    /// Copy and paste the selection in one go (the clipboard is left alone).
    Duplicate,
    /// Move the selection by one grid step (`big`: five) in direction `(dx, dy)`, each −1, 0 or 1.
    Nudge {
        /// −1 left, 1 right.
        dx: i8,
        /// −1 up, 1 down.
        dy: i8,
        /// Shift held: a bigger step.
        big: bool,
    },
    /// Open the "connect to…" list for the one selected node.
    ConnectMenu,
    /// Zoom in about the middle of the canvas.
    ZoomIn,
    /// Zoom out about the middle of the canvas.
    ZoomOut,
    /// Back to zoom 1 and no pan.
    ZoomReset,
    /// Show the whole diagram.
    ZoomFit,
}

impl Editor {
    /// A keyboard command; returns the edits applied.
    pub fn key(&mut self, key: Key) -> Vec<Edit> {
        let idle = self.mode == Mode::Idle;
        let edits = matches!(
            key,
            Key::Delete
                | Key::Undo
                | Key::Redo
                | Key::Cut
                | Key::Paste
                | Key::Duplicate
                | Key::Nudge { .. }
                | Key::ConnectMenu
        );
        if self.read_only && edits {
            return Vec::new();
        }
        match key {
            Key::Escape => {
                if idle {
                    self.selected_edge = None;
                }
                self.cancel()
            }
            Key::Delete if idle && self.selected_edge.is_some() => self.remove_selected_edge(),
            Key::Delete if idle => self.delete_selection(),
            Key::Undo => {
                self.close_menu();
                self.undo();
                Vec::new()
            }
            Key::Redo => {
                self.close_menu();
                self.redo();
                Vec::new()
            }
            Key::SelectAll if idle => {
                let all: Vec<NodeId> = self.doc.nodes.iter().map(|n| n.id).collect();
                self.select(&all);
                Vec::new()
            }
            Key::Copy => {
                if let Some(clip) = Clip::of(&self.doc, &self.selection) {
                    self.clipboard = Some(clip);
                    self.pastes = 0;
                }
                Vec::new()
            }
            Key::Cut if idle => {
                self.key(Key::Copy);
                self.delete_selection()
            }
            Key::Paste if idle => {
                let Some(clip) = self.clipboard.clone() else {
                    return Vec::new();
                };
                self.pastes += 1;
                let step = 2.0 * GRID * f64::from(self.pastes);
                self.paste(&clip, step)
            }
            Key::Duplicate if idle => match Clip::of(&self.doc, &self.selection) {
                Some(clip) => self.paste(&clip, 2.0 * GRID),
                None => Vec::new(),
            },
            Key::Nudge { dx, dy, big } if idle => {
                let step = if big { 5.0 * GRID } else { GRID };
                self.nudge(f64::from(dx) * step, f64::from(dy) * step)
            }
            Key::ConnectMenu if idle => {
                if let [from] = self.selection[..] {
                    self.mode = Mode::ChoosingTarget { from };
                }
                Vec::new()
            }
            Key::ZoomIn | Key::ZoomOut => {
                let factor = if key == Key::ZoomIn {
                    ZOOM_STEP
                } else {
                    1.0 / ZOOM_STEP
                };
                let mid = Point::new(self.screen.x / 2.0, self.screen.y / 2.0);
                self.viewport = self.viewport.zoomed_at(mid, factor);
                Vec::new()
            }
            Key::ZoomReset => {
                self.viewport = Viewport::default();
                Vec::new()
            }
            Key::ZoomFit => {
                self.zoom_to_fit();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Points the camera at the whole diagram (see [`Viewport::fit`]) in the current [`Editor::screen`].
    pub fn zoom_to_fit(&mut self) {
        self.fit_with_floor(crate::viewport::MIN_ZOOM);
    }

    /// Fits the diagram as [`Editor::zoom_to_fit`] but not below [`crate::viewport::READABLE_ZOOM`]: what a
    /// diagram opens at, so its labels can be read; a bigger one shows its top-left part.
    pub fn zoom_to_fit_readable(&mut self) {
        self.fit_with_floor(crate::viewport::READABLE_ZOOM);
    }

    fn fit_with_floor(&mut self, min_zoom: f64) {
        let tops: Vec<Point> = self
            .doc
            .nodes
            .iter()
            .map(|n| Point::new(n.x, n.y))
            .collect();
        self.viewport = Viewport::fit_at_least(
            &tops,
            NODE_W,
            NODE_H,
            self.screen.x,
            self.screen.y,
            FIT_MARGIN_PX,
            min_zoom,
        );
    }

    /// The nodes `from` may send requests to and is not connected to yet, in document order: what the
    /// "connect to…" list offers.
    #[must_use]
    pub fn connect_targets(&self, from: NodeId) -> Vec<NodeId> {
        let Some(a) = self.doc.node(from) else {
            return Vec::new();
        };
        self.doc
            .nodes
            .iter()
            .filter(|b| b.id != from && edge_allowed(a.kind(), b.kind()))
            .filter(|b| {
                !self
                    .doc
                    .edges
                    .iter()
                    .any(|e| e.from == from && e.to == b.id)
            })
            .map(|b| b.id)
            .collect()
    }

    /// Connects the node whose "connect to…" list is open to `to` and closes the list; nothing when no list is open.
    pub fn choose_target(&mut self, to: NodeId) -> Vec<Edit> {
        let Mode::ChoosingTarget { from } = self.mode else {
            return Vec::new();
        };
        self.mode = Mode::Idle;
        self.connect(from, to)
    }

    fn close_menu(&mut self) {
        if matches!(self.mode, Mode::ChoosingTarget { .. }) {
            self.mode = Mode::Idle;
        }
    }

    fn delete_selection(&mut self) -> Vec<Edit> {
        if self.selection.is_empty() {
            return Vec::new();
        }
        let edit = Edit::DeleteNodes(self.selection.clone());
        if self.dispatch(edit.clone()).is_ok() {
            self.selection.clear();
            vec![edit]
        } else {
            Vec::new()
        }
    }

    fn nudge(&mut self, dx: f64, dy: f64) -> Vec<Edit> {
        if self.selection.is_empty() {
            return Vec::new();
        }
        let moves = self
            .doc
            .nodes
            .iter()
            .filter(|n| self.selection.contains(&n.id))
            .map(|n| (n.id, n.x + dx, n.y + dy))
            .collect();
        let edit = Edit::MoveNodes(moves);
        if self.dispatch(edit.clone()).is_ok() {
            vec![edit]
        } else {
            Vec::new()
        }
    }

    /// Pastes `clip` moved by `offset` world px right and down, as one undo step; selects the new nodes.
    fn paste(&mut self, clip: &Clip, offset: f64) -> Vec<Edit> {
        let before = self.doc.clone();
        let mut next = self.doc.clone();
        match clip.paste_into(&mut next, offset, offset) {
            Ok((ids, edits)) => {
                self.doc = next;
                self.changed_from(&before);
                self.history.record(before);
                self.select(&ids);
                edits
            }
            Err(e) => {
                self.notice = Some(e.to_string());
                Vec::new()
            }
        }
    }
}
