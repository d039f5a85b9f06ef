import { caseUpdate, codeInput, followInput, followMessage, idParam, reportInput } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { caseQuery, getCase, listCases, updateCase } from './conduct-cases-service.ts';
import { acknowledgeCode, listCodes, publishCode } from './conduct-codes-service.ts';
import { addReporterMessage, fileReport, followReport, myReports } from './conduct-reports-service.ts';

/** The safe reporting channel (optionally anonymous), the ethics committee's cases, and the codes of conduct. */
export async function conductRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wellbeing'];
  // Token routes need no session, so a reporter can follow from any device; throttled against guessing.
  const followConfig = { public: true, rateLimit: { max: 20, timeWindow: 60_000 } };
  r.post('/wellbeing/conduct/reports', { schema: { tags, summary: 'Reportar maltrato, acoso, guardias de castigo u otra conducta (anónimo o identificado)', body: reportInput } }, async (req, reply) =>
    reply.status(201).send(await fileReport(ctxOf(req), req.body)),
  );
  r.get('/wellbeing/conduct/reports/mine', { schema: { tags, summary: 'Mis reportes identificados' } }, async (req) => myReports(ctxOf(req)));
  r.post('/wellbeing/conduct/follow', { schema: { tags, summary: 'Seguimiento de un reporte anónimo con su clave', body: followInput }, config: followConfig }, async (req) => followReport(req.server.db, req.body.token));
  r.post('/wellbeing/conduct/follow/messages', { schema: { tags, summary: 'Responder al comité desde un reporte anónimo', body: followMessage }, config: followConfig }, async (req) =>
    addReporterMessage(req.server.db, req.body.token, req.body.body),
  );
  r.get('/wellbeing/conduct/cases', { schema: { tags, summary: 'Casos del comité de ética', querystring: caseQuery } }, async (req) => listCases(ctxOf(req), req.query));
  r.get('/wellbeing/conduct/cases/:id', { schema: { tags, summary: 'Detalle de un caso (lectura auditada)', params: idParam } }, async (req) => getCase(ctxOf(req), req.params.id));
  r.post('/wellbeing/conduct/cases/:id', { schema: { tags, summary: 'Cambiar el estado de un caso o agregar una nota', params: idParam, body: caseUpdate } }, async (req) => updateCase(ctxOf(req), req.params.id, req.body));
  r.get('/wellbeing/conduct/codes', { schema: { tags, summary: 'Códigos de conducta y ética publicados' } }, async (req) => listCodes(ctxOf(req)));
  r.post('/wellbeing/conduct/codes', { schema: { tags, summary: 'Publicar una edición de un código', body: codeInput } }, async (req, reply) => reply.status(201).send(await publishCode(ctxOf(req), req.body)));
  r.post('/wellbeing/conduct/codes/:id/acknowledge', { schema: { tags, summary: 'Registrar que leí el código', params: idParam } }, async (req, reply) =>
    reply.status(201).send(await acknowledgeCode(ctxOf(req), req.params.id)),
  );
}
