//! The last resort: when the app panics, a banner says so in plain words and offers a reload. The wasm instance
//! cannot continue after a panic (release builds abort), so the banner is built with plain DOM calls and its
//! button reloads the page with an inline handler. The diagram survives through the autosave, written after
//! every change (debounced), and the address bar, which holds the scenario's link.

use wasm_bindgen::JsCast;

/// Installs the panic hook: the console message (for developers) plus the banner.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner(&info.to_string());
    }));
}

/// Shows the crash banner with `detail` (the panic message) as plain text. Does nothing without a document.
pub fn show_banner(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("scalelab-crash").is_some() {
        return;
    }
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    banner.set_id("scalelab-crash");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-testid", "crash");
    let _ = banner.set_attribute(
        "style",
        "position:fixed;left:12px;right:12px;top:12px;z-index:100;padding:14px 16px;border-radius:10px;\
         background:#fff4f4;color:#5a1010;border:2px solid #c62f2f;font:15px/1.4 system-ui,sans-serif;\
         box-shadow:0 8px 30px rgba(0,0,0,.25)",
    );
    let text = doc.create_element("p").ok();
    if let Some(p) = &text {
        p.set_text_content(Some(
            "Scale Lab hit an internal error and had to stop. Your diagram is saved in this browser and in the \
             address bar up to your last change: reload to carry on.",
        ));
        let _ = p.set_attribute("style", "margin:0 0 8px");
        let _ = banner.append_child(p);
    }
    if let Ok(d) = doc.create_element("details") {
        d.set_inner_html("<summary>Details for a bug report</summary>");
        if let Ok(pre) = doc.create_element("pre") {
            pre.set_text_content(Some(detail));
            let _ = pre.set_attribute("style", "white-space:pre-wrap;font-size:12px");
            let _ = d.append_child(&pre);
        }
        let _ = banner.append_child(&d);
    }
    if let Ok(b) = doc.create_element("button") {
        b.set_text_content(Some("Reload"));
        let _ = b.set_attribute("type", "button");
        let _ = b.set_attribute("onclick", "location.reload()");
        let _ = b.set_attribute("style", "margin-top:8px;font:inherit;padding:4px 12px");
        let _ = banner.append_child(&b);
    }
    if let Ok(el) = banner.dyn_into::<web_sys::HtmlElement>() {
        let _ = body.append_child(&el);
    }
}
