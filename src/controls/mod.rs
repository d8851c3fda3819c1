//! The top bar: scenario menu (presets, New), undo/redo, run controls (Run, Pause, Step, speed, Reset), sim time
//! with the "behind real time" indicator, the seed, and the theme switch.

mod seed;

use crate::ctx::{Ctx, RunState};
use crate::format;
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
            name: "New system".into(),
            ..Scenario::default()
        });
    };
    let preset_options = presets::ALL
        .iter()
        .map(|p| view! { <option value=p.id selected=move || preset.get() == p.id>{p.title}</option> })
        .collect_view();
    let own = view! { <option value="" disabled selected=move || preset.get().is_empty()>"Your own design"</option> };
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
            <div class="group" role="group" aria-label="Scenario">
                <label class="sr-only" for="preset">"Scenario"</label>
                <select id="preset" data-testid="preset-select" on:change=on_preset title="Load a built-in scenario">
                    {own}
                    {preset_options}
                </select>
                <button type="button" data-testid="new" on:click=new_doc title="Start from an empty canvas">"New"</button>
                <button
                    type="button"
                    data-testid="undo"
                    disabled=move || !ctx.history.get().0
                    on:click=move |_| ctx.editor.update(|e| {
                        e.undo();
                    })
                    title="Undo (Ctrl+Z)"
                >
                    "Undo"
                </button>
                <button
                    type="button"
                    data-testid="redo"
                    disabled=move || !ctx.history.get().1
                    on:click=move |_| ctx.editor.update(|e| {
                        e.redo();
                    })
                    title="Redo (Ctrl+Shift+Z)"
                >
                    "Redo"
                </button>
            </div>
            <div class="group run" role="group" aria-label="Run">
                <button
                    type="button"
                    class="primary"
                    data-testid="run"
                    title="Run (R)"
                    disabled=move || state() == RunState::Running
                    on:click=move |_| sim_driver::run(ctx)
                >
                    {move || if state() == RunState::Paused { "Resume" } else { "Run" }}
                </button>
                <button
                    type="button"
                    data-testid="pause"
                    title="Pause (R)"
                    disabled=move || state() != RunState::Running
                    on:click=move |_| sim_driver::pause(ctx)
                >
                    "Pause"
                </button>
                <button type="button" data-testid="step" title="Advance one second of sim time" on:click=move |_| sim_driver::step(ctx)>
                    "Step"
                </button>
                <button
                    type="button"
                    data-testid="reset"
                    disabled=move || state() == RunState::Idle
                    on:click=move |_| sim_driver::stop(ctx)
                    title="Back to time zero"
                >
                    "Reset"
                </button>
                <label for="speed" class="sr-only">"Speed"</label>
                <select
                    id="speed"
                    data-testid="speed"
                    title="Speed: sim seconds per real second"
                    on:change=move |ev| {
                        if let Ok(s) = event_target_value(&ev).parse::<f64>() {
                            ctx.speed.set(s);
                        }
                    }
                >
                    {speed_options}
                </select>
                <span class="sim-time" aria-live="off">
                    <span data-testid="sim-time">{move || format::sim_time(now())}</span>
                    <span class="of">{move || format!(" / {} s", duration())}</span>
                </span>
                <Show when=behind>
                    <span class="behind" data-testid="behind" title="The browser cannot simulate this many requests per second at this speed; sim time runs slower than the speed setting.">
                        "simulation behind real time"
                    </span>
                </Show>
                {move || (state() == RunState::Finished).then(|| view! { <span class="finished">"finished"</span> })}
            </div>
            <seed::SeedControl />
            <div class="group share-group" role="group" aria-label="Share">
                <button type="button" class="chapter-open" data-testid="chapter-open" title="The chapter, step by step" on:click=move |_| ctx.chapter_open.set(true)>
                    "Chapter"
                </button>
                <button type="button" data-testid="share" title="Link, embed code and files" on:click=move |_| ctx.share_open.set(true)>
                    "Share"
                </button>
                <a
                    class="open-full"
                    data-testid="open-full"
                    target="_blank"
                    rel="noopener"
                    href=move || ctx.fragment.with(|f| crate::share::link_to(f))
                >
                    "Open in full playground ↗"
                </a>
            </div>
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
    let label = move || format!("Theme: {} (click to change)", choice.get());
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
