import { idParam, id } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { JobRunner } from './jobs.ts';
import { myGuardsFor, rotateCalendarToken } from './my-guards-service.ts';
import { createOverride, listRuleSets, overrideInput } from './rules-service.ts';
import { complianceReport, rosterPdf, rosterXlsx } from './outputs.ts';
import { myNotifications, reviseRoster } from './changes-service.ts';
import { dayOffInput, dayOffQuery, listDayOffRequests, setDayOffRequests } from './day-off-service.ts';
import { editInput, editRoster, generateInput, getJob, listRosters, publishInput, publishRoster, requestGeneration, runRosterJob } from './rosters-service.ts';
import { rosterDetail } from './roster-detail.ts';
import { decideSwap, listSwaps, requestSwap, swapInput } from './swaps-service.ts';

/** Guardia rosters: generate in the background, check live, edit, publish. */
export async function guardRoutes(app: FastifyInstance) {
  const runner = new JobRunner(app.db, { roster: runRosterJob }, app.log);
  app.addHook('onClose', async () => runner.stop());
  // Jobs left queued by a previous process are picked up on start.
  app.addHook('onReady', async () => runner.start());
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['guards'];
  r.post('/guards/rosters/generate', { schema: { tags, summary: 'Generar un rol de guardias (trabajo en segundo plano)', body: generateInput } }, async (req, reply) =>
    reply.status(202).send(await requestGeneration(ctxOf(req), runner, req.body)),
  );
  r.get('/guards/jobs/:id', { schema: { tags, summary: 'Avance y resultado de un trabajo', params: idParam } }, async (req) => getJob(ctxOf(req), req.params.id));
  r.get('/guards/rosters', { schema: { tags, summary: 'Roles de guardia de una unidad', querystring: z.object({ unitId: id }) } }, async (req) => listRosters(ctxOf(req), req.query.unitId));
  r.get('/guards/rosters/:id', { schema: { tags, summary: 'Rol de guardias con su verificación de reglas y las guardias de sus residentes en otros roles publicados', params: idParam } }, async (req) => rosterDetail(ctxOf(req), req.params.id));
  r.patch('/guards/rosters/:id', { schema: { tags, summary: 'Editar un borrador de rol', params: idParam, body: editInput } }, async (req) => editRoster(ctxOf(req), req.params.id, req.body));
  r.post('/guards/rosters/:id/revise', { schema: { tags, summary: 'Crear una nueva versión (borrador) de un rol publicado', params: idParam } }, async (req, reply) => reply.status(201).send(await reviseRoster(ctxOf(req), req.params.id)));
  r.get('/guards/swaps', { schema: { tags, summary: 'Solicitudes de intercambio (de un rol, o las propias)', querystring: z.object({ rosterId: id.optional() }) } }, async (req) => listSwaps(ctxOf(req), req.query.rosterId));
  r.post('/guards/swaps', { schema: { tags, summary: 'Solicitar intercambio de guardia (residente)', body: swapInput } }, async (req, reply) => reply.status(201).send(await requestSwap(ctxOf(req), req.body)));
  r.post('/guards/swaps/:id/decision', { schema: { tags, summary: 'Aprobar o rechazar un intercambio (jefe de servicio)', params: idParam, body: z.object({ status: z.enum(['aprobado', 'rechazado']), reason: z.string().max(300).nullish() }) } }, async (req) =>
    decideSwap(ctxOf(req), req.params.id, req.body),
  );
  r.get('/me/notifications', { schema: { tags: ['access'], summary: 'Mis avisos' } }, async (req) => myNotifications(ctxOf(req)));
  r.get('/guards/rosters/:id/export.xlsx', { schema: { tags, summary: 'Rol de guardias en Excel', params: idParam } }, async (req, reply) => rosterXlsx(ctxOf(req), reply, req.params.id));
  r.get('/guards/rosters/:id/export.pdf', { schema: { tags, summary: 'Rol de guardias en PDF para publicar en el servicio', params: idParam } }, async (req, reply) => rosterPdf(ctxOf(req), reply, req.params.id));
  r.get('/guards/compliance', { schema: { tags, summary: 'Reporte mensual de cumplimiento de una unidad', querystring: z.object({ unitId: id, month: z.string().regex(/^\d{4}-\d{2}$/) }) } }, async (req) =>
    complianceReport(ctxOf(req), req.query.unitId, req.query.month),
  );
  r.get('/guards/rule-sets', { schema: { tags, summary: 'Normativas de guardias vigentes por fecha y ajustes institucionales' } }, async (req) => listRuleSets(ctxOf(req)));
  r.post('/guards/rule-overrides', { schema: { tags, summary: 'Endurecer un parámetro de la normativa (nacional, OOAD o unidad)', body: overrideInput } }, async (req, reply) => reply.status(201).send(await createOverride(ctxOf(req), req.body)));
  r.get('/guards/my', { schema: { tags, summary: 'Mis guardias y rotaciones' } }, async (req) => myGuardsFor(ctxOf(req)));
  r.post('/guards/my/calendar-link', { schema: { tags, summary: 'Crear o renovar mi enlace privado de calendario (.ics)' } }, async (req) => rotateCalendarToken(ctxOf(req)));
  r.post('/guards/rosters/:id/publish', { schema: { tags, summary: 'Publicar un rol sin incumplimientos (en la revisión revisada)', params: idParam, body: publishInput } }, async (req) => publishRoster(ctxOf(req), req.params.id, req.body));
  r.get('/guards/day-off-requests', { schema: { tags, summary: 'Días libres de guardia pedidos (de una unidad y mes, o los propios)', querystring: dayOffQuery } }, async (req) => listDayOffRequests(ctxOf(req), req.query));
  r.put('/guards/day-off-requests', { schema: { tags, summary: 'Pedir días libres de guardia en un mes (residente)', body: dayOffInput } }, async (req) => setDayOffRequests(ctxOf(req), req.body));
}
