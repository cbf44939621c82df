// The timeline: a parent restores a case, reads its timeline, filters it, opens an item,
// prints it (to PDF, read back as text) as a timeline and as a chronology for the Tribunal, and
// adds its future dates to a calendar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  sharedBrowserAndServer, openPage, assertNoAxeViolations, screenshotPath, ROOT,
} from './helpers.mjs';

const env = sharedBrowserAndServer();
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'timeline-case.json');
const seeded = JSON.parse(readFileSync(FIXTURE, 'utf8')).casebook.cases[0];
const NAV_TEXT = ['Skip to main content', 'My records', 'Choose what to show and print', 'Show these dates',
  'Print the timeline', 'Add future dates', 'How this date was worked out', 'Guide', 'Search'];

/** Opens the app on a fixed day, restores the fixture the way a parent restores a backup, and
 *  opens the case's timeline. */
async function timelineOf(today = '2025-07-15', viewport = { width: 1000, height: 900 }) {
  const app = await openPage(env.browser, env.server.origin, { viewport });
  const { page } = app;
  await page.clock.setFixedTime(new Date(`${today}T10:00:00`));
  await app.visit('/records');
  await page.locator('#import-file').setInputFiles(FIXTURE);
  await page.getByTestId('import-preview').getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await page.getByTestId('import-done').waitFor();
  await page.getByRole('link', { name: 'Sam Jones', exact: true }).click();
  await page.getByTestId('open-timeline').click();
  await page.getByTestId('timeline').waitFor();
  return app;
}

async function openFilters(page) {
  const panel = page.getByTestId('timeline-filters');
  if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary.timeline-filters__summary').click();
}

const drawn = (page) => page.locator('[data-testid=timeline][aria-busy=false]').waitFor();
const rows = async (page) => (await drawn(page)) ?? page.getByTestId('timeline-item').evaluateAll((items) => items.map((tr) => ({
  date: tr.querySelector('time').getAttribute('datetime'),
  title: tr.querySelector('.timeline__title').textContent,
  kind: tr.querySelector('.timeline__kind').textContent,
  status: tr.querySelector('.timeline__status').textContent,
})));

async function printToText(page, name) {
  const dir = mkdtempSync(path.join(tmpdir(), 'send-casebook-print-'));
  const pdf = path.join(dir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: false }));
  const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
  return { pdf, text, flat: text.replace(/\s+/g, ' ') };
}

/** Each title appears in the text, in the given order. */
function assertInOrder(flat, titles, label) {
  let at = -1;
  for (const title of titles) {
    const found = flat.indexOf(title, at + 1);
    assert.ok(found > at, `${label}: "${title}" is missing or out of order`);
    at = found;
  }
}

test('the timeline merges the log, notes, deadlines, follow-ups and promises in date order', async () => {
  const app = await timelineOf();
  const { page } = app;
  const items = await rows(page);
  const live = seeded.entries.filter((e) => !e.deleted);
  // Every live entry and note is there once; the deleted entry is not.
  for (const record of [...live.map((e) => e.subject), ...seeded.notes.map((n) => n.title)]) {
    assert.equal(items.filter((i) => i.title === record).length, 1, record);
  }
  assert.ok(!items.some((i) => i.title.includes('must not appear')));
  // Oldest first, with "today" between the past and what is to come.
  const dates = items.map((i) => i.date);
  assert.deepEqual(dates, [...dates].sort());
  const todayRow = await page.getByTestId('timeline-today').textContent();
  assert.match(todayRow, /Today, Tuesday 15 July 2025/);
  const order = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.testid === 'timeline-today' ? 'TODAY' : tr.querySelector('time').getAttribute('datetime')));
  const mark = order.indexOf('TODAY');
  assert.ok(order.slice(0, mark).every((d) => d < '2025-07-15') && order.slice(mark + 1).every((d) => d >= '2025-07-15'));
  // Deadlines from the key dates, with the council's lateness counted to the plan's arrival.
  const finalPlan = items.find((i) => i.title === 'Final EHC plan due, if the council decides to issue one');
  assert.match(finalPlan.status, /Done on 20 June 2025: the council was \d+ days late/);
  assert.match(items.find((i) => i.title.startsWith('Council\'s notice if it decides not')).status, /No longer needed: a final plan was logged/);
  assert.ok(items.some((i) => i.kind === 'Deadline' && i.title.startsWith('Last day to register an appeal')));
  const promise = seeded.entries.find((e) => e.promised);
  const daysPast = (Date.parse('2025-07-15') - Date.parse(promise.follow_up)) / 86400000;
  assert.equal(items.find((i) => i.kind === 'Promise').status, `Not done: ${daysPast} days past the date`);
  assert.match(items.find((i) => i.kind === 'Follow-up').status, /Due in 7 days/);
  assert.equal(items.find((i) => i.title.startsWith('Meeting with the SENCo')).status, 'Planned');
  // A deadline explains itself.
  const appealRow = page.getByTestId('timeline-item').filter({ hasText: 'Last day to register an appeal' });
  await appealRow.getByText('How this date was worked out').click();
  assert.match(await appealRow.locator('.steps').textContent(), /HESC Rules/);
  await assertNoAxeViolations(page, 'the timeline');
  await page.screenshot({ path: screenshotPath('timeline.png'), fullPage: true });
  // Each item opens its record; ticking a promise as kept shows on the timeline.
  await page.getByRole('link', { name: 'Call about the assessment' }).click();
  await page.getByTestId('entry-form').waitFor();
  assert.equal(await page.getByLabel('What it was about').inputValue(), 'Call about the assessment');
  await page.getByLabel('This promise has been kept').check();
  await page.getByTestId('save-entry').click();
  await page.getByTestId('open-timeline').click();
  assert.equal((await rows(page)).find((i) => i.kind === 'Promise').status, 'Done');
  await page.getByRole('link', { name: 'My worries about the plan' }).click();
  assert.equal(await page.getByLabel('Title').inputValue(), 'My worries about the plan');
  app.assertClean();
  await app.close();
});

test('filters narrow the timeline, and impossible dates are explained', async () => {
  const app = await timelineOf();
  const { page } = app;
  const all = await rows(page);
  assert.equal(await page.getByTestId('filters-now').textContent(), 'Showing everything; all dates');
  await openFilters(page);
  await page.locator('#timeline-from-day').fill('31');
  await page.locator('#timeline-from-month').fill('2');
  await page.locator('#timeline-from-year').fill('2025');
  await page.getByTestId('timeline-dates').getByRole('button', { name: 'Show these dates' }).click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /The "from" date must be a real date/);
  assert.equal((await rows(page)).length, all.length, 'nothing changed');
  await page.locator('#timeline-from-day').fill('1');
  await page.locator('#timeline-from-month').fill('6');
  await page.locator('#timeline-to-day').fill('31');
  await page.locator('#timeline-to-month').fill('7');
  await page.locator('#timeline-to-year').fill('2025');
  await page.getByTestId('timeline-dates').getByRole('button', { name: 'Show these dates' }).click();
  await summary.waitFor({ state: 'detached' });
  const june = await rows(page);
  assert.ok(june.length > 0 && june.length < all.length);
  assert.ok(june.every((i) => i.date >= '2025-06-01' && i.date <= '2025-07-31'));
  assert.deepEqual(june, all.filter((i) => i.date >= '2025-06-01' && i.date <= '2025-07-31'));
  assert.equal(await page.getByTestId('filters-now').textContent(), 'Showing everything; 1 June 2025 to 31 July 2025');

  await assertNoAxeViolations(page, 'the timeline with its filters open');
  await page.getByLabel('Notes', { exact: true }).uncheck();
  assert.ok(!(await rows(page)).some((i) => i.kind === 'Private note'));
  await page.getByText('Only items involving…').click();
  await page.getByLabel('School', { exact: true }).check();
  const school = await rows(page);
  assert.deepEqual(school.map((i) => i.title), ['Meeting with the SENCo and the council officer']);
  // Opening an item and coming back keeps the filters.
  const chosen = await page.getByTestId('filters-now').textContent();
  assert.match(chosen, /involving School; 1 June 2025 to 31 July 2025/);
  await page.getByRole('link', { name: 'Meeting with the SENCo and the council officer' }).click();
  await page.getByTestId('entry-form').waitFor();
  await page.goBack();
  assert.deepEqual(await rows(page), school, 'the same rows after coming back');
  assert.equal(await page.getByTestId('filters-now').textContent(), chosen);
  await openFilters(page);
  assert.equal(await page.locator('#timeline-from-month').inputValue(), '6', 'the dates as typed');
  await page.getByText('Only items involving…').click();
  await page.getByRole('button', { name: 'All dates' }).click();
  await page.getByLabel('School', { exact: true }).uncheck();
  await page.getByLabel('Notes', { exact: true }).check();
  assert.equal((await rows(page)).length, all.length);
  app.assertClean();
  await app.close();
});

test('the timeline prints on A4 with every item in order and no navigation; the chronology leaves notes out', async () => {
  const app = await timelineOf();
  const { page } = app;
  await openFilters(page);
  await page.getByLabel('Use initials instead of my child\'s name').check();
  const items = await rows(page);
  assert.match(await page.title(), /^Timeline: S\.J\./, 'the page title, printed in browser headers, uses initials too');
  const printed = await printToText(page, 'timeline');
  assertInOrder(printed.flat, ['Timeline: S.J.', 'Printed on 15 July 2025', 'Date Day What happened Who Status'], 'title block');
  assertInOrder(printed.flat, items.map((i) => i.title.slice(0, 30)), 'timeline');
  assert.match(printed.flat, /Today, Tuesday 15 July 2025/);
  assert.match(printed.flat, /the council was \d+ days late/);
  assert.match(printed.flat, /Page 1 of 2/);
  assert.match(printed.flat, /Page 2 of 2/);
  assert.equal(printed.flat.split('Date Day What happened Who Status').length - 1, 2, 'column headings on each page');
  assert.ok(!printed.flat.includes('Sam Jones'), 'initials only');
  for (const nav of NAV_TEXT) assert.ok(!printed.flat.includes(nav), `no "${nav}" on paper`);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', printed.pdf, screenshotPath('print-timeline')]);

  await page.getByLabel(/A chronology for the Tribunal/).check();
  const chronology = await rows(page);
  assert.ok(!chronology.some((i) => i.kind === 'Private note' || i.kind === 'Follow-up'));
  assert.deepEqual(chronology, items.filter((i) => i.kind !== 'Private note' && i.kind !== 'Follow-up'));
  const forTribunal = await printToText(page, 'chronology');
  assertInOrder(forTribunal.flat, ['Chronology for the Tribunal: S.J.', 'Private notes and reminders are left out'], 'title block');
  assertInOrder(forTribunal.flat, chronology.map((i) => i.title.slice(0, 30)), 'chronology');
  for (const note of seeded.notes) {
    assert.ok(!forTribunal.flat.includes(note.title), `${note.title} is private`);
    assert.ok(!forTribunal.flat.includes(note.body.split('\n')[0]), 'nor its text');
  }
  app.assertClean();
  await app.close();
});

test('future dates go to the calendar with reminders; every case at once from My records', async () => {
  const app = await timelineOf();
  const { page } = app;
  const future = (await rows(page)).filter((i) => i.date >= '2025-07-15' && !/^Done|^Not needed/.test(i.status));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('timeline-calendar').click()]);
  const ics = readFileSync(await download.path(), 'utf8');
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'));
  const events = ics.split('BEGIN:VEVENT').slice(1);
  assert.equal(events.length, future.length);
  for (const item of future) {
    const day = item.date.replaceAll('-', '');
    assert.ok(events.some((e) => e.includes(`DTSTART;VALUE=DATE:${day}`)), item.title);
  }
  assert.ok(events.every((e) => e.includes('TRIGGER:-P7D') && e.includes('TRIGGER:-P1D')));
  await page.getByRole('link', { name: 'My records' }).first().click();
  const [all] = await Promise.all([page.waitForEvent('download'), page.getByTestId('all-calendar').click()]);
  const everything = readFileSync(await all.path(), 'utf8');
  const uids = (text) => text.split('\r\n').filter((l) => l.startsWith('UID:')).sort();
  assert.deepEqual(uids(everything), uids(ics), 'the same events, with the same UIDs');
  app.assertClean();
  await app.close();
});

test('the timeline works on a 320 px screen', async () => {
  const app = await timelineOf('2025-07-15', { width: 320, height: 700 });
  const { page } = app;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  await page.screenshot({ path: screenshotPath('timeline-320.png'), fullPage: true });
  app.assertClean();
  await app.close();
});

test('a long timeline is drawn a chunk at a time, and printing draws all of it first', async () => {
  const app = await openPage(env.browser, env.server.origin, { viewport: { width: 1000, height: 900 } });
  const { page } = app;
  await page.clock.setFixedTime(new Date('2025-07-15T10:00:00'));
  await app.visit('/records');
  const entries = Array.from({ length: 900 }, (_, i) => ({
    ...seeded.entries[1], id: `long-${i}`, key_date: null,
    date: new Date(Date.UTC(2023, 0, 1) + i * 86400000).toISOString().slice(0, 10), subject: `Letter number ${i}`,
  }));
  const book = { app: 'SEND Casebook', exported_at: 0, casebook: { schema_version: 1, last_backup: null, cases: [{ ...seeded, entries, notes: [] }] } };
  const dir = mkdtempSync(path.join(tmpdir(), 'send-casebook-long-'));
  writeFileSync(path.join(dir, 'long.json'), JSON.stringify(book));
  await page.locator('#import-file').setInputFiles(path.join(dir, 'long.json'));
  await page.getByTestId('import-preview').getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await page.getByTestId('import-done').waitFor();
  await page.goto(`${env.server.origin}/records/${seeded.id}`);
  await page.getByTestId('open-timeline').waitFor();
  // Straight after opening, only the first rows are there and the table says it is still busy;
  // a print at that moment ("beforeprint") draws every row before the page is printed.
  const [early, busy, afterPrint] = await page.evaluate(() => {
    document.querySelector('[data-testid=open-timeline]').click();
    return new Promise((resolve) => queueMicrotask(() => setTimeout(() => {
      const count = () => document.querySelectorAll('[data-testid=timeline-item]').length;
      const first = count();
      const wasBusy = document.querySelector('[data-testid=timeline]').getAttribute('aria-busy');
      window.dispatchEvent(new Event('beforeprint'));
      resolve([first, wasBusy, count()]);
    }, 0)));
  });
  assert.ok(early > 0 && early < 900, `first chunk only (${early})`);
  assert.equal(busy, 'true');
  assert.equal(afterPrint, 900, 'printing draws every row');
  await drawn(page);
  assert.equal(await page.getByTestId('timeline-item').count(), 900, 'no row drawn twice');
  const printed = await printToText(page, 'long');
  assert.ok(printed.flat.includes('Letter number 0 ') && printed.flat.includes('Letter number 899 '));
  // No row is split across pages: on every page each row's title, detail and status are together.
  const pages = printed.text.split('\f').filter((p) => p.trim());
  assert.ok(pages.length > 10, `${pages.length} pages`);
  for (const [n, text] of pages.entries()) {
    const count = (re) => (text.match(re) || []).length;
    const titles = count(/Letter number \d+/g);
    assert.ok(titles > 0, `page ${n + 1} has rows`);
    assert.equal(count(/Letter received/g), titles, `page ${n + 1}: every row whole`);
    assert.equal(count(/Happened/g), titles, `page ${n + 1}: every row whole`);
  }
  app.assertClean();
  await app.close();
});
