// Lighthouse 12 (npm `lighthouse`, Debian's Chromium), simulated mobile (its default), on the
// release build served by nginx with publish/nginx/send-casebook.conf (compressed, as a real
// host serves it). For the home page, a guide section and My dates: the median of RUNS runs
// (default 3) of the performance score, first and largest content, layout shift, blocking
// time, and the accessibility and best-practices scores. Issue 13's targets: performance
// ≥ 0.95, largest content ≤ 2.0 s, layout shift 0, accessibility and best practices 1.0.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startNginx } from '../e2e/helpers.mjs';
import { median } from './common.mjs';

const RUNS = Number(process.env.RUNS || 3);
const PAGES = [['Home', '/'], ['A guide section', '/guide/mediation'], ['My dates', '/dates']];
const BIN = path.join(ROOT, 'node_modules/.bin/lighthouse');

const server = await startNginx();
const dir = mkdtempSync(path.join(tmpdir(), 'send-casebook-lighthouse-'));
console.log(`Lighthouse, simulated mobile, served by nginx (gzip), median of ${RUNS} runs:`);
console.log(`  ${'page'.padEnd(18)} ${'perf'.padStart(5)} ${'FCP'.padStart(7)} ${'LCP'.padStart(7)} ${'CLS'.padStart(6)} ${'TBT'.padStart(7)} ${'a11y'.padStart(5)} ${'best'.padStart(5)}`);
try {
  for (const [name, address] of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const out = path.join(dir, `${i}.json`);
      execFileSync(BIN, [
        server.origin + address,
        '--quiet',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
        '--only-categories=performance,accessibility,best-practices',
        '--output=json',
        `--output-path=${out}`,
      ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' }, stdio: 'ignore' });
      const report = JSON.parse(readFileSync(out, 'utf8'));
      runs.push({
        perf: report.categories.performance.score,
        fcp: report.audits['first-contentful-paint'].numericValue,
        lcp: report.audits['largest-contentful-paint'].numericValue,
        cls: report.audits['cumulative-layout-shift'].numericValue,
        tbt: report.audits['total-blocking-time'].numericValue,
        a11y: report.categories.accessibility.score,
        best: report.categories['best-practices'].score,
      });
    }
    const m = (key) => median(runs.map((r) => r[key]));
    console.log(`  ${name.padEnd(18)} ${m('perf').toFixed(2).padStart(5)} ${`${(m('fcp') / 1000).toFixed(1)} s`.padStart(7)} ${`${(m('lcp') / 1000).toFixed(1)} s`.padStart(7)} ${m('cls').toFixed(3).padStart(6)} ${`${Math.round(m('tbt'))} ms`.padStart(7)} ${m('a11y').toFixed(2).padStart(5)} ${m('best').toFixed(2).padStart(5)}`);
  }
} finally {
  await server.stop();
}
