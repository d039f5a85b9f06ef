import { eq } from 'drizzle-orm';
import type { PgColumn, PgSelect } from 'drizzle-orm/pg-core';
import { courses, ooads, sedes, specialties, units } from '../db/schema/catalog.ts';

/** Adds sede ⋈ course ⋈ specialty ⋈ unit ⋈ OOAD to a query over rows placed at a sede (residents, appointments). */
export function withSedePlace<T extends PgSelect>(query: T, sedeId: PgColumn): T {
  return query
    .innerJoin(sedes, eq(sedes.id, sedeId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .innerJoin(units, eq(units.id, sedes.unitId))
    .innerJoin(ooads, eq(ooads.id, units.ooadId)) as unknown as T;
}
