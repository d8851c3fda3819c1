//! `cargo xtask test`: every test layer in order, fast to slow, stopping at the first failure, then a table of
//! layers and times.
//!
//! The layers: format, clippy, native tests of the pure crates, a short smoke of the benchmarks (native and wasm in
//! Node, which must agree on every count) and of each fuzz target, clippy of the app under wasm (`crates/*` and xtask, which includes
//! `tests/tidy.rs`), the app's wasm tests in headless Chromium, the release build, and Playwright against the
//! built `dist/`. The root app is never compiled natively: that would build all of Leptos for nothing.

use crate::context::{Ctx, Result, fmt_duration, step};
use crate::versions::manifest_package_name;
use crate::{bench, dist, fuzz, tools};
use std::process::Command;
use std::time::Duration;

/// One test layer: its name in the summary, whether `--quick` skips it, a hint on failure, and what it runs.
struct Layer<'a> {
    name: &'static str,
    slow: bool,
    /// What to do next when the layer fails.
    hint: &'static str,
    body: Box<dyn FnOnce() -> Result + 'a>,
}

impl<'a> Layer<'a> {
    fn new(
        name: &'static str,
        slow: bool,
        hint: &'static str,
        body: impl FnOnce() -> Result + 'a,
    ) -> Self {
        Self {
            name,
            slow,
            hint,
            body: Box::new(body),
        }
    }
}

/// One row of the final summary.
struct Row {
    layer: &'static str,
    outcome: &'static str,
    elapsed: Duration,
}

/// Runs the tool check and every layer (`quick` skips the wasm, build and e2e layers). Returns an error naming the
/// first failing layer, after printing the summary.
pub fn run(ctx: &Ctx, quick: bool) -> Result {
    let mut rows = Vec::new();
    let needs = if quick {
        tools::Needs::Build
    } else {
        tools::Needs::Test
    };
    let (tools_outcome, elapsed) = step("ensure tools", || tools::ensure(ctx, needs));
    rows.push(Row {
        layer: "ensure tools",
        outcome: if tools_outcome.is_ok() {
            "ok"
        } else {
            "FAILED"
        },
        elapsed,
    });
    if let Err(e) = tools_outcome {
        return fail(&rows, "ensure tools", &e);
    }

    let native = native_packages(ctx);
    let layers = [
        Layer::new("1 format", false, "run `cargo fmt --all`", || {
            ctx.run(ctx.cargo().args(["fmt", "--all", "--check"]))
        }),
        Layer::new(
            "2 clippy",
            false,
            "fix the lints above (warnings are errors)",
            || ctx.run(&mut clippy(ctx, &native)),
        ),
        Layer::new(
            "3 native tests",
            false,
            "see the failing test above; tidy failures name file:line",
            || ctx.run(&mut native_tests(ctx, &native)),
        ),
        Layer::new(
            "3b clippy (app, wasm)",
            true,
            "fix the lints above (warnings are errors)",
            || {
                ctx.run(ctx.cargo().args([
                    "clippy",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "scalelab-app",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]))
            },
        ),
        Layer::new(
            "3c bench smoke",
            true,
            "rerun `cargo xtask bench --quick`; native and wasm must agree on every count",
            || bench::run(ctx, &["--quick".to_owned()]),
        ),
        Layer::new(
            "3d fuzz smoke",
            true,
            "a crash input is in fuzz/artifacts/<target>/; replay it with `cargo fuzz run -s none <target> <file>`",
            || fuzz::run(ctx, fuzz::TARGETS, fuzz::SMOKE_SECONDS),
        ),
        Layer::new(
            "4 wasm tests (Chromium)",
            true,
            "rerun the command above with the CHROMEDRIVER and WASM_BINDGEN_TEST_* variables this layer sets",
            || ctx.run(&mut wasm_tests(ctx)),
        ),
        Layer::new("5 release build", true, "see Trunk's error above", || {
            dist::build(ctx).and_then(|()| dist::print_sizes(ctx))
        }),
        Layer::new(
            "6 e2e (Playwright)",
            true,
            "screenshots are in target/e2e/; rerun with `SCALELAB_DIST=$PWD/dist node --test tests/e2e/*.test.mjs`",
            || e2e(ctx),
        ),
    ];
    for Layer {
        name: layer,
        slow,
        hint,
        body,
    } in layers
    {
        if quick && slow {
            rows.push(Row {
                layer,
                outcome: "skipped (--quick)",
                elapsed: Duration::ZERO,
            });
            continue;
        }
        let (outcome, elapsed) = step(layer, body);
        rows.push(Row {
            layer,
            outcome: if outcome.is_ok() { "ok" } else { "FAILED" },
            elapsed,
        });
        if let Err(e) = outcome {
            return fail(&rows, layer, &format!("{e}\n  next: {hint}"));
        }
    }
    print_summary(&rows);
    println!("all test layers passed");
    Ok(())
}

/// Packages tested natively: every package under `crates/` plus xtask. Read from the manifests, so a crate added
/// under `crates/` is linted and tested without touching this file (it must therefore build natively).
fn native_packages(ctx: &Ctx) -> Vec<String> {
    let crates = ctx.path("crates");
    let mut names = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&crates) {
        for entry in entries.flatten() {
            let manifest = entry.path().join("Cargo.toml");
            if let Ok(text) = std::fs::read_to_string(&manifest)
                && let Some(name) = manifest_package_name(&text)
            {
                names.push(name);
            }
        }
    }
    names.sort();
    names.push("xtask".to_owned());
    names
}

fn with_packages(mut cmd: Command, packages: &[String]) -> Command {
    for package in packages {
        cmd.args(["-p", package]);
    }
    cmd
}

fn clippy(ctx: &Ctx, packages: &[String]) -> Command {
    let mut cmd = ctx.cargo();
    cmd.arg("clippy");
    let mut cmd = with_packages(cmd, packages);
    cmd.args(["--all-targets", "--", "-D", "warnings"]);
    cmd
}

fn native_tests(ctx: &Ctx, packages: &[String]) -> Command {
    let mut cmd = ctx.cargo();
    cmd.arg("test");
    with_packages(cmd, packages)
}

fn wasm_tests(ctx: &Ctx) -> Command {
    let mut cmd = ctx.cargo();
    cmd.args([
        "test",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "scalelab-app",
    ])
    .env("CHROMEDRIVER", tools::CHROMEDRIVER)
    // The default 20 s per suite is too tight for a cold Chromium on a slow 2-core machine.
    .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
    .env(
        "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
        ctx.path("tests/webdriver.json"),
    );
    cmd
}

/// Runs every `tests/e2e/*.test.mjs` with node's test runner against `dist/` (listed explicitly: node 20 and 22
/// disagree on how a directory argument is expanded).
fn e2e(ctx: &Ctx) -> Result {
    let dir = ctx.path("tests/e2e");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err("no tests/e2e/*.test.mjs files".into());
    }
    std::fs::create_dir_all(ctx.path("target/e2e"))
        .map_err(|e| format!("cannot create target/e2e: {e}"))?;
    ctx.run(
        ctx.cmd("node")
            .arg("--test")
            .args(files)
            .env("SCALELAB_DIST", ctx.path("dist")),
    )
}

fn fail(rows: &[Row], layer: &str, error: &str) -> Result {
    print_summary(rows);
    Err(format!("test layer `{layer}` failed: {error}"))
}

fn print_summary(rows: &[Row]) {
    println!();
    println!("{:<28} {:<20} {:>8}", "layer", "result", "time");
    println!("{}", "-".repeat(58));
    for row in rows {
        println!(
            "{:<28} {:<20} {:>8}",
            row.layer,
            row.outcome,
            fmt_duration(row.elapsed)
        );
    }
    let total: Duration = rows.iter().map(|r| r.elapsed).sum();
    println!("{:<28} {:<20} {:>8}", "total", "", fmt_duration(total));
}
