import { z } from 'zod';
import { createUserInput } from '../access/schemas.ts';
import { id, isoDate, optionalText, requiredText, versioned } from '../shared/schemas.ts';

export const EVALUATOR_KINDS = ['profesor', 'autoevaluacion', 'enfermeria', 'par'] as const;
export const EVALUATION_STATUSES = ['asignada', 'enviada', 'reconocida'] as const;
export const DECISIONS = ['promueve', 'repite', 'plan_remedial'] as const;
export const THESIS_STATUSES = ['propuesta', 'en_desarrollo', 'terminada', 'aprobada'] as const;

/** requiredText's message agrees with a masculine label; these labels are feminine. */
const requiredFeminine = (label: string, max: number) =>
  z.string({ error: `${label} es obligatoria.` }).trim().min(1, { message: `${label} es obligatoria.` }).max(max, { message: `${label} admite a lo más ${max} caracteres.` });

const LEVEL = 'El nivel es un número entero del 0 al 10.';
const rubricLevel = z.object({ level: z.number({ error: LEVEL }).int({ message: LEVEL }).min(0, { message: LEVEL }).max(10, { message: LEVEL }), label: requiredFeminine('La etiqueta del nivel', 60), descriptor: requiredText('El descriptor', 500) });
const COMPETENCY = 'Elija la competencia del reactivo.';
const competencyRef = z.coerce.number({ error: COMPETENCY }).int({ message: COMPETENCY }).positive({ message: COMPETENCY }).max(2_147_483_647, 'Identificador fuera de rango.');

export const templateInput = z.object({
  name: requiredText('El nombre de la plantilla', 200),
  specialtyId: id.nullish(),
  levels: z
    .array(rubricLevel)
    .min(2, { message: 'La rúbrica necesita al menos 2 niveles.' })
    .max(10, { message: 'La rúbrica admite a lo más 10 niveles.' })
    // Grades place each level between the lowest and highest, so a repeated number would make two levels one.
    .superRefine((levels, ctx) => levels.forEach((l, i) => levels.findIndex((o) => o.level === l.level) < i && ctx.addIssue({ code: 'custom', path: [i, 'level'], message: `El nivel ${l.level} está repetido; cada nivel lleva un número distinto.` })))
    .optional(),
  items: z.array(z.object({ competencyId: competencyRef, text: requiredText('El reactivo', 500) })).min(1, { message: 'Agregue al menos un reactivo.' }).max(60, { message: 'Una plantilla admite a lo más 60 reactivos.' }),
});

export const competencyInput = z.object({
  code: requiredFeminine('La clave', 40),
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
  rationale: requiredFeminine('La justificación', 2000),
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
