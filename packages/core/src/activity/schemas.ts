import { z } from 'zod';
import { id, isoDate, listQuery, optionalText, requiredText } from '../shared/schemas.ts';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, AGE_BANDS, CODE_SYSTEMS, PATIENT_SEXES, PROCEDURE_KINDS, SUPERVISION_LEVELS, TRANSPLANT_ORGANS } from './kinds.ts';

const code = z
  .string()
  .trim()
  .toUpperCase()
  .max(10, { message: 'El código admite a lo más 10 caracteres.' })
  .nullish()
  .transform((v) => (v ? v : null));

/**
 * One clinical activity entry. There is deliberately no field for the patient's name, record
 * number or any identifier: only an age band and sex.
 */
export const activityFields = z.object({
  residentId: id,
  performedOn: isoDate,
  unitId: id,
  service: requiredText('El servicio', 120),
  kind: z.enum(ACTIVITY_KINDS, { error: 'Elija el tipo de actividad.' }),
  organ: z.enum(TRANSPLANT_ORGANS, { error: 'Órgano no reconocido.' }).nullish().transform((v) => v ?? null),
  supervision: z.enum(SUPERVISION_LEVELS, { error: 'Nivel de supervisión: observa, ayuda, realiza supervisado o realiza.' }),
  supervisorPersonId: id.nullish().transform((v) => v ?? null),
  diagnosisCode: code,
  procedureCode: code,
  ageBand: z.enum(AGE_BANDS, { error: 'Elija el grupo de edad del paciente.' }),
  sex: z.enum(PATIENT_SEXES, { error: 'Sexo del paciente: H o M.' }),
  note: optionalText('La nota', 300),
});

const consistent = <T extends z.infer<typeof activityFields>>(v: T, ctx: z.RefinementCtx) => {
  if (v.kind === 'trasplante' && !v.organ) ctx.addIssue({ code: 'custom', path: ['organ'], message: 'Indique el órgano trasplantado.' });
  if (v.kind !== 'trasplante' && v.organ) ctx.addIssue({ code: 'custom', path: ['organ'], message: 'El órgano solo aplica a trasplantes.' });
  if (v.procedureCode && !PROCEDURE_KINDS.includes(v.kind)) ctx.addIssue({ code: 'custom', path: ['procedureCode'], message: 'El código CIE-9-MC solo aplica a cirugías y procedimientos.' });
  if (v.supervision !== 'realiza' && !v.supervisorPersonId) ctx.addIssue({ code: 'custom', path: ['supervisorPersonId'], message: 'Indique el profesor que supervisó.' });
};

export const activityInput = activityFields.superRefine(consistent);
export type ActivityInput = z.infer<typeof activityInput>;

export const activityUpdate = activityFields.extend({ version: z.number().int().nonnegative() }).superRefine(consistent);

/** Entries queued on a phone; the client key makes a retried sync harmless. */
export const syncEntry = activityFields.extend({ clientKey: z.string().trim().regex(/^[\w-]{8,64}$/, { message: 'Clave de sincronización inválida.' }) }).superRefine(consistent);
export const syncBatch = z.object({ entries: z.array(syncEntry).min(1).max(200, { message: 'Sincronice a lo más 200 entradas a la vez.' }) });
export type SyncEntry = z.infer<typeof syncEntry>;

export const reviewInput = z
  .object({ decision: z.enum(['verificada', 'devuelta'], { error: 'Decisión: verificar o devolver.' }), comment: optionalText('El comentario', 500), version: z.number().int().nonnegative() })
  .refine((v) => v.decision === 'verificada' || Boolean(v.comment), { path: ['comment'], message: 'Al devolver una entrada explique qué debe corregirse.' });

export const activityQuery = listQuery.extend({
  residentId: id.optional(),
  sedeId: id.optional(),
  unitId: id.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  jornadaId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ActivityQuery = z.infer<typeof activityQuery>;

export const codeQuery = z.object({
  system: z.enum(CODE_SYSTEMS, { error: 'Catálogo: cie10 o cie9mc.' }),
  q: z.string().trim().max(100).optional(),
  versionId: id.optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const codeVersionUpload = z.object({
  system: z.enum(CODE_SYSTEMS, { error: 'Catálogo: cie10 o cie9mc.' }),
  label: requiredText('El nombre de la versión', 80),
});

export const requirementsQuery = z.object({ residentId: id });
export const behindQuery = z.object({ sedeId: id });
