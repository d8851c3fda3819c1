// What the learner sees in each chapter step, on the release build served from a sub-path: the charts a lesson
// names are on screen without scrolling (1280×800, and in the embed layouts), the selected node's actions are at
// hand in the chapter panel and in its context menu (lesson mode too), failover is drawn as it happens, a verdict
// survives selecting a node, and the first visit opens on step 1. Screenshots go to tests/e2e/artifacts/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launch, repoRoot, serveDist, waitUntil } from "./serve.mjs";

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
      // The lesson element exists in every layout (hidden with panel=charts): it names the step and its charts.
      await waitUntil(`${step} opens`, async () =>
        (await page.locator('[data-testid="lesson"]').getAttribute("data-preset").catch(() => null)) === step);
      const wanted = (await page.locator('[data-testid="lesson"]').getAttribute("data-charts")).split(" ");
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

const node = (page, label) => page.locator(`[data-testid="node"]`, { has: page.locator(".node-label", { hasText: new RegExp(`^${label}$`) }) });

test("failover is drawn as it happens: writes go to the promoted replica, the dead primary is out of the set", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, `${server.url}#t/replication`);
  await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
  await page.locator('[data-testid="run"]').click();
  await waitUntil("dots travel", async () => Number(await page.locator('[data-testid="dots"]').getAttribute("data-dots")) > 0);
  // Before the kill: the primary carries the tag; reads go straight from web servers to replicas (routes).
  assert.equal(await node(page, "Primary").getAttribute("data-role"), "primary");
  await waitUntil("routes to the replicas are drawn", async () => (await page.locator('[data-testid="route"]').count()) >= 2);
  await page.locator('[data-testid="experiment"]', { hasText: "Kill the primary" }).click();
  await waitUntil("a replica is promoted", async () =>
    (await page.locator('[data-testid="node"][data-role="primary"]').count()) === 1
    && (await node(page, "Primary").getAttribute("data-role")) !== "primary", 30_000);
  const promoted = page.locator('[data-testid="node"][data-role="primary"]');
  assert.match(await promoted.innerText(), /Replica [12]/);
  assert.equal(await promoted.locator('[data-testid="primary-tag"]').count(), 1, "the PRIMARY tag moved");
  assert.equal(await node(page, "Primary").getAttribute("data-role"), "out of the set");
  // The replicas now follow the promoted one: one replication stream, starting at the new primary.
  await waitUntil("a replication stream from the new primary", async () =>
    (await page.locator('[data-testid="replication"].promoted').count()) === 1);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(shots, "lesson-failover.png") });
  assert.deepEqual(errors, []);
});

test("actions are at hand: selecting a node offers Kill, so does its context menu, in lesson mode too", async (t) => {
  const { server, browser } = await setup(t);
  for (const query of ["", "?embed=1&readonly=1"]) {
    const { page, errors } = await open(browser, `${server.url}${query}#t/three_tier`);
    await node(page, "Web 2").click();
    const bar = page.locator('[data-testid="selection-bar"]');
    await bar.waitFor({ state: "visible" });
    assert.ok(await bar.locator('[data-testid="kill"]').isEnabled(), `${query}: Kill in the bar`);
    assert.equal(await fullyVisible(page, '[data-testid="selection-bar"] [data-testid="kill"]'), null);
    // The chapter panel shows the selected node's actions above the lesson.
    assert.equal(await fullyVisible(page, '[data-testid="at-hand"] [data-testid="kill"]'), null, `${query}: Kill above the lesson`);
    assert.equal(await bar.locator('[data-testid="restore"]:visible').count(), 0, "Kill or Restore, whichever applies");
    // Kill from the bar starts the run and kills Web 2.
    await bar.locator('[data-testid="kill"]').click();
    await waitUntil("Web 2 is down", async () => /down/.test(await node(page, "Web 2").getAttribute("data-health")));
    assert.equal(await page.locator('[data-testid="run"]').isDisabled(), true, "the run started");
    // Right click on Web 1 opens its menu; Escape closes it and gives focus back to the node.
    await node(page, "Web 1").click({ button: "right" });
    const menu = page.locator('[data-testid="context-menu"]');
    await menu.waitFor({ state: "visible" });
    assert.equal(await menu.locator('[data-testid="menu-delete"]').count(), query ? 0 : 1, "editing only where allowed");
    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
    // The menu key opens it from the keyboard; choosing Kill acts.
    await node(page, "Web 1").focus();
    await page.keyboard.press("Shift+F10");
    await menu.waitFor({ state: "visible" });
    await menu.locator('[data-testid="menu-kill"]').click();
    await waitUntil("Web 1 is down", async () => /down/.test(await node(page, "Web 1").getAttribute("data-health")));
    await page.screenshot({ path: join(shots, `lesson-actions${query ? "-readonly" : ""}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("a long press opens the context menu on a phone", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, `${server.url}#t/three_tier`, { width: 375, height: 800 }, { hasTouch: true, isMobile: true });
  const box = await node(page, "Web 1").boundingBox();
  const cdp = await page.context().newCDPSession(page);
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [at] });
  await page.waitForTimeout(800);
  await page.locator('[data-testid="context-menu"]').waitFor({ state: "visible", timeout: 3_000 });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  assert.equal(await fullyVisible(page, '[data-testid="context-menu"]'), null);
  await page.screenshot({ path: join(shots, "lesson-long-press-375.png") });
  assert.deepEqual(errors, []);
});

test("the verdict stays while the learner selects the node it talks about", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, `${server.url}#t/three_tier`);
  await page.locator('[data-testid="grade"]').click();
  const verdict = page.locator('[data-testid="verdict"]');
  await verdict.waitFor({ state: "visible", timeout: 60_000 });
  await node(page, "Database").click();
  await page.waitForTimeout(300);
  assert.equal(await verdict.count(), 1, "selecting a node keeps the verdict");
  // Changing the design does clear it.
  await page.keyboard.press("Control+d");
  await verdict.waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
});

test("a first visit opens on step 1 with a line of guidance; passed steps are ticked and remembered", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, server.url);
  assert.equal(await page.locator('[data-testid="lesson"]').getAttribute("data-preset"), "single_server");
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /Press Run, then break something/);
  assert.equal(await page.locator("#boot").count(), 0, "the loading skeleton is gone once the app runs");
  // Pass a challenge (step 1's fix is a bigger machine) and see the tick, in the panel and the gallery, after a reload.
  await page.evaluate(() => localStorage.setItem("scalelab.passed", JSON.stringify(["single_server"])));
  await page.reload();
  await page.locator('[data-testid="app"]').waitFor();
  await page.locator('[data-testid="passed"]').waitFor();
  await page.locator('[data-testid="chapter-open"]').click();
  const first = page.locator('[data-testid="chapter-step"]').first();
  assert.match(await first.innerText(), /✓/);
  assert.deepEqual(errors, []);
});

test("the loading skeleton shows progress before the simulator arrives", async (t) => {
  const { server, browser } = await setup(t);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Hold the wasm back, to look at the page while it loads.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(server.url);
  const boot = page.locator('[data-testid="boot"]');
  await boot.waitFor({ state: "visible" });
  assert.match(await boot.innerText(), /Loading the simulator/);
  await page.screenshot({ path: join(shots, "lesson-loading.png") });
  release();
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  await boot.waitFor({ state: "detached" });
});

test("labels fit their nodes and every step opens at a zoom where node text is at least 10 px", async (t) => {
  const { server, browser } = await setup(t);
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 800 }]) {
    const { page, errors } = await open(browser, `${server.url}#t/${STEPS[0]}`, viewport);
    for (const step of STEPS) {
      await page.goto(`${server.url}#t/${step}`);
      await waitUntil(`${step} opens`, async () =>
        (await page.locator('[data-testid="lesson"]').getAttribute("data-preset").catch(() => null)) === step);
      await page.waitForTimeout(150);
      const report = await page.evaluate(() => {
        const out = [];
        for (const n of document.querySelectorAll('[data-testid="node"]')) {
          const label = n.querySelector(".node-label");
          if (label.scrollHeight > label.clientHeight + 1) out.push(`label cut: ${label.textContent}`);
          for (const el of n.querySelectorAll(".node-label, .node-kind, .node-meta, .node-status, .spof, .primary-tag")) {
            if (getComputedStyle(el).display === "none" || el.getClientRects().length === 0) continue;
            const px = parseFloat(getComputedStyle(el).fontSize) * el.getBoundingClientRect().height / el.offsetHeight;
            if (el.offsetHeight > 0 && px < 9.95) out.push(`${el.className} of ${label.textContent} is ${px.toFixed(1)} px`);
          }
        }
        return out;
      });
      assert.deepEqual(report, [], `${viewport.width} px, ${step}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("a read-only embed explains its challenge instead of offering a check that can only fail", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, `${server.url}?embed=1&readonly=1#t/cache`, { width: 760, height: 640 });
  await page.locator('[data-testid="challenge-readonly"]').waitFor();
  assert.equal(await page.locator('[data-testid="grade"]').count(), 0);
  assert.match(await page.locator('[data-testid="challenge-readonly"] a').getAttribute("href"), /#t\/cache$/);
  assert.deepEqual(errors, []);
});

test("p95 says – when nothing succeeds, not 0 ms", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, `${server.url}#t/single_server`);
  await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
  await page.locator('[data-testid="experiment"]', { hasText: "Kill the server" }).click();
  await waitUntil("a whole second of failures", async () => (await page.locator('[data-testid="p95"]').innerText()) === "–", 20_000);
  assert.deepEqual(errors, []);
});

test("smaller things: R runs and pauses, Delete keeps the focus on the canvas, a spare shard says standby until it joins, shard labels do not collide", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, `${server.url}#t/sharding`);
  const run = page.locator('[data-testid="run"]');
  await page.locator('[data-testid="canvas"]').focus();
  await page.keyboard.press("r");
  await waitUntil("R starts the run", async () => await run.isDisabled());
  await page.keyboard.press("r");
  await waitUntil("R pauses it", async () => !(await run.isDisabled()));
  await page.keyboard.press("r");
  await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
  // Shard 5 owns no keys until "Add a shard".
  const shard5 = node(page, "Shard 5");
  await waitUntil("the spare shard says so", async () => /standby/.test(await shard5.innerText()));
  await page.locator('[data-testid="experiment"]', { hasText: "Add a shard" }).click();
  await waitUntil("keys are copied to it", async () => (await page.locator('[data-testid="migration"]').count()) > 0);
  await waitUntil("it is standby no more", async () => !/standby/.test(await shard5.innerText()), 30_000);
  // Five bars, five labels that do not overlap.
  const labels = await page.locator('[data-testid="shard-bars"] .bar text:last-of-type').evaluateAll((els) =>
    els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
  assert.equal(labels.length, 5);
  for (let i = 1; i < labels.length; i++) assert.ok(labels[i][0] >= labels[i - 1][1], `labels ${i} and ${i + 1} overlap`);
  await page.screenshot({ path: join(shots, "lesson-sharding.png") });
  // Delete a node from the keyboard: focus stays in the diagram, not on the page's body.
  await page.locator('[data-testid="pause"]').click();
  await page.locator('[data-testid="reset"]').click();
  await node(page, "Web 2").focus();
  await page.keyboard.press("Delete");
  await waitUntil("Web 2 is gone", async () => (await node(page, "Web 2").count()) === 0);
  await page.waitForTimeout(100);
  assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), "BODY");
  assert.deepEqual(errors, []);
});
