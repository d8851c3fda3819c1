//! The scenario's random-failures switch, in the scenario inspector: a checkbox that makes every machine of the
//! diagram fail now and then (off by default), and while it is on, the mean time between failures and the mean
//! time to repair, with the share of time each machine is then up. A refused value keeps the old one and says why.

use crate::ctx::Ctx;
use crate::i18n::{edit_error, percent, t_with};
use leptos::prelude::*;
use sim_core::model::FieldSpec;
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
            Err(_) => Err(super::fields::not_a_number(None, spec)),
        };
        error.set(
            result
                .err()
                .map(|e| super::fields::kept(e, crate::i18n::value(value().unwrap_or_default()))),
        );
    };
    view! {
        <super::fields::NumberBox
            html_id=format!("f-scenario-{}", spec.name)
            spec=spec
            label=Signal::derive(move || crate::i18n::scenario_setting_label(spec))
            value=Signal::derive(value)
            error=error
            on_change=on_change
            testid=format!("field-{}", spec.name)
        />
    }
}
