import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { units } from '../src/db/schema/catalog.ts';
import { backlogSnapshots, bedCapacity, jornadaPlans, jornadaUnitCounts } from '../src/db/schema/jornadas.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { ok } from './support/catalog.ts';
import { ooadId } from './support/lookup.ts';

/**
 * Two coordinators saving the same plan, unit count, waiting list or bed count at the same moment,
 * from the same starting point: one save lands, the other hears 409 with what is now stored, and
 * the stored data is the winner's (nothing is lost silently, nothing is half written).
 */
type Conflict = { code: string; current: Record<string, unknown> | null };
let t: TestContext;
let central: Client;
let unitCoord: Client;
let ooadCoord: Client;
let unitId: number;
let jornadaId: number;

beforeAll(async () => {
  t = await setupApp();
  central = await t.userWith('central.jc', [national('nivel_central')]);
  const jalisco = await ooadId(t.database.db, 'Jalisco');
  const [unit] = await t.database.db.select({ id: units.id }).from(units).where(and(eq(units.ooadId, jalisco), eq(units.active, true), sql`${units.unitTypeCode} <> 'UMAE'`)).limit(1);
  unitId = unit.id;
  unitCoord = await t.userWith('cceis.jc', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId }]);
  ooadCoord = await t.userWith('ooad.jc', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco }]);
  const created = await central.post('/api/v1/jornadas', { number: 310, startsOn: '2026-05-20', endsOn: '2026-05-22', ooadIds: [jalisco], umaeIds: [], categories: ['cirugia', 'deteccion_diabetes'] });
  jornadaId = ok<{ id: number }>(created, 201).id;
});
afterAll(() => t.close());

const audits = (entity: string) => t.database.db.$count(auditLog, eq(auditLog.entity, entity));
/** The 200 and the 409 of two simultaneous requests, in that order. */
function split(results: { statusCode: number; json: () => unknown }[]) {
  expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  const won = results.findIndex((r) => r.statusCode === 200);
  return { won, winner: results[won].json() as Record<string, unknown>, loser: results[1 - won].json() as Conflict };
}

describe('two coordinators save the plan of the same Jornada from the same version', () => {
  it('keeps one plan, tells the other the current version and figures, and writes nothing of it', async () => {
    // A few rounds, since on native PostgreSQL the two requests interleave differently each time.
    for (const round of [1, 2, 3]) {
      const { version } = ok<{ version: number }>(await central.get(`/api/v1/jornadas/${jornadaId}`));
      const auditsBefore = await audits('jornada_plan');
      const plans = [
        { version, rows: [{ unitId, category: 'cirugia', planned: 100 * round }, { unitId, category: 'deteccion_diabetes', planned: 10 * round }] },
        { version, rows: [{ unitId, category: 'cirugia', planned: 100 * round + 1 }] },
      ];
      const { won, winner, loser } = split(await Promise.all([unitCoord.request('PUT', `/api/v1/jornadas/${jornadaId}/plan`, plans[0]), ooadCoord.request('PUT', `/api/v1/jornadas/${jornadaId}/plan`, plans[1])]));
      expect(winner).toMatchObject({ jornadaId, version: version + 1 });
      const stored = await t.database.db.select({ category: jornadaPlans.category, planned: jornadaPlans.planned }).from(jornadaPlans).where(eq(jornadaPlans.jornadaId, jornadaId)).orderBy(jornadaPlans.category);
      const cirugia = plans[won].rows[0].planned;
      expect(stored.find((r) => r.category === 'cirugia')?.planned).toBe(cirugia);
      expect(loser.code).toBe('version_conflict');
      expect(loser.current).toMatchObject({ jornadaId, version: version + 1 });
      expect(loser.current?.rows).toContainEqual({ unitId, category: 'cirugia', planned: cirugia });
      expect(ok<{ version: number }>(await central.get(`/api/v1/jornadas/${jornadaId}`)).version).toBe(version + 1);
      expect(await audits('jornada_plan')).toBe(auditsBefore + 1);
    }
  });

  it('refuses a plan sheet read from an older version', async () => {
    const { version } = ok<{ version: number }>(await central.get(`/api/v1/jornadas/${jornadaId}`));
    const csv = Buffer.from(`Unidad,Categoría,Planeado\n${unitId},cirugia,999\n`);
    const res = await unitCoord.request('POST', `/api/v1/jornadas/${jornadaId}/plan/upload?version=${version - 1}`, csv, { 'content-type': 'text/csv', 'x-file-name': 'plan.csv' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'version_conflict', current: { version } });
    const [cirugia] = await t.database.db.select({ planned: jornadaPlans.planned }).from(jornadaPlans).where(and(eq(jornadaPlans.jornadaId, jornadaId), eq(jornadaPlans.category, 'cirugia')));
    expect(cirugia.planned).not.toBe(999);
  });
});

describe('two coordinators enter the unit’s own count for the same day and category', () => {
  const url = () => `/api/v1/jornadas/${jornadaId}/unit-counts`;
  const count = (n: number, version?: number) => ({ unitId, day: '2026-05-21', category: 'cirugia', count: n, version });

  it('records the first figure once; the other hears 409 with it; the same figure again is a harmless repeat', async () => {
    const { won, winner, loser } = split(await Promise.all([unitCoord.post(url(), count(40)), ooadCoord.post(url(), count(45))]));
    const figure = [40, 45][won];
    expect(winner).toMatchObject({ count: figure, version: 0 });
    expect(loser).toMatchObject({ code: 'version_conflict', current: { count: figure, version: 0 } });
    const before = await audits('jornada_unit_count');
    expect(ok<{ count: number; version: number }>(await ooadCoord.post(url(), count(figure)))).toMatchObject({ count: figure, version: 0 });
    expect(await audits('jornada_unit_count')).toBe(before);
  });

  it('keeps exactly one of two replacements made from the same version', async () => {
    for (const round of [1, 2, 3]) {
      const [row] = await t.database.db.select().from(jornadaUnitCounts).where(and(eq(jornadaUnitCounts.jornadaId, jornadaId), eq(jornadaUnitCounts.day, '2026-05-21')));
      const figures = [50 + round * 10, 51 + round * 10];
      const { won, loser } = split(await Promise.all([unitCoord.post(url(), count(figures[0], row.version)), ooadCoord.post(url(), count(figures[1], row.version))]));
      expect(loser).toMatchObject({ code: 'version_conflict', current: { count: figures[won], version: row.version + 1 } });
      const [after] = await t.database.db.select().from(jornadaUnitCounts).where(eq(jornadaUnitCounts.id, row.id));
      expect(after).toMatchObject({ count: figures[won], version: row.version + 1 });
    }
  });
});

describe('waiting lists and beds are facts, corrected only by naming what they replace', () => {
  const snap = (waiting: number, replacing?: number) => ({ unitId, service: 'Consulta externa', category: 'consultas', takenOn: '2024-02-01', waiting, replacing });
  const bedsOn = (ordinaryBeds: number, replacing?: { ordinaryBeds: number; reconvertedBeds: number }) => ({ unitId, takenOn: '2024-02-01', ordinaryBeds, reconvertedBeds: 5, replacing });

  it('keeps the first waiting list of a date; a different one is refused with the stored figure, the same one is harmless', async () => {
    const { won, loser } = split(await Promise.all([unitCoord.post('/api/v1/jornadas/backlog', snap(700)), ooadCoord.post('/api/v1/jornadas/backlog', snap(650))]));
    const figure = [700, 650][won];
    expect(loser).toMatchObject({ code: 'version_conflict', current: { waiting: figure } });
    const before = await audits('backlog_snapshot');
    ok(await ooadCoord.post('/api/v1/jornadas/backlog', snap(figure)));
    expect(await audits('backlog_snapshot')).toBe(before);
    const results = await Promise.all([unitCoord.post('/api/v1/jornadas/backlog', snap(600, figure)), ooadCoord.post('/api/v1/jornadas/backlog', snap(610, figure))]);
    const second = split(results);
    const corrected = [600, 610][second.won];
    expect(second.loser).toMatchObject({ code: 'version_conflict', current: { waiting: corrected } });
    const stored = await t.database.db.select({ waiting: backlogSnapshots.waiting }).from(backlogSnapshots).where(and(eq(backlogSnapshots.unitId, unitId), eq(backlogSnapshots.takenOn, '2024-02-01')));
    expect(stored).toEqual([{ waiting: corrected }]);
    expect(await audits('backlog_snapshot')).toBe(before + 1);
  });

  it('keeps the first bed count of a date and exactly one of two corrections of it', async () => {
    const { won, loser } = split(await Promise.all([unitCoord.post('/api/v1/jornadas/beds', bedsOn(80)), ooadCoord.post('/api/v1/jornadas/beds', bedsOn(85))]));
    const figure = [80, 85][won];
    expect(loser).toMatchObject({ code: 'version_conflict', current: { ordinaryBeds: figure, reconvertedBeds: 5 } });
    const replacing = { ordinaryBeds: figure, reconvertedBeds: 5 };
    const second = split(await Promise.all([unitCoord.post('/api/v1/jornadas/beds', bedsOn(90, replacing)), ooadCoord.post('/api/v1/jornadas/beds', bedsOn(95, replacing))]));
    const corrected = [90, 95][second.won];
    expect(second.loser).toMatchObject({ code: 'version_conflict', current: { ordinaryBeds: corrected } });
    const stored = await t.database.db.select({ ordinary: bedCapacity.ordinaryBeds }).from(bedCapacity).where(and(eq(bedCapacity.unitId, unitId), eq(bedCapacity.takenOn, '2024-02-01')));
    expect(stored).toEqual([{ ordinary: corrected }]);
  });
});
