//! The top bar: scenario menu (presets, New), undo/redo, run controls (Run, Pause, Step, speed, Reset), sim time
//! with the "behind real time" indicator, the seed, and the theme switch. Undo and redo are arrows (their words are
//! the accessible name and tooltip), so the bar keeps to one row at 1280 px in Spanish, whose words are longest.

mod seed;

use crate::ctx::{Ctx, RunState};
use crate::sim_driver;
use leptos::prelude::*;
use sim_core::Scenario;
use sim_core::scenario::{lessons, presets};

/// Speeds offered, sim seconds per real second.
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// The top bar.
#[component]
pub fn TopBar() -> impl IntoView {
    let ctx = Ctx::expect();
    // The chapter step the diagram comes from (by its name), or none for a design of the user's own.
    let preset = crate::probe::memo(move |_| {
        ctx.doc
            .with(|d| lessons::for_scenario(d).map_or("", |l| l.preset))
    });
    let load = move |doc: Scenario| crate::share::sync::open(ctx, doc, None);
    let on_preset = move |ev: leptos::ev::Event| {
        if let Some(doc) = presets::get(&event_target_value(&ev)) {
            load(doc);
        }
    };
    let new_doc = move |_| {
        load(Scenario {
            name: crate::i18n::t("new-system-name"),
            ..Scenario::default()
        });
    };
    let preset_options = presets::ALL
        .iter()
        .map(|p| view! { <option value=p.id selected=move || preset.get() == p.id>{move || crate::i18n::core_text(&format!("preset-{}", p.id), None, p.title)}</option> })
        .collect_view();
    let own = view! { <option value="" disabled selected=move || preset.get().is_empty()>{tr!("topbar-own-design")}</option> };
    let speed_options = SPEEDS
        .iter()
        .map(|&s| view! { <option value=s.to_string() selected=move || ctx.speed.get() == s>{format!("{s}×")}</option> })
        .collect_view();
    let state = move || ctx.run.get();
    let now = move || {
        ctx.frame
            .with(|f| f.as_ref().map_or(sim_core::SimTime::ZERO, |f| f.now))
    };
    let behind = move || {
        ctx.frame.with(|f| f.as_ref().is_some_and(|f| f.behind)) && state() == RunState::Running
    };
    let duration = move || ctx.doc.with(|d| d.duration_s);
    view! {
        <header class="topbar">
            <h1 class="brand">"Scale Lab"</h1>
            <div class="group" role="group" aria-label=tr!("topbar-scenario")>
                <label class="sr-only" for="preset">{tr!("topbar-scenario")}</label>
                <select id="preset" data-testid="preset-select" on:change=on_preset title=tr!("topbar-preset-title")>
                    {own}
                    {preset_options}
                </select>
                <button type="button" data-testid="new" on:click=new_doc title=tr!("topbar-new-title")>{tr!("topbar-new")}</button>
                <button
                    type="button"
                    data-testid="undo"
                    disabled=move || !ctx.history.get().0
                    on:click=move |_| ctx.editor.update(|e| {
                        e.undo();
                    })
                    title=tr!("topbar-undo-title")
                    aria-label=tr!("topbar-undo")
                    class="icon"
                >
                    <span aria-hidden="true">"↶"</span>
                </button>
                <button
                    type="button"
                    data-testid="redo"
                    disabled=move || !ctx.history.get().1
                    on:click=move |_| ctx.editor.update(|e| {
                        e.redo();
                    })
                    title=tr!("topbar-redo-title")
                    aria-label=tr!("topbar-redo")
                    class="icon"
                >
                    <span aria-hidden="true">"↷"</span>
                </button>
            </div>
            <div class="group run" role="group" aria-label=tr!("topbar-run-group")>
                <button
                    type="button"
                    class="primary"
                    data-testid="run"
                    title=tr!("topbar-run-title")
                    disabled=move || state() == RunState::Running
                    on:click=move |_| sim_driver::run(ctx)
                >
                    {move || if state() == RunState::Paused { crate::i18n::t("topbar-resume") } else { crate::i18n::t("topbar-run") }}
                </button>
                <button
                    type="button"
                    data-testid="pause"
                    title=tr!("topbar-pause-title")
                    disabled=move || state() != RunState::Running
                    on:click=move |_| sim_driver::pause(ctx)
                >
                    {tr!("topbar-pause")}
                </button>
                <button type="button" data-testid="step" title=tr!("topbar-step-title") on:click=move |_| sim_driver::step(ctx)>
                    {tr!("topbar-step")}
                </button>
                <button
                    type="button"
                    data-testid="reset"
                    disabled=move || state() == RunState::Idle
                    on:click=move |_| sim_driver::stop(ctx)
                    title=tr!("topbar-reset-title")
                >
                    {tr!("topbar-reset")}
                </button>
                <label for="speed" class="sr-only">{tr!("topbar-speed")}</label>
                <select
                    id="speed"
                    data-testid="speed"
                    title=tr!("topbar-speed-title")
                    on:change=move |ev| {
                        if let Ok(s) = event_target_value(&ev).parse::<f64>() {
                            ctx.speed.set(s);
                        }
                    }
                >
                    {speed_options}
                </select>
                <span class="sim-time" aria-live="off">
                    <span data-testid="sim-time">{move || crate::i18n::sim_time(now())}</span>
                    <span class="of">{move || crate::i18n::t_with("topbar-of-duration", &[("seconds", duration().into())])}</span>
                </span>
                <Show when=behind>
                    <span class="behind" data-testid="behind" title=tr!("topbar-behind-title")>
                        {tr!("topbar-behind")}
                    </span>
                </Show>
                {move || (state() == RunState::Finished).then(|| view! { <span class="finished">{tr!("topbar-finished")}</span> })}
            </div>
            <seed::SeedControl />
            <div class="group share-group" role="group" aria-label=tr!("topbar-share-group")>
                <button type="button" class="chapter-open" data-testid="chapter-open" title=tr!("topbar-chapter-title") on:click=move |_| ctx.chapter_open.set(true)>
                    {tr!("topbar-chapter")}
                </button>
                <button type="button" data-testid="share" title=tr!("topbar-share-title") on:click=move |_| ctx.share_open.set(true)>
                    {tr!("topbar-share")}
                </button>
                <a
                    class="open-full"
                    data-testid="open-full"
                    target="_blank"
                    rel="noopener"
                    href=move || ctx.fragment.with(|f| crate::share::link_to(f))
                >
                    {tr!("topbar-open-full")}
                </a>
            </div>
            <crate::i18n::LangSwitch />
            <ThemeToggle />
        </header>
    }
}

/// The reader's theme choice: `"light"`, `"dark"` or `"system"` (follow the operating system), as stored under
/// `scalelab.theme` and read by the script in `index.html` before the app loads (so the page never flashes).
fn stored_theme() -> String {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("scalelab.theme").ok().flatten())
        .filter(|t| matches!(t.as_str(), "light" | "dark" | "system"))
        .unwrap_or_else(|| "system".into())
}

/// Cycles the theme light → dark → system and applies it at once.
#[component]
fn ThemeToggle() -> impl IntoView {
    let choice = RwSignal::new(stored_theme());
    let toggle = move |_| {
        let next = match choice.get_untracked().as_str() {
            "light" => "dark",
            "dark" => "system",
            _ => "light",
        };
        choice.set(next.into());
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item("scalelab.theme", next);
        }
        let applied = if next == "system" {
            let dark = window()
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches());
            if dark { "dark" } else { "light" }
        } else {
            next
        };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", applied);
        }
    };
    let label = move || {
        let id = match choice.get().as_str() {
            "light" => "theme-light",
            "dark" => "theme-dark",
            _ => "theme-system",
        };
        crate::i18n::t(id)
    };
    view! {
        <button type="button" class="theme" data-testid="theme" title=label aria-label=label on:click=toggle>
            {move || match choice.get().as_str() {
                "light" => "☀",
                "dark" => "☾",
                _ => "◐",
            }}
        </button>
    }
}
