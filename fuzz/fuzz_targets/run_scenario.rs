//! Fuzz target: arbitrary scenarios built and run under the budget (`scalelab_fuzz::check_run_scenario`); properties
//! in `src/lib.rs`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| scalelab_fuzz::check_run_scenario(data));
