// Offline: on install, cache every file of the build (precache.json); then
// answer from the network when it answers, else from the cache. The page
// makes no other request: nothing typed is ever sent.
const CACHE = "replylint-playground";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const files = await (await fetch("./precache.json", { cache: "no-store" })).json();
      const cache = await caches.open(CACHE);
      await cache.addAll(files);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      } catch (e) {
        const cached = await cache.match(request, { ignoreSearch: true });
        if (cached) return cached;
        throw e;
      }
    })(),
  );
});
