//! Settings of the scenario as a whole, shown when no node is selected: name, description, run length, seed and
//! the recorded fault timeline, the way into the load sweep and the service level objectives (`slos`).

use crate::ctx::Ctx;
use crate::i18n::{t, t_with};
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
                .map_err(|e| crate::i18n::edit_error(None, &e)),
            Err(_) => Err(t("scenario-duration-invalid")),
        };
        duration_error.set(r.err());
    };
    let faults = move || ctx.doc.with(|d| d.faults.len());
    view! {
        <h2>{doc(|s| s.name.clone())}</h2>
        <p class="explain">{doc(|s| s.description.clone())}</p>
        <div class="field">
            <label for="f-duration">{tr!("scenario-duration")}</label>
            <span class="field-input">
                <input
                    id="f-duration"
                    type="number"
                    min="1"
                    step="any"
                    prop:value=doc(|s| s.duration_s.to_string())
                    on:change=on_duration
                />
                <span class="unit">{tr!("unit-s")}</span>
            </span>
            {move || duration_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
        <div class="field">
            <span class="label">{tr!("scenario-faults")}</span>
            <span>{move || t_with("scenario-faults-count", &[("count", faults().into())])}</span>
            <button
                type="button"
                class="small"
                disabled=move || faults() == 0
                on:click=move |_| {
                    let _ = ctx.dispatch(Edit::ClearFaults);
                }
            >
                {tr!("scenario-faults-clear")}
            </button>
        </div>
        <super::failures::RandomFailuresField />
        <div class="field">
            <span class="label">{tr!("scenario-sweep")}</span>
            <span>{move || ctx.doc.with(|d| d.sweep.as_ref().map_or_else(
                || t("scenario-sweep-default"),
                |s| t_with("scenario-sweep-set", &[("points", s.points.into()), ("seeds", s.seeds.into())]),
            ))}</span>
            <button type="button" class="small" data-testid="sweep-open-scenario" on:click=move |_| crate::sweep::open(ctx)>
                {tr!("sweep-entry-open")}
            </button>
        </div>
        <super::slos::SloEditor />
        <p class="hint">{tr!("scenario-hint")}</p>
    }
}
