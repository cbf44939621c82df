// "My dates": a parent enters the dates from a letter and gets the deadlines, explained;
// mistakes get a clear error summary; the inputs survive a reload; the dates go to a calendar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  sharedBrowserAndServer, openPage, assertNoAxeViolations, screenshotPath,
} from './helpers.mjs';

const env = sharedBrowserAndServer();

/** A page whose clock says `today` (local time), opened at /dates. */
async function datesPage(today) {
  const app = await openPage(env.browser, env.server.origin, { viewport: { width: 900, height: 900 } });
  await app.page.clock.setFixedTime(new Date(`${today}T10:00:00`));
  await app.visit('/dates');
  return app;
}

async function enterDate(page, id, [day, month, year]) {
  await page.locator(`#${id}-day`).fill(day);
  await page.locator(`#${id}-month`).fill(month);
  await page.locator(`#${id}-year`).fill(year);
}

async function deadlines(page) {
  const cards = page.getByTestId('deadline');
  const out = [];
  for (let i = 0; i < (await cards.count()); i += 1) {
    const card = cards.nth(i);
    out.push({
      title: await card.locator('h3').textContent(),
      date: await card.locator('.deadline__date').textContent(),
      iso: await card.locator('time').getAttribute('datetime'),
      status: await card.locator('.deadline__status').textContent(),
    });
  }
  return out;
}

test('a decision letter gives the adviser date and the appeal date, explained, with a warning', async () => {
  const app = await datesPage('2025-07-15');
  const { page } = app;
  await page.getByLabel('A final EHC plan or amended plan you disagree with').check();
  await enterDate(page, 'decision-sent', ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading', 'focus moves to the results');

  assert.deepEqual(await deadlines(page), [
    { title: 'Last day to contact the mediation adviser', date: 'Saturday 30 August 2025', iso: '2025-08-30', status: '46 days from today' },
    { title: 'Last day to register an appeal with the Tribunal', date: 'Monday 1 September 2025, by 5pm', iso: '2025-09-01', status: '48 days from today' },
  ]);
  const warning = page.getByTestId('adviser-warning');
  assert.match(await warning.textContent(), /by Saturday 30 August 2025.*earlier than your appeal deadline of Monday 1 September 2025/);

  const appeal = page.getByTestId('deadline').nth(1);
  await appeal.getByText('How this date was worked out').click();
  const working = await appeal.locator('.steps').textContent();
  assert.match(working, /2 months from Monday 30 June 2025 \(when the decision was sent\) is Saturday 30 August 2025\./);
  assert.match(working, /first working day in September: Monday 1 September 2025\..*HESC Rules r 12\(3\)\(a\)/);
  assert.match(working, /by 5pm on Monday 1 September 2025/);
  await assertNoAxeViolations(page, 'My dates with results');
  await page.screenshot({ path: screenshotPath('my-dates.png'), fullPage: true });

  // The inputs and the results survive a reload.
  await page.reload();
  await page.getByTestId('results').waitFor();
  assert.equal(await page.getByLabel('A final EHC plan or amended plan you disagree with').isChecked(), true);
  assert.equal(await page.locator('#decision-sent-day').inputValue(), '30');
  assert.equal((await deadlines(page)).length, 2);
  app.assertClean();
  await app.close();
});

test('a mediation certificate moves the appeal deadline and the unclear cases say so', async () => {
  const app = await datesPage('2024-11-30');
  const { page } = app;
  await page.getByLabel('A mediation certificate').check();
  await enterDate(page, 'decision-sent', ['1', '10', '2024']);
  await enterDate(page, 'certificate-issued', ['29', '11', '2024']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  const dates = await deadlines(page);
  assert.equal(dates.at(-1).date, 'Thursday 2 January 2025, by 5pm');

  // A deadline rolled into August by a weekend: the earlier date, with the later reading noted.
  await page.getByLabel('A decision to stop (cease) an EHC plan').check();
  await enterDate(page, 'decision-sent', ['31', '5', '2027']);
  await enterDate(page, 'certificate-issued', ['', '', '']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  assert.equal((await deadlines(page)).at(-1).date, 'Monday 2 August 2027, by 5pm');
  assert.match(await page.getByTestId('later-reading').textContent(), /Wednesday 1 September 2027/);
  app.assertClean();
  await app.close();
});

test('impossible and incomplete dates get an error summary that links to each field', async () => {
  const app = await datesPage('2025-07-15');
  const { page } = app;
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  assert.deepEqual(await summary.locator('li').allTextContents(), ['Select what has happened']);

  await page.getByLabel('A mediation certificate').check();
  await enterDate(page, 'decision-sent', ['31', '2', '2025']);
  await enterDate(page, 'certificate-issued', ['1', '13', '25']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'error-summary', 'the summary takes focus');
  assert.deepEqual(await summary.locator('li').allTextContents(), [
    'The date the decision was sent must be a real date',
    'The year of the date the certificate was issued must have 4 numbers, for example 2025',
  ]);
  assert.equal(await page.getByTestId('results').count(), 0);
  // Each message also stands beside its field, and the wrong boxes are marked.
  assert.match(await page.locator('#decision-sent-error').textContent(), /must be a real date/);
  assert.equal(await page.locator('#decision-sent-day.input--error').count(), 1);
  await assertNoAxeViolations(page, 'My dates with errors');
  await page.screenshot({ path: screenshotPath('my-dates-errors.png'), fullPage: true });

  await summary.getByRole('link', { name: /decision was sent/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'decision-sent-day');

  const cases = [
    [['1st', 'June', '2025'], ['1', '6', '2025'], 'The date the decision was sent must be written in numbers, for example 30 6 2025'],
    [['1', '', ''], ['1', '6', '2025'], 'The date the decision was sent must include a month and year'],
    [['1', '6', '1999'], ['1', '6', '2025'], 'The date the decision was sent must be between 2012 and 2030'],
    [['2', '6', '2025'], ['1', '6', '2025'], 'The date the certificate was issued must be the same as or after the date the decision was sent'],
    [['1', '13', '2025'], ['1', '6', '2025'], 'The date the decision was sent must be a real date'],
  ];
  for (const [decision, certificate, message] of cases) {
    await enterDate(page, 'decision-sent', decision);
    await enterDate(page, 'certificate-issued', certificate);
    await page.getByRole('button', { name: 'Work out my dates' }).click();
    await page.waitForFunction((m) => document.querySelector('[data-testid=error-summary]')?.textContent.includes(m), message);
  }
  app.assertClean();
  await app.close();
});

test('a date that has passed says what can still be done, never "too late"', async () => {
  const app = await datesPage('2025-10-01');
  const { page } = app;
  await page.getByLabel('A decision not to issue an EHC plan after an assessment').check();
  await enterDate(page, 'decision-sent', ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  const [adviser, appeal] = await deadlines(page);
  assert.match(adviser.status, /passed 32 days ago.*Contact the mediation adviser anyway/);
  assert.match(appeal.status, /passed 30 days ago.*ask the Tribunal to accept it late/);
  assert.doesNotMatch(await page.locator('main').textContent(), /too late/i);

  // The council's own deadlines say how late it is.
  await page.getByLabel('A request for an EHC needs assessment').check();
  await enterDate(page, 'request-received', ['6', '1', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  const ehc = await deadlines(page);
  assert.deepEqual(ehc.map((d) => d.iso), ['2025-02-17', '2025-04-28', '2025-05-26']);
  assert.match(ehc[2].status, /passed 128 days ago\. If it has not been done, it is 128 days late/);
  app.assertClean();
  await app.close();
});

test('"Add to calendar" downloads a valid iCalendar file of the dates', async () => {
  const app = await datesPage('2025-07-15');
  const { page } = app;
  await page.getByLabel('A decision to stop (cease) an EHC plan').check();
  await enterDate(page, 'decision-sent', ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('add-to-calendar').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'send-casebook-dates.ics');
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.equal(text.match(/BEGIN:VEVENT/g).length, 2);
  assert.match(text, /DTSTART;VALUE=DATE:20250830/);
  assert.match(text, /DTSTART;VALUE=DATE:20250901/);
  assert.match(text, /SUMMARY:Last day to register an appeal with the Tribunal \(by 5pm\)/);
  assert.equal(text.match(/^UID:[0-9a-f]{16}@send-casebook$/gm).length, 2);
  app.assertClean();
  await app.close();
});

test('stored dates that cannot be read are kept aside and the page says so', async () => {
  const app = await datesPage('2025-07-15');
  const { page } = app;
  await page.evaluate(() => localStorage.setItem('send-casebook:my-dates:v1', '{"situation": 12, broken'));
  await page.reload();
  await page.getByTestId('storage-problem').waitFor();
  assert.match(await page.getByTestId('storage-problem').textContent(), /could not be read.*kept on this device/);
  assert.equal(
    await page.evaluate(() => localStorage.getItem('send-casebook:my-dates:v1:unreadable')),
    '{"situation": 12, broken',
  );
  // The page still works.
  await page.getByLabel('A draft EHC plan').check();
  await enterDate(page, 'draft-served', ['1', '8', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  assert.equal((await deadlines(page))[0].date, 'Friday 15 August 2025');
  app.assertClean();
  await app.close();
});
