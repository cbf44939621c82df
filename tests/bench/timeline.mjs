// Benchmark for the timeline of a large case: about 2,000 timeline items (log entries, notes,
// follow-ups, promises and the deadlines from key dates). Prints medians over RUNS runs in
// headless Chromium; asserts nothing.
//   - first screen: case page -> timeline, until the rows on screen are drawn (target under
//     100 ms); the rest are drawn in chunks between frames
//   - all rows: until every row is in the page, and the longest task meanwhile (a freeze)
//   - filter: untick "Notes" until the timeline has been redrawn
//   - print: printing the whole timeline to an A4 PDF (Chromium's print path), and its pages
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchBrowser, startServer, openPage } from '../e2e/helpers.mjs';
import { show, benchDir, writeBackup, restoreBackup } from './common.mjs';

const RUNS = Number(process.env.RUNS || 5);
const PARTIES = ['school', 'senco', 'headteacher', 'council-sen-team', 'sendiass', 'mediation-service', 'tribunal', 'health', 'social-care', 'other'];
const KEY_DATES = [
  { kind: 'request-for-assessment' }, { kind: 'draft-plan' }, { kind: 'review-meeting' },
  { kind: 'decision', about: 'final-plan-issued' }, { kind: 'amendment-notice' },
];

// Four years of records ending a few months from now, so the timeline has past and future.
const START = Date.now() - 1400 * 86400000;
const isoDate = (dayOffset) => new Date(START + dayOffset * 86400000).toISOString().slice(0, 10);

function largeCase() {
  const entries = [];
  for (let i = 0; i < 1500; i += 1) {
    entries.push({
      id: `entry-${i}`,
      date: isoDate(i),
      time: i % 4 ? null : '10:30',
      direction: ['sent', 'received', 'call', 'meeting'][i % 4],
      method: ['letter', 'email', 'phone', 'meeting'][i % 4],
      party: PARTIES[i % 10],
      person: i % 3 ? 'Ms Patel' : '',
      subject: `Letter about provision ${i}`,
      summary: `We talked about therapy and transport. The school said it would look again before the next meeting (${i}).`,
      promised: i % 15 ? '' : 'Reply within two weeks',
      promised_by: i % 15 ? '' : 'Council SEN team',
      promise_kept: i % 30 === 0,
      follow_up: i % 15 === 0 || i % 7 === 0 ? isoDate(i + 14) : null,
      kept_where: 'Blue folder',
      key_date: i % 50 === 0 ? KEY_DATES[(i / 50) % KEY_DATES.length] : null,
      updated: 1700000000000 + i,
      deleted: false,
    });
  }
  const notes = [];
  for (let i = 0; i < 200; i += 1) {
    notes.push({
      id: `note-${i}`,
      date: isoDate(i * 7),
      title: `Meeting notes ${i}`,
      body: 'Who is here: me, SENCo, class teacher.\nWhat was agreed: new targets for reading.\nActions: school to send the report by Friday.',
      updated: 1700000000000 + i,
      deleted: false,
    });
  }
  return { id: 'case-big', name: 'Large case', school: 'Oak Primary', plan_status: 'has-plan', entries, notes, updated: 1700000000000, deleted: false };
}


const dir = benchDir();
const backupFile = writeBackup(dir, 'timeline-backup.json', { schema_version: 1, last_backup: null, cases: [largeCase()] });
const server = await startServer();
const browser = await launchBrowser();
let items = 0;
let pages = 0;
const render = [];
const complete = [];
const longest = [];
const filter = [];
const print = [];
for (let run = 0; run < RUNS; run += 1) {
  const app = await openPage(browser, server.origin);
  const { page } = app;
  await restoreBackup(app, backupFile);
  await page.goto(`${server.origin}/records/case-big`);
  await page.getByTestId('open-timeline').waitFor();

  [render[run], complete[run], longest[run], items] = await page.evaluate(async () => {
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const start = performance.now();
    document.querySelector('[data-testid=open-timeline]').click();
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    while (!document.querySelector('[data-testid=timeline] tbody tr')) await new Promise((r) => setTimeout(r, 0));
    // Until the browser has painted the first screen of rows.
    await frame();
    const first = performance.now() - start;
    while (document.querySelector('[data-testid=timeline]').getAttribute('aria-busy') !== 'false') await frame();
    const all = performance.now() - start;
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();
    return [first, all, Math.max(0, ...tasks), document.querySelectorAll('[data-testid=timeline-item]').length];
  });

  filter.push(await page.evaluate(async () => {
    const before = document.querySelectorAll('[data-testid=timeline-item]').length;
    const start = performance.now();
    document.getElementById('show-notes').click();
    while (document.querySelectorAll('[data-testid=timeline-item]').length === before
      || document.querySelector('[data-testid=timeline]').getAttribute('aria-busy') !== 'false') await new Promise((r) => setTimeout(r, 0));
    const elapsed = performance.now() - start;
    document.getElementById('show-notes').click();
    return elapsed;
  }));
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=timeline-item]').length === n, items);

  const start = performance.now();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  print.push(performance.now() - start);
  const file = path.join(dir, 'timeline.pdf');
  writeFileSync(file, pdf);
  pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
  await app.close();
}
await browser.close();
await server.stop();

console.log(`Timeline of a case with ${items} items, headless Chromium, ${RUNS} runs:`);
show('first screen: case page -> timeline painted', render, '< 100 ms');
show('all rows in the page (drawn in chunks)', complete);
show('longest task meanwhile (the page is busy)', longest, '< 100 ms');
show('filter: untick "Notes", all rows redrawn', filter);
show(`print: whole timeline to A4 PDF (${pages} pages)`, print);
