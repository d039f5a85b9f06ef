import { CENTRE, PEOPLE_MANAGERS, RECORDERS, SIGNED_IN, STAFF, STALE, type Table, VERIFIERS, bySede } from './table.ts';
import type { Place } from '../support/authz-fixtures.ts';

const recorded = (p: Place) => ({ residentId: p.residentId, performedOn: '2026-05-14', unitId: p.unitId, service: 'Urgencias', kind: 'consulta_especialidad', supervision: 'realiza', ageBand: '30-44', sex: 'M' });
const backlog = (p: Place) => ({ unitId: p.unitId, service: 'Consulta externa', category: 'consultas', takenOn: '2021-05-10', waiting: 1 });
/** A plan sheet of one row for the unit; its stale version is refused after the rows are checked. */
const planSheet = (clues: string) => Buffer.from(`CLUES,Categoría,Planeado\n${clues},cirugia,1\n`);
const beds = (p: Place) => ({ unitId: p.unitId, takenOn: '2021-05-10', ordinaryBeds: 1, reconvertedBeds: 0 });

/** The clinical activity log, its catalogues and minimums, and the Jornadas Nacionales. */
export const ACTIVITY: Table = {
  // Activity log: everyone reads within scope; residents and professors record; professors review.
  'GET /api/v1/activity/records': { allow: SIGNED_IN, ...bySede },
  'GET /api/v1/activity/records/export.xlsx': { allow: SIGNED_IN },
  'GET /api/v1/activity/records/:id': { allow: SIGNED_IN, id: (fx) => fx.a.activityId, outside: { id: (fx) => fx.b.activityId } },
  'POST /api/v1/activity/records': { allow: RECORDERS, body: (fx) => recorded(fx.a), outside: { body: (fx) => recorded(fx.b) } },
  'PATCH /api/v1/activity/records/:id': { allow: RECORDERS, id: (fx) => fx.a.activityId, body: (fx) => ({ ...recorded(fx.a), version: STALE }), outside: { id: (fx) => fx.b.activityId, body: (fx) => ({ ...recorded(fx.b), version: STALE }) } },
  'POST /api/v1/activity/records/:id/review': { allow: VERIFIERS, id: (fx) => fx.a.activityId, body: () => ({ decision: 'verificada', version: STALE }), outside: { id: (fx) => fx.b.activityId } },
  // Sync answers per entry; out of scope every entry must come back refused.
  'POST /api/v1/activity/sync': { allow: RECORDERS, body: (fx) => ({ entries: [{ ...recorded(fx.a), clientKey: 'matriz-0001' }] }), outside: { body: (fx) => ({ entries: [{ ...recorded(fx.b), clientKey: 'matriz-0002' }] }) }, emptyOutside: (body) => (body as { results: { status: string; code?: string }[] }).results.every((r) => r.status === 'rejected' && r.code === 'forbidden') },
  // Someone else's resident out of scope is left out of the answer, not refused.
  'GET /api/v1/activity/context': { allow: SIGNED_IN, query: (fx) => `residentId=${fx.a.residentId}`, outside: { query: (fx) => `residentId=${fx.b.residentId}` }, emptyOutside: (body) => (body as { residents: unknown[] }).residents.length === 0 },
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
  'POST /api/v1/jornadas/:id/plan/upload': {
    allow: PEOPLE_MANAGERS,
    id: (fx) => fx.ids.jornadas,
    query: () => `version=${STALE}`,
    file: (fx) => planSheet(fx.a.clues),
    outside: { file: (fx) => planSheet(fx.b.clues) },
    refusesOutsideWith: { status: 400, why: 'the sheet is checked as a whole and an out-of-scope unit is reported as a row error' },
  },
  'POST /api/v1/jornadas/:id/unit-counts': { allow: PEOPLE_MANAGERS, id: (fx) => fx.ids.jornadas, body: (fx) => ({ unitId: fx.a.unitId, day: '2026-05-14', category: 'cirugia', count: 1 }), outside: { body: (fx) => ({ unitId: fx.b.unitId, day: '2026-05-14', category: 'cirugia', count: 1 }) } },
  'GET /api/v1/jornadas/:id/report': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },
  'GET /api/v1/jornadas/:id/participants': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },
  'GET /api/v1/jornadas/:id/report.xlsx': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },
  'GET /api/v1/jornadas/:id/report.pdf': { allow: SIGNED_IN, id: (fx) => fx.ids.jornadas },
};
