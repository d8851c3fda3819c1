//! The app's shared state, provided once as a typed context: the editor (document + selection + camera + history),
//! the latest simulation frame, and the run controls. Views read it with [`Ctx::expect`] and change the document
//! only through [`Ctx::dispatch`] or the editor's gesture methods.

use leptos::prelude::*;
use scalelab_editor::Editor;
use scalelab_share::embed::EmbedOptions;
use sim_core::metrics::Frame;
use sim_core::model::Issue;
use sim_core::scenario::{Applied, Edit, EditError, presets};
use sim_core::{NodeId, Scenario, Simulation};

/// Where the run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// No simulation: the diagram is being edited.
    Idle,
    /// The animation-frame loop advances the simulation.
    Running,
    /// A simulation exists but time stands still.
    Paused,
    /// The run reached the scenario's run length.
    Finished,
}

/// Handles to the app's state. `Copy`: pass it into closures freely.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// Document, selection, camera, history.
    pub editor: RwSignal<Editor>,
    /// The latest frame of the run (`None` before a run or after a reset). Written once per animation frame.
    pub frame: RwSignal<Option<Frame>>,
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
    /// The document, deduplicated: changes only when the document does (not on camera or selection changes).
    pub doc: Memo<Scenario>,
    /// The share fragment of the document as last written to the address bar (`t/<id>` or `d1.…`, no `#`).
    pub fragment: RwSignal<String>,
    /// Page options from the query string (embed, readonly, autoplay, theme, panel). Fixed for the page's life.
    pub options: StoredValue<EmbedOptions>,
    /// Whether the share dialog is open.
    pub share_open: RwSignal<bool>,
    /// Whether the chapter gallery is open.
    pub chapter_open: RwSignal<bool>,
    /// The simulation, when one exists. Not reactive: the driver publishes frames instead.
    pub(crate) sim: StoredValue<Option<Simulation>>,
    /// Bumped to stop an animation-frame loop.
    pub(crate) generation: StoredValue<u64>,
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
        let editor = RwSignal::new(ed);
        Ctx {
            editor,
            frame: RwSignal::new(None),
            run: RwSignal::new(RunState::Idle),
            speed: RwSignal::new(1.0),
            notice: RwSignal::new(None),
            run_refused: RwSignal::new(false),
            issues: crate::probe::memo(move |_| editor.with(|e| e.doc().validate())),
            fit_request: RwSignal::new(0),
            doc: crate::probe::memo(move |_| editor.with(|e| e.doc().clone())),
            fragment: RwSignal::new(String::new()),
            options: StoredValue::new(options),
            share_open: RwSignal::new(false),
            chapter_open: RwSignal::new(false),
            spofs: crate::probe::memo(move |_| editor.with(|e| e.doc().single_points_of_failure())),
            multi_region: crate::probe::memo(move |_| {
                editor.with(|e| e.doc().nodes.windows(2).any(|w| w[0].region != w[1].region))
            }),
            sim: StoredValue::new(None),
            generation: StoredValue::new(0),
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
            .expect("the editor signal lives as long as the app")
    }

    /// The single selected node, if exactly one is selected.
    #[must_use]
    pub fn selected_one(&self) -> Option<NodeId> {
        self.editor.with(|e| match e.selection() {
            [one] => Some(*one),
            _ => None,
        })
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Ctx::new()
    }
}
