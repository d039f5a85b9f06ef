import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { courses, ooads, sedes, specialties, units } from '../schema/catalog.ts';

/**
 * Demonstration units and sedes so a new installation has something to browse: per OOAD one
 * Hospital General de Zona and one UMF, three complementary units, and sedes of common courses.
 * Their CLUES use the 9xxxxx range, which the shipped catalogue never uses, and names say "(demo)".
 */
export async function loadDemoUnits(db: Db): Promise<void> {
  if ((await db.$count(units, eq(units.unitTypeCode, 'HGZ'))) > 0) return;
  await db.transaction(async (tx) => {
    const allOoads = await tx.select().from(ooads).orderBy(ooads.id);
    let n = 0;
    const clues = (state: string) => `${state}IMS9${String(++n).padStart(5, '0')}`;
    const rows = allOoads.flatMap((o, i) => [
      { clues: clues(o.stateCode), name: `Hospital General de Zona No. ${i + 1} (demo), ${o.name}`, unitTypeCode: 'HGZ', levelOfCare: 2, ooadId: o.id, camasCensables: 90 + ((i * 37) % 160), city: o.name },
      { clues: clues(o.stateCode), name: `Unidad de Medicina Familiar No. ${i + 1} (demo), ${o.name}`, unitTypeCode: 'UMF', levelOfCare: 1, ooadId: o.id, camasCensables: 0, city: o.name },
    ]);
    const created = await tx.insert(units).values(rows).returning({ id: units.id, type: units.unitTypeCode });
    const umaes = await tx.select().from(units).where(inArray(units.umaeNumber, [1, 11, 15]));
    await tx.insert(units).values(
      umaes.map((u, i) => ({ clues: clues(u.clues?.slice(0, 2) ?? 'DF'), name: `Unidad Complementaria ${i + 1} (demo) de ${u.name}`, unitTypeCode: 'UC', levelOfCare: 3, ooadId: u.ooadId, parentUnitId: u.id, camasCensables: 40, city: u.city })),
    );
    const course = async (code: string) => {
      const [c] = await tx.select({ id: courses.id, years: specialties.durationYears }).from(courses).innerJoin(specialties, and(eq(specialties.id, courses.specialtyId), eq(specialties.code, code)));
      return c;
    };
    const mfa = await course('MFA');
    const min = await course('MIN');
    const car = await course('CAR');
    const sedeRows = [
      ...created.filter((u) => u.type === 'UMF').map((u) => ({ courseId: mfa.id, unitId: u.id, placesPerGrade: [8, 8, 8] })),
      ...created.filter((u) => u.type === 'HGZ').slice(0, 12).map((u) => ({ courseId: min.id, unitId: u.id, placesPerGrade: [6, 6, 6, 6] })),
      ...umaes.map((u) => ({ courseId: car.id, unitId: u.id, placesPerGrade: [4, 4, 4] })),
    ];
    await tx.insert(sedes).values(sedeRows);
  });
}
