// Harness for Scale Lab's Playwright tests: a tiny static server for the built `dist/` and a Chromium launcher.
//
// `serveDist` mounts `dist` under a sub-path (e.g. `/course/lab/`) on 127.0.0.1 with an OS-chosen port, so tests
// prove the release build works from any sub-path of a static host and never clash over ports. `launch` starts
// Debian's Chromium (playwright-core cannot download browsers here). `cargo xtask test` sets SCALELAB_DIST.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

/** Repository root (two levels above this file). */
export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** The built site to test: `$SCALELAB_DIST`, else `<repo>/dist`. */
export const distDir = process.env.SCALELAB_DIST ? resolve(process.env.SCALELAB_DIST) : join(repoRoot, "dist");

/** Where tests write screenshots and other artifacts (`target/e2e/`, ignored by git). */
export const artifactsDir = join(repoRoot, "target", "e2e");
/** Where the tests' screenshots for the README go: `docs/` when `SCALELAB_DOCS=1` (run by hand after a change a
 * learner can see, then look at every image), else beside the other artifacts, so a test run leaves the tree clean. */
export const docsDir = process.env.SCALELAB_DOCS === "1" ? join(repoRoot, "docs") : join(artifactsDir, "docs");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".ftl": "text/plain; charset=utf-8",
};

/**
 * Serves the directory `dist` under the URL path `base` on 127.0.0.1 (port chosen by the OS).
 * Requests outside `base` get 404, so an absolute asset URL in the build fails the test instead of passing by luck;
 * a path ending in `/` serves its `index.html`.
 * With `gzip`, text, wasm and JS go gzip-compressed (level 9) to a client that accepts it, as a static host sends
 * them: the throttled load test measures what really travels.
 * With `rewrite`, every file's bytes pass through `rewrite(path relative to base, body)` first (a test can serve
 * a "new build" of one file, e.g. sw.js). `requests` counts the requests served.
 *
 * @param {{ dist?: string, base?: string, gzip?: boolean, rewrite?: (path: string, body: Buffer) => Buffer | string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void>, requests: () => number }>} `url` is the page URL,
 *   ending in `base`.
 */
export async function serveDist({ dist = distDir, base = "/", gzip = false, rewrite = (_, body) => body } = {}) {
  let requests = 0;
  const root = resolve(dist);
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const server = createServer(async (req, res) => {
    requests += 1;
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (!path.startsWith(prefix) || (req.method !== "GET" && req.method !== "HEAD")) {
        return send(res, 404, "text/plain; charset=utf-8", `not found: ${path}`);
      }
      let file = normalize(join(root, path.slice(prefix.length)));
      if (file !== root && !file.startsWith(root + sep)) {
        return send(res, 403, "text/plain; charset=utf-8", "forbidden");
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const raw = await readFile(file).catch(() => null);
      if (raw === null) return send(res, 404, "text/plain; charset=utf-8", `not found: ${path}`);
      const body = Buffer.from(rewrite(path.slice(prefix.length), raw));
      const type = MIME[extname(file).toLowerCase()] ?? "application/octet-stream";
      if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && !type.startsWith("image/png")) {
        res.writeHead(200, { "content-type": type, "cache-control": "no-store", "content-encoding": "gzip" });
        return res.end(req.method === "HEAD" ? "" : gzipSync(body, { level: 9 }));
      }
      send(res, 200, type, req.method === "HEAD" ? "" : body);
    } catch (error) {
      send(res, 500, "text/plain; charset=utf-8", String(error));
    }
  });
  await new Promise((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests: () => requests,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

/** Arguments that make Chromium quiet, headless and root-safe in CI. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * Launches Debian's Chromium through playwright-core. Close it with `browser.close()`.
 * @returns {Promise<import("playwright-core").Browser>}
 */
export async function launch() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Polls `check` (an async predicate) every 100 ms until it holds; fails the test, naming `what`, after `timeoutMs`. */
export async function waitUntil(what, check, timeoutMs = 20_000) {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
