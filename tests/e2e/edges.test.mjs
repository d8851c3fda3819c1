// Edges are things, on the release build: a click on an edge selects it and the inspector explains it (live rates
// during a run); Delete or the inspector's button removes it and Ctrl+Z brings it back, with focus kept on the
// diagram; Tab reaches the edges after the nodes; a right click selects; lesson mode (readonly embed) can inspect
// but not remove; a tap selects on a phone. Screenshots at 1280 px (during a run) and 375 px go to
// tests/e2e/artifacts/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launch, repoRoot, serveDist } from "./serve.mjs";

const artifacts = join(repoRoot, "tests", "e2e", "artifacts");

async function openApp(t, path, contextOptions = { viewport: { width: 1280, height: 800 } }) {
  const server = await serveDist({ base: "/lab/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + path);
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  await page.locator('[data-testid="edge-hit"]').first().waitFor({ state: "attached" });
  return { page, errors };
}

const edges = (page) => page.locator('[data-testid="edge"]');
const selectedEdge = (page) => page.locator('[data-testid="edge"].selected');
const edgeHit = (page, from, to) => page.locator(`[data-testid="edge-hit"][data-from="${from}"][data-to="${to}"]`);
const title = (page) => page.locator('[data-testid="edge-title"]');

/** The screen point halfway along the edge `from → to`. */
async function middle(page, from, to) {
  return edgeHit(page, from, to).evaluate((path) => {
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM();
    return [m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f];
  });
}

/** What has keyboard focus, as `node:<id>`, `edge:<from>-<to>`, `body` or the element's tag. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "body";
    if (el.dataset.testid === "node") return `node:${el.dataset.nodeId}`;
    if (el.dataset.testid === "edge-hit") return `edge:${el.dataset.from}-${el.dataset.to}`;
    return el.tagName.toLowerCase();
  });
}

// three_tier: 1 Users → 2 DNS → 3 Load balancer → 4 Web 1, 5 Web 2 → 6 Database.

test("click an edge: the inspector explains it during a run; Delete removes it, Ctrl+Z restores it", async (t) => {
  const { page, errors } = await openApp(t, "#t/three_tier");
  assert.equal(await edges(page).count(), 6);

  const [x, y] = await middle(page, 3, 4);
  await page.mouse.click(x, y);
  assert.equal(await selectedEdge(page).count(), 1, "the clicked edge is selected");
  assert.equal(await selectedEdge(page).getAttribute("data-to"), "4");
  assert.equal(await page.locator('[data-testid="node"].selected').count(), 0, "and no node");
  assert.equal(await title(page).innerText(), "Connection: Load balancer → Web 1");
  assert.match(await page.locator('[data-testid="edge-meaning"]').innerText(), /load balancer hands to this web server/);
  assert.equal(await page.locator('[data-testid="edge-latency"]').innerText(), "250 µs");

  // During a run the inspector shows the edge's live rate.
  await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
  await page.locator('[data-testid="run"]').click();
  await page.waitForFunction(
    () => parseFloat(document.querySelector('[data-testid="edge-rate"]')?.textContent ?? "0") > 0,
    null,
    { timeout: 20_000 },
  );
  await page.waitForTimeout(1_500); // let the dots spread along the edges
  await title(page).scrollIntoViewIfNeeded(); // below the lesson in the side panel
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "edge-selected-1280.png") });

  // Delete removes it (one undo step), focus moves to its sender, never to the page's body.
  await page.keyboard.press("Delete");
  assert.equal(await edges(page).count(), 5, "Delete removes the edge");
  assert.equal(await page.locator('[data-testid="node"]').count(), 6, "and nothing else");
  assert.equal(await focused(page), "node:3", "focus goes to the edge's sender");
  await page.keyboard.press("Control+z");
  assert.equal(await edges(page).count(), 6, "Ctrl+Z restores it");

  // The inspector's button does the same.
  const [x2, y2] = await middle(page, 1, 2);
  await page.mouse.click(x2, y2);
  assert.equal(await title(page).innerText(), "Connection: Users → DNS");
  await page.locator('[data-testid="remove-edge"]').click();
  assert.equal(await edges(page).count(), 5);
  assert.equal(await focused(page), "node:1");
  await page.keyboard.press("Control+z");
  assert.equal(await edges(page).count(), 6);

  // A click beside the curve selects nothing; a right click on the curve selects the edge.
  await page.mouse.click(x2 - 50, y2);
  assert.equal(await selectedEdge(page).count(), 0);
  await page.mouse.click(x, y, { button: "right" });
  assert.equal(await selectedEdge(page).getAttribute("data-from"), "3", "right click selects the edge");
  assert.deepEqual(errors, []);
});

test("Tab reaches the edges after the nodes, Shift+Tab walks back, Escape deselects, Backspace removes", async (t) => {
  const { page, errors } = await openApp(t, "#t/three_tier");
  await page.locator('[data-testid="node"][data-node-id="6"]').focus();
  assert.equal(await focused(page), "node:6");
  await page.keyboard.press("Tab");
  assert.equal(await focused(page), "edge:1-2", "Tab from the last node reaches the first edge");
  assert.equal(await selectedEdge(page).getAttribute("data-from"), "1", "and selects it");
  assert.equal(await title(page).innerText(), "Connection: Users → DNS");
  await page.keyboard.press("Tab");
  assert.equal(await focused(page), "edge:2-3");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(page), "node:6", "Shift+Tab from the first edge goes back to the last node");
  assert.equal(await page.locator('[data-testid="node"][data-node-id="6"].selected').count(), 1);

  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  assert.equal(await focused(page), "edge:5-6", "the last edge");
  await page.keyboard.press("Tab");
  const out = await focused(page);
  assert.ok(!/^(node|edge|body)/.test(out), `Tab from the last edge leaves the diagram (${out})`);

  await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(page), "node:6", "Shift+Tab comes back to the last node, as the browser orders it");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  assert.equal(await selectedEdge(page).count(), 0, "Escape deselects the edge");
  await page.keyboard.press("Tab");
  assert.equal(await focused(page), "edge:2-3");
  await page.keyboard.press("Backspace");
  assert.equal(await edges(page).count(), 5, "Backspace removes the focused edge");
  assert.equal(await focused(page), "node:2");
  assert.deepEqual(errors, []);
});

test("lesson mode (readonly embed): an edge can be inspected, not removed", async (t) => {
  const { page, errors } = await openApp(t, "?embed=1&readonly=1#t/three_tier");
  const [x, y] = await middle(page, 4, 6);
  await page.mouse.click(x, y);
  assert.equal(await title(page).innerText(), "Connection: Web 1 → Database");
  assert.equal(await page.locator('[data-testid="remove-edge"]').count(), 0, "no Remove button");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Backspace");
  await page.waitForTimeout(200);
  assert.equal(await edges(page).count(), 6, "Delete removes nothing");
  assert.equal(await selectedEdge(page).count(), 1, "the edge stays selected");
  assert.deepEqual(errors, []);
});

test("a tap selects an edge on a 375 px phone", async (t) => {
  const { page, errors } = await openApp(t, "#t/three_tier", {
    viewport: { width: 375, height: 740 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
  const [x, y] = await middle(page, 3, 5);
  await page.touchscreen.tap(x, y);
  assert.equal(await title(page).innerText(), "Connection: Load balancer → Web 2");
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "edge-selected-375.png") });
  await title(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, "edge-inspector-375.png") });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px)`);
  assert.deepEqual(errors, []);
});
