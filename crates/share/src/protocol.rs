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
//! | child → host | `challenge-result` | `result`: the verdict (the same JSON as `scalelab check`: `pass`, `score` 0–1, `checks` with `name`, `measured`, `limit`, `pass`, `explanation`); `activity`: the step's address; `xapi`: an xAPI statement, with `?host=xapi` only |
//! | host → child | `load` | `link`: a share fragment (`t/<id>` or `d1.…`, with or without `#`) |
//! | host → child | `run` | — (press Run) |
//! | host → child | `set-theme` | `theme`: `"light"` or `"dark"` |
//!
//! The child only reads messages whose sender is its parent window (checked by the app) and that
//! [`parse_host_message`] accepts: right source, a version it speaks, a known type, fields of the right type,
//! and under [`MAX_MESSAGE_BYTES`]. A host may send a newer minor shape with extra fields; they are ignored.
//!
//! Within version 1, new child → host types may be added (`challenge-result` was): a host ignores types it does
//! not know. A field changing meaning would be version 2.

use crate::hosts::{Host, xapi_statement};
use serde_json::{Value, json};
use sim_core::verdict::Verdict;

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
    /// A challenge was graded (*Check my design*, or a run's end in an embed): the grade for the course.
    ChallengeResult {
        /// The verdict as JSON, exactly as `scalelab check` prints it (`sim_core::verdict::Verdict`).
        result: Value,
        /// Absolute address of the step graded (its `t/<preset>` link, else the page), the xAPI activity id.
        activity: String,
        /// An xAPI statement of the grade (`crate::hosts::xapi_statement`), for `?host=xapi`.
        xapi: Option<Value>,
    },
}

impl ChildMessage {
    /// The `challenge-result` message of `verdict`, graded on the step at `activity` (an absolute address) named
    /// `name`; it carries an xAPI statement when `host` is [`Host::Xapi`].
    #[must_use]
    pub fn challenge_result(verdict: &Verdict, activity: &str, name: &str, host: Host) -> Self {
        ChildMessage::ChallengeResult {
            result: verdict_json(verdict),
            activity: activity.to_owned(),
            xapi: (host == Host::Xapi).then(|| xapi_statement(verdict, activity, name)),
        }
    }
}

/// A verdict as the JSON value `scalelab check` prints (one serializer for the CLI and the host message).
#[must_use]
pub fn verdict_json(verdict: &Verdict) -> Value {
    serde_json::to_value(verdict)
        .expect("a Verdict always serializes: plain fields, finite numbers or null")
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
            ChildMessage::ChallengeResult {
                result,
                activity,
                xapi,
            } => {
                obj.insert("type".into(), "challenge-result".into());
                obj.insert("activity".into(), activity.clone().into());
                obj.insert("result".into(), result.clone());
                if let Some(x) = xapi {
                    obj.insert("xapi".into(), x.clone());
                }
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

    #[test]
    fn a_challenge_result_carries_the_verdict_and_xapi_only_for_xapi_hosts() {
        let s = sim_core::scenario::presets::get("single_server").expect("preset");
        let graded = s.for_grading();
        let mut sim = sim_core::Simulation::new(&graded).expect("runs");
        sim.step_until(graded.end_time(), u64::MAX);
        let verdict = sim.grade(s.challenge.as_ref().expect("a challenge"));
        let url = "https://example.org/lab/#t/single_server";
        let v = ChildMessage::challenge_result(&verdict, url, &s.name, Host::Plain).to_json();
        assert_eq!(v["type"], "challenge-result");
        assert_eq!(v["version"], 1);
        assert_eq!(v["activity"], url);
        assert_eq!(v["result"], verdict_json(&verdict));
        assert_eq!(v["result"]["pass"], false);
        let score = v["result"]["score"].as_f64().expect("score");
        assert!((0.0..1.0).contains(&score), "{score}");
        let check = &v["result"]["checks"][0];
        for field in ["name", "measured", "limit", "pass", "explanation"] {
            assert!(check.get(field).is_some(), "{field} in {check}");
        }
        assert!(v.get("xapi").is_none());
        for host in [Host::H5p, Host::Canvas] {
            let v = ChildMessage::challenge_result(&verdict, url, &s.name, host).to_json();
            assert!(v.get("xapi").is_none());
        }
        let v = ChildMessage::challenge_result(&verdict, url, &s.name, Host::Xapi).to_json();
        assert_eq!(v["xapi"]["verb"]["id"], crate::hosts::XAPI_FAILED);
        assert_eq!(v["xapi"]["result"]["score"]["scaled"], v["result"]["score"]);
    }
}
