//! Link format version 1, `d1.<payload>`: payload = base64url without padding (RFC 4648 §5) of the **zlib**
//! stream (RFC 1950: deflate, RFC 1951, with a 2-byte header and an Adler-32 checksum) of the scenario's compact
//! JSON file text.
//!
//! Zlib, not raw deflate: the checksum costs 8 characters (about 1% of a preset's link) and is what turns a
//! damaged link into an error instead of a different scenario. Raw deflate catches a cut-off link (the stream
//! stops before its final block) but not a changed character: with raw deflate, 366 of the 3,000 seeded bit flips
//! of `tests/it/fuzz.rs` still inflated to a valid scenario (a flipped literal is just another digit or letter).
//! A lab whose runs are compared and graded must not open a silently altered document. Browsers write the same
//! format with `CompressionStream("deflate")`, so a page or script can make links without this crate.
//!
//! This file is frozen once links are out there: a later format gets its own file and a `migrate` arm; `unpack`
//! here must keep reading every `d1.` link ever issued (`tests/fixtures/d1_*.txt` prove it).

use crate::error::{LinkError, SizePart};
use crate::{MAX_DOCUMENT_BYTES, MAX_LINK_BYTES};
use data_encoding::{BASE64URL_NOPAD, DecodeKind};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};

/// miniz_oxide level (0–10): 9 is zlib's "best compression"; the documents are small, so its cost does not matter.
const LEVEL: u8 = 9;

/// Packs scenario file text into a `d1` payload (without the `d1.` prefix).
pub(crate) fn pack(json: &str) -> String {
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), LEVEL);
    BASE64URL_NOPAD.encode(&zlib)
}

/// Unpacks a `d1` payload (without the `d1.` prefix) into scenario file text.
///
/// # Errors
/// [`LinkError::BadEncoding`] for characters outside base64url; [`LinkError::Truncated`] for a cut-off payload;
/// [`LinkError::Corrupt`] for a bad zlib header, invalid deflate data, a checksum mismatch, bytes after the
/// checksum (a link is exactly one zlib stream: anything appended was not written by Scale Lab) or text that is not
/// UTF-8; [`LinkError::TooLarge`] when the text would exceed [`MAX_DOCUMENT_BYTES`] (inflating stops there, so at
/// most that much is ever allocated).
pub(crate) fn unpack(payload: &str) -> Result<String, LinkError> {
    // The caller checks the whole fragment; this keeps `unpack` safe on its own.
    if payload.len() > MAX_LINK_BYTES {
        return Err(LinkError::TooLarge {
            part: SizePart::Link,
            limit_bytes: MAX_LINK_BYTES,
        });
    }
    // Alphabet first: the decoder reports a bad length before a bad character, and an added `+` is not a cut.
    if !payload
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(LinkError::BadEncoding);
    }
    let zlib = BASE64URL_NOPAD
        .decode(payload.as_bytes())
        .map_err(|e| match e.kind {
            // A length no base64 text can have, or leftover bits in the last character: the tail is missing.
            DecodeKind::Length | DecodeKind::Trailing => LinkError::Truncated,
            // Unreachable after the alphabet check; kept total rather than panicking.
            DecodeKind::Symbol | DecodeKind::Padding => LinkError::BadEncoding,
        })?;
    let text = inflate(&zlib)?;
    String::from_utf8(text).map_err(|_| LinkError::Corrupt)
}

/// Inflates one whole zlib stream (checksum verified) into at most [`MAX_DOCUMENT_BYTES`], growing the output as
/// it goes (as `miniz_oxide`'s `decompress_to_vec_zlib_with_limit`, which cannot say where the stream ended).
fn inflate(zlib: &[u8]) -> Result<Vec<u8>, LinkError> {
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0; zlib.len().saturating_mul(2).clamp(64, MAX_DOCUMENT_BYTES)];
    let mut decompressor = Box::<DecompressorOxide>::default();
    let (mut input, mut written) = (zlib, 0);
    loop {
        let (status, consumed, produced) =
            decompress(&mut decompressor, input, &mut out, written, flags);
        written += produced;
        input = input.get(consumed..).ok_or(LinkError::Corrupt)?;
        match status {
            TINFLStatus::Done if input.is_empty() => {
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::Done => return Err(LinkError::Corrupt),
            TINFLStatus::HasMoreOutput if out.len() < MAX_DOCUMENT_BYTES => {
                let grown = out.len().saturating_mul(2).min(MAX_DOCUMENT_BYTES);
                out.resize(grown, 0);
            }
            TINFLStatus::HasMoreOutput => {
                return Err(LinkError::TooLarge {
                    part: SizePart::Document,
                    limit_bytes: MAX_DOCUMENT_BYTES,
                });
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(LinkError::Truncated);
            }
            _ => return Err(LinkError::Corrupt),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_then_unpack_is_the_identity() {
        for text in ["", "{}", "<script>alert(1)</script>", "é ✓ 🚀"] {
            assert_eq!(unpack(&pack(text)).as_deref(), Ok(text));
        }
    }

    #[test]
    fn payload_is_url_safe() {
        let p = pack(&"?/+=&#%".repeat(50));
        assert!(
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{p}"
        );
    }

    #[test]
    fn each_failure_has_its_error() {
        assert_eq!(unpack("ab+c"), Err(LinkError::BadEncoding));
        assert_eq!(unpack("abc="), Err(LinkError::BadEncoding));
        assert_eq!(unpack("a"), Err(LinkError::Truncated));
        assert_eq!(unpack(""), Err(LinkError::Truncated));
        let mut stream = miniz_oxide::deflate::compress_to_vec_zlib(b"{}", LEVEL);
        // Block type 3 (after the 2-byte header) is reserved: no deflate writer produces it.
        stream[2] |= 0b110;
        assert_eq!(
            unpack(&BASE64URL_NOPAD.encode(&stream)),
            Err(LinkError::Corrupt)
        );
        // Valid deflate, wrong checksum.
        let mut stream = miniz_oxide::deflate::compress_to_vec_zlib(b"{}", LEVEL);
        *stream.last_mut().expect("checksum") ^= 1;
        assert_eq!(
            unpack(&BASE64URL_NOPAD.encode(&stream)),
            Err(LinkError::Corrupt)
        );
        // A whole stream with bytes after its checksum.
        let mut stream = miniz_oxide::deflate::compress_to_vec_zlib(b"{}", LEVEL);
        stream.extend_from_slice(b"extra");
        assert_eq!(
            unpack(&BASE64URL_NOPAD.encode(&stream)),
            Err(LinkError::Corrupt)
        );
        // Valid zlib, not UTF-8.
        let stream = miniz_oxide::deflate::compress_to_vec_zlib(&[0xFF], LEVEL);
        assert_eq!(
            unpack(&BASE64URL_NOPAD.encode(&stream)),
            Err(LinkError::Corrupt)
        );
    }
}
