//! Embed mode: the query-string options a course page puts on the playground's address (`?embed=1&readonly=1…`)
//! and the `<iframe>` snippet the share dialog hands out.
//!
//! Reading is lenient on purpose: a course page written years ago must keep working, so an unknown parameter or a
//! value this build does not know is ignored (and reported in [`EmbedOptions::warnings`] so the page can say so),
//! never an error. Flags accept `1`, `true`, `yes`, `on` and an empty value (`?readonly`).

use crate::hosts::Host;
use std::fmt::Write as _;

/// Colour theme forced by the embedding page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light page.
    Light,
    /// Dark page.
    Dark,
}

impl Theme {
    /// `"light"` or `"dark"`, as in the query string and in `<html data-theme>`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme with this id, or `None`.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Theme> {
        match id {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// Which part of the playground an embed shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    /// The diagram only (with the run controls).
    Canvas,
    /// The metrics only (with the run controls).
    Charts,
    /// Both (the default).
    #[default]
    Both,
}

impl Panel {
    /// `"canvas"`, `"charts"` or `"both"`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Panel::Canvas => "canvas",
            Panel::Charts => "charts",
            Panel::Both => "both",
        }
    }

    /// The panel with this id, or `None`.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Panel> {
        match id {
            "canvas" => Some(Panel::Canvas),
            "charts" => Some(Panel::Charts),
            "both" => Some(Panel::Both),
            _ => None,
        }
    }
}

/// The options of one page load, read from `location.search`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `embed=1`: chrome-less layout for an iframe (no palette, no top menu; an "Open in full playground" link).
    pub embed: bool,
    /// `readonly=1`: lesson mode. The run can be started, paused and broken (kill, restore, tier actions), but the
    /// diagram cannot be edited. Also honoured outside embed mode.
    pub readonly: bool,
    /// `autoplay=1`: press Run as soon as the scenario is loaded.
    pub autoplay: bool,
    /// `theme=light|dark`: overrides the reader's saved theme for this page only.
    pub theme: Option<Theme>,
    /// `panel=canvas|charts|both`: what an embed shows (ignored outside embed mode).
    pub panel: Panel,
    /// `host=plain|h5p|canvas|xapi`: the course platform's conventions an embed speaks besides Scale Lab's own
    /// messages (see [`crate::hosts`]; ignored outside embed mode). An unknown value keeps `plain`, with a warning.
    pub host: Host,
    /// `lang=en|es|zh`: the page's language, over the reader's saved choice and the browser's (see [`LANGS`]).
    pub lang: Option<&'static str>,
    /// One sentence per parameter that was ignored (unknown name or value), in query order, at most 8.
    pub warnings: Vec<String>,
}

/// The languages a page can be asked for with `lang=`, as written in the query.
pub const LANGS: &[&str] = &["en", "es", "zh"];

/// [`LANGS`] and `pseudo`, the app's test locale (English 40 % longer), accepted but never offered.
const LANGS_READ: &[&str] = &["en", "es", "zh", "pseudo"];

/// Most warnings kept by [`EmbedOptions::from_query`]: a hostile query cannot make a long list.
const MAX_WARNINGS: usize = 8;
/// Longest name or value echoed in a warning, characters.
const ECHO_MAX_CHARS: usize = 24;

fn echo(s: &str) -> String {
    let mut out: String = s.chars().take(ECHO_MAX_CHARS).collect();
    if s.chars().count() > ECHO_MAX_CHARS {
        out.push('…');
    }
    out
}

fn flag(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "" | "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Decodes `%XX` escapes and `+` (form encoding) of one query component; invalid escapes are kept as written.
fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl EmbedOptions {
    /// Reads `location.search` (with or without the leading `?`). Never fails: parameters it does not know, and
    /// values it cannot read, are skipped with a warning. A parameter given twice: the last one wins.
    #[must_use]
    pub fn from_query(query: &str) -> EmbedOptions {
        let mut o = EmbedOptions::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (name, value) = (unescape(name), unescape(value));
            let known = match name.as_str() {
                "embed" => flag(&value).map(|b| o.embed = b).is_some(),
                "readonly" => flag(&value).map(|b| o.readonly = b).is_some(),
                "autoplay" => flag(&value).map(|b| o.autoplay = b).is_some(),
                "theme" if matches!(value.as_str(), "system" | "") => {
                    o.theme = None;
                    true
                }
                "theme" => Theme::from_id(&value).map(|t| o.theme = Some(t)).is_some(),
                "panel" => Panel::from_id(&value).map(|p| o.panel = p).is_some(),
                "lang" => LANGS_READ
                    .iter()
                    .find(|l| {
                        value.eq_ignore_ascii_case(l)
                            || value.to_ascii_lowercase().starts_with(&format!("{l}-"))
                    })
                    .map(|l| o.lang = Some(l))
                    .is_some(),
                "host" => {
                    if let Some(h) = Host::from_id(&value) {
                        o.host = h;
                    } else if o.warnings.len() < MAX_WARNINGS {
                        o.warnings.push(format!(
                            "Ignored “host={}”: the course hosts are plain, h5p, canvas and xapi, so this page \
                             speaks plain.",
                            echo(&value)
                        ));
                    }
                    true
                }
                _ => {
                    if o.warnings.len() < MAX_WARNINGS {
                        o.warnings
                            .push(format!("Ignored the unknown option “{}”.", echo(&name)));
                    }
                    continue;
                }
            };
            if !known && o.warnings.len() < MAX_WARNINGS {
                o.warnings.push(format!(
                    "Ignored “{}={}”: not a value this option takes.",
                    echo(&name),
                    echo(&value)
                ));
            }
        }
        o
    }

    /// The query string (with `?`, or empty) that [`EmbedOptions::from_query`] reads back to these options
    /// (warnings aside). Only options that differ from the defaults are written.
    #[must_use]
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        for (on, name) in [
            (self.embed, "embed"),
            (self.readonly, "readonly"),
            (self.autoplay, "autoplay"),
        ] {
            if on {
                parts.push(format!("{name}=1"));
            }
        }
        if let Some(t) = self.theme {
            parts.push(format!("theme={}", t.id()));
        }
        if self.panel != Panel::Both {
            parts.push(format!("panel={}", self.panel.id()));
        }
        if self.host != Host::Plain {
            parts.push(format!("host={}", self.host.id()));
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang={l}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Escapes text for a double-quoted HTML attribute value.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The `<iframe>` snippet for a course page.
///
/// `page_url` is the playground's address without query or fragment (e.g. `https://example.org/scalelab/`),
/// `fragment` a share fragment without `#` (`t/cache` or `d1.…`), `title` the scenario's name (used for the
/// iframe's accessible title). `width_px` × `height_px` is the frame size; the width is also written as
/// `max-width: 100%` so the frame shrinks on a phone. Lazy-loaded; allows clipboard writes (Copy link) and
/// fullscreen. Every value is attribute-escaped, so a hostile title cannot break out of the markup.
#[must_use]
pub fn iframe_snippet(
    page_url: &str,
    options: &EmbedOptions,
    fragment: &str,
    title: &str,
    width_px: u32,
    height_px: u32,
) -> String {
    let mut opts = options.clone();
    opts.embed = true;
    let mut src = String::from(page_url);
    src.push_str(&opts.to_query());
    if !fragment.is_empty() {
        let _ = write!(src, "#{fragment}");
    }
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{width_px}\" height=\"{height_px}\" \
         style=\"max-width: 100%; border: 1px solid #ccd; border-radius: 8px\" loading=\"lazy\" \
         allow=\"clipboard-write; fullscreen\"></iframe>",
        attr(&src),
        attr(&format!("Scale Lab: {title}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_option() {
        let o = EmbedOptions::from_query(
            "?embed=1&readonly&autoplay=true&theme=dark&panel=charts&host=canvas",
        );
        assert!(o.embed && o.readonly && o.autoplay);
        assert_eq!(o.host, Host::Canvas);
        assert_eq!(o.theme, Some(Theme::Dark));
        assert_eq!(o.panel, Panel::Charts);
        assert!(o.warnings.is_empty(), "{:?}", o.warnings);
    }

    #[test]
    fn round_trips_through_the_query() {
        let o = EmbedOptions {
            embed: true,
            readonly: true,
            autoplay: false,
            theme: Some(Theme::Light),
            panel: Panel::Canvas,
            host: Host::Xapi,
            lang: Some("zh"),
            warnings: Vec::new(),
        };
        assert_eq!(EmbedOptions::from_query(&o.to_query()), o);
        assert_eq!(EmbedOptions::from_query("lang=es-MX").lang, Some("es"));
        assert_eq!(EmbedOptions::from_query("lang=fr").lang, None);
        for host in Host::ALL {
            let o = EmbedOptions {
                embed: true,
                host,
                ..EmbedOptions::default()
            };
            assert_eq!(EmbedOptions::from_query(&o.to_query()), o);
        }
        assert_eq!(EmbedOptions::default().to_query(), "");
    }

    #[test]
    fn unknown_names_and_values_are_ignored_with_a_warning() {
        let o = EmbedOptions::from_query("embed=maybe&panel=side&colour=red&readonly=0&%ZZ=1");
        assert!(!o.embed && !o.readonly);
        assert_eq!(o.panel, Panel::Both);
        assert_eq!(o.warnings.len(), 4, "{:?}", o.warnings);
        assert!(o.warnings[2].contains("colour"));
    }

    #[test]
    fn an_unknown_host_says_which_hosts_exist_and_stays_plain() {
        let o = EmbedOptions::from_query("embed=1&host=moodle");
        assert_eq!(o.host, Host::Plain);
        assert_eq!(
            o.warnings,
            vec![
                "Ignored “host=moodle”: the course hosts are plain, h5p, canvas and xapi, so this page speaks \
                 plain."
                    .to_owned()
            ]
        );
        let o = EmbedOptions::from_query(&format!("host={}", "<b>".repeat(100)));
        assert_eq!(o.host, Host::Plain);
        assert!(o.warnings[0].chars().count() < 140, "{:?}", o.warnings);
    }

    #[test]
    fn a_hostile_query_stays_bounded() {
        let long = format!("{}=1&", "x".repeat(10_000)).repeat(50);
        let o = EmbedOptions::from_query(&long);
        assert_eq!(o.warnings.len(), MAX_WARNINGS);
        assert!(o.warnings.iter().all(|w| w.chars().count() < 80));
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(unescape("a%20b+c%2"), "a b c%2");
        assert_eq!(
            EmbedOptions::from_query("theme=%64ark").theme,
            Some(Theme::Dark)
        );
    }

    #[test]
    fn the_snippet_is_escaped_lazy_and_sized() {
        let opts = EmbedOptions {
            readonly: true,
            ..EmbedOptions::default()
        };
        let s = iframe_snippet(
            "https://example.org/lab/",
            &opts,
            "t/cache",
            "\"><script>alert(1)</script>",
            800,
            600,
        );
        assert!(s.starts_with(
            "<iframe src=\"https://example.org/lab/?embed=1&amp;readonly=1#t/cache\""
        ));
        assert!(s.contains("loading=\"lazy\""));
        assert!(s.contains("allow=\"clipboard-write; fullscreen\""));
        assert!(s.contains("width=\"800\" height=\"600\""));
        assert!(!s.contains("<script>"), "{s}");
    }
}
