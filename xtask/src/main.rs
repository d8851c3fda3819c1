//! `cargo xtask <command>`: the project's automation in plain Rust (std only), so a fresh checkout needs nothing
//! but rustup to serve, build and test everything.
//!
//! This file owns the command line and dispatch only; tool installation lives in `tools`, the release build in
//! `dist`, the test layers in `layers`, and the text parsing they rely on in `versions`.

mod bench;
mod context;
mod dist;
mod fuzz;
mod layers;
mod tools;
mod versions;

use context::{Ctx, Result, step};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--dev] [trunk args]  install missing tools, build and serve on http://127.0.0.1:8080
                              (release build; --dev for a faster debug build)
  test [--quick]              install missing tools and run every test layer (--quick: format, clippy and
                              native tests only)
  dist                        install missing tools, `trunk build --release` into dist/, print asset sizes
  bench [--quick] [--soak-seconds N]
                              measure the core natively and as wasm in Node, the baseline, a soak (1 h of
                              sim time at 50 k rps) and the dist/ bundle; rewrite BENCHMARKS.md (--quick: a
                              short smoke that checks native and wasm agree, writes nothing)
  fuzz [TARGET] [--seconds N]  run the fuzz targets (decode_fragment, scenario_from_json) for N s each
                              (default 60), seeded by fuzz/corpus/
  help                        this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ctx = Ctx::new();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => serve(&ctx, &args[1..]),
        Some("test") => match &args[1..] {
            [] => layers::run(&ctx, false),
            [flag] if flag == "--quick" => layers::run(&ctx, true),
            other => Err(format!("unknown arguments to `test`: {other:?}\n\n{USAGE}")),
        },
        Some("dist") if args.len() == 1 => dist(&ctx),
        Some("bench") => bench::run(&ctx, &args[1..]),
        Some("fuzz") => fuzz::command(&ctx, &args[1..]),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown command {:?}\n\n{USAGE}", args.join(" "))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `serve`: ensure tools, then `trunk serve` (release unless `--dev`); other arguments go to trunk.
fn serve(ctx: &Ctx, args: &[String]) -> Result {
    tools::ensure(ctx, tools::Needs::Build)?;
    let dev = args.iter().any(|a| a == "--dev");
    let mut cmd = ctx.cmd("trunk");
    cmd.arg("serve");
    if !dev {
        cmd.arg("--release");
    }
    cmd.args(args.iter().filter(|a| *a != "--dev"));
    // A person may answer prompts and stop the server with Ctrl-C here.
    cmd.stdin(std::process::Stdio::inherit());
    println!("serving on http://127.0.0.1:8080 once the first build finishes (Ctrl-C to stop)");
    ctx.run(&mut cmd)
}

/// `dist`: ensure tools, release build, size report.
fn dist(ctx: &Ctx) -> Result {
    tools::ensure(ctx, tools::Needs::Build)?;
    step("release build", || dist::build(ctx)).0?;
    step("asset sizes", || dist::print_sizes(ctx)).0
}
