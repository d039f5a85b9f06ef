import { eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { courses, ooads, sedes, specialties, units } from '../../schema/catalog.ts';
import { apportion, type Random } from './random.ts';

/** Bulletin 001/002 targets: 25 UMAE (shipped), 11 complementary units, 351 other receiving units, 254 sedes. */
export const TARGETS = { complementary: 11, otherUnits: 351, sedes: 254 };

const BIG_OOADS = ['Ciudad de México Norte', 'Ciudad de México Sur', 'México Oriente', 'México Poniente', 'Jalisco', 'Nuevo León', 'Veracruz Norte', 'Veracruz Sur', 'Guanajuato', 'Puebla', 'Chihuahua', 'Sonora', 'Baja California', 'Coahuila'];
const OTHER_TYPES = [
  ['HGZ', 0.4, 'Hospital General de Zona', [90, 260]],
  ['HGR', 0.1, 'Hospital General Regional', [150, 420]],
  ['HGSZ', 0.06, 'Hospital General de Subzona', [24, 60]],
  ['HGO', 0.04, 'Hospital de Gineco-Obstetricia', [60, 160]],
  ['HP', 0.03, 'Hospital de Psiquiatría', [50, 120]],
  ['UMF', 0.38, 'Unidad de Medicina Familiar', [0, 0]],
] as const;

/** Adds complementary and other units until the national counts are met; returns nothing new when they already are. */
export async function ensureUnits(tx: Db, random: Random) {
  const allOoads = await tx.select().from(ooads).orderBy(ooads.id);
  const umaes = await tx.select().from(units).where(eq(units.unitTypeCode, 'UMAE')).orderBy(units.umaeNumber);
  const ucCount = await tx.$count(units, eq(units.unitTypeCode, 'UC'));
  const otherCount = await tx.$count(units, notInArray(units.unitTypeCode, ['UMAE', 'UC']));
  const withUc = new Set((await tx.select({ p: units.parentUnitId }).from(units).where(eq(units.unitTypeCode, 'UC'))).map((r) => r.p));
  let n = 0;
  const clues = (state: string) => `${state}IMS8${String(++n).padStart(5, '0')}`;
  const ucRows = umaes
    .filter((u) => !withUc.has(u.id))
    .slice(0, Math.max(0, TARGETS.complementary - ucCount))
    .map((u, i) => ({ clues: clues(u.clues?.slice(0, 2) ?? 'DF'), name: `Unidad Complementaria ${ucCount + i + 1} de ${u.name}`, unitTypeCode: 'UC', levelOfCare: 3, ooadId: u.ooadId, parentUnitId: u.id, camasCensables: random.int(20, 60), city: u.city, validFrom: '2018-01-01' }));
  if (ucRows.length) await tx.insert(units).values(ucRows);
  const missing = Math.max(0, TARGETS.otherUnits - otherCount);
  const perOoad = apportion(missing, allOoads.map((o) => (BIG_OOADS.includes(o.name) ? 2.5 : 1)));
  const perType = new Map<string, number>();
  const rows = allOoads.flatMap((o, i) =>
    Array.from({ length: perOoad[i] ?? 0 }, () => {
      const [code, , label, [minBeds, maxBeds]] = random.weighted(OTHER_TYPES.map((t) => [t, t[1]] as const));
      const number = (perType.get(code) ?? 100) + 1;
      perType.set(code, number);
      return { clues: clues(o.stateCode), name: `${label} No. ${number}, ${o.name}`, unitTypeCode: code, levelOfCare: code === 'UMF' ? 1 : 2, ooadId: o.id, camasCensables: random.int(minBeds, maxBeds), city: o.name, validFrom: '2018-01-01' };
    }),
  );
  for (let i = 0; i < rows.length; i += 500) await tx.insert(units).values(rows.slice(i, i + 500));
}

/** Residents per specialty, relative: family medicine and the big four dominate, branch specialties are small. */
export function specialtyWeight(code: string, entryType: string): number {
  const big: Record<string, number> = { MFA: 20, ANE: 7, MIN: 8, CIG: 6, GYO: 6, PED: 6, MUR: 6, TYO: 5, IMG: 4, PSI: 2, OFT: 2, ORL: 1.5, URO: 1.2, GER: 1.2, MFR: 1.2 };
  return big[code] ?? (entryType === 'rama' ? 0.45 : 0.9);
}

const HOSPITAL_FOR = (code: string) => (code === 'MFA' ? ['UMF'] : ['MIN', 'CIG', 'GYO', 'PED', 'ANE', 'MUR', 'TYO', 'IMG', 'GER', 'MFR'].includes(code) ? ['HGZ', 'HGR', 'HGO'] : code === 'PSI' ? ['HP', 'HGR'] : ['UMAE']);

/** Opens sedes until there are 254: every specialty somewhere, then more of the common ones. */
export async function ensureSedes(tx: Db, random: Random) {
  const existing = await tx.select({ courseId: sedes.courseId, unitId: sedes.unitId }).from(sedes);
  const taken = new Set(existing.map((s) => `${s.courseId}:${s.unitId}`));
  const list = await tx.select({ courseId: courses.id, code: specialties.code, entryType: specialties.entryType, duration: specialties.durationYears }).from(courses).innerJoin(specialties, eq(specialties.id, courses.specialtyId)).orderBy(specialties.code);
  const allUnits = await tx.select({ id: units.id, type: units.unitTypeCode }).from(units).where(inArray(units.unitTypeCode, ['UMAE', 'HGZ', 'HGR', 'HGO', 'HP', 'UMF'])).orderBy(units.id);
  const byType = (types: string[]) => allUnits.filter((u) => types.includes(u.type));
  const withSede = new Set(existing.map((s) => s.courseId));
  const rows: { courseId: number; unitId: number; placesPerGrade: number[]; validFrom: string }[] = [];
  const open = (c: (typeof list)[number]) => {
    const candidates = byType(HOSPITAL_FOR(c.code)).filter((u) => !taken.has(`${c.courseId}:${u.id}`));
    if (!candidates.length) return false;
    const unit = random.pick(candidates);
    taken.add(`${c.courseId}:${unit.id}`);
    const places = Math.max(2, Math.round(specialtyWeight(c.code, c.entryType) * 1.5));
    rows.push({ courseId: c.courseId, unitId: unit.id, placesPerGrade: Array.from({ length: c.duration }, () => places), validFrom: '2018-03-01' });
    return true;
  };
  for (const c of list) if (!withSede.has(c.courseId)) open(c);
  const weights = list.map((c) => [c, specialtyWeight(c.code, c.entryType)] as const);
  for (let guard = 0; existing.length + rows.length < TARGETS.sedes && guard < 10_000; guard++) open(random.weighted(weights));
  if (rows.length) await tx.insert(sedes).values(rows);
}
