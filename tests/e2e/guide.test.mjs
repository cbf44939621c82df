// A parent reads the guide online: home, contents, sections, contacts, search, not-found,
// keyboard, small screens, accessibility, privacy and printing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  sharedBrowserAndServer, openPage, assertNoAxeViolations, screenshotPath, guideSections, DIST,
} from './helpers.mjs';

const env = sharedBrowserAndServer();

test('the home page offers the guide, search and contacts', async () => {
  const app = await openPage(env.browser, env.server.origin);
  await app.visit('/');
  const { page } = app;
  assert.equal(await page.locator('h1').textContent(), 'SEND Casebook');
  assert.equal(await page.title(), 'SEND Casebook');
  const sections = guideSections();
  assert.equal(await page.getByTestId('section-list').locator('li').count(), sections.length);
  await page.screenshot({ path: screenshotPath('home.png'), fullPage: true });
  await assertNoAxeViolations(page, 'the home page');
  app.assertClean();
  await app.close();
});

test('a parent walks through every section, and back and forward work', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await app.visit('/guide');
  await assertNoAxeViolations(page, 'the guide contents');
  const sections = guideSections();
  assert.ok(sections.length >= 11, 'the guide has its sections');

  for (const [index, section] of sections.entries()) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
    await page.getByTestId('section-list').getByRole('link', { name: section.title, exact: true }).click();
    await page.waitForURL(`**/guide/${section.slug}`);
    assert.equal(await page.locator('main h1').textContent(), section.title);
    assert.equal(await page.title(), `${section.title} – SEND Casebook`);
    // Focus moves to the new page's heading, as it would after a full page load.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    await assertNoAxeViolations(page, `the section ${section.title}`);
    const next = sections[index + 1];
    if (next) {
      assert.equal(await page.locator('a[rel="next"] .pager__title').textContent(), next.title);
    } else {
      assert.equal(await page.locator('a[rel="next"]').count(), 0);
    }
  }

  await page.goBack();
  await page.waitForURL('**/guide');
  await page.goBack();
  await page.waitForURL(`**/guide/${sections.at(-2).slug}`);
  assert.equal(await page.locator('main h1').textContent(), sections.at(-2).title);
  await page.goForward();
  await page.waitForURL('**/guide');
  app.assertClean();
  await app.close();
});

test('links move between pages without reloading, the menu marks the page, and other clicks are left to the browser', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await app.visit('/');
  // A mark on the window: a full reload would remove it.
  await page.evaluate(() => { window.stillHere = true; });
  const menu = page.getByRole('navigation', { name: 'Main' });
  const current = () => menu.locator('a[aria-current="page"]').allTextContents();
  assert.deepEqual(await current(), ['Home']);

  await menu.getByRole('link', { name: 'Guide' }).click();
  await page.waitForURL('**/guide');
  assert.deepEqual(await current(), ['Guide']);
  // A link inside the page's text (not the menu) is followed in place too.
  await page.getByTestId('section-list').getByRole('link').first().click();
  await page.waitForURL('**/guide/*');
  assert.deepEqual(await current(), ['Guide'], 'a section is part of the guide');
  await menu.getByRole('link', { name: 'My records' }).click();
  await page.waitForURL('**/records');
  assert.deepEqual(await current(), ['My records']);
  assert.equal(await page.evaluate(() => window.stillHere), true, 'no page reload');

  // The search box's words go into the address without adding history entries.
  await menu.getByRole('link', { name: 'Search' }).click();
  await page.locator('#search-input').fill('mediation');
  await page.waitForURL('**/search?q=mediation');
  assert.equal(await page.locator('#search-input').inputValue(), 'mediation');
  await page.goBack();
  await page.waitForURL('**/records');
  assert.equal(await page.locator('main h1').textContent(), 'My records');
  await page.goForward();
  await page.waitForURL('**/search?q=mediation');
  assert.equal(await page.locator('#search-input').inputValue(), 'mediation', 'the words come back from the address');

  // A click with Ctrl (a new tab) is not taken over: this page stays where it is.
  const opened = page.context().waitForEvent('page');
  await menu.getByRole('link', { name: 'Contacts' }).click({ modifiers: ['Control'] });
  const tab = await opened;
  await tab.waitForLoadState();
  assert.equal(new URL(tab.url()).pathname, '/contacts');
  await tab.close();
  assert.equal(new URL(page.url()).pathname, '/search');
  assert.equal(await page.evaluate(() => window.stillHere), true, 'still no reload');
  // A link whose own click handler dealt with the click (as a Leptos on:click handler may) is
  // left alone.
  await page.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: '/about', id: 'handled', textContent: 'Handled' });
    link.addEventListener('click', (event) => event.preventDefault());
    document.querySelector('main').append(link);
  });
  await page.locator('#handled').click();
  await page.waitForTimeout(200);
  assert.equal(new URL(page.url()).pathname, '/search', 'a handled click is not followed');
  // A link to the same page with other words after ? (as "Did you mean" is) starts at the top.
  await app.visit('/guide/mediation');
  await page.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: '/guide/mediation?from=end', id: 'same-page', textContent: 'Same page' });
    document.querySelector('main').append(link);
    window.scrollTo(0, document.body.scrollHeight);
  });
  assert.ok(await page.evaluate(() => window.scrollY) > 500, 'scrolled down first');
  await page.locator('#same-page').click();
  await page.waitForURL('**/guide/mediation?from=end');
  await page.waitForFunction(() => window.scrollY === 0);
  // The skip link goes to the main content on the same page.
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).pathname, '/guide/mediation');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
  app.assertClean();
  await app.close();
});

test('a shared link to a section opens that section directly', async () => {
  const app = await openPage(env.browser, env.server.origin);
  await app.visit('/guide/mediation');
  const { page } = app;
  assert.equal(await page.locator('main h1').textContent(), 'Mediation');
  const quote = page.locator('.code-quote').first();
  assert.match(await quote.locator('figcaption').textContent(), /paragraph 11\.13/);
  assert.equal(await quote.locator('blockquote').count(), 1);
  assert.match(await page.getByTestId('guide-section').textContent(), /Integrated Care Boards/);
  await page.screenshot({ path: screenshotPath('section-mediation.png'), fullPage: true });
  app.assertClean();
  await app.close();
});

test('phone numbers and emails are tap-to-call and email links', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await app.visit('/guide/sen-officers');
  const tel = page.getByRole('link', { name: '01438 843758' });
  assert.equal(await tel.getAttribute('href'), 'tel:+441438843758');
  const mail = page.getByRole('link', { name: 'northhertsstevenage.senteam@hertfordshire.gov.uk' });
  assert.equal(await mail.getAttribute('href'), 'mailto:northhertsstevenage.senteam@hertfordshire.gov.uk');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  await page.waitForURL('**/contacts');
  const list = page.getByTestId('contact-list');
  for (const name of ['St Albans & Dacorum', 'Kids Mediation', 'Hertfordshire SENDIASS']) {
    assert.equal(await list.getByRole('heading', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await list.getByRole('link', { name: 'Call 01992 555847' }).getAttribute('href'), 'tel:+441992555847');
  assert.equal(
    await list.getByRole('link', { name: 'Email sendiass@hertfordshire.gov.uk' }).getAttribute('href'),
    'mailto:sendiass@hertfordshire.gov.uk',
  );
  await assertNoAxeViolations(page, 'the contacts page');
  await page.screenshot({ path: screenshotPath('contacts.png'), fullPage: true });
  app.assertClean();
  await app.close();
});

test('search finds words as the parent types, highlights them, and says when nothing matches', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await app.visit('/');
  await page.getByLabel('Search the guide').fill('tribunal');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL('**/search?q=tribunal');
  const input = page.getByLabel('Words to find');
  assert.equal(await input.inputValue(), 'tribunal');

  await input.fill('');
  await input.pressSequentially('mediat', { delay: 20 });
  await page.waitForURL('**/search?q=mediat');
  const summary = page.getByTestId('search-summary');
  await page.waitForFunction(() => /match “mediat”/.test(document.querySelector('[data-testid=search-summary]').textContent));
  assert.match(await summary.textContent(), /^\d+ sections match “mediat”\.$/);
  const results = page.getByTestId('search-results');
  const titles = await results.locator('h2').allTextContents();
  assert.ok(titles.includes('Mediation') && titles.includes('Kids Mediation'), titles.join(', '));
  const marks = await results.locator('mark').allTextContents();
  assert.ok(marks.length > 3);
  assert.ok(marks.every((m) => m.toLowerCase() === 'mediat'), marks.join(','));
  assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'typing keeps focus in the box');
  await assertNoAxeViolations(page, 'search results');
  await page.screenshot({ path: screenshotPath('search.png'), fullPage: true });

  // The search is in the address: a reload or a shared link shows the same results.
  await page.reload();
  await page.getByTestId('search-results').waitFor();
  assert.equal(await page.getByLabel('Words to find').inputValue(), 'mediat');

  await results.getByRole('link', { name: 'Kids Mediation' }).click();
  await page.waitForURL('**/guide/kids-mediation');

  await app.visit('/search?q=zebra%20crossing');
  assert.equal(await page.getByTestId('search-summary').textContent(), 'No sections match “zebra crossing”.');
  assert.match(await page.getByTestId('no-results').textContent(), /fewer words/);
  await assertNoAxeViolations(page, 'search with no results');

  // A small typo gets "Did you mean", which leads to the results.
  await app.visit('/search?q=mediaton');
  const mean = page.getByTestId('did-you-mean');
  await mean.waitFor();
  assert.equal(await mean.textContent(), 'Did you mean mediation?');
  await mean.getByRole('link', { name: 'mediation' }).click();
  await page.waitForURL('**/search?q=mediation');
  await page.getByTestId('search-results').waitFor();
  await app.visit('/search?q=apeal');
  assert.equal(await page.getByTestId('did-you-mean').textContent(), 'Did you mean appeal?');
  // A question about time limits leads to My dates and to the guide's routes.
  await app.visit('/search?q=how%20long%20do%20I%20have%20to%20appeal');
  const pages = page.getByTestId('search-pages');
  await pages.waitFor();
  assert.deepEqual(await pages.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['/dates', '/options']);
  await assertNoAxeViolations(page, 'search with suggestions');

  // Text that looks like HTML is shown as text, never run or rendered.
  await app.visit('/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  assert.equal(await page.locator('main img').count(), 0);
  assert.match(await page.getByTestId('search-summary').textContent(), /<img src=x onerror=alert\(1\)>/);
  app.assertClean();
  await app.close();
});

test('an unknown address shows a friendly page-not-found', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  for (const address of ['/no-such-page', '/guide/no-such-section']) {
    await app.visit(address);
    assert.equal(await page.getByTestId('not-found').textContent(), 'Page not found');
    assert.equal(await page.getByRole('link', { name: 'see all sections of the guide' }).count(), 1);
    await assertNoAxeViolations(page, `not found (${address})`);
  }
  await app.visit('/about');
  assert.ok((await page.getByTestId('corrections').locator('li').count()) >= 2);
  await assertNoAxeViolations(page, 'the about page');
  app.assertClean();
  await app.close();
});

test('the keyboard alone reaches everything, starting with the skip link', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await app.visit('/guide/complaints');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ text: document.activeElement.textContent, href: document.activeElement.getAttribute('href') }));
  assert.deepEqual(first, { text: 'Skip to main content', href: '#main-content' });
  // The focused skip link is visible on screen.
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main-content');

  // Tab onward to the "Next" link and follow it with Enter.
  let found = false;
  for (let i = 0; i < 40 && !found; i += 1) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement.getAttribute('rel') === 'next');
  }
  assert.ok(found, 'the Next link can be reached with Tab');
  // Focus is visible: the focus style changes the background.
  const background = await page.evaluate(() => getComputedStyle(document.activeElement).backgroundColor);
  assert.equal(background, 'rgb(255, 221, 0)');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/guide/disagreement-resolution');
  app.assertClean();
  await app.close();
});

test('pages fit a 320 pixel wide phone screen without sideways scrolling', async () => {
  const app = await openPage(env.browser, env.server.origin, { viewport: { width: 320, height: 640 } });
  const { page } = app;
  for (const address of ['/', '/guide', '/guide/sen-officers', '/guide/appeals', '/contacts', '/search?q=appeal', '/about', '/dates', '/records']) {
    await app.visit(address);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `${address} scrolls sideways by ${overflow}px`);
  }
  await app.visit('/guide/sen-officers');
  await page.screenshot({ path: screenshotPath('phone-sen-officers.png'), fullPage: true });
  app.assertClean();
  await app.close();
});

test('printing a section gives the text without navigation', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await app.visit('/guide/appeals');
  await page.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(path.join(tmpdir(), 'send-casebook-print-'));
  const pdf = path.join(dir, 'appeals.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: false }));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.match(text, /Appeals/);
  assert.match(text, /a decision by a local authority to cease to maintain an EHC plan/);
  assert.match(text, /SEND Code of Practice, paragraph 11\.45/);
  assert.match(text, /Hertfordshire SENDIASS booklet/);
  for (const chrome of ['Skip to main content', 'Print this section', 'Previous', 'Contacts', 'About this app', 'Saved on this device']) {
    assert.ok(!text.includes(chrome), `the printout contains "${chrome}"`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, screenshotPath('print-appeals')]);
  app.assertClean();
  await app.close();
});

test('the security policy allows only this site, and the built page has no inline script', async () => {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'index.html carries a Content-Security-Policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  assert.equal([...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)].length, 0, 'no inline <script> in index.html');

  // The policy really is enforced: a script injected inline does not run.
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await app.visit('/');
  const violations = [];
  page.on('console', (m) => violations.push(m.text()));
  const ran = await page.evaluate(async () => {
    window.injected = false;
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return window.injected;
  });
  assert.equal(ran, false, 'an inline script ran despite the policy');
  await app.close();
});

test('Chromium accepts the app as installable, with its icons', async () => {
  // Installability needs a real profile: Playwright's usual contexts are incognito.
  const profile = mkdtempSync(path.join(tmpdir(), 'send-casebook-profile-'));
  const app = await openPage(env.browser, env.server.origin, { persistentProfile: profile });
  const { page } = app;
  await app.visit('/');
  const manifest = await (await page.request.get(`${env.server.origin}/manifest.webmanifest`)).json();
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.scope, '/');
  for (const key of ['name', 'short_name', 'description', 'theme_color', 'background_color']) {
    assert.ok(manifest[key], `manifest has ${key}`);
  }
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.deepEqual(sizes.sort(), ['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const response = await page.request.get(env.server.origin + icon.src);
    assert.equal(response.headers()['content-type'], 'image/png');
    const png = await response.body();
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${width}x${height}`, icon.sizes, icon.src);
  }
  const session = await page.context().newCDPSession(page);
  const { installabilityErrors } = await session.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  app.assertClean();
  await app.close();
});

test('the accessibility check itself catches a real problem', async () => {
  // Guards the axe runs above: if axe stopped running, every page would "pass".
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await app.visit('/');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = '/icons/icon-192.png';
    document.querySelector('main').append(img);
  });
  await assert.rejects(assertNoAxeViolations(page, 'a page with an image without alt text'), /image-alt/);
  app.assertClean();
  await app.close();
});
