//! Fuzz target: the scenario file loader (`sim_core::Scenario::from_json`); properties in `src/lib.rs`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| scalelab_fuzz::check_scenario_from_json(data));
