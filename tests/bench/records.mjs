// Benchmark for "My records" with a large casebook: 10,000 log entries and 1,000 notes in one
// case. Prints figures (medians over RUNS runs in headless Chromium); asserts nothing.
//   - stored size of the casebook in local storage
//   - load: opening the case page directly until the first log entry is drawn
//   - render: going from My records to the case page until the log is drawn
//   - search: one keystroke in the log's search box until the page has updated
//   - save: deleting an entry until the change is saved and shown
import { launchBrowser, startServer, openPage } from '../e2e/helpers.mjs';
import { show, benchDir, writeBackup, restoreBackup, largeCasebook } from './common.mjs';

const RUNS = Number(process.env.RUNS || 5);
const KEY = 'send-casebook:records';
const backupFile = writeBackup(benchDir(), 'large-backup.json', largeCasebook());
const server = await startServer();
const browser = await launchBrowser();
let storedSize = 0;
let storedKeys = 0;
const load = [];
const render = [];
const search = [];
const save = [];
for (let run = 0; run < RUNS; run += 1) {
  const app = await openPage(browser, server.origin);
  const { page } = app;
  await restoreBackup(app, backupFile);

  [storedSize, storedKeys] = await page.evaluate((key) => {
    const keys = Object.keys(localStorage).filter((k) => k.startsWith(key));
    return [keys.reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0), keys.length];
  }, KEY);
  await page.goto(`${server.origin}/records/case-big`);
  await page.getByTestId('log-entry').first().waitFor();
  load.push(await page.evaluate(() => performance.now()));

  await page.getByRole('link', { name: 'My records' }).first().click();
  await page.getByTestId('case-list').waitFor();
  render.push(await page.evaluate(async () => {
    const start = performance.now();
    document.querySelector('[data-testid=case-list] a').click();
    while (!document.querySelector('[data-testid=log-entry]')) await new Promise((r) => setTimeout(r, 0));
    return performance.now() - start;
  }));

  search.push(...await page.evaluate(async () => {
    const input = document.getElementById('log-search');
    const times = [];
    const settle = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); });
    for (const c of 'therapy 12') {
      const start = performance.now();
      input.value += c;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await settle();
      times.push(performance.now() - start);
    }
    return times;
  }));

  save.push(await page.evaluate(async (key) => {
    const stored = () => Object.keys(localStorage).filter((k) => k.startsWith(key)).map((k) => localStorage.getItem(k)).join('|');
    const before = stored();
    const start = performance.now();
    document.querySelector('[data-testid=log-entry] button.button--warning').click();
    // The click saves synchronously; wait only for the page to show it.
    while (!document.querySelector('[data-testid=undo-banner]')) await new Promise((r) => setTimeout(r, 0));
    const elapsed = performance.now() - start;
    if (stored() === before) throw new Error('the deletion was not saved');
    return elapsed;
  }, KEY));
  await app.close();
}
await browser.close();
await server.stop();

console.log(`My records with 10,000 log entries and 1,000 notes, headless Chromium, ${RUNS} runs:`);
console.log(`  stored size: ${(storedSize / 1024 / 1024).toFixed(2)} MB in ${storedKeys} keys (local storage allows about 5 MB)`);
show('load: open the case page until drawn', load);
show('render: My records -> case page, log drawn', render);
show('search: one keystroke until the page updated', search, '≤ 16 ms');
show('save: delete an entry until saved and shown', save, '≤ 50 ms');
