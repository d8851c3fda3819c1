// Editing as a draw.io or Excalidraw user expects it, on the release build: marquee-select two nodes, move them
// together, undo and redo; build and take apart a diagram with the keyboard only; pinch-zoom and pan with two
// fingers on a phone-sized touch screen. Screenshots at 1280 px and 375 px go to tests/e2e/artifacts/, and the
// frame time while dragging with 100 nodes on the canvas is measured and written there too.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launch, repoRoot, serveDist } from "./serve.mjs";

const artifacts = join(repoRoot, "tests", "e2e", "artifacts");

async function openApp(t, contextOptions = { viewport: { width: 1280, height: 800 } }) {
  const server = await serveDist({ base: "/lab/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "#t/three_tier");
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  return { page, errors, context };
}

const nodes = (page) => page.locator('[data-testid="node"]');
const edges = (page) => page.locator('[data-testid="edge"]');

/** World position of a node (its style left/top, px). */
async function pos(node) {
  return node.evaluate((el) => [parseFloat(el.style.left), parseFloat(el.style.top)]);
}

async function box(locator) {
  const b = await locator.boundingBox();
  assert.ok(b, "element is visible");
  return b;
}

async function startEmpty(page) {
  await page.locator('[data-testid="new"]').click();
  assert.equal(await nodes(page).count(), 0, "New starts from an empty canvas");
}

/** Presses Tab until `selector` has focus (at most 80 times): reaching things the way a keyboard user does. */
async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached ${selector}`);
}

test("marquee-select two nodes, move them together, undo, redo", async (t) => {
  const { page, errors } = await openApp(t);
  await startEmpty(page);
  await page.locator('[data-testid="palette-web_server"]').click();
  await page.locator('[data-testid="palette-database"]').click();
  await page.locator('[data-testid="palette-cache"]').click();
  assert.equal(await nodes(page).count(), 3);
  const [a, b, c] = [nodes(page).nth(0), nodes(page).nth(1), nodes(page).nth(2)];
  const [ba, bb] = [await box(a), await box(b)];
  const canvas = await box(page.locator('[data-testid="canvas"]'));

  // A marquee from empty canvas above-left of the first node to below-right of the second.
  await page.mouse.move(ba.x - 15, ba.y - 15);
  await page.mouse.down();
  await page.mouse.move(bb.x + bb.width + 10, bb.y + bb.height + 15, { steps: 10 });
  assert.equal(await page.locator('[data-testid="marquee"]').count(), 1, "the marquee is drawn while dragging");
  await page.mouse.up();
  assert.equal(await page.locator('[data-testid="node"].selected').count(), 2, "two nodes selected");
  assert.equal(await c.evaluate((el) => el.classList.contains("selected")), false, "the third is outside");
  assert.match(await page.locator('[data-testid="selection-bar"]').innerText(), /2 nodes/);

  const [a0, b0, c0] = [await pos(a), await pos(b), await pos(c)];
  await page.mouse.move(ba.x + 40, ba.y + 30);
  await page.mouse.down();
  await page.mouse.move(ba.x + 40 + 100, ba.y + 30 + 120, { steps: 12 });
  await page.mouse.up();
  const [a1, b1] = [await pos(a), await pos(b)];
  assert.deepEqual([a1[0] - a0[0], a1[1] - a0[1]], [100, 120], "moved by the drag, on the grid");
  assert.deepEqual([b1[0] - b0[0], b1[1] - b0[1]], [100, 120], "the other selected node moved with it");
  assert.deepEqual(await pos(c), c0, "the unselected node stayed");

  await page.keyboard.press("Control+z");
  assert.deepEqual([await pos(a), await pos(b)], [a0, b0], "one undo undoes the whole drag");
  assert.equal(await nodes(page).count(), 3, "and only the drag");
  await page.keyboard.press("Control+Shift+z");
  assert.deepEqual([await pos(a), await pos(b)], [a1, b1], "redo moves them again");

  // Copy, paste: the two come back as two more nodes, selected; Delete removes them together.
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  assert.equal(await nodes(page).count(), 5);
  assert.equal(await page.locator('[data-testid="node"].selected').count(), 2, "the pasted copies are selected");
  await page.keyboard.press("Delete");
  assert.equal(await nodes(page).count(), 3);

  // Space + drag pans the camera: every node moves on screen, none in the document.
  const before = await box(a);
  await page.mouse.move(canvas.x + canvas.width - 60, canvas.y + canvas.height - 120);
  await page.keyboard.down(" ");
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width - 20, canvas.y + canvas.height - 90, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up(" ");
  const after = await box(a);
  assert.ok(Math.abs(after.x - before.x - 40) < 1.5 && Math.abs(after.y - before.y - 30) < 1.5, "panned by the drag");
  assert.deepEqual(await pos(a), a1);

  await mkdir(artifacts, { recursive: true });
  await page.locator('[data-testid="palette-client"]').click();
  await page.screenshot({ path: join(artifacts, "editing-1280.png") });
  await page.keyboard.press("?");
  await page.locator('[data-testid="cheatsheet"]').waitFor();
  await page.screenshot({ path: join(artifacts, "cheatsheet-1280.png"), animations: "disabled" });
  await page.keyboard.press("Escape");
  assert.equal(await page.locator('[data-testid="cheatsheet"]').count(), 0, "Escape closes the sheet");
  assert.deepEqual(errors, []);
});

test("keyboard only: add a node, connect it, move it, delete it, edit in the inspector", async (t) => {
  const { page, errors } = await openApp(t);
  await startEmpty(page);
  await tabTo(page, '[data-testid="palette-client"]');
  await page.keyboard.press("Enter");
  await tabTo(page, '[data-testid="palette-load_balancer"]');
  await page.keyboard.press("Enter");
  assert.equal(await nodes(page).count(), 2, "Enter on a palette item adds the node");
  const users = page.locator('[data-testid="node"][data-kind="client"]');
  await tabTo(page, '[data-testid="node"][data-kind="client"]');
  assert.equal(await users.evaluate((el) => el.classList.contains("selected")), true, "Tab selects the node it reaches");

  await page.keyboard.press("c");
  const target = page.locator('[data-testid="connect-menu"] [data-testid="connect-target"]');
  await target.first().waitFor();
  assert.equal(await target.count(), 1, "the load balancer is the one valid target");
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "connect-target");
  await page.keyboard.press("Enter");
  assert.equal(await edges(page).count(), 1, "connected");
  assert.equal(await page.locator('[data-testid="connect-menu"]').count(), 0, "the list closed");
  await page.waitForFunction(() => document.activeElement?.dataset.kind === "client");

  const p0 = await pos(users);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowDown");
  assert.deepEqual(await pos(users), [p0[0] + 20, p0[1] + 100], "arrows move by one grid step, Shift by five");

  await page.keyboard.press("Delete");
  assert.equal(await nodes(page).count(), 1, "Delete removes the node");
  assert.equal(await edges(page).count(), 0, "and its connection");
  await page.keyboard.press("Control+z");
  assert.equal(await nodes(page).count(), 2, "undo brings it back");
  assert.equal(await edges(page).count(), 1);

  await tabTo(page, '[data-testid="node"][data-kind="load_balancer"]');
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid="inspector"]') != null);
  assert.deepEqual(errors, []);
});

test("touch: pinch to zoom, one finger pans, tap selects, at 375 px", async (t) => {
  const { page, errors, context } = await openApp(t, {
    viewport: { width: 375, height: 740 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const canvas = await box(page.locator('[data-testid="canvas"]'));
  const level = page.locator('[data-testid="zoom-level"]');
  await page.locator('[data-testid="zoom-level"]').click(); // reset to 100 %
  assert.equal(await level.innerText(), "100%");
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "editing-375.png"), fullPage: true });
  await page.screenshot({ path: join(artifacts, "editing-375-top.png") });

  // Two fingers on the canvas move apart: zoom in.
  const cx = canvas.x + canvas.width / 2;
  const cy = canvas.y + canvas.height / 2;
  await touch("touchStart", [[cx - 30, cy], [cx + 30, cy]]);
  for (let i = 1; i <= 8; i++) await touch("touchMove", [[cx - 30 - i * 6, cy], [cx + 30 + i * 6, cy]]);
  await touch("touchEnd", []);
  const zoomed = parseFloat(await level.innerText());
  assert.ok(zoomed > 150, `pinching the fingers apart zooms in (${zoomed}%)`);
  assert.equal(await nodes(page).count(), 6, "and adds or removes nothing");

  // After Fit, the 24 px margin on the left is empty canvas: one finger there pans.
  await page.locator('[data-testid="zoom-fit"]').click();
  const node = nodes(page).first();
  const before = await box(node);
  const empty = [canvas.x + 10, canvas.y + canvas.height / 2];
  await touch("touchStart", [empty]);
  for (let i = 1; i <= 5; i++) await touch("touchMove", [[empty[0] + i * 6, empty[1] - i * 4]]);
  await touch("touchEnd", []);
  const after = await box(node);
  assert.ok(Math.abs(after.x - before.x - 30) < 1.5 && Math.abs(after.y - before.y + 20) < 1.5, "one finger pans");

  await page.touchscreen.tap(after.x + after.width / 2, after.y + after.height / 2);
  assert.equal(await node.evaluate((el) => el.classList.contains("selected")), true, "a tap selects");

  // A finger drags from the Users node's dot to Web 1: connected.
  const users = page.locator('[data-testid="node"][data-kind="client"]');
  const web = page.locator('[data-testid="node"][data-kind="web_server"]').first();
  const edgeCount = await edges(page).count();
  const port = await box(users.locator('[data-testid="port"]'));
  const to = await box(web);
  const from = [port.x + port.width / 2 + 6, port.y + port.height / 2];
  await touch("touchStart", [from]);
  for (let i = 1; i <= 8; i++) {
    await touch("touchMove", [[from[0] + ((to.x + 20 - from[0]) * i) / 8, from[1] + ((to.y + 20 - from[1]) * i) / 8]]);
  }
  await touch("touchEnd", []);
  assert.equal(await edges(page).count(), edgeCount + 1, "a finger connects from the dot");

  // A finger drags a component from the palette strip down onto the canvas: placed.
  const count = await nodes(page).count();
  const item = await box(page.locator('[data-testid="palette-client"]'));
  const start = [item.x + item.width / 2, item.y + item.height / 2];
  const drop = [canvas.x + canvas.width / 2, canvas.y + canvas.height - 120];
  await touch("touchStart", [start]);
  for (let i = 1; i <= 10; i++) {
    await touch("touchMove", [[start[0] + ((drop[0] - start[0]) * i) / 10, start[1] + ((drop[1] - start[1]) * i) / 10]]);
  }
  await touch("touchEnd", []);
  assert.equal(await nodes(page).count(), count + 1, "dragged from the palette onto the canvas");
  await page.screenshot({ path: join(artifacts, "editing-375-touch.png") });
  // The selected node's bar: ⋯ opens its menu, whose "Connect to…" lists the targets.
  await page.locator('[data-testid="more-actions"]').click();
  await page.locator('[data-testid="menu-connect"]').click();
  await page.locator('[data-testid="connect-menu"]').waitFor();
  await page.screenshot({ path: join(artifacts, "editing-375-connect.png") });
  assert.deepEqual(errors, []);
});

/** Percentile of sorted numbers. */
const pct = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];

test("frame time while dragging with 100 nodes on the canvas", async (t) => {
  const { page, errors } = await openApp(t);
  // three_tier has 6 nodes: select all and duplicate four times (96), then four more from the palette.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Control+d");
  }
  for (let i = 0; i < 4; i++) await page.locator('[data-testid="palette-cache"]').click();
  assert.equal(await nodes(page).count(), 100);
  await page.locator('[data-testid="zoom-fit"]').click();

  const measure = async (label) => {
    const node = await box(nodes(page).nth(0));
    await page.evaluate(() => {
      window.__frames = [];
      const tick = (ts) => { window.__frames.push(ts); if (window.__frames.length < 100000) window.__rafId = requestAnimationFrame(tick); };
      window.__rafId = requestAnimationFrame(tick);
    });
    await page.mouse.move(node.x + 20, node.y + 20);
    await page.mouse.down();
    for (let i = 1; i <= 90; i++) {
      await page.mouse.move(node.x + 20 + i * 3, node.y + 20 + Math.sin(i / 9) * 60);
    }
    await page.mouse.up();
    const ts = await page.evaluate(() => { cancelAnimationFrame(window.__rafId); return window.__frames; });
    const dt = ts.slice(1).map((t, i) => t - ts[i]).sort((a, b) => a - b);
    return { label, frames: dt.length, p50_ms: +pct(dt, 0.5).toFixed(1), p95_ms: +pct(dt, 0.95).toFixed(1) };
  };
  const one = await measure("drag one node, 100 on the canvas");
  await page.keyboard.press("Control+a");
  const all = await measure("drag all 100 nodes together");
  console.log(JSON.stringify([one, all]));
  await mkdir(artifacts, { recursive: true });
  await writeFile(join(artifacts, "drag-frame-times.json"), JSON.stringify([one, all], null, 2));
  assert.ok(one.frames > 10 && all.frames > 10);
  assert.deepEqual(errors, []);
});
