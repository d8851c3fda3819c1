// The walking skeleton as a person uses it, on the release build served from a sub-path: build a three-tier
// system by real drag and drop, run it, kill a web server, and watch the load balancer notice and the other server
// carry the traffic. Then the replication preset: kill the primary and see a replica promoted, with its lost
// writes in the event log. Screenshots go to target/e2e/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { artifactsDir, launch, serveDist, waitUntil } from "./serve.mjs";

async function openApp(t) {
  const server = await serveDist({ base: "/course/scale-lab/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "#t/three_tier");
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  return { page, errors };
}

async function center(locator) {
  const box = await locator.boundingBox();
  assert.ok(box, "element is visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses at `from` and releases at `to` with intermediate pointer moves, as a hand does. */
async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

const nodes = (page) => page.locator('[data-testid="node"]');
const nodeOf = (page, kind, nth = 0) => page.locator(`[data-testid="node"][data-kind="${kind}"]`).nth(nth);

test("build a three-tier system by drag and drop, run it, kill a web server", async (t) => {
  const { page, errors } = await openApp(t);
  await page.locator('[data-testid="new"]').click();
  assert.equal(await nodes(page).count(), 0, "New starts from an empty canvas");

  const canvas = await page.locator('[data-testid="canvas"]').boundingBox();
  const at = (dx, dy) => ({ x: canvas.x + dx, y: canvas.y + dy });
  const place = [
    ["client", at(70, 200)],
    ["load_balancer", at(260, 200)],
    ["web_server", at(450, 110)],
    ["web_server", at(450, 300)],
    ["database", at(640, 200)],
  ];
  for (const [kind, spot] of place) {
    await drag(page, await center(page.locator(`[data-testid="palette-${kind}"]`)), spot);
  }
  assert.equal(await nodes(page).count(), 5, "five nodes dropped on the canvas");

  const connect = async (from, to) => {
    await drag(page, await center(from.locator('[data-testid="port"]')), await center(to));
  };
  const [users, lb, web1, web2, db] = [
    nodeOf(page, "client"),
    nodeOf(page, "load_balancer"),
    nodeOf(page, "web_server", 0),
    nodeOf(page, "web_server", 1),
    nodeOf(page, "database"),
  ];
  await connect(users, lb);
  await connect(lb, web1);
  await connect(lb, web2);
  await connect(web1, db);
  await connect(web2, db);
  assert.equal(await page.locator('[data-testid="edge"]').count(), 5, "five connections drawn");

  await page.locator('[data-testid="speed"]').selectOption({ label: "16×" });
  await page.locator('[data-testid="run"]').click();
  await waitUntil("throughput is above zero", async () => {
    const text = await page.locator('[data-testid="throughput"]').innerText();
    return parseFloat(text.replace(/[^0-9.]/g, "")) > 0;
  });

  await web1.click();
  await page.locator('[data-testid="inspector"] [data-testid="kill"]').click();
  await waitUntil("the load balancer marks Web server 1 down", async () => {
    const log = await page.locator('[data-testid="event-log"]').innerText();
    return log.includes("unhealthy") && (await web1.getAttribute("data-health")) === "down";
  });
  const completed = async (node) => Number(await node.getAttribute("data-completed"));
  const [before1, before2] = [await completed(web1), await completed(web2)];
  await page.waitForTimeout(1_500); // about 24 s of sim time at 16×
  const [after1, after2] = [await completed(web1), await completed(web2)];
  assert.equal(after1, before1, "the dead server completes nothing more");
  assert.ok(after2 > before2 + 1_000, `the surviving server carries the traffic (${before2} → ${after2})`);

  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, "three-tier.png") });
  assert.deepEqual(errors, []);
});

test("kill the primary: a replica is promoted and the lost writes are reported", async (t) => {
  const { page, errors } = await openApp(t);
  await page.locator('[data-testid="preset-select"]').selectOption("replication");
  await page.locator('[data-testid="speed"]').selectOption({ label: "16×" });
  await page.locator('[data-testid="run"]').click();
  await waitUntil("traffic flows", async () => Number(await nodeOf(page, "replica", 0).getAttribute("data-completed")) > 0);

  const primary = page.locator('[data-testid="node"][data-kind="database"]');
  await primary.click();
  await page.locator('[data-testid="inspector"] [data-testid="kill"]').click();
  await waitUntil("a replica is promoted", async () => {
    const log = await page.locator('[data-testid="event-log"]').innerText();
    return log.includes("promoted to primary");
  }, 30_000);
  const log = await page.locator('[data-testid="event-log"]').innerText();
  assert.match(log, /(\d+) acknowledged writes had not reached it and are lost/);
  await waitUntil("the new primary shows its role", async () =>
    (await page.locator('[data-testid="node"][data-kind="replica"][data-role="primary"]').count()) === 1);

  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, "replication-failover.png") });
  assert.deepEqual(errors, []);
});
