import { answerInput, campaignInput, closeCampaignInput, idParam, resultsQuery, surveyInput } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { closeCampaign } from './closing-service.ts';
import { campaignForm, myCampaigns, submitResponse } from './responses-service.ts';
import { campaignResults, surveyTrends } from './results-service.ts';
import { createCampaign, createSurvey, getSurvey, listSurveys, pageQuery } from './surveys-service.ts';
import { myTeachingResults } from './teaching-service.ts';

/** Survey builder, campaigns, anonymous answers, and suppressed results of closed campaigns by place and across cycles. */
export async function surveyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  r.post('/surveys', { schema: { tags, summary: 'Crear una encuesta con sus preguntas', body: surveyInput } }, async (req, reply) => reply.status(201).send(await createSurvey(ctxOf(req), req.body)));
  r.get('/surveys', { schema: { tags, summary: 'Encuestas', querystring: pageQuery } }, async (req) => listSurveys(ctxOf(req), req.query));
  r.get('/surveys/:id', { schema: { tags, summary: 'Una encuesta, sus preguntas y campañas', params: idParam } }, async (req) => getSurvey(ctxOf(req), req.params.id));
  r.get('/surveys/:id/trends', { schema: { tags, summary: 'Indicadores por ciclo (grupos de 5 o más)', params: idParam, querystring: resultsQuery } }, async (req) => surveyTrends(ctxOf(req), req.params.id, req.query));
  r.post('/surveys/campaigns', { schema: { tags, summary: 'Abrir una campaña por ciclo y audiencia', body: campaignInput } }, async (req, reply) => reply.status(201).send(await createCampaign(ctxOf(req), req.body)));
  r.post('/surveys/campaigns/:id/close', { schema: { tags, summary: 'Cerrar una campaña antes de su fecha para publicar sus resultados', params: idParam, body: closeCampaignInput } }, async (req) => closeCampaign(ctxOf(req), req.params.id, req.body));
  r.get('/surveys/campaigns/mine', { schema: { tags, summary: 'Encuestas abiertas para mí' } }, async (req) => myCampaigns(ctxOf(req)));
  r.get('/surveys/campaigns/:id/form', { schema: { tags, summary: 'Preguntas de una campaña para responder', params: idParam } }, async (req) => campaignForm(ctxOf(req), req.params.id));
  r.post('/surveys/campaigns/:id/responses', { schema: { tags, summary: 'Responder de forma anónima', params: idParam, body: answerInput } }, async (req, reply) =>
    reply.status(201).send(await submitResponse(ctxOf(req), req.params.id, req.body)),
  );
  r.get('/surveys/campaigns/:id/results', { schema: { tags, summary: 'Resultados por sede, especialidad, OOAD o nacional (grupos de 5 o más)', params: idParam, querystring: resultsQuery } }, async (req) =>
    campaignResults(ctxOf(req), req.params.id, req.query),
  );
  r.get('/surveys/teaching/mine', { schema: { tags, summary: 'Resultados agregados de mi evaluación docente' } }, async (req) => myTeachingResults(ctxOf(req)));
}
