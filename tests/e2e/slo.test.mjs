// Service level objectives from the scenario inspector, on the release build: add one, a refused value keeps the
// old one with the refusal beside its box, change it, undo and redo; the run's charts shade the alert. Screenshots
// at 1280 px and 375 px go to tests/e2e/artifacts/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launch, repoRoot, serveDist, waitUntil } from "./serve.mjs";

const artifacts = join(repoRoot, "tests", "e2e", "artifacts");

async function openApp(t, viewport) {
  const server = await serveDist({ base: "/slo/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "#t/three_tier");
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  await mkdir(artifacts, { recursive: true });
  return { page, errors };
}

const box = (page, i, part) => page.locator(`#f-slo-${i}-${part}`);

test("add, refuse, change, undo and redo an SLO; its alert is shaded on the availability chart", async (t) => {
  const { page, errors } = await openApp(t, { width: 1280, height: 800 });
  const editor = page.getByTestId("slo-editor");
  await editor.scrollIntoViewIfNeeded();
  assert.equal(await editor.locator(".slo").count(), 0, "three_tier states no SLO");

  await page.getByTestId("slo-add").click();
  assert.equal(await box(page, 0, "availability").inputValue(), "99.9");
  assert.equal(await box(page, 0, "window").inputValue(), "60");
  assert.equal(await box(page, 0, "latency").inputValue(), "");

  // 100 % is past five nines: refused, the old value kept, said beside the box in percent.
  await box(page, 0, "availability").fill("100");
  await box(page, 0, "availability").press("Enter");
  const error = page.getByTestId("slo-0").locator(".field-error");
  await error.waitFor({ state: "visible", timeout: 5_000 });
  assert.match(await error.innerText(), /50 % .*99\.999 %.*Kept the previous value \(99\.9\)/);
  // A window of 5 s is refused too; 10 s is taken.
  await box(page, 0, "window").fill("5");
  await box(page, 0, "window").press("Enter");
  assert.match(await page.getByTestId("slo-0").innerText(), /Kept the previous value \(60\)/);
  await box(page, 0, "window").fill("10");
  await box(page, 0, "window").press("Enter");
  await box(page, 0, "availability").fill("99.99");
  await box(page, 0, "availability").press("Enter");
  await page.screenshot({ path: join(artifacts, "slo-editor.png") });

  // Undo walks back each accepted change; redo brings the last back.
  await page.getByTestId("undo").click();
  await waitUntil("undo restores 99.9 %", async () => (await box(page, 0, "availability").inputValue()) === "99.9");
  assert.equal(await box(page, 0, "window").inputValue(), "10");
  await page.getByTestId("undo").click();
  await page.getByTestId("undo").click();
  await waitUntil("undo removes the SLO", async () => (await editor.locator(".slo").count()) === 0);
  await page.getByTestId("redo").click();
  await waitUntil("redo adds it back", async () => (await editor.locator(".slo").count()) === 1);

  // Remove it, add a tight one and kill a web server: the availability chart shades the alert.
  await page.getByTestId("slo-0-remove").click();
  assert.equal(await editor.locator(".slo").count(), 0);
  await page.getByTestId("slo-add").click();
  await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
  await page.getByTestId("run").click();
  await page.locator('.chip[data-chart-chip="availability"]').click();
  const web = page.locator('[data-testid="node"][data-kind="web_server"]').first();
  await web.click();
  await page.locator('[data-testid="inspector"] [data-testid="kill"]').click();
  await waitUntil("the alert is shaded", async () =>
    (await page.locator('.chart-slot[data-chart="availability"] [data-testid="alert-band"]').count()) > 0);
  assert.deepEqual(errors, []);
});

test("the SLO editor fits a 375 px phone", async (t) => {
  const { page, errors } = await openApp(t, { width: 375, height: 800 });
  const editor = page.getByTestId("slo-editor");
  await editor.scrollIntoViewIfNeeded();
  await page.getByTestId("slo-add").click();
  for (const part of ["availability", "latency", "window"]) {
    const b = await box(page, 0, part).boundingBox();
    assert.ok(b && b.x >= 0 && b.x + b.width <= 375, `${part} box within the screen: ${JSON.stringify(b)}`);
  }
  await editor.screenshot({ path: join(artifacts, "slo-editor-375.png") });
  assert.deepEqual(errors, []);
});
