import { z } from 'zod';
import { EMPTY_CEDULA_VERIFIED, cedulaEspecialidadField, cedulaLicenciaturaField, emailField, matriculaField, nationalityField, phoneEdit } from './person-fields.ts';

/**
 * A change to a registered person. Absent fields stay as they are; null clears them. Identity
 * (CURP or temporary key, names, birth date, sex) is not edited here: it is checked against the
 * CURP at registration and a correction is a new registration.
 */
export const personUpdateInput = z.object({
  email: emailField.nullish(),
  phone: phoneEdit,
  nationality: nationalityField.optional(),
  matricula: matriculaField.nullish(),
  cedulaLicenciatura: cedulaLicenciaturaField.nullish(),
  cedulaLicenciaturaVerified: z.boolean().optional(),
  cedulaEspecialidad: cedulaEspecialidadField.nullish(),
  cedulaEspecialidadVerified: z.boolean().optional(),
  version: z.number({ error: 'Falta la versión del registro.' }).int().nonnegative(),
});
export type PersonUpdateInput = z.infer<typeof personUpdateInput>;

/** What a person may change about themself; everything else needs a coordinator. */
export const SELF_EDITABLE_FIELDS = ['email', 'phone'] as const;

export type PersonEditable = {
  keyType: string;
  email: string | null;
  phone: string | null;
  nationality: string;
  matricula: string | null;
  cedulaLicenciatura: string | null;
  cedulaLicenciaturaVerified: boolean;
  cedulaEspecialidad: string | null;
  cedulaEspecialidadVerified: boolean;
};
type FieldIssue = { field: string; message: string };

/** The fields of `update` that were sent (besides the version), i.e. the ones the caller wants changed. */
export function changedFields(update: PersonUpdateInput): (keyof PersonEditable)[] {
  return (Object.keys(update) as (keyof PersonUpdateInput)[]).filter((k) => k !== 'version' && update[k] !== undefined) as (keyof PersonEditable)[];
}

/**
 * Applies an edit to a person's current values. A cédula whose number changes loses its
 * "verified" mark unless the same edit verifies it again: the mark vouches for one number.
 */
export function mergePersonUpdate(current: PersonEditable, update: PersonUpdateInput): { ok: true; values: PersonEditable } | { ok: false; errors: FieldIssue[] } {
  const pick = <K extends keyof PersonEditable>(k: K): PersonEditable[K] => (update[k as keyof PersonUpdateInput] === undefined ? current[k] : (update[k as keyof PersonUpdateInput] as PersonEditable[K]));
  const values: PersonEditable = {
    keyType: current.keyType,
    email: pick('email'),
    phone: pick('phone') || null,
    nationality: pick('nationality'),
    matricula: pick('matricula'),
    cedulaLicenciatura: pick('cedulaLicenciatura'),
    cedulaLicenciaturaVerified: update.cedulaLicenciaturaVerified ?? (pick('cedulaLicenciatura') === current.cedulaLicenciatura ? current.cedulaLicenciaturaVerified : false),
    cedulaEspecialidad: pick('cedulaEspecialidad'),
    cedulaEspecialidadVerified: update.cedulaEspecialidadVerified ?? (pick('cedulaEspecialidad') === current.cedulaEspecialidad ? current.cedulaEspecialidadVerified : false),
  };
  const errors: FieldIssue[] = [];
  if (values.cedulaLicenciaturaVerified && !values.cedulaLicenciatura) errors.push({ field: 'cedulaLicenciatura', message: EMPTY_CEDULA_VERIFIED });
  if (values.cedulaEspecialidadVerified && !values.cedulaEspecialidad) errors.push({ field: 'cedulaEspecialidad', message: EMPTY_CEDULA_VERIFIED });
  if (values.keyType === 'temporal' && values.nationality === 'MEX')
    errors.push({ field: 'nationality', message: 'La persona está registrada con clave temporal de extranjero; su nacionalidad no puede ser MEX.' });
  return errors.length ? { ok: false, errors } : { ok: true, values };
}
