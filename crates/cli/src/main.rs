//! `scalelab`: the native runner. Scenario file in, one JSON summary out — for batch runs, autograding and
//! benchmarks. Exit codes: 0 success, 1 a failed challenge, 2 bad usage or a bad scenario file (with a message on
//! stderr).
//!
//! ```text
//! scalelab presets                                  list preset ids and titles
//! scalelab preset ID                                print a preset's scenario JSON
//! scalelab run FILE [--seed N] [--duration-s S]     run a scenario ("-" reads stdin), print its summary
//! scalelab check FILE [--seed N]                    grade a run against the scenario's challenge (exit 0 pass,
//!                                                   1 fail)
//! ```

mod run;

use std::process::ExitCode;

const USAGE: &str = "usage:
  scalelab presets                                list preset ids and titles
  scalelab preset ID                              print a preset's scenario JSON
  scalelab run FILE [--seed N] [--duration-s S]   run a scenario (FILE may be - for stdin), print a JSON summary
  scalelab check FILE [--seed N]                  grade a run against the scenario's challenge: prints the verdict as
                                                  JSON, exits 0 on pass and 1 on fail";

fn main() -> ExitCode {
    match run::main(pico_args::Arguments::from_env()) {
        Ok(run::Output { text, pass }) => {
            println!("{text}");
            if pass {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(message) => {
            eprintln!("scalelab: {message}");
            ExitCode::from(2)
        }
    }
}
