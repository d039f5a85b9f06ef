import { readFileSync } from 'node:fs';
import { cycleForStartYear } from '@sirem/core';
import { eq } from 'drizzle-orm';
import { csvRecords } from '../../lib/csv.ts';
import type { Db } from '../client.ts';
import { academicCycles, courses, ooads, specialties, unitTypes, units } from '../schema/catalog.ts';

const data = (name: string) => csvRecords(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8'));

export const UNIT_TYPES = [
  { code: 'UMAE', name: 'Unidad Médica de Alta Especialidad', defaultLevel: 3 },
  { code: 'UC', name: 'Unidad complementaria de UMAE', defaultLevel: 3 },
  { code: 'HGR', name: 'Hospital General Regional', defaultLevel: 2 },
  { code: 'HGZ', name: 'Hospital General de Zona', defaultLevel: 2 },
  { code: 'HGSZ', name: 'Hospital General de Subzona', defaultLevel: 2 },
  { code: 'HGO', name: 'Hospital de Gineco-Obstetricia', defaultLevel: 2 },
  { code: 'HP', name: 'Hospital de Psiquiatría', defaultLevel: 2 },
  { code: 'UMF', name: 'Unidad de Medicina Familiar', defaultLevel: 1 },
  { code: 'UMF_UMAA', name: 'UMF con Unidad Médica de Atención Ambulatoria', defaultLevel: 1 },
];

/**
 * Loads the institutional catalogue shipped with SIREM: the 35 OOAD, the 25 UMAE (catalogs/*.csv),
 * unit types, the 73 specialties with one national course each, and the academic cycles up to the
 * current one. Runs once, on an empty database.
 */
export async function loadCatalogue(db: Db, today = new Date()): Promise<boolean> {
  if ((await db.$count(ooads)) > 0) return false;
  await db.transaction(async (tx) => {
    await tx.insert(unitTypes).values(UNIT_TYPES);
    const ooadRows = data('ooad.csv').map((r, i) => ({ code: String(i + 1).padStart(2, '0'), name: r.name, stateCode: r.state_code, validFrom: '2018-01-01' }));
    const inserted = await tx.insert(ooads).values(ooadRows).returning({ id: ooads.id, name: ooads.name });
    const ooadId = new Map(inserted.map((o) => [o.name, o.id]));
    await tx.insert(units).values(
      data('umae.csv').map((r) => ({
        clues: r.clues || null,
        name: r.name,
        unitTypeCode: 'UMAE',
        levelOfCare: 3,
        ooadId: ooadId.get(r.ooad_state) ?? 0,
        city: r.city,
        umaeNumber: Number(r.number),
        validFrom: '2018-01-01',
      })),
    );
    await insertSpecialties(tx);
    const year = today.getUTCMonth() >= 2 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
    const cycles = [];
    for (let y = year - 6; y <= year + 1; y++) {
      const c = cycleForStartYear(y);
      cycles.push({ code: c.code, startsOn: c.startsOn, endsOn: c.endsOn, validFrom: c.startsOn });
    }
    await tx.insert(academicCycles).values(cycles);
  });
  return true;
}

async function insertSpecialties(tx: Db) {
  const rows = data('specialties.csv');
  const inserted = await tx
    .insert(specialties)
    .values(rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, durationYears: Number(r.duration_years), entryType: r.entry_type, validFrom: '2018-01-01' })))
    .returning({ id: specialties.id, code: specialties.code, name: specialties.name });
  const byCode = new Map(inserted.map((s) => [s.code, s.id]));
  for (const r of rows.filter((x) => x.prerequisite_code)) {
    await tx
      .update(specialties)
      .set({ prerequisiteSpecialtyId: byCode.get(r.prerequisite_code), prerequisiteYears: Number(r.prerequisite_years) })
      .where(eq(specialties.code, r.code));
  }
  await tx.insert(courses).values(
    inserted.map((s) => ({
      specialtyId: s.id,
      name: `Curso de Especialización en ${s.name}`,
      validFrom: '2018-01-01',
    })),
  );
}
