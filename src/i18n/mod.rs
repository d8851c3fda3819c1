//! The page's language: which one (`?lang=`, else the reader's saved choice, else the browser's, else English),
//! the message catalogs (Project Fluent `.ftl` files in `locales/`), and per-locale numbers.
//!
//! English is compiled in; Spanish and Chinese are fetched as static files next to the page (a relative URL, so
//! any sub-path and any iframe works) when chosen, and English shows until they arrive. A message missing from a
//! catalog falls back to English. Texts the core writes (lessons, challenge goals) are not in the English catalog:
//! [`core_text`] looks them up by a stable id and falls back to the core's own English sentence.
//!
//! `?lang=pseudo` is a test locale: English lengthened by about 40 % with accented letters, to find layouts that
//! break on long (German-length) translations.

mod log;
mod words;

pub use log::{check_text, log_text};

pub use words::{
    action_text, cause_explanation, cause_title, chart_chip, choice_label, edit_error,
    health_explanation, health_title, issue_text, kind_explanation, kind_title, pair_msg,
    quantity_title, range_error, refusal_text, region_title, request_kind, role_text,
    scenario_setting_label, sentence, setting_label, slowed_title, tier_text, unit_text,
};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use leptos::prelude::*;
use scalelab_shell::format;
pub use scalelab_shell::format::NumberStyle;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// `localStorage` key of the reader's chosen language (`en`, `es`, `zh`).
const LANG_KEY: &str = "scalelab.lang";

/// The English catalog, compiled in: every message of the app chrome.
const EN_FTL: &str = include_str!("../../locales/en.ftl");

/// A language the page can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
    /// Simplified Chinese.
    Zh,
    /// English lengthened ~40 %, for layout tests only (not offered in the switch).
    Pseudo,
}

impl Lang {
    /// The languages offered in the top bar's switch, in its order.
    pub const OFFERED: [Lang; 3] = [Lang::En, Lang::Es, Lang::Zh];

    /// The `?lang=` value and catalog file name.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Zh => "zh",
            Lang::Pseudo => "pseudo",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En | Lang::Pseudo => "en",
            Lang::Es => "es",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The short code the top bar's switch shows ("ES"; the name is its tooltip).
    #[must_use]
    pub fn short(self) -> &'static str {
        match self {
            Lang::En => "EN",
            Lang::Es => "ES",
            Lang::Zh => "中文",
            Lang::Pseudo => "ƤŠ",
        }
    }

    /// The language's own name, as the embed options list it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Zh => "中文",
            Lang::Pseudo => "Ƥšéûðô",
        }
    }

    /// The language for a `?lang=` value or a browser language tag (`es-MX` → Spanish), if offered.
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        match primary {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "zh" => Some(Lang::Zh),
            "pseudo" => Some(Lang::Pseudo),
            _ => None,
        }
    }
}

struct Catalogs {
    en: FluentBundle<FluentResource>,
    /// The chosen language's catalog once fetched (`None` for English and the pseudo-locale).
    other: Option<(Lang, FluentBundle<FluentResource>)>,
}

fn bundle(lang: Lang, ftl: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut b = FluentBundle::new(vec![id]);
    // No Unicode isolation marks around arguments: the texts are shown as they are and matched by tests.
    b.set_use_isolating(false);
    // A catalog with syntax errors still yields every message it could read.
    let res = FluentResource::try_new(ftl.to_owned()).unwrap_or_else(|(res, _)| res);
    let _ = b.add_resource(res);
    b
}

thread_local! {
    static CATALOGS: RefCell<Catalogs> = RefCell::new(Catalogs { en: bundle(Lang::En, EN_FTL), other: None });
    /// The page's language; views that read a message re-render when it changes.
    static LANG: ArcRwSignal<Lang> = ArcRwSignal::new(Lang::En);
    /// Bumped when a fetched catalog arrives.
    static LOADED: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// The page's language (tracked).
#[must_use]
pub fn lang() -> Lang {
    LANG.with(ArcRwSignal::get)
}

fn track() -> Lang {
    LOADED.with(|l| l.track());
    lang()
}

/// Picks the page's language once, at start: `query` (`?lang=`) else the saved choice else the browser's.
pub fn init(query: Option<&str>) {
    let saved = crate::share::startup::storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let browser = web_sys::window()
        .map(|w| w.navigator().languages().to_vec())
        .unwrap_or_default();
    let chosen = query
        .and_then(Lang::from_tag)
        .or_else(|| saved.as_deref().and_then(Lang::from_tag))
        .or_else(|| {
            browser
                .iter()
                .filter_map(wasm_bindgen::JsValue::as_string)
                .find_map(|t| Lang::from_tag(&t))
        })
        .unwrap_or(Lang::En);
    set(chosen);
}

/// Switches the page to `lang` and remembers it in this browser (the top bar's switch).
pub fn choose(lang: Lang) {
    if let Some(s) = crate::share::startup::storage() {
        let _ = s.set_item(LANG_KEY, lang.id());
    }
    set(lang);
}

fn set(lang: Lang) {
    LANG.with(|l| l.set(lang));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
    let loaded = CATALOGS.with(|c| c.borrow().other.as_ref().is_some_and(|(l, _)| *l == lang));
    if matches!(lang, Lang::Es | Lang::Zh) && !loaded {
        // Called before the app mounts, when Leptos has no executor yet.
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(ftl) = fetch_text(&format!("locales/{}.ftl", lang.id())).await {
                CATALOGS.with(|c| c.borrow_mut().other = Some((lang, bundle(lang, &ftl))));
                LOADED.with(|l| l.update(|n| *n += 1));
            }
        });
    }
}

async fn fetch_text(url: &str) -> Option<String> {
    let resp = wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(url))
        .await
        .ok()?;
    let resp: web_sys::Response = resp.dyn_into().ok()?;
    if !resp.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().ok()?)
        .await
        .ok()?;
    text.as_string()
}

/// Formats message `id` (attribute `attr` if given) from `bundle`, or `None` when it has no such message.
fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    attr: Option<&str>,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let msg = bundle.get_message(id)?;
    let pattern = match attr {
        Some(a) => msg.get_attribute(a)?.value(),
        None => msg.value()?,
    };
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

fn lookup(id: &str, attr: Option<&str>, args: Option<&FluentArgs>) -> Option<String> {
    let lang = track();
    CATALOGS.with(|c| {
        let c = c.borrow();
        let mine = c
            .other
            .as_ref()
            .filter(|(l, _)| *l == lang)
            .and_then(|(_, b)| format(b, id, attr, args));
        let text = mine.or_else(|| format(&c.en, id, attr, args))?;
        Some(if lang == Lang::Pseudo {
            pseudo(&text)
        } else {
            text
        })
    })
}

/// Message `id` in the page's language (tracked: a view that calls it follows the language switch). A message
/// no catalog has shows its id, which the tidy test prevents.
#[must_use]
pub fn t(id: &str) -> String {
    lookup(id, None, None).unwrap_or_else(|| id.to_owned())
}

/// Attribute `attr` of message `id` (`.explain` under `kind-cache`).
#[must_use]
pub fn t_attr(id: &str, attr: &str) -> String {
    lookup(id, Some(attr), None).unwrap_or_else(|| format!("{id}.{attr}"))
}

/// Message `id` with arguments (`{ $name }` in the catalog). Numbers should come formatted ([`number`]).
#[must_use]
pub fn t_with(id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, v.clone());
    }
    lookup(id, None, Some(&fa)).unwrap_or_else(|| id.to_owned())
}

/// A text the core wrote in English (`english`), translated by its stable id: message `id`, attribute `attr`
/// (e.g. `lesson-three_tier`, `watch`). English, and any language without that message, shows `english`.
#[must_use]
pub fn core_text(id: &str, attr: Option<&str>, english: &str) -> String {
    core_text_with(id, attr, &[], english)
}

/// [`core_text`] with Fluent arguments (`$kind`, `$count`, numbers already formatted with [`number`]): the
/// sentence's word order is the catalog's, and English shows the core's own sentence `english`.
#[must_use]
pub fn core_text_with(
    id: &str,
    attr: Option<&str>,
    args: &[(&str, FluentValue<'static>)],
    english: &str,
) -> String {
    let lang = track();
    match translated(id, attr, args) {
        Some(t) => t,
        None if lang == Lang::Pseudo => pseudo(english),
        None => english.to_owned(),
    }
}

/// How the page language writes numbers (the pseudo-locale writes them as English does).
#[must_use]
pub fn number_style_of(lang: Lang) -> NumberStyle {
    match lang {
        Lang::En | Lang::Pseudo => NumberStyle::English,
        Lang::Es => NumberStyle::Spanish,
        Lang::Zh => NumberStyle::Chinese,
    }
}

/// The page language's [`NumberStyle`] (tracked).
#[must_use]
pub fn number_style() -> NumberStyle {
    number_style_of(lang())
}

/// Message `id` (attribute `attr`) with `args` from the page language's own catalog: `None` in English, the
/// pseudo-locale, before the catalog arrives, and when it lacks the message (tracked).
#[must_use]
pub fn translated(
    id: &str,
    attr: Option<&str>,
    args: &[(&str, FluentValue<'static>)],
) -> Option<String> {
    let lang = track();
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, v.clone());
    }
    CATALOGS.with(|c| {
        let c = c.borrow();
        let (l, b) = c.other.as_ref()?;
        (*l == lang)
            .then(|| format(b, id, attr, Some(&fa)))
            .flatten()
    })
}

/// `x` with `decimals` digits after the point, written the page language's way: `1,234.5` in English and
/// Chinese, `1234,5` / `12 345,5` in Spanish (RAE: no separator for four digits, a space from five).
#[must_use]
pub fn number(x: f64, decimals: usize) -> String {
    format::number_in(number_style(), x, decimals)
}

/// [`number`] in `lang`.
#[must_use]
pub fn number_in(lang: Lang, x: f64, decimals: usize) -> String {
    format::number_in(number_style_of(lang), x, decimals)
}

/// [`percent`] in `lang`.
#[must_use]
pub fn percent_in(lang: Lang, fraction: f64, decimals: usize) -> String {
    format::percent_in(number_style_of(lang), fraction, decimals)
}

/// A fraction (0.005) as a percentage with `decimals` digits: `0.5%` (English, Chinese), `0,5 %` (Spanish, RAE).
#[must_use]
pub fn percent(fraction: f64, decimals: usize) -> String {
    format::percent_in(number_style(), fraction, decimals)
}

/// A count in full, grouped the page language's way: `12,345`, `12 345` (Spanish).
#[must_use]
#[allow(clippy::cast_precision_loss)] // display only; exact below 2^53
pub fn count(n: u64) -> String {
    number(n as f64, 0)
}

/// A setting's value in a sentence, the page language's way: `4,096`, `0,3` (Spanish), `1e300`.
#[must_use]
pub fn value(v: f64) -> String {
    format::value_in(number_style(), v)
}

/// A count or rate, compact, the page language's way: `1.3k`, `1,3 mil`, `1.3万`.
#[must_use]
pub fn compact(v: f64) -> String {
    format::compact_in(number_style(), v)
}

/// A latency in ms, the page language's way: `12.5 ms`, `12,5 ms`.
#[must_use]
pub fn ms(v: f64) -> String {
    format::ms_in(number_style(), v)
}

/// Sim time in seconds, the page language's way: `12.3 s`, `12,3 s`.
#[must_use]
pub fn sim_time(t: sim_core::SimTime) -> String {
    format::sim_time_in(number_style(), t)
}

/// English lengthened by about 40 %: vowels accented and a tail of `·`, inside `[…]` so truncation shows.
#[must_use]
pub fn pseudo(s: &str) -> String {
    let mut out = String::from("[");
    for ch in s.chars() {
        out.push(match ch {
            'a' => 'á',
            'e' => 'é',
            'i' => 'í',
            'o' => 'ö',
            'u' => 'ü',
            'A' => 'Å',
            'E' => 'É',
            'O' => 'Ö',
            c => c,
        });
    }
    let extra = (s.chars().count() * 2).div_ceil(5);
    out.extend(std::iter::repeat_n('·', extra));
    out.push(']');
    out
}

/// The language switch of the top bar.
#[component]
pub fn LangSwitch() -> impl IntoView {
    view! {
        <select
            class="lang-switch"
            data-testid="lang"
            aria-label=move || t("lang-label")
            title=move || t("lang-label")
            on:change=move |e| {
                if let Some(l) = Lang::from_tag(&event_target_value(&e)) {
                    choose(l);
                }
            }
        >
            {Lang::OFFERED
                .map(|l| view! { <option value=l.id() title=l.name() selected=move || lang() == l>{l.short()}</option> })
                .collect_view()}
        </select>
    }
}
