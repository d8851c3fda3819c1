//! Every `LinkError` variant, each produced by a real input: an empty hash, a future link version, a link cut
//! short at every length, damaged bytes, a decompression bomb, an over-long link, an unknown preset, and
//! documents the core's loader refuses.

use crate::{d1_link_of_bytes, d1_link_of_text, zlib_bytes_of};
use scalelab_share::{
    LinkError, MAX_DOCUMENT_BYTES, MAX_LINK_BYTES, SizePart, decode_fragment, encode_fragment,
};
use sim_core::scenario::{LoadError, presets};

fn three_tier_link() -> String {
    encode_fragment(&presets::get("three_tier").expect("preset"))
}

#[test]
fn an_empty_fragment_is_empty() {
    for empty in ["", "#", "  ", "#\n", " # "] {
        assert_eq!(decode_fragment(empty), Err(LinkError::Empty), "{empty:?}");
    }
}

#[test]
fn a_link_from_a_newer_scale_lab_asks_for_a_reload() {
    let e = decode_fragment("d9.xxx").expect_err("d9 is from the future");
    assert_eq!(
        e,
        LinkError::NewerVersion {
            found: 9,
            supported: 1
        }
    );
    assert!(e.to_string().contains("newer Scale Lab") && e.to_string().contains("Reload"));
    assert_eq!(
        decode_fragment("d2.").unwrap_err(),
        LinkError::NewerVersion {
            found: 2,
            supported: 1
        }
    );
}

#[test]
fn text_that_is_not_a_link_has_an_unknown_prefix() {
    let cases = [
        ("hello", "hello"),
        ("x1.abc", "x1"),
        ("d0.abc", "d0"),
        ("d01.abc", "d01"),
        ("D1.abc", "D1"),
        ("https://scalelab.example/#d1.abc", "https://scalelab"),
        ("t", "t"),
    ];
    for (input, echoed) in cases {
        assert_eq!(
            decode_fragment(input),
            Err(LinkError::UnknownPrefix(echoed.to_owned())),
            "{input}"
        );
    }
}

#[test]
fn characters_outside_base64url_are_bad_encoding() {
    let link = three_tier_link();
    let mid = link.len() / 2;
    for intruder in ["+", "/", "=", "%", " ", "é"] {
        let damaged = format!("{}{intruder}{}", &link[..mid], &link[mid..]);
        assert_eq!(
            decode_fragment(&damaged),
            Err(LinkError::BadEncoding),
            "{intruder:?}"
        );
    }
    // Padding, as a standard base64 encoder would add it.
    assert_eq!(
        decode_fragment(&format!("{link}==")),
        Err(LinkError::BadEncoding)
    );
}

#[test]
fn a_link_cut_at_any_length_is_truncated() {
    let link = three_tier_link();
    for len in "d1.".len()..link.len() {
        assert_eq!(
            decode_fragment(&link[..len]),
            Err(LinkError::Truncated),
            "cut to {len}"
        );
    }
}

#[test]
fn damaged_compressed_data_is_corrupt() {
    let original = zlib_bytes_of(&three_tier_link());
    // Block type 3 (after the 2-byte zlib header) is reserved: no deflate writer produces it.
    let mut bytes = original.clone();
    bytes[2] |= 0b110;
    assert_eq!(
        decode_fragment(&d1_link_of_bytes(&bytes)),
        Err(LinkError::Corrupt)
    );
    // A header that is not zlib's.
    let mut bytes = original.clone();
    bytes[0] ^= 0xFF;
    assert_eq!(
        decode_fragment(&d1_link_of_bytes(&bytes)),
        Err(LinkError::Corrupt)
    );
    // Intact deflate data, damaged checksum.
    let mut bytes = original;
    *bytes.last_mut().expect("checksum") ^= 0x10;
    assert_eq!(
        decode_fragment(&d1_link_of_bytes(&bytes)),
        Err(LinkError::Corrupt)
    );
    // Valid zlib of bytes that are not UTF-8.
    let not_utf8 = miniz_oxide::deflate::compress_to_vec_zlib(&[0xFF, 0xFE], 6);
    assert_eq!(
        decode_fragment(&d1_link_of_bytes(&not_utf8)),
        Err(LinkError::Corrupt)
    );
}

#[test]
fn a_decompression_bomb_stops_at_the_cap() {
    let zeros = vec![0_u8; 50 * 1024 * 1024];
    let bomb = d1_link_of_bytes(&miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 6));
    drop(zeros);
    println!("50 MiB of zeros: a {} character link", bomb.len());
    assert!(
        bomb.len() < MAX_LINK_BYTES,
        "the bomb must get past the input cap to test the output cap"
    );
    assert_eq!(
        decode_fragment(&bomb),
        Err(LinkError::TooLarge {
            part: SizePart::Document,
            limit_bytes: MAX_DOCUMENT_BYTES
        })
    );
    // A genuine scenario file just over the cap is refused the same way.
    let padded = format!(
        r#"{{"format":"scalelab","version":1,"description":"{}"}}"#,
        " ".repeat(MAX_DOCUMENT_BYTES)
    );
    assert_eq!(
        decode_fragment(&d1_link_of_text(&padded)),
        Err(LinkError::TooLarge {
            part: SizePart::Document,
            limit_bytes: MAX_DOCUMENT_BYTES
        })
    );
}

#[test]
fn a_link_over_the_input_cap_is_refused_before_decoding() {
    let too_long = format!("d1.{}", "A".repeat(MAX_LINK_BYTES));
    let e = decode_fragment(&too_long).expect_err("over the cap");
    assert_eq!(
        e,
        LinkError::TooLarge {
            part: SizePart::Link,
            limit_bytes: MAX_LINK_BYTES
        }
    );
    assert!(e.to_string().contains("256 KiB"), "{e}");
    // Whitespace does not get a long link past the cap.
    let padded = format!("{}t/three_tier", " ".repeat(MAX_LINK_BYTES));
    assert!(matches!(
        decode_fragment(&padded),
        Err(LinkError::TooLarge { .. })
    ));
}

#[test]
fn an_unknown_preset_is_named_in_plain_text() {
    assert_eq!(
        decode_fragment("t/nope"),
        Err(LinkError::UnknownPreset("nope".into()))
    );
    assert_eq!(
        decode_fragment("#t/"),
        Err(LinkError::UnknownPreset(String::new()))
    );
    let e = decode_fragment(&format!("t/<script>{}", "x".repeat(1000))).expect_err("unknown");
    let LinkError::UnknownPreset(id) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(id.chars().count(), 40, "the echo is shortened");
    assert!(
        e.to_string().contains("<script>"),
        "carried as text, not interpreted"
    );
}

#[test]
fn documents_the_core_refuses_carry_its_error() {
    let refused = |text: &str| match decode_fragment(&d1_link_of_text(text)) {
        Err(LinkError::Scenario(e)) => e,
        other => panic!("{text:.80}: {other:?}"),
    };
    assert!(matches!(refused("hello"), LoadError::Malformed(_)));
    assert_eq!(
        refused(r#"{"format":"other","version":1}"#),
        LoadError::NotAScenario
    );
    assert_eq!(
        refused(r#"{"format":"scalelab","version":7}"#),
        LoadError::TooNew {
            found: 7,
            supported: 1
        }
    );
    let nodes: Vec<String> = (0..=sim_core::scenario::MAX_NODES)
        .map(|i| format!(r#"{{"id":{i},"config":{{"kind":"database"}}}}"#))
        .collect();
    let many = format!(
        r#"{{"format":"scalelab","version":1,"nodes":[{}]}}"#,
        nodes.join(",")
    );
    assert!(matches!(refused(&many), LoadError::TooLarge(m) if m.contains("nodes")));
    let long_label = format!(
        r#"{{"format":"scalelab","version":1,"nodes":[{{"id":1,"label":"{}","config":{{"kind":"database"}}}}]}}"#,
        "<b>".repeat(30)
    );
    assert!(matches!(refused(&long_label), LoadError::TooLarge(m) if m.contains("label")));
    let e = decode_fragment(&d1_link_of_text("[1]")).expect_err("not a scenario");
    assert!(
        std::error::Error::source(&e).is_some(),
        "the core's error is the source"
    );
}
