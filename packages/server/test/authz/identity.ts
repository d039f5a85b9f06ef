import { PASSWORD } from '../support/app.ts';
import { hospital } from '../support/catalog.ts';
import { ADMIN, CENTRE, EVERYONE, SEDE_MANAGERS, SIGNED_IN, STALE, type Table, UNIT_MANAGERS, catalogue, stale } from './table.ts';

/** Sessions, accounts, the audit log and the institution catalogue. */
export const IDENTITY: Table = {
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
};
