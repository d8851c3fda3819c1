//! The postMessage bridge of an embedded playground (protocol: `scalelab_share::protocol`). Active only in embed
//! mode (`?embed=1`) inside a frame: a page that frames the plain playground gets no message and cannot drive it,
//! since the plain playground holds the reader's own autosaved diagram. An embed never reads or writes the
//! autosave, so no message can carry it. Sends `ready` once mounted, `resize` when the content height changes,
//! `state` when the scenario changes and `run-finished` with the run summary; accepts `load`, `run` and
//! `set-theme` from the parent window only.

use super::{link_to, sync};
use crate::ctx::{Ctx, RunState};
use crate::sim_driver;
use leptos::ev;
use leptos::prelude::*;
use leptos_use::use_resize_observer;
use scalelab_share::protocol::{ChildMessage, HostMessage, parse_host_message};
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
    let Some(p) = parent() else { return };
    let text = msg.to_json().to_string();
    if let Ok(v) = js_sys::JSON::parse(&text) {
        let _ = p.post_message(&v, "*");
    }
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

/// Installs the bridge for the lifetime of the calling component; does nothing outside embed mode or outside a
/// frame.
pub fn install(ctx: Ctx) {
    if !ctx.options.with_value(|o| o.embed) {
        return;
    }
    let Some(host) = parent() else { return };
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
        }
    });
    let last_height = StoredValue::new(0_u32);
    if let Some(body) = document().body() {
        use_resize_observer(body, move |_, _| {
            let h = document()
                .document_element()
                .map_or(0, |r| r.scroll_height());
            let h = u32::try_from(h).unwrap_or(0);
            if h != last_height.get_value() {
                last_height.set_value(h);
                send(&ChildMessage::Resize { height_px: h });
            }
        });
    }
    send(&ChildMessage::Ready);
}
