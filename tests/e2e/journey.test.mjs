// Issue 15's "done when", as one student's journey on the release build served from a sub-path: a phone whose
// browser speaks Spanish opens the example course page; the embedded step is in Spanish (no `?lang=` needed: the
// frame follows the browser); a tap on "Comprobar mi diseño" puts a grade in the page's gradebook; the student
// opens the full playground once, and later, with no network at all, it opens again, still in Spanish, and runs.
// Screenshots (the course page with its grade, the playground offline) go to target/e2e/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { artifactsDir, launch, serveDist } from "./serve.mjs";

const BASE = "/course/lab/";

test("a Spanish-speaking student on a phone: the course page's step in Spanish, a grade, then offline", async (t) => {
  const server = await serveDist({ base: BASE });
  let open = true;
  t.after(() => open && server.close());
  const browser = await launch();
  t.after(() => browser.close());
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    locale: "es-ES",
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await mkdir(artifactsDir, { recursive: true });

  // The course page frames step 1 for grading; the frame speaks the browser's language.
  await page.goto(`${server.url}embed-example.html?host=plain`);
  const frame = page.frameLocator("#graded");
  await frame.getByTestId("app").waitFor({ timeout: 30_000 });
  const grade = frame.getByTestId("grade");
  await grade.filter({ hasText: "Comprobar mi diseño" }).waitFor({ timeout: 20_000 });
  const graded = page.frames().find((f) => f.url().includes("embed=1") && f.url().endsWith("#t/single_server"));
  assert.ok(graded, "the graded frame is found");
  assert.equal(await graded.evaluate(() => document.documentElement.lang), "es");
  await frame.getByTestId("lesson").locator("h2", { hasText: "Empieza con un solo servidor" }).waitFor();

  // A tap grades the design inside the frame, and the page records what it was posted.
  await grade.tap();
  await page.waitForFunction(() => window.scalelabGrades.length > 0, null, { timeout: 60_000 });
  const [g] = await page.evaluate(() => window.scalelabGrades);
  assert.equal(g.activity, `${server.url}#t/single_server`);
  assert.equal(g.passed, false, "the untouched first step fails its challenge");
  assert.equal(g.checks.length, 3);
  const passed = g.checks.filter((c) => c.pass).length;
  assert.ok(Math.abs(g.score - passed / 3) < 1e-9, `score ${g.score} with ${passed} of 3 checks passed`);
  assert.equal(await frame.getByTestId("verdict").getAttribute("data-pass"), "false");
  assert.equal(await page.locator('[data-testid="grade-row"]').count(), 1);
  await page.locator('[data-testid="grade-row"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifactsDir, "journey-course-es-375.png") });

  // The student opens the full playground once: its service worker takes the page.
  const app = await context.newPage();
  app.on("pageerror", (e) => errors.push(e.message));
  await app.goto(`${server.url}#t/single_server`);
  await app.getByTestId("app").waitFor({ timeout: 30_000 });
  await app.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

  // Later, with no network and no server: it opens again, in Spanish, and runs.
  await context.setOffline(true);
  await server.close();
  open = false;
  const served = server.requests();
  await app.reload();
  await app.getByTestId("app").waitFor({ timeout: 30_000 });
  const run = app.getByTestId("run");
  await run.filter({ hasText: "Ejecutar" }).waitFor({ timeout: 20_000 });
  assert.equal(await app.evaluate(() => document.documentElement.lang), "es");
  await run.tap();
  await app.waitForFunction(
    () => parseFloat(document.querySelector('[data-testid="sim-time"]').textContent) >= 2,
    null,
    { timeout: 20_000 },
  );
  assert.ok(/\d/.test(await app.getByTestId("throughput").textContent()), "metrics arrive offline");
  assert.equal(server.requests(), served, "nothing reached the server");
  await app.screenshot({ path: join(artifactsDir, "journey-offline-es-375.png") });
  assert.deepEqual(errors, []);
});
