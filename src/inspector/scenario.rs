//! Settings of the scenario as a whole, shown when no node is selected: name, description, run length, seed and
//! the recorded fault timeline, and the way into the load sweep.

use crate::ctx::Ctx;
use leptos::prelude::*;
use sim_core::scenario::Edit;

/// Scenario settings.
#[component]
pub fn ScenarioInspector() -> impl IntoView {
    let ctx = Ctx::expect();
    let doc = move |f: fn(&sim_core::Scenario) -> String| move || ctx.doc.with(f);
    let duration_error = RwSignal::new(None::<String>);
    let on_duration = move |ev: leptos::ev::Event| {
        let r = match event_target_value(&ev).trim().parse::<f64>() {
            Ok(v) => ctx
                .dispatch(Edit::SetDuration(v))
                .map_err(|e| e.to_string()),
            Err(_) => Err("Run length must be a number of seconds".to_string()),
        };
        duration_error.set(r.err());
    };
    let faults = move || ctx.doc.with(|d| d.faults.len());
    view! {
        <h2>{doc(|s| s.name.clone())}</h2>
        <p class="explain">{doc(|s| s.description.clone())}</p>
        <div class="field">
            <label for="f-duration">"Run length"</label>
            <span class="field-input">
                <input
                    id="f-duration"
                    type="number"
                    min="1"
                    step="any"
                    prop:value=doc(|s| s.duration_s.to_string())
                    on:change=on_duration
                />
                <span class="unit">"s"</span>
            </span>
            {move || duration_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
        <div class="field">
            <span class="label">"Recorded faults"</span>
            <span>{move || format!("{} (replayed on every run)", faults())}</span>
            <button
                type="button"
                class="small"
                disabled=move || faults() == 0
                on:click=move |_| {
                    let _ = ctx.dispatch(Edit::ClearFaults);
                }
            >
                "Clear faults"
            </button>
        </div>
        <div class="field">
            <span class="label">"Load sweep"</span>
            <span>{move || ctx.doc.with(|d| d.sweep.as_ref().map_or_else(
                || "the client's arrival rate, 10 % to 150 % of capacity".to_owned(),
                |s| format!("{} values × {} seeds", s.points, s.seeds),
            ))}</span>
            <button type="button" class="small" data-testid="sweep-open-scenario" on:click=move |_| crate::sweep::open(ctx)>
                "Sweep…"
            </button>
        </div>
        <p class="hint">"Select a node to change its settings. Drag on the background to select several; Space+drag or right-drag to pan; scroll to zoom. Press ? for every shortcut."</p>
    }
}
