import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Method, PASSWORD, type TestApp, type TestContext, national, setupApp } from './support/app.ts';
import { CALLERS, type Caller, NATIONAL_CALLERS, type Place, USERNAMES, assignEvaluation, buildPlace, signInCallers } from './support/authz-fixtures.ts';
import { linkAccount } from './support/activity.ts';
import { hospital, ok } from './support/catalog.ts';
import { auditCount, ooadId } from './support/lookup.ts';

/**
 * Who may call what, and where. Every route under /api/v1 must appear here: the first test lists
 * the routes the server actually registered and fails on any route missing from this table (or
 * listed here but gone). The callers are every role of the access model (ROLES in core) plus an
 * anonymous one, so a new role joins every row by itself; each role holds one grant at the scope
 * kind it uses, over place A (OOAD A, its unit, its sede; the resident is A's resident and the
 * teachers are appointed at A's sede). Place B is a twin in another OOAD.
 *
 * "Allowed" means the answer is neither 401 nor 403 (nor 404 when the URL names a real row);
 * "denied" means 401 for anonymous callers and 403 for signed-in ones. Each request is well-formed
 * (zod validates before the service authorises, so a 400 would prove nothing) and aimed at a real
 * record in A where the route has one. Writes by allowed roles are aimed to fail after
 * authorisation (stale version, duplicate key, referenced row, dates outside the window) so the
 * fixtures stay put for the next cell.
 *
 * Cells: every route × every caller on the in-scope request. Routes whose resource belongs to a
 * place also name `outside`, the same request aimed at B: there every caller runs again; the
 * national roles must still be allowed, every other caller must get 401, 403 or 404 and leave the
 * audit log untouched (every mutation writes its audit row, so an unchanged count means nothing
 * was written). Routes without a place (catalogue reads, own profile, own session) have no
 * `outside`. Routes that still aim at STALE have no fixture for their resource yet: guard rosters,
 * jobs and swaps (a roster needs a solver run), survey campaigns, import batches and wellbeing
 * alerts; for them only the role is checked.
 *
 * This is the full cross product (every route × every caller, and again against B where the
 * route has a place) rather than one representative per scope kind: on PGlite it stays well
 * under a minute.
 */
const SIGNED_IN: Caller[] = CALLERS.filter((c) => c !== 'anonymous');
const EVERYONE: Caller[] = [...CALLERS];
const ADMIN: Caller[] = ['administrador'];
const CENTRE: Caller[] = ['nivel_central', 'administrador'];
const UNIT_MANAGERS: Caller[] = ['coordinador_ooad', ...CENTRE];
const SEDE_MANAGERS: Caller[] = ['coordinador_educacion', ...UNIT_MANAGERS];
const PEOPLE_MANAGERS: Caller[] = ['coordinador_educacion', 'coordinador_ooad', ...CENTRE];
const GUARD_MANAGERS: Caller[] = ['jefe_servicio', ...PEOPLE_MANAGERS];
const EVALUATION_MANAGERS: Caller[] = ['profesor_titular', 'coordinador_educacion', 'coordinador_ooad', ...CENTRE];
const SURVEY_READERS: Caller[] = ['coordinador_educacion', 'coordinador_ooad', ...CENTRE];
const SURVEY_ANSWERERS: Caller[] = ['residente', 'profesor_titular', 'profesor_adjunto', 'tutor'];
const RECORDERS: Caller[] = ['residente', 'profesor_titular', 'profesor_adjunto', 'administrador'];
const VERIFIERS: Caller[] = ['profesor_titular', 'profesor_adjunto', 'administrador'];
const STAFF: Caller[] = SIGNED_IN.filter((c) => c !== 'residente');
/** A resident's own file (boleta, thesis, follow-up): the resident, the sede's titular, coordination and the centre. */
const RESIDENT_FILE: Caller[] = ['residente', 'profesor_titular', 'coordinador_educacion', 'coordinador_ooad', ...CENTRE];
/** Those who follow a resident's training: the sede's titular, their tutor, coordination and the centre. */
const MENTORS: Caller[] = ['profesor_titular', 'tutor', 'coordinador_educacion', 'coordinador_ooad', ...CENTRE];

type Fixtures = {
  ids: Record<string, number>;
  rows: Record<string, Record<string, unknown>>;
  userId: number;
  /** Where every scoped caller is granted. */
  a: Place;
  /** The twin slice in another OOAD, outside every scoped caller's reach. */
  b: Place;
};
type Target = {
  body?: (fx: Fixtures) => unknown;
  /** Which fixture fills `:id`. */
  id?: (fx: Fixtures) => number;
  /** Fills other path parameters. */
  params?: Record<string, string> | ((fx: Fixtures) => Record<string, string>);
  /** A query string the route requires. */
  query?: (fx: Fixtures) => string;
};
type Entry = Target & {
  allow: Caller[];
  /** The call ends the caller's session, so it runs on a session of its own. */
  ownSession?: boolean;
  /** The same request aimed at place B (fields given here replace the in-scope ones). */
  outside?: Target;
  /** A query filtered by scope in SQL: outside, it answers 200 and this says the answer shows nothing of B. */
  emptyOutside?: (body: unknown) => boolean;
  /** Sensitive data: even a refused read is written to the audit log (DOMAIN: every read is audited). */
  auditsRefusals?: true;
  /**
   * The call consumes its row (a delete), so each cell gets a fresh one, created by the
   * administrator in place A (or B for the outside cells) just before the call.
   */
  fresh?: (p: Place, n: number) => { path: string; body: unknown };
  /** By design, out of scope the route refuses with this status (e.g. a 400 naming the row), writing nothing. */
  refusesOutsideWith?: { status: number; why: string };
};

const STALE = 999_999;
const foreigner = { keyType: 'temporal', tempKey: 'TMP-2026-000143', givenNames: 'Camila', firstSurname: 'Rojas', sex: 'M', birthDate: '1995-04-12', nationality: 'COL' };
/** For a catalogue whose rows belong to a place: the fixture row of place B and a duplicate of it. */
type Twin = { row: string; duplicate: (fx: Fixtures) => unknown };
const catalogue = (name: string, writers: Caller[], duplicate: (fx: Fixtures) => unknown, patch: (fx: Fixtures) => unknown, base = `/api/v1/catalog/${name}`, twin?: Twin): Record<string, Entry> => {
  const id = (fx: Fixtures) => fx.ids[name];
  const away = (target: (row: string) => Target) => (twin ? { outside: target(twin.row) } : {});
  return {
    [`GET ${base}`]: { allow: SIGNED_IN },
    [`GET ${base}/export.xlsx`]: { allow: SIGNED_IN },
    // A resident's self grant reaches no catalogue place, so placed rows stay hidden from them.
    [`GET ${base}/:id`]: { allow: twin ? SIGNED_IN.filter((c) => c !== 'residente') : SIGNED_IN, id, ...away((row) => ({ id: (fx) => fx.ids[row] })) },
    [`POST ${base}`]: { allow: writers, body: duplicate, ...away(() => ({ body: twin?.duplicate })) },
    [`PATCH ${base}/:id`]: { allow: writers, id, body: patch, ...away((row) => ({ id: (fx) => fx.ids[row], body: stale(row) })) },
    [`POST ${base}/:id/deactivate`]: { allow: writers, id, body: () => ({ version: STALE }), ...away((row) => ({ id: (fx) => fx.ids[row] })) },
    [`DELETE ${base}/:id`]: { allow: writers, id, ...away((row) => ({ id: (fx) => fx.ids[row] })) },
  };
};
/** A well-formed entry for a resident that does not exist: refused after authorisation. */
const activityEntry = (fx: Fixtures) => ({ residentId: STALE, performedOn: '2026-05-14', unitId: fx.rows.units.id, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', ageBand: '30-44', sex: 'M' });
const stale = (name: string) => (fx: Fixtures) => ({ ...fx.rows[name], version: STALE });
/** Overlaps the place's own rotation, so a coordinator's attempt is refused after authorisation. */
const overlapping = (p: Place) => ({ residentId: p.residentId, serviceId: p.serviceId, startsOn: '2026-04-01', endsOn: '2026-04-30' });
const vacation = (p: Place) => ({ residentId: p.residentId, kind: 'vacaciones', startsOn: '2026-07-01', endsOn: '2026-07-10' });
const generate = (p: Place) => ({ unitId: p.unitId, serviceIds: [STALE], month: '2026-04', coverage: { weekday: {}, weekend: {}, holiday: {} } });
const override = (p: Place) => ({ unitId: p.unitId, effectiveFrom: '2026-03-01', params: { maxGuardsPerWeek: 9 } });
const assignment = (p: Place) => ({ residentId: p.residentId, cycleId: p.cycleId, period: 1, templateId: STALE, evaluatorKind: 'autoevaluacion' });
const recorded = (p: Place) => ({ residentId: p.residentId, performedOn: '2026-05-14', unitId: p.unitId, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', ageBand: '30-44', sex: 'M' });
/** One day of August per call, so fresh rotations never overlap each other or the fixtures. */
const augustDay = (n: number) => new Date(Date.UTC(2026, 7, 1 + n)).toISOString().slice(0, 10);
const backlog = (p: Place) => ({ unitId: p.unitId, service: 'Consulta externa', category: 'consultas', takenOn: '2021-05-10', waiting: 1 });
const beds = (p: Place) => ({ unitId: p.unitId, takenOn: '2021-05-10', ordinaryBeds: 1, reconvertedBeds: 0 });

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
  ...catalogue('units', UNIT_MANAGERS, (fx) => hospital(fx.rows.units.ooadId as number, { clues: fx.rows.units.clues }), stale('units'), undefined, { row: 'unitsB', duplicate: (fx) => hospital(fx.b.ooadId, { clues: fx.rows.unitsB.clues }) }),
  ...catalogue('specialties', CENTRE, (fx) => ({ ...fx.rows.specialties, version: undefined }), stale('specialties')),
  ...catalogue('courses', CENTRE, () => ({ specialtyId: STALE, name: 'Curso de una especialidad inexistente' }), stale('courses')),
  ...catalogue('sedes', SEDE_MANAGERS, (fx) => ({ courseId: fx.rows.sedes.courseId, unitId: fx.rows.sedes.unitId, placesPerGrade: [1] }), stale('sedes'), undefined, { row: 'sedesB', duplicate: (fx) => ({ courseId: fx.rows.sedesB.courseId, unitId: fx.b.unitId, placesPerGrade: [1] }) }),
  ...catalogue('cycles', CENTRE, () => ({ startYear: 2026 }), (fx) => ({ startYear: Number(String(fx.rows.cycles.code).slice(0, 4)), version: STALE })),

  // People: everyone reads within scope; coordinators and the centre register. Writes by allowed
  // roles aim at a missing resident, a missing cycle or a missing person, so nothing is enrolled.
  'GET /api/v1/people/residents': { allow: SIGNED_IN },
  'GET /api/v1/people/residents/export.xlsx': { allow: SIGNED_IN },
  'GET /api/v1/people/residents/:id': { allow: SIGNED_IN, id: (fx) => fx.a.residentId, outside: { id: (fx) => fx.b.residentId } },
  'POST /api/v1/people/residents': {
    allow: PEOPLE_MANAGERS,
    body: (fx) => ({ person: foreigner, sedeId: fx.ids.sedes, cycleId: STALE, grade: 1 }),
  },
  'POST /api/v1/people/residents/:id/transitions': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.residentId, body: () => ({ kind: 'licencia', occurredOn: '2026-06-01', version: STALE }), outside: { id: (fx) => fx.b.residentId } },
  'PATCH /api/v1/people/persons/:id': { allow: ['residente', ...PEOPLE_MANAGERS], id: (fx) => fx.a.residentPersonId, body: () => ({ phone: '3312345678', version: STALE }), outside: { id: (fx) => fx.b.residentPersonId } },
  'POST /api/v1/people/residents/:id/tutor': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.residentId, body: () => ({ tutorPersonId: STALE, startsOn: '2026-06-01' }), outside: { id: (fx) => fx.b.residentId } },
  'POST /api/v1/people/promotions/preview': { allow: PEOPLE_MANAGERS, body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.a.unitId }), outside: { body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.b.unitId }) } },
  'POST /api/v1/people/promotions': { allow: PEOPLE_MANAGERS, body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.a.unitId }), outside: { body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.b.unitId }) } },
  'GET /api/v1/people/faculty': { allow: SIGNED_IN },
  'GET /api/v1/people/faculty/export.xlsx': { allow: SIGNED_IN },
  'POST /api/v1/people/faculty': { allow: PEOPLE_MANAGERS, body: (fx) => ({ personId: STALE, sedeId: fx.a.sedeId, role: 'adjunto', startsOn: '2026-03-01' }), outside: { body: (fx) => ({ personId: STALE, sedeId: fx.b.sedeId, role: 'adjunto', startsOn: '2026-03-01' }) } },
  'GET /api/v1/people/faculty/:id/residents': { allow: SIGNED_IN, id: (fx) => fx.a.titularPersonId, outside: { id: (fx) => fx.b.titularPersonId }, emptyOutside: (rows) => Array.isArray(rows) && rows.length === 0 },
  'POST /api/v1/people/faculty/:id/end': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.appointmentId, body: () => ({ endsOn: '2026-06-30', version: STALE }), outside: { id: (fx) => fx.b.appointmentId } },
  'GET /api/v1/people/faculty/access': { allow: SIGNED_IN, query: (fx) => `sedeId=${fx.a.sedeId}`, outside: { query: (fx) => `sedeId=${fx.b.sedeId}` }, emptyOutside: (body) => (body as { canManage: boolean }).canManage === false },
  'GET /api/v1/people/nationalities': { allow: SIGNED_IN },

  'GET /api/v1/reports/figures': { allow: SIGNED_IN },
  'GET /api/v1/reports/figures/by-ooad': { allow: SIGNED_IN },
  'GET /api/v1/reports/figures/by-ooad/export.xlsx': { allow: SIGNED_IN },

  // Rotations: services are catalogue-like; plans and absences read within scope; coordinators plan and decide.
  ...catalogue('services', PEOPLE_MANAGERS, (fx) => ({ unitId: fx.rows.services.unitId, name: fx.rows.services.name, capacityPerGrade: [1] }), stale('services'), '/api/v1/rotations/services', { row: 'servicesB', duplicate: (fx) => ({ unitId: fx.b.unitId, name: fx.rows.servicesB.name, capacityPerGrade: [1] }) }),
  'GET /api/v1/rotations/plan': { allow: SIGNED_IN },
  'GET /api/v1/rotations/plan/export.xlsx': { allow: SIGNED_IN },
  'GET /api/v1/rotations/field-rules': { allow: SIGNED_IN },
  'POST /api/v1/rotations/plan/copy': { allow: PEOPLE_MANAGERS, body: (fx) => ({ unitId: fx.a.unitId, fromCycleId: STALE, toCycleId: STALE }), outside: { body: (fx) => ({ unitId: fx.b.unitId, fromCycleId: STALE, toCycleId: STALE }) } },
  'POST /api/v1/rotations': { allow: PEOPLE_MANAGERS, body: (fx) => overlapping(fx.a), outside: { body: (fx) => overlapping(fx.b) } },
  'PATCH /api/v1/rotations/:id': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.rotationId, body: (fx) => ({ ...overlapping(fx.a), version: STALE }), outside: { id: (fx) => fx.b.rotationId, body: (fx) => ({ ...overlapping(fx.b), version: STALE }) } },
  'DELETE /api/v1/rotations/:id': { allow: PEOPLE_MANAGERS, fresh: (p, n) => ({ path: '/api/v1/rotations', body: { residentId: p.residentId, serviceId: p.serviceId, startsOn: augustDay(n), endsOn: augustDay(n) } }), outside: {} },
  'GET /api/v1/rotations/absences': { allow: SIGNED_IN },
  'POST /api/v1/rotations/absences': { allow: ['residente', ...PEOPLE_MANAGERS], body: (fx) => vacation(fx.a), outside: { body: (fx) => vacation(fx.b) } },
  'POST /api/v1/rotations/absences/:id/decision': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.absenceId, body: () => ({ status: 'aprobada', version: STALE }), outside: { id: (fx) => fx.b.absenceId } },
  'GET /api/v1/guards/calendar': { allow: SIGNED_IN },
  'POST /api/v1/guards/rosters/generate': { allow: GUARD_MANAGERS, body: (fx) => generate(fx.a), outside: { body: (fx) => generate(fx.b) } },
  'GET /api/v1/guards/jobs/:id': { allow: SIGNED_IN, id: () => STALE },
  'GET /api/v1/guards/my': { allow: SIGNED_IN },
  'POST /api/v1/guards/rosters/:id/revise': { allow: GUARD_MANAGERS, id: () => STALE },
  'GET /api/v1/guards/swaps': { allow: SIGNED_IN },
  'POST /api/v1/guards/swaps': { allow: SIGNED_IN, body: () => ({ rosterId: STALE, myDate: '2026-04-01', partnerResidentId: STALE, partnerDate: '2026-04-05' }) },
  'POST /api/v1/guards/swaps/:id/decision': { allow: GUARD_MANAGERS, id: () => STALE, body: () => ({ status: 'rechazado' }) },
  'GET /api/v1/me/notifications': { allow: SIGNED_IN },
  'GET /api/v1/guards/rule-sets': { allow: SIGNED_IN },
  'POST /api/v1/guards/rule-overrides': { allow: GUARD_MANAGERS, body: (fx) => override(fx.a), outside: { body: (fx) => override(fx.b) } },
  'GET /api/v1/guards/rosters/:id/export.xlsx': { allow: GUARD_MANAGERS, id: () => STALE },
  'GET /api/v1/guards/rosters/:id/export.pdf': { allow: GUARD_MANAGERS, id: () => STALE },
  'GET /api/v1/guards/compliance': { allow: GUARD_MANAGERS, query: (fx) => `unitId=${fx.a.unitId}&month=2026-04`, outside: { query: (fx) => `unitId=${fx.b.unitId}&month=2026-04` } },
  'POST /api/v1/guards/my/calendar-link': { allow: SIGNED_IN },
  'GET /api/v1/guards/rosters': { allow: GUARD_MANAGERS, params: {}, query: (fx) => `unitId=${fx.a.unitId}`, outside: { query: (fx) => `unitId=${fx.b.unitId}` } },
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
  'GET /api/v1/wellbeing/persons/:id': { allow: ['residente'], id: (fx) => fx.a.residentPersonId, outside: { id: (fx) => fx.b.residentPersonId }, auditsRefusals: true },
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
  'GET /api/v1/wellbeing/conduct/cases/:id': { allow: ['comite_etica'], id: (fx) => fx.a.caseId, outside: { id: (fx) => fx.b.caseId } },
  'POST /api/v1/wellbeing/conduct/cases/:id': { allow: ['comite_etica'], id: (fx) => fx.a.caseId, body: () => ({ status: 'en_revision', version: STALE }), outside: { id: (fx) => fx.b.caseId } },
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
  'GET /api/v1/surveys/campaigns/mine': { allow: SURVEY_ANSWERERS },
  'GET /api/v1/surveys/campaigns/:id/form': { allow: SURVEY_ANSWERERS, id: () => STALE },
  'POST /api/v1/surveys/campaigns/:id/responses': { allow: SURVEY_ANSWERERS, id: () => STALE, body: () => ({ answers: [] }) },
  'GET /api/v1/surveys/campaigns/:id/results': { allow: SURVEY_READERS, id: () => STALE },
  'GET /api/v1/surveys/teaching/mine': { allow: ['profesor_titular', 'profesor_adjunto', 'tutor'] },

  // Evaluations: the centre designs; direction and coordination assign and decide within scope;
  // filling, acknowledging, boletas and theses are relational (a missing record answers 404/400).
  'GET /api/v1/evaluations/competencies': { allow: SIGNED_IN },
  'POST /api/v1/evaluations/competencies': { allow: CENTRE, body: () => ({ code: 'T-DEC', name: 'Toma de decisiones' }) },
  'GET /api/v1/evaluations/templates': { allow: SIGNED_IN },
  'POST /api/v1/evaluations/templates': { allow: CENTRE, body: () => ({ name: 'Plantilla (matriz)', items: [{ competencyId: STALE, text: 'Reactivo' }] }) },
  'POST /api/v1/evaluations': { allow: EVALUATION_MANAGERS, body: (fx) => assignment(fx.a), outside: { body: (fx) => assignment(fx.b) } },
  'GET /api/v1/evaluations/assigned': { allow: SIGNED_IN },
  'GET /api/v1/evaluations/mine': { allow: SIGNED_IN },
  'GET /api/v1/evaluations/boleta.pdf': { allow: RESIDENT_FILE, query: (fx) => `residentId=${fx.a.residentId}&cycleId=${fx.a.cycleId}`, outside: { query: (fx) => `residentId=${fx.b.residentId}&cycleId=${fx.b.cycleId}` } },
  'GET /api/v1/evaluations/committee': { allow: EVALUATION_MANAGERS, query: (fx) => `sedeId=${fx.a.sedeId}&cycleId=${fx.a.cycleId}`, outside: { query: (fx) => `sedeId=${fx.b.sedeId}&cycleId=${fx.b.cycleId}` } },
  'POST /api/v1/evaluations/decisions': { allow: EVALUATION_MANAGERS, body: (fx) => ({ residentId: fx.a.residentId, cycleId: fx.a.cycleId, decision: 'promueve', rationale: 'Matriz' }), outside: { body: (fx) => ({ residentId: fx.b.residentId, cycleId: fx.b.cycleId, decision: 'promueve', rationale: 'Matriz' }) } },
  'GET /api/v1/evaluations/unit-evaluators': { allow: ['coordinador_educacion', 'coordinador_ooad', ...CENTRE], query: (fx) => `unitId=${fx.a.unitId}`, outside: { query: (fx) => `unitId=${fx.b.unitId}` } },
  'POST /api/v1/evaluations/unit-evaluators': { allow: ['coordinador_educacion', 'coordinador_ooad', ...CENTRE], body: (fx) => ({ unitId: fx.a.unitId, username: USERNAMES.residente, displayName: 'Matriz', password: 'contraseña-matriz-1' }), outside: { body: (fx) => ({ unitId: fx.b.unitId, username: USERNAMES.residente, displayName: 'Matriz', password: 'contraseña-matriz-1' }) } },
  'POST /api/v1/evaluations/unit-evaluators/:id/end': { allow: EVALUATION_MANAGERS, id: () => STALE, body: () => ({ version: 0 }) },
  'GET /api/v1/evaluations/theses/:residentId': { allow: RESIDENT_FILE, params: (fx) => ({ residentId: String(fx.a.residentId) }), outside: { params: (fx) => ({ residentId: String(fx.b.residentId) }) } },
  'POST /api/v1/evaluations/theses/:residentId': { allow: RESIDENT_FILE, params: (fx) => ({ residentId: String(fx.a.residentId) }), body: () => ({ title: 'Tesis', advisorName: 'Asesor', status: 'propuesta' }), outside: { params: (fx) => ({ residentId: String(fx.b.residentId) }) } },
  // A's evaluation is assigned to the titular caller and not sent yet: the resident sees it only once sent.
  'GET /api/v1/evaluations/:id': { allow: EVALUATION_MANAGERS, id: (fx) => fx.a.evaluationId, outside: { id: (fx) => fx.b.evaluationId } },
  'PATCH /api/v1/evaluations/:id': { allow: ['profesor_titular'], id: (fx) => fx.a.evaluationId, body: () => ({ scores: [], version: STALE }), outside: { id: (fx) => fx.b.evaluationId } },
  // Only the resident acknowledges, and only a sent evaluation: this one is still being filled.
  'POST /api/v1/evaluations/:id/acknowledge': { allow: [], id: (fx) => fx.a.evaluationId, body: () => ({ version: STALE }), outside: { id: (fx) => fx.b.evaluationId } },
  'GET /api/v1/evaluations/follow-up/mine': { allow: ['residente'] },
  'GET /api/v1/evaluations/residents/:residentId/follow-up': { allow: [...RESIDENT_FILE, 'tutor'], params: (fx) => ({ residentId: String(fx.a.residentId) }), outside: { params: (fx) => ({ residentId: String(fx.b.residentId) }) } },
  'POST /api/v1/evaluations/residents/:residentId/sessions': { allow: ['tutor'], params: (fx) => ({ residentId: String(fx.a.residentId) }), body: () => ({ heldOn: '2026-10-05', topics: 'Temas' }), outside: { params: (fx) => ({ residentId: String(fx.b.residentId) }) } },
  'POST /api/v1/evaluations/residents/:residentId/feedback': { allow: ['profesor_adjunto', ...MENTORS], params: (fx) => ({ residentId: String(fx.a.residentId) }), body: () => ({ kind: 'general', body: 'Nota' }), outside: { params: (fx) => ({ residentId: String(fx.b.residentId) }) } },
  'POST /api/v1/evaluations/residents/:residentId/plans': { allow: MENTORS, params: (fx) => ({ residentId: String(fx.a.residentId) }), body: () => ({ title: 'Plan', dueOn: '2026-12-10' }), outside: { params: (fx) => ({ residentId: String(fx.b.residentId) }) } },
  'POST /api/v1/evaluations/plans/:id': { allow: MENTORS, id: (fx) => fx.a.planId, body: () => ({ status: 'cumplido', version: STALE }), outside: { id: (fx) => fx.b.planId } },
  // Activity log: everyone reads within scope; residents and professors record; professors review.
  'GET /api/v1/activity/records': { allow: SIGNED_IN },
  'GET /api/v1/activity/records/export.xlsx': { allow: SIGNED_IN },
  'GET /api/v1/activity/records/:id': { allow: SIGNED_IN, id: (fx) => fx.a.activityId, outside: { id: (fx) => fx.b.activityId } },
  'POST /api/v1/activity/records': { allow: RECORDERS, body: (fx) => recorded(fx.a), outside: { body: (fx) => recorded(fx.b) } },
  'PATCH /api/v1/activity/records/:id': { allow: RECORDERS, id: (fx) => fx.a.activityId, body: (fx) => ({ ...recorded(fx.a), version: STALE }), outside: { id: (fx) => fx.b.activityId, body: (fx) => ({ ...recorded(fx.b), version: STALE }) } },
  'POST /api/v1/activity/records/:id/review': { allow: VERIFIERS, id: (fx) => fx.a.activityId, body: () => ({ decision: 'verificada', version: STALE }), outside: { id: (fx) => fx.b.activityId } },
  // Sync answers per entry; out of scope every entry must come back refused.
  'POST /api/v1/activity/sync': { allow: RECORDERS, body: (fx) => ({ entries: [{ ...recorded(fx.a), clientKey: 'matriz-0001' }] }), outside: { body: (fx) => ({ entries: [{ ...recorded(fx.b), clientKey: 'matriz-0002' }] }) }, emptyOutside: (body) => (body as { results: { status: string; code?: string }[] }).results.every((r) => r.status === 'rejected' && r.code === 'forbidden') },
  'GET /api/v1/activity/context': { allow: SIGNED_IN },
  'GET /api/v1/activity/codes': { allow: SIGNED_IN, query: () => 'system=cie10&q=diabetes' },
  'GET /api/v1/activity/code-versions': { allow: SIGNED_IN },
  'POST /api/v1/activity/code-versions': { allow: CENTRE, query: () => 'system=cie10&label=Prueba' },
  'GET /api/v1/activity/progress': { allow: SIGNED_IN, query: (fx) => `residentId=${fx.a.residentId}`, outside: { query: (fx) => `residentId=${fx.b.residentId}` } },
  'GET /api/v1/activity/behind': { allow: STAFF, query: (fx) => `sedeId=${fx.a.sedeId}`, outside: { query: (fx) => `sedeId=${fx.b.sedeId}` } },
  'GET /api/v1/activity/behind/export.xlsx': { allow: STAFF, query: (fx) => `sedeId=${fx.a.sedeId}`, outside: { query: (fx) => `sedeId=${fx.b.sedeId}` } },
  'GET /api/v1/activity/requirements': { allow: SIGNED_IN },
  'GET /api/v1/activity/requirements/export.xlsx': { allow: SIGNED_IN },
  'POST /api/v1/activity/requirements': { allow: CENTRE, body: () => ({ specialtyId: STALE, grade: 1, group: 'cirugia', minimum: 10, validFrom: '2099-03-01' }) },
  'POST /api/v1/activity/requirements/upload': { allow: CENTRE, query: () => 'validFrom=2099-03-01' },

  // Jornadas: everyone reads the national figures; the centre creates; units, OOAD and the centre capture.
  'GET /api/v1/jornadas': { allow: SIGNED_IN },
  'POST /api/v1/jornadas': { allow: CENTRE, body: (fx) => ({ number: fx.rows.jornadas.number, startsOn: '2026-05-14', endsOn: '2026-05-16', ooadIds: [fx.rows.units.ooadId], umaeIds: [], categories: ['cirugia'] }) },
  'GET /api/v1/jornadas/cumulative': { allow: SIGNED_IN },
  'GET /api/v1/jornadas/backlog': { allow: SIGNED_IN },
  'POST /api/v1/jornadas/backlog': { allow: PEOPLE_MANAGERS, body: (fx) => backlog(fx.a), outside: { body: (fx) => backlog(fx.b) } },
  'GET /api/v1/jornadas/beds': { allow: SIGNED_IN },
  'POST /api/v1/jornadas/beds': { allow: PEOPLE_MANAGERS, body: (fx) => beds(fx.a), outside: { body: (fx) => beds(fx.b) } },
  'GET /api/v1/jornadas/:id': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },
  'PUT /api/v1/jornadas/:id/plan': { allow: PEOPLE_MANAGERS, id: (fx) => fx.ids.jornadas, body: (fx) => ({ version: STALE, rows: [{ unitId: fx.a.unitId, category: 'cirugia', planned: 1 }] }), outside: { body: (fx) => ({ version: STALE, rows: [{ unitId: fx.b.unitId, category: 'cirugia', planned: 1 }] }) }, refusesOutsideWith: { status: 400, why: 'the plan is validated as a whole and an out-of-scope unit is reported as a row error' } },
  'POST /api/v1/jornadas/:id/plan/upload': { allow: PEOPLE_MANAGERS, id: () => STALE, query: () => `version=${STALE}` },
  'POST /api/v1/jornadas/:id/unit-counts': { allow: PEOPLE_MANAGERS, id: (fx) => fx.ids.jornadas, body: (fx) => ({ unitId: fx.a.unitId, day: '2026-05-14', category: 'cirugia', count: 1 }), outside: { body: (fx) => ({ unitId: fx.b.unitId, day: '2026-05-14', category: 'cirugia', count: 1 }) } },
  'GET /api/v1/jornadas/:id/report': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },
  'GET /api/v1/jornadas/:id/participants': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },
  'GET /api/v1/jornadas/:id/report.xlsx': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },
  'GET /api/v1/jornadas/:id/report.pdf': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },

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
let clients = new Map<Caller, Client>();
let fx: Fixtures;

beforeAll(async () => {
  t = await setupApp({ auth: { loginRateLimit: { max: 1000, timeWindow: 60_000 } } });
  const admin = await t.userWith(USERNAMES.administrador, [national()]);
  const a = await buildPlace(admin, t, 'Jalisco', 'A', 'JCIMS009089');
  const b = await buildPlace(admin, t, 'Nuevo León', 'B', 'NLIMS009089');
  clients = await signInCallers(t, admin, a);
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
  fx = { ids: { ...Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.id as number])), closingCycle: closing.id as number }, rows, userId: target.id, a, b };
});
afterAll(() => t.close());

function urlOf(key: string, target: Target) {
  const template = key.slice(key.indexOf(' ') + 1);
  let url = target.id ? template.replace(':id', String(target.id(fx))) : template;
  const params = typeof target.params === 'function' ? target.params(fx) : (target.params ?? {});
  for (const [name, value] of Object.entries(params)) url = url.replace(`:${name}`, value);
  return target.query ? `${url}?${target.query(fx)}` : url;
}

async function call(caller: Caller, key: string, entry: Entry, target: Target = entry) {
  const method = key.slice(0, key.indexOf(' ')) as Method;
  const url = urlOf(key, target);
  const body = target.body?.(fx);
  if (caller === 'anonymous') return t.app.inject({ method, url, ...(body === undefined ? {} : { payload: body as object }) });
  const client = entry.ownSession ? await t.login(USERNAMES[caller]) : (clients.get(caller) as Client);
  return client.request(method, url, body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
}

/** A path that names real rows: an allowed caller must reach them, so a 404 would hide a refusal. */
const namesRealRows = (key: string, target: Target) => (target.id !== undefined || target.params !== undefined) && !urlOf(key, target).includes(String(STALE));

let made = 0;
async function freshRow(entry: Entry, place: Place) {
  const { path, body } = entry.fresh?.(place, made++) ?? { path: '', body: {} };
  const { id } = ok<{ id: number }>(await (clients.get('administrador') as Client).post(path, body), 201);
  return () => id;
}

const refusal = (caller: Caller) => (caller === 'anonymous' ? 401 : 403);

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

  it('lets no route be allowed to a role the access model does not know', () => {
    const unknown = Object.entries(TABLE).flatMap(([key, entry]) => entry.allow.filter((c) => !CALLERS.includes(c)).map((c) => `${key}: ${c}`));
    expect(unknown).toEqual([]);
  });
});

describe('who may call each route, inside and outside their scope', () => {
  it.each(Object.entries(TABLE))('%s', async (key, entry) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    const cell = async (caller: Caller, label: string, aimed: Target, allow: boolean) => {
      let target = aimed;
      // Outside, any row named in the path or the body exists in B, so hiding it (404) is a refusal too.
      const real = label && !allow ? true : namesRealRows(key, target);
      const hidden = label !== '' && !allow && entry.emptyOutside !== undefined;
      const leak = label !== '' && !allow && caller !== 'anonymous' && entry.allow.includes(caller) ? entry.refusesOutsideWith : undefined;
      if (entry.fresh) target = { ...target, id: await freshRow(entry, label ? fx.b : fx.a) };
      const before = allow ? 0 : await auditCount(t.database.db);
      const res = await call(caller, key, entry, target);
      const status = res.statusCode;
      const refused = status === 401 || status === 403 || (real && status === 404);
      const wrote = !allow && !entry.auditsRefusals && (await auditCount(t.database.db)) !== before;
      if (hidden && status === 200) {
        outcomes.push(`${caller}${label}: ${entry.emptyOutside?.(res.json()) ? 'shows nothing' : 'shows rows of B'}${wrote ? ' and wrote to the audit log' : ''}`);
        expected.push(`${caller}${label}: shows nothing`);
        return;
      }
      if (leak) {
        outcomes.push(`${caller}${label}: ${status}${wrote ? ' and wrote to the audit log' : ''}`);
        expected.push(`${caller}${label}: ${status === 403 || status === 404 ? status : leak.status}`);
        return;
      }
      // A refusal is 401 without a session, 403 with one, or 404 for a real row the caller may not see.
      const code = status === 401 || status === 403 ? (res.json() as { code?: string }).code : undefined;
      const properRefusal = caller === 'anonymous' ? status === 401 && code === 'unauthenticated' : (status === 403 && code === 'forbidden') || (real && status === 404);
      outcomes.push(`${caller}${label}: ${refused ? 'deny' : 'allow'} (${status}${!allow && !properRefusal && code ? ` ${code}` : ''})${wrote ? ' and wrote to the audit log' : ''}`);
      expected.push(`${caller}${label}: ${allow ? 'allow' : 'deny'} (${allow || properRefusal ? status : refusal(caller)})`);
    };
    for (const caller of CALLERS) await cell(caller, '', entry, entry.allow.includes(caller));
    if (entry.outside) {
      const target = { ...entry, ...entry.outside };
      for (const caller of CALLERS) await cell(caller, ' outside', target, entry.allow.includes(caller) && NATIONAL_CALLERS.includes(caller));
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
