import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments, residentEvents, residents } from '../src/db/schema/people.ts';
import { type Client, setupApp, type TestContext } from './support/app.ts';
import { ok } from './support/catalog.ts';
import { auditCount } from './support/lookup.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let coord: Client;
let sedeId: number;
let cycleId: number;

beforeAll(async () => {
  t = await setupApp();
  const jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
  sedeId = jalisco.id;
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  coord = await t.userWith('cceis.fechas', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: jalisco.unitId }]);
});
afterAll(() => t.close());

type Resident = { id: number; version: number };
const enrol = async (over: Record<string, unknown> = {}) => ok<Resident>(await coord.post('/api/v1/people/residents', { person: mexican(), sedeId, cycleId, grade: 1, ...over }), 201);
const move = (id: number, body: Record<string, unknown>) => coord.post(`/api/v1/people/residents/${id}/transitions`, body);

/** Everything a refused transition must leave as it was. */
async function snapshot(id: number) {
  const db = t.database.db;
  return {
    resident: (await db.select().from(residents).where(eq(residents.id, id)))[0],
    events: await db.$count(residentEvents, eq(residentEvents.residentId, id)),
    enrolments: await db.$count(enrolments, eq(enrolments.residentId, id)),
    audits: await auditCount(db),
  };
}

async function refused(id: number, body: Record<string, unknown>, ...mentions: string[]) {
  const before = await snapshot(id);
  const res = await move(id, body);
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json().errors).toEqual([expect.objectContaining({ field: 'occurredOn' })]);
  for (const text of mentions) expect(res.json().detail).toContain(text);
  expect(await snapshot(id)).toEqual(before);
}

describe('transition dates', () => {
  it('refuses a baja dated before the licence already on the timeline, naming both dates', async () => {
    const r = await enrol();
    const leave = ok<Resident>(await move(r.id, { kind: 'licencia', occurredOn: '2026-06-01', version: r.version }));
    await refused(r.id, { kind: 'baja', occurredOn: '2026-05-01', reason: 'renuncia', version: leave.version }, '01/05/2026', '01/06/2026');
    expect(ok(await move(r.id, { kind: 'baja', occurredOn: '2026-06-01', reason: 'renuncia', version: leave.version }))).toMatchObject({ status: 'baja' });
  });

  it('dates a single annual promotion on 1 March of the next cycle only', async () => {
    const r = await enrol();
    await refused(r.id, { kind: 'promocion', occurredOn: '2027-02-20', version: r.version }, '01/03/2027', '2027-2028', '20/02/2027');
    await refused(r.id, { kind: 'repeticion', occurredOn: '2027-03-15', version: r.version }, '01/03/2027');
    expect(ok(await move(r.id, { kind: 'promocion', occurredOn: '2027-03-01', version: r.version }))).toMatchObject({ grade: 2, cycleCode: '2027-2028' });
  });

  it('keeps an active resident’s leave and a pending start inside their cycle', async () => {
    const r = await enrol();
    await refused(r.id, { kind: 'licencia', occurredOn: '2027-03-10', version: r.version }, '28/02/2027', '2026-2027');
    const pending = await enrol({ startNow: false });
    await refused(pending.id, { kind: 'inicio', occurredOn: '2026-02-15', version: pending.version }, '15/02/2026', '01/03/2026');
  });

  it('lets a resident on leave return after the cycle ends, but not beyond the following one', async () => {
    const r = await enrol();
    const leave = ok<Resident>(await move(r.id, { kind: 'licencia', occurredOn: '2027-01-15', version: r.version }));
    await refused(r.id, { kind: 'reintegro', occurredOn: '2028-03-01', version: leave.version }, '29/02/2028');
    expect(ok(await move(r.id, { kind: 'reintegro', occurredOn: '2027-05-02', version: leave.version }))).toMatchObject({ status: 'activo' });
  });
});
