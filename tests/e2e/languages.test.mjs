// Languages, on the release build served from a sub-path: the chapter's first three steps open in Spanish and in
// Chinese (`?lang=`), with the lesson, the challenge and the chrome translated and <html lang> following;
// screenshots at 1280×800 and 375 px go to docs/ with SCALELAB_DOCS=1 (else target/e2e/docs/). The switch in the top bar changes the language and is
// remembered, share links stay language-neutral, and a pseudo-locale 40 % longer than English (German-length
// text) does not overflow the page horizontally at 375 px.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { docsDir as docs, launch, serveDist } from "./serve.mjs";

await mkdir(docs, { recursive: true });
const STEPS = ["single_server", "separate_db", "three_tier"];
const EXPECT = {
  es: { tag: "es", run: "Ejecutar", headline: ["Empieza con un solo servidor", "Dale a la base de datos su propia máquina",
    "Escala la capa web horizontalmente detrás de un balanceador de carga"], check: "Comprobar mi diseño" },
  zh: { tag: "zh-Hans", run: "运行", headline: ["从一台服务器开始", "让数据库拥有自己的机器", "在负载均衡器后面水平扩展 Web 层"],
    check: "检查我的设计" },
};

async function setup(t) {
  const server = await serveDist({ base: "/course/lab/" });
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  return { server, browser };
}

async function open(browser, url, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: "en-US" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('[data-testid="app"]').waitFor({ state: "visible", timeout: 30_000 });
  return { page, errors, context };
}

/** The page's widest overflow past the viewport's right edge, px, and the element that causes it. */
function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    let worst = { px: doc.scrollWidth - doc.clientWidth, what: "document" };
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === "hidden") continue;
      // Inside a scrolling container, overflow is the container's business (it scrolls).
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (/(auto|scroll|hidden|clip)/.test(s.overflowX)) { clipped = true; break; }
      }
      if (clipped) continue;
      const px = r.right - innerWidth;
      if (px > worst.px) worst = { px, what: `<${el.tagName.toLowerCase()} class="${el.className}">${(el.textContent || "").slice(0, 40)}` };
    }
    return worst;
  });
}

for (const lang of ["es", "zh"]) {
  test(`the first three steps in ${lang}`, async (t) => {
    const { server, browser } = await setup(t);
    const want = EXPECT[lang];
    for (const [i, step] of STEPS.entries()) {
      const { page, errors, context } = await open(browser, `${server.url}?lang=${lang}#t/${step}`);
      const lesson = page.locator('[data-testid="lesson"]');
      await lesson.locator("h2", { hasText: want.headline[i] }).waitFor({ timeout: 20_000 });
      assert.equal(await page.evaluate(() => document.documentElement.lang), want.tag);
      assert.equal((await page.locator('[data-testid="run"]').textContent()).trim(), want.run);
      assert.equal((await page.locator('[data-testid="grade"]').textContent()).trim(), want.check);
      // The challenge is translated too (no English sentence left in the lesson panel's challenge).
      const goal = await page.locator('[data-testid="challenge"] p').first().textContent();
      assert.doesNotMatch(goal, /requests per second/, `${lang} ${step}: ${goal}`);
      await page.screenshot({ path: join(docs, `lang-${lang}-step${i + 1}.png`) });
      if (i === 0) {
        await page.setViewportSize({ width: 375, height: 812 });
        await page.waitForTimeout(300);
        const o = await overflow(page);
        assert.ok(o.px <= 1, `${lang} at 375 px overflows by ${o.px} px: ${o.what}`);
        await page.screenshot({ path: join(docs, `lang-${lang}-375.png`), fullPage: true });
      }
      // Share links are language-neutral.
      await page.locator('[data-testid="share"]').click();
      const link = await page.locator('[data-testid="share-link"]').inputValue();
      assert.doesNotMatch(link, /lang=/);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
}

test("the switch changes the language and is remembered; the embed snippet offers one", async (t) => {
  const { server, browser } = await setup(t);
  const { page, context } = await open(browser, `${server.url}#t/three_tier`);
  assert.equal((await page.locator('[data-testid="run"]').textContent()).trim(), "Run");
  await page.locator('[data-testid="lang"]').selectOption("es");
  await page.locator('[data-testid="run"]', { hasText: "Ejecutar" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "es");
  await page.reload();
  await page.locator('[data-testid="run"]', { hasText: "Ejecutar" }).waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="share"]').click();
  await page.locator('[data-testid="tab-embed"]').click();
  await page.locator('[data-testid="embed-lang"]').selectOption("zh");
  assert.match(await page.locator('[data-testid="embed-snippet"]').inputValue(), /lang=zh/);
  await context.close();
});

test("German-length text (a pseudo-locale 40 % longer) fits 375 px", async (t) => {
  const { server, browser } = await setup(t);
  const { page, errors } = await open(browser, `${server.url}?lang=pseudo#t/three_tier`, { width: 375, height: 812 });
  await page.locator('[data-testid="lesson"] h2', { hasText: "·" }).waitFor({ timeout: 20_000 });
  const o = await overflow(page);
  await page.screenshot({ path: join(docs, "lang-pseudo-375.png"), fullPage: true });
  assert.ok(o.px <= 1, `pseudo-locale at 375 px overflows by ${o.px} px: ${o.what}`);
  assert.deepEqual(errors, []);
});
