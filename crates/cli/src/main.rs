//! `scalelab`: the native runner. Scenario file in, one JSON summary out — for batch runs, autograding and
//! benchmarks. Exit codes: 0 success, 2 bad usage or a bad scenario file (with a message on stderr).
//!
//! ```text
//! scalelab presets                                  list preset ids and titles
//! scalelab preset ID                                print a preset's scenario JSON
//! scalelab run FILE [--seed N] [--duration-s S]     run a scenario ("-" reads stdin), print its summary
//! ```

mod run;

use std::process::ExitCode;

const USAGE: &str = "usage:
  scalelab presets                                list preset ids and titles
  scalelab preset ID                              print a preset's scenario JSON
  scalelab run FILE [--seed N] [--duration-s S]   run a scenario (FILE may be - for stdin), print a JSON summary";

fn main() -> ExitCode {
    match run::main(pico_args::Arguments::from_env()) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("scalelab: {message}");
            ExitCode::from(2)
        }
    }
}
