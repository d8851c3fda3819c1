// Smoke test of the release build: served from a sub-path, the app mounts without page errors, console errors or
// failed requests. Leaves a screenshot in target/e2e/smoke.png.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { artifactsDir, launch, serveDist } from "./serve.mjs";

test("the release build mounts the app from a sub-path", async (t) => {
  const server = await serveDist({ base: "/some/sub/path/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });

  await page.goto(server.url + "#t/three_tier");
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  // Let the first animation frames run so errors raised after mount are caught too.
  await page.waitForTimeout(500);

  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, "smoke.png") });
  assert.deepEqual(problems, [], `the page reported problems:\n${problems.join("\n")}`);
});
