// Pre-rendered pages: the guide reads before the wasm has loaded and with JavaScript switched
// off, its links work, and when the app takes over nothing moves and nothing changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  DIST, sharedBrowserAndServer, guideSections, screenshotPath, startServer, openPage, waitForServiceWorker,
} from './helpers.mjs';

const env = sharedBrowserAndServer();

test('every page of the guide is pre-rendered, and not cached by the service worker', async () => {
  for (const { slug } of guideSections()) {
    assert.ok(existsSync(path.join(DIST, 'pages/guide', `${slug}.html`)), slug);
  }
  for (const page of ['index', 'guide', 'contacts', 'about', 'dates', 'options']) {
    assert.ok(existsSync(path.join(DIST, 'pages', `${page}.html`)), page);
  }
  const worker = await fetch(`${env.server.origin}/sw.js`).then((r) => r.text());
  const precache = JSON.parse(worker.match(/const PRECACHE = (\[[\s\S]*?\]);/)[1]);
  assert.ok(precache.length > 5 && precache.every(({ url }) => !url.startsWith('/pages/')), 'the worker does not download pre-rendered pages at install');
  assert.match(worker, /"\/guide\/mediation": \{\s*"url": "\/pages\/guide\/mediation\.html",\s*"integrity": "sha256-/, 'it knows them, with their hashes');
});

test('with JavaScript switched off, the guide reads and its links work', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${env.server.origin}/`);
    assert.equal(await page.locator('main h1').textContent(), 'SEND Casebook');
    await page.getByRole('link', { name: 'Mediation', exact: true }).first().click();
    await page.waitForURL('**/guide/mediation');
    assert.equal(await page.locator('main h1').textContent(), 'Mediation');
    assert.match(await page.locator('main').textContent(), /SEND Code of Practice, paragraph 11\.13/);
    assert.equal(await page.title(), 'Mediation – SEND Casebook');
    await page.screenshot({ path: screenshotPath('no-javascript-mediation.png') });
    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForURL('**/guide/appeals');
    assert.equal(await page.locator('main h1').textContent(), 'Appeals');
    await page.goto(`${env.server.origin}/contacts`);
    assert.ok(await page.locator('main a[href^="tel:"]').count() > 3, 'tap-to-call links without JavaScript');
    assert.equal(await page.getByText('needs JavaScript').count(), 0);
  } finally {
    await context.close();
  }
});

test('keyboard focus in a pre-rendered page stays where it is when the app takes over', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // Hold the app back until the parent has pressed Tab on the pre-rendered page.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${env.server.origin}/guide/complaints`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const before = await page.evaluate(() => ({ text: document.activeElement.textContent, prerendered: Boolean(document.activeElement.closest('[data-prerendered]')) }));
  assert.equal(before.prerendered, true, 'focus is on the pre-rendered page');
  release();
  await page.waitForFunction(() => !document.querySelector('[data-prerendered]'));
  const after = await page.evaluate(() => ({ text: document.activeElement.textContent, prerendered: Boolean(document.activeElement.closest('[data-prerendered]')) }));
  assert.deepEqual(after, { ...before, prerendered: false });
  await context.close();
});

test('when the app takes over a pre-rendered page, nothing moves and the words are the same', async () => {
  for (const address of ['/', '/guide/mediation', '/contacts', '/dates']) {
    const off = await env.browser.newContext({ javaScriptEnabled: false });
    const before = await off.newPage();
    await before.goto(env.server.origin + address);
    const prerendered = await before.locator('main').innerText();
    await off.close();

    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.server.origin + address);
    await page.waitForFunction(() => document.querySelectorAll('[data-prerendered]').length === 0 && document.querySelector('main h1'));
    await page.waitForTimeout(300);
    assert.equal(await page.locator('main').count(), 1, `${address}: one page, not two`);
    assert.equal(await page.locator('main').innerText(), prerendered, `${address}: the same words`);
    assert.equal(await page.evaluate(() => window.shift), 0, `${address}: no layout shift`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('an installed app keeps a pre-rendered page once opened, and shows it offline before the app starts', async () => {
  const server = await startServer();
  const app = await openPage(env.browser, server.origin);
  const { page } = app;
  try {
    await app.visit('/');
    await waitForServiceWorker(page);
    // Opened once at its address: the worker answers with the shell, and keeps the page.
    await app.visit('/guide/mediation');
    await page.waitForFunction(async () => {
      for (const name of await caches.keys()) {
        if (await (await caches.open(name)).match('/pages/guide/mediation.html')) return true;
      }
      return false;
    }, null, { timeout: 10000 });
    await server.stop();
    const response = await page.goto(`${server.origin}/guide/mediation`);
    assert.ok(response.fromServiceWorker(), 'answered by the service worker');
    assert.match(await response.text(), /data-prerendered[\s\S]*Mediation/);
    await page.waitForFunction(() => !document.querySelector('[data-prerendered]') && document.querySelector('main h1'));
    assert.equal(await page.locator('main h1').textContent(), 'Mediation');
    // An address with no pre-rendered page is still the app, offline.
    await app.visit('/records');
    assert.equal(await page.locator('main h1').textContent(), 'My records');
    app.assertClean();
  } finally {
    await app.close();
    await server.stop();
  }
});
