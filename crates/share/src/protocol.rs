//! The postMessage protocol between an embedded playground (the child, in an `<iframe>`) and the course page that
//! holds it (the host). Version 1. Every message is a JSON object with `"source": "scalelab"`, `"version"` and
//! `"type"`:
//!
//! | direction | type | fields |
//! |---|---|---|
//! | child → host | `ready` | — (the app is mounted and accepts messages) |
//! | child → host | `resize` | `height`: content height in CSS px (integer) |
//! | child → host | `state` | `url`: the full playground address of the current scenario |
//! | child → host | `run-finished` | `summary`: the run summary (the same JSON as `scalelab run`) |
//! | host → child | `load` | `link`: a share fragment (`t/<id>` or `d1.…`, with or without `#`) |
//! | host → child | `run` | — (press Run) |
//! | host → child | `set-theme` | `theme`: `"light"` or `"dark"` |
//!
//! The child only reads messages whose sender is its parent window (checked by the app) and that
//! [`parse_host_message`] accepts: right source, a version it speaks, a known type, fields of the right type,
//! and under [`MAX_MESSAGE_BYTES`]. A host may send a newer minor shape with extra fields; they are ignored.

use serde_json::{Value, json};

/// The protocol version this build speaks and writes.
pub const PROTOCOL_VERSION: u64 = 1;

/// The `source` field of every message, so a host can tell Scale Lab's messages from others' on the same page.
pub const SOURCE: &str = "scalelab";

/// Largest inbound message read, bytes of JSON (a `load` carries a share link, itself capped at 256 KiB).
pub const MAX_MESSAGE_BYTES: usize = 300 * 1024;

/// A message from the playground to its host page.
#[derive(Clone, Debug, PartialEq)]
pub enum ChildMessage {
    /// Mounted; the host may now send messages.
    Ready,
    /// The page's content height changed, CSS px: the host may resize the iframe to avoid a scroll bar.
    Resize {
        /// Content height, CSS px.
        height_px: u32,
    },
    /// The scenario changed; `url` opens it in a full playground.
    State {
        /// Absolute address with the scenario's share fragment.
        url: String,
    },
    /// A run reached its end; `summary` is the run summary JSON (`sim_core::Summary`).
    RunFinished {
        /// The summary, as JSON.
        summary: Value,
    },
}

impl ChildMessage {
    /// The message as the JSON object posted to the host.
    #[must_use]
    pub fn to_json(&self) -> Value {
        let mut v = json!({ "source": SOURCE, "version": PROTOCOL_VERSION });
        let obj = v.as_object_mut().expect("an object literal");
        match self {
            ChildMessage::Ready => {
                obj.insert("type".into(), "ready".into());
            }
            ChildMessage::Resize { height_px } => {
                obj.insert("type".into(), "resize".into());
                obj.insert("height".into(), (*height_px).into());
            }
            ChildMessage::State { url } => {
                obj.insert("type".into(), "state".into());
                obj.insert("url".into(), url.clone().into());
            }
            ChildMessage::RunFinished { summary } => {
                obj.insert("type".into(), "run-finished".into());
                obj.insert("summary".into(), summary.clone());
            }
        }
        v
    }
}

/// A message from the host page to the playground.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMessage {
    /// Open this share fragment (`t/<id>` or `d1.…`).
    Load {
        /// The fragment, as sent.
        link: String,
    },
    /// Start the run (as the Run button).
    Run,
    /// Switch the colour theme.
    SetTheme {
        /// The theme.
        theme: crate::embed::Theme,
    },
}

/// Why an inbound message was not accepted. `Display` is a sentence for the host page's developer (the child
/// logs it to the console; it does not show it to the reader).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProtocolError {
    /// Over [`MAX_MESSAGE_BYTES`].
    TooLarge,
    /// Not a JSON object.
    NotAnObject,
    /// `source` is not `"scalelab"` (probably another widget's message: ignore quietly).
    OtherSource,
    /// `version` missing or newer than [`PROTOCOL_VERSION`].
    Version,
    /// `type` missing or unknown; carries it, shortened.
    UnknownType(String),
    /// A required field is missing or has the wrong type; carries the field name.
    BadField(&'static str),
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtocolError::TooLarge => write!(f, "message over {MAX_MESSAGE_BYTES} bytes ignored"),
            ProtocolError::NotAnObject => write!(f, "message is not a JSON object"),
            ProtocolError::OtherSource => write!(f, "message is not for Scale Lab (source)"),
            ProtocolError::Version => write!(
                f,
                "message version missing or newer than {PROTOCOL_VERSION}"
            ),
            ProtocolError::UnknownType(t) => write!(f, "unknown message type “{t}”"),
            ProtocolError::BadField(name) => {
                write!(f, "field “{name}” missing or of the wrong type")
            }
        }
    }
}

impl std::error::Error for ProtocolError {}

/// Reads one inbound message, given as JSON text (the app stringifies the posted object first).
///
/// # Errors
/// A [`ProtocolError`] naming the first problem; never panics.
pub fn parse_host_message(json_text: &str) -> Result<HostMessage, ProtocolError> {
    if json_text.len() > MAX_MESSAGE_BYTES {
        return Err(ProtocolError::TooLarge);
    }
    let v: Value = serde_json::from_str(json_text).map_err(|_| ProtocolError::NotAnObject)?;
    let obj = v.as_object().ok_or(ProtocolError::NotAnObject)?;
    if obj.get("source").and_then(Value::as_str) != Some(SOURCE) {
        return Err(ProtocolError::OtherSource);
    }
    match obj.get("version").and_then(Value::as_u64) {
        Some(n) if (1..=PROTOCOL_VERSION).contains(&n) => {}
        _ => return Err(ProtocolError::Version),
    }
    let kind = obj
        .get("type")
        .and_then(Value::as_str)
        .ok_or(ProtocolError::BadField("type"))?;
    match kind {
        "load" => {
            let link = obj
                .get("link")
                .and_then(Value::as_str)
                .ok_or(ProtocolError::BadField("link"))?;
            Ok(HostMessage::Load {
                link: link.to_owned(),
            })
        }
        "run" => Ok(HostMessage::Run),
        "set-theme" => obj
            .get("theme")
            .and_then(Value::as_str)
            .and_then(crate::embed::Theme::from_id)
            .map(|theme| HostMessage::SetTheme { theme })
            .ok_or(ProtocolError::BadField("theme")),
        other => Err(ProtocolError::UnknownType(other.chars().take(24).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::Theme;

    #[test]
    fn host_messages_are_read() {
        assert_eq!(
            parse_host_message(
                r#"{"source":"scalelab","version":1,"type":"load","link":"t/cache"}"#
            ),
            Ok(HostMessage::Load {
                link: "t/cache".into()
            })
        );
        assert_eq!(
            parse_host_message(r#"{"source":"scalelab","version":1,"type":"run","extra":[1]}"#),
            Ok(HostMessage::Run)
        );
        assert_eq!(
            parse_host_message(
                r#"{"source":"scalelab","version":1,"type":"set-theme","theme":"dark"}"#
            ),
            Ok(HostMessage::SetTheme { theme: Theme::Dark })
        );
    }

    #[test]
    fn bad_messages_are_refused_with_the_reason() {
        let cases = [
            ("[]", ProtocolError::NotAnObject),
            ("not json", ProtocolError::NotAnObject),
            (r#"{"type":"run"}"#, ProtocolError::OtherSource),
            (
                r#"{"source":"scalelab","type":"run"}"#,
                ProtocolError::Version,
            ),
            (
                r#"{"source":"scalelab","version":2,"type":"run"}"#,
                ProtocolError::Version,
            ),
            (
                r#"{"source":"scalelab","version":1,"type":"explode"}"#,
                ProtocolError::UnknownType("explode".into()),
            ),
            (
                r#"{"source":"scalelab","version":1,"type":"load","link":5}"#,
                ProtocolError::BadField("link"),
            ),
            (
                r#"{"source":"scalelab","version":1,"type":"set-theme","theme":"pink"}"#,
                ProtocolError::BadField("theme"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse_host_message(text), Err(want), "{text}");
        }
        let huge = format!(
            r#"{{"source":"scalelab","version":1,"type":"load","link":"{}"}}"#,
            "a".repeat(MAX_MESSAGE_BYTES)
        );
        assert_eq!(parse_host_message(&huge), Err(ProtocolError::TooLarge));
    }

    #[test]
    fn child_messages_carry_source_version_and_type() {
        let v = ChildMessage::Resize { height_px: 640 }.to_json();
        assert_eq!(
            v,
            json!({"source": "scalelab", "version": 1, "type": "resize", "height": 640})
        );
        let v = ChildMessage::State {
            url: "https://x/#t/cache".into(),
        }
        .to_json();
        assert_eq!(v["type"], "state");
        assert_eq!(v["url"], "https://x/#t/cache");
        assert_eq!(ChildMessage::Ready.to_json()["type"], "ready");
        let v = ChildMessage::RunFinished {
            summary: json!({"completed": 3}),
        }
        .to_json();
        assert_eq!(v["summary"]["completed"], 3);
    }
}
