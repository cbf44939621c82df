// Build step (called by pwa/post_build.py): pre-renders the guide's pages, so that a first visit
// shows the page itself, not "Loading…", and the guide reads with JavaScript switched off.
//
// The pages are drawn by the app itself: the build in Trunk's staging directory is served
// locally and opened in headless Chromium (service workers off), and each page's markup is
// written to `pages/<address>.html` (`pages/index.html` for the home page), inside a copy of
// index.html with the page's title. Every top-level element is marked `data-prerendered`; when
// the app starts it removes them and draws the same page, so nothing moves. Because the markup
// is the app's own, it cannot drift from it. Servers send `pages/…` for those addresses (see
// scripts/serve.py and publish/nginx/send-casebook.conf); the service worker does not cache them
// (an installed app starts from its cache in a fraction of a second anyway).
//
// Without Chromium or playwright-core (a build outside scripts/setup.sh) it says so and writes
// nothing: the app then starts from index.html as before.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAGING = path.resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const PLAYWRIGHT = path.join(ROOT, 'node_modules/playwright-core/index.mjs');

if (!existsSync(CHROME) || !existsSync(PLAYWRIGHT)) {
  console.log('prerender: skipped (no Chromium or playwright-core; run scripts/setup.sh)');
  process.exit(0);
}
const { chromium } = await import(PLAYWRIGHT);

/** The forms among the pre-rendered pages: they show at once, but work once the app runs. */
const FORMS = ['/dates', '/options'];

/**
 * The addresses pre-rendered: the home page, the guide and its sections, contacts, about, and
 * the two pages a first visit most often starts from a link to (My dates, What can I do?), as a
 * first visitor sees them (nothing stored yet).
 */
function addresses() {
  const booklet = readFileSync(path.join(ROOT, 'content/booklet.md'), 'utf8');
  const slugs = [...booklet.matchAll(/^# .+ \{#([a-z-]+)\}$/gm)].map(([, slug]) => slug);
  return ['/', '/guide', ...slugs.map((s) => `/guide/${s}`), '/contacts', '/about', ...FORMS];
}

/** Where an address's page is written, relative to the build. */
function pageFile(address) {
  return address === '/' ? 'pages/index.html' : `pages${address}.html`;
}

const port = await new Promise((resolve, reject) => {
  const probe = createServer();
  probe.on('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const server = spawn('python3', [path.join(ROOT, 'scripts/serve.py'), '--port', String(port), '--dir', STAGING], {
  env: { ...process.env, SERVE_QUIET: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  server.on('error', reject);
  server.stdout.on('data', (data) => { if (data.toString().includes('SEND Casebook is at')) resolve(); });
});

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const shell = readFileSync(path.join(STAGING, 'index.html'), 'utf8');

// A pre-rendered page shows itself first and starts the app after: its HTML and CSS do not
// share a weak signal with the 570 KB wasm, which starts downloading once the page has loaded
// and been painted (a small script, as the Content-Security-Policy allows no inline script).
// The app's shell (index.html) keeps its preloads: it has nothing to show until the app runs.
const boot = shell.match(/<script type="module" src="(\/boot-[0-9a-f]+\.js)"><\/script>/);
if (!boot) throw new Error('prerender: no start-up script in index.html');
const later = `// Pre-rendered pages (pwa/prerender.mjs): start the app once the page has been shown.
const start = () => requestAnimationFrame(() => setTimeout(() => import('${boot[1]}'), 0));
if (document.readyState === 'complete') start(); else addEventListener('load', start, { once: true });
`;
const laterName = `/start-${createHash('sha256').update(later).digest('hex').slice(0, 16)}.js`;
writeFileSync(path.join(STAGING, laterName.slice(1)), later);
const pageShell = shell
  .replace(boot[0], `<script type="module" src="${laterName}"></script>`)
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/g, '');
const browser = await chromium.launch({ executablePath: CHROME, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  for (const address of addresses()) {
    await page.goto(`http://127.0.0.1:${port}${address}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => !document.getElementById('boot-message'));
    // Text boxes of a pre-rendered form are read-only until the app takes the page over, so
    // that nothing typed in the first moments is lost when the app draws the page again.
    const { title, body } = await page.evaluate(() => ({
      title: document.title,
      body: [...document.body.children]
        .filter((e) => !['SCRIPT', 'NOSCRIPT', 'TEMPLATE'].includes(e.tagName))
        .map((e) => {
          const copy = e.cloneNode(true);
          copy.setAttribute('data-prerendered', '');
          copy.querySelectorAll('input[type=text], input[type=search], input[type=email], input:not([type]), textarea')
            .forEach((box) => box.setAttribute('readonly', ''));
          return copy.outerHTML;
        })
        .join('\n'),
    }));
    if (errors.length) throw new Error(`prerender: ${address}: ${errors.join('; ')}`);
    const noscript = FORMS.includes(address)
      ? '\n<noscript><p class="boot-message">This page works out answers in your browser: switch JavaScript on to use it. The guide reads without it.</p></noscript>'
      : '';
    const html = pageShell
      .replace('<title>SEND Casebook</title>', `<title>${escape(title)}</title>`)
      .replace(/<body>[\s\S]*<\/body>/, `<body>${noscript}\n${body}\n</body>`);
    const file = path.join(STAGING, pageFile(address));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, html);
  }
  console.log(`prerender: ${addresses().length} pages written to pages/`);
} finally {
  await browser.close();
  server.kill('SIGKILL');
}
