// First load on a slow connection (issue 13): the release build served gzip-compressed, as a static host does,
// to a cold Chromium whose network is throttled to DevTools' "Fast 3G" (562.5 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up, through CDP). Measures, per load, the bytes that travelled and the time from navigation to the
// app being interactive: mounted (the loading skeleton gone) and past its first animation frame. Writes
// target/e2e/load.json and prints the median; BENCHMARKS.md reports it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { artifactsDir, launch, serveDist } from "./serve.mjs";

/** Chromium DevTools' "Fast 3G" preset. */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1000 * 1000 / 8) * 0.9,
  uploadThroughput: (750 * 1000 / 8) * 0.9,
};
const LOADS = 3;

test("first load on Fast 3G: bytes and time to interactive", async (t) => {
  const server = await serveDist({ base: "/lab/", gzip: true });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());

  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    // A fresh context per load: nothing cached.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", FAST_3G);
    await page.goto(server.url + "#t/three_tier", { waitUntil: "commit" });
    await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 60_000 });
    const visible_ms = await page.evaluate(() => performance.now());
    const interactive_ms = await page.evaluate(
      () => new Promise((ok) => requestAnimationFrame(() => ok(performance.now()))),
    );
    assert.equal(await page.locator('[data-testid="boot"]').count(), 0, "the skeleton is gone");
    // What travelled (compressed, headers included) for the page and everything it loaded.
    const bytes = await page.evaluate(() =>
      performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
        .reduce((sum, e) => sum + (e.transferSize || 0), 0));
    loads.push({ visible_ms: Math.round(visible_ms), interactive_ms: Math.round(interactive_ms), bytes });
    await context.close();
  }
  const sorted = [...loads].sort((a, b) => a.interactive_ms - b.interactive_ms);
  const median = sorted[Math.floor(sorted.length / 2)];
  await mkdir(artifactsDir, { recursive: true });
  await writeFile(join(artifactsDir, "load.json"), JSON.stringify({ network: "Fast 3G", loads, median }, null, 2));
  console.log(`Fast 3G: time to interactive p50 ${median.interactive_ms} ms (app visible ${median.visible_ms} ms), ` +
    `${Math.round(median.bytes / 1024)} KB transferred; loads ${JSON.stringify(loads)}`);
  // A generous bound: it fails when the first load balloons, not on a slow machine.
  assert.ok(median.interactive_ms < 20_000, JSON.stringify(loads));
});
