import { z } from 'zod';
import { id, isoDate, optionalText, requiredText } from '../shared/schemas.ts';
import { checkCurp, curpMismatches } from './curp.ts';
import { BAJA_REASONS, TRANSITIONS, type TransitionKind } from './lifecycle.ts';
import { EMPTY_CEDULA_VERIFIED, cedulaEspecialidadField, cedulaLicenciaturaField, emailField, matriculaField, nationalityField, phoneField } from './person-fields.ts';

/** A temporary institutional key for foreigners without CURP (e.g. TMP-2026-000143). */
const TEMP_KEY = /^TMP-\d{4}-\d{6}$/;

export const personInput = z
  .object({
    keyType: z.enum(['curp', 'temporal'], { error: 'Indique si la persona tiene CURP o clave temporal.' }),
    curp: z.string().trim().toUpperCase().nullish(),
    tempKey: z.string().trim().toUpperCase().nullish(),
    givenNames: requiredText('El nombre', 120),
    firstSurname: requiredText('El primer apellido', 80),
    secondSurname: optionalText('El segundo apellido', 80),
    sex: z.enum(['H', 'M'], { error: 'Indique el sexo: H o M.' }),
    birthDate: isoDate,
    nationality: nationalityField.default('MEX'),
    email: emailField.nullish(),
    phone: phoneField,
    matricula: matriculaField.nullish(),
    cedulaLicenciatura: cedulaLicenciaturaField.nullish(),
    cedulaLicenciaturaVerified: z.boolean().default(false),
    cedulaEspecialidad: cedulaEspecialidadField.nullish(),
    cedulaEspecialidadVerified: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.keyType === 'curp') {
      if (!p.curp) return void ctx.addIssue({ code: 'custom', path: ['curp'], message: 'La CURP es obligatoria.' });
      const result = checkCurp(p.curp);
      if (!result.ok) return void ctx.addIssue({ code: 'custom', path: ['curp'], message: result.message });
      for (const m of curpMismatches(result.facts, p)) ctx.addIssue({ code: 'custom', path: [m.field], message: m.message });
    } else {
      if (!p.tempKey || !TEMP_KEY.test(p.tempKey))
        ctx.addIssue({ code: 'custom', path: ['tempKey'], message: 'La clave temporal tiene la forma TMP-aaaa-nnnnnn.' });
      if (p.nationality === 'MEX')
        ctx.addIssue({ code: 'custom', path: ['nationality'], message: 'La clave temporal es solo para personas extranjeras sin CURP.' });
    }
    if (p.cedulaLicenciaturaVerified && !p.cedulaLicenciatura)
      ctx.addIssue({ code: 'custom', path: ['cedulaLicenciatura'], message: EMPTY_CEDULA_VERIFIED });
    if (p.cedulaEspecialidadVerified && !p.cedulaEspecialidad)
      ctx.addIssue({ code: 'custom', path: ['cedulaEspecialidad'], message: EMPTY_CEDULA_VERIFIED });
  });
export type PersonInput = z.infer<typeof personInput>;

export const enrolResidentInput = z.object({
  person: personInput,
  sedeId: id,
  cycleId: id,
  grade: z.number({ error: 'Indique el grado (1 a 6).' }).int().min(1, { message: 'El grado va de R1 a R6.' }).max(6, { message: 'El grado va de R1 a R6.' }),
  examFolio: optionalText('El folio del examen nacional', 30),
  examScore: z.number().min(0, { message: 'El puntaje va de 0 a 100.' }).max(100, { message: 'El puntaje va de 0 a 100.' }).nullish(),
  startNow: z.boolean().default(true),
});
export type EnrolResidentInput = z.infer<typeof enrolResidentInput>;

export const transitionInput = z
  .object({
    kind: z.enum(Object.keys(TRANSITIONS) as [TransitionKind, ...TransitionKind[]], { error: 'Movimiento desconocido.' }),
    occurredOn: isoDate,
    reason: z.enum(BAJA_REASONS, { error: 'Motivo de baja: renuncia, rescisión, defunción u otra.' }).nullish(),
    note: optionalText('La observación', 500),
    diplomaNumber: optionalText('El número de diploma', 40),
    hired: z.boolean().nullish(),
    hiredUnitId: id.nullish(),
    version: z.number().int().nonnegative(),
  })
  .superRefine((t, ctx) => {
    if (t.kind === 'baja' && !t.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Indique el motivo de la baja.' });
    if ((t.kind === 'egreso' || t.kind === 'diploma') && !t.diplomaNumber) ctx.addIssue({ code: 'custom', path: ['diplomaNumber'], message: 'Indique el número de diploma.' });
    if (t.kind === 'contratacion' && t.hired == null) ctx.addIssue({ code: 'custom', path: ['hired'], message: 'Indique si fue contratado por el Instituto.' });
    if (t.kind === 'contratacion' && t.hired && !t.hiredUnitId) ctx.addIssue({ code: 'custom', path: ['hiredUnitId'], message: 'Indique la unidad que lo contrató.' });
  });
export type TransitionInput = z.infer<typeof transitionInput>;

export const FACULTY_ROLES = ['titular', 'adjunto', 'tutor'] as const;
export const appointmentInput = z
  .object({
    personId: id.optional(),
    person: personInput.optional(),
    sedeId: id,
    role: z.enum(FACULTY_ROLES, { error: 'Nombramiento: titular, adjunto o tutor.' }),
    startsOn: isoDate,
    endsOn: isoDate.nullish(),
  })
  .refine((a) => !a.endsOn || a.endsOn >= a.startsOn, { path: ['endsOn'], message: 'La fecha de término no puede ser anterior al inicio.' })
  .refine((a) => a.personId || a.person, { path: ['personId'], message: 'Elija a la persona o registre sus datos.' });
export type AppointmentInput = z.infer<typeof appointmentInput>;
