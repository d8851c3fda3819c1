// Grades that reach the course, in the release build served from a sub-path: the example course page
// (embed-example.html) frames a chapter step with each host convention (?host=plain|h5p|canvas|xapi), the
// student presses "Check my design" inside the frame, and the page records the grade it was posted:
// - every host gets Scale Lab's `challenge-result` (passed, a 0–1 score, each check with limit, measured, reason);
// - h5p: the H5P resizer handshake ran to its end (hello → prepareResize → resizePrepared → resize) and sized
//   the frame; canvas: `lti.frameResize` sized the frame; xapi: the grade carries a `failed` statement with the
//   scaled score, to which the page adds the learner;
// - when the host presses Run, the end of the run is graded and posted too;
// - a host option the build does not know is named in a notice, and the frame speaks plain.
// Also: the embed snippet offers the host option, and the oEmbed file and its discovery link have the right shape.
// Screenshots go to target/e2e/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactsDir, distDir, launch, repoRoot, serveDist } from "./serve.mjs";

const BASE = "/course/lab/";
const CHECKS = ["max_error_ratio", "max_latency_ms_p99", "min_throughput_rps"];

test("a checked design reaches the course page, in every host convention", async (t) => {
  const server = await serveDist({ base: BASE });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await mkdir(artifactsDir, { recursive: true });

  for (const host of ["plain", "h5p", "canvas", "xapi"]) {
    await page.goto(`${server.url}embed-example.html?host=${host}`);
    const frame = page.frameLocator("#graded");
    await frame.getByTestId("app").waitFor({ timeout: 30_000 });
    await frame.getByTestId("grade").click();
    await page.waitForFunction(() => window.scalelabGrades.length > 0, null, { timeout: 60_000 });
    const [grade] = await page.evaluate(() => window.scalelabGrades);

    // The untouched first step fails its challenge: latency and throughput hold, one server drops requests.
    assert.equal(grade.frame, "graded", host);
    assert.equal(grade.activity, `${server.url}#t/single_server`, host);
    assert.equal(grade.passed, false, host);
    assert.deepEqual(grade.checks.map((c) => c.name), CHECKS, host);
    const passed = grade.checks.filter((c) => c.pass).length;
    assert.ok(passed < CHECKS.length, host);
    assert.ok(Math.abs(grade.score - passed / CHECKS.length) < 1e-9, `${host}: score ${grade.score}`);
    for (const c of grade.checks) {
      assert.equal(typeof c.measured, "number", `${host} ${c.name}`);
      assert.equal(typeof c.limit, "number", `${host} ${c.name}`);
      assert.ok(c.reason.length > 10, `${host} ${c.name}: ${c.reason}`);
    }
    // The frame's own verdict agrees with what the page recorded.
    assert.equal(await frame.getByTestId("verdict").getAttribute("data-pass"), "false");
    assert.equal(await page.locator('[data-testid="grade-row"]').count(), 1);

    const hostMessages = await page.evaluate(() => window.hostMessages);
    const statements = await page.evaluate(() => window.xapiStatements);
    if (host === "h5p") {
      // hello, answered by the host; then prepareResize with both heights (a frame whose content fits needs no
      // more: the resizer answers only when they differ — the narrow page below runs the rest).
      const actions = hostMessages.map((m) => m.action);
      assert.equal(actions[0], "hello", `${actions}`);
      const prepare = hostMessages.find((m) => m.action === "prepareResize");
      assert.ok(prepare && prepare.scrollHeight > 200 && prepare.clientHeight > 200, JSON.stringify(hostMessages));
    } else if (host === "canvas") {
      assert.ok(hostMessages.length > 0, "lti.frameResize received");
      assert.ok(hostMessages.every((m) => m.kind === "canvas" && m.height > 200 && m.height < 3000), JSON.stringify(hostMessages));
      const last = hostMessages.at(-1).height;
      const shown = await page.evaluate(() => document.getElementById("graded").style.height);
      assert.equal(shown, `${Math.min(last, 2000)}px`);
    } else {
      assert.deepEqual(hostMessages, [], `${host}: no platform messages`);
    }
    if (host === "xapi") {
      assert.equal(statements.length, 1);
      const s = statements[0];
      assert.equal(s.verb.id, "http://adlnet.gov/expapi/verbs/failed");
      assert.equal(s.result.success, false);
      assert.equal(s.result.score.scaled, grade.score);
      assert.equal(s.result.score.raw, passed);
      assert.equal(s.result.score.max, CHECKS.length);
      assert.equal(s.object.id, grade.activity);
      assert.equal(s.actor.mbox, "mailto:student@example.org");
    } else {
      assert.deepEqual(statements, [], `${host}: no xAPI statement`);
      assert.equal(grade.xapi, null);
    }
    await page.screenshot({ path: join(artifactsDir, `course-grade-${host}.png`) });
  }

  // The host presses Run (at 16×): when the run ends, the frame grades the step and posts the grade unasked.
  await page.goto(`${server.url}embed-example.html?host=xapi`);
  const graded = page.frameLocator("#graded");
  await graded.getByTestId("app").waitFor({ timeout: 30_000 });
  await graded.getByTestId("speed").selectOption("16");
  await page.evaluate(() =>
    document.getElementById("graded").contentWindow.postMessage({ source: "scalelab", version: 1, type: "run" }, "*"));
  await page.waitForFunction(() => window.scalelabGrades.length > 0, null, { timeout: 60_000 });
  const afterRun = await page.evaluate(() => ({
    grade: window.scalelabGrades[0],
    finished: window.scalelabMessages.some((m) => m.frame === "graded" && m.type === "run-finished"),
  }));
  assert.ok(afterRun.finished, "run-finished came first");
  assert.equal(afterRun.grade.passed, false);
  assert.deepEqual(afterRun.grade.checks.map((c) => c.name), CHECKS);
  assert.equal(afterRun.grade.xapi.verb.id, "http://adlnet.gov/expapi/verbs/failed");

  // On a phone the playground stacks its panels, taller than the frame: the H5P resizer's whole exchange runs
  // (prepareResize → resizePrepared → resize) and the frame takes the content's height.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${server.url}embed-example.html?host=h5p`);
  await page.frameLocator("#graded").getByTestId("app").waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => window.hostMessages.some((m) => m.action === "resize"), null, { timeout: 10_000 });
  const last = await page.evaluate(() => window.hostMessages.filter((m) => m.action === "resize").at(-1));
  const frameHeight = await page.evaluate(() => document.getElementById("graded").getBoundingClientRect().height);
  assert.ok(last.scrollHeight > 800, JSON.stringify(last));
  assert.ok(Math.abs(frameHeight - Math.min(last.scrollHeight, 2000)) <= 2, `${frameHeight} vs ${last.scrollHeight}`);
  await page.screenshot({ path: join(artifactsDir, "course-grade-h5p-375-full.png"), fullPage: true });
  // The grade on a phone: checked in the frame, recorded in the page's gradebook.
  await page.frameLocator("#graded").getByTestId("grade").click();
  await page.waitForFunction(() => window.scalelabGrades.length > 0, null, { timeout: 60_000 });
  await page.locator(".gradebook").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifactsDir, "course-grade-h5p-375.png") });

  // Hostile or confused messages from the host: ignored, or (a broken link) a clear notice; the page keeps working.
  await page.evaluate(() => {
    const w = document.getElementById("graded").contentWindow;
    const junk = [null, 42, "hello", [1], { context: "h5p" }, { context: "h5p", action: "explode" },
      { context: "h5p", action: "resizePrepared", scrollHeight: "x".repeat(100_000) },
      { source: "scalelab", version: 1, type: "load", link: "d1.broken" }];
    for (const m of junk) w.postMessage(m, "*");
  });
  const frame = page.frameLocator("#graded");
  await frame.getByTestId("notice").waitFor({ timeout: 10_000 });
  assert.match(await frame.getByTestId("notice").textContent(), /could not be opened/);
  await frame.getByTestId("step").click();
  await frame.getByTestId("sim-time").filter({ hasText: /^1\.0 s/ }).waitFor({ timeout: 5_000 });
  assert.deepEqual(errors, []);
});

test("an unknown host option says so and the frame speaks plain; the snippet offers the hosts", async (t) => {
  const server = await serveDist({ base: BASE });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}?embed=1&host=moodle#t/single_server`);
  await page.getByTestId("app").waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId("notice").textContent(), /host=moodle.*plain, h5p, canvas and xapi/);

  await page.goto(`${server.url}#t/single_server`);
  await page.getByTestId("app").waitFor({ timeout: 30_000 });
  await page.getByTestId("share").click();
  await page.getByTestId("tab-embed").click();
  await page.getByTestId("embed-host").selectOption("xapi");
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  assert.match(snippet, /\?embed=1&amp;readonly=1&amp;host=xapi#t\/single_server"/);
});

test("oEmbed: the file has the oEmbed 1.0 shape and the page links to it", async () => {
  const oembed = JSON.parse(await readFile(join(distDir, "oembed.json"), "utf8"));
  assert.equal(oembed.version, "1.0");
  assert.equal(oembed.type, "rich");
  assert.equal(oembed.provider_name, "Scale Lab");
  for (const k of ["width", "height"]) assert.ok(Number.isInteger(oembed[k]) && oembed[k] > 0, k);
  assert.match(oembed.html, /^<iframe src="[^"]*\?embed=1[^"]*" [^>]*><\/iframe>$/);
  assert.ok(oembed.title.length > 0);
  const html = await readFile(join(distDir, "index.html"), "utf8");
  assert.match(html, /<link rel="alternate" type="application\/json\+oembed" href="[^"]*oembed\.json"[^>]*>/);
});

test("oEmbed: SCALELAB_SITE_URL makes the file and the link absolute; a bad one fails the build with a sentence", async (t) => {
  const staging = await mkdtemp(join(tmpdir(), "scalelab-postbuild-"));
  t.after(() => rm(staging, { recursive: true, force: true }));
  await copyFile(join(repoRoot, "index.html"), join(staging, "index.html"));
  await writeFile(join(staging, "app.wasm"), "not really wasm");
  const postbuild = (site) =>
    spawnSync("node", [join(repoRoot, "www", "postbuild.mjs")], {
      env: { ...process.env, TRUNK_STAGING_DIR: staging, TRUNK_SOURCE_DIR: repoRoot, TRUNK_PROFILE: "release", SCALELAB_SITE_URL: site },
      encoding: "utf8",
    });
  const ok = postbuild("https://example.org/courses/lab/");
  assert.equal(ok.status, 0, ok.stderr);
  const oembed = JSON.parse(await readFile(join(staging, "oembed.json"), "utf8"));
  assert.match(oembed.html, /^<iframe src="https:\/\/example\.org\/courses\/lab\/\?embed=1"/);
  assert.equal(oembed.provider_url, "https://example.org/courses/lab/");
  assert.equal(oembed.thumbnail_url, "https://example.org/courses/lab/icons/icon-512.png");
  const html = await readFile(join(staging, "index.html"), "utf8");
  assert.match(html, /type="application\/json\+oembed" href="https:\/\/example\.org\/courses\/lab\/oembed\.json"/);
  const sw = await readFile(join(staging, "sw.js"), "utf8");
  assert.match(sw, /const FILES = \["app\.wasm","index\.html","oembed\.json"\];/);

  for (const bad of ["example.org/lab/", "https://example.org/lab", 'https://x/"><script>/']) {
    const failed = postbuild(bad);
    assert.equal(failed.status, 1, bad);
    assert.match(failed.stderr, /SCALELAB_SITE_URL must be an absolute http\(s\) address ending in "\/"/, bad);
  }
});
