import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/access.ts';
import { persons } from '../../src/db/schema/people.ts';
import type { Client, TestContext } from './app.ts';
import { ok } from './catalog.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './people.ts';

/** Gives an account the person it belongs to, as an administrator does when creating it. */
export async function linkAccount(t: TestContext, username: string, personId: number) {
  const [user] = await t.database.db.select().from(users).where(eq(users.username, username));
  await t.database.db.update(persons).set({ userId: user?.id }).where(eq(persons.id, personId));
}

/**
 * The MFA sede of an OOAD with a resident who has an account, a profesor titular with an account,
 * and a second sede's professor (for refusals).
 */
export async function residentWithProfessor(t: TestContext, admin: Client, ooad: string, tag: string) {
  const sede = await familyMedicineSede(t.database.db, ooad);
  const cycle = await cycleStartingIn(t.database.db, 2026);
  const resident = ok<{ id: number; personId: number }>(await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: cycle.id, grade: 1, startNow: true }), 201);
  const titular = ok<{ personId: number }>(await admin.post('/api/v1/people/faculty', { person: mexican(), sedeId: sede.id, role: 'titular', startsOn: '2020-03-01' }), 201);
  const me = await t.userWith(`res.${tag}`, [{ role: 'residente', scopeKind: 'self' }]);
  await linkAccount(t, `res.${tag}`, resident.personId);
  const prof = await t.userWith(`prof.${tag}`, [{ role: 'profesor_titular', scopeKind: 'sede', sedeId: sede.id }]);
  await linkAccount(t, `prof.${tag}`, titular.personId);
  return { sede, cycle, resident, titular, me, prof };
}

export const entry = (residentId: number, unitId: number, over: Record<string, unknown> = {}) => ({
  residentId,
  performedOn: '2026-05-14',
  unitId,
  service: 'Consulta externa',
  kind: 'consulta_medicina_familiar',
  supervision: 'realiza',
  diagnosisCode: 'E11.9',
  ageBand: '45-59',
  sex: 'M',
  ...over,
});
