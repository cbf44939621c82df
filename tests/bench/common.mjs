// Shared by the benchmarks: medians, printing a figure, and loading a large casebook the way a
// parent would (restoring a backup file, which the app saves in its own layout).
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Prints one measure: its median in ms, the target if any, and every run's figure. */
export const show = (label, values, target) => console.log(
  `  ${label.padEnd(46)} ${median(values).toFixed(1).padStart(8)} ms${target ? `  (target ${target})` : ''}  [${values.map((v) => v.toFixed(1)).join(', ')}]`,
);

/** A fresh temporary folder for a benchmark's files. */
export const benchDir = () => mkdtempSync(path.join(tmpdir(), 'send-casebook-bench-'));

/** Writes `casebook` as a SEND Casebook backup file in `dir`; returns its path. */
export function writeBackup(dir, name, casebook) {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ app: 'SEND Casebook', exported_at: 0, casebook }));
  return file;
}

/** Restores the backup file on My records, replacing what the browser holds. */
export async function restoreBackup(app, file) {
  const { page } = app;
  await app.visit('/records');
  await page.locator('#import-file').setInputFiles(file);
  await page.getByTestId('import-preview').getByRole('button', { name: 'Replace what is on this device' }).click();
  await page.getByTestId('import-done').waitFor({ timeout: 60000 });
}

const PARTIES = ['school', 'senco', 'headteacher', 'council-sen-team', 'sendiass', 'mediation-service', 'tribunal', 'health', 'social-care', 'other'];
const METHODS = ['letter', 'email', 'phone', 'meeting', 'video-call', 'text'];
const DIRECTIONS = ['sent', 'received', 'call', 'meeting'];
const WORDS = 'speech language therapy provision school transport annual review draft plan section assessment report advice sensory occupational'.split(' ');

function isoDate(dayOffset) {
  return new Date(Date.UTC(2019, 0, 1) + dayOffset * 86400000).toISOString().slice(0, 10);
}

/** The README's benchmark casebook: one case with 10,000 log entries and 1,000 notes. */
export function largeCasebook() {
  const entries = [];
  for (let i = 0; i < 10000; i += 1) {
    const w = (k) => WORDS[(i * 7 + k * 3) % WORDS.length];
    entries.push({
      id: `entry-${i}`,
      date: isoDate(i % 2500),
      time: null,
      direction: DIRECTIONS[i % 4],
      method: METHODS[i % 6],
      party: PARTIES[i % 10],
      person: i % 3 ? 'Ms Patel' : '',
      subject: `${w(1)} ${w(2)} update ${i}`,
      summary: `We talked about ${w(3)} and ${w(4)}. The school said it would look at ${w(5)} before the next meeting.`,
      promised: i % 5 ? '' : `Reply about ${w(6)} within two weeks`,
      promised_by: i % 5 ? '' : 'Council SEN team',
      follow_up: i % 5 ? null : isoDate((i % 2500) + 14),
      kept_where: 'Blue folder',
      key_date: null,
      updated: 1700000000000 + i,
      deleted: false,
    });
  }
  const notes = [];
  for (let i = 0; i < 1000; i += 1) {
    notes.push({
      id: `note-${i}`,
      date: isoDate(i * 2),
      title: `Meeting notes ${i}`,
      body: 'Who is here: me, SENCo, class teacher.\nWhat was agreed: new targets for reading and a review of therapy.\nActions: school to send the report by Friday.',
      updated: 1700000000000 + i,
      deleted: false,
    });
  }
  return {
    schema_version: 1,
    last_backup: null,
    cases: [{ id: 'case-big', name: 'Large case', school: 'Oak Primary', plan_status: 'has-plan', entries, notes, updated: 1700000000000, deleted: false }],
  };
}


