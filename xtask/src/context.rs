//! The environment every xtask command runs in: the repository root, the `PATH` children see, process helpers and
//! elapsed-time printing.
//!
//! All child processes are built through [`Ctx::cmd`], so they start in the repository root and find the tools this
//! automation installs (`~/.cargo/bin`, `tests/e2e/node_modules/.bin`) even when the caller's shell lacks them. The
//! process's own environment is never mutated.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A failure explained for a person; `main` prints it and exits non-zero.
pub type Result<T = ()> = std::result::Result<T, String>;

/// Shared state of one `cargo xtask` invocation.
pub struct Ctx {
    /// Absolute path of the repository root (the directory holding the workspace `Cargo.toml`).
    pub root: PathBuf,
    /// `PATH` for children: cargo's bin dir and the e2e `node_modules/.bin` first, then the caller's `PATH`.
    path_env: OsString,
}

impl Ctx {
    /// Locates the repository root from cargo's environment and prepares the children's `PATH`.
    pub fn new() -> Self {
        // `cargo run` sets CARGO_MANIFEST_DIR at run time too; the compile-time value is the fallback.
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
        let root = manifest_dir
            .parent()
            .expect("xtask/ lives inside the repository root")
            .to_path_buf();
        let cargo_bin = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
            .unwrap_or_else(|| PathBuf::from("/root/.cargo"))
            .join("bin");
        let mut dirs = vec![cargo_bin, root.join("tests/e2e/node_modules/.bin")];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let path_env = std::env::join_paths(dirs).expect("PATH entries contain no ':'");
        Self { root, path_env }
    }

    /// A command for `program`, started in the repository root with the children's `PATH` and no standard input
    /// (CI has none; a prompt must fail rather than hang).
    pub fn cmd(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root)
            .env("PATH", &self.path_env)
            .stdin(Stdio::null());
        cmd
    }

    /// A `cargo` command using the same cargo binary that runs xtask.
    pub fn cargo(&self) -> Command {
        self.cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    /// `path` relative to the repository root.
    pub fn path(&self, relative: impl AsRef<Path>) -> PathBuf {
        self.root.join(relative)
    }

    /// Runs `cmd` with inherited output; an error names the command and its exit status.
    pub fn run(&self, cmd: &mut Command) -> Result {
        println!("    $ {}", describe(cmd));
        let status = cmd
            .status()
            .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", describe(cmd)))
        }
    }

    /// Runs `cmd` quietly and returns its standard output, or `None` if it cannot start or fails.
    pub fn output(&self, cmd: &mut Command) -> Option<String> {
        let out = cmd.stderr(Stdio::null()).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// Runs `body` as a named step: prints its start, then its outcome and elapsed time. Returns the outcome and time.
pub fn step<T>(name: &str, body: impl FnOnce() -> Result<T>) -> (Result<T>, Duration) {
    println!("==> {name}");
    let start = Instant::now();
    let outcome = body();
    let elapsed = start.elapsed();
    match &outcome {
        Ok(_) => println!("<== {name}: ok ({})", fmt_duration(elapsed)),
        Err(e) => println!("<== {name}: FAILED ({}): {e}", fmt_duration(elapsed)),
    }
    (outcome, elapsed)
}

/// `"0.4s"`, `"12.3s"` or `"3m07s"`.
pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = d.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

/// The command line of `cmd` as a person would type it (program and arguments, environment omitted).
fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy();
    std::iter::once(program.into_owned())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(fmt_duration(Duration::from_millis(420)), "0.4s");
        assert_eq!(fmt_duration(Duration::from_secs_f64(59.94)), "59.9s");
        assert_eq!(fmt_duration(Duration::from_secs(187)), "3m07s");
    }

    #[test]
    fn commands_are_described_without_the_program_path() {
        let mut cmd = Command::new("/usr/bin/cargo");
        cmd.args(["fmt", "--all", "--check"]);
        assert_eq!(describe(&cmd), "cargo fmt --all --check");
    }
}
