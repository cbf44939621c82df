// SEND Casebook service worker. Generated at build time by pwa/post_build.py from
// pwa/sw.template.js: PRECACHE lists every file of the build, CACHE_NAME changes whenever any
// file's contents change. Do not edit dist/sw.js by hand.
'use strict';

const CACHE_PREFIX = 'send-casebook-';
const CACHE_NAME = '__CACHE_NAME__';
const PRECACHE = __PRECACHE__;
const APP_SHELL = '/index.html';

// One file of this version, from the server itself: `cache: 'reload'` skips the browser's HTTP
// cache, so a host that lets browsers keep index.html (or any file) for a while can never put a
// file of the old version into this version's cache. A response that came through a redirect
// (a host that sends /index.html to /) is stored as a plain response: a browser refuses a
// redirected response as the answer to a page load.
async function fetchFresh(url) {
  const response = await fetch(new Request(url, { cache: 'reload' }));
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

self.addEventListener('install', (event) => {
  // Every file must be cached before this version can take over: a half-cached app would fail
  // offline. All of them go into this version's own cache (named after the files' contents),
  // which replaces the old one whole when the parent chooses to update, so the app never runs
  // with a mix of two versions.
  event.waitUntil((async () => {
    const responses = await Promise.all(PRECACHE.map(fetchFresh));
    const cache = await caches.open(CACHE_NAME);
    await Promise.all(responses.map((response, i) => cache.put(PRECACHE[i], response)));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    // Every page of the app is the same shell; the router inside it shows the right page.
    // Cache first, so a new version is only used once the parent has chosen to update.
    event.respondWith((async () => {
      const cache = await caches.open(CACHE_NAME);
      return (await cache.match(APP_SHELL)) || fetch(request);
    })());
    return;
  }

  event.respondWith((async () => {
    const cache = await caches.open(CACHE_NAME);
    return (await cache.match(request, { ignoreSearch: true })) || fetch(request);
  })());
});
