//! The chapter as a guided path: the gallery of steps (one per preset, in chapter order), the lesson panel of the
//! open step (explanation, what to watch, experiment buttons) and the challenge box with its verdict.
//!
//! An experiment is a fault or tier action on a named node, injected into the run exactly like the inspector's
//! buttons (so it is recorded and replays). Grading ([`Grader`]) runs a separate simulation of the scenario *as
//! graded* (its challenge's faults added) to the end of its run length, a slice per animation frame with a progress
//! bar, and leaves the user's own run alone.

use crate::ctx::Ctx;
use crate::i18n::{core_text, t, t_with};
use crate::modal::Modal;
use crate::share::sync;
use leptos::prelude::*;
use scalelab_shell::runner::{Graded, Grader};
use sim_core::scenario::lessons::{self, Experiment, Lesson};
use sim_core::scenario::presets;
use sim_core::verdict::Verdict;
/// `localStorage` key of the steps whose challenge the learner passed (preset ids, JSON array).
const PASSED_KEY: &str = "scalelab.passed";

thread_local! {
    /// Steps passed in this browser (preset ids), read once and kept in step with [`PASSED_KEY`].
    static PASSED: ArcRwSignal<Vec<String>> = ArcRwSignal::new(
        crate::share::startup::storage()
            .and_then(|s| s.get_item(PASSED_KEY).ok().flatten())
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default(),
    );
}

/// Whether the learner passed the challenge of step `preset` in this browser.
fn passed(preset: &str) -> bool {
    PASSED.with(|p| p.with(|p| p.iter().any(|x| x == preset)))
}

/// Remembers that the challenge of `preset` was passed (not from an embed: a course page leaves the reader's
/// own browser state alone).
fn mark_passed(ctx: Ctx, preset: &str) {
    if passed(preset) {
        return;
    }
    PASSED.with(|p| p.update(|p| p.push(preset.to_owned())));
    if !ctx.options.with_value(|o| o.embed)
        && let Some(st) = crate::share::startup::storage()
    {
        let all = PASSED.with(|p| p.get_untracked());
        let _ = st.set_item(PASSED_KEY, &serde_json::to_string(&all).unwrap_or_default());
    }
}

fn step_number(l: &Lesson) -> usize {
    lessons::ALL
        .iter()
        .position(|x| x.preset == l.preset)
        .map_or(0, |i| i + 1)
}

fn open_preset(ctx: Ctx, id: &str) {
    if let Some(doc) = presets::get(id) {
        sync::open(ctx, doc, None);
    }
}

/// Runs `e` now: starts the run if needed, then injects the action on its node. Returns what to look for, or why
/// it could not.
fn run_experiment(ctx: Ctx, e: &Experiment) -> Result<String, String> {
    let node = ctx.doc.with_untracked(|d| e.target(d)).ok_or_else(|| {
        t_with(
            "experiment-no-node",
            &[("name", e.target.to_owned().into())],
        )
    })?;
    crate::actions::perform(ctx, node, e.action)?;
    Ok(e.expect.to_string())
}

/// The lesson text `attr` of step `l` (`None`: its headline) in the page's language.
fn lesson_text(l: &Lesson, attr: Option<&str>, english: &str) -> String {
    core_text(&format!("lesson-{}", l.preset), attr, english)
}

/// The title of preset `id` in the page's language.
pub fn preset_title(id: &str, english: &str) -> String {
    core_text(&format!("preset-{id}"), None, english)
}

/// The challenge's goal in the page's language: a chapter step's own goal is translated by its step, a goal the
/// user's file brings is shown as written.
fn goal_text(d: &sim_core::Scenario) -> String {
    let Some(goal) = d.challenge.as_ref().map(|c| c.goal.clone()) else {
        return String::new();
    };
    lessons::for_scenario(d)
        .filter(|l| {
            presets::get(l.preset)
                .and_then(|p| p.challenge)
                .is_some_and(|c| c.goal == goal)
        })
        .map_or_else(
            || goal.clone(),
            |l| core_text(&format!("challenge-{}", l.preset), None, &goal),
        )
}

/// The gallery of chapter steps, shown while `ctx.chapter_open` is set.
#[component]
pub fn ChapterGallery() -> impl IntoView {
    let ctx = Ctx::expect();
    let current = move || ctx.doc.with(|d| lessons::for_scenario(d).map(|l| l.preset));
    let steps = move || {
        lessons::ALL
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let title = presets::ALL
                .iter()
                .find(|p| p.id == l.preset)
                .map_or("", |p| p.title);
            let lesson: &'static Lesson = l;
            let challenge = presets::get(l.preset).is_some_and(|d| d.challenge.is_some());
            let id = l.preset;
            view! {
                <li>
                    <button
                        type="button"
                        class="step"
                        data-testid="chapter-step"
                        data-preset=id
                        class:current=move || current() == Some(id)
                        on:click=move |_| {
                            open_preset(ctx, id);
                            ctx.chapter_open.set(false);
                        }
                    >
                        <span class="step-no" class:passed=move || passed(id)>
                            {move || if passed(id) { "✓".to_owned() } else { (i + 1).to_string() }}
                        </span>
                        <span class="sr-only">{move || if passed(id) { t("chapter-passed-sr") } else { String::new() }}</span>
                        <span class="step-text">
                            <strong>{move || lesson_text(lesson, None, lesson.headline)}</strong>
                            <span class="hint">{move || preset_title(id, title)}</span>
                        </span>
                        {challenge.then(|| view! { <span class="tag">{tr!("chapter-challenge-tag")}</span> })}
                    </button>
                </li>
            }
        })
        .collect_view()
    };
    view! {
        <Modal
            open=ctx.chapter_open
            title_key="chapter-title"
            id="chapter"
            testid="chapter"
            class="chapter"
        >
                <p class="explain">{tr!("chapter-explain")}</p>
                <ol class="steps">{steps()}</ol>
        </Modal>
    }
}

/// The open step's lesson (when the diagram is one of the chapter's) and the scenario's challenge (when it has
/// one), for the side panel.
#[component]
pub fn LessonPanel() -> impl IntoView {
    let ctx = Ctx::expect();
    let lesson = crate::probe::memo(move |_| ctx.doc.with(lessons::for_scenario));
    let has_challenge = crate::probe::memo(move |_| ctx.doc.with(|d| d.challenge.is_some()));
    // The selected node's actions come first: breaking things is what a step is for. Its settings and figures (or a
    // selected connection's) are in the inspector below the lesson, one click away.
    let selected = crate::probe::memo(move |_| ctx.selected_one());
    let selected_edge = crate::probe::memo(move |_| ctx.selected_edge.get());
    let to_inspector = move |_| {
        if let Some(el) = document()
            .query_selector("[data-testid=inspector]")
            .ok()
            .flatten()
        {
            el.scroll_into_view();
        }
    };
    let at_hand = move || {
        lesson.get()?;
        if let Some(id) = selected.get() {
            let label = ctx
                .doc
                .with_untracked(|d| d.node(id).map(|n| n.label.clone()))?;
            return Some(
                view! {
                    <section class="at-hand" data-testid="at-hand" aria-label=t_with("at-hand-label", &[("name", label.clone().into())])>
                        <h3>{t_with("at-hand-title", &[("name", label.clone().into())])}</h3>
                        <crate::actions::NodeActions id=id />
                        <button type="button" class="link more-link" on:click=to_inspector>{tr!("at-hand-more")}</button>
                    </section>
                }
                .into_any(),
            );
        }
        let (from, to) = selected_edge.get()?;
        let name = ctx
            .doc
            .with_untracked(|d| Some(format!("{} → {}", d.node(from)?.label, d.node(to)?.label)))?;
        Some(
            view! {
                <section class="at-hand" data-testid="at-hand">
                    <h3>{t_with("at-hand-edge", &[("name", name.into())])}</h3>
                    <button type="button" class="link more-link" on:click=to_inspector>{tr!("at-hand-edge-more")}</button>
                </section>
            }
            .into_any(),
        )
    };
    view! {
        {at_hand}
        {move || lesson.get().map(|l| view! { <LessonBody lesson=l /> })}
        <Show when=move || has_challenge.get()>
            <ChallengeBox />
        </Show>
    }
}

#[component]
fn LessonBody(lesson: &'static Lesson) -> impl IntoView {
    let ctx = Ctx::expect();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let n = step_number(lesson);
    let prev = n.checked_sub(2).and_then(|i| lessons::ALL.get(i));
    let next = lessons::ALL.get(n);
    let readonly = ctx.options.with_value(|o| o.readonly);
    let experiments = lesson
        .experiments
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let title_attr = format!("x-{}-title", i + 1);
            let expect_attr = format!("x-{}-expect", i + 1);
            let expect = move || lesson_text(lesson, Some(&expect_attr), e.expect);
            let missing = move || ctx.doc.with(|d| e.target(d).is_none());
            view! {
                <button
                    type="button"
                    class="experiment"
                    data-testid="experiment"
                    disabled=missing
                    title={
                        let expect = expect.clone();
                        move || if missing() { t_with("experiment-missing", &[("name", e.target.to_owned().into())]) } else { expect() }
                    }
                    on:click=move |_| outcome.set(Some(run_experiment(ctx, e).map(|_| expect())))
                >
                    {move || lesson_text(lesson, Some(&title_attr), e.title)}
                </button>
            }
        })
        .collect_view();
    let chart_ids = lesson
        .charts
        .iter()
        .map(|c| c.id())
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <section
            class="lesson"
            data-testid="lesson"
            data-preset=lesson.preset
            data-charts=chart_ids
            aria-labelledby="lesson-title"
        >
            <p class="step-of">
                {move || t_with("lesson-step-of", &[("n", n.into()), ("total", lessons::ALL.len().into())])}
                {move || passed(lesson.preset).then(|| view! { <span class="passed-tag" data-testid="passed">{tr!("lesson-passed")}</span> })}
            </p>
            <h2 id="lesson-title">{move || lesson_text(lesson, None, lesson.headline)}</h2>
            {lesson
                .explain
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let attr = format!("explain-{}", i + 1);
                    view! { <p>{move || lesson_text(lesson, Some(&attr), p)}</p> }
                })
                .collect_view()}
            <p class="watch">
                <strong>{tr!("lesson-watch")}</strong>
                {move || lesson_text(lesson, Some("watch"), lesson.watch)}
            </p>
            <h3>{tr!("lesson-experiments")}</h3>
            <div class="experiments">{experiments}</div>
            {move || outcome.get().map(|o| match o {
                Ok(look) => view! { <p class="look-for" role="status" data-testid="experiment-result">{look}</p> }.into_any(),
                Err(e) => view! { <p class="field-error" role="alert" data-testid="experiment-result">{e}</p> }.into_any(),
            })}
            {(!readonly).then(|| view! {
                <div class="step-nav">
                    {prev.map(|p| view! { <button type="button" class="small" on:click=move |_| open_preset(ctx, p.preset)>{tr!("lesson-previous")}</button> })}
                    <button type="button" class="small" on:click=move |_| ctx.chapter_open.set(true)>{tr!("lesson-all-steps")}</button>
                    {next.map(|p| view! { <button type="button" class="small" data-testid="next-step" on:click=move |_| open_preset(ctx, p.preset)>{tr!("lesson-next")}</button> })}
                </div>
            })}
        </section>
    }
}

/// Grading state.
#[derive(Clone, Debug, PartialEq)]
enum Grading {
    Idle,
    /// Fraction of the run simulated so far.
    Running(f64),
    Done(Verdict),
    Failed(String),
}

#[component]
fn ChallengeBox() -> impl IntoView {
    let ctx = Ctx::expect();
    let state = RwSignal::new(Grading::Idle);
    let generation = StoredValue::new(0_u64);
    // A change that alters a run makes an old verdict meaningless. Moves, labels and clicked faults do not
    // (grading replaces the clicked faults with the challenge's), so an experiment keeps the verdict shown.
    // The revision through a memo: selecting a node (to fix what the verdict said) changes the editor, not the
    // revision, and must leave the verdict in place.
    let revision = crate::probe::memo(move |_| ctx.run_revision.get());
    Effect::new(move |prev: Option<u64>| {
        let rev = revision.get();
        if prev.is_some_and(|p| p != rev) {
            generation.update_value(|g| *g += 1);
            state.set(Grading::Idle);
        }
        rev
    });
    let goal = move || ctx.doc.with(goal_text);
    let grade = move |_| {
        let grader = ctx.doc.with_untracked(Grader::new);
        let grader = match grader {
            None => return,
            Some(Err(problems)) => {
                state.set(Grading::Failed(t_with(
                    "challenge-problems-first",
                    &[("count", problems.into())],
                )));
                return;
            }
            Some(Ok(g)) => g,
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        state.set(Grading::Running(0.0));
        // A newer grading or a change stops this one.
        crate::grading::in_frames(
            grader,
            move || generation.get_value() == mine,
            move |graded| match graded {
                Graded::Done(verdict) => {
                    if verdict.pass
                        && let Some(l) = ctx.doc.with_untracked(lessons::for_scenario)
                    {
                        mark_passed(ctx, l.preset);
                    }
                    crate::share::bridge::report_grade(ctx, &verdict);
                    state.set(Grading::Done(verdict));
                }
                Graded::Running(frac) => state.set(Grading::Running(frac)),
            },
        );
    };
    let busy = move || matches!(state.get(), Grading::Running(_));
    // Every challenge asks for a change to the design (each fails on its untouched preset), which lesson mode
    // forbids: say so and point to where it can be done, instead of offering a check that can only fail.
    if ctx.options.with_value(|o| o.readonly) {
        return view! {
            <section class="challenge readonly" data-testid="challenge">
                <h3>{tr!("challenge-heading")}</h3>
                <p>{goal}</p>
                <p class="hint" data-testid="challenge-readonly">
                    {tr!("challenge-readonly")}
                    " "
                    <a
                        href=move || ctx.fragment.with(|f| crate::share::link_to(f))
                        target="_blank"
                        rel="noopener"
                    >
                        {tr!("challenge-readonly-link")}
                    </a>
                </p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="challenge" data-testid="challenge">
            <h3>{tr!("challenge-heading")}</h3>
            <p>{goal}</p>
            <button type="button" class="primary" data-testid="grade" disabled=busy on:click=grade>
                {tr!("challenge-check")}
            </button>
            {move || match state.get() {
                Grading::Idle => view! { <p class="hint">{tr!("challenge-check-hint")}</p> }.into_any(),
                Grading::Running(f) => view! {
                    <p class="hint">
                        <progress max="1" value=f></progress>
                        {move || format!(" {}", t_with("challenge-simulating", &[("percent", crate::i18n::percent(f, 0).into())]))}
                    </p>
                }.into_any(),
                Grading::Failed(why) => view! { <p class="field-error" role="alert">{why}</p> }.into_any(),
                Grading::Done(v) => view! { <VerdictView verdict=v /> }.into_any(),
            }}
        </section>
    }
    .into_any()
}

#[component]
fn VerdictView(verdict: Verdict) -> impl IntoView {
    let checks = verdict
        .checks
        .into_iter()
        .map(|c| {
            let pass = c.pass;
            view! {
                <li class:pass=pass class:fail=!pass data-testid="check" data-pass=pass.to_string()>
                    <span class="mark">{if pass { t("verdict-pass") } else { t("verdict-fail") }}</span>
                    " "
                    {move || crate::i18n::check_text(&c)}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="verdict" role="status" data-testid="verdict" data-pass=verdict.pass.to_string()>
            <p class="verdict-head">
                {move || if verdict.pass { t("verdict-passed") } else { t("verdict-not-yet") }}
            </p>
            <p class="hint">
                {move || t_with("verdict-measured", &[
                    ("from", crate::i18n::number(verdict.measured_from_s, 0).into()),
                    ("to", crate::i18n::number(verdict.measured_to_s, 0).into()),
                ])}
            </p>
            <ul>{checks}</ul>
        </div>
    }
}
