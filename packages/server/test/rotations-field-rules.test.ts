import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFieldRotationRules } from '../src/db/seed/field-rotation-rules.ts';
import { fieldRotationRules } from '../src/db/schema/rotations.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let coord: Client;
let sede: { id: number; unitId: number };
let complementaria: { id: number; name: string };
const cycles: Record<number, { id: number }> = {};

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.campo', [national()]);
  sede = await familyMedicineSede(t.database.db, 'Jalisco');
  for (const year of [2026, 2027]) cycles[year] = await cycleStartingIn(t.database.db, year);
  coord = await t.userWith('cceis.campo', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }]);
  // A unit of 40 camas censables: enough for the shipped record, not for the stricter one below.
  const unit = (await admin.get('/api/v1/catalog/units?q=Unidad Complementaria 1 (demo)&limit=1')).json().items[0];
  expect(unit.camasCensables).toBe(40);
  complementaria = (await admin.post('/api/v1/rotations/services', { unitId: unit.id, name: 'Ginecología (campo)', capacityPerGrade: [5, 5, 5] })).json();
  // The catalogue gains a stricter record from the 2027-2028 cycle: four months, units of 60 beds.
  await t.database.db.insert(fieldRotationRules).values({ code: 'CAMPO-2027', source: 'Actualización de prueba', effectiveFrom: '2027-03-01', specialtyCodes: ['MFA'], minMonths: 4, maxMonths: 6, minBeds: 60 });
});
afterAll(() => t.close());

const lastYear = async (year: number) => (await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: cycles[year]?.id, grade: 3 })).json();
const plan = async (year: number) => (await coord.get(`/api/v1/rotations/plan?unitId=${sede.unitId}&cycleId=${cycles[year]?.id}`)).json();
const campo = (residentId: number, startsOn: string, endsOn: string) => coord.post('/api/v1/rotations', { residentId, serviceId: complementaria.id, startsOn, endsOn, kind: 'campo' });

describe('rotación de campo records by date', () => {
  it('lists the shipped record and the later one, oldest first', async () => {
    const res = await coord.get('/api/v1/rotations/field-rules');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { code: string }) => r.code)).toEqual(['IMSS-ROTACION-CAMPO', 'CAMPO-2027']);
    expect(res.json().items[0]).toMatchObject({ source: 'Lineamientos institucionales IMSS para residencias médicas (rotación de campo del último año)', effectiveFrom: '2013-03-01', minMonths: 3, maxMonths: 6, minBeds: 30, specialtyCodes: ['CIG', 'GYO', 'MIN', 'PED', 'MFA', 'ANE'] });
  });

  it('judges each cycle by the record in force when it starts, and says which', async () => {
    const before = await lastYear(2026);
    expect((await campo(before.id, '2026-09-01', '2026-11-30')).statusCode).toBe(201);
    const earlier = await plan(2026);
    expect(earlier.fieldRule).toMatchObject({ code: 'IMSS-ROTACION-CAMPO', minMonths: 3, minBeds: 30 });
    expect(earlier.issues.filter((i: { residentId: number }) => i.residentId === before.id)).toEqual([]);

    // The same three months at the same 40-bed unit, a year later, fall under the stricter record.
    const after = await lastYear(2027);
    const refused = await campo(after.id, '2027-09-01', '2027-11-30');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toBe('La rotación de campo debe ser en una unidad con al menos 60 camas censables; Ginecología (campo) tiene 40.');
    const later = await plan(2027);
    expect(later.fieldRule).toMatchObject({ code: 'CAMPO-2027', minMonths: 4, minBeds: 60 });
    const mine = later.issues.filter((i: { residentId: number }) => i.residentId === after.id);
    expect(mine).toEqual([expect.objectContaining({ rule: 'field_rotation', message: expect.stringContaining('4 a 6 meses en una unidad con al menos 60 camas censables') })]);
  });

  it('a block starting in February belongs to the cycle that began the March before', async () => {
    const r = await lastYear(2026);
    // 2027-02-01 is in the 2026-2027 cycle: the 30-bed record applies, so the 40-bed unit is accepted.
    expect((await campo(r.id, '2027-02-01', '2027-02-28')).statusCode).toBe(201);
  });

  it('adds a missing shipped record on start and never overwrites one already stored', async () => {
    await t.database.db.update(fieldRotationRules).set({ minBeds: 35 }).where(eq(fieldRotationRules.code, 'IMSS-ROTACION-CAMPO'));
    await loadFieldRotationRules(t.database.db);
    const [kept] = await t.database.db.select().from(fieldRotationRules).where(eq(fieldRotationRules.code, 'IMSS-ROTACION-CAMPO'));
    expect(kept?.minBeds).toBe(35);
    await t.database.db.delete(fieldRotationRules).where(eq(fieldRotationRules.code, 'IMSS-ROTACION-CAMPO'));
    await loadFieldRotationRules(t.database.db);
    const [back] = await t.database.db.select().from(fieldRotationRules).where(eq(fieldRotationRules.code, 'IMSS-ROTACION-CAMPO'));
    expect(back?.minBeds).toBe(30);
  });
});
