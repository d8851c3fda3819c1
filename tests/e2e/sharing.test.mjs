// Sharing, autosave, files and embedding, in the release build served from a sub-path:
// - a preset link opens that preset; a run's link opened in a new page gives the same metrics at the same sim time;
// - a corrupt link says why and leaves the autosaved diagram as it was;
// - the embed example page gets `ready` and `resize` from both frames, and `readonly=1` blocks editing;
// - a page framing the plain playground (no `?embed=1`) gets no message and cannot load over the reader's diagram;
// - an exported PNG dropped back on the page restores the scenario;
// - the chapter: open a step, run an experiment, grade the challenge.
// Screenshots go to target/e2e/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { artifactsDir, launch, serveDist } from "./serve.mjs";

const BASE = "/course/lab/";

async function open(browser, url, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  await page.locator('[data-testid="app"]').first().waitFor({ state: "visible", timeout: 30_000 });
  return { page, problems };
}

const labels = (page) => page.locator('[data-testid="node"] .node-label').allTextContents();
const hashOf = (page) => page.evaluate(() => location.hash);

/** Steps the run `n` times (one sim second each) and reads the headline metrics. */
async function stepAndRead(page, n) {
  for (let i = 0; i < n; i++) await page.getByTestId("step").click();
  await page.waitForTimeout(100);
  return {
    time: await page.getByTestId("sim-time").textContent(),
    throughput: await page.getByTestId("throughput").textContent(),
  };
}

test("links: preset link, run link replays, corrupt link keeps the autosave", async (t) => {
  const server = await serveDist({ base: BASE });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

  // A preset link opens the preset, and the address keeps the short form.
  const a = await context.newPage();
  await a.goto(server.url + "#t/cache");
  await a.getByTestId("app").waitFor();
  assert.ok((await labels(a)).includes("Cache"), "the cache preset is open");
  assert.equal(await hashOf(a), "#t/cache");

  // Edit it (seed), then the address holds the whole document.
  await a.getByTestId("new-seed").click();
  await a.waitForFunction(() => location.hash.startsWith("#d1."), null, { timeout: 5_000 });
  const before = await stepAndRead(a, 3);

  // The share dialog shows that link; copy works (clipboard permission granted).
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await a.getByTestId("share").click();
  const link = await a.getByTestId("share-link").inputValue();
  assert.ok(link.startsWith(server.url + "#d1."), link);
  await a.getByTestId("copy-link").click();
  assert.equal(await a.evaluate(() => navigator.clipboard.readText()), link);
  await a.getByTestId("tab-embed").click();
  const snippet = await a.getByTestId("embed-snippet").inputValue();
  assert.match(snippet, /^<iframe src="[^"]*\?embed=1&amp;readonly=1#d1\./);
  assert.match(snippet, /loading="lazy"/);
  await mkdir(artifactsDir, { recursive: true });
  await a.screenshot({ path: join(artifactsDir, "share-dialog.png") });
  await a.getByTestId("share-dialog-close").click();

  // The same link in a fresh page: same metrics after the same sim time.
  const b = await context.newPage();
  await b.goto(link);
  await b.getByTestId("app").waitFor();
  const after = await stepAndRead(b, 3);
  assert.deepEqual(after, before);

  // A corrupt link: a message, and the autosaved diagram (the edited cache scenario) is intact.
  await a.waitForTimeout(600); // let the debounced autosave write
  const saved = await a.evaluate(() => localStorage.getItem("scalelab.autosave.v1"));
  assert.ok(saved && saved.includes('"Cache"'), "autosaved");
  const c = await context.newPage();
  await c.goto(server.url + "#d1.AAAA-broken");
  await c.getByTestId("app").waitFor();
  const notice = await c.getByTestId("notice").textContent();
  assert.match(notice, /could not be opened/);
  assert.ok((await labels(c)).includes("Cache"), "the autosaved diagram is shown");
  await c.waitForTimeout(600);
  assert.equal(await c.evaluate(() => localStorage.getItem("scalelab.autosave.v1")), saved);

  // A link from a newer Scale Lab asks for a reload.
  await c.goto(server.url + "#d9.abc");
  await c.reload();
  await c.getByTestId("app").waitFor();
  assert.match(await c.getByTestId("notice").textContent(), /newer/i);
});

test("embedding: the example page gets ready and resize; readonly blocks editing", async (t) => {
  const server = await serveDist({ base: BASE });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "embed-example.html");
  const got = (frame, type) =>
    page.waitForFunction(
      ([f, ty]) => (window.scalelabMessages || []).some((m) => m.frame === f && m.type === ty),
      [frame, type],
      { timeout: 30_000 },
    );
  // Lazy frames load when scrolled to: bring the second one into view.
  await got("cache", "ready");
  await page.locator("#replication").scrollIntoViewIfNeeded();
  await got("replication", "ready");
  await got("cache", "resize");
  await got("cache", "state");
  const heights = await page.evaluate(() =>
    window.scalelabMessages.filter((m) => m.type === "resize").map((m) => m.height),
  );
  assert.ok(heights.every((h) => h > 200 && h < 3000), `heights ${heights}`);

  // Host → child: load another step; the frame reports its new state.
  await page.getByRole("button", { name: "Load the CDN step" }).click();
  await page.waitForFunction(
    () => window.scalelabMessages.some((m) => m.frame === "cache" && m.type === "state" && m.url.includes("#t/cdn")),
    null,
    { timeout: 10_000 },
  );

  // readonly=1: the palette is gone, and the Delete key does not remove a node.
  const frame = page.frameLocator("#cache");
  await assert.rejects(frame.getByTestId("palette-cache").click({ timeout: 1_000 }));
  const before = await frame.getByTestId("node").count();
  await frame.getByTestId("node").first().click();
  await frame.getByTestId("node").first().press("Delete");
  await page.waitForTimeout(200);
  assert.equal(await frame.getByTestId("node").count(), before);
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, "embed-example.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("a page framing the plain playground gets no message and cannot load over the reader's diagram", async (t) => {
  const server = await serveDist({ base: BASE });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  // The reader's own diagram: the cache step, autosaved.
  const own = await context.newPage();
  await own.goto(server.url + "#t/cache");
  await own.getByTestId("app").waitFor();
  const savedCache = () => (localStorage.getItem("scalelab.autosave.v1") || "").includes('"Cache"');
  await own.waitForFunction(savedCache, null, { timeout: 5_000 });
  await own.close();
  // A page of the same origin frames the plain address (no ?embed=1) and listens to it.
  const host = await context.newPage();
  await host.goto(server.url + "embed-example.html");
  await host.evaluate((url) => {
    window.fromPlain = [];
    const f = document.createElement("iframe");
    f.id = "plain";
    f.src = url;
    f.width = "900";
    f.height = "600";
    window.addEventListener("message", (e) => {
      if (e.source === f.contentWindow) window.fromPlain.push(e.data);
    });
    document.body.prepend(f);
  }, server.url);
  const frame = host.frameLocator("#plain");
  await frame.getByTestId("app").waitFor({ timeout: 30_000 });
  const labelsIn = () => frame.locator('[data-testid="node"] .node-label').allTextContents();
  assert.ok((await labelsIn()).includes("Cache"), "the frame shows the reader's own diagram");
  await host.waitForTimeout(1_500);
  assert.deepEqual(await host.evaluate(() => window.fromPlain), [], "no message carries the reader's diagram");
  await host.evaluate(() =>
    document
      .getElementById("plain")
      .contentWindow.postMessage({ source: "scalelab", version: 1, type: "load", link: "t/single_server" }, "*"),
  );
  await host.waitForTimeout(1_000);
  assert.ok((await labelsIn()).includes("Cache"), "a load from the framing page is ignored");
  assert.ok(await host.evaluate(savedCache), "the autosave is untouched");
});

test("files: an exported PNG dropped back restores the scenario", async (t) => {
  const server = await serveDist({ base: BASE });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await open(browser, server.url + "#t/queue");
  await page.getByTestId("share").click();
  await page.getByTestId("tab-files").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-png").click()]);
  const path = await download.path();
  assert.match(download.suggestedFilename(), /^scalelab-message-queue.*\.png$/);
  await page.getByTestId("share-dialog-close").click();

  // Load something else, then drop the PNG on the page.
  await page.evaluate(() => (location.hash = "#t/single_server"));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="node"]').length === 3);
  const bytes = [...(await (await import("node:fs/promises")).readFile(path))];
  await page.evaluate((data) => {
    const file = new File([new Uint8Array(data)], "diagram.png", { type: "image/png" });
    const dt = new DataTransfer();
    dt.items.add(file);
    const app = document.querySelector('[data-testid="app"]');
    for (const type of ["dragenter", "dragover", "drop"]) {
      app.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, bytes);
  await page.waitForFunction(() => location.hash === "#t/queue", null, { timeout: 10_000 });
  assert.ok((await labels(page)).includes("Job queue"));
  assert.deepEqual(problems, []);
});

test("chapter: open a step, run its experiment, grade its challenge", async (t) => {
  const server = await serveDist({ base: BASE });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const { page, problems } = await open(browser, server.url + "#t/single_server");
  await page.getByTestId("chapter-open").click();
  assert.equal(await page.getByTestId("chapter-step").count(), 11);
  await page.locator('[data-testid="chapter-step"][data-preset="three_tier"]').click();
  await page.waitForFunction(() => location.hash === "#t/three_tier");
  await page.getByTestId("lesson").waitFor();

  // "Kill Web 1": the run starts and Web 1 goes down.
  await page.getByTestId("experiment").first().click();
  await page.getByTestId("experiment-result").waitFor();
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="node"]')].some((n) => n.textContent.includes("Web 1") && n.dataset.health !== "up"),
    null,
    { timeout: 10_000 },
  );
  await page.getByTestId("pause").click();

  // The shipped three-tier design fails its challenge, and the verdict says why.
  await page.getByTestId("grade").click();
  await page.getByTestId("verdict").waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId("verdict").getAttribute("data-pass"), "false");
  assert.ok((await page.locator('[data-testid="check"][data-pass="false"]').count()) >= 1);
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, "lesson.png") });
  assert.deepEqual(problems, []);
});
