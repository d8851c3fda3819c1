//! Pictures that carry their scenario: the diagram as SVG with the share link in its `<metadata>`, and a PNG with
//! the share link in a `tEXt` chunk, so that dropping the picture back on the playground restores the scenario.
//! Also [`sniff_file`], which reads any file a user drops (scenario JSON, SVG, PNG) back to a scenario.
//!
//! The embedded text is exactly the `d1.` fragment of [`crate::encode_fragment`] (ASCII, no escaping needed), so
//! a picture is read with the same checks and limits as a link. PNG layout per the PNG specification
//! (ISO/IEC 15948, W3C REC-PNG): an 8-byte signature, then chunks `length(4, BE) · type(4) · data · CRC-32(4)`
//! where the CRC covers type and data; `tEXt` data is `keyword · NUL · Latin-1 text`. The chunk is put right
//! after `IHDR`, which the specification allows.

use crate::{Decoded, LinkError, decode_fragment, encode_fragment};
use sim_core::Scenario;
use std::fmt::Write as _;

/// The `tEXt` keyword (and SVG metadata element id) under which the share link is stored.
pub const KEYWORD: &str = "scalelab-link";

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Why a dropped or exported file could not be read back.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    /// Not a scenario file, an SVG or a PNG.
    UnknownFormat,
    /// A picture without Scale Lab's scenario inside (e.g. exported by another tool, or stripped by an editor).
    NoScenario,
    /// A PNG whose chunk structure is broken.
    BadPng,
    /// The embedded link (or the JSON file) was refused; the inner error says why.
    Link(LinkError),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::UnknownFormat => write!(
                f,
                "This file is not a Scale Lab scenario: drop a .json scenario, or an SVG or PNG exported from Scale Lab."
            ),
            FileError::NoScenario => write!(
                f,
                "This picture has no Scale Lab scenario inside. Only pictures exported from Scale Lab (and not edited since) can be opened."
            ),
            FileError::BadPng => write!(
                f,
                "This PNG file is damaged, so its scenario cannot be read."
            ),
            FileError::Link(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for FileError {}

/// Longest side of an exported picture, px (its `width`/`height`; the `viewBox` still covers the whole diagram).
/// The PNG is drawn at this size times its scale, so a diagram spread over the whole canvas still makes a picture a
/// browser can rasterize (a canvas past ~16 k px per side fails).
pub const MAX_PICTURE_PX: f64 = 4096.0;

/// Escapes text for SVG character data and attribute values. Characters XML 1.0 does not allow in a document
/// (control characters, U+FFFE, U+FFFF) become a space or U+FFFD, so any name or label gives well-formed XML.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate as drawn: finite and on the canvas (a document built in code may hold anything).
fn on_canvas(v: f64) -> f64 {
    let max = sim_core::scenario::MAX_COORDINATE;
    if v.is_finite() {
        v.clamp(-max, max)
    } else {
        0.0
    }
}

/// The diagram as a standalone SVG document: nodes as labelled boxes of `node_w` × `node_h` world px, edges as
/// arrows between box centres, a margin of 40 px, the scenario's name as the title, and the share link in
/// `<metadata id="scalelab-link">`. Light colours (pictures go into documents). Labels are escaped text. The
/// A file name (without extension) from the scenario's name: `scalelab-` and lower-case ASCII letters, digits
/// and dashes, at most 48 of them; `scenario` when nothing is left.
#[must_use]
pub fn file_stem(doc: &Scenario) -> String {
    let mut stem = String::new();
    for c in doc.name.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.len() >= 48 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "scenario".into()
    } else {
        format!("scalelab-{stem}")
    }
}

/// picture's size is that of the diagram, scaled down to at most [`MAX_PICTURE_PX`] on its longest side.
#[must_use]
pub fn diagram_svg(scenario: &Scenario, node_w: f64, node_h: f64) -> String {
    const MARGIN: f64 = 40.0;
    let (node_w, node_h) = (on_canvas(node_w).abs(), on_canvas(node_h).abs());
    let at = |n: &sim_core::model::Node| (on_canvas(n.x), on_canvas(n.y));
    let (mut x0, mut y0, mut x1, mut y1) = (0.0_f64, 0.0_f64, 320.0_f64, 160.0_f64);
    if let Some(first) = scenario.nodes.first() {
        let (fx, fy) = at(first);
        (x0, y0, x1, y1) = (fx, fy, fx + node_w, fy + node_h);
        for n in &scenario.nodes {
            let (x, y) = at(n);
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x + node_w);
            y1 = y1.max(y + node_h);
        }
    }
    let (ox, oy) = (x0 - MARGIN, y0 - MARGIN - 24.0);
    let (w, h) = (x1 - x0 + 2.0 * MARGIN, y1 - y0 + 2.0 * MARGIN + 24.0);
    let scale = (MAX_PICTURE_PX / w.max(h)).min(1.0);
    let (pw, ph) = ((w * scale).max(1.0), (h * scale).max(1.0));
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{ox:.0} {oy:.0} {w:.0} {h:.0}\" width=\"{pw:.0}\" \
         height=\"{ph:.0}\" font-family=\"system-ui, sans-serif\">\
         <title>{}</title><metadata id=\"{KEYWORD}\">{}</metadata>\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
         orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#5b6475\"/></marker></defs>\
         <rect x=\"{ox:.0}\" y=\"{oy:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" fill=\"#ffffff\"/>\
         <text x=\"{:.0}\" y=\"{:.0}\" font-size=\"16\" font-weight=\"600\" fill=\"#1d2433\">{}</text>",
        xml(&scenario.name),
        encode_fragment(scenario),
        x0,
        y0 - MARGIN + 12.0,
        xml(&scenario.name),
    );
    for e in &scenario.edges {
        let (Some(a), Some(b)) = (scenario.node(e.from), scenario.node(e.to)) else {
            continue;
        };
        let ((ax, ay), (bx, by)) = (at(a), at(b));
        let (ax, ay) = (ax + node_w / 2.0, ay + node_h / 2.0);
        let (bx, by) = (bx + node_w / 2.0, by + node_h / 2.0);
        // End the arrow on the target box's border: scale the centre-to-centre vector to the box.
        let (dx, dy) = (bx - ax, by - ay);
        let t = 1.0
            - (node_w / 2.0 / dx.abs().max(1e-9))
                .min(node_h / 2.0 / dy.abs().max(1e-9))
                .min(1.0);
        let _ = write!(
            s,
            "<line x1=\"{ax:.1}\" y1=\"{ay:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#5b6475\" stroke-width=\"1.5\" \
             marker-end=\"url(#arrow)\"/>",
            ax + dx * t,
            ay + dy * t,
        );
    }
    for n in &scenario.nodes {
        let (x, y) = at(n);
        let _ = write!(
            s,
            "<g><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{node_w}\" height=\"{node_h}\" rx=\"8\" fill=\"#f4f6fb\" \
             stroke=\"#8a93a6\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#5b6475\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" fill=\"#1d2433\">{}</text></g>",
            x,
            y,
            x + 10.0,
            y + 22.0,
            xml(n.kind().title()),
            x + 10.0,
            y + 44.0,
            xml(&n.label),
        );
    }
    s.push_str("</svg>");
    s
}

/// The share link stored in an SVG written by [`diagram_svg`], decoded.
///
/// # Errors
/// [`FileError::NoScenario`] without the metadata element; [`FileError::Link`] when the link inside is refused.
pub fn scenario_from_svg(svg: &str) -> Result<Decoded, FileError> {
    let open = format!("<metadata id=\"{KEYWORD}\">");
    let start = svg.find(&open).ok_or(FileError::NoScenario)? + open.len();
    let len = svg[start..]
        .find("</metadata>")
        .ok_or(FileError::NoScenario)?;
    decode_fragment(&svg[start..start + len]).map_err(FileError::Link)
}

/// Chunks of a PNG after the signature, as `(type, data)` slices. `None` when the structure is broken.
fn png_chunks(png: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let mut rest = png.strip_prefix(&PNG_SIGNATURE[..])?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let len = u32::from_be_bytes(rest.get(0..4)?.try_into().ok()?) as usize;
        let kind: [u8; 4] = rest.get(4..8)?.try_into().ok()?;
        let data = rest.get(8..8usize.checked_add(len)?)?;
        rest = rest.get(12 + len..)?;
        out.push((kind, data));
        if &kind == b"IEND" {
            break;
        }
    }
    Some(out)
}

fn push_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let len = u32::try_from(data.len()).expect("a chunk under 4 GiB");
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// `png` with the scenario's share link added as a `tEXt` chunk (keyword [`KEYWORD`]) right after `IHDR`; any
/// earlier Scale Lab chunk is replaced. Returns `None` when `png` is not a well-formed PNG.
#[must_use]
pub fn png_with_scenario(png: &[u8], scenario: &Scenario) -> Option<Vec<u8>> {
    let chunks = png_chunks(png)?;
    if chunks.first().map(|c| &c.0) != Some(b"IHDR") {
        return None;
    }
    let mut text = Vec::from(KEYWORD.as_bytes());
    text.push(0);
    text.extend_from_slice(encode_fragment(scenario).as_bytes());
    let mut out = Vec::with_capacity(png.len() + text.len() + 12);
    out.extend_from_slice(&PNG_SIGNATURE);
    for (i, (kind, data)) in chunks.iter().enumerate() {
        if kind == b"tEXt" && data.starts_with(&text[..=KEYWORD.len()]) {
            continue;
        }
        push_chunk(&mut out, kind, data);
        if i == 0 {
            push_chunk(&mut out, b"tEXt", &text);
        }
    }
    Some(out)
}

/// The scenario stored in a PNG by [`png_with_scenario`].
///
/// # Errors
/// [`FileError::BadPng`] for a broken chunk structure, [`FileError::NoScenario`] without Scale Lab's chunk,
/// [`FileError::Link`] when the link inside is refused.
pub fn scenario_from_png(png: &[u8]) -> Result<Decoded, FileError> {
    let chunks = png_chunks(png).ok_or(FileError::BadPng)?;
    let (_, data) = chunks
        .iter()
        .find(|(k, d)| {
            k == b"tEXt" && d.starts_with(KEYWORD.as_bytes()) && d.get(KEYWORD.len()) == Some(&0)
        })
        .ok_or(FileError::NoScenario)?;
    let text = std::str::from_utf8(&data[KEYWORD.len() + 1..])
        .map_err(|_| FileError::Link(LinkError::Corrupt))?;
    decode_fragment(text).map_err(FileError::Link)
}

/// Reads any file a user drops or imports: a PNG (by its signature), an SVG (by `<svg`), or a scenario file
/// (JSON text), and returns its scenario.
///
/// # Errors
/// [`FileError`]; a JSON file the loader refuses gives [`FileError::Link`] with [`LinkError::Scenario`] inside.
pub fn sniff_file(bytes: &[u8]) -> Result<Scenario, FileError> {
    if bytes.starts_with(&PNG_SIGNATURE) {
        return scenario_from_png(bytes).map(|d| d.scenario);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::UnknownFormat)?;
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') {
        return Scenario::from_json(head).map_err(|e| FileError::Link(LinkError::Scenario(e)));
    }
    if head.starts_with("<svg") || head.starts_with("<?xml") {
        return scenario_from_svg(head).map(|d| d.scenario);
    }
    Err(FileError::UnknownFormat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::scenario::presets;

    /// A valid 1×1 grey PNG (IHDR, IDAT, IEND), built here so the test needs no binary fixture.
    fn tiny_png() -> Vec<u8> {
        let mut png = Vec::from(PNG_SIGNATURE);
        push_chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        let idat = miniz_oxide::deflate::compress_to_vec_zlib(&[0, 0x80], 6);
        push_chunk(&mut png, b"IDAT", &idat);
        push_chunk(&mut png, b"IEND", &[]);
        png
    }

    #[test]
    fn png_round_trip_keeps_the_image_and_restores_the_scenario() {
        let s = presets::get("cache").expect("preset");
        let png = tiny_png();
        let tagged = png_with_scenario(&png, &s).expect("well-formed");
        let back = scenario_from_png(&tagged).expect("scenario inside");
        assert_eq!(back.scenario, s);
        // The image chunks are unchanged, in order.
        let kinds = |p: &[u8]| {
            png_chunks(p)
                .expect("chunks")
                .into_iter()
                .filter(|(k, _)| k != b"tEXt")
                .map(|(k, d)| (k, d.to_vec()))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(&png), kinds(&tagged));
        // Tagging twice keeps one scenario chunk, the newest.
        let other = presets::get("queue").expect("preset");
        let twice = png_with_scenario(&tagged, &other).expect("well-formed");
        let texts = png_chunks(&twice)
            .expect("chunks")
            .iter()
            .filter(|(k, _)| k == b"tEXt")
            .count();
        assert_eq!(texts, 1);
        assert_eq!(sniff_file(&twice), Ok(other));
    }

    #[test]
    fn damaged_or_foreign_pngs_are_refused() {
        let png = tiny_png();
        assert_eq!(scenario_from_png(&png), Err(FileError::NoScenario));
        assert_eq!(scenario_from_png(&png[..20]), Err(FileError::BadPng));
        assert_eq!(png_with_scenario(b"GIF89a", &Scenario::default()), None);
        let s = presets::get("cache").expect("preset");
        let tagged = png_with_scenario(&png, &s).expect("well-formed");
        for cut in [9, 30, tagged.len() / 2, tagged.len() - 1] {
            assert!(sniff_file(&tagged[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn svg_round_trip_and_escaping() {
        let mut s = presets::get("three_tier").expect("preset");
        s.name = "<script>alert('x')</script> & co".into();
        s.nodes[0].label = "a\"b<c>".into();
        let svg = diagram_svg(&s, 140.0, 64.0);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("a&quot;b&lt;c&gt;"));
        assert_eq!(svg.matches("<g>").count(), s.nodes.len());
        assert_eq!(svg.matches("<line ").count(), s.edges.len());
        assert_eq!(scenario_from_svg(&svg).map(|d| d.scenario), Ok(s.clone()));
        assert_eq!(sniff_file(svg.as_bytes()), Ok(s));
        assert_eq!(
            scenario_from_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"),
            Err(FileError::NoScenario)
        );
    }

    #[test]
    fn json_files_and_other_files() {
        let s = presets::get("sharding").expect("preset");
        let json = s.to_json();
        assert_eq!(sniff_file(json.as_bytes()), Ok(s));
        assert_eq!(sniff_file(b"hello"), Err(FileError::UnknownFormat));
        assert_eq!(sniff_file(&[0xff, 0xfe, 0]), Err(FileError::UnknownFormat));
        assert!(matches!(
            sniff_file(b"{\"format\": \"something-else\"}"),
            Err(FileError::Link(LinkError::Scenario(_)))
        ));
    }

    #[test]
    fn any_document_gives_well_formed_xml_of_a_bounded_size() {
        let mut s = presets::get("three_tier").expect("preset");
        s.name = "a\u{FFFE}b\u{FFFF}c\u{1}d".into();
        s.nodes[0].label = "x\u{FFFE}".into();
        s.nodes[0].x = 1e308;
        s.nodes[1].y = f64::NEG_INFINITY;
        s.nodes[2].x = -1e6;
        let svg = diagram_svg(&s, 140.0, 64.0);
        assert!(!svg.contains(['\u{FFFE}', '\u{FFFF}', '\u{1}']), "{svg}");
        assert!(!svg.contains("inf") && !svg.contains("NaN"), "{svg}");
        let size = |attr: &str| -> f64 {
            let start = svg.find(&format!(" {attr}=\"")).expect(attr) + attr.len() + 3;
            svg[start..start + svg[start..].find('"').expect("quote")]
                .parse()
                .expect("a number")
        };
        assert!(size("width") <= MAX_PICTURE_PX && size("height") <= MAX_PICTURE_PX);
        assert!(size("width") > 0.0 && size("height") > 0.0);
    }

    #[test]
    fn an_empty_diagram_still_makes_a_picture() {
        let svg = diagram_svg(&Scenario::default(), 140.0, 64.0);
        assert!(svg.contains("viewBox"));
        assert!(scenario_from_svg(&svg).is_ok());
    }
}
