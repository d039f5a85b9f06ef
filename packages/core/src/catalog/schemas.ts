import { z } from 'zod';
import { effective, optionalText, requiredText } from '../shared/schemas.ts';
import { isValidClues, normalizeClues } from './clues.ts';

const count = (label: string) =>
  z
    .number({ error: `${label} debe ser un número entero.` })
    .int({ message: `${label} debe ser un número entero.` })
    .min(0, { message: `${label} no puede ser negativo.` });

const ref = (label: string) =>
  z.number({ error: `Seleccione ${label}.` }).int().positive({ message: `Seleccione ${label}.` });

export const cluesField = z
  .string()
  .transform(normalizeClues)
  .refine((v) => v === '' || isValidClues(v), {
    message: 'CLUES inválida: deben ser 5 letras y 6 dígitos, por ejemplo NLIMS000315.',
  })
  .transform((v) => (v === '' ? null : v))
  .nullish();

export const ooadInput = z
  .object({
    code: requiredText('La clave', 10),
    name: requiredText('El nombre', 120),
    stateCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { message: 'La clave de estado son 2 letras, por ejemplo JC.' }),
    legacyCode: optionalText('La clave anterior', 4),
  })
  .extend(effective.shape);

export const unitInput = z
  .object({
    clues: cluesField,
    name: requiredText('El nombre', 200),
    unitTypeCode: requiredText('El tipo de unidad', 20),
    levelOfCare: z.number({ error: 'Indique el nivel de atención (1, 2 o 3).' }).int().min(1, { message: 'El nivel de atención es 1, 2 o 3.' }).max(3, { message: 'El nivel de atención es 1, 2 o 3.' }),
    ooadId: ref('el OOAD'),
    parentUnitId: z.number().int().positive().nullish(),
    camasCensables: count('Las camas censables'),
    city: optionalText('La ciudad', 120),
    umaeNumber: z.number().int().positive().nullish(),
  })
  .extend(effective.shape);

export const specialtyInput = z
  .object({
    code: requiredText('La clave', 20),
    name: requiredText('El nombre', 200),
    kind: z.enum(['medica', 'estomatologica'], { error: 'Indique si es médica o estomatológica.' }),
    durationYears: z.number({ error: 'Indique la duración en años.' }).int().min(1, { message: 'La duración va de 1 a 6 años.' }).max(6, { message: 'La duración va de 1 a 6 años.' }),
    entryType: z.enum(['directa', 'rama'], { error: 'Indique el tipo de entrada: directa o de rama.' }),
    prerequisiteSpecialtyId: z.number().int().positive().nullish(),
    prerequisiteYears: z.number().int().min(1).max(6, { message: 'Los años previos van de 1 a 6.' }).nullish(),
  })
  .extend(effective.shape)
  .superRefine((s, ctx) => {
    if (s.entryType === 'rama') {
      if (!s.prerequisiteSpecialtyId)
        ctx.addIssue({ code: 'custom', path: ['prerequisiteSpecialtyId'], message: 'Una especialidad de rama requiere la especialidad troncal previa.' });
      if (!s.prerequisiteYears)
        ctx.addIssue({ code: 'custom', path: ['prerequisiteYears'], message: 'Indique cuántos años de la troncal se requieren.' });
    }
  });

export const courseInput = z
  .object({
    specialtyId: ref('la especialidad'),
    name: requiredText('El nombre', 200),
    university: optionalText('El aval universitario', 200),
    qualityRegistry: z.boolean().default(false),
  })
  .extend(effective.shape);

export const sedeInput = z
  .object({
    courseId: ref('el curso'),
    unitId: ref('la unidad'),
    placesPerGrade: z.array(count('Las plazas'), { error: 'Indique las plazas por grado.' }).min(1, { message: 'Indique las plazas de al menos un grado.' }).max(6),
    isSubsede: z.boolean().default(false),
  })
  .extend(effective.shape);

export const cycleInput = z.object({
  startYear: z.number({ error: 'Indique el año de inicio.' }).int().min(2000, { message: 'Año fuera de rango.' }).max(2100, { message: 'Año fuera de rango.' }),
});

export type OoadInput = z.infer<typeof ooadInput>;
export type UnitInput = z.infer<typeof unitInput>;
export type SpecialtyInput = z.infer<typeof specialtyInput>;
export type CourseInput = z.infer<typeof courseInput>;
export type SedeInput = z.infer<typeof sedeInput>;
export type CycleInput = z.infer<typeof cycleInput>;
