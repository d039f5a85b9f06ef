import { activityInput, activityQuery, activityUpdate, codeQuery, idParam, reviewInput, syncBatch } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { sendXlsx } from '../lib/xlsx.ts';
import { codeVersionsRoutes } from './codes-routes.ts';
import { searchCodes } from './codes-service.ts';
import { entryContext } from './context-service.ts';
import { exportRecords, getRecord, listRecords } from './list-service.ts';
import { progressRoutes } from './progress-routes.ts';
import { requirementsRoutes } from './requirements-routes.ts';
import { createRecord, reviewRecord, syncRecords, updateRecord } from './records-service.ts';
import { ACTIVITY_XLSX } from './xlsx-columns.ts';

/** The clinical activity log: entries, offline sync, review by professors, code search, progress. */
export async function activityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activity'];
  r.get('/activity/records', { schema: { tags, summary: 'Bitácora de actividad clínica (filtrada por ámbito, paginada por cursor)', querystring: activityQuery } }, async (req) => listRecords(ctxOf(req), req.query));
  r.get('/activity/records/export.xlsx', { schema: { tags, summary: 'Bitácora en Excel', querystring: activityQuery } }, async (req, reply) =>
    sendXlsx(reply, 'Bitacora-actividad', 'Actividad', ACTIVITY_XLSX, exportRecords(ctxOf(req), req.query)),
  );
  r.get('/activity/records/:id', { schema: { tags, summary: 'Una entrada de la bitácora', params: idParam } }, async (req) => getRecord(ctxOf(req), req.params.id));
  r.post('/activity/records', { schema: { tags, summary: 'Registrar actividad clínica', body: activityInput } }, async (req, reply) => reply.status(201).send(await createRecord(ctxOf(req), req.body)));
  r.patch('/activity/records/:id', { schema: { tags, summary: 'Corregir una entrada no verificada', params: idParam, body: activityUpdate } }, async (req) => updateRecord(ctxOf(req), req.params.id, req.body));
  r.post('/activity/records/:id/review', { schema: { tags, summary: 'Verificar o devolver una entrada (profesor de la sede)', params: idParam, body: reviewInput } }, async (req) => reviewRecord(ctxOf(req), req.params.id, req.body));
  r.post('/activity/sync', { schema: { tags, summary: 'Sincronizar entradas capturadas sin conexión (idempotente por clave)', body: syncBatch } }, async (req) => ({ results: await syncRecords(ctxOf(req), req.body.entries) }));
  r.get('/activity/context', { schema: { tags, summary: 'Datos para capturar: residente, sede y profesores que pueden supervisar', querystring: z.object({ residentId: z.coerce.number().int().positive().optional() }) } }, async (req) =>
    entryContext(ctxOf(req), req.query.residentId),
  );
  r.get('/activity/codes', { schema: { tags, summary: 'Buscar códigos CIE-10 o CIE-9-MC por código o texto', querystring: codeQuery } }, async (req) => searchCodes(ctxOf(req), req.query));
  await app.register(codeVersionsRoutes);
  await app.register(progressRoutes);
  await app.register(requirementsRoutes);
}
