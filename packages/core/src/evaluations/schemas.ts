import { z } from 'zod';
import { createUserInput } from '../access/schemas.ts';
import { id, isoDate, optionalText, requiredText, versioned } from '../shared/schemas.ts';

export const EVALUATOR_KINDS = ['profesor', 'autoevaluacion', 'enfermeria', 'par'] as const;
export const EVALUATION_STATUSES = ['asignada', 'enviada', 'reconocida'] as const;
export const DECISIONS = ['promueve', 'repite', 'plan_remedial'] as const;
export const THESIS_STATUSES = ['propuesta', 'en_desarrollo', 'terminada', 'aprobada'] as const;

const rubricLevel = z.object({ level: z.number().int().min(0).max(10), label: requiredText('La etiqueta del nivel', 60), descriptor: requiredText('El descriptor', 500) });

export const templateInput = z.object({
  name: requiredText('El nombre de la plantilla', 200),
  specialtyId: id.nullish(),
  levels: z.array(rubricLevel).min(2, { message: 'La rúbrica necesita al menos 2 niveles.' }).max(10).optional(),
  items: z.array(z.object({ competencyId: id, text: requiredText('El reactivo', 500) })).min(1, { message: 'Agregue al menos un reactivo.' }).max(60),
});

export const competencyInput = z.object({
  code: requiredText('La clave', 40),
  name: requiredText('El nombre', 200),
  specialtyId: id.nullish(),
  description: optionalText('La descripción', 1000),
});

export const assignmentInput = z.object({
  residentId: id,
  cycleId: id,
  period: z.number().int().min(1).max(4, { message: 'El periodo es un trimestre del 1 al 4.' }),
  templateId: id,
  evaluatorKind: z.enum(EVALUATOR_KINDS, { error: 'Tipo de evaluador: profesor, autoevaluacion, enfermeria o par.' }),
  evaluatorUserId: id.nullish(),
});

export const evaluationInput = versioned.extend({
  scores: z.array(z.object({ itemId: id, level: z.number().int() })).max(60),
  comment: optionalText('El comentario', 2000),
});

export const decisionInput = z.object({
  residentId: id,
  cycleId: id,
  decision: z.enum(DECISIONS, { error: 'Decisión: promueve, repite o plan_remedial.' }),
  rationale: requiredText('La justificación', 2000),
});

export const thesisInput = z.object({
  title: requiredText('El título', 300),
  advisorName: requiredText('El asesor', 200),
  status: z.enum(THESIS_STATUSES, { error: 'Estado: propuesta, en_desarrollo, terminada o aprobada.' }),
  milestones: z.array(z.object({ name: requiredText('El hito', 200), dueOn: isoDate, doneOn: isoDate.nullish() })).max(30).default([]),
  version: z.number().int().nonnegative().optional(),
});

/**
 * Nursing staff who evaluate residents (360): the unit's coordination opens their account, which
 * holds no role, only the registration at the unit; they can fill what is assigned to them, nothing else.
 */
export const unitEvaluatorInput = createUserInput.pick({ username: true, displayName: true, email: true, password: true }).extend({ unitId: id });
