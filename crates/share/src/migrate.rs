//! Link format versions and the step that brings any issued link to today's scenario file text.
//!
//! Two layers of versioning, kept apart: the *link* version (`d1.`, …) says how the document was packed into the
//! fragment (compression, alphabet, dictionary); the *file* version inside the JSON (`"version": 1`) says what the
//! document means, and the core's loader (`Scenario::from_json`) migrates that. So this module only has to turn a
//! `d<N>` payload of any version ever issued into file text; it never edits the document.
//!
//! Adding link version 2: write `v2.rs` with `pack`/`unpack`, add a `2 =>` arm below, bump [`LINK_VERSION`],
//! commit `tests/fixtures/d2_*.txt`, and have the app's startup (`src/share/startup.rs`) tell a reader whose `d1.`
//! link was updated (`LinkKind::Document { link_version: 1 }`); the `1 =>` arm and `v1.rs` stay as they are.

use crate::error::LinkError;
use crate::v1;

/// The link format version this build writes (`d1.`) and the newest it reads.
pub const LINK_VERSION: u32 = 1;

/// Scenario file text from the payload of a `d<version>.` link (the text after the dot).
///
/// # Errors
/// [`LinkError::NewerVersion`] for a version above [`LINK_VERSION`], [`LinkError::UnknownPrefix`] for one never
/// issued (0); otherwise the unpacking errors of that version (see `v1::unpack`).
pub(crate) fn migrate(version: u32, payload: &str) -> Result<String, LinkError> {
    match version {
        1 => v1::unpack(payload),
        v if v > LINK_VERSION => Err(LinkError::NewerVersion {
            found: v,
            supported: LINK_VERSION,
        }),
        v => Err(LinkError::UnknownPrefix(format!("d{v}"))),
    }
}

/// The link version in a `d<N>` prefix (without the dot): `Some(N)` for `d` followed by canonical decimal digits
/// (no sign, no leading zero), saturating at `u32::MAX` so `d99999999999` still reads as "newer"; `None` otherwise.
pub(crate) fn parse_prefix(prefix: &str) -> Option<u32> {
    let digits = prefix.strip_prefix('d')?;
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !canonical {
        return None;
    }
    Some(digits.parse().unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_parse_strictly() {
        assert_eq!(parse_prefix("d1"), Some(1));
        assert_eq!(parse_prefix("d9"), Some(9));
        assert_eq!(parse_prefix("d0"), Some(0));
        assert_eq!(parse_prefix("d99999999999"), Some(u32::MAX));
        for bad in ["d", "d01", "d+1", "d-1", "x1", "D1", "d1a", "d١"] {
            assert_eq!(parse_prefix(bad), None, "{bad}");
        }
    }

    #[test]
    fn versions_route_to_their_unpacker() {
        assert_eq!(
            migrate(2, "x"),
            Err(LinkError::NewerVersion {
                found: 2,
                supported: 1
            })
        );
        assert_eq!(migrate(0, "x"), Err(LinkError::UnknownPrefix("d0".into())));
        assert_eq!(migrate(1, &v1::pack("{}")).as_deref(), Ok("{}"));
    }
}
