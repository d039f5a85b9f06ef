import { GUARD_MANAGERS, PEOPLE_MANAGERS, SIGNED_IN, STALE, type Table } from './table.ts';
import type { Place } from '../support/authz-fixtures.ts';

const generate = (p: Place) => ({ unitId: p.unitId, serviceIds: [STALE], month: '2026-04', coverage: { weekday: {}, weekend: {}, holiday: {} } });
const override = (p: Place) => ({ unitId: p.unitId, effectiveFrom: '2026-03-01', params: { maxGuardsPerWeek: 9 } });

/** Guardia rosters, their generation jobs, swaps, rule overrides, exports and day-off requests. */
export const GUARDS: Table = {
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
  // The rules bind a whole unit: its coordination and above set them, not the jefe of one service.
  'POST /api/v1/guards/rule-overrides': { allow: PEOPLE_MANAGERS, body: (fx) => override(fx.a), outside: { body: (fx) => override(fx.b) } },
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
};
