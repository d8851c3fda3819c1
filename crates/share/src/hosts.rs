//! Course-platform conventions an embed speaks besides Scale Lab's own protocol, chosen by `?host=`:
//!
//! - **`plain`** (the default): only Scale Lab's messages (`protocol.rs`).
//! - **`h5p`**: the H5P resizer handshake (`h5p-resizer.js`, which H5P hosts and many LMS pages load), messages
//!   `{context: "h5p", action, …}`: the frame says `hello`; the host answers `hello` (it can resize frames); the
//!   frame sends `prepareResize` with its `scrollHeight` and `clientHeight`; the host resets the frame's height and
//!   answers `resizePrepared`; the frame sends `resize` with its `scrollHeight`, which the host applies. The host's
//!   `ready` (sent to frames on its load) and `resize` (its window resized) start the exchange again.
//! - **`canvas`**: Canvas LMS's `{subject: "lti.frameResize", height}` whenever the content height changes.
//! - **`xapi`**: every `challenge-result` also carries an xAPI statement (verb `passed` or `failed` with the scaled
//!   score), for hosts that forward statements to a learning record store (`xapi_statement`).
//!
//! Everything here is pure (JSON values in and out) and natively tested; `src/share/bridge.rs` posts and receives.

use serde_json::{Value, json};
use sim_core::verdict::Verdict;

/// The course platform an embed is in, from `?host=`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Host {
    /// Scale Lab's messages only.
    #[default]
    Plain,
    /// H5P's iframe resizer handshake.
    H5p,
    /// Canvas LMS `lti.frameResize`.
    Canvas,
    /// xAPI statements in grade messages.
    Xapi,
}

impl Host {
    /// Every host convention, in the order the share dialog offers them.
    pub const ALL: [Host; 4] = [Host::Plain, Host::H5p, Host::Canvas, Host::Xapi];

    /// `"plain"`, `"h5p"`, `"canvas"` or `"xapi"`, as in the query string.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Host::Plain => "plain",
            Host::H5p => "h5p",
            Host::Canvas => "canvas",
            Host::Xapi => "xapi",
        }
    }

    /// The host with this id (ASCII case ignored), or `None`.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Host> {
        Host::ALL
            .into_iter()
            .find(|h| h.id().eq_ignore_ascii_case(id))
    }

    /// A short name for people (the share dialog's menu).
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Host::Plain => "Any page (Scale Lab messages)",
            Host::H5p => "H5P resizer",
            Host::Canvas => "Canvas LMS",
            Host::Xapi => "xAPI (learning record store)",
        }
    }
}

/// The `context` of every H5P resizer message.
pub const H5P_CONTEXT: &str = "h5p";

/// An H5P resizer message from the host page to the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum H5pHostAction {
    /// The host's resizer script started: say hello.
    Ready,
    /// The host can resize this frame.
    Hello,
    /// The host reset the frame's height: send the content height.
    ResizePrepared,
    /// The host's window was resized: measure again.
    Resize,
}

/// Reads an H5P resizer message (JSON text). `None` for anything else: another context, an unknown action, not
/// an object. Never panics.
#[must_use]
pub fn parse_h5p(json_text: &str) -> Option<H5pHostAction> {
    if json_text.len() > 4096 {
        return None;
    }
    let v: Value = serde_json::from_str(json_text).ok()?;
    if v.get("context")?.as_str()? != H5P_CONTEXT {
        return None;
    }
    match v.get("action")?.as_str()? {
        "ready" => Some(H5pHostAction::Ready),
        "hello" => Some(H5pHostAction::Hello),
        "resizePrepared" => Some(H5pHostAction::ResizePrepared),
        "resize" => Some(H5pHostAction::Resize),
        _ => None,
    }
}

/// The frame's side of the H5P resizer handshake: what to post to the host, given what the host said and the
/// page's heights (CSS px). Starts unfriendly (`hello` until the host answers).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct H5pResizer {
    /// The host answered `hello`: it will resize the frame.
    pub friendly: bool,
}

impl H5pResizer {
    /// The first message, posted when the frame mounts: `{context: "h5p", action: "hello"}`.
    #[must_use]
    pub fn hello() -> Value {
        json!({ "context": H5P_CONTEXT, "action": "hello" })
    }

    /// The content height changed (or the host asked to measure): `prepareResize` with both heights once the host
    /// is friendly, else `hello` again.
    #[must_use]
    pub fn on_height(&self, scroll_height_px: u32, client_height_px: u32) -> Value {
        if self.friendly {
            json!({
                "context": H5P_CONTEXT,
                "action": "prepareResize",
                "scrollHeight": scroll_height_px,
                "clientHeight": client_height_px,
            })
        } else {
            Self::hello()
        }
    }

    /// The answer to a host message, if any (heights in CSS px, measured now).
    #[must_use]
    pub fn on_host(
        &mut self,
        action: H5pHostAction,
        scroll_height_px: u32,
        client_height_px: u32,
    ) -> Option<Value> {
        match action {
            H5pHostAction::Ready => Some(Self::hello()),
            H5pHostAction::Hello => {
                self.friendly = true;
                Some(self.on_height(scroll_height_px, client_height_px))
            }
            H5pHostAction::ResizePrepared => Some(json!({
                "context": H5P_CONTEXT,
                "action": "resize",
                "scrollHeight": scroll_height_px,
            })),
            H5pHostAction::Resize => Some(self.on_height(scroll_height_px, client_height_px)),
        }
    }
}

/// Canvas LMS's resize request: `{subject: "lti.frameResize", height}` with the content height in CSS px.
#[must_use]
pub fn canvas_frame_resize(height_px: u32) -> Value {
    json!({ "subject": "lti.frameResize", "height": height_px })
}

/// ADL's verb for a passed assessment.
pub const XAPI_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
/// ADL's verb for a failed assessment.
pub const XAPI_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
/// ADL's activity type of an assessment.
pub const XAPI_ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";

/// The xAPI statement (xAPI 1.0.3) of a verdict, without `actor` (the host knows the learner and adds it) and
/// without `timestamp` (a learning record store sets it on receipt).
///
/// `activity_id` is an absolute IRI naming the challenge (the playground's address of its step); `name` its
/// title. The verb is ADL's `passed` or `failed`; `result` holds `success`, `completion: true` and the score as
/// `scaled` (0–1, the verdict's score), `raw` (checks passed), `min` 0 and `max` (checks).
#[must_use]
pub fn xapi_statement(verdict: &Verdict, activity_id: &str, name: &str) -> Value {
    let (verb, word) = if verdict.pass {
        (XAPI_PASSED, "passed")
    } else {
        (XAPI_FAILED, "failed")
    };
    let passed = verdict.checks.iter().filter(|c| c.pass).count();
    json!({
        "verb": { "id": verb, "display": { "en-US": word } },
        "object": {
            "objectType": "Activity",
            "id": activity_id,
            "definition": {
                "type": XAPI_ASSESSMENT,
                "name": { "en-US": name },
                "description": { "en-US": verdict.goal },
            },
        },
        "result": {
            "success": verdict.pass,
            "completion": true,
            "score": {
                "scaled": verdict.score,
                "raw": passed,
                "min": 0,
                "max": verdict.checks.len(),
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::verdict::Check;

    fn verdict(passes: &[bool]) -> Verdict {
        let checks: Vec<Check> = passes
            .iter()
            .map(|&pass| Check {
                name: "max_error_ratio",
                measured: 0.0,
                limit: 0.01,
                pass,
                explanation: String::new(),
                text: Vec::new(),
            })
            .collect();
        let n = passes.iter().filter(|p| **p).count();
        #[allow(clippy::cast_precision_loss)] // a handful of checks
        let score = n as f64 / passes.len() as f64;
        Verdict {
            engine: 2,
            pass: n == passes.len(),
            score,
            goal: "Keep errors under 1 %".into(),
            measured_from_s: 30.0,
            measured_to_s: 120.0,
            checks,
        }
    }

    #[test]
    fn host_ids_round_trip_and_unknown_ids_are_none() {
        for h in Host::ALL {
            assert_eq!(Host::from_id(h.id()), Some(h));
        }
        assert_eq!(Host::from_id("H5P"), Some(Host::H5p));
        assert_eq!(Host::from_id("moodle"), None);
        assert_eq!(Host::default(), Host::Plain);
    }

    #[test]
    fn the_h5p_handshake_runs_as_the_resizer_expects() {
        let mut r = H5pResizer::default();
        assert_eq!(H5pResizer::hello()["action"], "hello");
        // Before the host answers, a height change only says hello again.
        assert_eq!(r.on_height(900, 600)["action"], "hello");
        assert_eq!(
            r.on_host(H5pHostAction::Ready, 900, 600)
                .map(|v| v["action"].clone()),
            Some("hello".into())
        );
        let prepare = r.on_host(H5pHostAction::Hello, 900, 600).expect("answer");
        assert!(r.friendly);
        assert_eq!(
            prepare,
            json!({"context": "h5p", "action": "prepareResize", "scrollHeight": 900, "clientHeight": 600})
        );
        let resize = r
            .on_host(H5pHostAction::ResizePrepared, 880, 880)
            .expect("answer");
        assert_eq!(
            resize,
            json!({"context": "h5p", "action": "resize", "scrollHeight": 880})
        );
        assert_eq!(
            r.on_host(H5pHostAction::Resize, 700, 650).expect("answer")["action"],
            "prepareResize"
        );
    }

    #[test]
    fn only_h5p_resizer_messages_are_read() {
        assert_eq!(
            parse_h5p(r#"{"context":"h5p","action":"resizePrepared"}"#),
            Some(H5pHostAction::ResizePrepared)
        );
        for other in [
            r#"{"context":"h5p","action":"explode"}"#,
            r#"{"context":"other","action":"hello"}"#,
            r#"{"action":"hello"}"#,
            r#"{"context":5,"action":"hello"}"#,
            "[1,2]",
            "not json",
        ] {
            assert_eq!(parse_h5p(other), None, "{other}");
        }
        let huge = format!(
            r#"{{"context":"h5p","action":"hello","x":"{}"}}"#,
            "a".repeat(5000)
        );
        assert_eq!(parse_h5p(&huge), None);
    }

    #[test]
    fn canvas_gets_its_subject_and_height() {
        assert_eq!(
            canvas_frame_resize(812),
            json!({"subject": "lti.frameResize", "height": 812})
        );
    }

    #[test]
    fn an_xapi_statement_says_passed_or_failed_with_the_scaled_score() {
        let s = xapi_statement(
            &verdict(&[true, false, true]),
            "https://example.org/lab/#t/single_server",
            "One server",
        );
        assert_eq!(s["verb"]["id"], XAPI_FAILED);
        assert_eq!(s["verb"]["display"]["en-US"], "failed");
        assert_eq!(
            s["object"]["id"],
            "https://example.org/lab/#t/single_server"
        );
        assert_eq!(s["object"]["definition"]["type"], XAPI_ASSESSMENT);
        assert_eq!(s["result"]["success"], false);
        assert_eq!(s["result"]["score"]["raw"], 2);
        assert_eq!(s["result"]["score"]["max"], 3);
        let scaled = s["result"]["score"]["scaled"].as_f64().expect("a number");
        assert!((scaled - 2.0 / 3.0).abs() < 1e-12);
        assert!(s.get("actor").is_none(), "the host adds the learner");

        let s = xapi_statement(&verdict(&[true, true]), "https://x/", "Two");
        assert_eq!(s["verb"]["id"], XAPI_PASSED);
        assert_eq!(s["result"]["success"], true);
        assert_eq!(s["result"]["score"]["scaled"], 1.0);
    }
}
