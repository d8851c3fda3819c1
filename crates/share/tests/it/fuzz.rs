//! Seeded fuzzing: thousands of garbage strings and random mutations of real links. `decode_fragment` must never
//! panic, and whatever it accepts must be a document the engine can run. Seeds are fixed, so a failure reproduces;
//! pin a failing input as its own test in `errors.rs`.

use crate::{all_presets, d1_link_of_bytes, hostile_scenario, zlib_bytes_of};
use scalelab_share::{decode_fragment, encode_fragment};
use sim_core::rng::{Rng, Stream};
use sim_core::{SimTime, Simulation};

const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const PREFIXES: &[&str] = &[
    "",
    "#",
    "d1.",
    "#d1.",
    "d9.",
    "t/",
    "d",
    "d1",
    ".",
    "d18446744073709551616.",
];

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    let n = u32::try_from(items.len()).expect("small table");
    &items[rng.below(n) as usize]
}

/// One random character: mostly base64url, sometimes punctuation, control or non-ASCII.
fn random_char(rng: &mut Rng) -> char {
    match rng.below(10) {
        0 => char::from(u8::try_from(rng.below(128)).expect("ASCII")),
        1 => char::from_u32(rng.below(0x11_0000)).unwrap_or('\u{FFFD}'),
        2 => *pick(rng, &['.', '/', '#', '+', '=', '%', ' ', '\n', 'é', '🚀']),
        _ => char::from(*pick(rng, BASE64URL)),
    }
}

/// Decodes; anything accepted must be loadable by the engine without panicking.
fn decode_must_not_panic(fragment: &str) {
    match decode_fragment(fragment) {
        Ok(d) => {
            if d.scenario.errors().is_empty() {
                let mut sim = Simulation::new(&d.scenario).expect("no errors, so it builds");
                sim.step_until(SimTime(100_000), 10_000);
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

#[test]
fn garbage_strings_never_panic() {
    let mut rng = Rng::new(0x5CA1E, Stream::Keys, 1);
    for _ in 0..5_000 {
        let mut s = (*pick(&mut rng, PREFIXES)).to_owned();
        let len = rng.below(300);
        s.extend((0..len).map(|_| random_char(&mut rng)));
        decode_must_not_panic(&s);
    }
}

#[test]
fn random_compressed_bytes_never_panic() {
    let mut rng = Rng::new(0x5CA1E, Stream::Keys, 2);
    for _ in 0..3_000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len)
            .map(|_| u8::try_from(rng.below(256)).expect("byte"))
            .collect();
        decode_must_not_panic(&d1_link_of_bytes(&bytes));
    }
}

#[test]
fn mutated_real_links_never_panic() {
    let mut rng = Rng::new(0x5CA1E, Stream::Keys, 3);
    let mut links: Vec<String> = all_presets()
        .iter()
        .map(|(_, s)| encode_fragment(s))
        .collect();
    links.push(encode_fragment(&hostile_scenario()));
    for link in &links {
        for _ in 0..1_500 {
            let mut chars: Vec<char> = link.chars().collect();
            for _ in 0..=rng.below(3) {
                let at = rng.below(u32::try_from(chars.len()).expect("short link")) as usize;
                match rng.below(4) {
                    0 => chars[at] = random_char(&mut rng),
                    1 => chars.insert(at, random_char(&mut rng)),
                    2 if chars.len() > 1 => {
                        chars.remove(at);
                    }
                    _ => chars.truncate(at.max(1)),
                }
            }
            decode_must_not_panic(&chars.into_iter().collect::<String>());
        }
    }
}

#[test]
fn bit_flips_inside_real_compressed_data_are_refused() {
    let mut rng = Rng::new(0x5CA1E, Stream::Keys, 4);
    let mut accepted = 0;
    for (_, s) in all_presets() {
        let original = zlib_bytes_of(&encode_fragment(&s));
        for _ in 0..1_500 {
            let mut bytes = original.clone();
            for _ in 0..=rng.below(2) {
                let at = rng.below(u32::try_from(bytes.len()).expect("short")) as usize;
                bytes[at] ^= 1 << rng.below(8);
            }
            let link = d1_link_of_bytes(&bytes);
            // A flip can be harmless: the same bit twice, or a padding bit after the last deflate block. What must
            // never happen is loading a *different* scenario.
            if decode_fragment(&link).is_ok_and(|d| d.scenario != s) {
                accepted += 1;
            }
            decode_must_not_panic(&link);
        }
    }
    // With raw deflate 366 of these 3,000 loaded a silently different scenario; the zlib checksum catches them.
    assert_eq!(
        accepted, 0,
        "damaged links that loaded a different scenario"
    );
}
