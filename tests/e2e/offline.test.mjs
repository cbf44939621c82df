// The app keeps working with no network at all: the server is stopped, not just "offline"
// emulated (which does not stop the service worker's own requests). The same walk with service
// workers blocked must fail, or the test would prove nothing. And a new version is applied only
// when the parent chooses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import {
  launchBrowser, startServer, openPage, waitForServiceWorker, copyOfDist, guideSections, assertNoAxeViolations, chooseSituation, publishNewVersion,
} from './helpers.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Reads sections and searches the way a parent would, with no server behind the page. */
async function walkTheGuide(app) {
  const { page } = app;
  await app.visit('/guide');
  for (const { slug, title } of guideSections()) {
    await page.getByTestId('section-list').getByRole('link', { name: title, exact: true }).click();
    await page.waitForURL(`**/guide/${slug}`);
    assert.equal(await page.locator('main h1').textContent(), title);
    await page.goBack();
    await page.waitForURL('**/guide');
  }
  // Deep links, typed or opened from a bookmark, come from the cache too.
  await app.visit('/guide/appeals');
  assert.equal(await page.locator('main h1').textContent(), 'Appeals');
  await app.visit('/search?q=certificate');
  await page.getByTestId('search-results').waitFor();
  assert.ok((await page.getByTestId('search-results').locator('li').count()) >= 1);
  await page.getByLabel('Words to find').fill('complaint');
  await page.waitForURL('**/search?q=complaint');
  await page.getByTestId('search-results').getByRole('link', { name: 'Making a Complaint' }).waitFor();
  await app.visit('/contacts');
  // Working out dates needs nothing from the network either.
  await app.visit('/dates');
  await chooseSituation(page, 'A draft EHC plan');
  await page.locator('#draft-served-day').fill('1');
  await page.locator('#draft-served-month').fill('8');
  await page.locator('#draft-served-year').fill('2025');
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').locator('time[datetime="2025-08-15"]').waitFor();
  // So does "What can I do?".
  await app.visit('/options');
  await page.getByLabel('Yes, in Hertfordshire').check();
  await page.getByLabel('The council has decided to stop (cease) the EHC plan').check();
  await page.getByTestId('show-options').click();
  await page.locator('[data-route=appeal]').waitFor();
  await app.visit('/no-such-page');
  await page.getByTestId('not-found').waitFor();
}

test('with the server stopped, a reload still shows every section, search and deep links', async () => {
  const server = await startServer();
  const app = await openPage(browser, server.origin);
  const { page } = app;
  await app.visit('/');
  await waitForServiceWorker(page);
  assert.equal(await page.getByTestId('offline-status').textContent(), 'Saved on this device: works without a signal.');

  await server.stop();
  const check = await fetch(server.origin).then(() => 'reachable', () => 'unreachable');
  assert.equal(check, 'unreachable', 'the server really is stopped');

  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await page.locator('main h1').textContent(), 'SEND Casebook');
  await walkTheGuide(app);
  await assertNoAxeViolations(page, 'a page loaded offline');
  app.assertClean();
  await app.close();
});

test('the same walk fails with service workers blocked, so the test above proves something', async () => {
  const server = await startServer();
  const app = await openPage(browser, server.origin, { contextOptions: { serviceWorkers: 'block' } });
  const { page } = app;
  await app.visit('/');
  await server.stop();
  await assert.rejects(page.reload(), /ERR_CONNECTION_REFUSED/);
  await assert.rejects(app.visit('/guide/appeals'), /ERR_CONNECTION_REFUSED/);
  await app.close();
});

// The banner used to be missed now and then: scripts/serve.py answered "304 Not Modified" for a
// sw.js changed within the same second as the copy the browser had (If-Modified-Since has
// one-second resolution), so the browser never saw the new version. The new version below keeps
// the old files' modification times, so that case is tested on every run.
test('a new version waits for the parent to choose "Update now"', async () => {
  await updateScenario();
});

/** What the page and its service workers were doing, for a missing update banner. */
async function updateDiagnosis(app) {
  const { page } = app;
  const workers = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const describe = (w) => (w ? `${w.state} ${w.scriptURL}` : null);
    return {
      controller: describe(navigator.serviceWorker.controller),
      active: describe(registration?.active),
      waiting: describe(registration?.waiting),
      installing: describe(registration?.installing),
      caches: await caches.keys(),
    };
  }).catch((e) => `could not ask: ${e.message}`);
  // Is the app still running? A client-side link should change the page.
  let appAlive;
  try {
    await page.getByRole('link', { name: 'Guide', exact: true }).first().click({ timeout: 3000 });
    await page.waitForURL(/\/guide$/, { timeout: 3000 });
    appAlive = await page.locator('main h1').textContent({ timeout: 3000 });
  } catch (e) {
    appAlive = `no: ${e.message.split('\n')[0]}`;
  }
  return { workers, appAlive, errors: app.errors };
}

async function updateScenario() {
  const dir = copyOfDist();
  const server = await startServer({ dir });
  const app = await openPage(browser, server.origin);
  const { page } = app;
  try {
    await app.visit('/search');
    await waitForServiceWorker(page);
    const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);

    // Publish a new version: a changed service worker (new cache name) and a marker page change,
    // with the files' old modification times (as if changed within the same second).
    publishNewVersion(dir, (text) => text.replace('<title>SEND Casebook</title>', '<title>SEND Casebook</title><meta name="version" content="next">'), { keepTimes: true });

    // The parent opens the app again (still the old version, from the cache); the app checks for
    // a new version as it starts. They start typing straight away.
    await page.reload();
    await page.locator('main h1').waitFor();
    await page.evaluate(() => { window.sameDocument = true; });
    await page.getByLabel('Words to find').fill('half-typed words');
    const banner = page.getByTestId('update-banner');
    try {
      await banner.waitFor({ timeout: 30000 });
    } catch (error) {
      throw new Error(`${error.message}\nwhat the page knew: ${JSON.stringify(await updateDiagnosis(app))}`);
    }
    assert.match(await banner.textContent(), /A new version of SEND Casebook is ready/);
    await assertNoAxeViolations(page, 'the update banner');

    // Nothing happened behind the parent's back: same page, same words in the box, old worker.
    assert.equal(await page.evaluate(() => window.sameDocument), true);
    assert.equal(await page.getByLabel('Words to find').inputValue(), 'half-typed words');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), firstWorker);
    assert.equal(await page.locator('meta[name=version]').count(), 0);

    // "Not now" hides the banner and changes nothing.
    await banner.getByRole('button', { name: 'Not now' }).click();
    assert.equal(await banner.count(), 0);
    await page.waitForTimeout(4000); // longer than the page's own check for waiting versions
    assert.equal(await banner.count(), 0, '"Not now" is not overruled');
    assert.equal(await page.evaluate(() => window.sameDocument), true);

    // A second tab of the old version is open on My records when the parent updates in the first.
    const other = await app.context.newPage();
    await other.goto(`${server.origin}/records`);
    await other.locator('main h1').waitFor();
    assert.equal(await other.evaluate(() => navigator.serviceWorker.controller?.scriptURL), firstWorker);

    // When the parent chooses, the new version takes over and the page reloads into it.
    await page.reload();
    await banner.waitFor({ timeout: 20000 });
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await page.locator('main h1').waitFor();
    await page.waitForFunction(() => document.querySelector('meta[name=version]') !== null);
    const cacheNames = await page.evaluate(() => caches.keys());
    assert.equal(cacheNames.length, 1, `old caches are deleted: ${cacheNames}`);
    assert.match(cacheNames[0], /-next$/);

    // The old tab stops saving (it may not know the new version's way of storing records) and
    // asks for a reload; nothing it is asked to save is written.
    const stale = other.getByTestId('records-problem');
    await stale.waitFor({ timeout: 10000 });
    assert.match(await stale.textContent(), /A new version of SEND Casebook has started in another tab/);
    await other.getByLabel("Child's name or initials").fill('Typed in the old tab');
    await other.getByRole('button', { name: 'Add case' }).click();
    assert.equal(await other.getByTestId('case-list').count(), 0);
    assert.deepEqual(await other.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('send-casebook:records'))), []);
    await other.close();
    app.assertClean();
  } finally {
    await app.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
