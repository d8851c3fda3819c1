//! The share dialog: a link to the exact scenario (copy), the `<iframe>` snippet for a course page with its
//! options, and files (download JSON, SVG, PNG; open a file).

use super::{files, link_to, page_base};
use crate::ctx::Ctx;
use crate::i18n::{t, t_with};
use crate::modal::Modal;
use leptos::ev;
use leptos::prelude::*;
use leptos_use::{UseClipboardReturn, use_clipboard};
use scalelab_share::MAX_LINK_BYTES;
use scalelab_share::embed::{EmbedOptions, Panel, Theme, iframe_snippet};
use scalelab_share::hosts::Host;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Link,
    Embed,
    Files,
}

/// The dialog; shown while `ctx.share_open` is set. Escape or the close button closes it.
#[component]
pub fn ShareDialog() -> impl IntoView {
    let ctx = Ctx::expect();
    let tab = RwSignal::new(Tab::Link);
    let tab_button = move |which: Tab, label: &'static str, id: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                data-testid=id
                aria-selected=move || (tab.get() == which).to_string()
                class:active=move || tab.get() == which
                on:click=move |_| tab.set(which)
            >
                {move || t(label)}
            </button>
        }
    };
    view! {
        <Modal open=ctx.share_open title_key="share-title" id="share" testid="share-dialog" class="share-dialog">
                <div class="tabs" role="tablist">
                    {tab_button(Tab::Link, "share-tab-link", "tab-link")}
                    {tab_button(Tab::Embed, "share-tab-embed", "tab-embed")}
                    {tab_button(Tab::Files, "share-tab-files", "tab-files")}
                </div>
                {move || match tab.get() {
                    Tab::Link => view! { <LinkTab /> }.into_any(),
                    Tab::Embed => view! { <EmbedTab /> }.into_any(),
                    Tab::Files => view! { <FilesTab /> }.into_any(),
                }}
        </Modal>
    }
}

/// A read-only text box with a Copy button (selects the text when the clipboard is not available).
#[component]
fn CopyBox(
    text: Signal<String>,
    testid: &'static str,
    copy_testid: &'static str,
    /// The message id of the field's accessible name: the box has no visible label of its own.
    label: &'static str,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let UseClipboardReturn {
        is_supported,
        copied,
        copy,
        ..
    } = use_clipboard();
    let select_all = |e: ev::FocusEvent| {
        if let Some(t) = e.target() {
            if let Ok(i) = t.clone().dyn_into::<web_sys::HtmlInputElement>() {
                i.select();
            } else if let Ok(a) = t.dyn_into::<web_sys::HtmlTextAreaElement>() {
                a.select();
            }
        }
    };
    let field = if multiline {
        view! { <textarea readonly rows="4" aria-label=move || t(label) data-testid=testid prop:value=move || text.get() on:focus=select_all></textarea> }
            .into_any()
    } else {
        view! { <input readonly type="text" aria-label=move || t(label) data-testid=testid prop:value=move || text.get() on:focus=select_all /> }
            .into_any()
    };
    view! {
        <div class="copy-box">
            {field}
            <button
                type="button"
                class="primary"
                data-testid=copy_testid
                disabled=move || !is_supported.get()
                title=move || if is_supported.get() { t("copy-title") } else { t("copy-select-title") }
                on:click=move |_| copy(&text.get_untracked())
            >
                {move || if copied.get() { t("copied") } else { t("copy") }}
            </button>
        </div>
    }
}

#[component]
fn LinkTab() -> impl IntoView {
    let ctx = Ctx::expect();
    let link = Signal::derive(move || ctx.fragment.with(|f| link_to(f)));
    let short = move || ctx.fragment.with(|f| f.starts_with("t/"));
    let too_long = move || ctx.fragment.with(|f| f.len() > MAX_LINK_BYTES);
    view! {
        <p class="explain">
            {tr!("share-link-explain")}
        </p>
        <CopyBox text=link testid="share-link" copy_testid="copy-link" label="share-link-label" />
        <p class="hint">
            {move || if short() {
                t("share-link-short")
            } else {
                t_with("share-link-length", &[("count", ctx.fragment.with(String::len).into())])
            }}
        </p>
        <Show when=too_long>
            <p class="field-error" role="alert">
                {tr!("share-link-too-long")}
            </p>
        </Show>
    }
}

#[component]
fn EmbedTab() -> impl IntoView {
    let ctx = Ctx::expect();
    let readonly = RwSignal::new(true);
    let autoplay = RwSignal::new(false);
    let theme = RwSignal::new(None::<Theme>);
    let panel = RwSignal::new(Panel::Both);
    let host = RwSignal::new(Host::Plain);
    let lang = RwSignal::new(None::<&'static str>);
    let width = RwSignal::new(960_u32);
    let height = RwSignal::new(640_u32);
    let snippet = Signal::derive(move || {
        let opts = EmbedOptions {
            embed: true,
            readonly: readonly.get(),
            autoplay: autoplay.get(),
            theme: theme.get(),
            panel: panel.get(),
            host: host.get(),
            lang: lang.get(),
            warnings: Vec::new(),
        };
        let title = ctx.doc.with(|d| d.name.clone());
        iframe_snippet(
            &page_base(),
            &opts,
            &ctx.fragment.get(),
            &title,
            width.get(),
            height.get(),
        )
    });
    let num = move |s: RwSignal<u32>| {
        move |e: ev::Event| {
            if let Ok(v) = event_target_value(&e).trim().parse::<u32>() {
                s.set(v.clamp(200, 4000));
            }
        }
    };
    view! {
        <p class="explain">{tr!("embed-explain")}</p>
        <div class="embed-options">
            <label><input type="checkbox" prop:checked=move || readonly.get() on:change=move |e| readonly.set(event_target_checked(&e)) />" "{tr!("embed-readonly")}</label>
            <label><input type="checkbox" prop:checked=move || autoplay.get() on:change=move |e| autoplay.set(event_target_checked(&e)) />" "{tr!("embed-autoplay")}</label>
            <label>
                {tr!("embed-theme")}
                " "
                <select on:change=move |e| theme.set(Theme::from_id(&event_target_value(&e)))>
                    <option value="system">{tr!("embed-theme-reader")}</option>
                    <option value="light">{tr!("embed-theme-light")}</option>
                    <option value="dark">{tr!("embed-theme-dark")}</option>
                </select>
            </label>
            <label>
                {tr!("embed-show")}
                " "
                <select on:change=move |e| panel.set(Panel::from_id(&event_target_value(&e)).unwrap_or_default())>
                    <option value="both">{tr!("embed-show-both")}</option>
                    <option value="canvas">{tr!("embed-show-canvas")}</option>
                    <option value="charts">{tr!("embed-show-charts")}</option>
                </select>
            </label>
            <label>
                {tr!("embed-host")}
                " "
                <select data-testid="embed-host" on:change=move |e| host.set(Host::from_id(&event_target_value(&e)).unwrap_or_default())>
                    {Host::ALL.map(|h| view! { <option value=h.id()>{h.title()}</option> }).collect_view()}
                </select>
            </label>
            <label>
                {tr!("embed-language")}
                " "
                <select data-testid="embed-lang" on:change=move |e| {
                    let v = event_target_value(&e);
                    lang.set(scalelab_share::embed::LANGS.iter().find(|l| **l == v).copied());
                }>
                    <option value="">{tr!("embed-language-reader")}</option>
                    {crate::i18n::Lang::OFFERED.map(|l| view! { <option value=l.id()>{l.name()}</option> }).collect_view()}
                </select>
            </label>
            <label>{tr!("embed-width")}" " <input type="number" min="200" max="4000" prop:value=move || width.get() on:change=num(width) /> " px"</label>
            <label>{tr!("embed-height")}" " <input type="number" min="200" max="4000" prop:value=move || height.get() on:change=num(height) /> " px"</label>
        </div>
        <CopyBox text=snippet testid="embed-snippet" copy_testid="copy-embed" label="embed-code-label" multiline=true />
    }
}

#[component]
fn FilesTab() -> impl IntoView {
    let ctx = Ctx::expect();
    let report = move |r: Result<(), String>| {
        if let Err(e) = r {
            ctx.notice.set(Some(e));
        }
    };
    let on_file = move |e: ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = e.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                files::open_file(ctx, f);
                ctx.share_open.set(false);
            }
            input.set_value("");
        }
    };
    view! {
        <p class="explain">{tr!("files-explain")}</p>
        <div class="file-buttons">
            <button type="button" data-testid="download-json" on:click=move |_| report(files::download_json(&ctx.doc.get_untracked()))>
                {tr!("files-json")}
            </button>
            <button type="button" data-testid="download-svg" on:click=move |_| report(files::download_svg(&ctx.doc.get_untracked()))>
                {tr!("files-svg")}
            </button>
            <button type="button" data-testid="download-png" on:click=move |_| files::download_png(ctx)>
                {tr!("files-png")}
            </button>
        </div>
        <label class="open-file">
            {tr!("files-open")}
            " "
            <input type="file" data-testid="open-file" accept=".json,.svg,.png,application/json,image/svg+xml,image/png" on:change=on_file />
        </label>
    }
}
