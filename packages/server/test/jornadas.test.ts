import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '../src/db/schema/audit.ts';
import { units } from '../src/db/schema/catalog.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jornadaPlans } from '../src/db/schema/jornadas.ts';
import { loadDemoJornadas } from '../src/db/seed/jornadas.ts';
import { queryRows } from '../src/db/rows.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { entry, residentWithProfessor } from './support/activity.ts';
import { ok } from './support/catalog.ts';
import { ooadId } from './support/lookup.ts';

let t: TestContext;
let admin: Client;
let central: Client;
let jal: Awaited<ReturnType<typeof residentWithProfessor>>;

const BULLETIN_004 = {
  cirugia: 3729, consulta_especialidad: 17408, consulta_medicina_familiar: 70067, deteccion_mastografia: 9517,
  deteccion_exploracion_mama: 10166, deteccion_diabetes: 19842, deteccion_hipertension: 23080, deteccion_cacu: 4803,
};

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.jor', [national()]);
  central = await t.userWith('central.jor', [national('nivel_central')]);
  jal = await residentWithProfessor(t, admin, 'Jalisco', 'jor');
  // The demonstration Jornadas, with this file's resident among those who logged activity.
  await loadDemoJornadas(t.database.db);
});
afterAll(() => t.close());

type Report = { total: { planned: number; achieved: number; fromRecords: number; fromUnits: number }; byCategory: { key: string; achieved: number; fromRecords: number; fromUnits: number }[]; byOoad: { key: string }[]; byUmae: { key: string }[]; ranking: { rank: number; key: string; achieved: number }[]; participants: number };

const xlsx = async (rows: (string | number)[][]) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

describe('the demonstration Jornada of bulletin 004', () => {
  it('reports exactly the bulletin totals, from residents’ records plus units’ own counts', async () => {
    const list = ok<{ items: { id: number; number: number }[] }>(await central.get('/api/v1/jornadas'));
    const second = list.items.find((j) => j.number === 2) as { id: number };
    const report = ok<Report>(await jal.me.get(`/api/v1/jornadas/${second.id}/report`));
    expect(Object.fromEntries(report.byCategory.map((c) => [c.key, c.achieved]))).toEqual(BULLETIN_004);
    expect(report.total.fromRecords).toBeGreaterThan(0);
    expect(report.participants).toBeGreaterThan(0);
    expect(report.byUmae).toHaveLength(25);
    expect(report.byOoad).toHaveLength(35);
    // The same figures straight from the tables.
    const result = await t.database.db.execute(sql`select
      (select count(*) from activity_records where jornada_id = ${second.id} and status <> 'devuelta')::int as records,
      (select sum(count) from jornada_unit_counts where jornada_id = ${second.id})::int as units`);
    const [row] = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { records: number; units: number }[];
    expect(report.total.fromRecords).toBe(Number(row?.records));
    expect(report.total.fromUnits).toBe(Number(row?.units));
    expect(report.total.achieved).toBe(Object.values(BULLETIN_004).reduce((a, b) => a + b, 0));
  });

  it('exports the report as xlsx and PDF, and shows the Jornadas side by side', async () => {
    const list = ok<{ items: { id: number; number: number }[] }>(await central.get('/api/v1/jornadas'));
    const id = (list.items.find((j) => j.number === 2) as { id: number }).id;
    const x = await central.get(`/api/v1/jornadas/${id}/report.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const p = await central.get(`/api/v1/jornadas/${id}/report.pdf`);
    expect(p.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const cumulative = ok<{ rows: { number: number; category: string; achieved: number }[] }>(await central.get('/api/v1/jornadas/cumulative'));
    expect(cumulative.rows.find((r) => r.number === 2 && r.category === 'cirugia')?.achieved).toBe(3729);
    expect(new Set(cumulative.rows.map((r) => r.number))).toEqual(new Set([1, 2]));
  });
});

describe('a Jornada from creation to report', () => {
  let jornadaId: number;
  let coord: Client;

  beforeAll(async () => {
    const jalisco = await ooadId(t.database.db, 'Jalisco');
    const created = await central.post('/api/v1/jornadas', { number: 90, startsOn: '2026-05-20', endsOn: '2026-05-22', ooadIds: [jalisco], umaeIds: [], categories: ['consulta_medicina_familiar', 'deteccion_diabetes'] });
    jornadaId = ok<{ id: number }>(created, 201).id;
    coord = await t.userWith('cceis.jor', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: jal.sede.unitId }]);
  });

  it('only the centre creates a Jornada', async () => {
    expect((await coord.post('/api/v1/jornadas', { number: 91, startsOn: '2026-05-20', endsOn: '2026-05-22', ooadIds: [1], umaeIds: [], categories: ['cirugia'] })).statusCode).toBe(403);
  });

  it('refuses a plan sheet with unknown units, naming the rows, and saves nothing', async () => {
    const before = await t.database.db.$count(jornadaPlans);
    const unit = ok<{ clues: string | null }>(await admin.get(`/api/v1/catalog/units/${jal.sede.unitId}`));
    const file = await xlsx([['CLUES', 'Categoría', 'Planeado'], [unit?.clues ?? '', 'Consulta medicina familiar', 500], ['JCIMS999999', 'Deteccion diabetes', 80], ['XXIMS000000', 'deteccion_diabetes', 10]]);
    const res = await coord.request('POST', `/api/v1/jornadas/${jornadaId}/plan/upload?version=0`, file, { 'content-type': 'application/octet-stream', 'x-file-name': 'plan.xlsx' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['fila 3, CLUES', 'fila 4, CLUES']);
    expect(res.json().detail).toContain('No se guardó nada');
    expect(await t.database.db.$count(jornadaPlans)).toBe(before);
    const fixed = await xlsx([['CLUES', 'Categoría', 'Planeado'], [unit?.clues ?? '', 'Consulta medicina familiar', 500], [unit?.clues ?? '', 'deteccion_diabetes', 80]]);
    expect(ok<{ saved: number; version: number }>(await coord.request('POST', `/api/v1/jornadas/${jornadaId}/plan/upload?version=0`, fixed, { 'content-type': 'application/octet-stream', 'x-file-name': 'plan.xlsx' }))).toEqual({ jornadaId, saved: 2, version: 1 });
  });

  it('adds residents’ records and the unit’s own counts, kept apart, and matches a direct count', async () => {
    for (const day of ['2026-05-20', '2026-05-21']) ok(await jal.me.post('/api/v1/activity/records', entry(jal.resident.id, jal.sede.unitId, { performedOn: day })), 201);
    const linked = ok<{ items: { jornadaId: number }[] }>(await jal.me.get(`/api/v1/activity/records?jornadaId=${jornadaId}`));
    expect(linked.items).toHaveLength(2);
    const first = ok<{ version: number }>(await coord.post(`/api/v1/jornadas/${jornadaId}/unit-counts`, { unitId: jal.sede.unitId, day: '2026-05-20', category: 'consulta_medicina_familiar', count: 120 }));
    // Replacing the day's figure (with the version read) corrects it instead of adding to it.
    ok(await coord.post(`/api/v1/jornadas/${jornadaId}/unit-counts`, { unitId: jal.sede.unitId, day: '2026-05-20', category: 'consulta_medicina_familiar', count: 150, version: first.version }));
    ok(await coord.post(`/api/v1/jornadas/${jornadaId}/unit-counts`, { unitId: jal.sede.unitId, day: '2026-05-21', category: 'deteccion_diabetes', count: 30 }));
    const outside = await coord.post(`/api/v1/jornadas/${jornadaId}/unit-counts`, { unitId: jal.sede.unitId, day: '2026-06-01', category: 'deteccion_diabetes', count: 1 });
    expect(outside.json().detail).toContain('dentro de la Jornada');
    const report = ok<Report>(await coord.get(`/api/v1/jornadas/${jornadaId}/report`));
    expect(report.byCategory.find((c) => c.key === 'consulta_medicina_familiar')).toMatchObject({ achieved: 152, fromRecords: 2, fromUnits: 150, planned: 500 });
    expect(report.total).toMatchObject({ planned: 580, achieved: 182 });
    expect(report.participants).toBe(1);
    const people = ok<{ items: { residentId: number; entries: number }[] }>(await coord.get(`/api/v1/jornadas/${jornadaId}/participants`));
    expect(people.items).toEqual([expect.objectContaining({ residentId: jal.resident.id, entries: 2 })]);
    expect(ok<{ items: unknown[] }>(await jal.me.get(`/api/v1/jornadas/${jornadaId}/participants`)).items).toHaveLength(1);
    expect(report.ranking[0]).toMatchObject({ rank: 1, achieved: 182 });
    expect((report as unknown as { byDay: unknown[] }).byDay).toEqual([
      { day: '2026-05-20', category: 'consulta_medicina_familiar', fromRecords: 1, fromUnits: 150, achieved: 151 },
      { day: '2026-05-21', category: 'consulta_medicina_familiar', fromRecords: 1, fromUnits: 0, achieved: 1 },
      { day: '2026-05-21', category: 'deteccion_diabetes', fromRecords: 0, fromUnits: 30, achieved: 30 },
    ]);
  });

  it('a coordinator of another OOAD cannot enter counts for this unit', async () => {
    const sonora = await t.userWith('ooad.son', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: await ooadId(t.database.db, 'Sonora') }]);
    expect((await sonora.post(`/api/v1/jornadas/${jornadaId}/unit-counts`, { unitId: jal.sede.unitId, day: '2026-05-20', category: 'deteccion_diabetes', count: 5 })).statusCode).toBe(403);
  });
});

describe('linking entries to a Jornada', () => {
  const log = async (performedOn: string, unitId = jal.sede.unitId) => ok<{ id: number; jornadaId: number | null }>(await jal.me.post('/api/v1/activity/records', entry(jal.resident.id, unitId, { performedOn })), 201);
  const jornadaOf = async (id: number) => ok<{ jornadaId: number | null }>(await jal.me.get(`/api/v1/activity/records/${id}`)).jornadaId;
  const create = async (number: number, startsOn: string, endsOn: string) => {
    const jalisco = await ooadId(t.database.db, 'Jalisco');
    return ok<{ id: number; linkedRecords: number }>(await central.post('/api/v1/jornadas', { number, startsOn, endsOn, ooadIds: [jalisco], umaeIds: [], categories: ['consulta_medicina_familiar'] }), 201);
  };

  it('a Jornada entered after the fact takes the entries already logged in its dates and units, audited once with the count', async () => {
    const [sonoraUnit] = await t.database.db.select({ id: units.id }).from(units).where(and(eq(units.ooadId, await ooadId(t.database.db, 'Sonora')), eq(units.active, true))).limit(1);
    const inside = [await log('2026-04-10'), await log('2026-04-11')];
    const after = await log('2026-04-12');
    const elsewhere = await log('2026-04-10', sonoraUnit?.id);
    expect(inside.map((e) => e.jornadaId)).toEqual([null, null]);
    const j = await create(95, '2026-04-10', '2026-04-11');
    expect(j.linkedRecords).toBe(2);
    expect(await Promise.all(inside.map((e) => jornadaOf(e.id)))).toEqual([j.id, j.id]);
    expect(await jornadaOf(after.id)).toBeNull();
    expect(await jornadaOf(elsewhere.id)).toBeNull();
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'jornada'), eq(auditLog.entityId, String(j.id)), eq(auditLog.action, 'link_records')));
    expect(audit.map((a) => a.after)).toEqual([{ linkedRecords: 2 }]);
    const report = ok<Report>(await central.get(`/api/v1/jornadas/${j.id}/report`));
    expect(report.total.fromRecords).toBe(2);
  });

  it('the report follows every change to an entry and always equals a direct count of the entries', async () => {
    const j = await create(98, '2026-03-02', '2026-03-04');
    const direct = async () => {
      const [r] = await queryRows<{ n: number; people: number }>(t.database.db, sql`select count(*)::int as n, count(distinct resident_id)::int as people from activity_records where jornada_id = ${j.id} and status <> 'devuelta'`);
      return { n: Number(r?.n), people: Number(r?.people) };
    };
    const report = async () => {
      const r = ok<Report & { byDay: { day: string; fromRecords: number }[] }>(await central.get(`/api/v1/jornadas/${j.id}/report`));
      return { n: r.total.fromRecords, people: r.participants, days: r.byDay.filter((d) => d.fromRecords).map((d) => `${d.day}:${d.fromRecords}`) };
    };
    const a = await log('2026-03-02');
    const b = await log('2026-03-03');
    expect(await report()).toEqual({ ...(await direct()), days: ['2026-03-02:1', '2026-03-03:1'] });
    // Moving an entry to another day of the Jornada moves its count.
    const moved = ok<{ version: number }>(await jal.me.patch(`/api/v1/activity/records/${b.id}`, { ...entry(jal.resident.id, jal.sede.unitId, { performedOn: '2026-03-04' }), version: 0 }));
    expect(await report()).toEqual({ ...(await direct()), days: ['2026-03-02:1', '2026-03-04:1'] });
    // A returned entry leaves the figures; its correction brings it back; the participant stays counted once.
    ok(await jal.prof.post(`/api/v1/activity/records/${a.id}/review`, { decision: 'devuelta', comment: 'Falta el diagnóstico correcto.', version: 0 }));
    expect(await report()).toEqual({ n: 1, people: 1, days: ['2026-03-04:1'] });
    expect(await direct()).toEqual({ n: 1, people: 1 });
    ok(await jal.me.patch(`/api/v1/activity/records/${a.id}`, { ...entry(jal.resident.id, jal.sede.unitId, { performedOn: '2026-03-02' }), version: 1 }));
    ok(await jal.prof.post(`/api/v1/activity/records/${b.id}/review`, { decision: 'verificada', comment: null, version: moved.version }));
    expect(await report()).toEqual({ n: 2, people: 1, days: ['2026-03-02:1', '2026-03-04:1'] });
    expect(await direct()).toEqual({ n: 2, people: 1 });
  });

  it('overlapping Jornadas: existing links stay; a new entry goes to the latest start, then the lowest number', async () => {
    const first = ok<{ items: { id: number; number: number }[] }>(await central.get('/api/v1/jornadas')).items.find((x) => x.number === 95) as { id: number };
    const kept = await log('2026-04-11');
    expect(kept.jornadaId).toBe(first.id);
    const later = await create(97, '2026-04-11', '2026-04-13');
    // The 12 April entry of the previous test was free; the 11 April ones were already counted for Jornada 95.
    expect(later.linkedRecords).toBe(1);
    expect(await jornadaOf(kept.id)).toBe(first.id);
    const sameStart = await create(96, '2026-04-11', '2026-04-12');
    expect(sameStart.linkedRecords).toBe(0);
    // 11 April: Jornadas 95, 96 and 97 all run; 96 and 97 started last, 96 has the lower number.
    expect((await log('2026-04-11')).jornadaId).toBe(sameStart.id);
    expect((await log('2026-04-13')).jornadaId).toBe(later.id);
  });
});

describe('backlog and beds', () => {
  it('waiting lists over time, the reduction a Jornada accounts for, and beds returned to ordinary use', async () => {
    const coord = await t.userWith('cceis.rez', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: jal.sede.unitId }]);
    const list = ok<{ items: { id: number; number: number }[] }>(await central.get('/api/v1/jornadas'));
    expect(list.items.some((j) => j.number === 2)).toBe(true);
    const snap = (takenOn: string, waiting: number, replacing?: number) => coord.post('/api/v1/jornadas/backlog', { unitId: jal.sede.unitId, service: 'Consulta externa', category: 'consultas', takenOn, waiting, replacing });
    ok(await snap('2021-05-10', 500));
    ok(await snap('2021-05-20', 320));
    ok(await snap('2021-05-20', 300, 320));
    const future = await snap('2099-01-01', 1);
    expect(future.json().detail).toContain('posterior a hoy');
    const mine = ok<{ totals: { takenOn: string; waiting: number }[]; byJornada: { number: number; category: string; reduction: number }[] }>(await coord.get('/api/v1/jornadas/backlog'));
    expect(mine.totals).toEqual([{ takenOn: '2021-05-10', category: 'consultas', waiting: 500 }, { takenOn: '2021-05-20', category: 'consultas', waiting: 300 }]);
    expect(mine.byJornada.find((r) => r.number === 2)).toMatchObject({ category: 'consultas', before: 500, after: 300, reduction: 200, units: 1 });
    const sonora = await t.userWith('ooad.son.rez', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: await ooadId(t.database.db, 'Sonora') }]);
    expect(ok<{ totals: unknown[] }>(await sonora.get('/api/v1/jornadas/backlog')).totals).toEqual([]);
    expect((await sonora.post('/api/v1/jornadas/backlog', { unitId: jal.sede.unitId, service: 'X', category: 'consultas', takenOn: '2021-05-10', waiting: 1 })).statusCode).toBe(403);

    ok(await coord.post('/api/v1/jornadas/beds', { unitId: jal.sede.unitId, takenOn: '2022-01-15', ordinaryBeds: 100, reconvertedBeds: 40 }));
    ok(await coord.post('/api/v1/jornadas/beds', { unitId: jal.sede.unitId, takenOn: '2022-06-30', ordinaryBeds: 130, reconvertedBeds: 10 }));
    expect(ok<{ peakReconverted: number; returned: number }>(await coord.get('/api/v1/jornadas/beds'))).toMatchObject({ peakReconverted: 40, returned: 30 });
  });

  it('adds units that report on different dates by carrying each unit’s last figure forward', async () => {
    const jalisco = await ooadId(t.database.db, 'Jalisco');
    const ooad = await t.userWith('ooad.jal.rez', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco }]);
    const [second] = await t.database.db.select({ id: units.id }).from(units)
      .where(and(eq(units.ooadId, jalisco), eq(units.active, true), sql`${units.id} <> ${jal.sede.unitId}`, sql`${units.unitTypeCode} <> 'UMAE'`)).limit(1);
    const snap = (unitId: number, takenOn: string, waiting: number) => ooad.post('/api/v1/jornadas/backlog', { unitId, service: 'Quirófano', category: 'cirugias_programadas', takenOn, waiting });
    ok(await snap(jal.sede.unitId, '2023-03-01', 400));
    ok(await snap(second?.id as number, '2023-03-08', 200));
    ok(await snap(jal.sede.unitId, '2023-03-15', 300));
    ok(await snap(second?.id as number, '2023-03-22', 100));
    const report = ok<{ totals: { takenOn: string; category: string; waiting: number }[] }>(await ooad.get('/api/v1/jornadas/backlog?category=cirugias_programadas'));
    expect(report.totals.filter((x) => x.takenOn.startsWith('2023-03'))).toEqual([
      { takenOn: '2023-03-01', category: 'cirugias_programadas', waiting: 400 },
      { takenOn: '2023-03-08', category: 'cirugias_programadas', waiting: 600 },
      { takenOn: '2023-03-15', category: 'cirugias_programadas', waiting: 500 },
      { takenOn: '2023-03-22', category: 'cirugias_programadas', waiting: 400 },
    ]);

    // The first unit reported on 15 January and 30 June 2022 (previous test); the second in between and after.
    ok(await ooad.post('/api/v1/jornadas/beds', { unitId: second?.id, takenOn: '2022-03-01', ordinaryBeds: 50, reconvertedBeds: 30 }));
    ok(await ooad.post('/api/v1/jornadas/beds', { unitId: second?.id, takenOn: '2022-09-30', ordinaryBeds: 80, reconvertedBeds: 0 }));
    const beds = ok<{ series: { takenOn: string; ordinary: number; reconverted: number }[]; peakReconverted: number; returned: number }>(await ooad.get('/api/v1/jornadas/beds'));
    expect(beds.series.filter((x) => x.takenOn.startsWith('2022'))).toEqual([
      { takenOn: '2022-01-15', ordinary: 100, reconverted: 40 },
      { takenOn: '2022-03-01', ordinary: 150, reconverted: 70 },
      { takenOn: '2022-06-30', ordinary: 180, reconverted: 40 },
      { takenOn: '2022-09-30', ordinary: 210, reconverted: 10 },
    ]);
    expect(beds).toMatchObject({ peakReconverted: 70, returned: 60 });
  });
});
