//! Form fields of the inspector. Each commits on `change` through `dispatch`; when the core refuses a value the
//! field keeps what the user typed, shows the refusal sentence beside it, and the document keeps its old value.

use crate::ctx::Ctx;
use crate::i18n::{choice_label, edit_error, range_error, setting_label, t_with, unit_text};
use leptos::prelude::*;
use sim_core::model::{ChoiceField, FieldSpec, RangeError};
use sim_core::scenario::Edit;
use sim_core::{ComponentKind, NodeId};

fn field_id(id: NodeId, name: &str) -> String {
    format!("f-{}-{name}", id.0)
}

/// A refusal beside a field that kept its value: the refusal sentence `error` and the value `old` the document
/// keeps, as the page's language says it (message `field-kept`).
pub fn kept(error: String, old: String) -> String {
    t_with(
        "field-kept",
        &[("error", error.into()), ("value", old.into())],
    )
}

/// The refusal of a box whose text is not a number, for a setting of `spec` (on a node of `kind`, if any).
pub fn not_a_number(kind: Option<ComponentKind>, spec: FieldSpec) -> String {
    range_error(
        kind,
        &RangeError {
            field: spec,
            value: f64::NAN,
        },
    )
}

/// One number box of the inspector: its label, an input with `spec`'s range and step showing `value`, the unit,
/// and `error` (the refusal the last change got) beside it. `on_change` commits; `placeholder` shows in an empty
/// box; `testid` names the input for tests.
#[component]
pub fn NumberBox(
    html_id: String,
    spec: FieldSpec,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<Option<f64>>,
    error: RwSignal<Option<String>>,
    on_change: impl Fn(leptos::ev::Event) + 'static,
    #[prop(default = None)] placeholder: Option<fn() -> String>,
    #[prop(optional)] testid: Option<String>,
) -> impl IntoView {
    let unit = (!spec.unit.is_empty()).then_some(spec.unit);
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=html_id.clone()>{move || label.get()}</label>
            <span class="field-input">
                <input
                    id=html_id
                    type="number"
                    step=if spec.integer { "1" } else { "any" }
                    min=spec.min
                    max=spec.max
                    placeholder=move || placeholder.map(|p| p())
                    data-testid=testid
                    prop:value=move || value.get().map(|v| v.to_string()).unwrap_or_default()
                    on:change=on_change
                    aria-invalid=move || error.with(Option::is_some).to_string()
                />
                {unit.map(|u| view! { <span class="unit">{move || unit_text(u)}</span> })}
            </span>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
    }
}

/// A numeric setting of a node of `kind`, with its unit and allowed range, in the page's language.
#[component]
pub fn NumberInput(id: NodeId, kind: ComponentKind, spec: FieldSpec) -> impl IntoView {
    let ctx = Ctx::expect();
    let value = crate::probe::memo(move |_| {
        ctx.doc.with(|d| {
            d.node(id)
                .and_then(|n| {
                    n.config
                        .numbers()
                        .into_iter()
                        .find(|(s, _)| s.name == spec.name)
                })
                .map(|(_, v)| v)
        })
    });
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let result = match text.trim().parse::<f64>() {
            Ok(v) => ctx
                .dispatch(Edit::SetNumber {
                    node: id,
                    field: spec.name.to_owned(),
                    value: v,
                })
                .map_err(|e| edit_error(Some(kind), &e)),
            Err(_) => Err(not_a_number(Some(kind), spec)),
        };
        error.set(result.err().map(|e| {
            kept(
                e,
                crate::i18n::value(value.get_untracked().unwrap_or_default()),
            )
        }));
    };
    view! {
        <NumberBox
            html_id=field_id(id, spec.name)
            spec=spec
            label=Signal::derive(move || setting_label(kind, spec.name, spec.label))
            value=value
            error=error
            on_change=on_change
        />
    }
}

/// A setting of a node of `kind` chosen from a list, its label and options in the page's language.
#[component]
pub fn ChoiceInput(id: NodeId, kind: ComponentKind, field: ChoiceField) -> impl IntoView {
    let ctx = Ctx::expect();
    let name = field.name;
    let current = crate::probe::memo(move |_| {
        ctx.doc.with(|d| {
            d.node(id)
                .and_then(|n| n.config.choices().into_iter().find(|c| c.name == name))
                .map_or("", |c| c.current)
        })
    });
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let option = event_target_value(&ev);
        error.set(
            ctx.dispatch(Edit::SetChoice {
                node: id,
                field: name.to_owned(),
                option,
            })
            .err()
            .map(|e| edit_error(Some(kind), &e)),
        );
    };
    let html_id = field_id(id, name);
    let options = field
        .options
        .iter()
        .map(|&(value, label)| {
            view! {
                <option value=value selected=move || current.get() == value>
                    {move || choice_label(name, value, label)}
                </option>
            }
        })
        .collect_view();
    let label = field.label;
    view! {
        <div class="field">
            <label for=html_id.clone()>{move || setting_label(kind, name, label)}</label>
            <select id=html_id on:change=on_change prop:value=move || current.get()>
                {options}
            </select>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
    }
}

/// The node's label.
#[component]
pub fn LabelInput(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let label = crate::probe::memo(move |_| {
        ctx.doc
            .with(|d| d.node(id).map(|n| n.label.clone()).unwrap_or_default())
    });
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        error.set(
            ctx.dispatch(Edit::SetLabel {
                node: id,
                label: text,
            })
            .err()
            .map(|e| edit_error(None, &e)),
        );
    };
    let html_id = field_id(id, "label");
    view! {
        <div class="field">
            <label for=html_id.clone()>{crate::tr!("field-name")}</label>
            <input id=html_id type="text" prop:value=move || label.get() on:change=on_change maxlength="60" />
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
    }
}
