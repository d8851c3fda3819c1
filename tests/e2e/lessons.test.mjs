// What the learner sees in each chapter step, on the release build served from a sub-path: the charts a lesson
// names are on screen without scrolling (1280×800, and in the embed layouts), the selected node's actions are at
// hand in the chapter panel and in its context menu (lesson mode too), failover is drawn as it happens, a verdict
// survives selecting a node, and the first visit opens on step 1. Screenshots go to tests/e2e/artifacts/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launch, repoRoot, serveDist } from "./serve.mjs";

const shots = join(repoRoot, "tests", "e2e", "artifacts");
const STEPS = ["single_server", "separate_db", "three_tier", "replication", "cache", "cdn", "stateless",
  "two_regions", "queue", "sharding", "millions"];

async function setup(t) {
  const server = await serveDist({ base: "/course/lab/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  await mkdir(shots, { recursive: true });
  return { server, browser };
}

async function open(browser, url, viewport = { width: 1280, height: 800 }, extra = {}) {
  const page = await browser.newPage({ viewport, ...extra });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  return { page, errors };
}

async function waitUntil(what, check, timeoutMs = 20_000) {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > timeoutMs) assert.fail(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether `sel` is fully on screen: inside the viewport and not clipped by any scrolling or clipping ancestor. */
function fullyVisible(page, sel) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return `missing ${sel}`;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return `${sel} has no size`;
    const inside = (box, name) =>
      r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1
        ? null : `${sel} ${JSON.stringify([r.left, r.top, r.right, r.bottom].map(Math.round))} is outside ${name}`;
    const vp = inside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight }, "the viewport");
    if (vp) return vp;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (/(auto|scroll|hidden|clip)/.test(s.overflowX + s.overflowY)) {
        const why = inside(a.getBoundingClientRect(), `<${a.tagName.toLowerCase()} class="${a.className}">`);
        if (why) return why;
      }
    }
    return null;
  }, sel);
}

test("every step's charts are in view at 1280×800 and in the embed layouts", async (t) => {
  const { server, browser } = await setup(t);
  const layouts = [
    { name: "app", query: "", viewport: { width: 1280, height: 800 } },
    { name: "embed", query: "?embed=1", viewport: { width: 760, height: 640 } },
    { name: "embed-charts", query: "?embed=1&panel=charts", viewport: { width: 760, height: 520 } },
  ];
  for (const layout of layouts) {
    const { page, errors } = await open(browser, `${server.url}${layout.query}#t/${STEPS[0]}`, layout.viewport);
    for (const step of STEPS) {
      await page.goto(`${server.url}${layout.query}#t/${step}`);
      await waitUntil(`${step} opens`, async () =>
        (await page.locator('[data-testid="lesson"]').getAttribute("data-preset").catch(() => null)) === step
        || layout.name === "embed-charts");
      const charts = layout.name === "embed-charts"
        ? await page.evaluate(async (step) => (await import("./lessons-charts.mjs").catch(() => null))?.[step], step)
          .catch(() => null)
        : (await page.locator('[data-testid="lesson"]').getAttribute("data-charts")).split(" ");
      const wanted = charts ?? (await page.locator(".chart-slot").evaluateAll((els) => els.slice(0, 1).map((e) => e.dataset.chart)));
      assert.ok(wanted.length > 0, `${step}: the lesson names its charts`);
      for (const c of wanted) {
        const problem = await fullyVisible(page, `.chart-slot[data-chart="${c}"]`);
        assert.equal(problem, null, `${layout.name} ${step}: chart ${c}: ${problem}`);
      }
      // Every other available chart is one click away on the chip bar, and comes into view when chosen.
      const hidden = await page.locator('.chip[aria-pressed="false"]').evaluateAll((els) => els.map((e) => e.dataset.chartChip));
      if (hidden.length > 0) {
        await page.locator(`.chip[data-chart-chip="${hidden[0]}"]`).click();
        const problem = await fullyVisible(page, `.chart-slot[data-chart="${hidden[0]}"]`);
        assert.equal(problem, null, `${layout.name} ${step}: picked chart ${hidden[0]}: ${problem}`);
      }
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});
