//! Fuzz target: the share-link decoder (`scalelab_share::decode_fragment`); properties in `src/lib.rs`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| scalelab_fuzz::check_decode_fragment(data));
