// Letters: a parent builds a letter from a case (pre-filled from its records), checks it, copies
// it (clipboard read back), prints it (PDF text read back), saves it as files, and marks it as
// sent, so that it appears in the log, the follow-ups and the timeline. A request for an
// assessment, reached from the guide with the server stopped, starts the council's 6-week date.
// A promise typed in meeting mode becomes a follow-up in one tap, and the follow-up offers its
// letter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  sharedBrowserAndServer, openPage, startServer, waitForServiceWorker, assertNoAxeViolations, screenshotPath,
} from './helpers.mjs';
import { addCase, addEntry, storedRecords } from './records-helpers.mjs';

const env = sharedBrowserAndServer();

async function casePage(app, name) {
  await app.visit('/records');
  await addCase(app.page, name);
}

const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('offline: a complaint to the school, filled in from the case, copied, printed, saved, and kept in the log and timeline', async () => {
  const server = await startServer();
  const app = await openPage(env.browser, server.origin, {
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
  });
  const { page } = app;
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00'));
  await app.visit('/');
  await waitForServiceWorker(page);
  await server.stop();
  await page.reload();
  await page.locator('main h1').waitFor();
  await casePage(app, 'Sam');
  await addEntry(page, { day: '5', month: '11', year: '2026', subject: 'Reading support', party: 'senco' });

  // From the case to its letters, and the complaint to the school.
  await page.getByTestId('write-letter').click();
  await page.getByTestId('letter-list').waitFor();
  await page.getByRole('link', { name: 'A complaint to the school or college' }).click();
  await page.getByTestId('letter-form').waitFor();
  assert.equal(await page.locator('#letter-child').inputValue(), 'Sam');
  assert.match(await page.locator('#letter-tried').inputValue(), /^- 5 November 2026, (meeting with|letter from) SENCo: Reading support$/);
  assert.equal(await page.locator('#letter-reply-by-day').inputValue(), '16');
  assert.equal(await page.locator('#letter-reply-by-month').inputValue(), '12');

  // Empty fields are named in an error summary that links to them.
  await page.getByRole('button', { name: 'Preview the letter' }).click();
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  const problems = await summary.textContent();
  for (const field of ['Enter the school or college', 'Enter each issue you want resolved', 'Enter what you would like to happen', 'Enter your name']) {
    assert.ok(problems.includes(field), `${field} in ${problems}`);
  }
  await summary.getByRole('link', { name: 'Enter the school or college' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'letter-school');

  await page.locator('#letter-school').fill('Oak Primary');
  await page.locator('#letter-issues').fill('Sam has had no reading support since September.\nThe agreed plan has not been reviewed.');
  await page.locator('#letter-outcome').fill('Daily reading support, and a review meeting this term.');
  await page.locator('#letter-your-name').fill('Alex Smith');
  await page.locator('#letter-your-contact').fill('alex@example.org');
  await page.getByRole('button', { name: 'Preview the letter' }).click();
  await page.getByTestId('letter-preview').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'letter-preview-heading');
  const subject = await page.getByTestId('letter-subject').textContent();
  const body = await page.getByTestId('letter-body').textContent();
  assert.equal(subject, 'Complaint about the support for Sam');
  assert.match(body, /^2 December 2026\n\nDear Sir or Madam,/);
  assert.match(body, /Oak Primary gives my child, Sam,/);
  assert.match(body, /5 November 2026/);
  assert.match(body, /no reading support since September\.\nThe agreed plan/);
  assert.match(body, /by 16 December 2026\./);
  assert.match(body, /Alex Smith\nalex@example\.org$/);
  assert.ok(!/[{}]/.test(subject + body), 'no placeholder survives');
  await assertNoAxeViolations(page, 'a letter with its preview');
  await page.screenshot({ path: screenshotPath('letter.png'), fullPage: true });

  // Copied: the clipboard holds the letter exactly.
  await page.getByTestId('copy-letter').click();
  await page.getByTestId('letter-message').filter({ hasText: 'The letter is copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), body);

  // The email link carries the subject and the letter; the address is the parent's to give.
  await page.locator('#letter-email').fill('head@oak.example');
  const mailto = await page.getByTestId('email-letter').getAttribute('href');
  assert.ok(mailto.startsWith('mailto:head@oak.example?subject=Complaint%20about%20the%20support%20for%20Sam&body='), mailto);
  assert.equal(decodeURIComponent(mailto.split('&body=')[1]).replace(/\r\n/g, '\n'), body);

  // Printed on A4: the letter only.
  await page.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(path.join(tmpdir(), 'send-casebook-letter-'));
  const pdf = path.join(dir, 'letter.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: false }));
  const printed = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.match(printed, /Subject: Complaint about the support for Sam/);
  assert.match(printed, /2 December 2026 Dear Sir or Madam, I am writing to make a complaint/);
  assert.match(printed, /Yours sincerely, Alex Smith alex@example\.org/);
  for (const chrome of ['Preview the letter', 'Send or keep it', 'I have sent it', 'Fill in from', 'Skip to main content']) {
    assert.ok(!printed.includes(chrome), `the printout contains "${chrome}"`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, screenshotPath('print-letter')]);
  await page.emulateMedia({ media: 'screen' });

  // Saved as files: plain text and a web page, each read back.
  const [textFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-letter-text').click()]);
  assert.equal(textFile.suggestedFilename(), 'complaint-school-2026-12-02.txt');
  assert.equal(readFileSync(await textFile.path(), 'utf8'), `Subject: ${subject}\n\n${body}\n`);
  const [htmlFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-letter-html').click()]);
  const html = readFileSync(await htmlFile.path(), 'utf8');
  assert.match(html, /<p><strong>Subject: Complaint about the support for Sam<\/strong><\/p>/);
  assert.match(html, /Sam has had no reading support since September\.<br>\nThe agreed plan/);

  // "I have sent it": into Sam's log, with a follow-up on the reply date.
  assert.match(await page.getByTestId('letter-sent').textContent(), /It goes into the log of Sam/);
  await page.getByTestId('keep-letter').click();
  const kept = page.getByTestId('letter-kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Kept in Sam's log as a letter you sent\..*A follow-up is set for 16 December 2026/);
  await kept.getByRole('link', { name: 'The case' }).click();
  await page.getByTestId('log-list').waitFor();
  assert.match(await page.getByTestId('log-list').textContent(), /Complaint about the support for Sam/);
  const followUps = page.getByTestId('follow-ups');
  assert.match(await followUps.textContent(), /Wednesday 16 December 2026: Reply due: Complaint about the support for Sam/);
  // The follow-up offers the letter that chases a reply, filled in from the entry.
  await followUps.getByTestId('follow-up-letter').click();
  await page.getByTestId('letter-form').waitFor();
  assert.equal(await page.locator('main h1').textContent(), 'Chasing a reply to your letter');
  assert.equal(await page.locator('#letter-topic').inputValue(), 'Complaint about the support for Sam');
  assert.equal(await page.locator('#letter-sent-on-day').inputValue(), '2');
  // The parent's name and contact are remembered for the next letter.
  assert.equal(await page.locator('#letter-your-name').inputValue(), 'Alex Smith');
  assert.equal(await page.locator('#letter-your-contact').inputValue(), 'alex@example.org');
  await page.goBack();
  await page.getByTestId('open-timeline').click();
  await page.getByTestId('timeline').waitFor();
  assert.match(await page.getByTestId('timeline').textContent(), /Complaint about the support for Sam/);
  app.assertClean();
  await app.close();
});

test('offline, from the guide: a request for an assessment starts the council\'s 6-week date in a new case', async () => {
  const server = await startServer();
  const app = await openPage(env.browser, server.origin, { viewport: { width: 320, height: 800 } });
  const { page } = app;
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00'));
  await app.visit('/');
  await waitForServiceWorker(page);
  await server.stop();
  await page.reload();
  await page.locator('main h1').waitFor();

  await page.getByRole('link', { name: 'What can I do?' }).first().click();
  await page.getByTestId('options-form').waitFor();
  await page.getByLabel('Yes, in Hertfordshire').check();
  await page.getByLabel(/The help my child gets at school/).check();
  await page.getByLabel('No', { exact: true }).check();
  await page.getByTestId('show-options').click();
  await page.getByTestId('options').waitFor();
  // Asking for an assessment is a route of its own for a child with no plan, with its letter.
  const assessment = page.locator('[data-route=assessment]');
  assert.match(await assessment.locator('h3').textContent(), /Ask the council for an EHC needs assessment/);
  await assessment.getByRole('link', { name: 'Asking the council for an EHC needs assessment' }).click();
  await page.getByTestId('letter-form').waitFor();
  assert.ok(await noSidewaysScroll(page), 'no sideways scrolling at 320px');

  await page.locator('#letter-child').fill('Jo');
  await page.locator('#letter-birth-date-day').fill('9');
  await page.locator('#letter-birth-date-month').fill('4');
  await page.locator('#letter-birth-date-year').fill('2016');
  await page.locator('#letter-school').fill('Elm Primary');
  await page.locator('#letter-needs').fill('Jo finds reading and writing very hard.');
  await page.locator('#letter-help').fill('One small-group session a week.');
  await page.locator('#letter-your-name').fill('Chris');
  await page.getByRole('button', { name: 'Preview the letter' }).click();
  await page.getByTestId('letter-preview').waitFor();
  assert.match(await page.getByTestId('letter-body').textContent(), /born on 9 April 2016, who attends Elm Primary/);
  // The letter is long, so the email action copies instead of opening a cut-off email.
  assert.equal(await page.getByTestId('email-letter').count() + await page.getByTestId('copy-for-email').count(), 1);
  assert.ok(await noSidewaysScroll(page), 'no sideways scrolling with the preview');
  await page.screenshot({ path: screenshotPath('letter-320.png'), fullPage: true });

  // No case yet: the letter goes into a new one. With no name and an impossible date, both
  // problems are in one error summary, which takes focus; its links lead to the fields.
  await page.locator('#sent-on-day').fill('31');
  await page.locator('#sent-on-month').fill('11');
  await page.getByTestId('keep-letter').click();
  await page.locator('#sent-case-name-error').waitFor();
  const sentSummary = page.getByTestId('letter-sent').getByTestId('error-summary');
  assert.deepEqual(await sentSummary.getByRole('link').allTextContents(), [
    'Enter a name for the case (up to 1,000 characters)',
    'The date you sent it must be a real date',
  ]);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'error-summary');
  await sentSummary.getByRole('link').nth(1).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sent-on-day');
  await page.locator('#sent-on-day').fill('2');
  await page.locator('#sent-on-month').fill('12');
  await page.getByLabel('Name for a new case').fill('Jo');
  const clock = page.getByTestId('sent-clock');
  assert.match(await clock.textContent(), /6 weeks count from the day it receives your request.*Taken as received on Wednesday 2 December 2026/);
  // Posted first class: taken as received the next working day, so the 6 weeks start then.
  await page.getByLabel('By first-class post').check();
  assert.match(await clock.textContent(), /Taken as received on Thursday 3 December 2026/);
  await page.getByTestId('keep-letter').click();
  const kept = page.getByTestId('letter-kept');
  await kept.waitFor();
  assert.match(await kept.textContent(), /It starts these dates:.*Thursday 14 January 2027/);
  await kept.getByRole('link', { name: 'The case' }).click();
  await page.getByTestId('upcoming').waitFor();
  assert.match(await page.getByTestId('upcoming').textContent(), /Thursday 14 January 2027/);
  assert.match(await page.locator('.lead').first().textContent(), /Assessment requested/);
  assert.match(await page.getByTestId('log-list').textContent(), /Sent by first-class post on 2 December 2026, and taken as received on 3 December 2026/);
  await assertNoAxeViolations(page, 'the case after a letter was kept');
  app.assertClean();
  await app.close();
});

test('meeting mode: a promise becomes a follow-up in one tap, once, and offers its letter', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00'));
  await casePage(app, 'Kim');
  await page.getByTestId('meeting-mode').click();
  await page.locator('#note-body').fill('Who is here: Ms Patel, Mr Jones\nMs Patel will send the speech therapy report by Friday\nAction: ask about transport\nWhat will happen next?');
  const promises = page.getByTestId('promise');
  await promises.nth(1).waitFor();
  assert.equal(await promises.count(), 2);
  assert.equal(await promises.nth(0).locator('span').first().textContent(), 'Ms Patel: send the speech therapy report by Friday');
  // The day the promise names is the follow-up date, shown before the tap.
  assert.equal(await promises.nth(0).getByTestId('make-follow-up').textContent(), 'Make it a follow-up on Friday 4 December 2026');
  assert.match(await promises.nth(1).getByTestId('make-follow-up').textContent(), /Wednesday 16 December 2026/);
  await promises.nth(0).getByTestId('make-follow-up').click();
  await promises.nth(0).getByTestId('promise-logged').waitFor();
  assert.match(await promises.nth(0).textContent(), /Follow-up on Friday 4 December 2026/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'promise-logged', 'focus stays on the promise');
  assert.equal(await promises.nth(0).getByTestId('make-follow-up').count(), 0, 'one tap: no second button');
  await assertNoAxeViolations(page, 'meeting mode with promises');
  await page.screenshot({ path: screenshotPath('meeting-promises.png'), fullPage: true });
  await page.getByTestId('save-note').click();
  const followUps = page.getByTestId('follow-ups');
  await followUps.waitFor();
  assert.match(await followUps.textContent(), /Friday 4 December 2026: Promised by Ms Patel: send the speech therapy report by Friday/);
  await followUps.getByTestId('follow-up-letter').click();
  await page.getByTestId('letter-form').waitFor();
  assert.equal(await page.locator('main h1').textContent(), 'Following up a promise');
  assert.equal(await page.locator('#letter-to-name').inputValue(), 'Ms Patel');
  assert.equal(await page.locator('#letter-promise').inputValue(), 'send the speech therapy report by Friday (Friday 4 December 2026)');
  assert.equal(await page.locator('#letter-promised-on-day').inputValue(), '2');
  app.assertClean();
  await app.close();
});

test('a case keeps its own contacts (tap to call or email) and a date of birth that fills in letters', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00'));
  await casePage(app, 'Lee');
  await page.getByTestId('change-case').locator('summary').click();
  await page.locator('#edit-case-birth-day').fill('31');
  await page.locator('#edit-case-birth-month').fill('2');
  await page.locator('#edit-case-birth-year').fill('2016');
  await page.getByLabel('Your own contacts (optional)').fill('SEN officer Jo Bloggs 01234 567890 jo.bloggs@council.example\nSENDIASS 01992 555847');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#edit-case-birth-error').waitFor();
  assert.match(await page.locator('#edit-case-birth-error').textContent(), /The date of birth must be a real date/);
  await page.locator('#edit-case-birth-day').fill('28');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Changes saved.').waitFor();
  assert.match(await page.locator('.lead').first().textContent(), /Born 28 February 2016/);
  const contacts = page.getByTestId('case-contacts');
  assert.equal(await contacts.locator('a[href="tel:01234567890"]').textContent(), '01234 567890');
  assert.equal(await contacts.locator('a[href="mailto:jo.bloggs@council.example"]').count(), 1);
  assert.equal(await contacts.locator('a[href="tel:01992555847"]').count(), 1);
  await page.reload();
  await contacts.waitFor();
  assert.equal(await contacts.locator('a[href="tel:01234567890"]').count(), 1, 'kept after a reload');
  await page.getByTestId('write-letter').click();
  await page.getByRole('link', { name: 'Asking the council for an EHC needs assessment' }).click();
  await page.getByTestId('letter-form').waitFor();
  assert.equal(await page.locator('#letter-birth-date-day').inputValue(), '28');
  assert.equal(await page.locator('#letter-birth-date-year').inputValue(), '2016');
  app.assertClean();
  await app.close();
});

test('"I have sent it" for a case deleted in another tab says so, and stores nothing', async () => {
  const app = await openPage(env.browser, env.server.origin);
  const { page } = app;
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00'));
  await casePage(app, 'Gone');
  const caseAddress = new URL(page.url()).pathname;
  await page.getByTestId('write-letter').click();
  await page.getByRole('link', { name: 'Asking for a decision or a conversation to be put in writing' }).click();
  await page.getByTestId('letter-form').waitFor();
  for (const [id, text] of [['to-name', 'Ms Patel'], ['topic', 'reading support'], ['when', '1 December'], ['said', 'Daily reading from January.'], ['your-name', 'Alex']]) {
    await page.locator(`#letter-${id}`).fill(text);
  }
  await page.getByRole('button', { name: 'Preview the letter' }).click();
  await page.getByTestId('letter-preview').waitFor();
  // Another tab deletes the case meanwhile.
  const other = await app.context.newPage();
  await other.goto(env.server.origin + caseAddress);
  await other.getByTestId('change-case').locator('summary').click();
  await other.getByRole('button', { name: 'Delete this case' }).click();
  await other.getByRole('button', { name: 'Yes, delete this case' }).click();
  await other.getByRole('heading', { name: 'My records' }).waitFor();
  await page.getByTestId('keep-letter').click();
  await page.getByTestId('letter-case-gone').waitFor();
  assert.equal(await page.getByTestId('letter-kept').count(), 0, 'never reported as kept');
  const stored = Object.values(await storedRecords(page)).join('');
  assert.ok(!stored.includes('reading support'), 'nothing of the letter is stored');
  app.assertClean();
  await app.close();
});
