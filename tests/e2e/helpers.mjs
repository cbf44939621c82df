// Shared pieces of the end-to-end tests: a server for the release build, Debian's headless
// Chromium driven by playwright-core, a page helper that fails the test on any page or console
// error and records every request, and axe-core.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdirSync, cpSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

// Without the background-networking flags Chromium tries to reach Google many times.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A copy of dist/ in a temporary folder, for tests that change the served files. */
export function copyOfDist() {
  const dir = mkdtempSync(path.join(tmpdir(), 'send-casebook-dist-'));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** Kills a server process and waits until it has gone; stopping it twice is fine. */
async function stopProcess(child) {
  // Killed by a signal, a process has no exit code, only its signal: either means gone.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Starts scripts/serve.py on a free port. `stop()` kills it and waits until it has gone. */
export async function startServer({ dir = DIST, port } = {}) {
  port = port || (await freePort());
  const child = spawn('python3', [path.join(ROOT, 'scripts/serve.py'), '--port', String(port), '--dir', dir], {
    env: { ...process.env, SERVE_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    child.stdout.on('data', (data) => {
      if (data.toString().includes('SEND Casebook is at')) resolve();
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    dir,
    stop: () => stopProcess(child),
  };
}

/**
 * Opens a page that records every request and every error. Call `assertClean()` at the end of a
 * test: it fails on any page error, console error, or request to another origin.
 */
export async function openPage(browser, origin, { viewport = { width: 1024, height: 800 }, contextOptions = {}, persistentProfile } = {}) {
  const context = persistentProfile
    ? await chromium.launchPersistentContext(persistentProfile, {
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport, ...contextOptions,
    })
    : await browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  context.on('request', (request) => requests.push(request.url()));
  return {
    context,
    page,
    errors,
    requests,
    /**
     * Loads a path and waits until the app has drawn its page heading (a pre-rendered page
     * shows its heading at once: this waits until the app has taken the page over).
     */
    async visit(pathname) {
      await page.goto(origin + pathname);
      await page.locator('main h1').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-prerendered]') && !document.getElementById('boot-message'));
    },
    assertClean() {
      assert.deepEqual(errors, [], 'the page reported errors');
      const foreign = requests.filter((url) => {
        const u = new URL(url);
        return !(u.origin === origin || u.protocol === 'data:' || u.protocol === 'blob:');
      });
      assert.deepEqual(foreign, [], 'the page made requests to another origin');
    },
    async close() {
      await context.close();
    },
  };
}

/** Waits until a service worker controls the page (every file is then cached). */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
    timeout: 20000,
  });
}

const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.2 A and AA, and best practice) and fails on any violation. */
export async function assertNoAxeViolations(page, label) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  assert.deepEqual(result, [], `axe found accessibility problems on ${label}`);
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

/** Every section of the guide, read from the bundled content so that the tests follow it. */
export function guideSections() {
  const source = readFileSync(path.join(ROOT, 'content/booklet.md'), 'utf8');
  return [...source.matchAll(/^# (.+) \{#([a-z-]+)\}$/gm)].map(([, title, slug]) => ({ title, slug }));
}

/**
 * One browser and one server for a whole test file: starts them before its first test and
 * stops them after its last. Use `env.browser` and `env.server` inside the tests.
 */
export function sharedBrowserAndServer() {
  const env = { browser: undefined, server: undefined };
  before(async () => {
    env.browser = await launchBrowser();
    env.server = await startServer();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** The group My dates asks about first, for a situation's label. */
function situationGroup(label) {
  if (/^A (decision|final EHC plan)/.test(label)) return 'A decision letter from the council';
  if (/mediation|certificate|adviser/i.test(label)) return 'The mediation adviser, mediation or a certificate';
  if (/assess|draft/i.test(label)) return 'An assessment, a re-assessment or a draft plan';
  if (/review|amendments|phase/i.test(label)) return 'A review, proposed changes to a plan, or a move to a new school or college';
  return 'A Tribunal order, or disability discrimination';
}

/** Chooses a situation on My dates as a parent does: what it is about, then which one. */
export async function chooseSituation(page, label) {
  await page.getByLabel(situationGroup(label), { exact: true }).check();
  await page.getByLabel(label, { exact: true }).check();
}

/** The site file for nginx that the README's "Publish it" describes. */
export const NGINX_SITE = path.join(ROOT, 'publish/nginx/send-casebook.conf');

/**
 * Starts Debian's nginx in the foreground with `publish/nginx/send-casebook.conf`, only its
 * port and root changed (and `change`, to play a host with other settings). `stop()` ends it.
 */
export async function startNginx({ dir = DIST, port, change = (site) => site } = {}) {
  port = port || (await freePort());
  const work = mkdtempSync(path.join(tmpdir(), 'send-casebook-nginx-'));
  // The HTTPS server block as published, on a local port without TLS (the port-80 block only
  // redirects to HTTPS, and there is no certificate here).
  const published = readFileSync(NGINX_SITE, 'utf8');
  const withoutRedirect = published.replace(/\nserver \{\n    listen 80;[\s\S]*?\n\}\n/, '\n');
  assert.notEqual(withoutRedirect, published, 'the site file has its port-80 redirect block');
  const site = change(withoutRedirect
    .replace(/^ {4}listen 443 ssl http2;$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^ {4}listen \[::\]:443 ssl http2;\n/m, '')
    .replace(/^ {4}ssl_certificate(_key)? .*\n/gm, '')
    .replace(/^ {4}root \/var\/www\/send-casebook;$/m, `    root ${dir};`));
  assert.ok(site.includes(`listen 127.0.0.1:${port};`) && site.includes(`root ${dir};`), 'the site file was adapted');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `  ${name}_temp_path ${work}/${name};`).join('\n');
  // One process (no master), so that stopping it stops everything at once.
  const config = `${process.getuid && process.getuid() === 0 ? 'user root;\n' : ''}master_process off;
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
${temp}
${site}
}
`;
  const file = path.join(work, 'nginx.conf');
  writeFileSync(file, config);
  const nginx = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
  const child = spawn(nginx, ['-p', work, '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data) => { stderr += data; });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const up = await fetch(`${origin}/sw.js`).then(() => true, () => false);
    if (up) break;
    if (i > 100) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    origin,
    port,
    dir,
    stop: () => stopProcess(child),
  };
}

/** The Subresource Integrity hash the build's service worker lists for a file's bytes. */
export function integrityOf(bytes) {
  return `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
}

/**
 * Publishes a new version in a copy of the build: `index.html` changed by `change`, its hash in
 * `sw.js` updated to match (as a new build would write it), and a new cache name. The
 * pre-compressed copies of the two files are removed, as a new build would replace them.
 */
export function publishNewVersion(dir, change, { keepTimes = false } = {}) {
  const write = (file, text) => {
    const { atime, mtime } = statSync(file);
    writeFileSync(file, text);
    if (keepTimes) utimesSync(file, atime, mtime);
  };
  const index = path.join(dir, 'index.html');
  const before = readFileSync(index);
  const after = change(before.toString('utf8'));
  write(index, after);
  const worker = path.join(dir, 'sw.js');
  const text = readFileSync(worker, 'utf8');
  const next = text
    .replace(/const CACHE_NAME = '([^']+)'/, "const CACHE_NAME = '$1-next'")
    .replace(integrityOf(before), integrityOf(Buffer.from(after, 'utf8')));
  assert.ok(next.includes(integrityOf(Buffer.from(after, 'utf8'))), 'sw.js lists index.html with its hash');
  write(worker, next);
  for (const name of ['sw.js.gz', 'index.html.gz']) rmSync(path.join(dir, name), { force: true });
}
