import { and, eq, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { sedes, units } from '../src/db/schema/catalog.ts';
import { enrolments, residentEvents, residents } from '../src/db/schema/people.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { ok } from './support/catalog.ts';
import { auditCount } from './support/lookup.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let coordNl: Client;
let coordJal: Client;
let nuevoLeon: { id: number; unitId: number; ooadId: number };
let cycleId: number;

type Resident = { id: number; version: number; unitId: number; status: string; diplomaNumber: string | null };

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.promocion', [national()]);
  nuevoLeon = await familyMedicineSede(t.database.db, 'Nuevo León');
  const jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  coordNl = await t.userWith('cceis.nl', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: nuevoLeon.unitId }]);
  coordJal = await t.userWith('ooad.jalisco', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco.ooadId }]);
});
afterAll(() => t.close());

const enrolNl = async (grade: number) => ok<Resident>(await coordNl.post('/api/v1/people/residents', { person: mexican({ stateCode: 'NL' }), sedeId: nuevoLeon.id, cycleId, grade }), 201);
const thesis = (residentId: number, status: string) => coordNl.post(`/api/v1/evaluations/theses/${residentId}`, { title: 'Control glucémico en la UMF', advisorName: 'Dr. Treviño', status });

/** Rows, versions and counts a refused promotion must leave untouched. */
async function snapshot(ids: number[]) {
  const db = t.database.db;
  return {
    residents: await db.select().from(residents).where(inArray(residents.id, ids)).orderBy(residents.id),
    enrolments: await db.$count(enrolments, inArray(enrolments.residentId, ids)),
    events: await db.$count(residentEvents, inArray(residentEvents.residentId, ids)),
    audits: await auditCount(db),
  };
}

describe('bulk promotion and egreso', () => {
  it('graduates only those with an approved thesis, shows the rest as blocked with the reason, and audits each resident', async () => {
    const r1 = await enrolNl(1);
    const ready = await enrolNl(3);
    const noThesis = await enrolNl(3);
    const draft = await enrolNl(3);
    ok(await thesis(ready.id, 'aprobada'), 200);
    ok(await thesis(draft.id, 'terminada'), 200);
    const body = { cycleId, unitId: nuevoLeon.unitId };
    const preview = ok<{ totals: Record<string, number>; diplomaNote: string; items: { id: number; outcome: string; blockedReason: string | null; diplomaPending: boolean }[] }>(await coordNl.post('/api/v1/people/promotions/preview', body));
    const item = (id: number) => preview.items.find((i) => i.id === id);
    expect(item(r1.id)).toMatchObject({ outcome: 'promueve', blockedReason: null, diplomaPending: false });
    expect(item(ready.id)).toMatchObject({ outcome: 'egresa', blockedReason: null, diplomaPending: true });
    expect(item(noThesis.id)).toMatchObject({ outcome: 'bloqueado', blockedReason: expect.stringContaining('tesis aprobada') });
    expect(item(draft.id)).toMatchObject({ outcome: 'bloqueado', blockedReason: expect.stringContaining('"terminada"') });
    expect(preview.totals).toMatchObject({ promueve: 1, egresa: 1, bloqueado: 2 });
    expect(preview.diplomaNote).toContain('diploma');

    const blockedBefore = await snapshot([noThesis.id, draft.id]);
    const done = ok<{ totals: Record<string, number>; blocked: { id: number; reason: string }[] }>(await coordNl.post('/api/v1/people/promotions', body));
    expect(done.totals).toMatchObject({ promueve: 1, egresa: 1, bloqueado: 2 });
    expect(done.blocked.map((b) => b.id).sort()).toEqual([noThesis.id, draft.id].sort());
    expect({ ...(await snapshot([noThesis.id, draft.id])), audits: 0 }).toEqual({ ...blockedBefore, audits: 0 });

    const graduate = ok<Resident & { graduatedOn: string }>(await coordNl.get(`/api/v1/people/residents/${ready.id}`));
    expect(graduate).toMatchObject({ status: 'egresado', graduatedOn: '2027-02-28', diplomaNumber: null });

    const [summary] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'bulk_promotion'));
    const perResident = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'resident'), eq(auditLog.requestId, summary.requestId as string), ne(auditLog.action, 'bulk_promotion')));
    expect(perResident.map((a) => [a.action, Number(a.entityId)]).sort()).toEqual([['egreso', ready.id], ['promocion', r1.id]].sort());
    const promoted = perResident.find((a) => Number(a.entityId) === r1.id);
    expect(promoted).toMatchObject({ before: expect.objectContaining({ grade: 1 }), after: expect.objectContaining({ grade: 2 }) });

    const diploma = ok<Resident>(await coordNl.post(`/api/v1/people/residents/${ready.id}/transitions`, { kind: 'diploma', occurredOn: '2027-05-20', diplomaNumber: 'D-2027-0420', version: graduate.version }));
    expect(diploma).toMatchObject({ status: 'egresado', diplomaNumber: 'D-2027-0420' });
    const twice = await coordNl.post(`/api/v1/people/residents/${ready.id}/transitions`, { kind: 'diploma', occurredOn: '2027-05-21', diplomaNumber: 'D-2027-0999', version: diploma.version });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain('D-2027-0420');
  });
});

describe('scope', () => {
  it('a unit coordinator lists only the residents of their unit', async () => {
    const [otherSede] = await t.database.db
      .select({ id: sedes.id })
      .from(sedes)
      .innerJoin(units, eq(units.id, sedes.unitId))
      .where(and(eq(units.ooadId, nuevoLeon.ooadId), ne(units.id, nuevoLeon.unitId), eq(sedes.active, true)))
      .limit(1);
    const elsewhere = ok<Resident>(await admin.post('/api/v1/people/residents', { person: mexican({ stateCode: 'NL' }), sedeId: otherSede.id, cycleId, grade: 1 }), 201);
    const mine = await enrolNl(1);
    const list = ok<{ items: Resident[]; total: number }>(await coordNl.get('/api/v1/people/residents?limit=200'));
    expect(list.items.map((r) => r.id)).toContain(mine.id);
    expect(list.items.map((r) => r.id)).not.toContain(elsewhere.id);
    expect(list.items.every((r) => r.unitId === nuevoLeon.unitId)).toBe(true);
    expect(list.total).toBe(list.items.length);
    expect(ok<{ total: number }>(await admin.get('/api/v1/people/residents?limit=1')).total).toBeGreaterThan(list.total);
  });

  it('a coordinator of another OOAD cannot move a resident nor promote the unit, and nothing changes', async () => {
    const r = await enrolNl(1);
    const before = await snapshot([r.id]);
    const moved = await coordJal.post(`/api/v1/people/residents/${r.id}/transitions`, { kind: 'licencia', occurredOn: '2026-06-01', version: r.version });
    expect(moved.statusCode).toBe(403);
    for (const body of [{ cycleId, unitId: nuevoLeon.unitId }, { cycleId, ooadId: nuevoLeon.ooadId }]) {
      expect((await coordJal.post('/api/v1/people/promotions/preview', body)).statusCode).toBe(403);
      expect((await coordJal.post('/api/v1/people/promotions', body)).statusCode).toBe(403);
    }
    expect(await snapshot([r.id])).toEqual(before);
  });
});
