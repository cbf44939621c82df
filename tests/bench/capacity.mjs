// Benchmark for backups and capacity: prints figures, asserts nothing.
//   - export: "Save a backup file" with the README's casebook (10,000 entries, 1,000 notes):
//     time until the file is offered, and its size
//   - import: that file restored into a fresh profile: time to the preview, and to "merged"
//   - the largest casebook that fits: one case of log entries with the given text sizes,
//     restored into a fresh profile with "Merge", found by halving the step; in English and in a
//     script that takes 3 bytes a character in UTF-8 (Chinese)
import { statSync } from 'node:fs';
import { launchBrowser, startServer, openPage } from '../e2e/helpers.mjs';
import { show, benchDir, writeBackup, largeCasebook } from './common.mjs';

const RUNS = Number(process.env.RUNS || 3);
const server = await startServer();
const browser = await launchBrowser();
const dir = benchDir();

async function importFile(page, file) {
  await page.locator('#import-file').setInputFiles(file);
  const preview = page.getByTestId('import-preview');
  const refused = page.getByTestId('import-refused');
  await preview.or(refused).waitFor({ timeout: 120000 });
  if (await refused.count()) return false;
  await preview.getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await page.getByTestId('import-done').or(refused).waitFor({ timeout: 120000 });
  return (await page.getByTestId('import-done').count()) > 0;
}

// Export and import of the README's casebook.
const large = writeBackup(dir, 'large.json', largeCasebook());
const exportTimes = [];
const previewTimes = [];
const mergeTimes = [];
let exportedBytes = 0;
for (let run = 0; run < RUNS; run += 1) {
  const app = await openPage(browser, server.origin);
  const { page } = app;
  await app.visit('/records');
  if (!await importFile(page, large)) throw new Error('the benchmark casebook did not fit');
  await page.reload();
  await page.getByTestId('save-json').waitFor();
  const start = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-json').click()]);
  await download.path();
  exportTimes.push(Date.now() - start);
  const file = `${dir}/exported-${run}.json`;
  await download.saveAs(file);
  exportedBytes = statSync(file).size;
  await app.close();

  const fresh = await openPage(browser, server.origin);
  await fresh.visit('/records');
  const t0 = Date.now();
  await fresh.page.locator('#import-file').setInputFiles(file);
  await fresh.page.getByTestId('import-preview').waitFor({ timeout: 120000 });
  previewTimes.push(Date.now() - t0);
  const t1 = Date.now();
  await fresh.page.getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await fresh.page.getByTestId('import-done').waitFor({ timeout: 120000 });
  mergeTimes.push(Date.now() - t1);
  await fresh.close();
}

// The largest casebook that fits.
function casebookOf(entries, text) {
  const book = largeCasebook();
  const template = book.cases[0].entries;
  book.cases[0].notes = [];
  book.cases[0].entries = Array.from({ length: entries }, (_, i) => ({
    ...template[i % template.length],
    id: `entry-${i}`,
    subject: text.subject,
    summary: text.summary,
  }));
  return book;
}

async function fits(entries, text) {
  const file = writeBackup(dir, `fit-${entries}.json`, casebookOf(entries, text));
  const app = await openPage(browser, server.origin);
  await app.visit('/records');
  const ok = await importFile(app.page, file);
  await app.close();
  return ok;
}

async function largestThatFits(text) {
  let low = 0;
  let step = 16384;
  while (step >= 128) {
    if (await fits(low + step, text)) low += step; else step /= 2;
  }
  return low;
}

const english = {
  subject: 'Letter about the annual review',
  summary: 'The school said it would look at speech and language therapy before the next meeting, and send the report.',
};
const chinese = {
  subject: '关于年度审查的信件内容摘要',
  summary: '学校说会在下次会议前研究言语和语言治疗的安排，并把报告寄给家长。家长要求书面答复并注明日期。',
};
const englishMax = await largestThatFits(english);
const chineseMax = await largestThatFits(chinese);

// The largest casebook, restored, saved as a backup again, and that backup restored into
// another fresh profile: does it all come back?
async function roundTrip(entries, text) {
  const first = await openPage(browser, server.origin);
  await first.visit('/records');
  if (!await importFile(first.page, writeBackup(dir, `round-${entries}.json`, casebookOf(entries, text)))) return 'did not fit';
  await first.page.reload();
  const [download] = await Promise.all([first.page.waitForEvent('download'), first.page.getByTestId('save-json').click()]);
  const again = `${dir}/round-again-${entries}.json`;
  await download.saveAs(again);
  await first.close();
  const second = await openPage(browser, server.origin);
  await second.visit('/records');
  const ok = await importFile(second.page, again);
  await second.page.reload();
  const listed = ok ? await second.page.getByTestId('case-list').textContent() : '';
  await second.close();
  return ok && listed.includes(`${entries} log entries`) ? 'yes, every entry' : `no (${listed})`;
}
const englishRound = await roundTrip(englishMax, english);
const chineseRound = await roundTrip(chineseMax, chinese);
await browser.close();
await server.stop();

console.log(`Backups and capacity, headless Chromium, ${RUNS} runs:`);
console.log(`  backup file of 10,000 entries and 1,000 notes: ${(exportedBytes / 1024 / 1024).toFixed(2)} MB (compact JSON)`);
show('export: "Save a backup file" until offered', exportTimes);
show('import into a fresh profile: until the preview', previewTimes);
show('import: "Merge" until stored and shown', mergeTimes);
console.log(`  largest casebook that fits (one case, entries with a ${english.subject.length}-character subject and ${english.summary.length}-character summary): about ${englishMax} entries (to 128)`);
console.log(`  the same in Chinese (${chinese.subject.length} + ${chinese.summary.length} characters, 3 bytes each in UTF-8): about ${chineseMax} entries (to 128)`);
console.log(`  the largest, saved as a backup again and restored into another fresh profile: English ${englishRound}; Chinese ${chineseRound}`);
