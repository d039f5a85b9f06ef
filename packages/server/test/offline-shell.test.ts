import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, type TestContext } from './support/app.ts';

let t: TestContext;
let webRoot: string;

beforeAll(async () => {
  // A built web app in miniature: the shell page and the service worker the build writes.
  webRoot = mkdtempSync(join(tmpdir(), 'sirem-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>SIREM</title><div id="root"></div>');
  writeFileSync(join(webRoot, 'sw.js'), "self.addEventListener('fetch', () => {});");
  t = await setupApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('the offline app shell', () => {
  it('serves /sw.js as JavaScript from the site root, under a policy that lets it run as a worker', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sw.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.body).toContain('addEventListener');
    expect(String(res.headers['content-security-policy'])).toContain("worker-src 'self'");
  });

  it('answers a client route with the shell page, and an unknown API path with a problem, not the shell', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/activity' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(api.statusCode).toBeGreaterThanOrEqual(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});
