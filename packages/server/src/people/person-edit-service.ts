import { changedFields, mergePersonUpdate, type PersonUpdateInput, resolveScope, SELF_EDITABLE_FIELDS, type Scope, scopeCovers } from '@sirem/core';
import { and, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { sedes, units } from '../db/schema/catalog.ts';
import { facultyAppointments, persons, residents } from '../db/schema/people.ts';
import { badRequest, forbidden, notFound, versionConflict } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { readScope } from './scope.ts';

type PersonRow = typeof persons.$inferSelect;

/** What the API shows of a person: identity, contact and cédulas, with the version to edit it. */
export const personView = (p: PersonRow) => ({
  id: p.id,
  keyType: p.keyType,
  curp: p.curp,
  tempKey: p.tempKey,
  givenNames: p.givenNames,
  firstSurname: p.firstSurname,
  secondSurname: p.secondSurname,
  nationality: p.nationality,
  email: p.email,
  phone: p.phone,
  matricula: p.matricula,
  cedulaLicenciatura: p.cedulaLicenciatura,
  cedulaLicenciaturaVerified: p.cedulaLicenciaturaVerified,
  cedulaEspecialidad: p.cedulaEspecialidad,
  cedulaEspecialidadVerified: p.cedulaEspecialidadVerified,
  version: p.version,
});

/** A person is within a manager's scope when one of their residencies or appointments is placed at a sede the manager covers. */
async function managesPerson(db: Db, scope: Scope, personId: number) {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  const placed = (table: typeof residents | typeof facultyAppointments) =>
    db.select({ sedeId: sedes.id, unitId: sedes.unitId, ooadId: units.ooadId }).from(table).innerJoin(sedes, eq(sedes.id, table.sedeId)).innerJoin(units, eq(units.id, sedes.unitId)).where(eq(table.personId, personId));
  const places = [...(await placed(residents)), ...(await placed(facultyAppointments))];
  return places.some((p) => scopeCovers(scope, { ooadId: p.ooadId, unitId: p.unitId, sedeIds: [p.sedeId] }));
}

/**
 * Edits a person's contact details, nationality, matrícula and cédulas. A coordinator edits every
 * field of the people in their scope; anyone edits only their own e-mail and phone.
 */
export async function updatePerson(ctx: Ctx, personId: number, input: PersonUpdateInput) {
  readScope(ctx);
  const manage = resolveScope(ctx.actor.grants, 'people.manage');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(persons).where(eq(persons.id, personId));
    if (!before) throw notFound('La persona');
    const managed = await managesPerson(tx, manage, personId);
    if (!managed) {
      if (before.userId !== ctx.actor.userId) throw notFound('La persona');
      const others = changedFields(input).filter((f) => !(SELF_EDITABLE_FIELDS as readonly string[]).includes(f));
      if (others.length)
        throw forbidden('Usted puede actualizar solo su correo electrónico y teléfono; la nacionalidad, la matrícula y las cédulas las actualiza la coordinación de educación.');
    }
    if (before.version !== input.version) throw versionConflict(personView(before));
    const merged = mergePersonUpdate(before, input);
    if (!merged.ok) throw badRequest('Revise los datos marcados.', merged.errors);
    const { keyType: _keyType, ...values } = merged.values;
    if (values.matricula && values.matricula !== before.matricula) {
      const [other] = await tx.select({ id: persons.id }).from(persons).where(and(eq(persons.matricula, values.matricula), ne(persons.id, personId)));
      if (other) throw badRequest('La matrícula IMSS ya pertenece a otra persona.', [{ field: 'matricula', message: 'Matrícula ya registrada.' }]);
    }
    const [after] = await tx
      .update(persons)
      .set({ ...values, version: sql`${persons.version} + 1`, updatedAt: new Date() })
      .where(and(eq(persons.id, personId), eq(persons.version, input.version)))
      .returning();
    if (!after) throw versionConflict(personView((await tx.select().from(persons).where(eq(persons.id, personId)))[0] as PersonRow));
    await recordAudit(tx, ctx, { action: 'update', entity: 'person', entityId: personId, before: personView(before), after: personView(after) });
    return personView(after);
  });
}
