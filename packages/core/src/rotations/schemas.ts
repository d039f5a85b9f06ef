import { z } from 'zod';
import { effective, id, isoDate, optionalText, requiredText } from '../shared/schemas.ts';

export const serviceInput = z
  .object({
    unitId: id,
    name: requiredText('El nombre del servicio', 120),
    capacityPerGrade: z.array(z.number().int().min(0, { message: 'La capacidad no puede ser negativa.' }), { error: 'Indique la capacidad por grado.' }).min(1).max(6),
  })
  .extend(effective.shape);
export type ServiceInput = z.infer<typeof serviceInput>;

const range = <T extends { startsOn: string; endsOn: string }>(v: T) => v.endsOn >= v.startsOn;
const rangeMessage = { path: ['endsOn'], message: 'La fecha final no puede ser anterior a la inicial.' };

export const ROTATION_KINDS = ['regular', 'campo'] as const;
export const rotationInput = z
  .object({
    residentId: id,
    serviceId: id,
    startsOn: isoDate,
    endsOn: isoDate,
    kind: z.enum(ROTATION_KINDS, { error: 'Tipo de rotación: regular o de campo.' }).default('regular'),
    note: optionalText('La observación', 300),
  })
  .refine(range, rangeMessage);
export type RotationInput = z.infer<typeof rotationInput>;

export const ABSENCE_KINDS = ['vacaciones', 'incapacidad', 'maternidad', 'paternidad', 'academica'] as const;
export const absenceInput = z
  .object({
    residentId: id,
    kind: z.enum(ABSENCE_KINDS, { error: 'Tipo de ausencia: vacaciones, incapacidad, maternidad, paternidad o académica.' }),
    startsOn: isoDate,
    endsOn: isoDate,
    note: optionalText('La observación', 300),
  })
  .refine(range, rangeMessage);
export type AbsenceInput = z.infer<typeof absenceInput>;

export const absenceDecision = z.object({
  status: z.enum(['aprobada', 'rechazada'], { error: 'Decisión: aprobada o rechazada.' }),
  note: optionalText('La observación', 300),
  version: z.number().int().nonnegative(),
});
