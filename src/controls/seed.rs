//! The seed control: shows the document's seed, accepts a typed one, and draws a fresh one from the browser's
//! random source. Changing the seed changes the run, so a running simulation resets.

use crate::ctx::Ctx;
use leptos::prelude::*;
use sim_core::scenario::Edit;

/// Seed input and "new seed" button.
#[component]
pub fn SeedControl() -> impl IntoView {
    let ctx = Ctx::expect();
    let seed = crate::probe::memo(move |_| ctx.doc.with(|d| d.seed));
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<u64>()
    {
        Ok(s) => {
            error.set(None);
            let _ = ctx.dispatch(Edit::SetSeed(s));
        }
        Err(_) => error.set(Some(crate::i18n::t_with(
            "seed-invalid",
            &[
                ("max", u64::MAX.to_string().into()),
                ("seed", seed.get_untracked().to_string().into()),
            ],
        ))),
    };
    let fresh = move |_| {
        if let Ok(s) = getrandom::u64() {
            error.set(None);
            let _ = ctx.dispatch(Edit::SetSeed(s % 1_000_000));
        }
    };
    view! {
        <div class="group seed" role="group" aria-label=crate::tr!("seed")>
            <label for="seed" title=crate::tr!("seed-title")>{crate::tr!("seed")}</label>
            <input
                id="seed"
                data-testid="seed"
                type="text"
                inputmode="numeric"
                size="8"
                prop:value=move || seed.get().to_string()
                on:change=on_change
                aria-invalid=move || error.with(Option::is_some).to_string()
            />
            <button type="button" data-testid="new-seed" on:click=fresh title=crate::tr!("seed-new-title") aria-label=crate::tr!("seed-new")>"↻"</button>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
    }
}
