import { and, eq, inArray, sql } from 'drizzle-orm';
import { bulkInsert } from '../bulk.ts';
import type { Db } from '../client.ts';
import { activityRecords, codeVersions } from '../schema/activity.ts';
import { courses, sedes, specialties } from '../schema/catalog.ts';
import { facultyAppointments, residents } from '../schema/people.ts';

export async function readCodeVersionIds(db: Db) {
  const rows = await db.select({ id: codeVersions.id, system: codeVersions.system }).from(codeVersions).where(eq(codeVersions.current, true));
  return { cie10: rows.find((r) => r.system === 'cie10')?.id ?? null, cie9mc: rows.find((r) => r.system === 'cie9mc')?.id ?? null };
}

const SURGICAL = ['CIG', 'GYO', 'OFT', 'ORL', 'NCI', 'TYO', 'URO', 'CPE', 'CPR'];
const SCREENINGS = ['deteccion_diabetes', 'deteccion_hipertension', 'deteccion_mastografia', 'deteccion_exploracion_mama', 'deteccion_cacu'];
const CODES: Record<string, [string | null, string | null]> = {
  cirugia: ['K80.2', '51.23'],
  consulta_especialidad: ['I10', null],
  consulta_medicina_familiar: ['E11.9', null],
  deteccion_mastografia: ['Z12.3', null],
  deteccion_exploracion_mama: ['Z12.3', null],
  deteccion_diabetes: ['Z13.1', null],
  deteccion_hipertension: ['Z13.6', null],
  deteccion_cacu: ['Z12.4', null],
};
const AGE_BANDS = ['15-29', '30-44', '45-59', '60+'];

/**
 * Entries logged by residents during a Jornada, at their own sede's unit, in a kind that fits
 * their specialty; most are verified by the profesor titular. Returns how many of each category.
 */
export async function demoResidentRecords(db: Db, j: { id: number; startsOn: string; endsOn: string }, wanted: number, versions: { cie10: number | null; cie9mc: number | null }) {
  const perResident = 4;
  const people = await db
    .select({ id: residents.id, sedeId: residents.sedeId, unitId: sedes.unitId, specialty: specialties.code })
    .from(residents)
    .innerJoin(sedes, eq(sedes.id, residents.sedeId))
    .innerJoin(courses, eq(courses.id, sedes.courseId))
    .innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .where(eq(residents.status, 'activo'))
    .orderBy(residents.id)
    .limit(Math.ceil(wanted / perResident));
  const counts = new Map<string, number>();
  if (!people.length) return counts;
  const titulars = await db
    .select({ sedeId: facultyAppointments.sedeId, personId: sql<number>`min(${facultyAppointments.personId})` })
    .from(facultyAppointments)
    .where(and(inArray(facultyAppointments.sedeId, [...new Set(people.map((p) => p.sedeId))]), eq(facultyAppointments.role, 'titular')))
    .groupBy(facultyAppointments.sedeId);
  const titular = new Map(titulars.map((t) => [t.sedeId, Number(t.personId)]));
  const rows: Record<string, unknown>[] = [];
  const day = (n: number) => new Date(Date.parse(j.startsOn) + (n % 3) * 86_400_000).toISOString().slice(0, 10);
  for (const [i, p] of people.entries()) {
    for (let k = 0; k < perResident && rows.length < wanted; k++) {
      const kind = p.specialty === 'MFA' ? (k % 2 ? 'consulta_medicina_familiar' : (SCREENINGS[(i + k) % SCREENINGS.length] as string)) : SURGICAL.includes(p.specialty) ? 'cirugia' : 'consulta_especialidad';
      const [dx, px] = CODES[kind] ?? [null, null];
      const supervisor = titular.get(p.sedeId) ?? null;
      rows.push({
        residentId: p.id, sedeId: p.sedeId, performedOn: day(i + k), unitId: p.unitId, service: kind === 'cirugia' ? 'Quirófano' : 'Consulta externa', kind,
        supervision: supervisor ? 'realiza_supervisado' : 'realiza', supervisorPersonId: supervisor,
        diagnosisCode: dx, diagnosisVersionId: dx ? versions.cie10 : null, procedureCode: px, procedureVersionId: px ? versions.cie9mc : null,
        ageBand: AGE_BANDS[(i + k) % AGE_BANDS.length], sex: (i + k) % 2 ? 'M' : 'H', jornadaId: j.id,
        status: supervisor && (i + k) % 5 ? 'verificada' : 'registrada', clientKey: `demo-j${j.id}-${p.id}-${k}`,
      });
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
  }
  await bulkInsert(db, activityRecords, rows);
  return counts;
}
