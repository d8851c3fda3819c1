//! The postMessage bridge of an embedded playground (protocol: `scalelab_share::protocol`). Active only in embed
//! mode (`?embed=1`) inside a frame: a page that frames the plain playground gets no message and cannot drive it,
//! since the plain playground holds the reader's own autosaved diagram. An embed never reads or writes the
//! autosave, so no message can carry it. Sends `ready` once mounted, `resize` when the content height changes,
//! `state` when the scenario changes, `run-finished` with the run summary and `challenge-result` with a grade
//! (after *Check my design*, and after a run ends when the step has a challenge); accepts `load`, `run` and
//! `set-theme` from the parent window only.
//!
//! `?host=` adds a course platform's conventions (`scalelab_share::hosts`): the H5P resizer handshake, Canvas's
//! `lti.frameResize`, or an xAPI statement in each grade.

use super::{link_to, page_base, sync};
use crate::ctx::{Ctx, RunState};
use crate::sim_driver;
use leptos::ev;
use leptos::prelude::*;
use leptos_use::use_resize_observer;
use scalelab_share::hosts::{H5pResizer, Host, canvas_frame_resize, parse_h5p};
use scalelab_share::preset_fragment;
use scalelab_share::protocol::{ChildMessage, HostMessage, parse_host_message};
use scalelab_shell::runner::{Graded, Grader};
use serde_json::Value;
use sim_core::scenario::lessons;
use sim_core::verdict::Verdict;
use wasm_bindgen::JsValue;

/// The parent window when this page is inside a frame.
fn parent() -> Option<web_sys::Window> {
    let w = window();
    let p = w.parent().ok().flatten()?;
    (!js_sys::Object::is(&p, &w)).then_some(p)
}

/// Posts `msg` to the parent window, if any. The target origin is `*`: messages only carry what the page's own
/// address already shows (the scenario link) and the run summary.
pub fn send(msg: &ChildMessage) {
    post(&msg.to_json());
}

/// Posts a JSON value to the parent window, if any, as a structured object (not a string).
fn post(value: &Value) {
    let Some(p) = parent() else { return };
    if let Ok(v) = js_sys::JSON::parse(&value.to_string()) {
        let _ = p.post_message(&v, "*");
    }
}

/// The address of the step being graded, as an xAPI activity id: its `t/<preset>` link when the document is a
/// chapter step (edited or not), else the page; and the document's name.
fn activity(ctx: Ctx) -> (String, String) {
    ctx.doc.with_untracked(|d| {
        let url = lessons::for_scenario(d)
            .and_then(|l| preset_fragment(l.preset))
            .map_or_else(page_base, |f| link_to(&f));
        (url, d.name.clone())
    })
}

/// Posts a grade to the course page (`challenge-result`, with an xAPI statement for `?host=xapi`). Only in embed
/// mode, like every message.
pub fn report_grade(ctx: Ctx, verdict: &Verdict) {
    let (embed, host) = ctx.options.with_value(|o| (o.embed, o.host));
    if !embed {
        return;
    }
    let (url, name) = activity(ctx);
    send(&ChildMessage::challenge_result(verdict, &url, &name, host));
}

/// The page's content height and viewport height, CSS px.
fn heights() -> (u32, u32) {
    document().document_element().map_or((0, 0), |r| {
        (
            u32::try_from(r.scroll_height()).unwrap_or(0),
            u32::try_from(r.client_height()).unwrap_or(0),
        )
    })
}

/// Applies a theme to the page (`<html data-theme>`).
pub fn set_theme(theme: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", theme);
    }
}

fn handle(ctx: Ctx, msg: HostMessage) {
    match msg {
        HostMessage::Load { link } => sync::open_fragment(ctx, &link),
        HostMessage::Run => sim_driver::run(ctx),
        HostMessage::SetTheme { theme } => set_theme(theme.id()),
    }
}

/// A run ended in an embed: when the step has a challenge, grade the document (the challenge's own run, not the
/// learner's clicks, as *Check my design* does) and post the grade. A change to the diagram meanwhile drops it.
fn grade_after_run(ctx: Ctx) {
    let Some(Ok(grader)) = ctx.doc.with_untracked(Grader::new) else {
        return;
    };
    let revision = ctx.run_revision.get_untracked();
    crate::grading::in_frames(
        grader,
        move || ctx.run_revision.get_untracked() == revision,
        move |graded| {
            if let Graded::Done(verdict) = graded {
                report_grade(ctx, &verdict);
            }
        },
    );
}

/// Installs the bridge for the lifetime of the calling component; does nothing outside embed mode or outside a
/// frame.
pub fn install(ctx: Ctx) {
    if !ctx.options.with_value(|o| o.embed) {
        return;
    }
    let Some(host) = parent() else { return };
    let convention = ctx.options.with_value(|o| o.host);
    let h5p = StoredValue::new(H5pResizer::default());
    let inbound = window_event_listener(ev::message, move |e: web_sys::MessageEvent| {
        // Only the embedding page may drive the playground.
        let from_parent = e
            .source()
            .is_some_and(|s| js_sys::Object::is(&s, &JsValue::from(host.clone())));
        if !from_parent {
            return;
        }
        let Some(text) = js_sys::JSON::stringify(&e.data())
            .ok()
            .and_then(|s| s.as_string())
        else {
            return;
        };
        if convention == Host::H5p
            && let Some(action) = parse_h5p(&text)
        {
            let (scroll, client) = heights();
            if let Some(answer) = h5p
                .try_update_value(|r| r.on_host(action, scroll, client))
                .flatten()
            {
                post(&answer);
            }
            return;
        }
        match parse_host_message(&text) {
            Ok(msg) => handle(ctx, msg),
            Err(err) => leptos::logging::warn!("Scale Lab embed: {err}"),
        }
    });
    on_cleanup(move || inbound.remove());

    Effect::new(move |_| {
        let url = ctx.fragment.with(|f| (!f.is_empty()).then(|| link_to(f)));
        if let Some(url) = url {
            send(&ChildMessage::State { url });
        }
    });
    Effect::new(move |_| {
        if ctx.run.get() == RunState::Finished {
            let summary = ctx
                .runner
                .with_value(|r| r.sim().and_then(|s| serde_json::to_value(s.summary()).ok()));
            if let Some(summary) = summary {
                send(&ChildMessage::RunFinished { summary });
            }
            grade_after_run(ctx);
        }
    });
    let last_height = StoredValue::new(0_u32);
    if let Some(body) = document().body() {
        use_resize_observer(body, move |_, _| {
            let (h, client) = heights();
            if h != last_height.get_value() {
                last_height.set_value(h);
                send(&ChildMessage::Resize { height_px: h });
                match convention {
                    Host::H5p => post(&h5p.with_value(|r| r.on_height(h, client))),
                    Host::Canvas => post(&canvas_frame_resize(h)),
                    Host::Plain | Host::Xapi => {}
                }
            }
        });
    }
    send(&ChildMessage::Ready);
    if convention == Host::H5p {
        post(&H5pResizer::hello());
    }
}
