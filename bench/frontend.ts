import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { DEMO_PASSWORD, nationalServer } from './http-support.ts';
import { writeResult } from './support.ts';
import { HttpClient } from '../packages/server/test/support/server-process.ts';

const DIST = new URL('../packages/web/dist/', import.meta.url);
const JS_TARGET_KB = 250;
const PAGES = (process.env.BENCH_PAGES ?? '/,/people/residents,/guards,/guards/my,/activity').split(',');

/** The JavaScript a first visit downloads: the entry script and every module it preloads, gzipped. */
export function initialJavaScript() {
  const html = readFileSync(new URL('index.html', DIST), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const sizes = files.map((f) => ({ file: f, gzipKB: gzipSync(readFileSync(new URL(f, DIST))).length / 1024 }));
  return { files: sizes, totalKB: sizes.reduce((s, f) => s + f.gzipKB, 0) };
}

/**
 * Front-end figures: built initial JavaScript (target ≤ 250 KB gzipped) and Lighthouse (desktop
 * preset, Debian Chromium) on the main pages of a signed-in coordinator, against the national
 * data on loopback: performance ≥ 90, accessibility ≥ 95.
 */
export async function frontendBenchmark() {
  const js = initialJavaScript();
  const env = await nationalServer('sirem_bench_front');
  const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const rows: { page: string; performance: number; accessibility: number; lcpMs: number; tbtMs: number }[] = [];
  try {
    const client = new HttpClient(() => env.server.url);
    await client.login('central', DEMO_PASSWORD);
    const cookie = client.headers().cookie as string;
    for (const page of PAGES) {
      const run = await lighthouse(`${env.server.url}${page}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], extraHeaders: { Cookie: cookie } }, desktopConfig);
      const lhr = run?.lhr;
      if (!lhr) continue;
      rows.push({
        page,
        performance: Math.round(100 * (lhr.categories.performance?.score ?? 0)),
        accessibility: Math.round(100 * (lhr.categories.accessibility?.score ?? 0)),
        lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
        tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
      });
    }
  } finally {
    chrome.kill();
    await env.stop();
  }
  writeResult('frontend', { js, rows }, [
    '# Front end',
    '',
    `Initial JavaScript (entry and preloaded modules, gzipped): **${js.totalKB.toFixed(1)} KB** (target ≤ ${JS_TARGET_KB} KB ${js.totalKB <= JS_TARGET_KB ? '✓' : '✗'}); ${js.files.map((f) => `${f.file} ${f.gzipKB.toFixed(1)}`).join(', ')}.`,
    '',
    '| page (signed in, national data) | performance (≥ 90) | accessibility (≥ 95) | LCP ms | TBT ms |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.page} | ${r.performance} ${r.performance >= 90 ? '✓' : '✗'} | ${r.accessibility} ${r.accessibility >= 95 ? '✓' : '✗'} | ${r.lcpMs} | ${r.tbtMs} |`),
    '',
    'Lighthouse 12.8 with its desktop preset, Debian Chromium headless.',
  ].join('\n'));
}
