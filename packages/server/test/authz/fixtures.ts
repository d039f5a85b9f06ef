import { type Client, type TestContext, national } from '../support/app.ts';
import { type Caller, USERNAMES, assignEvaluation, buildPlace, signInCallers } from '../support/authz-fixtures.ts';
import { linkAccount } from '../support/activity.ts';
import { ok } from '../support/catalog.ts';
import type { Fixtures } from './table.ts';

/**
 * The matrix's world: place A, where every scoped caller is granted, its twin B in another OOAD,
 * one signed-in client per role, and the catalogue rows the catalogue entries aim at.
 */
export async function matrixFixtures(t: TestContext): Promise<{ fx: Fixtures; clients: Map<Caller, Client> }> {
  const admin = await t.userWith(USERNAMES.administrador, [national()]);
  const a = await buildPlace(admin, t, 'Jalisco', 'A', 'JCIMS009089');
  const b = await buildPlace(admin, t, 'Nuevo León', 'B', 'NLIMS009089');
  const clients = await signInCallers(t, admin, a);
  // A's evaluation is the titular caller's to fill; B's to B's titular.
  await assignEvaluation(t, admin, a, USERNAMES.profesor_titular);
  await t.userWith('titular.b', [{ role: 'profesor_titular', scopeKind: 'sede', sedeId: b.sedeId }]);
  await linkAccount(t, 'titular.b', b.titularPersonId);
  await assignEvaluation(t, admin, b, 'titular.b');
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
  const ids = { ...Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.id as number])), closingCycle: closing.id as number };
  return { fx: { ids, rows, userId: target.id, a, b }, clients };
}
