// "What can I do?": a parent answers a few questions and gets every route the booklet offers,
// in order, with the dates from the letter, who to contact and what to prepare; the routes
// that are not open say why; the dates can be kept in a case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sharedBrowserAndServer, openPage, assertNoAxeViolations, screenshotPath,
} from './helpers.mjs';

const env = sharedBrowserAndServer();

async function optionsPage(today, viewport = { width: 900, height: 900 }) {
  const app = await openPage(env.browser, env.server.origin, { viewport });
  await app.page.clock.setFixedTime(new Date(`${today}T10:00:00`));
  await app.visit('/');
  await app.page.getByRole('link', { name: 'What can I do?' }).click();
  await app.page.getByTestId('options-form').waitFor();
  return app;
}

const inHertfordshire = (page) => page.getByLabel('Yes, in Hertfordshire').check();

const openRoutes = (page) => page.getByTestId('route').evaluateAll((rs) => rs.map((r) => r.dataset.route));

async function letterDate(page, [day, month, year]) {
  await page.locator('#letter-date-day').fill(day);
  await page.locator('#letter-date-month').fill(month);
  await page.locator('#letter-date-year').fill(year);
}

test('a refusal to assess: the adviser first, then mediation and the appeal, with the dates, kept in a case', async () => {
  const app = await optionsPage('2025-07-15');
  const { page } = app;
  // Where the child lives is asked first (the booklet's numbers are Hertfordshire's).
  await page.getByLabel('The council will not carry out an EHC needs assessment (or re-assessment)').check();
  await page.getByTestId('show-options').click();
  assert.match(await page.getByTestId('error-summary').textContent(), /Answer the question: Does your child live in Hertfordshire\?/);
  await inHertfordshire(page);
  await letterDate(page, ['30', '6', '2025']);
  await page.getByTestId('show-options').click();
  await page.getByTestId('options').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'options-heading');
  const open = await openRoutes(page);
  for (const id of ['talk', 'help', 'mediation-adviser', 'mediation', 'appeal']) assert.ok(open.includes(id), `${id} in ${open}`);
  assert.ok(open.indexOf('mediation-adviser') < open.indexOf('appeal'), 'the adviser comes first');
  assert.match(await page.getByTestId('adviser-warning').textContent(), /mediation adviser comes first.*by Friday 29 August 2025.*Monday 1 September 2025/);
  const adviser = page.locator('[data-route=mediation-adviser]');
  assert.match(await adviser.locator('.deadline__date').textContent(), /Friday 29 August 2025 — the 30th is a Saturday/);
  const appeal = page.locator('[data-route=appeal]');
  assert.match(await appeal.locator('.deadline__date').textContent(), /Monday 1 September 2025, by 5pm/);
  // The booklet's words, with the section one tap away, and who to contact.
  assert.match(await page.locator('[data-route=help] blockquote').textContent(), /impartial information and advice/);
  assert.equal(await page.locator('[data-route=help] a[href^="tel:"]').count() > 0, true);
  assert.match(await page.getByTestId('closed-routes').textContent(), /disability discrimination claim/i);
  assert.match(await page.getByTestId('answers').textContent(), /The date on the letter.*Monday 30 June 2025/);
  await assertNoAxeViolations(page, 'What can I do? answered');
  await page.screenshot({ path: screenshotPath('options.png'), fullPage: true });

  // Print: the routes on A4, without the form or buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('options-form').isVisible(), false);
  assert.match(await page.locator('.options__printed').textContent(), /Your options, printed on Tuesday 15 July 2025/);
  await page.emulateMedia({ media: 'screen' });

  // Keep this in my records: the case then has the same dates.
  const keep = page.getByTestId('save-to-records');
  await keep.getByLabel('Name for the new case').fill('Kit');
  await keep.getByRole('button', { name: 'Keep this in my records' }).click();
  await page.getByTestId('saved-to-records').waitFor();
  await page.getByRole('link', { name: 'Open the case' }).click();
  await page.getByTestId('case-summary').waitFor();
  assert.match(await page.getByTestId('upcoming').textContent(), /Friday 29 August 2025.*Monday 1 September 2025/);
  app.assertClean();
  await app.close();
});

test('an appeal only about the school needs no adviser, and says why; other situations get their routes', async () => {
  const app = await optionsPage('2025-07-15');
  const { page } = app;
  await inHertfordshire(page);
  await page.getByLabel(/I only disagree with the school or college named/).check();
  await letterDate(page, ['30', '6', '2025']);
  await page.getByTestId('show-options').click();
  await page.getByTestId('options').waitFor();
  assert.ok(!(await openRoutes(page)).includes('mediation-adviser'));
  assert.equal(await page.getByTestId('adviser-warning').count(), 0, 'no adviser, no warning');
  assert.match(await page.getByTestId('closed-routes').textContent(), /Contact the mediation adviser.*no mediation certificate is needed/);
  assert.match(await page.locator('[data-route=appeal]').textContent(), /do not need a mediation certificate/);
  assert.match(await page.getByTestId('closed-routes').textContent(), /Ask for mediation.*would not give you more time/);
  // A changed date clears the old answer.
  await page.locator('#letter-date-day').fill('1');
  assert.equal(await page.getByTestId('options').count(), 0);
  await page.getByTestId('show-options').click();
  await page.getByTestId('options').waitFor();

  // Help at school: the follow-up question must be answered.
  await page.getByLabel(/The help my child gets at school/).check();
  assert.equal(await page.getByTestId('options').count(), 0, 'a changed answer clears the old options');
  await page.getByTestId('show-options').click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Answer the question: Does your child have an EHC plan\?/);
  await summary.getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.name), 'plan');
  await page.getByLabel('No', { exact: true }).check();
  await page.getByTestId('show-options').click();
  await page.getByTestId('options').waitFor();
  const help = await openRoutes(page);
  assert.ok(help.includes('complaint-school') && help.includes('disagreement-resolution'), `${help}`);
  assert.ok(!help.includes('appeal'));
  assert.match(await page.getByTestId('closed-routes').textContent(), /Appeal to the SEND Tribunal.*cannot be appealed/);

  // Discrimination: its own time limit, 6 months starting with the day it happened (asked
  // as such, not as a letter's date).
  await page.getByLabel(/treated my child unfairly because of a disability/).check();
  assert.match(await page.locator('#letter-date-hint').textContent(), /Not the date of a letter/);
  assert.match(await page.locator('fieldset:has(#letter-date-day) legend').textContent(), /When did it happen\?/);
  await letterDate(page, ['11', '3', '2026']);
  await page.getByTestId('show-options').click();
  await page.getByTestId('options').waitFor();
  assert.match(await page.locator('[data-route=discrimination-claim] .deadline__date').textContent(), /Thursday 10 September 2026/);
  app.assertClean();
  await app.close();
});

test('the questions and the options fit a 320 px screen', async () => {
  const app = await optionsPage('2025-07-15', { width: 320, height: 700 });
  const { page } = app;
  await inHertfordshire(page);
  await page.getByLabel('The council has decided to stop (cease) the EHC plan').check();
  await letterDate(page, ['14', '10', '2025']);
  await page.getByTestId('show-options').click();
  await page.getByTestId('options').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  await assertNoAxeViolations(page, 'What can I do? at 320 px');
  await page.screenshot({ path: screenshotPath('options-320.png'), fullPage: true });
  app.assertClean();
  await app.close();
});

test('elsewhere in England: the same routes and dates, and the Hertfordshire numbers are not offered as yours', async () => {
  const app = await optionsPage('2025-07-15');
  const { page } = app;
  await page.getByLabel('No, somewhere else in England').check();
  await page.getByLabel('The council assessed my child but will not issue an EHC plan').check();
  await letterDate(page, ['30', '6', '2025']);
  await page.getByTestId('show-options').click();
  await page.getByTestId('options').waitFor();
  assert.doesNotMatch(await page.locator('main').textContent(), /01992 555847/, 'no Hertfordshire number as theirs');
  const help = page.locator('[data-route=help]');
  assert.match(await help.getByTestId('route-contact').textContent(), /your local SENDIASS.*Local Offer.*IASS Network/);
  assert.equal(await help.locator('a[href^="tel:"]').count(), 0, 'no Hertfordshire number offered as theirs');
  assert.match(await page.locator('[data-route=complaint-council]').getByTestId('route-contact').textContent(), /your council's SEN team/);
  assert.match(await page.locator('[data-route=appeal] .deadline__date').textContent(), /Monday 1 September 2025, by 5pm/);
  assert.match(await page.getByTestId('answers').textContent(), /Does your child live in Hertfordshire\?No, somewhere else in England/);
  // Remembered on this device, and can be changed.
  await page.reload();
  await page.getByTestId('options-form').waitFor();
  assert.equal(await page.getByLabel('No, somewhere else in England').isChecked(), true);
  assert.equal(await page.evaluate(() => localStorage.getItem('send-casebook:area:v1')), 'elsewhere');
  // Contacts and My dates say so too: the booklet's numbers are Hertfordshire's, not theirs.
  await app.visit('/contacts');
  assert.match(await page.getByTestId('contacts-elsewhere').textContent(), /Hertfordshire's contacts, not your council's.*Local Offer.*IASS Network/);
  await assertNoAxeViolations(page, 'Contacts, elsewhere');
  await app.visit('/dates');
  const source = await page.locator('main p.source').textContent();
  assert.doesNotMatch(source, /01992/);
  assert.match(source, /your local SENDIASS \(your council's Local Offer website names it\)/);
  await app.visit('/options');
  await page.getByTestId('options-form').waitFor();
  await inHertfordshire(page);
  assert.equal(await page.evaluate(() => localStorage.getItem('send-casebook:area:v1')), 'hertfordshire');
  await assertNoAxeViolations(page, 'What can I do? elsewhere');
  await app.visit('/contacts');
  assert.equal(await page.getByTestId('contacts-elsewhere').count(), 0);
  assert.match(await page.getByTestId('contacts-whose').textContent(), /for families in Hertfordshire/);
  app.assertClean();
  await app.close();
});
