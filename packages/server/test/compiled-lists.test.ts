import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledRows } from '../src/db/compiled-select.ts';
import { units } from '../src/db/schema/catalog.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

// List pages reuse one statement per shape, with each caller's scope, filters and cursor bound as
// values; these tests read the same shapes with different values, one after the other.
type Sede = { id: number; unitId: number; ooadId: number };
type Page = { items: { id: number; ooadId: number; curp: string }[]; total: number; nextCursor: string | null };
let t: TestContext;
let admin: Client;
const places: { sede: Sede; coordinator: Client; curps: string[] }[] = [];

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.compiled', [national()]);
  const cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  for (const ooad of ['Jalisco', 'Sonora']) {
    const sede = await familyMedicineSede(t.database.db, ooad);
    const curps: string[] = [];
    for (let i = 0; i < 5; i++) {
      const person = mexican();
      ok(await admin.post('/api/v1/people/residents', { person, sedeId: sede.id, cycleId, grade: 1 }), 201);
      curps.push(person.curp);
    }
    const coordinator = await t.userWith(`coord.compiled.${ooad.toLowerCase()}`, [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: sede.ooadId }]);
    places.push({ sede, coordinator, curps });
  }
});
afterAll(() => t.close());

describe('list pages sharing a statement', () => {
  it('give each coordinator only their own OOAD, read after read, in turn with the other one', async () => {
    const seen: Page[][] = [[], []];
    for (let round = 0; round < 3; round++)
      for (const [i, p] of places.entries()) seen[i]?.push(ok<Page>(await p.coordinator.get('/api/v1/people/residents?limit=100')));
    for (const [i, p] of places.entries()) {
      const pages = seen[i] as Page[];
      expect(pages[0]?.items.map((r) => r.curp)).toEqual(expect.arrayContaining(p.curps));
      expect(new Set(pages.flatMap((page) => page.items.map((r) => r.ooadId)))).toEqual(new Set([p.sede.ooadId]));
      expect(pages[1]).toEqual(pages[0]);
      expect(pages[2]).toEqual(pages[0]);
      // The centre filtering by that OOAD (another statement) sees the same residents.
      const central = ok<Page>(await admin.get(`/api/v1/people/residents?limit=100&ooadId=${p.sede.ooadId}`));
      expect(central.items).toEqual(pages[0]?.items);
    }
  });

  it('walk every page of a list by cursor, each row once, and the catalogue filters and totals follow their values', async () => {
    const { coordinator } = places[0] as (typeof places)[number];
    const all = ok<Page>(await coordinator.get('/api/v1/people/residents?limit=100'));
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = ok<Page>(await coordinator.get(`/api/v1/people/residents?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      walked.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all.items.map((r) => r.id));

    for (let round = 0; round < 2; round++)
      for (const p of places) {
        const listed = ok<{ items: { ooadId: number }[]; total: number }>(await admin.get(`/api/v1/catalog/units?ooadId=${p.sede.ooadId}&limit=200`));
        const direct = await t.database.db.$count(units, eq(units.ooadId, p.sede.ooadId));
        expect(listed.items.length).toBe(Math.min(direct, 200));
        expect(listed.total).toBe(direct);
        expect(new Set(listed.items.map((u) => u.ooadId))).toEqual(new Set([p.sede.ooadId]));
      }
  });

  it('never reuse a statement whose select binds a value outside the WHERE clause: each call answers with its own', async () => {
    const db = t.database.db;
    const [unit] = await db.select({ id: units.id }).from(units).limit(1);
    const read = (label: string) =>
      compiledRows<{ id: number; label: string }>(db.select({ id: units.id, label: sql<string>`${label}::text` }).from(units).where(eq(units.id, unit?.id as number)).$dynamic(), 'test:label', eq(units.id, unit?.id as number));
    for (const label of ['primera', 'segunda', 'tercera', 'cuarta']) expect(await read(label)).toEqual([{ id: unit?.id, label }]);
  });
});
