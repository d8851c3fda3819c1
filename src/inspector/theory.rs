//! The inspector's "Theory" section: for the selected node, what the formulas predict from the run's own measured
//! rates next to what the run measured, with the deviation and a line on why they may differ — or which
//! assumption of the formula the node breaks. Computed by the core (`Simulation::node_theory`) once per simulated
//! second, not every frame (a cache's prediction walks every key).

use crate::ctx::Ctx;
use leptos::prelude::*;
use scalelab_shell::theory::{TheoryRow, row};
use sim_core::NodeId;
use sim_core::theory::NodeTheory;

/// The run's theory for `id` now (`None` before a run), recomputed when the run's whole second changes.
pub fn theory_memo(ctx: Ctx, id: NodeId) -> Memo<Option<NodeTheory>> {
    let second = crate::probe::memo(move |_| {
        ctx.frame
            .with(|f| f.as_ref().map(|f| f.now.as_us() / 1_000_000))
    });
    crate::probe::memo(move |_| {
        second.get()?;
        ctx.runner.with_value(|r| {
            r.sim()
                .and_then(|sim| ctx.doc.with_untracked(|d| sim.node_theory(d, id)))
        })
    })
}

/// The section.
#[component]
pub fn TheorySection(id: NodeId) -> impl IntoView {
    let ctx = Ctx::expect();
    let theory = theory_memo(ctx, id);
    let rows = move || {
        theory.with(|t| {
            t.as_ref()
                .map(|t| t.checks.iter().map(row).collect::<Vec<TheoryRow>>())
        })
    };
    view! {
        {move || match rows() {
            None => view! {
                <h3>{crate::tr!("theory")}</h3>
                <p class="hint" data-testid="theory-idle">{crate::tr!("theory-idle")}</p>
            }
            .into_any(),
            Some(rows) if rows.is_empty() => ().into_any(),
            Some(rows) => view! {
                <h3>{crate::tr!("theory")}</h3>
                <table class="theory" data-testid="theory">
                    <thead>
                        <tr>
                            <th scope="col">""</th>
                            <th scope="col">{crate::tr!("theory")}</th>
                            <th scope="col">{crate::tr!("theory-measured")}</th>
                            <th scope="col">{crate::tr!("theory-deviation")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .scan(String::new(), |previous, r| {
                                // Two rows broken for the same reason say it once.
                                let repeated = r.broken && *previous == r.note;
                                previous.clone_from(&r.note);
                                Some((r, repeated))
                            })
                            .map(|(r, repeated)| {
                                let note = (!repeated).then(|| view! {
                                    <tr class="theory-note" class:broken=r.broken>
                                        <td colspan="4">{r.note.clone()}<span class="formula">{format!(" — {}", r.formula)}</span></td>
                                    </tr>
                                });
                                view! {
                                    <tr class:broken=r.broken data-testid="theory-row">
                                        <th scope="row" title=r.formula>{crate::i18n::quantity_title(r.quantity)}</th>
                                        <td>{r.predicted}</td>
                                        <td>{r.measured}</td>
                                        <td>{r.deviation}</td>
                                    </tr>
                                    {note}
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        }}
    }
}
