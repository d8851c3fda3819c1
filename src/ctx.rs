//! The app's shared state, provided once as a typed context, split the way the core splits it (issue 13) so that
//! a pointer move touches only what moved:
//! - **document**: [`Ctx::doc`] (validation, the SPOF analysis and every node and edge memo derive from it only)
//!   and one position signal per node ([`Ctx::position`]); during a drag only the dragged nodes' positions change,
//!   the document is published once, at release;
//! - **editor**: selection, selected edge, camera, gesture, history flags, each its own signal;
//! - **runtime**: the run's [`Ctx::frame`], state and event log, published by [`crate::sim_driver`].
//!
//! The [`scalelab_editor::Editor`] itself is not reactive: views change it with [`EditorCell::update`] (or
//! [`Ctx::dispatch`]), which then publishes into the signals above only what changed.

use leptos::prelude::*;
use scalelab_editor::{Editor, Mode, Point, Viewport};
use scalelab_share::embed::EmbedOptions;
use scalelab_shell::runner::Runner;
use sim_core::metrics::{Frame, LogEntry};
use sim_core::model::Issue;
use sim_core::scenario::{Applied, Edit, EditError, presets};
use sim_core::{NodeId, Scenario};

pub use scalelab_shell::runner::RunState;

/// The editor's state as signals, each written only when it changes.
#[derive(Clone, Copy)]
struct Published {
    doc: RwSignal<Scenario>,
    selection: RwSignal<Vec<NodeId>>,
    selected_edge: RwSignal<Option<(NodeId, NodeId)>>,
    camera: RwSignal<Viewport>,
    mode: RwSignal<Mode>,
    snap: RwSignal<bool>,
    history: RwSignal<(bool, bool)>,
    notice: RwSignal<Option<String>>,
    run_revision: RwSignal<u64>,
    moved: RwSignal<u64>,
    positions: StoredValue<Vec<(NodeId, ArcRwSignal<Point>)>>,
    /// [`Editor::revision`] of the published document.
    doc_revision: StoredValue<u64>,
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(
    s: RwSignal<T>,
    value: &T,
    to: impl FnOnce() -> T,
) {
    if s.with_untracked(|v| v != value) {
        s.set(to());
    }
}

impl Published {
    fn new(ed: &Editor) -> Self {
        Published {
            doc: RwSignal::new(ed.doc().clone()),
            selection: RwSignal::new(ed.selection().to_vec()),
            selected_edge: RwSignal::new(ed.selected_edge()),
            camera: RwSignal::new(ed.viewport),
            mode: RwSignal::new(ed.mode().clone()),
            snap: RwSignal::new(ed.snap_to_grid),
            history: RwSignal::new((ed.can_undo(), ed.can_redo())),
            notice: RwSignal::new(ed.notice().map(str::to_owned)),
            run_revision: RwSignal::new(ed.run_revision()),
            moved: RwSignal::new(0),
            positions: StoredValue::new(
                ed.doc()
                    .nodes
                    .iter()
                    .map(|n| (n.id, ArcRwSignal::new(Point::new(n.x, n.y))))
                    .collect(),
            ),
            doc_revision: StoredValue::new(ed.revision()),
        }
    }

    /// Writes what changed in `ed` since the last publish.
    fn publish(&self, ed: &Editor) {
        let dragging = matches!(ed.mode(), Mode::DraggingNodes { .. });
        if ed.revision() != self.doc_revision.get_value() && !dragging {
            self.doc_revision.set_value(ed.revision());
            set_if_changed(self.doc, ed.doc(), || ed.doc().clone());
        }
        self.publish_positions(ed.doc());
        if self
            .selection
            .with_untracked(|v| v.as_slice() != ed.selection())
        {
            self.selection.set(ed.selection().to_vec());
        }
        set_if_changed(self.selected_edge, &ed.selected_edge(), || {
            ed.selected_edge()
        });
        set_if_changed(self.camera, &ed.viewport, || ed.viewport);
        set_if_changed(self.mode, ed.mode(), || ed.mode().clone());
        set_if_changed(self.snap, &ed.snap_to_grid, || ed.snap_to_grid);
        let history = (ed.can_undo(), ed.can_redo());
        set_if_changed(self.history, &history, || history);
        let notice = ed.notice().map(str::to_owned);
        set_if_changed(self.notice, &notice, || notice.clone());
        set_if_changed(self.run_revision, &ed.run_revision(), || ed.run_revision());
    }

    /// One signal per node: moves set only the moved nodes' signals (and bump `moved`).
    fn publish_positions(&self, doc: &Scenario) {
        let moved = self
            .positions
            .try_update_value(|all| {
                let same_nodes = all.len() == doc.nodes.len()
                    && all.iter().zip(&doc.nodes).all(|((id, _), n)| *id == n.id);
                if !same_nodes {
                    let old = std::mem::take(all);
                    *all = doc
                        .nodes
                        .iter()
                        .map(|n| {
                            let p = Point::new(n.x, n.y);
                            let s = old
                                .iter()
                                .find(|(id, _)| *id == n.id)
                                .map_or_else(|| ArcRwSignal::new(p), |(_, s)| s.clone());
                            (n.id, s)
                        })
                        .collect();
                }
                let mut moved = !same_nodes;
                for ((_, s), n) in all.iter().zip(&doc.nodes) {
                    let p = Point::new(n.x, n.y);
                    if s.with_untracked(|q| *q != p) {
                        s.set(p);
                        moved = true;
                    }
                }
                moved
            })
            .unwrap_or(false);
        if moved {
            self.moved.update(|n| *n += 1);
        }
    }
}

/// The editor, not reactive, and the signals it publishes into. `Copy`.
#[derive(Clone, Copy)]
pub struct EditorCell {
    editor: StoredValue<Editor>,
    out: Published,
}

impl EditorCell {
    /// Reads the editor now, without subscribing (event handlers, effects that track a signal of their own).
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Editor) -> R) -> R {
        self.editor.with_value(f)
    }

    /// Changes the editor, then publishes what changed.
    pub fn update(&self, f: impl FnOnce(&mut Editor)) {
        self.try_update(f);
    }

    /// Changes the editor and returns what `f` returns, then publishes what changed.
    pub fn try_update<R>(&self, f: impl FnOnce(&mut Editor) -> R) -> Option<R> {
        let r = self.editor.try_update_value(f)?;
        self.editor.with_value(|ed| self.out.publish(ed));
        Some(r)
    }
}

/// Handles to the app's state. `Copy`: pass it into closures freely.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The editor (document, selection, camera, history): change it through this, read it reactively through the
    /// signals below.
    pub editor: EditorCell,
    /// The latest frame of the run (`None` before a run or after a reset). Written once per animation frame.
    pub frame: RwSignal<Option<Frame>>,
    /// The run's event log, oldest first: written when entries are added (not every frame).
    pub log: RwSignal<Vec<LogEntry>>,
    /// Run state.
    pub run: RwSignal<RunState>,
    /// Sim seconds per real second.
    pub speed: RwSignal<f64>,
    /// A message for the user about the run (e.g. "the run was reset because …").
    pub notice: RwSignal<Option<String>>,
    /// Set when Run was refused because of blocking issues (the issues list is highlighted).
    pub run_refused: RwSignal<bool>,
    /// Every validation issue of the document (errors and warnings).
    pub issues: Memo<Vec<Issue>>,
    /// Nodes whose loss alone stops all traffic.
    pub spofs: Memo<Vec<NodeId>>,
    /// Whether the diagram uses more than one data center (then nodes show theirs).
    pub multi_region: Memo<bool>,
    /// Bumped when the whole document is replaced (preset, New, file): the canvas zooms to fit.
    pub fit_request: RwSignal<u64>,
    /// The document: changes with every edit, and once at the end of a drag (not at each step: see
    /// [`Ctx::position`]).
    pub doc: ReadSignal<Scenario>,
    /// Selected nodes, ascending.
    pub selection: ReadSignal<Vec<NodeId>>,
    /// The selected edge.
    pub selected_edge: ReadSignal<Option<(NodeId, NodeId)>>,
    /// The camera.
    pub camera: ReadSignal<Viewport>,
    /// The gesture in progress.
    pub mode: ReadSignal<Mode>,
    /// Whether nodes snap to the grid.
    pub snap: ReadSignal<bool>,
    /// Whether there is something to undo, to redo.
    pub history: ReadSignal<(bool, bool)>,
    /// The editor's last refusal, as a sentence.
    pub editor_notice: ReadSignal<Option<String>>,
    /// [`Editor::run_revision`]: changes when the document changes how a run behaves.
    pub run_revision: ReadSignal<u64>,
    /// Bumped whenever a node moves (what depends on every position, such as the dots' paths, tracks it).
    pub moved: ReadSignal<u64>,
    /// The share fragment of the document as last written to the address bar (`t/<id>` or `d1.…`, no `#`).
    pub fragment: RwSignal<String>,
    /// Page options from the query string (embed, readonly, autoplay, theme, panel). Fixed for the page's life.
    pub options: StoredValue<EmbedOptions>,
    /// Whether the share dialog is open.
    pub share_open: RwSignal<bool>,
    /// Whether the chapter gallery is open.
    pub chapter_open: RwSignal<bool>,
    /// Whether the load sweep panel is open.
    pub sweep_open: RwSignal<bool>,
    /// The run driver. Not reactive: [`crate::sim_driver`] publishes its frames.
    pub(crate) runner: StoredValue<Runner>,
    /// Bumped to stop an animation-frame loop.
    pub(crate) generation: StoredValue<u64>,
    positions: StoredValue<Vec<(NodeId, ArcRwSignal<Point>)>>,
}

impl Ctx {
    /// Fresh state with the "three_tier" preset loaded and default page options.
    #[must_use]
    pub fn new() -> Self {
        let doc = presets::get("three_tier").expect("the three_tier preset exists");
        Ctx::with(doc, EmbedOptions::default())
    }

    /// Fresh state on `doc` with these page options.
    #[must_use]
    pub fn with(doc: Scenario, options: EmbedOptions) -> Self {
        let mut ed = Editor::new(doc);
        ed.set_read_only(options.readonly);
        let out = Published::new(&ed);
        let doc = out.doc.read_only();
        Ctx {
            editor: EditorCell {
                editor: StoredValue::new(ed),
                out,
            },
            frame: RwSignal::new(None),
            log: RwSignal::new(Vec::new()),
            run: RwSignal::new(RunState::Idle),
            speed: RwSignal::new(1.0),
            notice: RwSignal::new(None),
            run_refused: RwSignal::new(false),
            issues: crate::probe::memo(move |_| doc.with(Scenario::validate)),
            spofs: crate::probe::memo(move |_| doc.with(Scenario::single_points_of_failure)),
            multi_region: crate::probe::memo(move |_| {
                doc.with(|d| d.nodes.windows(2).any(|w| w[0].region != w[1].region))
            }),
            fit_request: RwSignal::new(0),
            doc,
            selection: out.selection.read_only(),
            selected_edge: out.selected_edge.read_only(),
            camera: out.camera.read_only(),
            mode: out.mode.read_only(),
            snap: out.snap.read_only(),
            history: out.history.read_only(),
            editor_notice: out.notice.read_only(),
            run_revision: out.run_revision.read_only(),
            moved: out.moved.read_only(),
            fragment: RwSignal::new(String::new()),
            options: StoredValue::new(options),
            share_open: RwSignal::new(false),
            chapter_open: RwSignal::new(false),
            sweep_open: RwSignal::new(false),
            runner: StoredValue::new(Runner::new()),
            generation: StoredValue::new(0),
            positions: out.positions,
        }
    }

    /// The context provided by [`crate::app::App`].
    ///
    /// # Panics
    /// When called outside the app's component tree (a programming error).
    #[must_use]
    pub fn expect() -> Self {
        use_context::<Ctx>().expect("Ctx is provided by App; this view must be mounted inside it")
    }

    /// Applies one edit as one undo step. Refusals leave the document unchanged and return the reason.
    ///
    /// # Errors
    /// The core's [`EditError`]; its `Display` is a sentence for the user.
    pub fn dispatch(&self, edit: Edit) -> Result<Applied, EditError> {
        self.editor
            .try_update(|e| e.dispatch(edit))
            .expect("the editor lives as long as the app")
    }

    /// The single selected node, if exactly one is selected (reactive).
    #[must_use]
    pub fn selected_one(&self) -> Option<NodeId> {
        self.selection.with(|s| match s.as_slice() {
            [one] => Some(*one),
            _ => None,
        })
    }

    /// The top-left corner of node `id` (world px), live during a drag; `None` for a node not in the document.
    #[must_use]
    pub fn position(&self, id: NodeId) -> Option<Signal<Point>> {
        let s = self
            .positions
            .with_value(|all| all.iter().find(|(n, _)| *n == id).map(|(_, s)| s.clone()))?;
        Some(Signal::derive(move || s.get()))
    }

    /// The top-left corner of node `id` now, tracked (a memo that reads it re-runs when that node moves).
    #[must_use]
    pub fn position_now(&self, id: NodeId) -> Option<Point> {
        let s = self
            .positions
            .with_value(|all| all.iter().find(|(n, _)| *n == id).map(|(_, s)| s.clone()))?;
        Some(s.get())
    }

    /// Whether `id` is selected (reactive).
    #[must_use]
    pub fn is_selected(&self, id: NodeId) -> bool {
        self.selection.with(|s| s.contains(&id))
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Ctx::new()
    }
}
