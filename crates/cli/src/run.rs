//! The subcommands. Each returns the text to print on success or a message for people on failure; `main` maps
//! them to stdout/stderr and the exit code.

use pico_args::Arguments;
use sim_core::model::field;
use sim_core::scenario::presets;
use sim_core::{Scenario, SimTime, Simulation};
use std::io::Read;

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
        Some(other) => Err(format!("unknown command {other:?}\n{}", super::USAGE)),
        None => Err(super::USAGE.to_owned()),
    }
}

fn finish(args: Arguments) -> Result<(), String> {
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

fn seed_arg(args: &mut Arguments) -> Result<Option<u64>, String> {
    args.opt_value_from_str("--seed")
        .map_err(|e| format!("--seed must be a whole number from 0 to 2^64−1 ({e})"))
}

/// Reads and parses a scenario file (`-` for stdin), applying `--seed` if given.
fn load(file: &str, seed: Option<u64>) -> Result<Scenario, String> {
    let text = if file == "-" {
        let mut t = String::new();
        std::io::stdin()
            .read_to_string(&mut t)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        t
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?
    };
    let mut scenario = Scenario::from_json(&text).map_err(|e| format!("{file}: {e}"))?;
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    Ok(scenario)
}

/// Runs `scenario` for `duration_s` of sim time, or says on which nodes it cannot run.
fn simulate(file: &str, scenario: &Scenario, duration_s: f64) -> Result<Simulation, String> {
    field::DURATION
        .check(duration_s)
        .map_err(|e| format!("--duration-s: {e}"))?;
    let mut sim = Simulation::new(scenario).map_err(|issues| {
        let lines: Vec<String> = issues
            .iter()
            .map(|i| match i.node.and_then(|id| scenario.node(id)) {
                Some(n) => format!("  {} ({}): {i}", n.label, n.id),
                None => format!("  {i}"),
            })
            .collect();
        format!("{file} cannot run:\n{}", lines.join("\n"))
    })?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    // checked range: 1 s to 1 day
    sim.step_until(SimTime((duration_s * 1e6).round() as u64), u64::MAX);
    Ok(sim)
}

fn run(mut args: Arguments) -> Result<String, String> {
    let seed = seed_arg(&mut args)?;
    let duration_s: Option<f64> = args
        .opt_value_from_str("--duration-s")
        .map_err(|e| format!("--duration-s must be a number of seconds ({e})"))?;
    let file: String = args
        .free_from_str()
        .map_err(|_| format!("run needs a scenario FILE\n{}", super::USAGE))?;
    finish(args)?;
    let scenario = load(&file, seed)?;
    let sim = simulate(&file, &scenario, duration_s.unwrap_or(scenario.duration_s))?;
    serde_json::to_string_pretty(&sim.summary())
        .map_err(|e| format!("cannot serialize the summary: {e}"))
}

/// Runs the scenario with its challenge's injected faults for its run length and grades it.
fn check(mut args: Arguments) -> Result<Output, String> {
    let seed = seed_arg(&mut args)?;
    let file: String = args
        .free_from_str()
        .map_err(|_| format!("check needs a scenario FILE\n{}", super::USAGE))?;
    finish(args)?;
    let scenario = load(&file, seed)?;
    let challenge = scenario.challenge.clone().ok_or_else(|| {
        format!("{file} has no challenge to check (add a \"challenge\" to the scenario)")
    })?;
    let graded = scenario.for_grading();
    let sim = simulate(&file, &graded, graded.duration_s)?;
    let verdict = sim.grade(&challenge);
    let text = serde_json::to_string_pretty(&verdict)
        .map_err(|e| format!("cannot serialize the verdict: {e}"))?;
    Ok(Output {
        text,
        pass: verdict.pass,
    })
}
