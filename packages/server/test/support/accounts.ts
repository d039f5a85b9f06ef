import type { GrantInput } from '@sirem/core';
import { createUser } from '../../src/access/users-service.ts';
import { systemCtx } from '../../src/http/system-actor.ts';
import { type Client, PASSWORD, type TestContext } from './app.ts';
import { ok } from './catalog.ts';
import { mexican } from './people.ts';

type Sede = { id: number; unitId: number; ooadId: number };

/** Enrols an R1 at a sede and gives them a resident account linked to their person record. */
export async function residentWithAccount(t: TestContext, admin: Client, sede: Sede, cycleId: number, username: string) {
  const person = mexican();
  const resident = ok<{ id: number; personId: number }>(await admin.post('/api/v1/people/residents', { person, sedeId: sede.id, cycleId, grade: 1 }), 201);
  await account(t, username, [{ role: 'residente', scopeKind: 'self' }], person.curp);
  return { client: await t.login(username), residentId: resident.id, personId: resident.personId };
}

/** Appoints a teacher (titular, adjunto or tutor) at a sede and gives them an account with the matching role. */
export async function facultyWithAccount(t: TestContext, admin: Client, sede: Sede, role: 'titular' | 'adjunto' | 'tutor', username: string, extraGrants: GrantInput[] = []) {
  const person = mexican({ birthDate: '1979-05-05' });
  const appointment = ok<{ id: number; personId: number }>(await admin.post('/api/v1/people/faculty', { person, sedeId: sede.id, role, startsOn: '2026-03-01' }), 201);
  const grantRole = role === 'titular' ? 'profesor_titular' : role === 'adjunto' ? 'profesor_adjunto' : 'tutor';
  await account(t, username, [{ role: grantRole, scopeKind: 'sede', sedeId: sede.id }, ...extraGrants], person.curp);
  return { client: await t.login(username), personId: appointment.personId, appointmentId: appointment.id };
}

/** Created through the service (as the CLI does) so the password is not a temporary one. */
async function account(t: TestContext, username: string, grants: GrantInput[], personKey: string) {
  return createUser(systemCtx(t.database.db), { username, displayName: username, password: PASSWORD, grants, personKey }, { mustChangePassword: false });
}
