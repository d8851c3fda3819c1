//! The subcommands. Each returns the text to print on success or a message for people on failure; `main` maps
//! them to stdout/stderr and the exit code. Input is read through the file size limit (so `/dev/zero` or a huge
//! stdin is refused after 4 MiB, not read whole); a run is refused before it starts when its estimate is over the
//! budget, and stopped at `--max-events` should the estimate be wrong; a long run reports progress on stderr.

use pico_args::Arguments;
use sim_core::model::field;
use sim_core::scenario::{Budget, LoadError, MAX_FILE_BYTES, presets};
use sim_core::{Scenario, SimTime, Simulation};
use std::io::Read;
use std::time::{Duration, Instant};

/// What a successful command prints, and whether it passed (only `check` can fail).
pub struct Output {
    /// Text for stdout.
    pub text: String,
    /// False when a challenge failed.
    pub pass: bool,
}

impl From<String> for Output {
    fn from(text: String) -> Self {
        Output { text, pass: true }
    }
}

/// Events per `step_until` call: about half a second natively, so progress and the cap are checked often.
const SLICE_EVENTS: u64 = 5_000_000;
/// Progress goes to stderr once a run has taken this long, and again at this interval.
const PROGRESS_EVERY: Duration = Duration::from_secs(2);

/// Dispatches on the subcommand.
pub fn main(mut args: Arguments) -> Result<Output, String> {
    match args.subcommand().map_err(|e| e.to_string())?.as_deref() {
        Some("presets") => {
            finish(args)?;
            Ok(presets::ALL
                .iter()
                .map(|p| format!("{}\t{}", p.id, p.title))
                .collect::<Vec<_>>()
                .join("\n")
                .into())
        }
        Some("preset") => {
            let id: String = args
                .free_from_str()
                .map_err(|_| format!("preset needs an ID\n{}", super::USAGE))?;
            finish(args)?;
            presets::get(&id)
                .map(|s| s.to_json().into())
                .ok_or_else(|| {
                    let ids: Vec<_> = presets::ALL.iter().map(|p| p.id).collect();
                    format!("no preset {id:?}; presets are: {}", ids.join(", "))
                })
        }
        Some("run") => run(args).map(Output::from),
        Some("check") => check(args),
        Some("sweep") => super::sweep::sweep(args).map(Output::from),
        Some(other) => Err(format!("unknown command {other:?}\n{}", super::USAGE)),
        None => Err(super::USAGE.to_owned()),
    }
}

pub(crate) fn finish(args: Arguments) -> Result<(), String> {
    let rest = args.finish();
    if rest.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "unexpected arguments: {}",
            rest.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" ")
        ))
    }
}

pub(crate) fn seed_arg(args: &mut Arguments) -> Result<Option<u64>, String> {
    args.opt_value_from_str("--seed")
        .map_err(|e| format!("--seed must be a whole number from 0 to 2^64−1 ({e})"))
}

/// `--max-events N` (a whole number, `2000000000` or `2e9`), default [`Budget::EVENTS`].
pub(crate) fn max_events_arg(args: &mut Arguments) -> Result<u64, String> {
    let bad = |v: &str| {
        format!("--max-events must be a whole number of events from 1, such as 2e9 (got {v:?})")
    };
    let Some(text) = args
        .opt_value_from_str::<_, String>("--max-events")
        .map_err(|e| bad(&e.to_string()))?
    else {
        return Ok(Budget::EVENTS);
    };
    if let Ok(n) = text.parse::<u64>() {
        return if n >= 1 { Ok(n) } else { Err(bad(&text)) };
    }
    match text.parse::<f64>() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        // checked whole, ≥ 1 and < 2^64
        Ok(v) if v >= 1.0 && v.fract() == 0.0 && v < 1.8e19 => Ok(v as u64),
        _ => Err(bad(&text)),
    }
}

/// Reads at most the file limit from `source`: a larger input (a huge file, `/dev/zero`, an endless pipe) is
/// refused once the limit is passed, never read whole.
fn read_limited(source: impl Read, name: &str) -> Result<String, String> {
    let limit = u64::try_from(MAX_FILE_BYTES).expect("4 MiB fits u64");
    let mut bytes = Vec::new();
    source
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{name}: {}",
            LoadError::TooLarge(format!("more than {MAX_FILE_BYTES} bytes"))
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: {}",
            LoadError::Malformed(format!(
                "not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ))
        )
    })
}

/// Reads and parses a scenario file (`-` for stdin), applying `--seed` if given.
pub(crate) fn load(file: &str, seed: Option<u64>) -> Result<Scenario, String> {
    let text = if file == "-" {
        read_limited(std::io::stdin().lock(), "stdin")?
    } else {
        let f = std::fs::File::open(file).map_err(|e| format!("cannot read {file}: {e}"))?;
        read_limited(f, file)?
    };
    let mut scenario = Scenario::from_json(&text).map_err(|e| format!("{file}: {e}"))?;
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    Ok(scenario)
}

/// Runs `scenario` for its run length within `max_events`, or says on which nodes it cannot run, or where the run
/// stopped.
fn simulate(file: &str, scenario: &Scenario, max_events: u64) -> Result<Simulation, String> {
    let budget = Budget {
        events: max_events,
        ..Budget::default()
    };
    let mut sim = Simulation::with_budget(scenario, &budget).map_err(|issues| {
        let lines: Vec<String> = issues
            .iter()
            .map(|i| match i.node.and_then(|id| scenario.node(id)) {
                Some(n) => format!("  {} ({}): {i}", n.label, n.id),
                None => format!("  {i}"),
            })
            .collect();
        format!("{file} cannot run:\n{}", lines.join("\n"))
    })?;
    step_within(&mut sim, scenario.duration_s, max_events)
        .map_err(|stopped| format!("{file}: {stopped}"))?;
    Ok(sim)
}

/// Steps `sim` to `duration_s` in slices, reporting progress on stderr when it takes long.
///
/// # Errors
/// Where the run stopped when it needed more than `max_events` events.
fn step_within(sim: &mut Simulation, duration_s: f64, max_events: u64) -> Result<(), String> {
    let end = SimTime::from_secs_f64(duration_s);
    let started = Instant::now();
    let mut reported = started;
    loop {
        let left = max_events.saturating_sub(sim.events_processed());
        if sim.step_until(end, left.min(SLICE_EVENTS)).reached {
            return Ok(());
        }
        if sim.events_processed() >= max_events {
            return Err(format!(
                "the run was stopped after {max_events} events, at {:.1} s of {} s of simulated time (the \
                 estimate before the run was lower). Raise --max-events or shorten the run",
                sim.now().as_secs_f64(),
                field::number(duration_s)
            ));
        }
        if reported.elapsed() >= PROGRESS_EVERY {
            reported = Instant::now();
            super::say(&format!(
                "simulated {:.0} of {} s ({:.0} %), {} events, {:.0} s so far",
                sim.now().as_secs_f64(),
                field::number(duration_s),
                100.0 * sim.now().as_secs_f64() / duration_s,
                sim.events_processed(),
                started.elapsed().as_secs_f64()
            ));
        }
    }
}

fn run(mut args: Arguments) -> Result<String, String> {
    let seed = seed_arg(&mut args)?;
    let duration_s: Option<f64> = args
        .opt_value_from_str("--duration-s")
        .map_err(|e| format!("--duration-s must be a number of seconds ({e})"))?;
    let max_events = max_events_arg(&mut args)?;
    let file: String = args
        .free_from_str()
        .map_err(|_| format!("run needs a scenario FILE\n{}", super::USAGE))?;
    finish(args)?;
    let mut scenario = load(&file, seed)?;
    if let Some(d) = duration_s {
        field::DURATION
            .check(d)
            .map_err(|e| format!("--duration-s: {e}"))?;
        scenario.duration_s = d;
    }
    let sim = simulate(&file, &scenario, max_events)?;
    serde_json::to_string_pretty(&sim.summary_with_theory(&scenario))
        .map_err(|e| format!("cannot serialize the summary: {e}"))
}

/// Runs the scenario with its challenge's injected faults for its run length and grades it.
fn check(mut args: Arguments) -> Result<Output, String> {
    let seed = seed_arg(&mut args)?;
    let max_events = max_events_arg(&mut args)?;
    let file: String = args
        .free_from_str()
        .map_err(|_| format!("check needs a scenario FILE\n{}", super::USAGE))?;
    finish(args)?;
    let scenario = load(&file, seed)?;
    let challenge = scenario.challenge.clone().ok_or_else(|| {
        format!("{file} has no challenge to check (add a \"challenge\" to the scenario)")
    })?;
    let graded = scenario.for_grading();
    let broken: Vec<String> = challenge
        .issues(graded.duration_s)
        .iter()
        .map(|i| format!("  {i}"))
        .collect();
    if !broken.is_empty() {
        return Err(format!("{file} cannot be graded:\n{}", broken.join("\n")));
    }
    let sim = simulate(&file, &graded, max_events)?;
    let verdict = sim.grade(&challenge);
    let text = serde_json::to_string_pretty(&verdict)
        .map_err(|e| format!("cannot serialize the verdict: {e}"))?;
    Ok(Output {
        text,
        pass: verdict.pass,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_that_needs_more_than_max_events_stops_there_and_says_where() {
        let s = presets::get("three_tier").expect("preset");
        let mut sim = Simulation::new(&s).expect("valid");
        let e = step_within(&mut sim, 60.0, 12_345).expect_err("stopped");
        assert_eq!(sim.events_processed(), 12_345);
        assert!(
            e.starts_with("the run was stopped after 12345 events, at ") && e.contains("of 60 s"),
            "{e}"
        );
        let mut sim = Simulation::new(&s).expect("valid");
        step_within(&mut sim, 2.0, 1_000_000).expect("fits");
        assert_eq!(sim.now(), SimTime(2_000_000));
    }
}
