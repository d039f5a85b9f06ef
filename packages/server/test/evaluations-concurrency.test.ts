import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { evaluations } from '../src/db/schema/evaluations.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { facultyWithAccount, residentWithAccount } from './support/accounts.ts';
import { ok } from './support/catalog.ts';
import { cycleStartingIn, familyMedicineSede } from './support/people.ts';

/**
 * Two people saving the same thesis, evaluation assignment or action plan at the same moment: one
 * save goes through, the other hears 409 with the record as it now stands, and nothing is lost.
 */
type Thesis = { id: number; title: string; advisorName: string; version: number };
let t: TestContext;
let admin: Client;
let coord: Client;
let sede: { id: number; unitId: number; ooadId: number };
let cycleId: number;
let resident: Awaited<ReturnType<typeof residentWithAccount>>;
let tutor: Awaited<ReturnType<typeof facultyWithAccount>>;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.concurrencia', [national()]);
  sede = await familyMedicineSede(t.database.db, 'Jalisco');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  resident = await residentWithAccount(t, admin, sede, cycleId, 'residente.concurrencia');
  tutor = await facultyWithAccount(t, admin, sede, 'tutor', 'tutor.concurrencia');
  coord = await t.userWith('coord.concurrencia', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }]);
  ok(await admin.post(`/api/v1/people/residents/${resident.residentId}/tutor`, { tutorPersonId: tutor.personId, startsOn: '2026-03-15' }));
});
afterAll(() => t.close());

const thesisUrl = () => `/api/v1/evaluations/theses/${resident.residentId}`;
const auditsOf = (entity: string, entityId: number) =>
  t.database.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))));

describe('the resident and the coordinator save the thesis at the same moment', () => {
  it('creates it once when both record it for the first time', async () => {
    const results = await Promise.all([
      resident.client.post(thesisUrl(), { title: 'Adherencia terapéutica en diabetes', advisorName: 'Dr. Pérez', status: 'propuesta' }),
      coord.post(thesisUrl(), { title: 'Apego al tratamiento antihipertensivo', advisorName: 'Dra. Ruiz', status: 'propuesta' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json() as Thesis;
    const loser = results.find((r) => r.statusCode === 409)?.json();
    expect(loser).toMatchObject({ code: 'version_conflict', current: { title: winner.title, version: 0 } });
    expect(ok<Thesis>(await coord.get(thesisUrl()))).toMatchObject({ title: winner.title, version: 0 });
    expect(await auditsOf('thesis', winner.id)).toEqual([{ action: 'create' }]);
  });

  it('keeps exactly one of two edits made from the same version, and tells the other the current one', async () => {
    // A few rounds, since on native PostgreSQL the two requests interleave differently each time.
    for (const round of [1, 2, 3]) {
      const read = ok<Thesis>(await resident.client.get(thesisUrl()));
      const results = await Promise.all([
        resident.client.post(thesisUrl(), { title: `Adherencia terapéutica en diabetes tipo 2 (v${round})`, advisorName: read.advisorName, status: 'en_desarrollo', version: read.version }),
        coord.post(thesisUrl(), { title: read.title, advisorName: `Dr. Treviño (v${round})`, status: 'en_desarrollo', version: read.version }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)?.json() as Thesis;
      expect(winner.version).toBe(read.version + 1);
      const conflict = results.find((r) => r.statusCode === 409)?.json();
      expect(conflict.detail).toMatch(/Otra persona modificó este registro/);
      expect(conflict.current).toMatchObject({ title: winner.title, advisorName: winner.advisorName, version: winner.version });
      expect(ok<Thesis>(await resident.client.get(thesisUrl()))).toMatchObject({ title: winner.title, advisorName: winner.advisorName, version: winner.version });
    }
    const { id } = ok<Thesis>(await resident.client.get(thesisUrl()));
    expect((await auditsOf('thesis', id)).map((a) => a.action).sort()).toEqual(['create', 'update', 'update', 'update']);
  });
});

describe('two coordinators assign the same evaluator at the same moment', () => {
  it('records the assignment once and refuses the repeat', async () => {
    const template = ok<{ id: number }[]>(await coord.get('/api/v1/evaluations/templates'))[0];
    const evaluatorUserId = ok<{ user: { id: number } }>(await tutor.client.get('/api/v1/auth/me')).user.id;
    for (const period of [2, 3, 4]) {
      const assignment = { residentId: resident.residentId, cycleId, period, templateId: template.id, evaluatorKind: 'profesor', evaluatorUserId };
      const results = await Promise.all([coord.post('/api/v1/evaluations', assignment), admin.post('/api/v1/evaluations', assignment)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('duplicate');
      const stored = await t.database.db.select({ id: evaluations.id }).from(evaluations).where(and(eq(evaluations.residentId, resident.residentId), eq(evaluations.period, period)));
      expect(stored).toHaveLength(1);
    }
  });
});

describe('the tutor and the coordinator close the same action plan at the same moment', () => {
  it('keeps one decision and answers the other with the plan as it now stands', async () => {
    const plan = ok<{ id: number; version: number }>(await tutor.client.post(`/api/v1/evaluations/residents/${resident.residentId}/plans`, { title: 'Entregar protocolo al comité local', dueOn: '2026-11-30' }), 201);
    const url = `/api/v1/evaluations/plans/${plan.id}`;
    const results = await Promise.all([tutor.client.post(url, { status: 'cumplido', version: plan.version }), coord.post(url, { status: 'cancelado', version: plan.version })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json() as { status: string; version: number };
    expect(winner.version).toBe(plan.version + 1);
    expect(results.find((r) => r.statusCode === 409)?.json()).toMatchObject({ code: 'version_conflict', current: { status: winner.status, version: winner.version } });
    expect((await auditsOf('action_plan', plan.id)).map((a) => a.action).sort()).toEqual(['create', 'update']);
  });
});

describe('two committee members record the first decision for a resident at the same moment', () => {
  it('keeps one decision and answers the other with the decision as it now stands, also when both revise it', async () => {
    const url = '/api/v1/evaluations/decisions';
    const decision = (decision: string, rationale: string, version?: number) => ({ residentId: resident.residentId, cycleId, decision, rationale, version });
    const first = await Promise.all([coord.post(url, decision('promueve', 'Cumplió los mínimos del ciclo.')), admin.post(url, decision('plan_remedial', 'Reforzar investigación.'))]);
    expect(first.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = first.find((r) => r.statusCode === 200)?.json() as { id: number; decision: string; version: number };
    expect(first.find((r) => r.statusCode === 409)?.json()).toMatchObject({ code: 'version_conflict', current: { id: winner.id, decision: winner.decision, version: 0 } });
    const revised = await Promise.all([coord.post(url, decision('repite', 'No aprobó el trimestre 4.', 0)), admin.post(url, decision('promueve', 'Aprobó el extraordinario.', 0))]);
    expect(revised.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const kept = revised.find((r) => r.statusCode === 200)?.json() as { decision: string; version: number };
    expect(kept.version).toBe(1);
    expect(revised.find((r) => r.statusCode === 409)?.json()).toMatchObject({ current: { decision: kept.decision, version: 1 } });
    expect((await auditsOf('promotion_decision', winner.id)).map((a) => a.action).sort()).toEqual(['decide', 'revise']);
  });
});
