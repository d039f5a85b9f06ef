import { CRISIS_RESOURCES, INSTRUMENTS, aggregateQuery, alertUpdate, idParam, screeningInput, sharingInput } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { wellbeingAggregate } from './aggregates-service.ts';
import { alertQuery, listAlerts, updateAlert } from './alerts-service.ts';
import { personWellbeing } from './person-view-service.ts';
import { scheduleScreeningReminders } from './reminder-schedule.ts';
import { myWellbeing, setSharing, submitScreening } from './screenings-service.ts';

/** Self-screening (PHQ-9, GAD-7) with quarterly reminders, confidential alerts for the mental-health liaison, and suppressed aggregates. */
export async function wellbeingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wellbeing'];
  r.get('/wellbeing/instruments', { schema: { tags, summary: 'Cuestionarios de autoevaluación (PHQ-9, GAD-7) y líneas de apoyo en crisis' } }, async (req) => {
    ctxOf(req);
    return { instruments: Object.values(INSTRUMENTS), crisisResources: CRISIS_RESOURCES };
  });
  r.get('/wellbeing/me', { schema: { tags, summary: 'Mis autoevaluaciones, próximas fechas y lo que ve mi tutor' } }, async (req) => myWellbeing(ctxOf(req)));
  r.post('/wellbeing/screenings', { schema: { tags, summary: 'Responder un cuestionario de autoevaluación', body: screeningInput } }, async (req, reply) =>
    reply.status(201).send(await submitScreening(ctxOf(req), req.body)),
  );
  r.post('/wellbeing/sharing', { schema: { tags, summary: 'Decidir qué ve mi tutor de mis autoevaluaciones', body: sharingInput } }, async (req) =>
    setSharing(ctxOf(req), req.body),
  );
  r.get('/wellbeing/persons/:id', { schema: { tags, summary: 'Autoevaluaciones de una persona (lectura auditada)', params: idParam } }, async (req) => personWellbeing(ctxOf(req), req.params.id));
  r.get('/wellbeing/alerts', { schema: { tags, summary: 'Alertas confidenciales (enlace de salud mental)', querystring: alertQuery } }, async (req) => listAlerts(ctxOf(req), req.query));
  r.post('/wellbeing/alerts/:id', { schema: { tags, summary: 'Dar seguimiento a una alerta', params: idParam, body: alertUpdate } }, async (req) => updateAlert(ctxOf(req), req.params.id, req.body));
  r.get('/wellbeing/aggregates', { schema: { tags, summary: 'Distribución por nivel de severidad (solo grupos de 5 o más personas)', querystring: aggregateQuery } }, async (req) =>
    wellbeingAggregate(ctxOf(req), req.query),
  );
  scheduleScreeningReminders(app);
}
