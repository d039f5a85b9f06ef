import { z } from 'zod';
import { id, versioned } from '../shared/schemas.ts';
import { INSTRUMENT_CODES } from './instruments.ts';
import { quarterCode } from './periods.ts';

export const screeningInput = z.object({
  instrument: z.enum(INSTRUMENT_CODES, { error: 'Elija el cuestionario: phq9 o gad7.' }),
  answers: z.array(z.number().int().min(0, { message: 'Cada respuesta va de 0 a 3.' }).max(3, { message: 'Cada respuesta va de 0 a 3.' }), { error: 'Envíe las respuestas como lista.' }).min(1).max(9),
});
export type ScreeningInput = z.infer<typeof screeningInput>;

/** What the resident lets their tutor see: nothing (default), that they screened, or also the band. */
export const TUTOR_VISIBILITY = ['nada', 'realizado', 'nivel'] as const;
export type TutorVisibility = (typeof TUTOR_VISIBILITY)[number];
/** The version the resident read (0 while they have never chosen), so two open tabs cannot overwrite each other. */
export const sharingInput = versioned.extend({
  tutorSees: z.enum(TUTOR_VISIBILITY, { error: 'Elija qué puede ver su tutor: nada, realizado o nivel.' }),
});

export const ALERT_STATUSES = ['abierta', 'en_seguimiento', 'cerrada'] as const;
export const alertUpdate = z.object({
  status: z.enum(ALERT_STATUSES, { error: 'Estado: abierta, en_seguimiento o cerrada.' }),
  note: z.string().trim().max(2000, { message: 'La nota admite a lo más 2000 caracteres.' }).optional(),
  version: z.number().int().nonnegative(),
});

export const aggregateQuery = z.object({
  instrument: z.enum(INSTRUMENT_CODES).default('phq9'),
  ooadId: id.optional(),
  unitId: id.optional(),
  sedeId: id.optional(),
  /** A finished calendar quarter; free dates are not accepted (see periods.ts). Defaults to the last finished one. */
  quarter: quarterCode.optional(),
});
