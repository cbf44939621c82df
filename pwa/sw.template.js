// SEND Casebook service worker. Generated at build time by pwa/post_build.py from
// pwa/sw.template.js: PRECACHE lists every file of the build, CACHE_NAME changes whenever any
// file's contents change. Do not edit dist/sw.js by hand.
'use strict';

const CACHE_PREFIX = 'send-casebook-';
const CACHE_NAME = '__CACHE_NAME__';
const PRECACHE = __PRECACHE__;
const APP_SHELL = '/index.html';

self.addEventListener('install', (event) => {
  // Every file must be cached before this version can take over: a half-cached app would fail
  // offline. The new version then waits until the parent chooses to update.
  event.waitUntil(caches.open(CACHE_NAME).then((cache) => cache.addAll(PRECACHE)));
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
