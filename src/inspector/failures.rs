//! The scenario's random-failures switch, in the scenario inspector: a checkbox that makes every machine of the
//! diagram fail now and then (off by default), and while it is on, the mean time between failures and the mean
//! time to repair, with the share of time each machine is then up. A refused value keeps the old one and says why.

use crate::ctx::Ctx;
use crate::i18n::{edit_error, percent, range_error, t_with, unit_text};
use leptos::prelude::*;
use sim_core::model::{FieldSpec, RangeError};
use sim_core::scenario::failures::{MTBF_S, MTTR_S};
use sim_core::scenario::{Edit, RandomFailures};

/// The switch and, when on, its two figures.
#[component]
pub fn RandomFailuresField() -> impl IntoView {
    let ctx = Ctx::expect();
    let current = move || ctx.doc.with(|d| d.random_failures);
    let on_toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let _ = ctx.dispatch(Edit::SetRandomFailures(on.then(RandomFailures::default)));
    };
    view! {
        <div class="field">
            <label>
                <input
                    type="checkbox"
                    data-testid="random-failures"
                    prop:checked=move || current().is_some()
                    on:change=on_toggle
                />
                " "
                {tr!("scenario-random-failures")}
            </label>
        </div>
        {move || current().is_some().then(|| view! {
            <Figure spec=MTBF_S get=|r| r.mtbf_s put=|r, v| r.mtbf_s = v />
            <Figure spec=MTTR_S get=|r| r.mttr_s put=|r, v| r.mttr_s = v />
            <p class="hint" data-testid="random-failures-hint">
                {move || current().map(|r| t_with(
                    "scenario-random-failures-hint",
                    &[("share", percent(r.availability(), 1).into())],
                ))}
            </p>
        })}
    }
}

/// One figure of the switch: `get` reads it, `put` writes it into a copy that is dispatched whole.
#[component]
fn Figure(
    spec: FieldSpec,
    get: fn(&RandomFailures) -> f64,
    put: fn(&mut RandomFailures, f64),
) -> impl IntoView {
    let ctx = Ctx::expect();
    let value = move || ctx.doc.with(|d| d.random_failures.as_ref().map(get));
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(mut figures) = ctx.doc.with_untracked(|d| d.random_failures) else {
            return;
        };
        let result = match event_target_value(&ev).trim().parse::<f64>() {
            Ok(v) => {
                put(&mut figures, v);
                ctx.dispatch(Edit::SetRandomFailures(Some(figures)))
                    .map(|_| ())
                    .map_err(|e| edit_error(None, &e))
            }
            Err(_) => Err(range_error(
                None,
                &RangeError {
                    field: spec,
                    value: f64::NAN,
                },
            )),
        };
        error.set(
            result
                .err()
                .map(|e| super::fields::kept(e, crate::i18n::value(value().unwrap_or_default()))),
        );
    };
    let html_id = format!("f-scenario-{}", spec.name);
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=html_id.clone()>{move || crate::i18n::scenario_setting_label(spec)}</label>
            <span class="field-input">
                <input
                    id=html_id
                    type="number"
                    step="any"
                    min=spec.min
                    max=spec.max
                    data-testid=format!("field-{}", spec.name)
                    prop:value=move || value().map(|v| v.to_string()).unwrap_or_default()
                    on:change=on_change
                    aria-invalid=move || error.with(Option::is_some).to_string()
                />
                <span class="unit">{move || unit_text(spec.unit)}</span>
            </span>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
    }
}
