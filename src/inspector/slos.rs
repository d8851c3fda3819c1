//! The scenario's service level objectives in the scenario inspector: add (up to `MAX_SLOS`), change and remove
//! them. Availability is typed as a percentage (50–99.999 %), the core keeps a share (0.5–0.99999); a value the
//! core refuses (`Edit::SetSlo`) stays in its box with the refusal beside it and the document keeps the old one.
//! Each change is one undo step of the editor and restarts the run (the engine judges the SLOs it started with).

use crate::ctx::Ctx;
use crate::i18n::{edit_error, range_error, t, t_with};
use leptos::prelude::*;
use sim_core::model::{FieldSpec, RangeError};
use sim_core::scenario::slo::{AVAILABILITY_MIN, LATENCY_MS_P99_MAX, OBJECTIVES, WINDOW_S};
use sim_core::scenario::{Edit, EditError, MAX_SLOS, Slo};

/// The availability range as a user types it, in percent ([`AVAILABILITY_MIN`] × 100, written out: the product
/// in floating point is 99.999000…01).
const AVAILABILITY_PERCENT: FieldSpec = FieldSpec {
    min: 50.0,
    max: 99.999,
    unit: "%",
    ..AVAILABILITY_MIN
};

/// One box of an SLO row.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// Availability, % (empty: not an objective).
    Availability,
    /// p99 latency, ms (empty: not an objective).
    Latency,
    /// Rolling window, s.
    Window,
}

impl Part {
    fn spec(self) -> FieldSpec {
        match self {
            Part::Availability => AVAILABILITY_PERCENT,
            Part::Latency => LATENCY_MS_P99_MAX,
            Part::Window => WINDOW_S,
        }
    }

    /// The value the box shows for `slo` (availability as a percentage, rounded away from float noise).
    fn shown(self, slo: &Slo) -> Option<f64> {
        match self {
            Part::Availability => slo.availability_min.map(|a| (a * 1e8).round() / 1e6),
            Part::Latency => slo.latency_ms_p99_max,
            Part::Window => Some(f64::from(slo.window_s)),
        }
    }

    /// `slo` with this box set to `value` (`None`: cleared); the window is whole seconds or refused.
    fn with(self, slo: &Slo, value: Option<f64>) -> Result<Slo, RangeError> {
        let spec = self.spec();
        let mut out = slo.clone();
        match self {
            Part::Availability => out.availability_min = value.map(|p| (p * 1e7).round() / 1e9),
            Part::Latency => out.latency_ms_p99_max = value,
            Part::Window => {
                let v = value.unwrap_or(f64::NAN);
                spec.check(v)?;
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                // checked: a whole 10–3 600
                let whole = v as u32;
                out.window_s = whole;
            }
        }
        Ok(out)
    }

    fn label(self) -> String {
        t(match self {
            Part::Availability => "slo-availability",
            Part::Latency => "slo-latency",
            Part::Window => "slo-window",
        })
    }

    fn id(self) -> &'static str {
        match self {
            Part::Availability => "availability",
            Part::Latency => "latency",
            Part::Window => "window",
        }
    }
}

/// The refusal sentence for a value typed as `typed`; availability's range is phrased in percent, as typed.
fn refusal(e: &EditError, typed: Option<f64>) -> String {
    match e {
        EditError::OutOfRange(r) if r.field.name == AVAILABILITY_MIN.name => range_error(
            None,
            &RangeError {
                field: AVAILABILITY_PERCENT,
                value: typed.unwrap_or(f64::NAN),
            },
        ),
        EditError::OutOfRange(r) if r.field.name == OBJECTIVES.name => t("slo-needs-objective"),
        other => edit_error(None, other),
    }
}

/// The SLO list with its Add button.
#[component]
pub fn SloEditor() -> impl IntoView {
    let ctx = Ctx::expect();
    let read_only = ctx
        .editor
        .with_untracked(scalelab_editor::Editor::read_only);
    let count = crate::probe::memo(move |_| ctx.doc.with(|d| d.slos.len()));
    let add = move |_: leptos::ev::MouseEvent| {
        let slo = Slo {
            availability_min: Some(0.999),
            ..Slo::default()
        };
        let _ = ctx.dispatch(Edit::SetSlo {
            index: count.get_untracked(),
            slo,
        });
    };
    view! {
        <fieldset class="plain slos" data-testid="slo-editor" disabled=read_only>
            <h3>{crate::tr!("slo-title")}</h3>
            <For each=move || 0..count.get() key=|i| *i let:index>
                <SloRow index=index />
            </For>
            <button
                type="button"
                class="small"
                data-testid="slo-add"
                disabled=move || { count.get() >= MAX_SLOS }
                on:click=add
            >
                {crate::tr!("slo-add")}
            </button>
            <p class="hint">{move || t_with("slo-hint", &[("max", MAX_SLOS.into())])}</p>
        </fieldset>
    }
}

/// SLO `index`: its three boxes and Remove.
#[component]
fn SloRow(index: usize) -> impl IntoView {
    let ctx = Ctx::expect();
    let remove = move |_: leptos::ev::MouseEvent| {
        let mut slos = ctx.editor.with_untracked(|e| e.doc().slos.clone());
        if index < slos.len() {
            slos.remove(index);
            let _ = ctx.dispatch(Edit::SetSlos(slos));
        }
    };
    view! {
        <div class="slo" data-testid=format!("slo-{index}") role="group"
            aria-label=move || t_with("slo-number", &[("number", (index + 1).into())])>
            <div class="slo-head">
                <span class="label">{move || t_with("slo-number", &[("number", (index + 1).into())])}</span>
                <button type="button" class="small" data-testid=format!("slo-{index}-remove") on:click=remove>
                    {crate::tr!("slo-remove")}
                </button>
            </div>
            <SloNumber index=index part=Part::Availability />
            <SloNumber index=index part=Part::Latency />
            <SloNumber index=index part=Part::Window />
        </div>
    }
}

/// The placeholder of an empty objective box.
fn slo_none() -> String {
    t("slo-none")
}

/// One box of SLO `index`; commits on change, empty clears an objective.
#[component]
fn SloNumber(index: usize, part: Part) -> impl IntoView {
    let ctx = Ctx::expect();
    let value = crate::probe::memo(move |_| {
        ctx.doc
            .with(|d| d.slos.get(index).and_then(|s| part.shown(s)))
    });
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let text = text.trim();
        let typed = if text.is_empty() {
            Ok(None)
        } else {
            text.parse::<f64>().map(Some)
        };
        let Some(current) = ctx.doc.with_untracked(|d| d.slos.get(index).cloned()) else {
            return;
        };
        let result = match typed {
            Err(_) => Err(super::fields::not_a_number(None, part.spec())),
            Ok(v) => match part.with(&current, v) {
                Err(r) => Err(range_error(None, &r)),
                Ok(slo) => ctx
                    .dispatch(Edit::SetSlo { index, slo })
                    .map(|_| ())
                    .map_err(|e| refusal(&e, v)),
            },
        };
        error.set(result.err().map(|e| {
            let kept = value
                .get_untracked()
                .map_or_else(|| t("slo-none"), crate::i18n::value);
            super::fields::kept(e, kept)
        }));
    };
    view! {
        <super::fields::NumberBox
            html_id=format!("f-slo-{index}-{}", part.id())
            spec=part.spec()
            label=Signal::derive(move || part.label())
            value=value
            error=error
            on_change=on_change
            placeholder=(part != Part::Window).then_some(slo_none)
        />
    }
}
