//! Files: download the scenario as JSON, the diagram as SVG or PNG (both carry the scenario, see
//! `scalelab_share::export`), and open a file chosen or dropped on the page. A file that cannot be read gives a
//! message and leaves the diagram as it was.

use super::sync;
use crate::ctx::Ctx;
use leptos::prelude::*;
use scalelab_editor::{NODE_H, NODE_W};
pub use scalelab_share::export::file_stem;
use scalelab_share::export::{diagram_svg, png_with_scenario, sniff_file};
use sim_core::Scenario;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Largest file read when opening or dropping, bytes (8 MiB; scenario files are capped at 4 MiB by the loader).
pub const MAX_FILE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// PNG export scale (device pixels per diagram pixel): sharp on high-density screens and slides.
const PNG_SCALE: f64 = 2.0;

fn blob(parts: &JsValue, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts)
}

fn save_blob(b: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(b)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke after the click has been handled; the download keeps its own reference.
    let revoke = url.clone();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&revoke);
        },
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

fn save_bytes(bytes: &[u8], mime: &str, name: &str) -> Result<(), String> {
    let arr = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    blob(&arr, mime)
        .and_then(|b| save_blob(&b, name))
        .map_err(|_| "The browser refused the download.".to_string())
}

/// Downloads the scenario file (`.json`).
///
/// # Errors
/// A sentence when the browser refuses the download.
pub fn download_json(doc: &Scenario) -> Result<(), String> {
    save_bytes(
        doc.to_json().as_bytes(),
        "application/json",
        &format!("{}.json", file_stem(doc)),
    )
}

/// Downloads the diagram as SVG with the scenario inside.
///
/// # Errors
/// A sentence when the browser refuses the download.
pub fn download_svg(doc: &Scenario) -> Result<(), String> {
    save_bytes(
        diagram_svg(doc, NODE_W, NODE_H).as_bytes(),
        "image/svg+xml",
        &format!("{}.svg", file_stem(doc)),
    )
}

/// Renders the diagram's SVG to PNG bytes in the browser (image → canvas → `toDataURL`), at [`PNG_SCALE`].
async fn render_png(svg: &str) -> Result<Vec<u8>, JsValue> {
    let arr = js_sys::Array::of1(&JsValue::from_str(svg));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let b = web_sys::Blob::new_with_str_sequence_and_options(&arr, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&b)?;
    let img = web_sys::HtmlImageElement::new()?;
    img.set_src(&url);
    let decoded = JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded?;
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas")?.unchecked_into();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    // diagram sizes are small positive px
    let (w, h) = (
        (f64::from(img.natural_width()) * PNG_SCALE) as u32,
        (f64::from(img.natural_height()) * PNG_SCALE) as u32,
    );
    canvas.set_width(w.max(1));
    canvas.set_height(h.max(1));
    let cx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .unchecked_into();
    cx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        f64::from(w),
        f64::from(h),
    )?;
    let url = canvas.to_data_url_with_type("image/png")?;
    let b64 = url
        .split_once(',')
        .map(|(_, b)| b)
        .ok_or_else(|| JsValue::from_str("bad data URL"))?;
    data_encoding::BASE64
        .decode(b64.as_bytes())
        .map_err(|_| JsValue::from_str("bad base64"))
}

/// Downloads the diagram as PNG with the scenario inside (asynchronous: the image is rendered by the browser).
/// Failures become the notice.
pub fn download_png(ctx: Ctx) {
    let doc = ctx.doc.get_untracked();
    leptos::task::spawn_local(async move {
        let svg = diagram_svg(&doc, NODE_W, NODE_H);
        let result = match render_png(&svg).await {
            Ok(png) => png_with_scenario(&png, &doc)
                .ok_or_else(|| crate::i18n::t("notice-png-unreadable"))
                .and_then(|tagged| {
                    save_bytes(&tagged, "image/png", &format!("{}.png", file_stem(&doc)))
                }),
            Err(_) => Err(crate::i18n::t("notice-png-failed")),
        };
        if let Err(e) = result {
            ctx.notice.set(Some(e));
        }
    });
}

/// Reads a chosen or dropped file and opens its scenario (JSON, or SVG/PNG exported from Scale Lab). Anything
/// else, or a file over [`MAX_FILE_BYTES`], gives a message; the diagram stays.
pub fn open_file(ctx: Ctx, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        ctx.notice.set(Some(crate::i18n::t_with(
            "notice-file-too-large",
            &[("name", name.into())],
        )));
        return;
    }
    leptos::task::spawn_local(async move {
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
            Err(_) => {
                ctx.notice.set(Some(crate::i18n::t_with(
                    "notice-file-unreadable",
                    &[("name", name.into())],
                )));
                return;
            }
        };
        match sniff_file(&bytes) {
            Ok(doc) => sync::open(
                ctx,
                doc,
                Some(crate::i18n::t_with(
                    "notice-file-opened",
                    &[("name", name.clone().into())],
                )),
            ),
            Err(e) => ctx.notice.set(Some(crate::i18n::t_with(
                "notice-file-refused",
                &[("name", name.into()), ("error", e.to_string().into())],
            ))),
        }
    });
}
