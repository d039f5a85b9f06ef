import { GUARD_MANAGERS, PEOPLE_MANAGERS, SIGNED_IN, STALE, type Fixtures, type Table } from './table.ts';
import type { Place } from '../support/authz-fixtures.ts';

const generate = (p: Place) => ({ unitId: p.unitId, serviceIds: [STALE], month: '2026-04', coverage: { weekday: {}, weekend: {}, holiday: {} } });
const override = (p: Place) => ({ unitId: p.unitId, effectiveFrom: '2026-03-01', params: { maxGuardsPerWeek: 9 } });
type Row = { rosterId?: number; residentId?: number };
const rows = (body: unknown) => body as Row[];
/** Aims a roster route at each place's published roster (or its draft). */
const published = { id: (fx: Fixtures) => fx.a.rosterId, outside: { id: (fx: Fixtures) => fx.b.rosterId } };
const draft = { id: (fx: Fixtures) => fx.a.draftRosterId, outside: { id: (fx: Fixtures) => fx.b.draftRosterId } };

/**
 * Guardia rosters, their generation jobs, swaps, rule overrides, exports and day-off requests.
 * Each place has a published April roster of its service and a draft revision of it; edits and
 * publications of the published one, and a revision of the draft, are refused after
 * authorisation (409), so the rosters stay as they are for the next cell.
 */
export const GUARDS: Table = {
  'GET /api/v1/guards/calendar': { allow: SIGNED_IN, query: () => 'year=2026' },
  'POST /api/v1/guards/rosters/generate': { allow: GUARD_MANAGERS, body: (fx) => generate(fx.a), outside: { body: (fx) => generate(fx.b) } },
  // A job is its author's alone: each caller reads their own; someone else's is hidden even from the centre.
  'GET /api/v1/guards/jobs/:id': { allow: SIGNED_IN, id: (fx, caller) => fx.own.jobs[caller] ?? fx.others.jobId, outside: { id: (fx) => fx.others.jobId }, outsideAllow: [] },
  'GET /api/v1/guards/my': { allow: SIGNED_IN },
  'POST /api/v1/guards/rosters/:id/revise': { allow: GUARD_MANAGERS, ...draft },
  // Managers name a roster of their scope; anyone else gets their own requests, never B's.
  'GET /api/v1/guards/swaps': { allow: SIGNED_IN, query: (fx) => `rosterId=${fx.a.rosterId}`, outside: { query: (fx) => `rosterId=${fx.b.rosterId}` }, emptyOutside: (body, fx) => !rows(body).some((s) => s.rosterId === fx.b.rosterId) },
  // Only a resident of the roster asks; naming themselves as partner is refused after that check.
  'POST /api/v1/guards/swaps': { allow: ['residente'], body: (fx) => ({ rosterId: fx.a.rosterId, myDate: '2026-04-01', partnerResidentId: fx.a.residentId, partnerDate: '2026-04-05' }), outside: { body: (fx) => ({ rosterId: fx.b.rosterId, myDate: '2026-04-01', partnerResidentId: fx.b.residentId, partnerDate: '2026-04-05' }) } },
  'POST /api/v1/guards/swaps/:id/decision': { allow: GUARD_MANAGERS, id: (fx) => fx.a.swapId, body: () => ({ status: 'rechazado' }), outside: { id: (fx) => fx.b.swapId } },
  'GET /api/v1/me/notifications': { allow: SIGNED_IN },
  'GET /api/v1/guards/rule-sets': { allow: SIGNED_IN },
  // The rules bind a whole unit: its coordination and above set them, not the jefe of one service.
  'POST /api/v1/guards/rule-overrides': { allow: PEOPLE_MANAGERS, body: (fx) => override(fx.a), outside: { body: (fx) => override(fx.b) } },
  'GET /api/v1/guards/rosters/:id/export.xlsx': { allow: GUARD_MANAGERS, ...published },
  'GET /api/v1/guards/rosters/:id/export.pdf': { allow: GUARD_MANAGERS, ...published },
  'GET /api/v1/guards/compliance': { allow: GUARD_MANAGERS, query: (fx) => `unitId=${fx.a.unitId}&month=2026-04`, outside: { query: (fx) => `unitId=${fx.b.unitId}&month=2026-04` } },
  'POST /api/v1/guards/my/calendar-link': { allow: SIGNED_IN },
  'GET /api/v1/guards/rosters': { allow: GUARD_MANAGERS, params: {}, query: (fx) => `unitId=${fx.a.unitId}`, outside: { query: (fx) => `unitId=${fx.b.unitId}` } },
  'GET /api/v1/guards/rosters/:id': { allow: GUARD_MANAGERS, ...published },
  'PATCH /api/v1/guards/rosters/:id': { allow: GUARD_MANAGERS, ...published, body: () => ({ assignments: [], revision: STALE }) },
  'POST /api/v1/guards/rosters/:id/publish': { allow: GUARD_MANAGERS, ...published, body: () => ({ revision: STALE }) },
  // Managers see the requests of residents rotating in a unit of their scope; anyone else their own, never B's.
  'GET /api/v1/guards/day-off-requests': { allow: SIGNED_IN, query: (fx) => `unitId=${fx.a.unitId}&month=2026-05`, outside: { query: (fx) => `unitId=${fx.b.unitId}&month=2026-05` }, emptyOutside: (body, fx) => !rows(body).some((r) => r.residentId === fx.b.residentId) },
  // A date outside the month: refused after authorisation, so nothing is written.
  'PUT /api/v1/guards/day-off-requests': { allow: ['residente', 'administrador'], body: () => ({ month: '2026-04', dates: ['2026-05-01'] }) },
};
