//! `scalelab`: the native runner. Scenario file in, one JSON summary out — for batch runs, autograding and
//! benchmarks. Exit codes: 0 success (a passed challenge), 1 a failed challenge, 2 bad usage, a bad scenario file or
//! a run over its budget (with a message on stderr), 3 the output could not be written (a closed pipe, a full disk).
//! Nothing a file holds can make it panic, allocate past the run's memory budget or run past `--max-events`.
//!
//! ```text
//! scalelab presets                                  list preset ids and titles
//! scalelab preset ID                                print a preset's scenario JSON
//! scalelab run FILE [--seed N] [--duration-s S] [--max-events N]
//!                                                   run a scenario ("-" reads stdin), print its summary
//! scalelab check FILE [--seed N] [--max-events N]   grade a run against the scenario's challenge (exit 0 pass,
//!                                                   1 fail)
//! scalelab sweep FILE [--node ID --field NAME] [--from A] [--to B] [--points N] [--seeds K] [--duration-s S]
//!                [--json]                           run the scenario at N values of a setting, K seeds each, and
//!                                                   print latency, errors, throughput and cost per value
//! ```

mod run;
mod sweep;

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage:
  scalelab presets                                list preset ids and titles
  scalelab preset ID                              print a preset's scenario JSON
  scalelab run FILE [--seed N] [--duration-s S] [--max-events N]
                                                  run a scenario (FILE may be - for stdin), print a JSON summary
  scalelab check FILE [--seed N] [--max-events N] grade a run against the scenario's challenge: prints the verdict as
                                                  JSON, exits 0 on pass and 1 on fail
  scalelab sweep FILE [--node ID --field NAME] [--from A] [--to B] [--points N] [--seeds K] [--duration-s S] [--json]
                                                  run the scenario at N values of one setting (default: the client's
                                                  arrival rate from 10 % to 150 % of the web tier's capacity, 10
                                                  values, 3 seeds each) and print p50/p95/p99 latency, errors,
                                                  throughput and cost per value, with the knee
--max-events caps the run's work (default 1000000000, about a minute or two); a file over 4 MiB is refused.
Exit codes: 0 success, 1 failed challenge, 2 bad usage, bad file or over budget, 3 output not written.";

/// Exit code when standard output cannot be written.
const OUTPUT_FAILED: u8 = 3;

/// A line on standard error; a closed standard error is ignored (there is nowhere left to complain).
fn say(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "scalelab: {message}");
}

fn main() -> ExitCode {
    match run::main(pico_args::Arguments::from_env()) {
        Ok(run::Output { text, pass }) => {
            let mut out = std::io::stdout().lock();
            let written = out
                .write_all(text.as_bytes())
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush());
            match written {
                Err(e) => {
                    say(&format!("cannot write the output: {e}"));
                    ExitCode::from(OUTPUT_FAILED)
                }
                Ok(()) if pass => ExitCode::SUCCESS,
                Ok(()) => ExitCode::from(1),
            }
        }
        Err(message) => {
            say(&message);
            ExitCode::from(2)
        }
    }
}
