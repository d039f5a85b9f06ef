import { z } from 'zod';
import { id, isoDate, requiredText } from '../shared/schemas.ts';

/** Conduct a resident may report (bulletin 001: good treatment; DOMAIN §4.4: punishment guardias are forbidden). */
export const CONDUCT_CATEGORIES = ['maltrato', 'acoso', 'hostigamiento_sexual', 'discriminacion', 'guardia_castigo', 'otro'] as const;
export const CASE_STATUSES = ['recibido', 'en_revision', 'resuelto'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** received → under review → resolved; a resolved case stays resolved (a new fact is a new report). */
export function caseTransitionProblem(from: CaseStatus, to: CaseStatus): string | null {
  if (from === to) return null;
  const next: Record<CaseStatus, CaseStatus[]> = { recibido: ['en_revision'], en_revision: ['resuelto'], resuelto: [] };
  return next[from].includes(to) ? null : `Un caso ${from.replace('_', ' ')} no puede pasar a ${to.replace('_', ' ')}: el orden es recibido → en revisión → resuelto.`;
}

export const reportInput = z.object({
  category: z.enum(CONDUCT_CATEGORIES, { error: 'Elija el tipo de conducta que reporta.' }),
  description: z.string({ error: 'Describa lo ocurrido.' }).trim().min(20, { message: 'Describa lo ocurrido con al menos 20 caracteres.' }).max(5000, { message: 'La descripción admite a lo más 5000 caracteres.' }),
  occurredOn: isoDate.nullish(),
  unitId: id,
  sedeId: id.nullish(),
  accusedPersonId: id.nullish(),
  accusedDescription: z.string().trim().max(300, { message: 'La descripción de la persona admite a lo más 300 caracteres.' }).nullish(),
  anonymous: z.boolean({ error: 'Indique si el reporte es anónimo.' }),
});
export type ReportInput = z.infer<typeof reportInput>;

export const caseUpdate = z.object({
  status: z.enum(CASE_STATUSES, { error: 'Estado: recibido, en_revision o resuelto.' }).optional(),
  note: z.string().trim().min(1).max(5000, { message: 'La nota admite a lo más 5000 caracteres.' }).optional(),
  shareWithReporter: z.boolean().default(false),
  version: z.number().int().nonnegative(),
});

export const followInput = z.object({ token: z.string({ error: 'Escriba la clave de seguimiento.' }).trim().min(20, { message: 'La clave de seguimiento no es válida.' }).max(100) });
export const followMessage = followInput.extend({ body: requiredText('El mensaje', 5000) });

export const codeInput = z.object({
  code: z.enum(['conducta', 'etica'], { error: 'Tipo de código: conducta o etica.' }),
  edition: requiredText('La edición', 40),
  title: requiredText('El título', 200),
  body: requiredText('El texto', 100_000),
  publishedOn: isoDate,
});
