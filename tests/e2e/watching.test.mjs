// Watching a run, on the release build: request dots move along the edges (and stop under reduced motion), a
// chart shows its values on hover and by keyboard, an event-log entry selects its node, the outline lists every
// node, and the polite live region announces a kill. Then the frame time while running 100 k requests per second,
// from requestAnimationFrame timestamps, held to a budget. Screenshots go to tests/e2e/artifacts/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launch, repoRoot, serveDist, waitUntil } from "./serve.mjs";

const shots = join(repoRoot, "tests", "e2e", "artifacts");

async function openApp(t, viewport = { width: 1280, height: 800 }, colorScheme = "light") {
  const server = await serveDist({ base: "/watch/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport, colorScheme });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "#t/three_tier");
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  await mkdir(shots, { recursive: true });
  return { page, errors };
}

const nodeOf = (page, kind, nth = 0) => page.locator(`[data-testid="node"][data-kind="${kind}"]`).nth(nth);
const dotCount = async (page) => Number(await page.locator('[data-testid="dots"]').getAttribute("data-dots"));

test("watch three_tier: dots, chart hover, clickable log, outline, announced kill, reduced motion", async (t) => {
  const { page, errors } = await openApp(t);
  await page.locator('[data-testid="preset-select"]').selectOption("three_tier");
  await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
  await page.locator('[data-testid="run"]').click();

  await waitUntil("request dots are drawn", async () => (await dotCount(page)) > 0);
  await waitUntil("edges show their rate", async () => (await page.locator('[data-testid="dots"] .band').count()) > 0);
  assert.ok((await dotCount(page)) <= 200, "at most 200 dots");
  await page.screenshot({ path: join(shots, "watch-dots.png") });

  // Hover the throughput chart: a rule and a tooltip with a number.
  await waitUntil("a few windows are charted", async () =>
    Number((await page.locator('[data-testid="throughput"]').innerText()).replace(/[^0-9.]/g, "")) > 0);
  const chart = page.locator('.chart-slot[data-chart="throughput"] [data-testid="chart"]');
  const box = await chart.boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  const tip = page.locator('[data-testid="chart-tip"]');
  await tip.waitFor({ state: "visible", timeout: 5_000 });
  assert.match(await tip.innerText(), /\d+ s: completed \d/);
  await page.screenshot({ path: join(shots, "watch-chart-hover.png"), clip: { x: 0, y: 480, width: 1280, height: 320 } });
  await page.mouse.move(5, 5);
  await tip.waitFor({ state: "detached", timeout: 5_000 });

  // The same by keyboard.
  await chart.focus();
  await tip.waitFor({ state: "visible", timeout: 5_000 });
  const last = await tip.innerText();
  await page.keyboard.press("Home");
  await waitUntil("Home moves the cursor to the first second", async () => (await tip.innerText()) !== last);

  // Kill Web 1: the live region announces it.
  const web1 = nodeOf(page, "web_server", 0);
  await web1.click();
  await page.locator('[data-testid="inspector"] [data-testid="kill"]').click();
  const announcer = page.locator('[data-testid="announcer"]');
  assert.equal(await announcer.getAttribute("aria-live"), "polite");
  await waitUntil("the kill is announced", async () => /Web 1 was killed/.test(await announcer.innerText()));

  // The failure flashes at the dead node with its reason.
  await waitUntil("the dead server flashes 'node down'", async () =>
    (await page.locator('[data-testid="dots"] .flash[data-cause="node_down"]').count()) > 0);
  await page.screenshot({ path: join(shots, "watch-kill.png") });

  // Select something else, then click the kill entry in the event log: Web 1 is selected again.
  await nodeOf(page, "database").click();
  await waitUntil("the database is selected", async () => /selected/.test(await nodeOf(page, "database").getAttribute("class")));
  await page.locator('[data-testid="log-entry"] button', { hasText: "Web 1 was killed" }).click();
  await waitUntil("the log entry selected Web 1", async () =>
    /selected/.test(await web1.getAttribute("class")) && !/selected/.test(await nodeOf(page, "database").getAttribute("class")));

  // The outline lists every node.
  const nodeCount = await page.locator('[data-testid="node"]').count();
  await page.locator('[data-testid="outline"] summary').click();
  await waitUntil("the outline has a row per node", async () =>
    (await page.locator('[data-testid="outline-node"]').count()) === nodeCount);
  const rows = await page.locator('[data-testid="outline-node"] th').allInnerTexts();
  for (const label of ["Users", "Load balancer", "Web 1", "Web 2", "Database"]) assert.ok(rows.includes(label), `${label} in the outline`);
  assert.ok((await page.locator('[data-testid="outline-edge"]').count()) > 0, "connections listed");
  await page.screenshot({ path: join(shots, "watch-outline.png") });

  // Reduced motion: the dots stop; the bands stay.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await waitUntil("dots stop under reduced motion", async () =>
    (await dotCount(page)) === 0 && (await page.locator('[data-testid="dots"]').getAttribute("data-moving")) === "false");
  await page.waitForTimeout(500);
  assert.equal(await dotCount(page), 0, "no dots come back while reduced motion is on");
  assert.ok((await page.locator('[data-testid="dots"] .band').count()) > 0, "edge rates remain");
  await page.screenshot({ path: join(shots, "watch-reduced-motion.png") });

  // Back to full motion, then the switch turns them off too.
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await waitUntil("dots come back", async () => (await dotCount(page)) > 0);
  await page.locator('[data-testid="dots-toggle"]').uncheck();
  await waitUntil("the switch stops the dots", async () => (await dotCount(page)) === 0);
  await page.locator('[data-testid="dots-toggle"]').check();

  // Scrub back: click the throughput chart near its start, before the kill. The run is replayed there (same seed)
  // and paused: Web 1 is alive again and the sim clock went back.
  const simSeconds = async () => parseFloat(await page.locator('[data-testid="sim-time"]').innerText());
  // The open outline leaves room for one chart: the chip bar brings the throughput chart back into view.
  await page.locator('.chip[data-chart-chip="throughput"]').click();
  const before = await simSeconds();
  const plot = await chart.boundingBox();
  const spot = { x: plot.x + plot.width * 0.15, y: plot.y + plot.height * 0.5 };
  await page.mouse.move(spot.x, spot.y);
  await tip.waitFor({ state: "visible", timeout: 5_000 });
  assert.match(await tip.innerText(), /click to rewind here/);
  await page.mouse.click(spot.x, spot.y);
  await waitUntil("the run is rewound", async () =>
    /Rewound to \d+ s/.test((await page.locator('[data-testid="notice"]').allInnerTexts()).join(" ")));
  const after = await simSeconds();
  assert.ok(after < before && after <= 3, `sim time went back (${before} → ${after})`);
  assert.equal(await web1.getAttribute("data-health"), "healthy", "before the kill, Web 1 is alive");
  await page.screenshot({ path: join(shots, "watch-rewound.png") });
  assert.deepEqual(errors, []);
});

test("watching on a phone-sized screen in the dark theme: dots, outline and log at 375 px", async (t) => {
  const { page, errors } = await openApp(t, { width: 375, height: 812 }, "dark");
  await page.locator('[data-testid="preset-select"]').selectOption("three_tier");
  await page.locator('[data-testid="run"]').click();
  await waitUntil("request dots are drawn", async () => (await dotCount(page)) > 0);
  await page.locator('[data-testid="outline"] summary').click();
  await waitUntil("the outline has rows", async () => (await page.locator('[data-testid="outline-node"]').count()) > 0);
  await page.screenshot({ path: join(shots, "watch-375.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("frame time while running 100 k requests per second stays within its budget", async (t) => {
  const { page, errors } = await openApp(t);
  await page.locator('[data-testid="preset-select"]').selectOption("three_tier");
  await page.locator('[data-testid="node"][data-kind="client"]').click();
  const rate = page.getByLabel("Arrival rate");
  await rate.fill("100000");
  await rate.press("Enter");
  await page.locator('[data-testid="run"]').click();
  await waitUntil("dots are drawn", async () => (await dotCount(page)) > 0);
  // Gaps between requestAnimationFrame timestamps over 5 s, sorted; p50 and p95.
  const measure = async () => {
    const times = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const stamps = [];
          const end = performance.now() + 5_000;
          const tick = (ts) => {
            stamps.push(ts);
            if (ts < end) requestAnimationFrame(tick);
            else resolve(stamps.slice(1).map((s, i) => s - stamps[i]));
          };
          requestAnimationFrame(tick);
        }),
    );
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    return { frames: times.length, p50_ms: q(0.5), p95_ms: q(0.95) };
  };
  const result = { ...(await measure()), dots: await dotCount(page) };
  await page.screenshot({ path: join(shots, "watch-100k.png") });
  await page.locator('[data-testid="dots-toggle"]').uncheck();
  result.without_dots = await measure();
  await page.locator('[data-testid="dots-toggle"]').check();
  const throughput = await page.locator('[data-testid="throughput"]').innerText();
  const simTime = await page.locator('[data-testid="sim-time"]').innerText();
  const behind = (await page.locator('[data-testid="behind"]').count()) > 0;
  console.log(`frame time at 100k rps: ${JSON.stringify(result)}; throughput ${throughput}; sim time ${simTime}; behind ${behind}`);
  await writeFile(join(shots, "frame-time-100k.json"), JSON.stringify({ ...result, throughput, simTime, behind }, null, 2));
  // A budget, not only a count (issue 11): while 100 k requests per second are simulated the page keeps drawing —
  // at least 8 frames a second over the 5 s measured and a p95 frame of at most 125 ms, with and without the dots.
  // Measured: 16.8 ms idle, 33–67 ms while other builds shared the machine (BENCHMARKS.md); a step of the
  // simulation that blocks the main thread for long fails it.
  for (const [label, m] of [["dots on", result], ["dots off", result.without_dots]]) {
    assert.ok(m.frames >= 40, `${label}: ${m.frames} frames in 5 s (budget: at least 40)`);
    assert.ok(m.p95_ms <= 125, `${label}: p95 frame ${m.p95_ms} ms (budget: 125 ms)`);
  }
  assert.ok(result.dots <= 200, "at most 200 dots");
  assert.deepEqual(errors, []);
});
