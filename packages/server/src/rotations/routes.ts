import { absenceDecision, absenceInput, idParam, mexicanRestDays, rotationInput, serviceInput, versioned, id } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { resourceRoutes } from '../catalog/crud-routes.ts';
import { ctxOf } from '../http/context.ts';
import { listFieldRotationRules } from './field-rules.ts';
import { absenceQuery, decideAbsence, listAbsences, requestAbsence } from './absences-service.ts';
import { copyInput, copyPlanForward, planXlsx } from './plan-copy.ts';
import { createRotation, deleteRotation, unitPlan, updateRotation } from './rotations-service.ts';
import { serviceQuery, serviceResource } from './services.ts';

/** Clinical services, rotation blocks, the annual plan, absences, and the official rest-day calendar. */
export async function rotationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rotations'];
  resourceRoutes(app, '/rotations/services', serviceResource, { input: serviceInput, query: serviceQuery, tag: 'rotations', noun: 'servicios clínicos' });
  r.get('/rotations/plan', { schema: { tags, summary: 'Plan anual de rotaciones de una unidad (residentes × meses) con sus incumplimientos', querystring: z.object({ unitId: id, cycleId: id }) } }, async (req) =>
    unitPlan(ctxOf(req), req.query.unitId, req.query.cycleId),
  );
  r.get('/rotations/plan/export.xlsx', { schema: { tags, summary: 'Plan anual en Excel', querystring: z.object({ unitId: id, cycleId: id }) } }, async (req, reply) =>
    planXlsx(ctxOf(req), reply, req.query.unitId, req.query.cycleId),
  );
  r.get('/rotations/field-rules', { schema: { tags, summary: 'Requisitos de rotación de campo por fecha de vigencia' } }, async (req) => listFieldRotationRules(ctxOf(req)));
  r.post('/rotations/plan/copy', { schema: { tags, summary: 'Copiar el plan del ciclo anterior (por grado)', body: copyInput } }, async (req) => copyPlanForward(ctxOf(req), req.body));
  r.post('/rotations', { schema: { tags, summary: 'Programar una rotación', body: rotationInput } }, async (req, reply) => reply.status(201).send(await createRotation(ctxOf(req), req.body)));
  r.patch('/rotations/:id', { schema: { tags, summary: 'Modificar una rotación', params: idParam, body: rotationInput.and(versioned) } }, async (req) => updateRotation(ctxOf(req), req.params.id, req.body));
  r.delete('/rotations/:id', { schema: { tags, summary: 'Eliminar una rotación', params: idParam } }, async (req, reply) => {
    await deleteRotation(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
  r.get('/rotations/absences', { schema: { tags, summary: 'Ausencias (vacaciones, licencias)', querystring: absenceQuery } }, async (req) => listAbsences(ctxOf(req), req.query));
  r.post('/rotations/absences', { schema: { tags, summary: 'Solicitar una ausencia', body: absenceInput } }, async (req, reply) => reply.status(201).send(await requestAbsence(ctxOf(req), req.body)));
  r.post('/rotations/absences/:id/decision', { schema: { tags, summary: 'Aprobar o rechazar una ausencia', params: idParam, body: absenceDecision } }, async (req) => decideAbsence(ctxOf(req), req.params.id, req.body));
  r.get('/guards/calendar', { schema: { tags: ['guards'], summary: 'Días de descanso obligatorio (LFT art. 74) de un año', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) } }, async (req) => {
    ctxOf(req);
    return { year: req.query.year, days: mexicanRestDays(req.query.year) };
  });
}
