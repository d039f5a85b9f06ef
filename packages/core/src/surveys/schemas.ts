import { z } from 'zod';
import { id, isoDate, optionalText, requiredText } from '../shared/schemas.ts';

export const QUESTION_KINDS = ['likert', 'nps', 'single', 'multiple', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const INDICATORS = ['satisfaction', 'recommend'] as const;
export const AUDIENCES = ['residentes_sede', 'residentes', 'profesores'] as const;
export const SURVEY_PURPOSES = ['general', 'docente'] as const;

/**
 * Published indicators: an answer counts as "satisfied" at 4 or 5 on the 1–5 Likert scale, and
 * as "would recommend" at 9 or 10 on the 0–10 scale (the promoters of a would-recommend question).
 */
export const INDICATOR_MIN: Record<'likert' | 'nps', number> = { likert: 4, nps: 9 };
export const SCALE: Record<'likert' | 'nps', [number, number]> = { likert: [1, 5], nps: [0, 10] };

export const questionInput = z
  .object({
    kind: z.enum(QUESTION_KINDS, { error: 'Tipo de pregunta: likert, nps, single, multiple o text.' }),
    text: requiredText('El texto de la pregunta', 500),
    options: z.array(requiredText('La opción', 200)).max(12).nullish(),
    required: z.boolean().default(true),
    measures: z.enum(INDICATORS).nullish(),
  })
  .refine((q) => !['single', 'multiple'].includes(q.kind) || (q.options?.length ?? 0) >= 2, { path: ['options'], message: 'Las preguntas de opción necesitan al menos 2 opciones.' })
  .refine((q) => !q.measures || q.kind === 'likert' || q.kind === 'nps', { path: ['measures'], message: 'Solo una pregunta Likert o de 0 a 10 puede medir satisfacción o recomendación.' });

export const surveyInput = z.object({
  title: requiredText('El título', 200),
  description: optionalText('La descripción', 2000),
  purpose: z.enum(SURVEY_PURPOSES).default('general'),
  questions: z.array(questionInput, { error: 'Agregue las preguntas.' }).min(1, { message: 'Agregue al menos una pregunta.' }).max(60),
});
export type SurveyInput = z.infer<typeof surveyInput>;

export const campaignInput = z
  .object({
    surveyId: id,
    cycleId: id,
    audience: z.enum(AUDIENCES, { error: 'Audiencia: residentes_sede, residentes o profesores.' }),
    sedeId: id.nullish(),
    opensOn: isoDate,
    closesOn: isoDate,
  })
  .refine((c) => c.closesOn >= c.opensOn, { path: ['closesOn'], message: 'El cierre no puede ser anterior a la apertura.' })
  .refine((c) => c.audience !== 'residentes_sede' || Boolean(c.sedeId), { path: ['sedeId'], message: 'Elija la sede de la campaña.' });

export const answerInput = z.object({
  subjectAppointmentId: id.nullish(),
  answers: z.array(z.object({ questionId: id, value: z.number().nullish(), choices: z.array(z.number().int().nonnegative()).max(12).nullish(), text: z.string().trim().max(4000).nullish() })).max(60),
});
export type AnswerInput = z.infer<typeof answerInput>;

export const GROUP_BY = ['sede', 'specialty', 'ooad', 'nation'] as const;
export const resultsQuery = z.object({
  groupBy: z.enum(GROUP_BY, { error: 'Agrupar por: sede, specialty, ooad o nation.' }).default('sede'),
  ooadId: id.optional(),
  unitId: id.optional(),
  sedeId: id.optional(),
});
