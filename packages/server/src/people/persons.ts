import type { PersonInput } from '@sirem/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { persons } from '../db/schema/people.ts';
import { badRequest } from '../http/errors.ts';

export const personValues = (p: PersonInput) => ({
  keyType: p.keyType,
  curp: p.keyType === 'curp' ? (p.curp ?? null) : null,
  tempKey: p.keyType === 'temporal' ? (p.tempKey ?? null) : null,
  givenNames: p.givenNames,
  firstSurname: p.firstSurname,
  secondSurname: p.secondSurname ?? null,
  sex: p.sex,
  birthDate: p.birthDate,
  nationality: p.nationality,
  email: p.email ?? null,
  phone: p.phone ?? null,
  matricula: p.matricula ?? null,
  cedulaLicenciatura: p.cedulaLicenciatura ?? null,
  cedulaLicenciaturaVerified: p.cedulaLicenciaturaVerified,
  cedulaEspecialidad: p.cedulaEspecialidad ?? null,
  cedulaEspecialidadVerified: p.cedulaEspecialidadVerified,
});

/** Finds a person by CURP (or temporary key), or registers them. An existing record is never overwritten silently. */
export async function findOrCreatePerson(tx: Db, input: PersonInput): Promise<{ id: number; created: boolean }> {
  const key = input.keyType === 'curp' ? eq(persons.curp, input.curp ?? '') : eq(persons.tempKey, input.tempKey ?? '');
  const [existing] = await tx.select().from(persons).where(key);
  if (existing) {
    const sameName = existing.firstSurname.toUpperCase() === input.firstSurname.toUpperCase() && existing.givenNames.toUpperCase() === input.givenNames.toUpperCase();
    if (!sameName)
      throw badRequest(`La ${input.keyType === 'curp' ? 'CURP' : 'clave temporal'} ya pertenece a ${existing.givenNames} ${existing.firstSurname}; revise la clave o el nombre.`, [
        { field: input.keyType === 'curp' ? 'person.curp' : 'person.tempKey', message: 'La clave ya está registrada con otro nombre.' },
      ]);
    return { id: existing.id, created: false };
  }
  if (input.matricula) {
    const [other] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.matricula, input.matricula));
    if (other) throw badRequest('La matrícula IMSS ya pertenece a otra persona.', [{ field: 'person.matricula', message: 'Matrícula ya registrada.' }]);
  }
  const [row] = await tx.insert(persons).values(personValues(input)).returning({ id: persons.id });
  return { id: row.id, created: true };
}
