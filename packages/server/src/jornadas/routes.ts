import { aggregateInput, backlogInput, backlogQuery, bedsInput, idParam, jornadaInput, jornadaPlanInput, planUploadQuery } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { MAX_UPLOAD_BYTES } from '../imports/parse.ts';
import { backlogReport, bedsReport, putBacklog, putBeds } from './backlog-service.ts';
import { putUnitCount } from './counts-service.ts';
import { jornadaPdf, jornadaXlsx } from './exports.ts';
import { jornadaParticipants } from './participants-service.ts';
import { putPlan, uploadPlan } from './plan-service.ts';
import { cumulativeReport, jornadaReport } from './report-service.ts';
import { createJornada, getJornada, listJornadas } from './service.ts';

const FILE_TYPES = ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** Jornadas Nacionales: the event, plans per unit, units' own counts, reports and exports. */
export async function jornadaRoutes(app: FastifyInstance) {
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jornadas'];
  r.get('/jornadas', { schema: { tags, summary: 'Jornadas Nacionales (recientes primero)', querystring: z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }) } }, async (req) => listJornadas(ctxOf(req), req.query));
  r.post('/jornadas', { schema: { tags, summary: 'Crear una Jornada Nacional', body: jornadaInput } }, async (req, reply) => reply.status(201).send(await createJornada(ctxOf(req), req.body)));
  r.get('/jornadas/backlog', { schema: { tags, summary: 'Listas de espera en el tiempo y su reducción atribuible a cada Jornada', querystring: backlogQuery } }, async (req) => backlogReport(ctxOf(req), req.query));
  r.post('/jornadas/backlog', { schema: { tags, summary: 'Registrar la lista de espera de un servicio en una fecha', body: backlogInput } }, async (req) => putBacklog(ctxOf(req), req.body));
  r.get('/jornadas/beds', { schema: { tags, summary: 'Camas ordinarias y reconvertidas en el tiempo; camas devueltas a uso ordinario' } }, async (req) => bedsReport(ctxOf(req)));
  r.post('/jornadas/beds', { schema: { tags, summary: 'Registrar las camas de una unidad en una fecha', body: bedsInput } }, async (req) => putBeds(ctxOf(req), req.body));
  r.get('/jornadas/cumulative', { schema: { tags, summary: 'Acumulado por Jornada y categoría' } }, async (req) => cumulativeReport(ctxOf(req)));
  r.get('/jornadas/:id', { schema: { tags, summary: 'Una Jornada', params: idParam } }, async (req) => getJornada(ctxOf(req), req.params.id));
  r.put('/jornadas/:id/plan', { schema: { tags, summary: 'Guardar el plan por unidad y categoría', params: idParam, body: jornadaPlanInput } }, async (req) => putPlan(ctxOf(req), req.params.id, req.body.rows, req.body.version));
  r.post('/jornadas/:id/plan/upload', { bodyLimit: MAX_UPLOAD_BYTES, schema: { tags, summary: 'Cargar el plan desde xlsx o CSV (CLUES, Categoría, Planeado); todo o nada', params: idParam, querystring: planUploadQuery } }, async (req) =>
    uploadPlan(ctxOf(req), req.params.id, req.body, decodeURIComponent((req.headers['x-file-name'] as string | undefined) ?? 'plan.xlsx'), req.query.version),
  );
  r.post('/jornadas/:id/unit-counts', { schema: { tags, summary: 'Captura directa de la unidad (trabajo no realizado por residentes)', params: idParam, body: aggregateInput } }, async (req) => putUnitCount(ctxOf(req), req.params.id, req.body));
  r.get('/jornadas/:id/report', { schema: { tags, summary: 'Planeado contra realizado por categoría, OOAD y UMAE; ranking; por día', params: idParam } }, async (req) => jornadaReport(ctxOf(req), req.params.id));
  r.get('/jornadas/:id/participants', { schema: { tags, summary: 'Residentes que participaron (dentro de su ámbito)', params: idParam } }, async (req) => jornadaParticipants(ctxOf(req), req.params.id));
  r.get('/jornadas/:id/report.xlsx', { schema: { tags, summary: 'Reporte de la Jornada en Excel', params: idParam } }, async (req, reply) => jornadaXlsx(ctxOf(req), reply, req.params.id));
  r.get('/jornadas/:id/report.pdf', { schema: { tags, summary: 'Reporte de la Jornada en PDF', params: idParam } }, async (req, reply) => jornadaPdf(ctxOf(req), reply, req.params.id));
}
