// SEND Casebook service worker. Generated at build time by pwa/post_build.py from
// pwa/sw.template.js: PRECACHE lists every file of the build, CACHE_NAME changes whenever any
// file's contents change. Do not edit dist/sw.js by hand.
'use strict';

const CACHE_PREFIX = 'send-casebook-';
const CACHE_NAME = '__CACHE_NAME__';
const PRECACHE = __PRECACHE__;
const APP_SHELL = '/index.html';
// The pre-rendered pages of this version, by address, with their hashes (pwa/prerender.mjs).
// They are not downloaded at install (they would add a third to the download); each is kept
// with this version the first time the app is opened at its address, and served from then on,
// so an installed app shows the page itself before the app starts, online or not.
const PAGES = __PAGES__;

// One file of this version, from the server itself. `cache: 'no-cache'` makes the browser ask
// the server even when a host lets it keep a file (an index.html kept for an hour would
// otherwise come from the old version), and `integrity` refuses any file whose bytes are not
// this build's (an upload half done, an old copy on a cache in between): the install then fails
// and is tried again later, so the app never runs with a mix of two versions. A response that
// came through a redirect (a host that sends /index.html to /) is stored as a plain response:
// a browser refuses a redirected response as the answer to a page load.
async function fetchFresh({ url, integrity }) {
  const response = await fetch(new Request(url, { cache: 'no-cache', integrity }));
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  if (!response.redirected) return response;
  const headers = new Headers(response.headers);
  // The body below is the decoded file: its old encoding and length no longer describe it.
  headers.delete('Content-Encoding');
  headers.delete('Content-Length');
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

self.addEventListener('install', (event) => {
  // Every file must be cached before this version can take over: a half-cached app would fail
  // offline. They go into this version's own cache (named after the files' contents), which
  // replaces the old one whole when the parent chooses to update. If anything goes wrong the
  // half-filled cache is removed and the install fails, to be tried again on the next check.
  event.waitUntil((async () => {
    try {
      const responses = await Promise.all(PRECACHE.map(fetchFresh));
      const cache = await caches.open(CACHE_NAME);
      await Promise.all(responses.map((response, i) => cache.put(PRECACHE[i].url, response)));
      const stored = await cache.keys();
      // Another version's activation may have deleted this cache meanwhile: check it is whole.
      if (!(await caches.has(CACHE_NAME)) || stored.length < PRECACHE.length) {
        throw new Error('the cache is not complete');
      }
    } catch (error) {
      await caches.delete(CACHE_NAME);
      throw error;
    }
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
    // Every page of the app is the same shell; the router inside it shows the right page. A
    // pre-rendered page of this version is served instead once it has been kept. Cache first,
    // so a new version is only used once the parent has chosen to update.
    event.respondWith((async () => {
      const cache = await caches.open(CACHE_NAME);
      const page = PAGES[url.pathname.replace(/\/+$/, '') || '/'];
      if (page) {
        const kept = await cache.match(page.url);
        if (kept) return kept;
        // Keep it for next time, if it is this version's (the hash says so).
        event.waitUntil(fetchFresh(page)
          .then((response) => cache.put(page.url, response))
          .catch(() => {}));
      }
      return (await cache.match(APP_SHELL)) || fetch(request);
    })());
    return;
  }

  event.respondWith((async () => {
    const cache = await caches.open(CACHE_NAME);
    return (await cache.match(request, { ignoreSearch: true })) || fetch(request);
  })());
});
