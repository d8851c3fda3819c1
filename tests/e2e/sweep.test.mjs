// Theory beside the measurement and the load sweep, on the built app: a running three-tier shows, for Web 1, the
// utilization predicted by the utilization law next to the measured one and names the broken assumption for
// P(wait) (round robin); the outline table carries the same; then the default load sweep of three_tier (its
// arrival rate from 160 to 2 400 req/s, 10 values × 3 seeds) runs in slices with a progress bar, leaves the
// user's run alone, and marks the knee near the web tier's 1 600 req/s. Screenshots: docs/sweep.png (README; with SCALELAB_DOCS=1) and
// target/e2e/ (1280 × 800 and 375 px wide).

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { artifactsDir, docsDir, launch, serveDist, waitUntil } from "./serve.mjs";

async function openApp(t, viewport) {
  const server = await serveDist({ base: "/sweep/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "#t/three_tier");
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  await mkdir(artifactsDir, { recursive: true });
  return { page, errors };
}

const simSeconds = async (page) => parseFloat((await page.locator('[data-testid="sim-time"]').innerText()).replace(/[^0-9.]/g, "")) || 0;

test("the inspector and the outline put theory beside the measurement", async (t) => {
  const { page, errors } = await openApp(t, { width: 1280, height: 800 });
  await page.locator('[data-testid="node"][data-kind="web_server"]').first().click();
  await page.locator('[data-testid="theory-idle"]').waitFor({ state: "visible" });
  await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
  await page.locator('[data-testid="run"]').click();
  await waitUntil("the run has simulated 5 s", async () => (await simSeconds(page)) >= 5, 60_000);
  const table = page.locator('[data-testid="theory"]');
  await table.waitFor({ state: "visible", timeout: 10_000 });
  const util = table.locator('[data-testid="theory-row"]', { hasText: "Utilization" });
  const cells = await util.locator("td").allInnerTexts();
  const [theory, measured] = cells.map((c) => parseFloat(c));
  assert.ok(theory > 30 && theory < 45, `predicted utilization ${cells}`);
  assert.ok(Math.abs(theory - measured) < 5, `predicted vs measured ${cells}`);
  const wait = table.locator('[data-testid="theory-row"]', { hasText: "P(wait)" });
  assert.equal((await wait.locator("td").first().innerText()).trim(), "—");
  assert.match(await table.innerText(), /Not applicable: round robin/);
  await page.locator('[data-testid="pause"]').click();
  await page.locator(".inspector").screenshot({ path: join(artifactsDir, "theory-inspector.png") });

  await page.locator('[data-testid="outline"] summary, [data-testid="outline-toggle"]').first().click();
  const theoryCell = page.locator('[data-testid="outline-node"]', { hasText: "Web 1" }).locator('[data-testid="outline-theory"]');
  await waitUntil("the outline shows theory", async () => /Utilization .* \(theory .*%\)/.test(await theoryCell.innerText()));
  assert.deepEqual(errors, []);
});

test("the default sweep of three_tier finds the knee near the web tier's capacity, apart from the user's run", async (t) => {
  const { page, errors } = await openApp(t, { width: 1280, height: 800 });
  const before = await simSeconds(page);
  await page.locator('[data-testid="sweep-open-scenario"]').click();
  const panel = page.locator('[data-testid="sweep-panel"]');
  await panel.waitFor({ state: "visible" });
  assert.equal(await panel.locator('[data-testid="sweep-from"]').inputValue(), "160");
  assert.equal(await panel.locator('[data-testid="sweep-to"]').inputValue(), "2400");
  await panel.locator('[data-testid="sweep-run"]').click();
  // It runs in slices: progress is seen between 0 and 1, and Cancel is offered meanwhile.
  await waitUntil("the sweep is under way", async () => {
    const p = Number(await panel.locator('[data-testid="sweep-progress"]').evaluate((e) => e.value));
    return p > 0 && p < 1 && (await panel.locator('[data-testid="sweep-cancel"]').isEnabled());
  });
  await waitUntil("the sweep is done", async () => /Knee at/.test(await panel.locator('[data-testid="sweep-status"]').innerText()), 180_000);
  const points = panel.locator('[data-testid="sweep-point"]');
  assert.equal(await points.count(), 10);
  const knee = (await panel.locator('[data-testid="sweep-point"].knee th').innerText()).trim();
  const at = parseFloat(knee);
  assert.ok(at >= 1360 && at <= 1840, `knee at ${knee}`);
  assert.equal(await panel.locator(".sweep-charts .mark").count(), 3, "every chart marks the knee");
  assert.equal(await simSeconds(page), before, "the user's run was not touched");
  await mkdir(docsDir, { recursive: true });
  await page.screenshot({ path: join(docsDir, "sweep.png") });
  await page.screenshot({ path: join(artifactsDir, "sweep-1280.png") });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(artifactsDir, "sweep-375.png"), fullPage: false });

  // A new sweep can be cancelled: the values done so far stay.
  await page.setViewportSize({ width: 1280, height: 800 });
  await panel.locator('[data-testid="sweep-points"]').fill("24");
  await panel.locator('[data-testid="sweep-points"]').dispatchEvent("change");
  await panel.locator('[data-testid="sweep-run"]').click();
  await waitUntil("the new sweep has started", async () => await panel.locator('[data-testid="sweep-cancel"]').isEnabled());
  await panel.locator('[data-testid="sweep-cancel"]').click();
  await waitUntil("it stopped", async () => /Cancelled|Knee at|No knee/.test(await panel.locator('[data-testid="sweep-status"]').innerText()));
  assert.deepEqual(errors, []);
});
