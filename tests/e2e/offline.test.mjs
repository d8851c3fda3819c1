// Offline and installable, in the release build served from a sub-path:
// - after one visit the service worker controls the page; with the network gone (Playwright offline *and* the
//   server closed) a reload opens the playground, and a preset runs: the simulation advances;
// - a new build (sw.js with other bytes) installs beside the old one and the app says "A new version of Scale
//   Lab is ready"; Reload hands over to it and reloads once;
// - an embed (?embed=1) registers no worker; the manifest names icons that exist.
// Screenshots of the update notice (1280×800 and 375 px wide) go to target/e2e/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { artifactsDir, distDir, launch, serveDist } from "./serve.mjs";

const BASE = "/course/lab/";
const controlled = () => navigator.serviceWorker.controller !== null;
const simSeconds = async (page) => parseFloat(await page.getByTestId("sim-time").textContent());

test("after one visit the playground opens and runs with no network", async (t) => {
  const server = await serveDist({ base: BASE });
  let open = true;
  t.after(() => open && server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "#t/three_tier");
  await page.getByTestId("app").waitFor({ timeout: 30_000 });
  // The first visit's worker takes control without reloading the page.
  await page.evaluate(() => { window.firstVisit = true; });
  await page.waitForFunction(controlled, null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.firstVisit), true, "no reload on the first visit");
  assert.equal(await page.getByTestId("update-notice").count(), 0);

  await context.setOffline(true);
  await server.close();
  open = false;
  const served = server.requests();
  await page.reload();
  await page.getByTestId("app").waitFor({ timeout: 30_000 });
  assert.ok((await page.locator('[data-testid="node"]').count()) >= 3, "the preset is drawn");
  await page.getByTestId("run").click();
  await page.waitForFunction(
    () => parseFloat(document.querySelector('[data-testid="sim-time"]').textContent) >= 2,
    null,
    { timeout: 20_000 },
  );
  assert.ok((await simSeconds(page)) >= 2);
  assert.ok(/\d/.test(await page.getByTestId("throughput").textContent()), "metrics arrive");
  assert.equal(server.requests(), served, "nothing reached the server");
  assert.deepEqual(errors, []);
});

test("a new build says so; Reload switches to it", async (t) => {
  let build = 1;
  const server = await serveDist({
    base: BASE,
    rewrite: (path, body) => (path === "sw.js" && build > 1 ? `${body}\n// build ${build}\n` : body),
  });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "#t/cache");
  await page.getByTestId("app").waitFor({ timeout: 30_000 });
  await page.waitForFunction(controlled, null, { timeout: 30_000 });

  // Deploy "build 2": on the next visit the app checks, the new worker installs and waits.
  build = 2;
  await page.reload();
  await page.getByTestId("app").waitFor({ timeout: 30_000 });
  const notice = page.getByTestId("update-notice");
  await notice.waitFor({ timeout: 30_000 });
  assert.match(await notice.textContent(), /new version of Scale Lab is ready/);
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, "update-notice.png") });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(200);
  const box = await notice.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `notice within the phone's width: ${JSON.stringify(box)}`);
  await page.screenshot({ path: join(artifactsDir, "update-notice-375.png") });

  // Reload: the waiting worker takes over and the page reloads once, on the new build.
  await page.evaluate(() => { window.beforeUpdate = true; });
  await page.getByTestId("update-reload").click();
  await page.waitForFunction(() => window.beforeUpdate === undefined && document.querySelector('[data-testid="app"]'), null, {
    timeout: 30_000,
  });
  await page.waitForFunction(controlled, null, { timeout: 30_000 });
  const script = await page.evaluate(async () => {
    const text = await (await fetch(navigator.serviceWorker.controller.scriptURL, { cache: "no-store" })).text();
    const reg = await navigator.serviceWorker.getRegistration();
    return { build2: text.includes("// build 2"), waiting: reg.waiting !== null };
  });
  assert.deepEqual(script, { build2: true, waiting: false });
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId("update-notice").count(), 0, "nothing waits any more");
  assert.deepEqual(errors, []);
});

test("an embed registers no worker; the manifest's icons exist", async (t) => {
  const server = await serveDist({ base: BASE });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(server.url + "?embed=1#t/cache");
  await page.getByTestId("app").waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_500);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.equal(await page.getByTestId("update-notice").count(), 0);

  const manifest = JSON.parse(await readFile(join(distDir, "manifest.webmanifest"), "utf8"));
  assert.equal(manifest.start_url, "./");
  assert.equal(manifest.display, "standalone");
  const sizes = manifest.icons.map((i) => i.sizes);
  for (const s of ["192x192", "512x512"]) assert.ok(sizes.includes(s), s);
  for (const icon of manifest.icons) assert.ok((await stat(join(distDir, icon.src))).size > 0, icon.src);
  const sw = await readFile(join(distDir, "sw.js"), "utf8");
  const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
  assert.ok(files.includes("index.html") && files.some((f) => f.endsWith(".wasm")), "the build is precached");
  assert.ok(!files.includes("sw.js"));
  assert.match(sw, /const VERSION = "[0-9a-f]{16}";/);
});
