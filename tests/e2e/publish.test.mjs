// Publishing: the release build served by Debian's nginx with the site file the README's
// "Publish it" gives (publish/nginx/send-casebook.conf). Its types, caching, compression and
// security headers; the app offline from it; an update reaching parents even when a host lets
// browsers keep an old index.html; and a host that redirects /index.html to /.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DIST, launchBrowser, openPage, startNginx, waitForServiceWorker, copyOfDist, publishNewVersion,
} from './helpers.mjs';

/** A GET with the headers given, without decompressing: status, headers and the body's length. */
function get(origin, pathname, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(origin + pathname, { headers }, (response) => {
      let length = 0;
      response.on('data', (chunk) => { length += chunk.length; });
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, length }));
    }).on('error', reject);
  });
}

const hashed = (pattern) => readdirSync(DIST).find((name) => pattern.test(name));

test('nginx sends every file with its type, caching rule, compression and the security headers', async () => {
  const server = await startNginx();
  try {
    const wasm = hashed(/_bg\.wasm$/);
    const script = hashed(/^send-casebook-[0-9a-f]+\.js$/);
    for (const page of ['/', '/index.html', '/guide/mediation', '/letters/complaint-school', '/records/case-x/timeline']) {
      const r = await get(server.origin, page);
      assert.equal(r.status, 200, page);
      assert.match(r.headers['content-type'], /^text\/html/, page);
      assert.equal(r.headers['cache-control'], 'no-cache', `${page} is always checked again`);
      assert.match(r.headers['content-security-policy'], /default-src 'none'.*frame-ancestors 'none'/, page);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', page);
      assert.equal(r.headers['referrer-policy'], 'no-referrer', page);
    }
    const worker = await get(server.origin, '/sw.js');
    assert.equal(worker.headers['cache-control'], 'no-cache');
    assert.match(worker.headers['content-type'], /javascript/);
    const manifest = await get(server.origin, '/manifest.webmanifest');
    assert.match(manifest.headers['content-type'], /^application\/manifest\+json/);
    assert.equal(manifest.headers['cache-control'], 'no-cache');
    for (const file of [wasm, script, hashed(/^app-[0-9a-f]+\.css$/)]) {
      assert.ok(file, 'the build has the file');
      const r = await get(server.origin, `/${file}`);
      assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', file);
    }
    assert.equal((await get(server.origin, `/${wasm}`)).headers['content-type'], 'application/wasm');
    // The build's own .gz copy is what goes out to a browser that takes gzip.
    const packed = await get(server.origin, `/${wasm}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(packed.headers['content-encoding'], 'gzip');
    assert.equal(packed.length, statSync(path.join(DIST, `${wasm}.gz`)).size);
    assert.equal((await get(server.origin, `/${wasm}`)).length, statSync(path.join(DIST, wasm)).size, 'plain without Accept-Encoding');
    // A hashed file that is not there is a 404, never the app's page.
    assert.equal((await get(server.origin, '/send-casebook-0000000000000000.js')).status, 404);
    assert.equal((await get(server.origin, '/send-casebook-0000000000000000_bg.wasm')).status, 404);
  } finally {
    await server.stop();
  }
});

test('served by nginx: with nginx stopped, the app reloads and deep links open', async () => {
  const browser = await launchBrowser();
  const server = await startNginx();
  const app = await openPage(browser, server.origin);
  const { page } = app;
  try {
    await app.visit('/guide/mediation');
    await waitForServiceWorker(page);
    await server.stop();
    await page.reload();
    await page.locator('main h1', { hasText: 'Mediation' }).waitFor();
    for (const [address, heading] of [['/letters', 'Letters'], ['/options', 'What can I do?'], ['/records', 'My records']]) {
      await app.visit(address);
      assert.equal(await page.locator('main h1').first().textContent(), heading, address);
    }
    app.assertClean();
  } finally {
    await app.close();
    await browser.close();
    await server.stop();
  }
});

test('a host that lets browsers keep index.html for an hour: the update still brings the new index.html, offline too', async () => {
  const dir = copyOfDist();
  const badHost = (site) => site.replace(
    /^( {4}default +"no-cache";)$/m,
    '    "~^/index\\.html$"  "public, max-age=3600";\n$1',
  );
  const browser = await launchBrowser();
  let server = await startNginx({ dir, change: badHost });
  const app = await openPage(browser, server.origin);
  const { page } = app;
  try {
    assert.equal((await get(server.origin, '/index.html')).headers['cache-control'], 'public, max-age=3600', 'the host really lets browsers keep it');
    // My records: an address with no pre-rendered page, so the app's shell (index.html).
    await app.visit('/records');
    await waitForServiceWorker(page);
    publishNewVersion(dir, (text) => text.replace('<title>SEND Casebook</title>', '<title>SEND Casebook</title><meta name="version" content="next">'));
    await page.reload();
    const banner = page.getByTestId('update-banner');
    await banner.waitFor({ timeout: 30000 });
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('meta[name=version]').count(), 1, 'the new index.html, not the one the browser kept');
    await server.stop();
    await page.reload();
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('meta[name=version]').count(), 1, 'offline: the new version whole');
    server = await startNginx({ dir, port: server.port, change: badHost });
    app.assertClean();
  } finally {
    await app.close();
    await browser.close();
    await server.stop();
  }
});

test('a host that redirects /index.html to /: the app still works offline', async () => {
  // A plain static host with "pretty URLs": / is index.html, /index.html redirects to /, and
  // every other address falls back to / (no pre-rendered pages).
  const redirecting = (site) => site
    .replace('        try_files /pages/index.html /index.html;', '        try_files /index.html =404;\n    }\n\n    location = /index.html {\n        return 301 /;')
    .replace('        try_files $uri /pages$uri.html /index.html;', '        try_files $uri /;');
  const browser = await launchBrowser();
  const server = await startNginx({ change: redirecting });
  const app = await openPage(browser, server.origin);
  const { page } = app;
  try {
    const redirect = await get(server.origin, '/index.html');
    assert.equal(redirect.status, 301, 'the host really redirects');
    await app.visit('/');
    await waitForServiceWorker(page);
    await server.stop();
    await page.reload();
    await page.locator('main h1').waitFor();
    await app.visit('/guide/appeals');
    await page.locator('main h1', { hasText: 'Appeals' }).waitFor();
    app.assertClean();
  } finally {
    await app.close();
    await browser.close();
    await server.stop();
  }
});

test('an upload caught half-way (a new sw.js, an index.html that is not the one it lists) is refused whole', async () => {
  const dir = copyOfDist();
  const browser = await launchBrowser();
  const server = await startNginx({ dir });
  const app = await openPage(browser, server.origin);
  const { page } = app;
  try {
    await app.visit('/');
    await waitForServiceWorker(page);
    // The new service worker is up, but index.html is neither the old nor the one it lists.
    const worker = path.join(dir, 'sw.js');
    writeFileSync(worker, readFileSync(worker, 'utf8').replace(/const CACHE_NAME = '([^']+)'/, "const CACHE_NAME = '$1-next'"));
    const index = path.join(dir, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<title>SEND Casebook</title>', '<title>SEND Casebook</title><meta name="version" content="half">'));
    for (const name of ['sw.js.gz', 'index.html.gz']) rmSync(path.join(dir, name), { force: true });
    await page.reload();
    await page.locator('main h1').waitFor();
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration && !registration.installing;
    }, null, { timeout: 20000 });
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)), false, 'no version waits');
    assert.equal(await page.getByTestId('update-banner').count(), 0, 'no update is offered');
    const caches = await page.evaluate(() => caches.keys());
    assert.equal(caches.length, 1, `only the working version's cache is kept: ${caches}`);
    await server.stop();
    await page.reload();
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('meta[name=version]').count(), 0, 'offline, the old version whole');
  } finally {
    await app.close();
    await browser.close();
    await server.stop();
  }
});
