//! The "ensure tools" step shared by `serve`, `dist` and `test`: installs exactly the tool versions this project
//! pins, and only what is missing or different, so a second run takes about a second.
//!
//! Pins: the wasm32 target; `trunk` 0.21.14 (0.22 needs a newer rustc); `wasm-bindgen-cli` at the version of the
//! `wasm-bindgen` crate in `Cargo.lock` (Trunk and the test runner refuse a mismatch); Debian's Chromium and
//! chromedriver; the npm packages of `tests/e2e` (`playwright-core`, and `binaryen` for `wasm-opt` 132 — never
//! Debian's binaryen, whose wasm-opt 108 produces a blank page); `cargo-fuzz` 0.13.2 for the fuzz smoke. See `/work/shared/toolchain.md` for why.

use crate::context::{Ctx, Result, step};
use crate::versions::{lock_version, toml_value, tool_version};
use std::path::Path;
use std::time::SystemTime;

/// The Trunk release this project builds with.
pub const TRUNK_VERSION: &str = "0.21.14";
/// Where Debian installs the browser the wasm tests and Playwright drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Where Debian installs the driver `wasm-bindgen-test-runner` uses.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The cargo-fuzz release the fuzz smoke runs with (`--sanitizer none` works on stable Rust).
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Oldest node major version `playwright-core` 1.65 supports.
const MIN_NODE_MAJOR: u32 = 20;

/// Which tools a command needs beyond the Rust toolchain.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Trunk, wasm-bindgen and `wasm-opt`: enough to build and serve the site.
    Build,
    /// Everything `Build` needs plus Chromium, chromedriver and Playwright.
    Test,
}

/// Installs whatever of the pinned toolchain is missing or at a different version. Prints each check with its time.
pub fn ensure(ctx: &Ctx, needs: Needs) -> Result {
    let wasm_bindgen = wasm_bindgen_version(ctx)?;
    run("tools: rustup target wasm32-unknown-unknown", || {
        ensure_wasm_target(ctx)
    })?;
    run(&format!("tools: trunk {TRUNK_VERSION}"), || {
        ensure_trunk(ctx)
    })?;
    run(&format!("tools: wasm-bindgen-cli {wasm_bindgen}"), || {
        ensure_wasm_bindgen(ctx, &wasm_bindgen)
    })?;
    if needs == Needs::Test {
        run("tools: chromium + chromedriver", || ensure_chromium(ctx))?;
        run(&format!("tools: cargo-fuzz {CARGO_FUZZ_VERSION}"), || {
            ensure_cargo_fuzz(ctx)
        })?;
    }
    run(
        "tools: node + npm packages in tests/e2e (playwright-core, binaryen/wasm-opt, axe-core)",
        || ensure_npm_packages(ctx),
    )
}

/// The `wasm-bindgen` version in `Cargo.lock`, checked against Trunk.toml's `[tools] wasm_bindgen` pin.
fn wasm_bindgen_version(ctx: &Ctx) -> Result<String> {
    let lock = read(&ctx.path("Cargo.lock"))?;
    let locked =
        lock_version(&lock, "wasm-bindgen").ok_or("Cargo.lock has no wasm-bindgen package")?;
    let trunk_toml = read(&ctx.path("Trunk.toml"))?;
    match toml_value(&trunk_toml, "wasm_bindgen") {
        Some(pinned) if pinned != locked => Err(format!(
            "Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen {locked}: make them equal \
             (Trunk would otherwise try to download a wasm-bindgen and fail offline)"
        )),
        _ => Ok(locked),
    }
}

/// Runs one check as a timed step.
fn run(name: &str, body: impl FnOnce() -> Result) -> Result {
    step(name, body).0
}

fn ensure_wasm_target(ctx: &Ctx) -> Result {
    let installed = ctx.output(ctx.cmd("rustup").args(["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == "wasm32-unknown-unknown") => {
            println!("    already installed");
            Ok(())
        }
        Some(_) => ctx.run(
            ctx.cmd("rustup")
                .args(["target", "add", "wasm32-unknown-unknown"]),
        ),
        None => Err("rustup is not available; install Rust with rustup (https://rustup.rs)".into()),
    }
}

fn ensure_trunk(ctx: &Ctx) -> Result {
    let found = installed_version(ctx, "trunk");
    if found.as_deref() == Some(TRUNK_VERSION) {
        println!("    trunk {TRUNK_VERSION} already installed");
        return Ok(());
    }
    println!(
        "    found {}; installing (takes 6-13 minutes)",
        found.as_deref().unwrap_or("no trunk")
    );
    ctx.run(
        ctx.cargo()
            // `--force`: reached only on a mismatch, and cargo's records may claim a binary that is gone.
            .args([
                "install",
                "trunk",
                "--version",
                TRUNK_VERSION,
                "--locked",
                "--force",
            ])
            // Trunk's own release profile uses fat LTO and one codegen unit: halves the install time to skip them.
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    )
}

fn ensure_wasm_bindgen(ctx: &Ctx, version: &str) -> Result {
    let cli = installed_version(ctx, "wasm-bindgen");
    let runner = installed_version(ctx, "wasm-bindgen-test-runner");
    if cli.as_deref() == Some(version) && runner.as_deref() == Some(version) {
        println!("    wasm-bindgen and wasm-bindgen-test-runner {version} already installed");
        return Ok(());
    }
    println!(
        "    found {}; installing (takes 2-6 minutes)",
        cli.as_deref().unwrap_or("no wasm-bindgen")
    );
    // No `--locked`: wasm-bindgen-cli's lock file wants a webpki-roots version the registry mirror lacks.
    ctx.run(ctx.cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        version,
        "--force",
    ]))
}

/// cargo-fuzz for the fuzz smoke (`fuzz/`); under a minute to build.
pub fn ensure_cargo_fuzz(ctx: &Ctx) -> Result {
    if installed_version(ctx, "cargo-fuzz").as_deref() == Some(CARGO_FUZZ_VERSION) {
        println!("    cargo-fuzz {CARGO_FUZZ_VERSION} already installed");
        return Ok(());
    }
    ctx.run(
        ctx.cargo()
            .args([
                "install",
                "cargo-fuzz",
                "--version",
                CARGO_FUZZ_VERSION,
                "--locked",
                "--force",
            ])
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    )
}

fn ensure_chromium(ctx: &Ctx) -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("    {CHROMIUM} and {CHROMEDRIVER} present");
    } else {
        apt_install(ctx, &["chromium", "chromium-driver"])?;
    }
    // The Chinese screenshots of tests/e2e/languages.test.mjs show boxes without a CJK font.
    if Path::new(CJK_FONT).exists() {
        Ok(())
    } else {
        apt_install(ctx, &["fonts-noto-cjk"])
    }
}

/// A file of Debian's `fonts-noto-cjk`: present when Chromium can draw Chinese.
const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

fn ensure_npm_packages(ctx: &Ctx) -> Result {
    if installed_version(ctx, "node").is_none() || installed_version(ctx, "npm").is_none() {
        apt_install(ctx, &["nodejs", "npm"])?;
    }
    let node = installed_version(ctx, "node").unwrap_or_default();
    let major: u32 = node
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < MIN_NODE_MAJOR {
        return Err(format!(
            "playwright-core needs node >= {MIN_NODE_MAJOR}, found {node:?}: install a newer node"
        ));
    }
    let e2e = ctx.path("tests/e2e");
    let lock = e2e.join("package-lock.json");
    // npm writes this hidden lock at the end of every successful install: older than the inputs means stale.
    let installed_at = modified(&e2e.join("node_modules/.package-lock.json"));
    let inputs_at = modified(&e2e.join("package.json")).max(modified(&lock));
    if installed_at.is_some() && installed_at >= inputs_at {
        println!("    tests/e2e/node_modules up to date");
        return Ok(());
    }
    let install = if lock.exists() { "ci" } else { "install" };
    ctx.run(
        ctx.cmd("npm")
            .args([install, "--no-audit", "--no-fund"])
            .current_dir(&e2e),
    )
}

/// Installs Debian packages, through `sudo` when not root. Never used for binaryen (see the module docs).
fn apt_install(ctx: &Ctx, packages: &[&str]) -> Result {
    let is_root = ctx
        .output(ctx.cmd("id").arg("-u"))
        .is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if is_root {
            ctx.cmd("apt-get")
        } else {
            ctx.cmd("sudo")
        };
        if !is_root {
            cmd.args(["-n", "apt-get"]);
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    ctx.run(&mut apt(&["update"]))?;
    ctx.run(&mut apt(&[&["install", "-y"], packages].concat()))
}

/// The version printed by `<tool> --version`, or `None` if the tool is missing or prints nothing parseable.
fn installed_version(ctx: &Ctx, tool: &str) -> Option<String> {
    tool_version(&ctx.output(ctx.cmd(tool).arg("--version"))?)
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
