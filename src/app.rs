//! The shell: top bar, palette · canvas · inspector, metrics and event log. Provides the [`Ctx`] context, maps
//! keyboard shortcuts to editor commands (never while the user types in a field), and resets a run when the
//! diagram changes in a way that alters it, saying so.

use crate::canvas::Canvas;
use crate::chapter::{ChapterGallery, LessonPanel};
use crate::charts::MetricsPanel;
use crate::cheatsheet::CheatSheet;
use crate::controls::TopBar;
use crate::ctx::{Ctx, RunState};
use crate::event_log::EventLog;
use crate::inspector::{Inspector, IssuesPanel};
use crate::keys;
use crate::palette::Palette;
use crate::share::dialog::ShareDialog;
use crate::share::{bridge, files, sync};
use crate::sim_driver;
use leptos::prelude::*;

/// The whole app, using `ctx` as its state. `live` connects it to the page: address bar, autosave, the
/// embedding host's messages and autoplay (off for apps mounted by tests, several per page).
#[component]
pub fn App(ctx: Ctx, #[prop(optional)] live: bool) -> impl IntoView {
    provide_context(ctx);
    let opts = ctx.options.get_value();
    if live {
        sync::install(ctx, !opts.embed);
        bridge::install(ctx);
        if opts.autoplay {
            request_animation_frame(move || sim_driver::run(ctx));
        }
    }
    let root = NodeRef::<leptos::html::Div>::new();
    let drop = leptos_use::use_drop_zone_with_options(
        root,
        leptos_use::UseDropZoneOptions::default().on_drop(
            move |ev: leptos_use::UseDropZoneEvent| {
                if ctx.options.with_value(|o| o.readonly) {
                    ctx.notice
                        .set(Some(crate::i18n::t("notice-lesson-mode-files")));
                } else if let Some(f) = ev.files.into_iter().next() {
                    files::open_file(ctx, f);
                }
            },
        ),
    );
    let app_class = format!(
        "app{}{}{}",
        if opts.embed { " embed" } else { "" },
        if opts.readonly { " readonly" } else { "" },
        if opts.embed {
            format!(" panel-{}", opts.panel.id())
        } else {
            String::new()
        },
    );

    keys::install(ctx);

    // A run belongs to the diagram it started from: when the diagram changes how a run behaves, start over.
    Effect::new(move |prev: Option<u64>| {
        let rev = ctx.run_revision.get();
        if prev.is_some_and(|p| p != rev) && ctx.run.get_untracked() != RunState::Idle {
            sim_driver::stop(ctx);
            ctx.notice.set(Some(crate::i18n::t("notice-run-reset")));
        }
        ctx.run_refused.set(false);
        rev
    });

    // The first visit's welcome is a fixed text of the startup logic: shown from the catalog, so it follows the
    // language (and the Spanish or Chinese catalog arriving after the notice was set).
    let message = move || {
        ctx.notice
            .get()
            .or_else(|| ctx.editor_notice.get())
            .map(|m| {
                if m == scalelab_share::startup::WELCOME {
                    crate::i18n::t("notice-welcome")
                } else {
                    m
                }
            })
    };
    view! {
        <div class=app_class data-testid="app" node_ref=root class:drop-over=move || drop.is_over_drop_zone.get()>
            <TopBar />
            <Palette />
            <main class="center">
                <Canvas />
                {(live && !opts.embed).then(|| view! { <crate::offline::UpdateNotice /> })}
                {move || {
                    message()
                        .map(|m| {
                            view! {
                                <div class="notice" role="status" data-testid="notice">
                                    <span>{m}</span>
                                    <button type="button" class="small" aria-label=tr!("notice-dismiss") on:click=move |_| ctx.notice.set(None)>
                                        "×"
                                    </button>
                                </div>
                            }
                        })
                }}
            </main>
            <aside class="side">
                <LessonPanel />
                <Inspector />
                <IssuesPanel />
            </aside>
            <footer class="bottom">
                <MetricsPanel />
                <EventLog />
                <crate::outline::Outline />
            </footer>
            <ShareDialog />
            <CheatSheet />
            <ChapterGallery />
            <crate::sweep::SweepPanel />
        </div>
    }
}
