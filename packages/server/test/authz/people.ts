import { type Entry, PEOPLE_MANAGERS, SIGNED_IN, STALE, type Table, bySede, catalogue, stale } from './table.ts';
import type { Place } from '../support/authz-fixtures.ts';
import { residentFile } from '../support/authz-records.ts';

const foreigner = { keyType: 'temporal', tempKey: 'TMP-2026-000143', givenNames: 'Camila', firstSurname: 'Rojas', sex: 'M', birthDate: '1995-04-12', nationality: 'COL' };
/** Overlaps the place's own rotation, so a coordinator's attempt is refused after authorisation. */
const overlapping = (p: Place) => ({ residentId: p.residentId, serviceId: p.serviceId, startsOn: '2026-04-01', endsOn: '2026-04-30' });
const vacation = (p: Place) => ({ residentId: p.residentId, kind: 'vacaciones', startsOn: '2026-07-01', endsOn: '2026-07-10' });
/** One day of August per call, so fresh rotations never overlap each other or the fixtures. */
const augustDay = (n: number) => new Date(Date.UTC(2026, 7, 1 + n)).toISOString().slice(0, 10);
/** An import batch is its uploader's alone: each manager reaches their own; B's coordinator's is refused even to the centre. */
const batch: Entry = { allow: PEOPLE_MANAGERS, id: (fx, caller) => fx.own.batches[caller] ?? fx.others.batchId, outside: { id: (fx) => fx.others.batchId }, outsideAllow: [] };

/** Residents and faculty, their bulk imports, the bulletin figures, and rotations and absences. */
export const PEOPLE: Table = {
  // People: everyone reads within scope; coordinators and the centre register. Writes by allowed
  // roles aim at a missing resident, a missing cycle or a missing person, so nothing is enrolled.
  'GET /api/v1/people/residents': { allow: SIGNED_IN, ...bySede },
  'GET /api/v1/people/residents/export.xlsx': { allow: SIGNED_IN },
  'GET /api/v1/people/residents/:id': { allow: SIGNED_IN, id: (fx) => fx.a.residentId, outside: { id: (fx) => fx.b.residentId } },
  'POST /api/v1/people/residents': {
    allow: PEOPLE_MANAGERS,
    body: (fx) => ({ person: foreigner, sedeId: fx.a.sedeId, cycleId: STALE, grade: 1 }),
    outside: { body: (fx) => ({ person: foreigner, sedeId: fx.b.sedeId, cycleId: STALE, grade: 1 }) },
  },
  'POST /api/v1/people/residents/:id/transitions': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.residentId, body: () => ({ kind: 'licencia', occurredOn: '2026-06-01', version: STALE }), outside: { id: (fx) => fx.b.residentId } },
  'PATCH /api/v1/people/persons/:id': { allow: ['residente', ...PEOPLE_MANAGERS], id: (fx) => fx.a.residentPersonId, body: () => ({ phone: '3312345678', version: STALE }), outside: { id: (fx) => fx.b.residentPersonId } },
  'POST /api/v1/people/residents/:id/tutor': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.residentId, body: () => ({ tutorPersonId: STALE, startsOn: '2026-06-01' }), outside: { id: (fx) => fx.b.residentId } },
  'POST /api/v1/people/promotions/preview': { allow: PEOPLE_MANAGERS, body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.a.unitId }), outside: { body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.b.unitId }) } },
  'POST /api/v1/people/promotions': { allow: PEOPLE_MANAGERS, body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.a.unitId }), outside: { body: (fx) => ({ cycleId: fx.ids.closingCycle, unitId: fx.b.unitId }) } },
  'GET /api/v1/people/faculty': { allow: SIGNED_IN, ...bySede },
  'GET /api/v1/people/faculty/export.xlsx': { allow: SIGNED_IN },
  'POST /api/v1/people/faculty': { allow: PEOPLE_MANAGERS, body: (fx) => ({ personId: STALE, sedeId: fx.a.sedeId, role: 'adjunto', startsOn: '2026-03-01' }), outside: { body: (fx) => ({ personId: STALE, sedeId: fx.b.sedeId, role: 'adjunto', startsOn: '2026-03-01' }) } },
  'GET /api/v1/people/faculty/:id/residents': { allow: SIGNED_IN, id: (fx) => fx.a.titularPersonId, outside: { id: (fx) => fx.ids.tutorB }, emptyOutside: (rows) => Array.isArray(rows) && rows.length === 0 },
  'POST /api/v1/people/faculty/:id/end': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.appointmentId, body: () => ({ endsOn: '2026-06-30', version: STALE }), outside: { id: (fx) => fx.b.appointmentId } },
  'GET /api/v1/people/faculty/access': { allow: SIGNED_IN, query: (fx) => `sedeId=${fx.a.sedeId}`, outside: { query: (fx) => `sedeId=${fx.b.sedeId}` }, emptyOutside: (body) => (body as { canManage: boolean }).canManage === false },
  'GET /api/v1/people/nationalities': { allow: SIGNED_IN },

  'GET /api/v1/reports/figures': { allow: SIGNED_IN },
  'GET /api/v1/reports/figures/by-ooad': { allow: SIGNED_IN },
  'GET /api/v1/reports/figures/by-ooad/export.xlsx': { allow: SIGNED_IN },

  // Rotations: services are catalogue-like; plans and absences read within scope; coordinators plan and decide.
  ...catalogue('services', PEOPLE_MANAGERS, (fx) => ({ unitId: fx.rows.services.unitId, name: fx.rows.services.name, capacityPerGrade: [1] }), stale('services'), '/api/v1/rotations/services', { row: 'servicesB', duplicate: (fx) => ({ unitId: fx.b.unitId, name: fx.rows.servicesB.name, capacityPerGrade: [1] }) }),
  'GET /api/v1/rotations/plan': { allow: SIGNED_IN, query: (fx) => `unitId=${fx.a.unitId}&cycleId=${fx.a.cycleId}`, outside: { query: (fx) => `unitId=${fx.b.unitId}&cycleId=${fx.b.cycleId}` }, emptyOutside: (body) => (body as { residents: unknown[] }).residents.length === 0 },
  'GET /api/v1/rotations/plan/export.xlsx': { allow: SIGNED_IN, query: (fx) => `unitId=${fx.a.unitId}&cycleId=${fx.a.cycleId}` },
  'GET /api/v1/rotations/field-rules': { allow: SIGNED_IN },
  'POST /api/v1/rotations/plan/copy': { allow: PEOPLE_MANAGERS, body: (fx) => ({ unitId: fx.a.unitId, fromCycleId: STALE, toCycleId: STALE }), outside: { body: (fx) => ({ unitId: fx.b.unitId, fromCycleId: STALE, toCycleId: STALE }) } },
  'POST /api/v1/rotations': { allow: PEOPLE_MANAGERS, body: (fx) => overlapping(fx.a), outside: { body: (fx) => overlapping(fx.b) } },
  'PATCH /api/v1/rotations/:id': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.rotationId, body: (fx) => ({ ...overlapping(fx.a), version: STALE }), outside: { id: (fx) => fx.b.rotationId, body: (fx) => ({ ...overlapping(fx.b), version: STALE }) } },
  'DELETE /api/v1/rotations/:id': { allow: PEOPLE_MANAGERS, fresh: (p, n) => ({ path: '/api/v1/rotations', body: { residentId: p.residentId, serviceId: p.serviceId, startsOn: augustDay(n), endsOn: augustDay(n) } }), outside: {} },
  'GET /api/v1/rotations/absences': { allow: SIGNED_IN, query: (fx) => `unitId=${fx.a.unitId}`, outside: { query: (fx) => `unitId=${fx.b.unitId}` }, emptyOutside: (body) => (body as unknown[]).length === 0 },
  'POST /api/v1/rotations/absences': { allow: ['residente', ...PEOPLE_MANAGERS], body: (fx) => vacation(fx.a), outside: { body: (fx) => vacation(fx.b) } },
  'POST /api/v1/rotations/absences/:id/decision': { allow: PEOPLE_MANAGERS, id: (fx) => fx.a.absenceId, body: () => ({ status: 'aprobada', version: STALE }), outside: { id: (fx) => fx.b.absenceId } },

  // Validating writes only the batch; out of scope every row comes back as an error, for the centre B's row is accepted.
  'POST /api/v1/imports/:kind': {
    allow: PEOPLE_MANAGERS,
    params: { kind: 'residents' },
    file: (fx) => residentFile(fx.a.clues),
    outside: { file: (fx) => residentFile(fx.b.clues) },
    emptyOutside: (body) => {
      const { summary } = body as { summary: { create: number; update: number } };
      return summary.create + summary.update === 0;
    },
  },
  'GET /api/v1/imports/batches/:id': batch,
  'GET /api/v1/imports/batches/:id/progress': batch,
  // Each manager's own batch has a row error, so applying it is refused (409) and nothing is written.
  'POST /api/v1/imports/batches/:id/commit': batch,
  'GET /api/v1/imports/batches/:id/errors.xlsx': batch,
};
