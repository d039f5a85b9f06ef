import { z } from 'zod';
import { isoDate, optionalText, requiredText } from '../shared/schemas.ts';

export const FEEDBACK_KINDS = ['reconocimiento', 'mejora', 'general'] as const;
export const PLAN_STATUSES = ['abierto', 'cumplido', 'cancelado'] as const;

export const sessionInput = z.object({
  heldOn: isoDate,
  topics: requiredText('Los temas', 2000),
  agreements: optionalText('Los acuerdos', 2000),
  followUp: optionalText('El seguimiento', 2000),
});

export const feedbackInput = z.object({
  kind: z.enum(FEEDBACK_KINDS, { error: 'Tipo: reconocimiento, mejora o general.' }),
  body: requiredText('La retroalimentación', 2000),
});

export const actionPlanInput = z.object({
  title: requiredText('El título del plan', 200),
  detail: optionalText('El detalle', 2000),
  dueOn: isoDate,
});

export const planUpdate = z.object({ status: z.enum(PLAN_STATUSES, { error: 'Estado: abierto, cumplido o cancelado.' }), version: z.number().int().nonnegative() });

/** Days before the due date when the reminder goes out. */
export const PLAN_REMINDER_DAYS = 3;

/** Whether an open plan is due for its reminder on `today` (within the window, or already late). */
export function reminderDue(plan: { status: string; dueOn: string; remindedOn: string | null }, today: string): boolean {
  if (plan.status !== 'abierto' || plan.remindedOn) return false;
  const days = (Date.parse(`${plan.dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= PLAN_REMINDER_DAYS;
}
