// Charts in narrow panels and the chart of stale own reads, on the release build: a pair of charts (job wait and
// worker utilization) is never squeezed under the narrowest readable chart (220 px) on a 375 px phone or in a
// 760 px embed, it stacks or takes two columns; the "Stale reads" chip appears once a primary with replicas turns
// read-your-writes on, and its chart fills during a run. Screenshots go to tests/e2e/artifacts/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launch, repoRoot, serveDist, waitUntil } from "./serve.mjs";

const artifacts = join(repoRoot, "tests", "e2e", "artifacts");
/** `CHART_MIN_W_PX` of crates/shell/src/charts.rs. */
const CHART_MIN_W_PX = 220;

async function setup(t) {
  const server = await serveDist({ base: "/charts/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  await mkdir(artifacts, { recursive: true });
  return { server, browser };
}

async function open(browser, url, viewport) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  return { page, errors };
}

test("a pair of charts stays readable at 375 px and in a 760 px embed", async (t) => {
  const { server, browser } = await setup(t);
  for (const [name, query, viewport] of [
    ["375", "", { width: 375, height: 800 }],
    ["embed-760", "?embed=1", { width: 760, height: 640 }],
    ["1280", "", { width: 1280, height: 800 }],
  ]) {
    const { page, errors } = await open(browser, `${server.url}${query}#t/queue`, viewport);
    await page.locator('.chip[data-chart-chip="jobs"]').click();
    const slot = page.locator('.chart-slot[data-chart="jobs"]');
    await slot.waitFor({ state: "visible", timeout: 5_000 });
    const widths = await slot.locator('[data-testid="chart"]').evaluateAll((els) =>
      els.map((e) => Math.round(e.getBoundingClientRect().width)));
    assert.equal(widths.length, 2, `${name}: job wait and worker utilization`);
    for (const w of widths) assert.ok(w >= CHART_MIN_W_PX, `${name}: a chart of the pair is ${w} px wide`);
    // Axis text keeps at least 8 px on screen (9 px in a 300-wide drawing scaled to the chart's width).
    const tick = await slot.locator(".tick").first().evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(tick >= 8, `${name}: axis text ${tick} px tall`);
    await page.locator("section.metrics").screenshot({ path: join(artifacts, `charts-pair-${name}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the stale reads chart comes with read-your-writes and fills during a run", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, `${server.url}#t/replication`, { width: 1280, height: 800 });
  const chip = page.locator('.chip[data-chart-chip="stale_own_reads"]');
  assert.equal(await chip.count(), 0, "no chip while read-your-writes is off");
  await page.locator('[data-testid="node"][data-kind="database"]').first().click();
  const field = page.locator('[data-testid="inspector"] input[id$="-read_your_writes_s"]');
  await field.fill("0.05");
  await field.press("Enter");
  await chip.waitFor({ state: "visible", timeout: 5_000 });
  await chip.click();
  await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
  await page.getByTestId("run").click();
  const chart = page.locator('.chart-slot[data-chart="stale_own_reads"]');
  await waitUntil("stale own reads are charted", async () =>
    /Stale reads of own writes/.test(await chart.innerText()) && (await chart.locator(".line").count()) > 0);
  await page.waitForTimeout(1_500);
  await page.locator("section.metrics").screenshot({ path: join(artifacts, "charts-stale-own-reads.png") });
  assert.deepEqual(errors, []);
});
