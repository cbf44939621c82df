// What the records tests do as a parent would, shared: add a case, an entry or a note, read what
// is stored, and fill local storage to its quota.

/** Every stored part of the records starts with this (the list of cases, and each part). */
export const KEY = 'send-casebook:records';

export async function addCase(page, name) {
  await page.getByLabel("Child's name or initials").fill(name);
  await page.getByRole('button', { name: 'Add case' }).click();
  await page.getByTestId('case-list').getByRole('link', { name, exact: true }).click();
  await page.locator('main h1', { hasText: name }).waitFor();
}

/** Adds a log entry through the form; the date stays today's unless given. */
export async function addEntry(page, { day, month, year, subject, party, keyDate, summary }) {
  await page.getByTestId('add-entry').click();
  await page.getByTestId('entry-form').waitFor();
  if (day) await page.locator('#entry-date-day').fill(day);
  if (month) await page.locator('#entry-date-month').fill(month);
  if (year) await page.locator('#entry-date-year').fill(year);
  await page.getByLabel('What it was about').fill(subject);
  if (summary) await page.getByLabel('Summary (optional)').fill(summary);
  if (party) await page.getByLabel('Who with').selectOption(party);
  if (keyDate) await page.getByLabel('Does this start a legal clock?').selectOption(keyDate);
  await page.getByTestId('save-entry').click();
  await page.getByTestId('log-list').waitFor();
}

export async function addNote(page, { title, body }) {
  await page.getByRole('link', { name: 'New note' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Notes', { exact: true }).fill(body);
  await page.getByTestId('save-note').click();
  await page.getByTestId('note-list').waitFor();
}

/** Every stored key of the records and its text. */
export const storedRecords = (page) => page.evaluate((key) => Object.fromEntries(Object.keys(localStorage)
  .filter((k) => k.startsWith(key)).map((k) => [k, localStorage.getItem(k)])), KEY);

/** Fills local storage with junk under other keys until even `smallest` characters do not fit. */
export async function fillQuota(page, smallest = 1) {
  await page.evaluate((smallest) => {
    let size = 512 * 1024;
    let i = 0;
    while (size >= smallest) {
      try { localStorage.setItem(`filler-${i}`, 'x'.repeat(size)); i += 1; } catch { size = Math.floor(size / 2); }
    }
  }, smallest);
}
