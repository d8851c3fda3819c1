//! `cargo xtask fuzz [TARGET] [--seconds N]`: a bounded, coverage-guided run of the fuzz targets in `fuzz/`
//! (cargo-fuzz + libFuzzer with `--sanitizer none`, which works on stable Rust: no AddressSanitizer, but Rust's own
//! bounds and overflow checks are on). The committed corpus `fuzz/corpus/<target>/` seeds each run; new inputs go to
//! `fuzz/scratch/<target>/` (ignored by git), crashes to `fuzz/artifacts/<target>/`.
//!
//! The CI smoke (`cargo xtask test`) runs every target for [`SMOKE_SECONDS`].

use crate::context::{Ctx, Result};
use crate::tools;

/// The fuzz targets (binaries of `fuzz/Cargo.toml`).
pub const TARGETS: &[&str] = &["decode_fragment", "scenario_from_json", "run_scenario"];

/// Seconds per target in the CI smoke.
pub const SMOKE_SECONDS: u64 = 10;

/// Parses the command line of `cargo xtask fuzz` and runs it.
pub fn command(ctx: &Ctx, args: &[String]) -> Result {
    let seconds = match args.iter().position(|a| a == "--seconds") {
        Some(i) => args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .ok_or("--seconds needs a number")?,
        None => 60,
    };
    let named: Vec<&str> = TARGETS
        .iter()
        .copied()
        .filter(|t| args.iter().any(|a| a == t))
        .collect();
    tools::ensure_cargo_fuzz(ctx)?;
    run(
        ctx,
        if named.is_empty() { TARGETS } else { &named },
        seconds,
    )
}

/// Runs each of `targets` for `seconds` (plus build time), stopping at the first crash.
pub fn run(ctx: &Ctx, targets: &[&str], seconds: u64) -> Result {
    for target in targets {
        let scratch = ctx.path("fuzz/scratch").join(target);
        std::fs::create_dir_all(&scratch)
            .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
        ctx.run(
            ctx.cargo()
                .args(["fuzz", "run", "--sanitizer", "none", target])
                .arg(&scratch)
                .arg(ctx.path("fuzz/corpus").join(target))
                .args([
                    "--",
                    &format!("-max_total_time={seconds}"),
                    "-rss_limit_mb=2048",
                    "-print_final_stats=1",
                ]),
        )?;
    }
    Ok(())
}
