// Benchmarks for the release build in dist/: prints figures, asserts nothing.
//   - gzip size of every file and the total (what a first visit downloads)
//   - median time to first content (the page heading drawn) on a first visit, with an empty cache
//   - median time to first content on a reload with the server stopped (service worker only)
// RUNS=n sets the number of runs (default 7).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, startServer, openPage, waitForServiceWorker, DIST } from '../e2e/helpers.mjs';
import { median } from './common.mjs';

const RUNS = Number(process.env.RUNS || 7);

function files(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name.endsWith('.gz')) return []; // the build's pre-compressed copies of the same files
    if (!prefix && name === 'pages') return []; // pre-rendered pages: a first visit's HTML, not cached
    return statSync(full).isDirectory() ? files(full, `${prefix}${name}/`) : [[`${prefix}${name}`, full]];
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

console.log('Release build, gzip -9 size of each file:');
let total = 0;
let rawTotal = 0;
for (const [name, full] of files(DIST).sort()) {
  const raw = readFileSync(full);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  rawTotal += raw.length;
  console.log(`  ${name.padEnd(48)} ${kb(raw.length).padStart(10)} raw ${kb(gz).padStart(10)} gzip`);
}
console.log(`  ${'TOTAL'.padEnd(48)} ${kb(rawTotal).padStart(10)} raw ${kb(total).padStart(10)} gzip`);

/** Milliseconds from navigation start until the app's page heading exists. */
async function timeToContent(page) {
  await page.locator('main h1').first().waitFor();
  return page.evaluate(() => performance.now());
}

const browser = await launchBrowser();
const firstVisit = [];
const offlineReload = [];
for (let run = 0; run < RUNS; run += 1) {
  const server = await startServer();
  const app = await openPage(browser, server.origin);
  await app.page.goto(`${server.origin}/guide/mediation`);
  firstVisit.push(await timeToContent(app.page));
  await waitForServiceWorker(app.page);
  await server.stop();
  await app.page.reload();
  offlineReload.push(await timeToContent(app.page));
  await app.close();
}
await browser.close();

console.log(`\nHeadless Chromium, ${RUNS} runs, /guide/mediation, time to first content (median):`);
console.log(`  first visit (empty cache, local server): ${median(firstVisit).toFixed(0)} ms  [${firstVisit.map((v) => v.toFixed(0)).join(', ')}]`);
console.log(`  offline reload (server stopped):         ${median(offlineReload).toFixed(0)} ms  [${offlineReload.map((v) => v.toFixed(0)).join(', ')}]`);
