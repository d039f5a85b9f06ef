import { feedbackInput, id, idParam, actionPlanInput, planUpdate, sessionInput } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { addFeedback, addPlan, addSession, followUp, myFollowUp, sendPlanReminders, updatePlan } from './tutoring-service.ts';

const residentParam = z.object({ residentId: id });
const SIX_HOURS = 6 * 60 * 60 * 1000;

/** Tutoring sessions, continuous feedback and action plans, with reminders sent on a timer. */
export async function tutoringRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['evaluations'];
  r.get('/evaluations/follow-up/mine', { schema: { tags, summary: 'Mi seguimiento (residente)' } }, async (req) => myFollowUp(ctxOf(req)));
  r.get('/evaluations/residents/:residentId/follow-up', { schema: { tags, summary: 'Tutorías, retroalimentación y planes de acción de un residente', params: residentParam } }, async (req) => followUp(ctxOf(req), req.params.residentId));
  r.post('/evaluations/residents/:residentId/sessions', { schema: { tags, summary: 'Registrar una sesión de tutoría', params: residentParam, body: sessionInput } }, async (req, reply) => reply.status(201).send(await addSession(ctxOf(req), req.params.residentId, req.body)));
  r.post('/evaluations/residents/:residentId/feedback', { schema: { tags, summary: 'Dejar retroalimentación', params: residentParam, body: feedbackInput } }, async (req, reply) => reply.status(201).send(await addFeedback(ctxOf(req), req.params.residentId, req.body)));
  r.post('/evaluations/residents/:residentId/plans', { schema: { tags, summary: 'Acordar un plan de acción con fecha', params: residentParam, body: actionPlanInput } }, async (req, reply) => reply.status(201).send(await addPlan(ctxOf(req), req.params.residentId, req.body)));
  r.post('/evaluations/plans/:id', { schema: { tags, summary: 'Cerrar o reabrir un plan de acción', params: idParam, body: planUpdate } }, async (req) => updatePlan(ctxOf(req), req.params.id, req.body));

  // First pass a minute after start, then every six hours; each plan is reminded only once.
  const timers: NodeJS.Timeout[] = [];
  const remind = () => void sendPlanReminders(app.db, new Date().toISOString().slice(0, 10)).catch((e) => app.log.error(e, 'plan reminders'));
  app.addHook('onReady', async () => {
    timers.push(setTimeout(remind, 60_000).unref(), setInterval(remind, SIX_HOURS).unref());
  });
  app.addHook('onClose', async () => timers.forEach((t) => clearTimeout(t)));
}
