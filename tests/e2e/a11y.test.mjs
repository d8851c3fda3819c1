// Accessibility of the release build, by axe-core: the main page idle and while running (charts, dots and the
// outline filled in, a node selected and killed), with the shortcuts, share (every tab) and chapter dialogs open, in
// the light and the dark theme, at 1280 px and at 375 px; the embed page and the example course page that hosts two
// embeds. Any "serious" or "critical" violation fails; every violation found goes to
// tests/e2e/artifacts/a11y-report.json.

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { launch, repoRoot, serveDist } from "./serve.mjs";

const artifacts = join(repoRoot, "tests", "e2e", "artifacts");
const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const FAILING = new Set(["serious", "critical"]);

/** Every scan's violations by name, written out when the file's tests end. */
const report = {};
after(async () => {
  await mkdir(artifacts, { recursive: true });
  await writeFile(join(artifacts, "a11y-report.json"), JSON.stringify(report, null, 2));
});

async function openPage(t, url, { viewport = { width: 1280, height: 800 }, colorScheme = "light" } = {}) {
  const server = await serveDist({ base: "/a11y/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport, colorScheme });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + url);
  return { page, errors };
}

async function openApp(t, hash, options) {
  const opened = await openPage(t, hash, options);
  await opened.page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  return opened;
}

/**
 * Runs axe on the page (and the frames in it), records the violations under `name` and returns the serious and
 * critical ones as readable lines.
 */
async function scan(page, name) {
  // Colours are judged after fade-ins end: mid-animation text is see-through and would fail contrast by chance.
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
    null,
    { timeout: 5_000 },
  );
  // axe talks to its copies in child frames, so every frame gets one.
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => "axe" in window).catch(() => true))) await frame.addScriptTag({ content: axeSource });
  }
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ impact: n.impact, target: n.target, summary: n.failureSummary })),
    }));
  });
  report[name] = violations;
  return violations
    .filter((v) => FAILING.has(v.impact))
    .map((v) => {
      const targets = v.nodes.slice(0, 4).map((n) => JSON.stringify(n.target)).join(", ");
      return `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} node(s): ${targets}`;
    });
}

function assertClean(lines) {
  assert.ok(lines.length === 0, `serious or critical accessibility violations:\n${lines.join("\n")}`);
}

/** Runs three_tier for about two seconds and opens the outline, so charts, dots and the outline are filled in. */
async function runAndOpenOutline(page) {
  await page.locator('[data-testid="run"]').click();
  await page.waitForTimeout(2_000);
  const outline = page.locator('[data-testid="outline"]');
  if (!(await outline.evaluate((d) => d.open))) await outline.locator("summary").click();
  await page.locator('[data-testid="outline-node"]').first().waitFor({ timeout: 10_000 });
}

test("main page at 1280 px: idle, running, inspector, shortcuts, share dialog, chapter gallery", async (t) => {
  const { page, errors } = await openApp(t, "#t/three_tier");
  const found = [];
  found.push(...(await scan(page, "main-1280-idle")));

  await runAndOpenOutline(page);
  found.push(...(await scan(page, "main-1280-running")));

  // A selected node fills the inspector; a killed one shows the failure colours.
  await page.locator('[data-testid="node"][data-kind="web_server"]').first().click();
  await page.getByTestId("inspector").getByTestId("kill").click();
  await page.waitForTimeout(1_000);
  found.push(...(await scan(page, "main-1280-inspector-killed")));

  await page.getByTestId("shortcuts").click();
  await page.getByTestId("cheatsheet-close").waitFor();
  found.push(...(await scan(page, "main-1280-shortcuts")));
  await page.getByTestId("cheatsheet-close").click();

  await page.getByTestId("share").click();
  await page.getByTestId("share-dialog-close").waitFor();
  found.push(...(await scan(page, "main-1280-share")));
  for (const tab of ["embed", "files"]) {
    await page.getByTestId(`tab-${tab}`).click();
    found.push(...(await scan(page, `main-1280-share-${tab}`)));
  }
  await page.getByTestId("share-dialog-close").click();

  await page.getByTestId("chapter-open").click();
  await page.getByTestId("chapter-step").first().waitFor();
  found.push(...(await scan(page, "main-1280-chapter")));

  assertClean(found);
  assert.deepEqual(errors, []);
});

test("main page at 1280 px in the dark theme, running", async (t) => {
  const { page, errors } = await openApp(t, "#t/three_tier", { colorScheme: "dark" });
  await runAndOpenOutline(page);
  assertClean(await scan(page, "main-1280-dark-running"));
  assert.deepEqual(errors, []);
});

test("main page at 375 px, idle and running, light and dark", async (t) => {
  const viewport = { width: 375, height: 740 };
  const found = [];
  for (const colorScheme of ["light", "dark"]) {
    const { page, errors } = await openApp(t, "#t/three_tier", { viewport, colorScheme });
    found.push(...(await scan(page, `main-375-${colorScheme}-idle`)));
    await runAndOpenOutline(page);
    found.push(...(await scan(page, `main-375-${colorScheme}-running`)));
    assert.deepEqual(errors, []);
  }
  assertClean(found);
});

test("embed page and the example course page hosting it", async (t) => {
  const found = [];
  const { page, errors } = await openApp(t, "?embed=1&readonly=1#t/cache");
  found.push(...(await scan(page, "embed-cache")));

  const host = await openPage(t, "embed-example.html", { viewport: { width: 1200, height: 900 } });
  // Both lazy frames mounted: the second one loads when scrolled to.
  await host.page.frameLocator("#cache").getByTestId("app").waitFor({ timeout: 30_000 });
  await host.page.locator("#replication").scrollIntoViewIfNeeded();
  await host.page.frameLocator("#replication").getByTestId("app").waitFor({ timeout: 30_000 });
  await host.page.waitForTimeout(1_000);
  found.push(...(await scan(host.page, "embed-example")));

  assertClean(found);
  assert.deepEqual([...errors, ...host.errors], []);
});
