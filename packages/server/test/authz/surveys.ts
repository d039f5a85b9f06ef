import { CENTRE, SURVEY_ANSWERERS, SURVEY_READERS, STALE, type Table } from './table.ts';

type Results = { groups: unknown[] };
/** A suppressed point carries no count, so only a count of responses shows anything of B. */
type Trends = { points: { responses: number | null }[] };

/**
 * Survey design, campaigns, anonymous answers and suppressed results. The centre builds and
 * opens campaigns; residents and teachers answer what is addressed to them; coordinators and the
 * centre read results, each table cut to the reader's scope (so out of scope the answer is empty,
 * not refused). Each place has an open campaign for its sede's residents and a closed one with
 * five answers from the sede. A teacher's own results are relational (none here).
 */
export const SURVEYS: Table = {
  'POST /api/v1/surveys': { allow: CENTRE, body: () => ({ title: 'Encuesta (matriz)', questions: [{ kind: 'text', text: 'Comentarios' }] }) },
  'GET /api/v1/surveys': { allow: SURVEY_READERS },
  'GET /api/v1/surveys/:id': { allow: SURVEY_READERS, id: (fx) => fx.ids.survey },
  'GET /api/v1/surveys/:id/trends': {
    allow: SURVEY_READERS,
    id: (fx) => fx.ids.survey,
    query: (fx) => `sedeId=${fx.a.sedeId}`,
    outside: { query: (fx) => `sedeId=${fx.b.sedeId}` },
    emptyOutside: (body) => (body as Trends).points.every((p) => !p.responses),
  },
  'POST /api/v1/surveys/campaigns': { allow: CENTRE, body: (fx) => ({ surveyId: STALE, cycleId: fx.ids.cycles, audience: 'residentes', opensOn: '2026-03-01', closesOn: '2026-04-01' }) },
  // A stale version: the open campaign stays open for the next cell.
  'POST /api/v1/surveys/campaigns/:id/close': { allow: CENTRE, id: (fx) => fx.a.campaignId, body: () => ({ version: STALE }), outside: { id: (fx) => fx.b.campaignId } },
  'GET /api/v1/surveys/campaigns/mine': { allow: SURVEY_ANSWERERS },
  // A sede's campaign is addressed to its residents only; the teachers of the sede are not its audience.
  'GET /api/v1/surveys/campaigns/:id/form': { allow: ['residente'], id: (fx) => fx.a.campaignId, outside: { id: (fx) => fx.b.campaignId } },
  // Leaving the required question unanswered is refused after the audience check.
  'POST /api/v1/surveys/campaigns/:id/responses': { allow: ['residente'], id: (fx) => fx.a.campaignId, body: () => ({ answers: [] }), outside: { id: (fx) => fx.b.campaignId } },
  'GET /api/v1/surveys/campaigns/:id/results': { allow: SURVEY_READERS, id: (fx) => fx.a.closedCampaignId, outside: { id: (fx) => fx.b.closedCampaignId }, emptyOutside: (body) => (body as Results).groups.length === 0 },
  'GET /api/v1/surveys/teaching/mine': { allow: ['profesor_titular', 'profesor_adjunto', 'tutor'] },
};
