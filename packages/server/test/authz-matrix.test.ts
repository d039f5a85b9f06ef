import type { GrantInput } from '@sirem/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Method, PASSWORD, type TestApp, type TestContext, national, setupApp } from './support/app.ts';
import { createSede, createUnit, hospital, ok } from './support/catalog.ts';
import { courseOf, ooadId } from './support/lookup.ts';

/**
 * Who may call what. Every route under /api/v1 must appear here: the first test lists the routes
 * the server actually registered and fails on any route missing from this table (or listed here
 * but gone). "Allowed" means the answer is neither 401 nor 403; "denied" means 401 for anonymous
 * callers and 403 for signed-in ones. Each request is well-formed and aimed at a record inside the
 * caller's scope, so the answer reflects the role, not a typo or a hidden row. Writes by allowed
 * roles are aimed to fail after authorisation (stale version, duplicate key, referenced row) so the
 * fixtures stay put.
 */
const ROLES = ['residente', 'profesor_titular', 'coordinador_educacion', 'coordinador_ooad', 'nivel_central', 'enlace_salud_mental', 'comite_etica', 'administrador', 'anonymous'] as const;
type Caller = (typeof ROLES)[number];

const SIGNED_IN: Caller[] = ['residente', 'profesor_titular', 'coordinador_educacion', 'coordinador_ooad', 'nivel_central', 'enlace_salud_mental', 'comite_etica', 'administrador'];
const EVERYONE: Caller[] = [...SIGNED_IN, 'anonymous'];
const ADMIN: Caller[] = ['administrador'];
const CENTRE: Caller[] = ['nivel_central', 'administrador'];
const UNIT_MANAGERS: Caller[] = ['coordinador_ooad', ...CENTRE];
const SEDE_MANAGERS: Caller[] = ['coordinador_educacion', ...UNIT_MANAGERS];
const PEOPLE_MANAGERS: Caller[] = ['coordinador_educacion', 'coordinador_ooad', ...CENTRE];
const GUARD_MANAGERS: Caller[] = PEOPLE_MANAGERS;
const EVALUATION_MANAGERS: Caller[] = ['profesor_titular', 'coordinador_educacion', 'coordinador_ooad', ...CENTRE];
const SURVEY_READERS: Caller[] = ['coordinador_educacion', 'coordinador_ooad', ...CENTRE];
const RECORDERS: Caller[] = ['residente', 'profesor_titular', 'administrador'];
const STAFF: Caller[] = SIGNED_IN.filter((c) => c !== 'residente');

type Fixtures = {
  ids: Record<string, number>;
  rows: Record<string, Record<string, unknown>>;
  userId: number;
};
type Entry = {
  allow: Caller[];
  body?: (fx: Fixtures) => unknown;
  /** Which fixture fills `:id`. */
  id?: (fx: Fixtures) => number;
  /** Fills other path parameters. */
  params?: Record<string, string>;
  /** A query string the route requires. */
  query?: (fx: Fixtures) => string;
  /** The call ends the caller's session, so it runs on a session of its own. */
  ownSession?: boolean;
};

const STALE = 999_999;
const foreigner = { keyType: 'temporal', tempKey: 'TMP-2026-000143', givenNames: 'Camila', firstSurname: 'Rojas', sex: 'M', birthDate: '1995-04-12', nationality: 'COL' };
const catalogue = (name: string, writers: Caller[], duplicate: (fx: Fixtures) => unknown, patch: (fx: Fixtures) => unknown, base = `/api/v1/catalog/${name}`): Record<string, Entry> => {
  const id = (fx: Fixtures) => fx.ids[name];
  return {
    [`GET ${base}`]: { allow: SIGNED_IN },
    [`GET ${base}/export.xlsx`]: { allow: SIGNED_IN },
    [`GET ${base}/:id`]: { allow: SIGNED_IN, id },
    [`POST ${base}`]: { allow: writers, body: duplicate },
    [`PATCH ${base}/:id`]: { allow: writers, id, body: patch },
    [`POST ${base}/:id/deactivate`]: { allow: writers, id, body: () => ({ version: STALE }) },
    [`DELETE ${base}/:id`]: { allow: writers, id },
  };
};
/** A well-formed entry for a resident that does not exist: refused after authorisation. */
const activityEntry = (fx: Fixtures) => ({ residentId: STALE, performedOn: '2026-05-14', unitId: fx.rows.units.id, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', ageBand: '30-44', sex: 'M' });
const stale = (name: string) => (fx: Fixtures) => ({ ...fx.rows[name], version: STALE });

const TABLE: Record<string, Entry> = {
  'POST /api/v1/auth/login': { allow: EVERYONE, body: () => ({ username: 'marta.residente', password: PASSWORD }) },
  'GET /api/v1/auth/me': { allow: SIGNED_IN },
  'POST /api/v1/auth/logout': { allow: SIGNED_IN, ownSession: true },
  'POST /api/v1/auth/password': { allow: SIGNED_IN, body: () => ({ currentPassword: 'no-es-la-actual', newPassword: 'otra-clave-bastante-larga' }) },

  'GET /api/v1/access/users': { allow: ADMIN },
  'GET /api/v1/access/users/export.xlsx': { allow: ADMIN },
  'POST /api/v1/access/users': { allow: ADMIN, body: () => ({ username: 'objetivo', displayName: 'Objetivo', password: 'clave-temporal-1', grants: [] }) },
  'GET /api/v1/access/users/:id': { allow: ADMIN, id: (fx) => fx.userId },
  'PATCH /api/v1/access/users/:id': { allow: ADMIN, id: (fx) => fx.userId, body: () => ({ displayName: 'Otro nombre', version: STALE }) },
  'POST /api/v1/access/users/:id/password-reset': { allow: ADMIN, id: (fx) => fx.userId, body: () => ({ password: 'clave-temporal-2' }) },

  'GET /api/v1/audit': { allow: ADMIN },
  'GET /api/v1/audit/export.xlsx': { allow: ADMIN },

  'GET /api/v1/catalog/unit-types': { allow: SIGNED_IN },
  ...catalogue('ooads', CENTRE, (fx) => ({ code: fx.rows.ooads.code, name: 'Jalisco', stateCode: 'JC' }), stale('ooads')),
  ...catalogue('units', UNIT_MANAGERS, (fx) => hospital(fx.rows.units.ooadId as number, { clues: fx.rows.units.clues }), stale('units')),
  ...catalogue('specialties', CENTRE, (fx) => ({ ...fx.rows.specialties, version: undefined }), stale('specialties')),
  ...catalogue('courses', CENTRE, () => ({ specialtyId: STALE, name: 'Curso de una especialidad inexistente' }), stale('courses')),
  ...catalogue('sedes', SEDE_MANAGERS, (fx) => ({ courseId: fx.rows.sedes.courseId, unitId: fx.rows.sedes.unitId, placesPerGrade: [1] }), stale('sedes')),
  ...catalogue('cycles', CENTRE, () => ({ startYear: 2026 }), (fx) => ({ startYear: Number(String(fx.rows.cycles.code).slice(0, 4)), version: STALE })),

  // People: everyone reads within scope; coordinators and the centre register. Writes by allowed
  // roles aim at a missing resident, a missing cycle or a missing person, so nothing is enrolled.
  'GET /api/v1/people/residents': { allow: SIGNED_IN },
  'GET /api/v1/people/residents/export.xlsx': { allow: SIGNED_IN },
  'GET /api/v1/people/residents/:id': { allow: SIGNED_IN, id: () => STALE },
  'POST /api/v1/people/residents': {
    allow: PEOPLE_MANAGERS,
    body: (fx) => ({ person: foreigner, sedeId: fx.ids.sedes, cycleId: STALE, grade: 1 }),
  },
  'POST /api/v1/people/residents/:id/transitions': { allow: PEOPLE_MANAGERS, id: () => STALE, body: () => ({ kind: 'licencia', occurredOn: '2026-06-01', version: 0 }) },
  'PATCH /api/v1/people/persons/:id': { allow: SIGNED_IN, id: () => STALE, body: () => ({ phone: '3312345678', version: 0 }) },
  'POST /api/v1/people/residents/:id/tutor': { allow: PEOPLE_MANAGERS, id: () => STALE, body: () => ({ tutorPersonId: STALE, startsOn: '2026-06-01' }) },
  'POST /api/v1/people/promotions/preview': { allow: PEOPLE_MANAGERS, body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.rows.sedes.unitId }) },
  'POST /api/v1/people/promotions': { allow: PEOPLE_MANAGERS, body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.rows.sedes.unitId }) },
  'GET /api/v1/people/faculty': { allow: SIGNED_IN },
  'GET /api/v1/people/faculty/export.xlsx': { allow: SIGNED_IN },
  'POST /api/v1/people/faculty': { allow: PEOPLE_MANAGERS, body: (fx) => ({ personId: STALE, sedeId: fx.ids.sedes, role: 'adjunto', startsOn: '2026-03-01' }) },
  'GET /api/v1/people/faculty/:id/residents': { allow: SIGNED_IN, id: () => STALE },
  'POST /api/v1/people/faculty/:id/end': { allow: PEOPLE_MANAGERS, id: () => STALE, body: () => ({ endsOn: '2026-06-30', version: 0 }) },
  'GET /api/v1/people/faculty/access': { allow: SIGNED_IN, query: (fx) => `sedeId=${fx.ids.sedes}` },
  'GET /api/v1/people/nationalities': { allow: SIGNED_IN },
  'POST /api/v1/people/faculty/:id/end': { allow: PEOPLE_MANAGERS, id: () => STALE, body: () => ({ endsOn: '2026-06-30', version: 0 }) },
  'GET /api/v1/people/faculty/access': { allow: SIGNED_IN, query: (fx) => `sedeId=${fx.ids.sedes}` },
  'GET /api/v1/people/nationalities': { allow: SIGNED_IN },

  'GET /api/v1/reports/figures': { allow: SIGNED_IN },
  'GET /api/v1/reports/figures/by-ooad': { allow: SIGNED_IN },
  'GET /api/v1/reports/figures/by-ooad/export.xlsx': { allow: SIGNED_IN },

  // Rotations: services are catalogue-like; plans and absences read within scope; coordinators plan and decide.
  ...catalogue('services', PEOPLE_MANAGERS, (fx) => ({ unitId: fx.rows.services.unitId, name: fx.rows.services.name, capacityPerGrade: [1] }), stale('services'), '/api/v1/rotations/services'),
  'GET /api/v1/rotations/plan': { allow: SIGNED_IN },
  'GET /api/v1/rotations/plan/export.xlsx': { allow: SIGNED_IN },
  'POST /api/v1/rotations/plan/copy': { allow: PEOPLE_MANAGERS, body: (fx) => ({ unitId: fx.rows.services.unitId, fromCycleId: STALE, toCycleId: STALE }) },
  'POST /api/v1/rotations': { allow: PEOPLE_MANAGERS, body: (fx) => ({ residentId: STALE, serviceId: fx.ids.services, startsOn: '2026-03-01', endsOn: '2026-05-31' }) },
  'PATCH /api/v1/rotations/:id': { allow: PEOPLE_MANAGERS, id: () => STALE, body: (fx) => ({ residentId: STALE, serviceId: fx.ids.services, startsOn: '2026-03-01', endsOn: '2026-05-31', version: 0 }) },
  'DELETE /api/v1/rotations/:id': { allow: PEOPLE_MANAGERS, id: () => STALE },
  'GET /api/v1/rotations/absences': { allow: SIGNED_IN },
  'POST /api/v1/rotations/absences': { allow: ['residente', ...PEOPLE_MANAGERS], body: () => ({ residentId: STALE, kind: 'vacaciones', startsOn: '2026-07-01', endsOn: '2026-07-10' }) },
  'POST /api/v1/rotations/absences/:id/decision': { allow: PEOPLE_MANAGERS, id: () => STALE, body: () => ({ status: 'aprobada', version: 0 }) },
  'GET /api/v1/guards/calendar': { allow: SIGNED_IN },
  'POST /api/v1/guards/rosters/generate': { allow: GUARD_MANAGERS, body: (fx) => ({ unitId: fx.rows.services.unitId, serviceIds: [STALE], month: '2026-04', coverage: { weekday: {}, weekend: {}, holiday: {} } }) },
  'GET /api/v1/guards/jobs/:id': { allow: SIGNED_IN, id: () => STALE },
  'GET /api/v1/guards/my': { allow: SIGNED_IN },
  'POST /api/v1/guards/rosters/:id/revise': { allow: GUARD_MANAGERS, id: () => STALE },
  'GET /api/v1/guards/swaps': { allow: SIGNED_IN },
  'POST /api/v1/guards/swaps': { allow: SIGNED_IN, body: () => ({ rosterId: STALE, myDate: '2026-04-01', partnerResidentId: STALE, partnerDate: '2026-04-05' }) },
  'POST /api/v1/guards/swaps/:id/decision': { allow: GUARD_MANAGERS, id: () => STALE, body: () => ({ status: 'rechazado' }) },
  'GET /api/v1/me/notifications': { allow: SIGNED_IN },
  'GET /api/v1/guards/rule-sets': { allow: SIGNED_IN },
  'POST /api/v1/guards/rule-overrides': { allow: GUARD_MANAGERS, body: (fx) => ({ unitId: fx.rows.services.unitId, effectiveFrom: '2026-03-01', params: { maxGuardsPerWeek: 9 } }) },
  'GET /api/v1/guards/rosters/:id/export.xlsx': { allow: GUARD_MANAGERS, id: () => STALE },
  'GET /api/v1/guards/rosters/:id/export.pdf': { allow: GUARD_MANAGERS, id: () => STALE },
  'GET /api/v1/guards/compliance': { allow: GUARD_MANAGERS, query: (fx) => `unitId=${fx.rows.services.unitId}&month=2026-04` },
  'POST /api/v1/guards/my/calendar-link': { allow: SIGNED_IN },
  'GET /api/v1/guards/rosters': { allow: GUARD_MANAGERS, params: {}, query: (fx) => `unitId=${fx.rows.services.unitId}` },
  'GET /api/v1/guards/rosters/:id': { allow: GUARD_MANAGERS, id: () => STALE },
  'PATCH /api/v1/guards/rosters/:id': { allow: GUARD_MANAGERS, id: () => STALE, body: () => ({ assignments: [], revision: 0 }) },
  'POST /api/v1/guards/rosters/:id/publish': { allow: GUARD_MANAGERS, id: () => STALE, body: () => ({ revision: 0 }) },
  'GET /api/v1/guards/day-off-requests': { allow: SIGNED_IN },
  // A date outside the month: refused after authorisation, so nothing is written.
  'PUT /api/v1/guards/day-off-requests': { allow: ['residente', 'administrador'], body: () => ({ month: '2026-04', dates: ['2026-05-01'] }) },

  // Wellbeing: residents screen themselves; individual results are relational (self, liaison with
  // an alert, tutor as allowed), so for a person none of these callers relates to, all are refused.
  'GET /api/v1/wellbeing/instruments': { allow: SIGNED_IN },
  'GET /api/v1/wellbeing/me': { allow: ['residente'] },
  'POST /api/v1/wellbeing/screenings': { allow: ['residente'], body: () => ({ instrument: 'phq9', answers: [0] }) },
  'POST /api/v1/wellbeing/sharing': { allow: ['residente'], body: () => ({ tutorSees: 'nada', version: STALE }) },
  'GET /api/v1/wellbeing/persons/:id': { allow: [], id: () => STALE },
  'GET /api/v1/wellbeing/alerts': { allow: ['enlace_salud_mental'] },
  'POST /api/v1/wellbeing/alerts/:id': { allow: ['enlace_salud_mental'], id: () => STALE, body: () => ({ status: 'cerrada', version: 0 }) },
  'GET /api/v1/wellbeing/aggregates': { allow: ['coordinador_educacion', 'coordinador_ooad', 'nivel_central', 'enlace_salud_mental', 'administrador'] },
  // Conduct channel: anyone signed in reports and reads the codes; the anonymous follow-up needs
  // only the token; cases belong to the ethics committee. The first publisher creates the
  // edition, the next one meets the duplicate.
  'POST /api/v1/wellbeing/conduct/reports': { allow: SIGNED_IN, body: () => ({ category: 'maltrato', description: 'Descripción suficientemente larga del hecho.', unitId: STALE, anonymous: true }) },
  'GET /api/v1/wellbeing/conduct/reports/mine': { allow: SIGNED_IN },
  'POST /api/v1/wellbeing/conduct/follow': { allow: EVERYONE, body: () => ({ token: 'x'.repeat(32) }) },
  'POST /api/v1/wellbeing/conduct/follow/messages': { allow: EVERYONE, body: () => ({ token: 'x'.repeat(32), body: 'Hola' }) },
  'GET /api/v1/wellbeing/conduct/cases': { allow: ['comite_etica'] },
  'GET /api/v1/wellbeing/conduct/cases/:id': { allow: ['comite_etica'], id: () => STALE },
  'POST /api/v1/wellbeing/conduct/cases/:id': { allow: ['comite_etica'], id: () => STALE, body: () => ({ status: 'en_revision', version: 0 }) },
  'GET /api/v1/wellbeing/conduct/codes': { allow: SIGNED_IN },
  'POST /api/v1/wellbeing/conduct/codes': { allow: CENTRE, body: () => ({ code: 'etica', edition: 'matriz', title: 'Código de Ética', body: 'Texto.', publishedOn: '2026-01-01' }) },
  'POST /api/v1/wellbeing/conduct/codes/:id/acknowledge': { allow: SIGNED_IN, id: () => STALE },

  // Surveys: the centre builds and opens campaigns; residents and teachers answer; coordinators
  // and the centre read suppressed results. A teacher's own results are relational (none here).
  'POST /api/v1/surveys': { allow: CENTRE, body: () => ({ title: 'Encuesta (matriz)', questions: [{ kind: 'text', text: 'Comentarios' }] }) },
  'GET /api/v1/surveys': { allow: SURVEY_READERS },
  'GET /api/v1/surveys/:id': { allow: SURVEY_READERS, id: () => STALE },
  'GET /api/v1/surveys/:id/trends': { allow: SURVEY_READERS, id: () => STALE },
  'POST /api/v1/surveys/campaigns': { allow: CENTRE, body: (fx) => ({ surveyId: STALE, cycleId: fx.ids.cycles, audience: 'residentes', opensOn: '2026-03-01', closesOn: '2026-04-01' }) },
  'GET /api/v1/surveys/campaigns/mine': { allow: ['residente', 'profesor_titular'] },
  'GET /api/v1/surveys/campaigns/:id/form': { allow: ['residente', 'profesor_titular'], id: () => STALE },
  'POST /api/v1/surveys/campaigns/:id/responses': { allow: ['residente', 'profesor_titular'], id: () => STALE, body: () => ({ answers: [] }) },
  'GET /api/v1/surveys/campaigns/:id/results': { allow: SURVEY_READERS, id: () => STALE },
  'GET /api/v1/surveys/teaching/mine': { allow: [] },

  // Evaluations: the centre designs; direction and coordination assign and decide within scope;
  // filling, acknowledging, boletas and theses are relational (a missing record answers 404/400).
  'GET /api/v1/evaluations/competencies': { allow: SIGNED_IN },
  'POST /api/v1/evaluations/competencies': { allow: CENTRE, body: () => ({ code: 'T-DEC', name: 'Toma de decisiones' }) },
  'GET /api/v1/evaluations/templates': { allow: SIGNED_IN },
  'POST /api/v1/evaluations/templates': { allow: CENTRE, body: () => ({ name: 'Plantilla (matriz)', items: [{ competencyId: STALE, text: 'Reactivo' }] }) },
  'POST /api/v1/evaluations': { allow: EVALUATION_MANAGERS, body: (fx) => ({ residentId: STALE, cycleId: fx.ids.cycles, period: 1, templateId: STALE, evaluatorKind: 'autoevaluacion' }) },
  'GET /api/v1/evaluations/assigned': { allow: SIGNED_IN },
  'GET /api/v1/evaluations/mine': { allow: SIGNED_IN },
  'GET /api/v1/evaluations/boleta.pdf': { allow: SIGNED_IN, query: (fx) => `residentId=${STALE}&cycleId=${fx.ids.cycles}` },
  'GET /api/v1/evaluations/committee': { allow: EVALUATION_MANAGERS, query: (fx) => `sedeId=${fx.ids.sedes}&cycleId=${fx.ids.cycles}` },
  'POST /api/v1/evaluations/decisions': { allow: EVALUATION_MANAGERS, body: (fx) => ({ residentId: STALE, cycleId: fx.ids.cycles, decision: 'promueve', rationale: 'Matriz' }) },
  'GET /api/v1/evaluations/theses/:residentId': { allow: SIGNED_IN, params: { residentId: String(STALE) } },
  'POST /api/v1/evaluations/theses/:residentId': { allow: SIGNED_IN, params: { residentId: String(STALE) }, body: () => ({ title: 'Tesis', advisorName: 'Asesor', status: 'propuesta' }) },
  'GET /api/v1/evaluations/:id': { allow: SIGNED_IN, id: () => STALE },
  'PATCH /api/v1/evaluations/:id': { allow: SIGNED_IN, id: () => STALE, body: () => ({ scores: [], version: 0 }) },
  'POST /api/v1/evaluations/:id/acknowledge': { allow: SIGNED_IN, id: () => STALE, body: () => ({ version: 0 }) },
  'GET /api/v1/evaluations/follow-up/mine': { allow: [] },
  'GET /api/v1/evaluations/residents/:residentId/follow-up': { allow: SIGNED_IN, params: { residentId: String(STALE) } },
  'POST /api/v1/evaluations/residents/:residentId/sessions': { allow: SIGNED_IN, params: { residentId: String(STALE) }, body: () => ({ heldOn: '2026-10-05', topics: 'Temas' }) },
  'POST /api/v1/evaluations/residents/:residentId/feedback': { allow: SIGNED_IN, params: { residentId: String(STALE) }, body: () => ({ kind: 'general', body: 'Nota' }) },
  'POST /api/v1/evaluations/residents/:residentId/plans': { allow: SIGNED_IN, params: { residentId: String(STALE) }, body: () => ({ title: 'Plan', dueOn: '2026-12-10' }) },
  'POST /api/v1/evaluations/plans/:id': { allow: SIGNED_IN, id: () => STALE, body: () => ({ status: 'cumplido', version: 0 }) },
  // Activity log: everyone reads within scope; residents and professors record; professors review.
  'GET /api/v1/activity/records': { allow: SIGNED_IN },
  'GET /api/v1/activity/records/export.xlsx': { allow: SIGNED_IN },
  'GET /api/v1/activity/records/:id': { allow: SIGNED_IN, id: () => STALE },
  'POST /api/v1/activity/records': { allow: RECORDERS, body: (fx) => activityEntry(fx) },
  'PATCH /api/v1/activity/records/:id': { allow: RECORDERS, id: () => STALE, body: (fx) => ({ ...activityEntry(fx), version: 0 }) },
  'POST /api/v1/activity/records/:id/review': { allow: ['profesor_titular', 'administrador'], id: () => STALE, body: () => ({ decision: 'verificada', version: 0 }) },
  'POST /api/v1/activity/sync': { allow: RECORDERS, body: (fx) => ({ entries: [{ ...activityEntry(fx), clientKey: 'matriz-0001' }] }) },
  'GET /api/v1/activity/context': { allow: SIGNED_IN },
  'GET /api/v1/activity/codes': { allow: SIGNED_IN, query: () => 'system=cie10&q=diabetes' },
  'GET /api/v1/activity/code-versions': { allow: SIGNED_IN },
  'POST /api/v1/activity/code-versions': { allow: CENTRE, query: () => 'system=cie10&label=Prueba' },
  'GET /api/v1/activity/progress': { allow: SIGNED_IN, query: () => `residentId=${STALE}` },
  'GET /api/v1/activity/behind': { allow: STAFF, query: (fx) => `sedeId=${fx.ids.sedes}` },
  'GET /api/v1/activity/behind/export.xlsx': { allow: STAFF, query: (fx) => `sedeId=${fx.ids.sedes}` },

  // Jornadas: everyone reads the national figures; the centre creates; units, OOAD and the centre capture.
  'GET /api/v1/jornadas': { allow: SIGNED_IN },
  'POST /api/v1/jornadas': { allow: CENTRE, body: (fx) => ({ number: fx.rows.jornadas.number, startsOn: '2026-05-14', endsOn: '2026-05-16', ooadIds: [fx.rows.units.ooadId], umaeIds: [], categories: ['cirugia'] }) },
  'GET /api/v1/jornadas/cumulative': { allow: SIGNED_IN },
  'GET /api/v1/jornadas/backlog': { allow: SIGNED_IN },
  'POST /api/v1/jornadas/backlog': { allow: PEOPLE_MANAGERS, body: () => ({ unitId: STALE, service: 'Consulta externa', category: 'consultas', takenOn: '2021-05-10', waiting: 1 }) },
  'GET /api/v1/jornadas/beds': { allow: SIGNED_IN },
  'POST /api/v1/jornadas/beds': { allow: PEOPLE_MANAGERS, body: () => ({ unitId: STALE, takenOn: '2021-05-10', ordinaryBeds: 1, reconvertedBeds: 0 }) },
  'GET /api/v1/jornadas/:id': { allow: SIGNED_IN, id: () => STALE },
  'PUT /api/v1/jornadas/:id/plan': { allow: PEOPLE_MANAGERS, id: () => STALE, body: (fx) => ({ rows: [{ unitId: fx.rows.units.id, category: 'cirugia', planned: 1 }] }) },
  'POST /api/v1/jornadas/:id/plan/upload': { allow: PEOPLE_MANAGERS, id: () => STALE },
  'POST /api/v1/jornadas/:id/unit-counts': { allow: PEOPLE_MANAGERS, id: () => STALE, body: (fx) => ({ unitId: fx.rows.units.id, day: '2026-05-14', category: 'cirugia', count: 1 }) },
  'GET /api/v1/jornadas/:id/report': { allow: SIGNED_IN, id: () => STALE },
  'GET /api/v1/jornadas/:id/participants': { allow: SIGNED_IN, id: () => STALE },
  'GET /api/v1/jornadas/:id/report.xlsx': { allow: SIGNED_IN, id: () => STALE },
  'GET /api/v1/jornadas/:id/report.pdf': { allow: SIGNED_IN, id: () => STALE },

  'POST /api/v1/imports/:kind': { allow: PEOPLE_MANAGERS, params: { kind: 'residents' } },
  'GET /api/v1/imports/batches/:id': { allow: PEOPLE_MANAGERS, id: () => STALE },
  'GET /api/v1/imports/batches/:id/progress': { allow: PEOPLE_MANAGERS, id: () => STALE },
  'POST /api/v1/imports/batches/:id/commit': { allow: PEOPLE_MANAGERS, id: () => STALE },
  'GET /api/v1/imports/batches/:id/errors.xlsx': { allow: PEOPLE_MANAGERS, id: () => STALE },
};

/** Reads the router's own listing (not the OpenAPI document, which a hidden route would escape). */
function registeredRoutes(app: TestApp): string[] {
  const routes: string[] = [];
  const path: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    path.length = depth;
    path[depth] = m[2];
    const full = path.join('');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()))
      if (full.startsWith('/api/v1/') && method && method !== 'HEAD' && method !== '-') routes.push(`${method} ${full}`);
  }
  return [...new Set(routes)].sort();
}

let t: TestContext;
const clients = new Map<Caller, Client>();
const usernames: Record<Exclude<Caller, 'anonymous'>, string> = {
  residente: 'marta.residente',
  profesor_titular: 'raul.titular',
  coordinador_educacion: 'elena.cceis',
  coordinador_ooad: 'jorge.ooad',
  nivel_central: 'carmen.central',
  enlace_salud_mental: 'sofia.enlace',
  comite_etica: 'tomas.comite',
  administrador: 'ana.admin',
};
let fx: Fixtures;

beforeAll(async () => {
  t = await setupApp({ auth: { loginRateLimit: { max: 1000, timeWindow: 60_000 } } });
  const db = t.database.db;
  const admin = await t.userWith(usernames.administrador, [national()]);
  clients.set('administrador', admin);
  const jalisco = await ooadId(db, 'Jalisco');
  const unit = await createUnit(admin, jalisco, { name: 'HGZ No. 89 (matriz de permisos)', clues: 'JCIMS009089' });
  const internaCourse = await courseOf(db, 'MIN');
  const sede = await createSede(admin, internaCourse, unit.id, [6, 6, 6, 6]);
  const cycle = ok<{ id: number }>(await admin.post('/api/v1/catalog/cycles', { startYear: 2091 }), 201);
  const first = async (path: string) => ok<{ items: Record<string, unknown>[] }>(await admin.get(path)).items[0];
  const rows = {
    ooads: await first(`/api/v1/catalog/ooads?q=jalisco`),
    units: ok<Record<string, unknown>>(await admin.get(`/api/v1/catalog/units/${unit.id}`)),
    specialties: await first('/api/v1/catalog/specialties?q=medicina%20interna'),
    courses: ok<Record<string, unknown>>(await admin.get(`/api/v1/catalog/courses/${internaCourse}`)),
    sedes: ok<Record<string, unknown>>(await admin.get(`/api/v1/catalog/sedes/${sede.id}`)),
    cycles: ok<Record<string, unknown>>(await admin.get(`/api/v1/catalog/cycles/${cycle.id}`)),
    services: ok<Record<string, unknown>>(await admin.post('/api/v1/rotations/services', { unitId: unit.id, name: 'Urgencias (matriz)', capacityPerGrade: [2, 2, 2, 2] }), 201),
    jornadas: ok<Record<string, unknown>>(await admin.post('/api/v1/jornadas', { number: 77, startsOn: '2026-05-14', endsOn: '2026-05-16', ooadIds: [jalisco], umaeIds: [], categories: ['cirugia'] }), 201),
  };
  const grants: Record<Exclude<Caller, 'anonymous' | 'administrador'>, GrantInput> = {
    residente: { role: 'residente', scopeKind: 'self' },
    profesor_titular: { role: 'profesor_titular', scopeKind: 'sede', sedeId: sede.id },
    coordinador_educacion: { role: 'coordinador_educacion', scopeKind: 'unit', unitId: unit.id },
    coordinador_ooad: { role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco },
    nivel_central: national('nivel_central'),
    enlace_salud_mental: { role: 'enlace_salud_mental', scopeKind: 'ooad', ooadId: jalisco },
    comite_etica: { role: 'comite_etica', scopeKind: 'ooad', ooadId: jalisco },
  };
  for (const [role, grant] of Object.entries(grants)) clients.set(role as Caller, await t.userWith(usernames[role as keyof typeof grants], [grant]));
  const target = ok<{ id: number }>(await admin.post('/api/v1/access/users', { username: 'objetivo', displayName: 'Objetivo', password: 'clave-temporal-1', grants: [] }), 201);
  // A cycle whose successor exists, so a promotion preview gets as far as the permission check.
  const closing = await first('/api/v1/catalog/cycles?q=2025-2026');
  fx = { ids: { ...Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.id as number])), closingCycle: closing.id as number }, rows, userId: target.id };
});
afterAll(() => t.close());

async function call(caller: Caller, key: string, entry: Entry) {
  const [method, template] = key.split(' ') as [Method, string];
  let url = entry.id ? template.replace(':id', String(entry.id(fx))) : template;
  for (const [name, value] of Object.entries(entry.params ?? {})) url = url.replace(`:${name}`, value);
  if (entry.query) url += `?${entry.query(fx)}`;
  const body = entry.body?.(fx);
  if (caller === 'anonymous') return t.app.inject({ method, url, ...(body === undefined ? {} : { payload: body as object }) });
  const client = entry.ownSession ? await t.login(usernames[caller]) : (clients.get(caller) as Client);
  return client.request(method, url, body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
}

describe('the route table', () => {
  it('names every route the server registered under /api/v1, and no route it lacks', () => {
    const registered = registeredRoutes(t.app);
    expect(registered.length).toBeGreaterThan(30);
    expect(registered.filter((r) => !(r in TABLE)), 'routes without an entry in TABLE').toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !registered.includes(r)), 'TABLE entries for routes that do not exist').toEqual([]);
  });

  it('matches the routes published in the OpenAPI document', async () => {
    const doc = ok<{ paths: Record<string, Record<string, unknown>> }>(await t.app.inject({ method: 'GET', url: '/api/docs/json' }));
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    expect(documented).toEqual(registeredRoutes(t.app));
  });
});

describe('who may call each route', () => {
  it.each(Object.entries(TABLE))('%s', async (key, entry) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const caller of ROLES) {
      const res = await call(caller, key, entry);
      const denied = res.statusCode === 401 || res.statusCode === 403;
      const allow = entry.allow.includes(caller);
      outcomes.push(`${caller}: ${denied ? 'deny' : 'allow'} (${res.statusCode})`);
      expected.push(`${caller}: ${allow ? 'allow' : 'deny'} (${allow ? res.statusCode : caller === 'anonymous' ? 401 : 403})`);
      if (!allow) expect(res.json().code, `${caller} ${key}`).toBe(caller === 'anonymous' ? 'unauthenticated' : 'forbidden');
    }
    expect(outcomes).toEqual(expected);
  });
});

describe('refusing before reading', () => {
  it('answers 401 to a caller without a session before looking at what was sent', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/units', payload: { clues: 'no es una CLUES' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('answers 403 to a write without the CSRF token before looking at what was sent', async () => {
    const central = clients.get('nivel_central') as Client;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/units', payload: {}, headers: { cookie: central.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
  });
});
