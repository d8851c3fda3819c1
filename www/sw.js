// Scale Lab's service worker: after one visit the playground opens and runs with no network.
//
// This file is a template: the Trunk post-build hook (www/postbuild.mjs) writes dist/sw.js from it, with FILES
// (every file of the build, relative to this script) and VERSION (a hash of their names and contents). A new build
// therefore changes this script's bytes, which is how the browser notices an update: the new worker installs
// beside the old one and waits; the app shows "A new version of Scale Lab is ready" and, on Reload, posts
// "skipWaiting" and reloads once the new worker controls the page. Nothing is fetched from outside the site.
//
// Its scope is the directory it is served from, so a site at any sub-path works, and two Scale Lab sites on one
// origin keep separate caches (the cache name holds the scope). Debug builds (trunk serve) get FILES = []: the
// worker then caches nothing and never answers a request, so development always sees the latest build.

const VERSION = "__SCALELAB_VERSION__";
const FILES = ["__SCALELAB_FILES__"];
const SCOPE = self.registration.scope;
const PREFIX = `scalelab ${SCOPE} `;
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  // Every file or none: a failed download fails the install, and the browser tries again on a later visit.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((f) => new Request(new URL(f, SCOPE), { cache: "reload" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      // The first visit's page is controlled at once (so it works offline after one visit); an update only
      // activates when the reader asked for it, so claiming then reloads nothing unexpected.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skipWaiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (FILES.length === 0 || request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  // The page itself under any query or fragment (?embed=1, #t/cache) is index.html; other files by name.
  let path = new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length);
  if (path === "" || path.endsWith("/")) path += "index.html";
  if (!FILES.includes(decodeURIComponent(path))) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(new URL(path, SCOPE).href, { ignoreSearch: true }))
      .then((hit) => hit || fetch(request)),
  );
});
