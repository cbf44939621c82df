// "My records": a parent keeps a case's log and notes on the device, and nothing is ever lost:
// reloads, undo, unreadable data, a full quota, two tabs, backups and hostile backup files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  sharedBrowserAndServer, openPage, assertNoAxeViolations, screenshotPath,
} from './helpers.mjs';
import {
  KEY, addCase, addEntry, storedRecords, fillQuota,
} from './records-helpers.mjs';

const env = sharedBrowserAndServer();

async function recordsPage(today = '2025-07-15', options = {}) {
  const app = await openPage(env.browser, env.server.origin, { viewport: { width: 900, height: 900 }, ...options });
  await app.page.clock.setFixedTime(new Date(`${today}T10:00:00`));
  await app.visit('/records');
  return app;
}

const subjects = (page) => page.getByTestId('log-entry').locator('h3').allTextContents();

test('a parent adds, corrects, deletes and undoes log entries, and they survive a reload', async () => {
  const app = await recordsPage();
  const { page } = app;
  assert.match(await page.getByTestId('no-cases').textContent(), /No cases yet/);
  await assertNoAxeViolations(page, 'My records, empty');
  await addCase(page, 'J.S.');
  await addEntry(page, { day: '2', month: '6', year: '2025', subject: 'Call about speech therapy', party: 'senco', summary: 'Sessions stopped after Easter' });
  await addEntry(page, { day: '30', month: '6', year: '2025', subject: 'Final amended EHC plan', party: 'council-sen-team', keyDate: 'final-plan-issued' });
  assert.deepEqual(await subjects(page), ['Final amended EHC plan', 'Call about speech therapy']);

  // The decision letter starts clocks, shown on the entry and in the summary.
  const deadlines = page.getByTestId('entry-deadlines');
  assert.match(await deadlines.textContent(), /contact the mediation adviser: Friday 29 August 2025.*Tribunal: Monday 1 September 2025/);
  assert.match(await page.getByTestId('upcoming').textContent(), /Monday 1 September 2025, by 5pm/);
  assert.match(await page.getByTestId('last-contact').textContent(), /Council SEN team: Monday 30 June 2025.*SENCo: Monday 2 June 2025/);
  await assertNoAxeViolations(page, 'a case with entries');
  await page.screenshot({ path: screenshotPath('case.png'), fullPage: true });

  // Correcting the letter's date updates the deadlines.
  await page.getByRole('link', { name: 'Edit Final amended EHC plan' }).click();
  await page.locator('#entry-date-day').fill('1');
  await page.locator('#entry-date-month').fill('7');
  await page.getByTestId('save-entry').click();
  await page.getByTestId('log-list').waitFor();
  assert.match(await page.getByTestId('entry-deadlines').textContent(), /contact the mediation adviser: Monday 1 September 2025/);

  // Search, filter and sort.
  await page.getByLabel('Search the log').fill('therapy easter');
  assert.deepEqual(await subjects(page), ['Call about speech therapy']);
  assert.equal(await page.getByTestId('log-count').textContent(), '1 of 2 entries match');
  await page.getByLabel('Search the log').fill('');
  await page.getByLabel('Who', { exact: true }).selectOption('council-sen-team');
  assert.deepEqual(await subjects(page), ['Final amended EHC plan']);
  await page.getByLabel('Who', { exact: true }).selectOption('');
  await page.getByLabel('Order').selectOption('oldest');
  assert.deepEqual(await subjects(page), ['Call about speech therapy', 'Final amended EHC plan']);

  // Dates, typed as day, month and year: an impossible date is explained and changes nothing.
  const dates = page.getByTestId('log-dates');
  await dates.getByText('Only entries between two dates').click();
  const showDates = dates.getByRole('button', { name: 'Show these dates' });
  await page.locator('#log-from-day').fill('30');
  await page.locator('#log-from-month').fill('2');
  await page.locator('#log-from-year').fill('2025');
  await showDates.click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /The "from" date must be a real date/);
  assert.equal((await subjects(page)).length, 2, 'an impossible date filters nothing');
  await assertNoAxeViolations(page, 'the log with a date error');
  await page.locator('#log-from-day').fill('1');
  await page.locator('#log-from-month').fill('6');
  await page.locator('#log-to-day').fill('15');
  await page.locator('#log-to-month').fill('6');
  await page.locator('#log-to-year').fill('2025');
  await showDates.click();
  await summary.waitFor({ state: 'detached' });
  assert.deepEqual(await subjects(page), ['Call about speech therapy']);
  assert.equal(await page.getByTestId('log-count').textContent(), '1 of 2 entries match');
  assert.equal(await dates.locator('summary').textContent(), 'Dates: 1 June 2025 to 15 June 2025');
  await dates.getByRole('button', { name: 'All dates' }).click();
  assert.equal((await subjects(page)).length, 2);
  assert.equal(await dates.locator('summary').textContent(), 'Only entries between two dates');

  // Delete, then undo.
  await page.getByRole('button', { name: 'Delete Call about speech therapy' }).click();
  assert.deepEqual(await subjects(page), ['Final amended EHC plan']);
  // Focus goes to the message and its Undo, never to the next entry's Delete.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'undo-banner');
  await page.getByTestId('undo-banner').getByRole('button', { name: 'Undo' }).click();
  assert.equal((await subjects(page)).length, 2);

  await page.reload();
  await page.getByTestId('log-list').waitFor();
  assert.equal((await subjects(page)).length, 2);
  app.assertClean();
  await app.close();
});

test('a parent renames a case, deletes it, undoes that, and a deleted case leaves nothing it held on the device', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'J.S.');
  await addEntry(page, { day: '2', month: '6', year: '2025', subject: 'Call about speech therapy', summary: 'Sessions stopped after Easter' });
  const stored = () => page.evaluate((key) => Object.keys(localStorage)
    .filter((k) => k.startsWith(key)).map((k) => localStorage.getItem(k)).join('\n'), KEY);
  assert.match(await stored(), /Sessions stopped after Easter/, 'the entry is stored');

  // Rename: an empty name is refused and changes nothing; a new name, school and status are saved.
  const panel = page.getByTestId('change-case');
  await panel.getByText('Change or delete this case').click();
  assert.equal(await page.locator('#edit-case-name').inputValue(), 'J.S.', 'the form starts with the case as it is');
  await page.locator('#edit-case-name').fill('  ');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  assert.match(await page.locator('#edit-case-name-error').textContent(), /Enter the child's name or initials/);
  // The GOV.UK error summary: focused, and its link takes the parent to the field.
  const changeSummary = panel.getByTestId('error-summary');
  await changeSummary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'error-summary');
  await changeSummary.getByRole('link', { name: "Enter the child's name or initials" }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'edit-case-name');
  assert.equal(await page.locator('main h1').textContent(), 'J.S.');
  await page.locator('#edit-case-name').fill('S.J.');
  await page.locator('#edit-case-school').fill('Oak Primary');
  await page.locator('#edit-case-status').selectOption('draft-plan');
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('main h1', { hasText: 'S.J.' }).waitFor();
  assert.equal(await page.locator('#edit-case-name-error').count(), 0);
  assert.equal(await panel.getByTestId('error-summary').count(), 0, 'the summary goes once mended');
  assert.match(await panel.getByRole('status').textContent(), /Changes saved/);
  assert.match(await page.locator('main .lead').textContent(), /^Oak Primary\. /);
  assert.equal(await page.title(), 'S.J. – SEND Casebook');
  assert.deepEqual(await subjects(page), ['Call about speech therapy'], 'the log is kept');
  await assertNoAxeViolations(page, 'a case with its change panel open');
  await page.reload();
  await page.locator('main h1', { hasText: 'S.J.' }).waitFor();
  const caseAddress = new URL(page.url()).pathname;

  // Delete asks first, says what goes, and "No" keeps it.
  await panel.getByText('Change or delete this case').click();
  await panel.getByRole('button', { name: 'Delete this case' }).click();
  const confirm = page.getByTestId('confirm-delete-case');
  assert.match(await confirm.textContent(), /its 1 log entry and 0 notes from this device/);
  await assertNoAxeViolations(page, 'the delete confirmation');
  await confirm.getByRole('button', { name: 'No, keep it' }).click();
  assert.equal(await confirm.count(), 0);
  await panel.getByRole('button', { name: 'Delete this case' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete this case' }).click();

  // My records says so and offers Undo; nothing the case held stays in storage.
  const banner = page.getByTestId('case-deleted');
  await banner.waitFor();
  assert.equal(new URL(page.url()).pathname, '/records');
  assert.match(await banner.textContent(), /The case “S\.J\.” was deleted/);
  assert.match(await page.getByTestId('no-cases').textContent(), /No cases yet/);
  const afterDelete = await stored();
  for (const text of ['Sessions stopped after Easter', 'Call about speech therapy', 'S.J.', 'Oak Primary']) {
    assert.ok(!afterDelete.includes(text), `"${text}" is no longer stored`);
  }
  await assertNoAxeViolations(page, 'My records after deleting a case');
  await banner.getByRole('button', { name: 'Undo' }).click();
  await page.getByTestId('case-list').getByRole('link', { name: 'S.J.', exact: true }).click();
  await page.locator('main h1', { hasText: 'S.J.' }).waitFor();
  assert.deepEqual(await subjects(page), ['Call about speech therapy'], 'undo brings the log back');
  assert.match(await stored(), /Sessions stopped after Easter/);

  // Deleted again, Undo is offered only until the parent leaves the page; a reload keeps it deleted.
  await panel.getByText('Change or delete this case').click();
  await panel.getByRole('button', { name: 'Delete this case' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete this case' }).click();
  await banner.waitFor();
  await page.getByRole('link', { name: 'Guide', exact: true }).first().click();
  await page.getByRole('link', { name: 'My records', exact: true }).first().click();
  await page.getByTestId('no-cases').waitFor();
  assert.equal(await banner.count(), 0);
  await page.reload();
  await page.getByTestId('no-cases').waitFor();
  for (const address of [caseAddress, `${caseAddress}/timeline`]) {
    await app.visit(address);
    await page.getByTestId('not-found').waitFor();
  }
  app.assertClean();
  await app.close();
});

test('the entry form explains mistakes and keeps what was typed', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'K.T.');
  await page.getByTestId('add-entry').click();
  await page.locator('#entry-date-day').fill('31');
  await page.locator('#entry-date-month').fill('2');
  await page.locator('#entry-date-year').fill('2025');
  await page.getByLabel('Time (optional)').fill('25:00');
  await page.getByTestId('save-entry').click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  assert.deepEqual(await summary.locator('li').allTextContents(), [
    'The date must be a real date',
    'Enter the time like 09:30, or leave it empty',
    'Enter what it was about',
  ]);
  await assertNoAxeViolations(page, 'the entry form with errors');
  assert.equal(await page.locator('#entry-date-day').inputValue(), '31');
  app.assertClean();
  await app.close();
});

test('key dates in the log: a detail is chosen, never assumed, and later entries answer earlier dates', async () => {
  const app = await recordsPage('2025-07-20');
  const { page } = app;
  await addCase(page, 'K.D.');
  // A Tribunal order needs to say what was ordered: no default.
  await page.getByTestId('add-entry').click();
  await page.locator('#entry-date-day').fill('1');
  await page.locator('#entry-date-month').fill('7');
  await page.locator('#entry-date-year').fill('2025');
  await page.getByLabel('What it was about').fill('Tribunal decision');
  await page.getByLabel('Does this start a legal clock?').selectOption('tribunal-order');
  await page.getByTestId('save-entry').click();
  await page.getByTestId('error-summary').waitFor();
  assert.match(await page.getByTestId('error-summary').textContent(), /Select what the Tribunal ordered/);
  await page.getByLabel('What did the Tribunal order?').selectOption('make-plan');
  await page.getByTestId('save-entry').click();
  await page.getByTestId('log-list').waitFor();
  assert.match(await page.getByTestId('entry-key-date').first().textContent(), /A Tribunal order: make and maintain an EHC plan/);

  // A decision to cease, then the parent logs contacting the mediation adviser.
  await addEntry(page, { day: '30', month: '6', year: '2025', subject: 'Letter: plan to stop', party: 'council-sen-team', keyDate: 'decision-to-cease' });
  assert.match(await page.getByTestId('upcoming').textContent(), /contact the mediation adviser/);
  await addEntry(page, { day: '10', month: '7', year: '2025', subject: 'Phoned the mediation adviser', party: 'mediation-service', keyDate: 'adviser-contacted' });
  assert.doesNotMatch(await page.getByTestId('upcoming').textContent(), /contact the mediation adviser/);
  const decision = page.getByTestId('log-entry').filter({ hasText: 'Letter: plan to stop' });
  assert.match(await decision.getByTestId('entry-deadlines').textContent(), /contact the mediation adviser: Friday 29 August 2025 \(Done on time \(10 July 2025\)\)/);

  // A request, then a refusal to assess: the 16 and 20-week dates are no longer the council's.
  await addEntry(page, { day: '6', month: '1', year: '2025', subject: 'Our request for an assessment', party: 'council-sen-team', keyDate: 'request-for-assessment' });
  assert.match(await page.getByTestId('overdue').textContent(), /Final EHC plan due/);
  await addEntry(page, { day: '14', month: '2', year: '2025', subject: 'Refusal to assess', party: 'council-sen-team', keyDate: 'decision-no-assessment' });
  const overdue = page.getByTestId('overdue');
  if (await overdue.count()) assert.doesNotMatch(await overdue.textContent(), /Final EHC plan due|notice if it decides not/);
  const request = page.getByTestId('log-entry').filter({ hasText: 'Our request for an assessment' });
  assert.match(await request.getByTestId('entry-deadlines').textContent(), /Final EHC plan due, if the council decides to issue one: .*No longer needed: the council decided not to assess on 14 February 2025/);

  // The timeline and its print say the same.
  await page.getByRole('link', { name: /timeline/i }).first().click();
  await page.getByTestId('timeline-item').first().waitFor();
  const adviserRow = page.getByTestId('timeline-item').filter({ hasText: 'Last day to contact the mediation adviser' }).filter({ hasText: 'Letter: plan to stop' });
  assert.match(await adviserRow.textContent(), /Done on time \(10 July 2025\)/);
  assert.doesNotMatch(await page.locator('main').textContent(), /days overdue/);
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.locator('main').textContent(), /No longer needed: the council decided not to assess/);
  await page.emulateMedia({ media: 'screen' });
  await assertNoAxeViolations(page, 'a timeline with answered key dates');
  app.assertClean();
  await app.close();
});

test('meeting mode saves what is typed, as it is typed, and nothing before', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'M.M.');
  await page.getByTestId('meeting-mode').click();
  await page.getByTestId('meeting-intro').waitFor();
  const body = page.getByLabel('Notes', { exact: true });
  assert.equal(await body.inputValue(), '', 'the checklist is a prompt, not text in the note');
  assert.match(await page.getByTestId('meeting-prompts').textContent(), /Say clearly what you want to happen/);
  assert.equal(await page.locator('.breadcrumbs li').nth(1).textContent(), 'M.M.', 'the breadcrumb names the case');
  await body.fill('Who is here: me, SENCo\nAgreed: new targets by Friday');
  await page.getByTestId('meeting-status').filter({ hasText: 'Saved on this device' }).waitFor();
  await assertNoAxeViolations(page, 'meeting mode');
  // Leave without pressing Done: the note is already saved, named after the date and time.
  await page.goBack();
  await page.getByTestId('note-list').waitFor();
  await page.reload();
  const note = page.getByTestId('note');
  await note.first().waitFor();
  assert.equal(await note.count(), 1);
  assert.match(await note.first().textContent(), /Meeting, 15 July 2025, 10:00.*new targets by Friday/s);
  app.assertClean();
  await app.close();
});

test('unreadable stored records are left untouched, shown read-only, offered as a file, then started afresh', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'U.U.');
  await addEntry(page, { day: '1', month: '7', year: '2025', subject: 'Letter one' });
  await addEntry(page, { day: '2', month: '7', year: '2025', subject: 'Letter two' });
  const snapshot = () => storedRecords(page);
  // Damage one stored part.
  const damaged = await page.evaluate((key) => {
    const part = Object.keys(localStorage).find((k) => k.startsWith(`${key}:`) && k.includes(':entries:'));
    const text = localStorage.getItem(part);
    localStorage.setItem(part, text.slice(0, 20));
    return part;
  }, KEY);
  const before = await snapshot();
  await page.reload();
  const problem = page.getByTestId('records-problem');
  await problem.waitFor();
  assert.match(await problem.textContent(), /could not be read.*left on this device exactly as they were/);
  // The banner can be drawn a moment before the log: wait for the log itself.
  await page.getByTestId('log-list').waitFor();
  await page.screenshot({ path: screenshotPath('records-unreadable.png'), fullPage: false });
  assert.equal((await subjects(page)).length, 1, 'what could be read is shown');
  assert.equal(await page.getByTestId('start-afresh').count(), 0, 'start afresh only after the file is saved');

  // Changes are refused (nothing written over the damaged data), the guide still works.
  await page.getByRole('link', { name: 'My records', exact: true }).first().click();
  await page.getByLabel("Child's name or initials").fill('New child');
  await page.getByRole('button', { name: 'Add case' }).click();
  assert.deepEqual(await snapshot(), before, 'nothing was written');
  await page.reload();
  await problem.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    problem.getByRole('button', { name: 'Save the stored records as a file' }).click(),
  ]);
  const kept = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(kept[damaged], before[damaged], 'the file holds the stored text exactly');
  assert.deepEqual(Object.keys(kept).sort(), Object.keys(before).sort(), 'every stored part is in the file');
  // What could be read, as a backup file: the app reads it back.
  const [readable] = await Promise.all([
    page.waitForEvent('download'),
    problem.getByRole('button', { name: 'Save what could be read as a backup file' }).click(),
  ]);
  const fresh = await recordsPage();
  await fresh.page.locator('#import-file').setInputFiles(await readable.path());
  await fresh.page.getByTestId('import-preview').waitFor();
  assert.match(await fresh.page.getByTestId('import-preview').textContent(), /Cases in it: U\.U\..*2 records this device does not have/);
  fresh.assertClean();
  await fresh.close();
  await problem.getByTestId('start-afresh').click();
  await problem.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByTestId('case-list').waitFor();
  await page.getByTestId('case-list').getByRole('link', { name: 'U.U.', exact: true }).click();
  assert.equal((await subjects(page)).length, 1, 'what could be read is kept');
  await app.visit('/guide/mediation');
  app.assertClean();
  await app.close();
});

test('two tabs show the same unreadable records: starting afresh in the second later keeps what the first stored since', async () => {
  // The whole flow in two tabs. (Here the second tab also hears the first's saves; the case
  // where it has not yet, which the layout must handle itself, is the native test
  // starting_afresh_in_a_second_tab_keeps_what_the_first_stored_since.)
  const app = await recordsPage();
  const { page: first } = app;
  await addCase(first, 'V.V.');
  await addEntry(first, { day: '1', month: '7', year: '2025', subject: 'Letter one' });
  await addEntry(first, { day: '2', month: '7', year: '2025', subject: 'Letter two' });
  await first.evaluate((key) => {
    const part = Object.keys(localStorage).find((k) => k.startsWith(`${key}:`) && k.includes(':entries:'));
    localStorage.setItem(part, localStorage.getItem(part).slice(0, 20));
  }, KEY);
  await first.reload();
  const second = await app.context.newPage();
  await second.clock.setFixedTime(new Date('2025-07-15T10:00:00'));
  await second.goto(first.url());
  const saveFileAndStartAfresh = async (page) => {
    const problem = page.getByTestId('records-problem');
    await problem.waitFor();
    await Promise.all([
      page.waitForEvent('download'),
      problem.getByRole('button', { name: 'Save the stored records as a file' }).click(),
    ]);
    await problem.getByTestId('start-afresh').click();
    await problem.waitFor({ state: 'detached' });
  };
  // The second tab shows the problem too, and waits.
  await second.getByTestId('records-problem').waitFor();
  // In the first tab: start afresh, then carry on and add a record.
  await saveFileAndStartAfresh(first);
  await addEntry(first, { day: '3', month: '7', year: '2025', subject: 'Added after starting afresh' });
  // Later, in the second tab (still showing its old copy): the same buttons.
  await saveFileAndStartAfresh(second);
  await second.goto(first.url());
  await second.getByTestId('log-list').waitFor();
  assert.ok((await subjects(second)).includes('Added after starting afresh'), 'shown in the second tab');
  await first.reload();
  await first.getByTestId('log-list').waitFor();
  assert.ok((await subjects(first)).includes('Added after starting afresh'), 'still stored');
  app.assertClean();
  await app.close();
});

test('a full storage quota keeps the change on screen, says what to do, damages nothing, and smaller changes still save', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'Q.Q.');
  await addEntry(page, { day: '1', month: '7', year: '2025', subject: 'First letter' });
  const snapshot = () => storedRecords(page);
  const before = await snapshot();
  await fillQuota(page, 2048);
  // A 40,000-character note does not fit: the form stays, with the text, and says why.
  await page.getByRole('link', { name: 'New note' }).click();
  await page.getByLabel('Title').fill('Long letter');
  await page.getByLabel('Notes', { exact: true }).fill('A long letter. '.repeat(2700));
  await page.getByTestId('save-note').click();
  const problem = page.getByTestId('records-problem');
  await problem.waitFor();
  assert.match(await problem.textContent(), /could not be saved.*nothing saved before has changed.*still on screen.*KB of roughly.*Q\.Q\..*Deleting/s);
  assert.match(await page.getByLabel('Notes', { exact: true }).inputValue(), /^A long letter/);
  await page.screenshot({ path: screenshotPath('records-full.png'), fullPage: false });
  await assertNoAxeViolations(page, 'a note that did not fit');
  assert.deepEqual(await snapshot(), before, 'the saved copy is untouched');
  // A smaller change saves: the case is renamed, and the rename is still there after a reload.
  await page.getByRole('link', { name: 'Q.Q.' }).click();
  await page.getByTestId('change-case').getByText('Change or delete this case').click();
  await page.locator('#edit-case-name').fill('Q.R.');
  await page.getByTestId('change-case').getByRole('button', { name: 'Save changes' }).click();
  assert.match(await page.getByTestId('change-case').getByRole('status').textContent(), /Changes saved/);
  await page.reload();
  await page.locator('main h1', { hasText: 'Q.R.' }).waitFor();
  assert.deepEqual(await subjects(page), ['First letter']);
  assert.equal(await page.getByTestId('note').count(), 0, 'the note that did not fit was never reported saved');
  app.assertClean();
  await app.close();
});

test('two tabs open at once see each other\'s changes and neither loses the other\'s', async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
  const errors = [];
  const open = async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${env.server.origin}/records`);
    await page.locator('main h1').waitFor();
    return page;
  };
  const first = await open();
  await addCase(first, 'T.T.');
  const caseUrl = first.url();
  const second = await open();
  await second.goto(caseUrl);
  await second.locator('main h1', { hasText: 'T.T.' }).waitFor();

  await addEntry(first, { day: '1', month: '7', year: '2025', subject: 'From the first tab' });
  await second.getByRole('heading', { name: 'From the first tab' }).waitFor();
  await addEntry(second, { day: '2', month: '7', year: '2025', subject: 'From the second tab' });
  await first.getByRole('heading', { name: 'From the second tab' }).waitFor();
  for (const page of [first, second]) {
    assert.deepEqual((await subjects(page)).sort(), ['From the first tab', 'From the second tab']);
  }
  const storedEntries = await first.evaluate((key) => Object.keys(localStorage)
    .filter((k) => k.startsWith(`${key}:`) && k.includes(':entries:'))
    .flatMap((k) => JSON.parse(localStorage.getItem(k))).length, KEY);
  assert.equal(storedEntries, 2, 'both entries are stored');
  // And then the two tabs are quiet: neither writes back what the other already stored.
  const generation = () => first.evaluate((key) => JSON.parse(localStorage.getItem(key)).generation, KEY);
  const settled = await generation();
  await first.waitForTimeout(1500);
  assert.equal(await generation(), settled, 'no tab keeps rewriting the records');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Change this case" open in two tabs: each saves only what it changed, so neither puts back the other\'s old details', async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
  const errors = [];
  const open = async (url) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url);
    await page.locator('main h1').waitFor();
    return page;
  };
  const first = await open(`${env.server.origin}/records`);
  await addCase(first, 'R.R.');
  const caseUrl = first.url();
  const second = await open(caseUrl);
  // Both tabs open the form, showing the same details.
  for (const page of [first, second]) {
    await page.getByTestId('change-case').getByText('Change or delete this case').click();
    assert.equal(await page.getByLabel('Your own contacts (optional)').inputValue(), '');
  }
  // The second tab adds contacts and saves.
  await second.getByLabel('Your own contacts (optional)').fill('SEN officer 01234 567890');
  await second.getByRole('button', { name: 'Save changes' }).click();
  await second.getByText('Changes saved.').waitFor();
  // The first tab's form, untouched, follows: it shows the other tab's contacts.
  await first.waitForFunction(() => document.getElementById('edit-case-contacts')?.value === 'SEN officer 01234 567890');
  // The first tab changes only the school. (Had its form not caught up, the save would still
  // write only the school: edit_case_from's native test covers that.)
  await first.getByLabel('School or college (optional)').fill('Elm Academy');
  await first.getByRole('button', { name: 'Save changes' }).click();
  await first.getByText('Changes saved.').waitFor();
  // Its form now shows what is stored: its school and the other tab's contacts.
  assert.equal(await first.getByLabel('Your own contacts (optional)').inputValue(), 'SEN officer 01234 567890');
  assert.equal(await first.getByLabel('School or college (optional)').inputValue(), 'Elm Academy');
  for (const page of [first, second]) {
    await page.reload();
    await page.getByTestId('case-contacts').locator('a[href="tel:01234567890"]').waitFor();
    assert.match(await page.locator('p.lead').textContent(), /Elm Academy/);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a backup restores into a fresh env.browser, and bad backup files are refused', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'B.B.');
  await addEntry(page, { day: '30', month: '6', year: '2025', subject: 'Plan <b>not</b> bold & "quoted"', keyDate: 'final-plan-issued' });
  await page.getByRole('link', { name: 'My records' }).first().click();
  await page.getByTestId('backup-panel').waitFor();
  assert.match(await page.getByTestId('last-backup').textContent(), /not saved a backup yet/);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-json').click()]);
  const backupText = readFileSync(await jsonDownload.path(), 'utf8');
  assert.match(await page.getByTestId('last-backup').textContent(), /Last backup: today/);
  const [htmlDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-html').click()]);
  const html = readFileSync(await htmlDownload.path(), 'utf8');
  assert.ok(html.includes('Plan &lt;b&gt;not&lt;/b&gt; bold &amp; &quot;quoted&quot;'));
  await assertNoAxeViolations(page, 'My records with a case');
  await page.screenshot({ path: screenshotPath('records.png'), fullPage: true });
  app.assertClean();
  await app.close();

  const dir = mkdtempSync(path.join(tmpdir(), 'send-casebook-import-'));
  const file = (name, content) => { const p = path.join(dir, name); writeFileSync(p, content); return p; };
  const fresh = await recordsPage();
  const p2 = fresh.page;
  await addCase(p2, 'Already here');
  await p2.getByRole('link', { name: 'My records' }).first().click();
  const snapshot = () => storedRecords(p2);
  const before = await snapshot();
  const refused = p2.getByTestId('import-refused');
  const hostile = [
    ['truncated.json', backupText.slice(0, backupText.length / 2), /not a SEND Casebook backup file, or it is damaged/],
    ['junk.json', 'x'.repeat(65 * 1024 * 1024), /too large \(65\.0 MB\)/],
    ['types.json', backupText.replace(/"plan_status":"[a-z-]+"/, '"plan_status":7'), /damaged/],
    ['ids.json', backupText.replace(/"id":"case-/, '"id":"../case-'), /an id this app does not make/],
    ['other.json', '{"hello": "world"}', /not a SEND Casebook backup/],
  ];
  for (const [name, content, message] of hostile) {
    await p2.locator('#import-file').setInputFiles(file(name, content));
    await refused.waitFor();
    assert.match(await refused.textContent(), message, name);
    assert.deepEqual(await snapshot(), before, `${name} changed nothing`);
  }
  await p2.locator('#import-file').setInputFiles(file('good.json', backupText));
  const preview = p2.getByTestId('import-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /Cases in it: B\.B\..*2 records this device does not have/);
  await assertNoAxeViolations(p2, 'the import preview');
  await preview.getByRole('button', { name: 'Merge: keep the newer of each record' }).click();
  await p2.getByTestId('import-done').waitFor();
  // Export again from the fresh browser and compare with the original backup.
  await p2.reload();
  await p2.getByTestId('backup-panel').waitFor();
  const [again] = await Promise.all([p2.waitForEvent('download'), p2.getByTestId('save-json').click()]);
  const merged = JSON.parse(readFileSync(await again.path(), 'utf8')).casebook;
  const original = JSON.parse(backupText).casebook;
  assert.deepEqual(merged.cases.map((c) => c.name).sort(), ['Already here', 'B.B.']);
  assert.deepEqual(merged.cases.find((c) => c.name === 'B.B.'), original.cases[0], 'the restored case is identical');
  fresh.assertClean();
  await fresh.close();
});

test('the home screen shows the last backup and nudges after new records', async () => {
  const app = await recordsPage();
  const { page } = app;
  await addCase(page, 'H.H.');
  await app.visit('/');
  const reminder = page.getByTestId('backup-reminder');
  assert.match(await reminder.textContent(), /not saved a backup yet.*1 record added or changed/);
  await assertNoAxeViolations(page, 'home with the backup reminder');
  app.assertClean();
  await app.close();
});
