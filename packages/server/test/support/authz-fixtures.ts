import { type GrantInput, ROLES, type Role } from '@sirem/core';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/access.ts';
import { conductReports } from '../../src/db/schema/conduct.ts';
import type { Client, TestContext } from './app.ts';
import { createSede, createUnit, ok } from './catalog.ts';
import { linkAccount } from './activity.ts';
import { courseOf, ooadId } from './lookup.ts';
import { cycleStartingIn, mexican } from './people.ts';

/**
 * One institution slice: a unit with an internal-medicine sede, a clinical service, an active R1
 * with a rotation, an absence request and an activity record, and a profesor titular appointed
 * at the sede. The authorisation matrix builds one in OOAD A (where every scoped caller is
 * granted) and a twin in OOAD B (outside every scoped caller's reach).
 */
export type Place = {
  ooadId: number;
  unitId: number;
  sedeId: number;
  cycleId: number;
  serviceId: number;
  residentId: number;
  residentPersonId: number;
  titularPersonId: number;
  appointmentId: number;
  rotationId: number;
  absenceId: number;
  activityId: number;
  /** A conduct report about the unit, as the ethics committee's case. */
  caseId: number;
  /** A teacher's evaluation of the resident on the seeded template (see assignEvaluation), and an improvement plan. */
  evaluationId: number;
  planId: number;
};

export type Caller = Role | 'anonymous';
/** Every role the access model knows, plus a caller without a session: a new role joins the matrix by itself. */
export const CALLERS: readonly Caller[] = [...ROLES, 'anonymous'];

export const USERNAMES: Record<Role, string> = {
  residente: 'marta.residente',
  profesor_titular: 'raul.titular',
  profesor_adjunto: 'pablo.adjunto',
  tutor: 'teresa.tutora',
  jefe_servicio: 'hector.jefe',
  coordinador_educacion: 'elena.cceis',
  coordinador_ooad: 'jorge.ooad',
  nivel_central: 'carmen.central',
  enlace_salud_mental: 'sofia.enlace',
  comite_etica: 'tomas.comite',
  administrador: 'ana.admin',
};

/** Roles whose grant covers the whole institution: for them, OOAD B is in scope too. */
export const NATIONAL_CALLERS: readonly Caller[] = ['nivel_central', 'administrador'];

export async function buildPlace(admin: Client, t: TestContext, ooadName: string, tag: string, clues: string): Promise<Place> {
  const db = t.database.db;
  const ooad = await ooadId(db, ooadName);
  const unit = await createUnit(admin, ooad, { name: `HGZ matriz de permisos ${tag}`, clues });
  const sede = await createSede(admin, await courseOf(db, 'MIN'), unit.id, [6, 6, 6, 6]);
  const cycle = await cycleStartingIn(db, 2026);
  const service = ok<{ id: number }>(await admin.post('/api/v1/rotations/services', { unitId: unit.id, name: `Urgencias (matriz ${tag})`, capacityPerGrade: [2, 2, 2, 2] }), 201);
  const resident = ok<{ id: number; personId: number }>(await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: sede.id, cycleId: cycle.id, grade: 1 }), 201);
  const titular = ok<{ id: number; personId: number }>(await admin.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1979-05-05' }), sedeId: sede.id, role: 'titular', startsOn: '2020-03-01' }), 201);
  const rotation = ok<{ id: number }>(await admin.post('/api/v1/rotations', { residentId: resident.id, serviceId: service.id, startsOn: '2026-03-01', endsOn: '2026-05-31' }), 201);
  const absence = ok<{ id: number }>(await admin.post('/api/v1/rotations/absences', { residentId: resident.id, kind: 'vacaciones', startsOn: '2026-07-01', endsOn: '2026-07-10' }), 201);
  const activity = ok<{ id: number }>(
    await admin.post('/api/v1/activity/records', { residentId: resident.id, performedOn: '2026-05-14', unitId: unit.id, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', ageBand: '30-44', sex: 'M' }),
    201,
  );
  const report = ok<{ folio: string }>(await admin.post('/api/v1/wellbeing/conduct/reports', { category: 'maltrato', description: `Descripción suficientemente larga del hecho (${tag}).`, unitId: unit.id, anonymous: true }), 201);
  const [conduct] = await db.select({ id: conductReports.id }).from(conductReports).where(eq(conductReports.folio, report.folio));
  const plan = ok<{ id: number }>(await admin.post(`/api/v1/evaluations/residents/${resident.id}/plans`, { title: `Plan de mejora (${tag})`, dueOn: '2026-12-10' }), 201);
  return {
    ooadId: ooad,
    unitId: unit.id,
    sedeId: sede.id,
    cycleId: cycle.id,
    serviceId: service.id,
    residentId: resident.id,
    residentPersonId: resident.personId,
    titularPersonId: titular.personId,
    appointmentId: titular.id,
    rotationId: rotation.id,
    absenceId: absence.id,
    activityId: activity.id,
    caseId: conduct.id,
    evaluationId: 0,
    planId: plan.id,
  };
}

/** Each role's grant at the scope kind the role uses, all of them over place A. */
export function grantsOver(a: Place): Record<Exclude<Role, 'administrador'>, GrantInput> {
  return {
    residente: { role: 'residente', scopeKind: 'self' },
    profesor_titular: { role: 'profesor_titular', scopeKind: 'sede', sedeId: a.sedeId },
    profesor_adjunto: { role: 'profesor_adjunto', scopeKind: 'sede', sedeId: a.sedeId },
    tutor: { role: 'tutor', scopeKind: 'sede', sedeId: a.sedeId },
    jefe_servicio: { role: 'jefe_servicio', scopeKind: 'unit', unitId: a.unitId, serviceId: a.serviceId },
    coordinador_educacion: { role: 'coordinador_educacion', scopeKind: 'unit', unitId: a.unitId },
    coordinador_ooad: { role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: a.ooadId },
    nivel_central: { role: 'nivel_central', scopeKind: 'national' },
    enlace_salud_mental: { role: 'enlace_salud_mental', scopeKind: 'ooad', ooadId: a.ooadId },
    comite_etica: { role: 'comite_etica', scopeKind: 'ooad', ooadId: a.ooadId },
  };
}

/**
 * Signs in one user per role. The resident is place A's resident, the teachers are appointed at
 * A's sede and the tutor tutors A's resident, so relational checks (own record, own sede, own
 * tutee) meet a real person.
 */
export async function signInCallers(t: TestContext, admin: Client, a: Place): Promise<Map<Caller, Client>> {
  const clients = new Map<Caller, Client>([['administrador', admin]]);
  const grants = grantsOver(a);
  for (const role of Object.keys(grants) as (keyof typeof grants)[]) clients.set(role, await t.userWith(USERNAMES[role], [grants[role]]));
  await linkAccount(t, USERNAMES.residente, a.residentPersonId);
  await linkAccount(t, USERNAMES.profesor_titular, a.titularPersonId);
  for (const [role, kind] of [['profesor_adjunto', 'adjunto'], ['tutor', 'tutor']] as const) {
    const appointment = ok<{ personId: number }>(await admin.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1980-06-06' }), sedeId: a.sedeId, role: kind, startsOn: '2020-03-01' }), 201);
    await linkAccount(t, USERNAMES[role], appointment.personId);
    if (role === 'tutor') ok(await admin.post(`/api/v1/people/residents/${a.residentId}/tutor`, { tutorPersonId: appointment.personId, startsOn: '2026-03-01' }));
  }
  return clients;
}

/** Assigns the place's resident a first-quarter evaluation by `evaluator` (who needs an account by then). */
export async function assignEvaluation(t: TestContext, admin: Client, p: Place, evaluator: string) {
  const templates = ok<{ items?: { id: number }[] } | { id: number }[]>(await admin.get('/api/v1/evaluations/templates'));
  const template = (Array.isArray(templates) ? templates : (templates.items ?? []))[0];
  const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, evaluator));
  const body = { residentId: p.residentId, cycleId: p.cycleId, period: 1, templateId: template?.id, evaluatorKind: 'profesor', evaluatorUserId: user?.id };
  p.evaluationId = ok<{ id: number }>(await admin.post('/api/v1/evaluations', body), 201).id;
}
