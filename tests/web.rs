//! wasm-bindgen-test suite of the app (placeholder until the UI lands).
#![cfg(target_arch = "wasm32")]
