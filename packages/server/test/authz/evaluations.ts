import { CENTRE, EVALUATION_MANAGERS, MENTORS, RESIDENT_FILE, SIGNED_IN, STALE, type Table } from './table.ts';
import { type Caller, USERNAMES, type Place } from '../support/authz-fixtures.ts';

/** Nursing evaluators are registered at a unit, so only those who manage the whole unit register and end them. */
const NURSE_REGISTRARS: Caller[] = ['coordinador_educacion', 'coordinador_ooad', ...CENTRE];
const assignment = (p: Place) => ({ residentId: p.residentId, cycleId: p.cycleId, period: 1, templateId: STALE, evaluatorKind: 'autoevaluacion' });

/** Competencies and templates, evaluations, promotion decisions, theses and follow-up. */
export const EVALUATIONS: Table = {
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
  'GET /api/v1/evaluations/unit-evaluators': { allow: NURSE_REGISTRARS, query: (fx) => `unitId=${fx.a.unitId}`, outside: { query: (fx) => `unitId=${fx.b.unitId}` } },
  'POST /api/v1/evaluations/unit-evaluators': { allow: NURSE_REGISTRARS, body: (fx) => ({ unitId: fx.a.unitId, username: USERNAMES.residente, displayName: 'Matriz', password: 'contraseña-matriz-1' }), outside: { body: (fx) => ({ unitId: fx.b.unitId, username: USERNAMES.residente, displayName: 'Matriz', password: 'contraseña-matriz-1' }) } },
  'POST /api/v1/evaluations/unit-evaluators/:id/end': { allow: NURSE_REGISTRARS, id: (fx) => fx.a.unitEvaluatorId, body: () => ({ version: STALE }), outside: { id: (fx) => fx.b.unitEvaluatorId } },
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
};
