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
