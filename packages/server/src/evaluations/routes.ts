import { assignmentInput, competencyInput, decisionInput, evaluationInput, id, idParam, templateInput, thesisInput, unitEvaluatorInput, versioned } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { boletaPdf, boletaQuery } from './boleta.ts';
import { createCompetency, createTemplate, listCompetencies, listTemplates } from './catalog-service.ts';
import { committeeView, decide } from './committee-service.ts';
import { acknowledgeEvaluation, assignedToMe, assignEvaluation, getEvaluation, myEvaluations, submitEvaluation } from './evaluations-service.ts';
import { getThesis, saveThesis } from './thesis-service.ts';
import { endUnitEvaluator, listUnitEvaluators, registerUnitEvaluator } from './unit-evaluators-service.ts';

const page = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) });
const residentParam = z.object({ residentId: id });

/** Competency-based evaluation: catalogue, quarterly assignments, rubric forms, acknowledgement, boleta, committee, thesis. */
export async function evaluationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['evaluations'];
  r.get('/evaluations/competencies', { schema: { tags, summary: 'Competencias (transversales y de especialidad)' } }, async (req) => listCompetencies(ctxOf(req)));
  r.post('/evaluations/competencies', { schema: { tags, summary: 'Agregar una competencia', body: competencyInput } }, async (req, reply) => reply.status(201).send(await createCompetency(ctxOf(req), req.body)));
  r.get('/evaluations/templates', { schema: { tags, summary: 'Plantillas de evaluación con su rúbrica' } }, async (req) => listTemplates(ctxOf(req)));
  r.post('/evaluations/templates', { schema: { tags, summary: 'Crear una plantilla con reactivos y niveles', body: templateInput } }, async (req, reply) => reply.status(201).send(await createTemplate(ctxOf(req), req.body)));
  r.post('/evaluations', { schema: { tags, summary: 'Asignar un evaluador a un residente en un trimestre', body: assignmentInput } }, async (req, reply) => reply.status(201).send(await assignEvaluation(ctxOf(req), req.body)));
  r.get('/evaluations/assigned', { schema: { tags, summary: 'Evaluaciones que me toca llenar', querystring: page } }, async (req) => assignedToMe(ctxOf(req), req.query));
  r.get('/evaluations/mine', { schema: { tags, summary: 'Mis evaluaciones (residente)' } }, async (req) => myEvaluations(ctxOf(req)));
  r.get('/evaluations/boleta.pdf', { schema: { tags, summary: 'Boleta de calificaciones en PDF', querystring: boletaQuery } }, async (req, reply) => boletaPdf(ctxOf(req), reply, req.query));
  r.get('/evaluations/committee', { schema: { tags, summary: 'Comité de promoción: residentes de una sede en un ciclo', querystring: z.object({ sedeId: id, cycleId: id }) } }, async (req) =>
    committeeView(ctxOf(req), req.query.sedeId, req.query.cycleId),
  );
  r.post('/evaluations/decisions', { schema: { tags, summary: 'Registrar la decisión del comité (promueve, repite, plan remedial)', body: decisionInput.extend({ version: z.number().int().nonnegative().optional() }) } }, async (req) => decide(ctxOf(req), req.body));
  r.get('/evaluations/unit-evaluators', { schema: { tags, summary: 'Personal de enfermería registrado como evaluador en una unidad', querystring: z.object({ unitId: id }) } }, async (req) => listUnitEvaluators(ctxOf(req), req.query.unitId));
  r.post('/evaluations/unit-evaluators', { schema: { tags, summary: 'Registrar personal de enfermería evaluador (cuenta sin rol)', body: unitEvaluatorInput } }, async (req, reply) => reply.status(201).send(await registerUnitEvaluator(ctxOf(req), req.body)));
  r.post('/evaluations/unit-evaluators/:id/end', { schema: { tags, summary: 'Dar de baja a un evaluador de enfermería', params: idParam, body: versioned } }, async (req) => endUnitEvaluator(ctxOf(req), req.params.id, req.body.version));
  r.get('/evaluations/theses/:residentId', { schema: { tags, summary: 'Tesis o proyecto de investigación del residente', params: residentParam } }, async (req) => getThesis(ctxOf(req), req.params.residentId));
  r.post('/evaluations/theses/:residentId', { schema: { tags, summary: 'Registrar o actualizar la tesis', params: residentParam, body: thesisInput } }, async (req) => saveThesis(ctxOf(req), req.params.residentId, req.body));
  r.get('/evaluations/:id', { schema: { tags, summary: 'Una evaluación con su rúbrica', params: idParam } }, async (req) => getEvaluation(ctxOf(req), req.params.id));
  r.patch('/evaluations/:id', { schema: { tags, summary: 'Llenar o corregir la evaluación (antes de que el residente firme de enterado)', params: idParam, body: evaluationInput } }, async (req) => submitEvaluation(ctxOf(req), req.params.id, req.body));
  r.post('/evaluations/:id/acknowledge', { schema: { tags, summary: 'Firmar de enterado (residente)', params: idParam, body: versioned } }, async (req) => acknowledgeEvaluation(ctxOf(req), req.params.id, req.body.version));
}
