// The app's service worker (README "Warm loads"). It keeps this browser's copy of the app's page
// (index.html) and of its content-hashed files, so that a load of one of the app's own pages
// needs no network before the app starts, and the app opens when the web server is out of reach:
// - a navigation to one of APP_PATHS is answered with the copy of the page at once, and the page
//   is fetched again behind it: a new version (a new deploy) is kept for the next load;
// - a content-hashed file (Trunk's names: name-<16 hex>.ext, never changed once published) is
//   answered from the copy, or fetched once and kept;
// - everything else (config.json, Microsoft Graph, ARM, the sign-in pages, any other site on this
//   host) is not touched: the browser fetches it as if there were no service worker.
// Keep APP_PATHS in step with src/config.rs (tests/build_config.rs checks).
const APP_PATHS = ["/", "/activate", "/requests", "/approvals", "/assignments", "/settings", "/audit", "/reviews", "/auth/callback"];
const CACHE = "pim-app";
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

const scope = new URL(self.registration.scope);
const base = scope.pathname.replace(/\/$/, "");
// The page is kept under the app's base address, whatever path it was first asked for at.
const PAGE = scope.href;

const appPage = (url) => {
  if (url.origin !== scope.origin || !url.pathname.startsWith(base)) return false;
  const here = url.pathname.slice(base.length).replace(/(.)\/$/, "$1") || "/";
  return APP_PATHS.includes(here);
};
const hashedFile = (url) =>
  url.origin === scope.origin && url.pathname.startsWith(scope.pathname) && HASHED.test(url.pathname);

// Keeps a fresh copy of the page, and of the hashed files it names that this browser already has
// in its HTTP cache (so a first visit downloads nothing twice and never the build it did not use).
async function keepPage(cache, response) {
  if (!response.ok || response.type !== "basic") return;
  const text = await response.clone().text();
  await cache.put(PAGE, response);
  const names = [...text.matchAll(/(?:href|content)="([^"]+)"/g)].flatMap((m) => m[1].split(" "));
  await Promise.all(
    names
      .map((name) => new URL(name, scope))
      .filter(hashedFile)
      .map(async (url) => {
        if (await cache.match(url)) return;
        try {
          const file = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
          if (file.ok) await cache.put(url, file);
        } catch {}
      }),
  );
}

// Drops the hashed files the page being served does not name (an earlier deploy's).
async function prune(cache, page) {
  const text = await page.clone().text();
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (hashedFile(url) && !text.includes(url.pathname.split("/").pop())) await cache.delete(request);
  }
}

async function answerPage(event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(PAGE);
  if (!kept) {
    const response = await fetch(event.request);
    event.waitUntil(keepPage(cache, response.clone()).catch(() => {}));
    return response;
  }
  event.waitUntil(
    (async () => {
      await prune(cache, kept);
      await keepPage(cache, await fetch(PAGE, { cache: "no-cache" }));
    })().catch(() => {}),
  );
  return kept;
}

async function answerFile(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    cache.put(request, copy).catch(() => {});
  }
  return response;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await keepPage(cache, await fetch(PAGE, { cache: "no-cache" })).catch(() => {});
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate" && appPage(url)) event.respondWith(answerPage(event));
  else if (hashedFile(url)) event.respondWith(answerFile(request));
});
