import { CENTRE, EVERYONE, SIGNED_IN, STALE, type Table } from './table.ts';

/** Self-screening, the liaison's alerts, aggregates, and the conduct channel. */
export const WELLBEING: Table = {
  // Wellbeing: residents screen themselves; individual results are relational (self, the liaison
  // of the OOAD where the person raised an alert, the tutor as the person allows). Each place's
  // resident has raised a PHQ-9 alert, so A's liaison reads A's resident and no one else's.
  'GET /api/v1/wellbeing/instruments': { allow: SIGNED_IN },
  'GET /api/v1/wellbeing/me': { allow: ['residente'] },
  'POST /api/v1/wellbeing/screenings': { allow: ['residente'], body: () => ({ instrument: 'phq9', answers: [0] }) },
  'POST /api/v1/wellbeing/sharing': { allow: ['residente'], body: () => ({ tutorSees: 'nada', version: STALE }) },
  'GET /api/v1/wellbeing/persons/:id': { allow: ['residente', 'enlace_salud_mental'], id: (fx) => fx.a.residentPersonId, outside: { id: (fx) => fx.b.residentPersonId }, auditsRefusals: true },
  'GET /api/v1/wellbeing/alerts': { allow: ['enlace_salud_mental'] },
  // Out of scope an alert is hidden (404); within it, a stale version is refused after the scope check.
  'POST /api/v1/wellbeing/alerts/:id': { allow: ['enlace_salud_mental'], id: (fx) => fx.a.alertId, body: () => ({ status: 'cerrada', version: STALE }), outside: { id: (fx) => fx.b.alertId } },
  'GET /api/v1/wellbeing/aggregates': { allow: ['coordinador_educacion', 'coordinador_ooad', 'nivel_central', 'enlace_salud_mental', 'administrador'] },
  // Conduct channel: anyone signed in reports and reads the codes; the anonymous follow-up needs
  // only the token; cases belong to the ethics committee. A report may name any unit (residents
  // rotate), so it has no outside; a missing unit is refused after the session check. The first
  // publisher creates the edition, the next one meets the duplicate; the codes are national.
  'POST /api/v1/wellbeing/conduct/reports': { allow: SIGNED_IN, body: () => ({ category: 'maltrato', description: 'Descripción suficientemente larga del hecho.', unitId: STALE, anonymous: true }) },
  'GET /api/v1/wellbeing/conduct/reports/mine': { allow: SIGNED_IN },
  'POST /api/v1/wellbeing/conduct/follow': { allow: EVERYONE, body: () => ({ token: 'x'.repeat(32) }) },
  'POST /api/v1/wellbeing/conduct/follow/messages': { allow: EVERYONE, body: () => ({ token: 'x'.repeat(32), body: 'Hola' }) },
  'GET /api/v1/wellbeing/conduct/cases': { allow: ['comite_etica'] },
  'GET /api/v1/wellbeing/conduct/cases/:id': { allow: ['comite_etica'], id: (fx) => fx.a.caseId, outside: { id: (fx) => fx.b.caseId } },
  'POST /api/v1/wellbeing/conduct/cases/:id': { allow: ['comite_etica'], id: (fx) => fx.a.caseId, body: () => ({ status: 'en_revision', version: STALE }), outside: { id: (fx) => fx.b.caseId } },
  'GET /api/v1/wellbeing/conduct/codes': { allow: SIGNED_IN },
  'POST /api/v1/wellbeing/conduct/codes': { allow: CENTRE, body: () => ({ code: 'etica', edition: 'matriz', title: 'Código de Ética', body: 'Texto.', publishedOn: '2026-01-01' }) },
  'POST /api/v1/wellbeing/conduct/codes/:id/acknowledge': { allow: SIGNED_IN, id: (fx) => fx.ids.conductCode },
};
