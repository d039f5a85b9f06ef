import { CENTRE, SURVEY_ANSWERERS, SURVEY_READERS, STALE, type Table } from './table.ts';

/** Survey design, campaigns, anonymous answers and suppressed results. */
export const SURVEYS: Table = {
  // Surveys: the centre builds and opens campaigns; residents and teachers answer; coordinators
  // and the centre read suppressed results. A teacher's own results are relational (none here).
  'POST /api/v1/surveys': { allow: CENTRE, body: () => ({ title: 'Encuesta (matriz)', questions: [{ kind: 'text', text: 'Comentarios' }] }) },
  'GET /api/v1/surveys': { allow: SURVEY_READERS },
  'GET /api/v1/surveys/:id': { allow: SURVEY_READERS, id: () => STALE },
  'GET /api/v1/surveys/:id/trends': { allow: SURVEY_READERS, id: () => STALE },
  'POST /api/v1/surveys/campaigns': { allow: CENTRE, body: (fx) => ({ surveyId: STALE, cycleId: fx.ids.cycles, audience: 'residentes', opensOn: '2026-03-01', closesOn: '2026-04-01' }) },
  'POST /api/v1/surveys/campaigns/:id/close': { allow: CENTRE, id: () => STALE, body: () => ({ version: 0 }) },
  'GET /api/v1/surveys/campaigns/mine': { allow: SURVEY_ANSWERERS },
  'GET /api/v1/surveys/campaigns/:id/form': { allow: SURVEY_ANSWERERS, id: () => STALE },
  'POST /api/v1/surveys/campaigns/:id/responses': { allow: SURVEY_ANSWERERS, id: () => STALE, body: () => ({ answers: [] }) },
  'GET /api/v1/surveys/campaigns/:id/results': { allow: SURVEY_READERS, id: () => STALE },
  'GET /api/v1/surveys/teaching/mine': { allow: ['profesor_titular', 'profesor_adjunto', 'tutor'] },
};
