// "Nothing a parent writes is ever lost": the ten ways records were lost or backups refused
// (issue 10), each tried through the app as a parent would, in headless Chromium with real
// local storage: backups of any size and text restore, a damaged large casebook is kept and
// offered as a file, saves across many parts are all-or-nothing at a full quota, deleting
// frees space, a tab does not write back what another removed, Replace can be undone and
// leaves tombstones, imported change times are settled, meeting mode never drops text,
// blocked storage leaves the guide working, and ids of another shape are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedBrowserAndServer, openPage, assertNoAxeViolations, screenshotPath, chooseSituation } from './helpers.mjs';
import { largeCasebook } from '../bench/common.mjs';
import {
  KEY, addCase, addEntry, addNote, storedRecords, fillQuota,
} from './records-helpers.mjs';

const env = sharedBrowserAndServer();

async function recordsPage(options = {}) {
  const app = await openPage(env.browser, env.server.origin, { viewport: { width: 900, height: 900 }, ...options });
  await app.page.clock.setFixedTime(new Date('2025-07-15T10:00:00'));
  await app.visit('/records');
  return app;
}

const stored = storedRecords;
const storedText = async (page) => Object.values(await stored(page)).join('\n');

async function saveBackup(page) {
  await page.getByRole('link', { name: 'My records', exact: true }).first().click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-json').click()]);
  return readFileSync(await download.path());
}

async function chooseBackup(page, name, buffer) {
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer });
}

function backupOf(casebook) {
  return Buffer.from(JSON.stringify({ app: 'SEND Casebook', exported_at: 0, casebook }));
}

test('1. every backup the app writes, it restores: a pasted letter, quoted script, any language, a byte-order mark, every field at its limit', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'L.L.');
  const letter = 'Dear parent, the council has decided not to carry out an assessment. '.repeat(370).slice(0, 25000);
  await addEntry(page, { subject: 'Council letter pasted whole', summary: letter });
  const shown = await page.getByTestId('log-entry').first().locator('.log-entry__summary').textContent();
  assert.ok(shown.length < 500 && shown.endsWith('…'), 'the log shows the start of a long letter');
  await addNote(page, { title: 'Email from school', body: 'They wrote: <script src="https://example.org/x.js"></script> and <b>bold</b>' });
  await addNote(page, { title: 'ملاحظات الاجتماع', body: '教育・健康・ケア計画の見直し。Ysgol: cyfarfod adolygu ✓ 😀' });
  // Every field of a note at its limit: the form says so as the limit nears, and saves it.
  await page.getByRole('link', { name: 'New note' }).click();
  await page.getByLabel('Title').fill('T'.repeat(1000));
  await page.getByLabel('Notes', { exact: true }).fill('é'.repeat(100000));
  assert.equal(await page.getByTestId('note-body-count').textContent(), 'You have 0 characters remaining');
  await page.getByLabel('Notes', { exact: true }).press('End');
  await page.getByLabel('Notes', { exact: true }).type('x');
  assert.equal(await page.getByTestId('note-body-count').textContent(), 'You have 1 characters too many');
  await page.getByTestId('save-note').click();
  await page.getByTestId('error-summary').waitFor();
  assert.match(await page.getByTestId('error-summary').textContent(), /The notes must be 100,000 characters or fewer; it has 100,001/);
  await page.getByLabel('Notes', { exact: true }).press('Backspace');
  await page.getByTestId('save-note').click();
  await page.getByTestId('note-list').waitFor();
  // The quoted script is shown as text, never run.
  assert.match(await page.getByTestId('note-list').textContent(), /<script src="https:\/\/example\.org\/x\.js"><\/script>/);

  const backup = await saveBackup(page);
  app.assertClean();
  await app.close();

  for (const [label, file] of [['as saved', backup], ['with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), backup])]]) {
    const fresh = await recordsPage();
    await chooseBackup(fresh.page, 'backup.json', file);
    const preview = fresh.page.getByTestId('import-preview');
    await preview.waitFor();
    assert.match(await preview.textContent(), /5 records this device does not have/, label);
    await preview.getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
    await fresh.page.getByTestId('import-done').waitFor();
    await fresh.page.reload();
    const byId = (cases) => cases.map((c) => ({
      ...c,
      entries: [...c.entries].sort((x, y) => x.id.localeCompare(y.id)),
      notes: [...c.notes].sort((x, y) => x.id.localeCompare(y.id)),
    }));
    const again = JSON.parse(await saveBackup(fresh.page)).casebook;
    assert.deepEqual(byId(again.cases), byId(JSON.parse(backup).casebook.cases), `restored exactly, ${label}`);
    fresh.assertClean();
    await fresh.close();
  }
});

test('1-2. the largest casebook exports and restores in a fresh profile; a damaged part of it is kept, offered as a file, and never overwritten', async () => {
  const app = await recordsPage();
  const { page } = app;
  await chooseBackup(page, 'large.json', backupOf(largeCasebook()));
  await page.getByTestId('import-preview').getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await page.getByTestId('import-done').waitFor({ timeout: 60000 });
  const backup = await saveBackup(page);
  assert.ok(backup.length > 4_000_000, `a large file (${backup.length} bytes)`);

  // Damage one stored part and reload: the warning, the rest shown, nothing written over it.
  const part = await page.evaluate((key) => {
    const k = Object.keys(localStorage).find((x) => x.startsWith(`${key}:`) && x.includes(':entries:'));
    localStorage.setItem(k, localStorage.getItem(k).slice(0, 1000));
    return k;
  }, KEY);
  const before = await stored(page);
  await page.reload();
  const problem = page.getByTestId('records-problem');
  await problem.waitFor();
  await page.getByLabel("Child's name or initials").fill('Another child');
  await page.getByRole('button', { name: 'Add case' }).click();
  await page.reload();
  await problem.waitFor();
  assert.deepEqual(await stored(page), before, 'adding a case wrote nothing over the damaged records');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    problem.getByRole('button', { name: 'Save the stored records as a file' }).click(),
  ]);
  const raw = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(raw[part], before[part], 'the damaged part is in the file exactly');
  assert.equal(Object.keys(raw).length, Object.keys(before).length, 'and every other part');
  app.assertClean();
  await app.close();

  // The backup made before the damage restores whole in a fresh profile.
  const fresh = await recordsPage();
  await chooseBackup(fresh.page, 'backup.json', backup);
  const preview = fresh.page.getByTestId('import-preview');
  await preview.waitFor({ timeout: 60000 });
  assert.match(await preview.textContent(), /11001 records this device does not have/);
  await preview.getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await fresh.page.getByTestId('import-done').waitFor({ timeout: 60000 });
  await fresh.page.reload();
  await fresh.page.getByTestId('case-list').waitFor();
  assert.match(await fresh.page.getByTestId('case-list').textContent(), /10000 log entries, 1000 notes/);
  fresh.assertClean();
  await fresh.close();
});

test('3. a merge that does not fit stores nothing of it: a reload shows the records as they were, never a mix', async () => {
  const app = await recordsPage();
  const { page } = app;
  const small = largeCasebook();
  small.cases[0].entries = small.cases[0].entries.slice(0, 40);
  small.cases[0].notes = small.cases[0].notes.slice(0, 40);
  await chooseBackup(page, 'forty.json', backupOf(small));
  await page.getByTestId('import-preview').getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await page.getByTestId('import-done').waitFor();
  const before = await stored(page);
  await fillQuota(page, 4096);
  const bigger = largeCasebook();
  bigger.cases[0].entries = bigger.cases[0].entries.slice(0, 70).map((e) => ({ ...e, summary: `${e.summary} `.repeat(20), updated: e.updated + 5 }));
  bigger.cases[0].notes = bigger.cases[0].notes.slice(0, 70).map((n) => ({ ...n, body: `${n.body} `.repeat(20), updated: n.updated + 5 }));
  await chooseBackup(page, 'seventy.json', backupOf(bigger));
  await page.getByTestId('import-preview').getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await page.getByTestId('import-refused').waitFor();
  assert.match(await page.getByTestId('records-problem').textContent(), /could not be saved/);
  assert.deepEqual(await stored(page), before, 'nothing of the merge was stored');
  await page.reload();
  await page.getByTestId('case-list').waitFor();
  assert.match(await page.getByTestId('case-list').textContent(), /40 log entries, 40 notes/);
  app.assertClean();
  await app.close();
});

test('4. deleting an entry or a note removes its text from the device', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'D.D.');
  await addEntry(page, { subject: 'Letter to delete', summary: 'A private detail about the child. '.repeat(500) });
  await addNote(page, { title: 'Note to delete', body: 'Another private detail. '.repeat(500) });
  const full = (await storedText(page)).length;
  await page.getByRole('button', { name: 'Delete Letter to delete' }).click();
  await page.getByTestId('undo-banner').waitFor();
  await page.getByRole('button', { name: 'Delete Note to delete' }).click();
  const text = await storedText(page);
  for (const gone of ['A private detail', 'Letter to delete', 'Another private detail', 'Note to delete']) {
    assert.ok(!text.includes(gone), `"${gone}" is no longer stored`);
  }
  assert.ok(text.length < full - 25000, `space freed: ${full} -> ${text.length} characters`);
  app.assertClean();
  await app.close();
});

test('5. a tab does not write back records another tab cleared, and a page from the back button catches up', async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
  const errors = [];
  const open = async (pathname) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.server.origin}${pathname}`);
    await page.locator('main h1').waitFor();
    return page;
  };
  const first = await open('/records');
  await addCase(first, 'S.S.');
  await addEntry(first, { subject: 'Kept before the clear' });
  const caseUrl = new URL(first.url()).pathname;
  const second = await open(caseUrl);
  await second.evaluate(() => localStorage.clear());
  const problem = first.getByTestId('records-problem');
  await problem.waitFor();
  assert.match(await problem.textContent(), /removed from this device in another tab/);
  await first.getByTestId('add-entry').click();
  await first.getByLabel('What it was about').fill('Typed after the clear');
  await first.getByTestId('save-entry').click();
  await first.getByTestId('records-problem').waitFor();
  assert.equal(await first.getByLabel('What it was about').inputValue(), 'Typed after the clear', 'the text stays on screen');
  assert.deepEqual(await first.evaluate(() => Object.keys(localStorage)), [], 'nothing written back');
  // The parent chooses to keep this page's records: they are stored again.
  await first.getByTestId('put-back').click();
  await first.getByTestId('records-problem').waitFor({ state: 'detached' });
  await first.getByTestId('save-entry').click();
  await first.getByTestId('log-list').waitFor();
  assert.match(Object.values(await stored(first)).join(), /Kept before the clear.*|Typed after the clear/);
  await first.close();

  // A page left by a full navigation and brought back with the back button sees what changed.
  const a = await open('/records');
  await addCase(a, 'B.B.');
  const b = await open(new URL(a.url()).pathname);
  await a.goto(`${env.server.origin}/about`);
  await addEntry(b, { subject: 'Added while the other page was away' });
  await a.goBack();
  await a.getByRole('heading', { name: 'Added while the other page was away' }).waitFor();
  await addEntry(a, { subject: 'Added after coming back' });
  await b.getByRole('heading', { name: 'Added after coming back' }).waitFor();
  assert.equal(await b.getByTestId('log-entry').count(), 2, 'neither page lost the other\'s entry');
  assert.deepEqual(errors, []);
  await context.close();
});

test('5b. two tabs typing meeting notes in the same case at the same time both keep their notes', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 800 } });
  const errors = [];
  const first = await context.newPage();
  first.on('pageerror', (e) => errors.push(e.message));
  await first.goto(`${env.server.origin}/records`);
  await addCase(first, 'Two tabs');
  const caseUrl = first.url();
  const second = await context.newPage();
  second.on('pageerror', (e) => errors.push(e.message));
  await second.goto(caseUrl);
  await second.locator('main h1', { hasText: 'Two tabs' }).waitFor();
  for (const page of [first, second]) {
    await page.getByTestId('meeting-mode').click();
    await page.getByTestId('meeting-intro').waitFor();
  }
  // Both type at once, a character at a time, then both press Done within a moment.
  const typeIn = (page, words) => page.getByLabel('Notes', { exact: true }).pressSequentially(words, { delay: 5 });
  await Promise.all([typeIn(first, 'Typed in the first tab. '.repeat(4)), typeIn(second, 'Typed in the second tab. '.repeat(4))]);
  await Promise.all([first.getByTestId('save-note').click(), second.getByTestId('save-note').click()]);
  for (const page of [first, second]) await page.locator('main h1', { hasText: 'Two tabs' }).waitFor();
  await first.waitForTimeout(500);
  for (const page of [first, second]) {
    await page.reload();
    await page.getByTestId('note-list').waitFor();
    assert.equal(await page.getByTestId('records-problem').count(), 0, 'nothing reported unreadable');
    const notes = await page.getByTestId('note').allTextContents();
    assert.equal(notes.length, 2, `both notes are kept: ${notes}`);
    assert.ok(notes.some((n) => n.includes('Typed in the first tab')) && notes.some((n) => n.includes('Typed in the second tab')));
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('6. Replace can be undone, and what it removed does not come back from another tab', async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.server.origin}/records`);
  await addCase(page, 'Only here');
  await addEntry(page, { subject: 'Newer work' });
  const other = await context.newPage();
  await other.goto(`${env.server.origin}/records`);
  await other.getByTestId('case-list').getByRole('link', { name: 'Only here', exact: true }).waitFor();

  await page.getByRole('link', { name: 'My records', exact: true }).first().click();
  const file = largeCasebook();
  file.cases[0].entries = file.cases[0].entries.slice(0, 3);
  file.cases[0].notes = [];
  await chooseBackup(page, 'other.json', backupOf(file));
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /Replace makes this device hold only what is in the file/);
  await preview.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('import-preview.png'), fullPage: false });
  await assertNoAxeViolations(page, 'the import preview with three choices');
  await preview.getByRole('button', { name: 'Replace what is on this device' }).click();
  await page.getByTestId('import-done').waitFor();
  await other.getByTestId('case-list').getByRole('link', { name: 'Large case', exact: true }).waitFor();
  await other.waitForTimeout(2500);
  assert.equal(await other.getByTestId('case-list').getByRole('link', { name: 'Only here', exact: true }).count(), 0, 'the other tab does not merge it back');
  await other.reload();
  await other.getByTestId('case-list').waitFor();
  assert.equal(await other.getByTestId('case-list').getByRole('link', { name: 'Only here', exact: true }).count(), 0);

  await assertNoAxeViolations(page, 'after Replace, with Undo');
  await page.getByTestId('undo-replace').click();
  await page.getByTestId('case-list').getByRole('link', { name: 'Only here', exact: true }).waitFor();
  await page.reload();
  await page.getByTestId('case-list').getByRole('link', { name: 'Only here', exact: true }).click();
  assert.deepEqual(await page.getByTestId('log-entry').locator('h3').allTextContents(), ['Newer work']);
  await other.getByTestId('case-list').getByRole('link', { name: 'Only here', exact: true }).waitFor();
  await context.close();
});

test('6b. a deleted case comes back from a backup with "Merge, and bring back", and newer work elsewhere is kept', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'Gone soon');
  await addEntry(page, { subject: 'In the deleted case' });
  const backup = await saveBackup(page);
  await addCase(page, 'Stays');
  await addEntry(page, { subject: 'Newer than the backup' });
  await page.getByRole('link', { name: 'My records', exact: true }).first().click();
  await page.getByTestId('case-list').getByRole('link', { name: 'Gone soon', exact: true }).click();
  const panel = page.getByTestId('change-case');
  await panel.getByText('Change or delete this case').click();
  await panel.getByRole('button', { name: 'Delete this case' }).click();
  assert.match(await page.getByTestId('confirm-delete-case').textContent(), /Merge, and bring back what was deleted here/);
  await page.getByRole('button', { name: 'Yes, delete this case' }).click();
  await page.getByTestId('case-deleted').waitFor();
  await chooseBackup(page, 'backup.json', backup);
  await page.getByTestId('merge-bring-back').click();
  await page.getByTestId('import-done').waitFor();
  await page.reload();
  await page.getByTestId('case-list').getByRole('link', { name: 'Gone soon', exact: true }).waitFor();
  await page.getByTestId('case-list').getByRole('link', { name: 'Stays', exact: true }).click();
  assert.deepEqual(await page.getByTestId('log-entry').locator('h3').allTextContents(), ['Newer than the backup']);
  app.assertClean();
  await app.close();
});

test('7. change times from the future in a backup are settled, so a later edit is kept', async () => {
  const app = await recordsPage();
  const { page } = app;
  const file = largeCasebook();
  file.cases[0].entries = file.cases[0].entries.slice(0, 1).map((e) => ({ ...e, subject: 'From the future', updated: 4102444800000 }));
  file.cases[0].notes = [];
  file.cases[0].updated = 9007199254740000;
  await chooseBackup(page, 'future.json', backupOf(file));
  const settled = page.getByTestId('import-settled');
  await settled.waitFor();
  assert.match(await settled.textContent(), /2 change times in the file were in the future/);
  await page.getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await page.getByTestId('case-list').getByRole('link', { name: 'Large case', exact: true }).click();
  await page.getByRole('link', { name: 'Edit From the future' }).click();
  await page.getByLabel('What it was about').fill('Edited today');
  await page.getByTestId('save-entry').click();
  await page.getByTestId('log-list').waitFor();
  // Merge the same file again (as a second tab or an old backup would): the edit stays.
  await page.getByRole('link', { name: 'My records', exact: true }).first().click();
  await chooseBackup(page, 'future.json', backupOf(file));
  await page.getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await page.reload();
  await page.getByTestId('case-list').getByRole('link', { name: 'Large case', exact: true }).click();
  assert.deepEqual(await page.getByTestId('log-entry').locator('h3').allTextContents(), ['Edited today']);
  app.assertClean();
  await app.close();
});

test('8. meeting mode: a half-typed date keeps the note, a reload reopens it, and a case deleted elsewhere is offered back', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.origin}/records`);
  await addCase(page, 'P.P.');
  await page.getByTestId('meeting-mode').click();
  await page.getByTestId('meeting-intro').waitFor();
  // Opening meeting mode and going back saves nothing.
  await page.goBack();
  await page.locator('main h1', { hasText: 'P.P.' }).waitFor();
  assert.equal(await page.getByTestId('note').count(), 0);
  // Typing a letter and taking it out again leaves no note either.
  await page.getByTestId('meeting-mode').click();
  await page.getByLabel('Notes', { exact: true }).type('x');
  await page.getByTestId('meeting-status').filter({ hasText: 'Saved on this device' }).waitFor();
  await page.getByLabel('Notes', { exact: true }).press('Backspace');
  await page.getByRole('link', { name: 'Back to the case' }).click();
  await page.locator('main h1', { hasText: 'P.P.' }).waitFor();
  assert.equal(await page.getByTestId('note').count(), 0, 'no empty note');
  await page.getByTestId('meeting-mode').click();
  await page.locator('#note-date-year').fill('20');
  await page.getByLabel('Notes', { exact: true }).fill('Head teacher agreed to a review in September');
  const status = page.getByTestId('meeting-status');
  await status.filter({ hasText: 'for now' }).waitFor();
  assert.match(await status.textContent(), /Saved on this device at .*, dated .* for now: .*year/);
  await page.screenshot({ path: screenshotPath('meeting-mode-320.png'), fullPage: true });
  await assertNoAxeViolations(page, 'meeting mode with a half-typed date');
  // A phone reloads the tab: the same note opens, with its text, in meeting mode.
  await page.reload();
  await page.getByTestId('meeting-intro').waitFor();
  assert.equal(await page.getByLabel('Notes', { exact: true }).inputValue(), 'Head teacher agreed to a review in September');
  await page.getByLabel('Notes', { exact: true }).press('End');
  await page.getByLabel('Notes', { exact: true }).type('. Report due Friday');
  await status.filter({ hasText: 'Saved on this device' }).waitFor();

  // The case is deleted in another tab while the parent types: the text is offered a new case.
  const other = await context.newPage();
  await other.goto(page.url().replace(/\/notes\/.*$/, ''));
  await other.getByTestId('change-case').getByText('Change or delete this case').click();
  await other.getByRole('button', { name: 'Delete this case' }).click();
  await other.getByRole('button', { name: 'Yes, delete this case' }).click();
  await other.getByTestId('case-deleted').waitFor();
  await page.getByLabel('Notes', { exact: true }).type(' and a new plan');
  const gone = page.getByTestId('case-gone');
  await gone.waitFor();
  assert.match(await gone.textContent(), /was deleted in another tab or window/);
  await page.getByTestId('save-in-new-case').click();
  await status.filter({ hasText: 'Saved on this device' }).waitFor();
  await page.getByTestId('save-note').click();
  await page.locator('main h1', { hasText: 'P.P.' }).waitFor();
  assert.match(await page.getByTestId('note-list').textContent(), /Report due Friday and a new plan/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('9. with site data blocked, the guide, search and My dates work and My records says why nothing is kept', async () => {
  const app = await openPage(env.browser, env.server.origin, { viewport: { width: 900, height: 900 } });
  const { page } = app;
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  await app.visit('/guide/mediation');
  assert.match(await page.locator('main').textContent(), /mediation/i);
  await app.visit('/search?q=tribunal');
  await page.locator('main mark').first().waitFor();
  await app.visit('/dates');
  await chooseSituation(page, 'A final EHC plan or amended plan you disagree with');
  await page.locator('#decision-sent-day').fill('30');
  await page.locator('#decision-sent-month').fill('6');
  await page.locator('#decision-sent-year').fill('2025');
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  assert.match(await page.getByTestId('save-problem').textContent(), /not letting the app keep anything/);
  await app.visit('/records');
  const problem = page.getByTestId('records-problem');
  await problem.waitFor();
  assert.match(await problem.textContent(), /not letting SEND Casebook keep anything.*guide, search, contacts and My dates still work/);
  await page.getByLabel("Child's name or initials").fill('X');
  await page.getByRole('button', { name: 'Add case' }).click();
  assert.equal(await page.getByTestId('case-list').count(), 0, 'nothing is shown as saved');
  await assertNoAxeViolations(page, 'My records with storage blocked');
  app.assertClean();
  await app.close();
});
