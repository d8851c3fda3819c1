//! The release build of the static site: `trunk build --release` into `dist/`, a check that every asset URL in
//! `dist/index.html` is relative (so the site works from any sub-path of a static host), and a size report of the
//! wasm, JS and CSS, raw and gzipped.

use crate::context::{Ctx, Result};
use crate::versions::absolute_asset_urls;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Builds `dist/` in release mode and verifies it is relocatable. Tools must already be ensured.
pub fn build(ctx: &Ctx) -> Result {
    ctx.run(ctx.cmd("trunk").args(["build", "--release"]))?;
    let index = ctx.path("dist/index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let absolute = absolute_asset_urls(&html);
    if !absolute.is_empty() {
        return Err(format!(
            "dist/index.html has root-absolute asset URLs {absolute:?}: the site would break under a sub-path \
             (keep `public_url = \"./\"` in Trunk.toml)"
        ));
    }
    Ok(())
}

/// Every `.wasm`, `.js` and `.css` file in `dist/` as `(file name, bytes, gzipped bytes)`, sorted by name.
///
/// # Errors
/// If `dist/` cannot be listed or gzip fails.
pub fn asset_sizes(ctx: &Ctx) -> Result<Vec<(String, u64, u64)>> {
    let dist = ctx.path("dist");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dist)
        .map_err(|e| format!("cannot list {}: {e}", dist.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|ext| ext == "wasm" || ext == "js" || ext == "css")
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let raw = file
                .metadata()
                .map_err(|e| format!("cannot stat {}: {e}", file.display()))?
                .len();
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            Ok((name.into_owned(), raw, gzipped_len(file)?))
        })
        .collect()
}

/// Prints the size of every `.wasm`, `.js` and `.css` file in `dist/`, raw and gzipped (`gzip -9`), with totals.
pub fn print_sizes(ctx: &Ctx) -> Result {
    println!("    {:<48} {:>10} {:>10}", "file", "bytes", "gzipped");
    let (mut raw_total, mut gz_total) = (0, 0);
    for (name, raw, gz) in asset_sizes(ctx)? {
        raw_total += raw;
        gz_total += gz;
        println!("    {name:<48} {:>10} {:>10}", kb(raw), kb(gz));
    }
    println!(
        "    {:<48} {:>10} {:>10}",
        "total",
        kb(raw_total),
        kb(gz_total)
    );
    Ok(())
}

/// Bytes of `gzip -9 -c file`, counted from the pipe (no temporary file).
fn gzipped_len(file: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    if out.status.success() {
        Ok(out.stdout.len() as u64)
    } else {
        Err(format!("gzip failed on {}", file.display()))
    }
}

/// `"812 B"` below 1 KB, else `"104.3 KB"` (1 KB = 1024 bytes).
fn kb(bytes: u64) -> String {
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    #[allow(clippy::cast_precision_loss)] // a display in KB
    let kb = bytes as f64 / 1024.0;
    format!("{kb:.1} KB")
}
