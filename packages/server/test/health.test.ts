import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestContext, national, setupApp } from './support/app.ts';

let t: TestContext;
beforeAll(async () => (t = await setupApp()));
afterAll(() => t.close());

it('reports the database as reachable', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/health' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ status: 'ok', database: 'ok' });
});

it('serves the OpenAPI 3.1 document with the catalogue routes', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toContain('/api/v1/catalog/units');
});

it('answers unknown API routes with problem+json', async () => {
  const admin = await t.userWith('root-health', [national()]);
  const res = await admin.get('/api/v1/nothing-here');
  expect(res.statusCode).toBe(404);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json().code).toBe('not_found');
});
