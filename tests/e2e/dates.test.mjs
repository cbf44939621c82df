// "My dates": a parent enters the dates from a letter and gets the deadlines, explained;
// mistakes get a clear error summary; the inputs survive a reload; the dates go to a calendar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fillQuota } from './records-helpers.mjs';
import {
  sharedBrowserAndServer, openPage, assertNoAxeViolations, screenshotPath, chooseSituation,
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
  await chooseSituation(page, 'A final EHC plan or amended plan you disagree with');
  await enterDate(page, 'decision-sent', ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading', 'focus moves to the results');

  assert.deepEqual(await deadlines(page), [
    { title: 'Last day to contact the mediation adviser', date: 'Friday 29 August 2025 — the 30th is a Saturday', iso: '2025-08-29', status: '45 days from today' },
    { title: 'Last day to register an appeal with the Tribunal', date: 'Monday 1 September 2025, by 5pm', iso: '2025-09-01', status: '48 days from today' },
  ]);
  const warning = page.getByTestId('adviser-warning');
  assert.match(await warning.textContent(), /If you may want to appeal.*named in the council's letter, by Friday 29 August 2025.*before your appeal deadline of Monday 1 September 2025/);

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
  await chooseSituation(page, 'A mediation certificate');
  await enterDate(page, 'decision-sent', ['1', '10', '2024']);
  await enterDate(page, 'certificate-issued', ['29', '11', '2024']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  const dates = await deadlines(page);
  assert.equal(dates.at(-1).date, 'Thursday 2 January 2025, by 5pm');

  // A deadline rolled into August by a weekend: the earlier date, with the later reading noted.
  await chooseSituation(page, 'A decision to stop (cease) an EHC plan');
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

  await chooseSituation(page, 'A mediation certificate');
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
  await chooseSituation(page, 'A decision not to issue an EHC plan after an assessment');
  await enterDate(page, 'decision-sent', ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  const [adviser, appeal] = await deadlines(page);
  assert.match(adviser.status, /passed 32 days ago.*If you may want to appeal, contact the mediation adviser now/);
  assert.match(appeal.status, /passed 30 days ago.*ask the Tribunal to accept it late/);
  assert.doesNotMatch(await page.locator('main').textContent(), /too late/i);

  // The council's own deadlines say how late it is.
  await chooseSituation(page, 'A request for an EHC needs assessment');
  await enterDate(page, 'request-received', ['6', '1', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  const ehc = await deadlines(page);
  assert.deepEqual(ehc.map((d) => d.iso), ['2025-02-17', '2025-04-28', '2025-05-26']);
  assert.match(ehc[2].status, /passed 128 days ago\. If it has not been done, the council is 128 days late/);
  app.assertClean();
  await app.close();
});

test('"Add to calendar" downloads a valid iCalendar file of the dates', async () => {
  const app = await datesPage('2025-07-15');
  const { page } = app;
  await chooseSituation(page, 'A decision to stop (cease) an EHC plan');
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
  assert.match(text, /DTSTART;VALUE=DATE:20250829/, 'the weekend adviser date sits on the Friday before');
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
  await chooseSituation(page, 'A draft EHC plan');
  await enterDate(page, 'draft-served', ['1', '8', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  assert.equal((await deadlines(page))[0].date, 'Friday 15 August 2025');
  app.assertClean();
  await app.close();
});

test('on a phone the questions follow the choice, and "Save to my records" gives the case the same dates', async () => {
  const app = await openPage(env.browser, env.server.origin, { viewport: { width: 375, height: 740 } });
  const { page } = app;
  await page.clock.setFixedTime(new Date('2025-07-15T10:00:00'));
  await app.visit('/dates');
  // Two short steps: the first shows five choices, the second only those of the group.
  assert.equal(await page.getByTestId('situation-groups').locator('input[type=radio]').count(), 5);
  await page.getByLabel('A decision letter from the council', { exact: true }).check();
  assert.equal(await page.getByTestId('situation-kinds').locator('input[type=radio]').count(), 5);
  // A tap on the decision moves focus to its first date box, which is on screen.
  await page.getByText('A decision to stop (cease) an EHC plan', { exact: true }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'decision-sent-day');
  const box = await page.locator('#decision-sent-day').boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 740, `the date box is on screen (y ${box.y})`);
  await enterDate(page, 'decision-sent', ['14', '10', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading');
  const mine = await deadlines(page);
  // 14 December 2025 is a Sunday: the headline gives Friday 12 December, the working the 14th.
  assert.equal(mine[0].date, 'Friday 12 December 2025 — the 14th is a Sunday');
  await page.getByTestId('deadline').first().getByText('How this date was worked out').click();
  assert.match(await page.getByTestId('deadline').first().locator('.steps').textContent(), /is Sunday 14 December 2025/);
  assert.doesNotMatch(await page.getByTestId('results').textContent(), /You must contact the mediation adviser/);
  await assertNoAxeViolations(page, 'My dates on a phone');
  await page.screenshot({ path: screenshotPath('my-dates-phone.png'), fullPage: true });

  // No case yet: the parent names a new one.
  const save = page.getByTestId('save-to-records');
  await save.getByRole('button', { name: 'Save to my records' }).click();
  assert.match(await save.textContent(), /Enter a name for the case/);
  await save.getByLabel('Name for the new case').fill('Leo');
  await save.getByRole('button', { name: 'Save to my records' }).click();
  await page.getByTestId('saved-to-records').waitFor();
  assert.match(await page.getByTestId('saved-to-records').textContent(), /Saved to Leo/);
  await page.screenshot({ path: screenshotPath('my-dates-saved.png'), fullPage: true });

  // The case shows the same dates, in its log, summary and timeline.
  await page.getByRole('link', { name: 'Open the case' }).click();
  await page.getByTestId('case-summary').waitFor();
  assert.match(await page.getByTestId('entry-key-date').textContent(), /A decision to stop \(cease\) an EHC plan/);
  const upcoming = await page.getByTestId('upcoming').textContent();
  for (const d of mine) {
    assert.ok(upcoming.includes(d.date.split(' —')[0].replace(', by 5pm', '')), `${d.date} in the summary: ${upcoming}`);
  }
  await page.getByRole('link', { name: /timeline/i }).first().click();
  await page.getByTestId('timeline-item').first().waitFor();
  const isoDates = await page.getByTestId('timeline-item').locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  for (const d of mine) assert.ok(isoDates.includes(d.iso), `${d.iso} on the timeline`);

  // Saved again into the same case (offered first now), nothing is added twice.
  await app.visit('/dates');
  await page.getByTestId('results').waitFor();
  assert.equal(await page.locator('#save-case option:checked').textContent(), 'Leo');
  await page.getByTestId('save-to-records').getByRole('button', { name: 'Save to my records' }).click();
  await page.getByTestId('saved-to-records').waitFor();
  assert.match(await page.getByTestId('saved-to-records').textContent(), /already has this: nothing was added twice/);
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.includes(':entries:')).map(([, v]) => v).join(''));
  assert.equal(stored.match(/decision-to-cease/g).length, 1);
  app.assertClean();
  await app.close();
});

test('mediation asks whether health is part of it, and a Tribunal order names each step', async () => {
  const app = await datesPage('2025-03-04');
  const { page } = app;
  await chooseSituation(page, 'I asked the council for mediation');
  await enterDate(page, 'council-told', ['3', '3', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  assert.deepEqual(await page.getByTestId('error-summary').locator('li').allTextContents(), ['Select what the mediation is about']);
  await page.getByLabel('Education or social care (or both), not health').check();
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  assert.deepEqual((await deadlines(page)).map((d) => d.title), ['Mediation must take place by']);
  await page.getByLabel('Health only').check();
  assert.equal(await page.locator('#icb-told-day').count(), 1, 'the ICB date is asked only for health-only mediation');
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  assert.deepEqual((await deadlines(page)).map((d) => d.title), [
    'Council must tell the health body (ICB) about the mediation',
    'Mediation must take place by',
  ]);

  await chooseSituation(page, 'A Tribunal order (or the council not opposing an appeal)');
  await enterDate(page, 'order-date', ['3', '3', '2025']);
  await page.getByLabel('Carry out an assessment or re-assessment').check();
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  const titles = (await deadlines(page)).map((d) => d.title);
  assert.equal(new Set(titles).size, titles.length, `each card says what it is for: ${titles}`);
  assert.match(titles[0], /tell you it will carry out the assessment/);
  app.assertClean();
  await app.close();
});

test('with storage full, "Save to my records" says so, keeps nothing half-saved, and saves once there is room', async () => {
  const app = await datesPage('2025-07-15');
  const { page } = app;
  await chooseSituation(page, 'A decision to stop (cease) an EHC plan');
  await enterDate(page, 'decision-sent', ['30', '6', '2025']);
  await page.getByRole('button', { name: 'Work out my dates' }).click();
  await page.getByTestId('results').waitFor();
  await fillQuota(page);
  const save = page.getByTestId('save-to-records');
  await save.getByLabel('Name for the new case').fill('Quota');
  await save.getByRole('button', { name: 'Save to my records' }).click();
  await page.getByTestId('records-problem').waitFor();
  assert.equal(await page.getByTestId('saved-to-records').count(), 0, 'not reported as saved');
  const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('send-casebook:records')).length);
  assert.equal(await stored(), 0, 'no half-written case');
  assert.equal(await save.getByLabel('Name for the new case').inputValue(), 'Quota', 'what was typed stays');
  // Room again: the same button saves, and the case reads back after a reload.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await save.getByRole('button', { name: 'Save to my records' }).click();
  await page.getByTestId('saved-to-records').waitFor();
  await app.visit('/records');
  await page.getByTestId('case-list').getByRole('link', { name: 'Quota', exact: true }).click();
  await page.getByTestId('entry-key-date').waitFor();
  assert.match(await page.getByTestId('entry-key-date').textContent(), /stop \(cease\)/);
  app.assertClean();
  await app.close();
});
