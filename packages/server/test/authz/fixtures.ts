import { type Client, type TestContext, national } from '../support/app.ts';
import { type Caller, USERNAMES, assignEvaluation, buildPlace, signInCallers } from '../support/authz-fixtures.ts';
import { linkAccount } from '../support/activity.ts';
import { buildRecords, finishedJob, matrixSurvey, uploadedBatch, userIdOf } from '../support/authz-records.ts';
import { ok } from '../support/catalog.ts';
import { mexican } from '../support/people.ts';
import { type Fixtures, PEOPLE_MANAGERS, SIGNED_IN } from './table.ts';

const CLUES = { a: 'JCIMS009089', b: 'NLIMS009089' };

/**
 * The matrix's world: place A, where every scoped caller is granted, its twin B in another OOAD,
 * each with its rosters, campaigns, alert and the like (authz-records.ts), one signed-in client
 * per role with the records that are its own, and the catalogue rows the catalogue entries aim at.
 */
export async function matrixFixtures(t: TestContext): Promise<{ fx: Fixtures; clients: Map<Caller, Client> }> {
  const admin = await t.userWith(USERNAMES.administrador, [national()]);
  const placeA = await buildPlace(admin, t, 'Jalisco', 'A', CLUES.a);
  const placeB = await buildPlace(admin, t, 'Nuevo León', 'B', CLUES.b);
  const clients = await signInCallers(t, admin, placeA);
  // A's evaluation is the titular caller's to fill; B's to B's titular.
  await assignEvaluation(t, admin, placeA, USERNAMES.profesor_titular);
  await t.userWith('titular.b', [{ role: 'profesor_titular', scopeKind: 'sede', sedeId: placeB.sedeId }]);
  await linkAccount(t, 'titular.b', placeB.titularPersonId);
  await assignEvaluation(t, admin, placeB, 'titular.b');
  // B's resident and coordinator, whose records are someone else's for every caller.
  const residentB = await t.userWith('residente.b', [{ role: 'residente', scopeKind: 'self' }]);
  await linkAccount(t, 'residente.b', placeB.residentPersonId);
  const coordinatorB = await t.userWith('cceis.b', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: placeB.unitId }]);
  // B's resident has a tutor, so the centre finds a tutee behind B's tutor and no one else does.
  const tutorB = ok<{ personId: number }>(await admin.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1981-07-07' }), sedeId: placeB.sedeId, role: 'tutor', startsOn: '2020-03-01' }), 201);
  ok(await admin.post(`/api/v1/people/residents/${placeB.residentId}/tutor`, { tutorPersonId: tutorB.personId, startsOn: '2026-03-01' }));
  // A day off asked in May, when B's resident rotates in B's unit and no roster is published yet.
  ok(await residentB.request('PUT', '/api/v1/guards/day-off-requests', { month: '2026-05', dates: ['2026-05-10'] }));
  const surveyId = await matrixSurvey(admin);
  const a = { ...placeA, clues: CLUES.a, ...(await buildRecords(t, admin, placeA, clients.get('residente') as Client, await userIdOf(t, USERNAMES.residente), surveyId, 'a')) };
  const b = { ...placeB, clues: CLUES.b, ...(await buildRecords(t, admin, placeB, residentB, await userIdOf(t, 'residente.b'), surveyId, 'b')) };
  const own: Fixtures['own'] = { jobs: {}, batches: {} };
  for (const caller of SIGNED_IN) if (caller !== 'anonymous') own.jobs[caller] = await finishedJob(t, await userIdOf(t, USERNAMES[caller]));
  for (const caller of PEOPLE_MANAGERS) own.batches[caller] = await uploadedBatch(clients.get(caller) as Client, CLUES.a);
  const others = { jobId: await finishedJob(t, await userIdOf(t, 'residente.b')), batchId: await uploadedBatch(coordinatorB, CLUES.b) };
  const code = ok<{ id: number }>(await admin.post('/api/v1/wellbeing/conduct/codes', { code: 'etica', edition: 'matriz-lectura', title: 'Código de Ética', body: 'Texto.', publishedOn: '2026-01-01' }), 201);
  const first = async (path: string) => ok<{ items: Record<string, unknown>[] }>(await admin.get(path)).items[0];
  const get = async (path: string) => ok<Record<string, unknown>>(await admin.get(path));
  const rows = {
    ooads: await first(`/api/v1/catalog/ooads?q=jalisco`),
    units: await get(`/api/v1/catalog/units/${a.unitId}`),
    unitsB: await get(`/api/v1/catalog/units/${b.unitId}`),
    specialties: await first('/api/v1/catalog/specialties?q=medicina%20interna'),
    courses: await get(`/api/v1/catalog/courses/${(await get(`/api/v1/catalog/sedes/${a.sedeId}`)).courseId}`),
    sedes: await get(`/api/v1/catalog/sedes/${a.sedeId}`),
    sedesB: await get(`/api/v1/catalog/sedes/${b.sedeId}`),
    cycles: await get(`/api/v1/catalog/cycles/${a.cycleId}`),
    services: await get(`/api/v1/rotations/services/${a.serviceId}`),
    servicesB: await get(`/api/v1/rotations/services/${b.serviceId}`),
    // A jornada in both OOAD, so a plan or a count for B's unit is valid and only the scope refuses it.
    jornadas: ok<Record<string, unknown>>(await admin.post('/api/v1/jornadas', { number: 77, startsOn: '2026-05-14', endsOn: '2026-05-16', ooadIds: [a.ooadId, b.ooadId], umaeIds: [], categories: ['cirugia'] }), 201),
  };
  const target = ok<{ id: number }>(await admin.post('/api/v1/access/users', { username: 'objetivo', displayName: 'Objetivo', password: 'clave-temporal-1', grants: [] }), 201);
  // A cycle whose successor exists, so a promotion preview gets as far as the permission check.
  const closing = await first('/api/v1/catalog/cycles?q=2025-2026');
  const ids = { ...Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.id as number])), closingCycle: closing.id as number, tutorB: tutorB.personId, survey: surveyId, conductCode: code.id };
  return { fx: { ids, rows, userId: target.id, a, b, own, others }, clients };
}
