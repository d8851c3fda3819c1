// Trunk post-build hook (Trunk.toml `[[hooks]]`): finishes the static site in Trunk's staging directory, offline,
// with node alone. Trunk sets TRUNK_STAGING_DIR (the build about to become dist/), TRUNK_SOURCE_DIR and
// TRUNK_PROFILE. It writes:
//
// - oembed.json (oEmbed 1.0, type "rich": an iframe of the playground in embed mode) and rewrites the discovery
//   link in index.html. A static site does not know its own address and an oEmbed consumer needs absolute URLs,
//   so set SCALELAB_SITE_URL to the site's public address (e.g. https://example.org/courses/lab/) when building
//   for publication: both then hold absolute URLs. Without it they stay relative (`oembed.json`, `./?embed=1`),
//   which keeps the build relocatable but only suits consumers that resolve URLs against the page.
// - sw.js from the template www/sw.js: FILES lists every file of the build, VERSION is the first 16 hex digits of a
//   SHA-256 over their names and contents (so any change to any file is a new version). Debug builds get no FILES.
//
// Exits non-zero with a sentence when something is wrong (Trunk then fails the build).

import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === "release";
const site = process.env.SCALELAB_SITE_URL ?? "";

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join("/"));
  }
  return out.sort();
}

function attr(s) {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

async function oembed() {
  if (site && !/^https?:\/\/[^\s"<>]+\/$/.test(site)) {
    throw new Error(`SCALELAB_SITE_URL must be an absolute http(s) address ending in "/", not ${JSON.stringify(site)}`);
  }
  const base = site || "./";
  const [width, height] = [960, 640];
  const doc = {
    version: "1.0",
    type: "rich",
    provider_name: "Scale Lab",
    provider_url: base,
    title: "Scale Lab: from one server to millions of users",
    html:
      `<iframe src="${attr(base + "?embed=1")}" title="Scale Lab" width="${width}" height="${height}" ` +
      `style="max-width: 100%; border: 1px solid #ccd; border-radius: 8px" loading="lazy" ` +
      `allow="clipboard-write; fullscreen"></iframe>`,
    width,
    height,
    thumbnail_url: base + "icons/icon-512.png",
    thumbnail_width: 512,
    thumbnail_height: 512,
    cache_age: 86400,
  };
  await writeFile(join(staging, "oembed.json"), JSON.stringify(doc, null, 2) + "\n");
  const index = join(staging, "index.html");
  const html = await readFile(index, "utf8");
  const link = /(<link rel="alternate" type="application\/json\+oembed" href=")oembed\.json(")/;
  if (!link.test(html)) throw new Error("index.html has no oEmbed discovery link to rewrite");
  if (site) await writeFile(index, html.replace(link, `$1${attr(site)}oembed.json$2`));
}

async function serviceWorker() {
  const template = await readFile(join(source, "www", "sw.js"), "utf8");
  const listed = release ? (await files(staging)).filter((f) => f !== "sw.js") : [];
  const hash = createHash("sha256");
  for (const f of listed) {
    hash.update(f + "\0");
    hash.update(createHash("sha256").update(await readFile(join(staging, f))).digest());
  }
  const version = release ? hash.digest("hex").slice(0, 16) : "dev";
  for (const marker of ['"__SCALELAB_VERSION__"', '["__SCALELAB_FILES__"]']) {
    if (!template.includes(marker)) throw new Error(`www/sw.js lost its ${marker} marker`);
  }
  const script = template
    .replace('"__SCALELAB_VERSION__"', JSON.stringify(version))
    .replace('["__SCALELAB_FILES__"]', JSON.stringify(listed));
  await writeFile(join(staging, "sw.js"), script);
  console.log(`postbuild: sw.js version ${version}, ${listed.length} files precached`);
}

try {
  if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this as Trunk's post_build hook");
  await oembed();
  await serviceWorker();
} catch (error) {
  console.error(`postbuild: ${error.message}`);
  process.exit(1);
}
