// Regenerates the README's screenshots in docs/ from the release build (not a test: run it by hand after a
// change a learner can see, `cargo xtask dist && node tests/e2e/docs-shots.mjs`, then look at every image).
// The sweep and language screenshots come from their tests: `SCALELAB_DOCS=1 node --test tests/e2e/sweep.test.mjs
// tests/e2e/languages.test.mjs` writes them to docs/ (a plain test run writes them to target/e2e/docs/).
//
// Each shot opens a chapter step served from a sub-path, runs it at 4× and performs the lesson's experiment, then
// waits until its outcome is on screen: in the full app at 1280×800 and in an embed (`?embed=1`) at 800×600, the
// size of the Share → Embed snippet.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launch, repoRoot, serveDist } from "./serve.mjs";

const SHOTS = [
  { step: "replication", experiment: "Kill the primary", waitS: 16, file: "step4-replication" },
  { step: "cache", experiment: "Flush the cache", waitS: 6, file: "step5-cache" },
  { step: "sharding", experiment: "Add a shard", waitS: 8, file: "step10-sharding" },
  { step: "millions", experiment: "Take US-East down", waitS: 30, file: "step11-millions" },
];
const LAYOUTS = [
  { suffix: "", query: "", viewport: { width: 1280, height: 800 } },
  { suffix: "-embed", query: "?embed=1", viewport: { width: 800, height: 600 } },
];

const out = join(repoRoot, "docs");
await mkdir(out, { recursive: true });
const server = await serveDist({ base: "/course/lab/" });
const browser = await launch();
try {
  for (const shot of SHOTS) {
    for (const layout of LAYOUTS) {
      const page = await browser.newPage({ viewport: layout.viewport });
      page.on("pageerror", (e) => console.error(`${shot.file}${layout.suffix}: ${e.message}`));
      await page.goto(`${server.url}${layout.query}#t/${shot.step}`);
      await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
      await page.locator('[data-testid="speed"]').selectOption({ label: "4×" });
      await page.locator('[data-testid="run"]').click();
      await page.waitForTimeout(3_000);
      await page.locator('[data-testid="experiment"]', { hasText: shot.experiment }).click();
      await page.waitForTimeout(shot.waitS * 1_000 / 4);
      await page.locator('[data-testid="pause"]').click();
      const file = join(out, `${shot.file}${layout.suffix}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
