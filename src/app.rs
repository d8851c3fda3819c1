//! The shell: top bar, palette · canvas · inspector, metrics and event log. Provides the [`Ctx`] context, maps
//! keyboard shortcuts to editor commands (never while the user types in a field), and resets a run when the
//! diagram changes in a way that alters it, saying so.

use crate::canvas::Canvas;
use crate::charts::MetricsPanel;
use crate::controls::TopBar;
use crate::ctx::{Ctx, RunState};
use crate::event_log::EventLog;
use crate::inspector::{Inspector, IssuesPanel};
use crate::keys;
use crate::palette::Palette;
use crate::sim_driver;
use leptos::prelude::*;

/// The whole app, using `ctx` as its state.
#[component]
pub fn App(ctx: Ctx) -> impl IntoView {
    provide_context(ctx);

    keys::install(ctx);

    // A run belongs to the diagram it started from: when the diagram changes how a run behaves, start over.
    Effect::new(move |prev: Option<u64>| {
        let rev = ctx.editor.with(scalelab_editor::Editor::run_revision);
        if prev.is_some_and(|p| p != rev) && ctx.run.get_untracked() != RunState::Idle {
            sim_driver::stop(ctx);
            ctx.notice.set(Some(
                "You changed the diagram, so the run was reset. Press Run to start again.".into(),
            ));
        }
        ctx.run_refused.set(false);
        rev
    });

    let message = move || {
        ctx.notice
            .get()
            .or_else(|| ctx.editor.with(|e| e.notice().map(str::to_owned)))
    };
    view! {
        <div class="app" data-testid="app">
            <TopBar />
            <Palette />
            <main class="center">
                <Canvas />
                {move || {
                    message()
                        .map(|m| {
                            view! {
                                <div class="notice" role="status" data-testid="notice">
                                    <span>{m}</span>
                                    <button type="button" class="small" aria-label="Dismiss" on:click=move |_| ctx.notice.set(None)>
                                        "×"
                                    </button>
                                </div>
                            }
                        })
                }}
            </main>
            <aside class="side">
                <Inspector />
                <IssuesPanel />
            </aside>
            <footer class="bottom">
                <MetricsPanel />
                <EventLog />
            </footer>
        </div>
    }
}
