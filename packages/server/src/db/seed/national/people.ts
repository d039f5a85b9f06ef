import { buildCurp, CURP_STATES, cycleForStartYear } from '@sirem/core';
import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { bulkInsert } from '../../bulk.ts';
import type { Db } from '../../client.ts';
import { academicCycles, courses, sedes, specialties, units } from '../../schema/catalog.ts';
import { enrolments, facultyAppointments, persons, residentEvents, residents } from '../../schema/people.ts';
import { FEMALE_NAMES, FOREIGN_COUNTRIES, FOREIGN_SURNAMES, MALE_NAMES, SURNAMES } from './names.ts';
import { apportion, type Random } from './random.ts';
import { specialtyWeight } from './units.ts';

export const PEOPLE_TARGETS = { residents: 26_350, foreign: 143, teachers: 12_100, hiredShare: 0.87, graduateCycles: 2 };

type Person = typeof persons.$inferInsert;
type SedeInfo = { id: number; unitId: number; ooadId: number; code: string; entryType: string; duration: number; weight: number };

const insertMany = (tx: Db, table: PgTable, rows: Record<string, unknown>[], withIds: boolean) => bulkInsert(tx, table, rows, { returnIds: withIds });

export function personFactory(random: Random) {
  const curps = new Set<string>();
  let matricula = 98_000_000;
  let tempKeys = 0;
  return {
    mexican(birthYear: number, sex?: 'H' | 'M'): Person {
      const s = sex ?? (random.next() < 0.56 ? 'M' : 'H');
      const givenNames = random.pick(s === 'M' ? FEMALE_NAMES : MALE_NAMES);
      const firstSurname = random.pick(SURNAMES);
      const secondSurname = random.next() < 0.97 ? random.pick(SURNAMES) : null;
      const birthDate = `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      const stateCode = random.pick(CURP_STATES.slice(0, 32));
      let curp = '';
      for (let homonym = random.int(0, 9); !curp || curps.has(curp); homonym++) curp = buildCurp({ firstSurname, secondSurname, givenNames, birthDate, sex: s, stateCode, homonym });
      curps.add(curp);
      return { keyType: 'curp', curp, givenNames, firstSurname, secondSurname, sex: s, birthDate, nationality: 'MEX', matricula: String(++matricula), validFrom: '2018-01-01' };
    },
    foreign(birthYear: number, country: string): Person {
      const s = random.next() < 0.5 ? 'M' : 'H';
      return {
        keyType: 'temporal', tempKey: `TMP-${birthYear + 27}-${String(++tempKeys).padStart(6, '0')}`, givenNames: random.pick(s === 'M' ? FEMALE_NAMES : MALE_NAMES),
        firstSurname: random.pick(FOREIGN_SURNAMES), secondSurname: random.pick(SURNAMES), sex: s,
        birthDate: `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`, nationality: country, matricula: String(++matricula), validFrom: '2018-01-01',
      };
    },
  };
}

/** National residents split by specialty (weight × years), then evenly among each specialty's sedes. */
function residentsPerSede(info: SedeInfo[]): number[] {
  const codes = [...new Set(info.map((s) => s.code))];
  const bySpecialty = apportion(PEOPLE_TARGETS.residents, codes.map((c) => info.find((s) => s.code === c)?.weight ?? 0));
  const result = new Array<number>(info.length).fill(0);
  codes.forEach((code, k) => {
    const idx = info.flatMap((s, i) => (s.code === code ? [i] : []));
    apportion(bySpecialty[k] ?? 0, idx.map(() => 1)).forEach((n, j) => (result[idx[j] as number] = n));
  });
  return result;
}

export async function sedeInfo(tx: Db): Promise<SedeInfo[]> {
  const rows = await tx
    .select({ id: sedes.id, unitId: sedes.unitId, ooadId: units.ooadId, code: specialties.code, entryType: specialties.entryType, duration: specialties.durationYears })
    .from(sedes).innerJoin(units, eq(units.id, sedes.unitId)).innerJoin(courses, eq(courses.id, sedes.courseId)).innerJoin(specialties, eq(specialties.id, courses.specialtyId))
    .orderBy(sedes.id);
  return rows.map((r) => ({ ...r, weight: specialtyWeight(r.code, r.entryType) * r.duration }));
}

/**
 * Residents of the current cycle with their earlier enrolments and events, graduates of the
 * previous cycles (most of them hired), and the faculty of every sede.
 */
export async function generatePeople(tx: Db, random: Random, currentStartYear: number, report: (msg: string) => void, graduateCycles = PEOPLE_TARGETS.graduateCycles) {
  const cycles = new Map((await tx.select().from(academicCycles)).map((c) => [c.startsOn.slice(0, 4), c]));
  const cycleOf = (year: number) => {
    const c = cycles.get(String(year));
    if (!c) throw new Error(`Falta el ciclo ${cycleForStartYear(year).code} en el catálogo.`);
    return c;
  };
  const info = await sedeInfo(tx);
  const make = personFactory(random);
  const perSede = residentsPerSede(info);
  const foreignAt = new Set<number>();
  const anesthesiaOrOrtho = [...perSede.keys()].filter((i) => ['ANE', 'TYO'].includes(info[i]?.code ?? ''));
  type Plan = { sede: SedeInfo; grade: number; person: Person; status: 'activo' | 'egresado'; lastYear: number };
  const plans: Plan[] = [];
  info.forEach((sede, i) => {
    const grades = apportion(perSede[i] ?? 0, Array.from({ length: sede.duration }, (_, g) => 1 - g * 0.03));
    grades.forEach((count, g) => {
      for (let k = 0; k < count; k++) plans.push({ sede, grade: g + 1, person: make.mexican(currentStartYear - 26 - g - random.int(0, 5)), status: 'activo', lastYear: currentStartYear });
    });
  });
  while (foreignAt.size < PEOPLE_TARGETS.foreign) {
    const bigSede = random.next() < 0.55 && anesthesiaOrOrtho.length ? info[random.pick(anesthesiaOrOrtho)]?.id : undefined;
    const idx = bigSede ? plans.findIndex((p, j) => !foreignAt.has(j) && p.sede.id === bigSede) : random.int(0, plans.length - 1);
    if (idx < 0 || foreignAt.has(idx)) continue;
    foreignAt.add(idx);
    const plan = plans[idx] as Plan;
    plan.person = make.foreign(Number(plan.person.birthDate.slice(0, 4)), random.pick(FOREIGN_COUNTRIES)[0]);
  }
  for (let back = 1; back <= graduateCycles; back++) {
    const year = currentStartYear - back;
    info.forEach((sede, i) => {
      const graduates = Math.round(((perSede[i] ?? 0) / sede.duration) * (0.9 - back * 0.03));
      for (let k = 0; k < graduates; k++) plans.push({ sede, grade: sede.duration, person: make.mexican(year - 27 - sede.duration - random.int(0, 4)), status: 'egresado', lastYear: year });
    });
  }
  report(`Personas: ${plans.length} residentes y egresados`);
  const personIds = await insertMany(tx, persons, plans.map((p) => p.person), true);
  const residentRows = plans.map((p, i) => {
    const entryYear = p.lastYear - (p.grade - 1);
    const last = cycleOf(p.lastYear);
    const hired = p.status === 'egresado' ? random.next() < PEOPLE_TARGETS.hiredShare : null;
    return {
      personId: personIds[i] as number, sedeId: p.sede.id, status: p.status, grade: p.grade, cycleId: last.id, entryCycleId: cycleOf(entryYear).id,
      examFolio: `ENARM-${entryYear - 1}-${String(i + 1).padStart(6, '0')}`, examScore: String(random.int(5800, 8900) / 100),
      graduatedOn: p.status === 'egresado' ? last.endsOn : null, diplomaNumber: p.status === 'egresado' ? `DIP-${p.lastYear + 1}-${String(i + 1).padStart(6, '0')}` : null,
      hired, hiredUnitId: hired ? p.sede.unitId : null, hiredOn: hired ? `${p.lastYear + 1}-04-${String(random.int(1, 30)).padStart(2, '0')}` : null,
    };
  });
  const residentIds = await insertMany(tx, residents, residentRows, true);
  report(`Residentes: ${residentIds.length}`);
  const enrolRows: (typeof enrolments.$inferInsert)[] = [];
  const eventRows: (typeof residentEvents.$inferInsert)[] = [];
  plans.forEach((p, i) => {
    const residentId = residentIds[i] as number;
    const personId = personIds[i] as number;
    for (let g = 1; g <= p.grade; g++) {
      const cycle = cycleOf(p.lastYear - (p.grade - g));
      const outcome = g < p.grade ? 'promueve' : p.status === 'egresado' ? 'egresa' : null;
      enrolRows.push({ residentId, personId, cycleId: cycle.id, sedeId: p.sede.id, grade: g, outcome });
      if (g === 1) {
        eventRows.push({ residentId, kind: 'alta', occurredOn: cycle.startsOn, toStatus: 'alta', cycleId: cycle.id });
        eventRows.push({ residentId, kind: 'inicio', occurredOn: cycle.startsOn, fromStatus: 'alta', toStatus: 'activo', cycleId: cycle.id });
      } else eventRows.push({ residentId, kind: 'promocion', occurredOn: cycle.startsOn, fromStatus: 'activo', toStatus: 'activo', cycleId: cycle.id, details: { grade: g } });
    }
    if (p.status === 'egresado') {
      const row = residentRows[i] as (typeof residentRows)[number];
      eventRows.push({ residentId, kind: 'egreso', occurredOn: row.graduatedOn as string, fromStatus: 'activo', toStatus: 'egresado', cycleId: row.cycleId });
      eventRows.push({ residentId, kind: 'contratacion', occurredOn: row.hiredOn ?? (row.graduatedOn as string), fromStatus: 'egresado', toStatus: 'egresado', details: { hired: row.hired } });
    }
  });
  await insertMany(tx, enrolments, enrolRows, false);
  await insertMany(tx, residentEvents, eventRows, false);
  report(`Inscripciones por ciclo: ${enrolRows.length}; movimientos: ${eventRows.length}`);
  await generateFaculty(tx, random, info, perSede, make, currentStartYear);
}

async function generateFaculty(tx: Db, random: Random, info: SedeInfo[], perSede: number[], make: ReturnType<typeof personFactory>, year: number) {
  const adjuntos = info.map((_, i) => 2 + Math.ceil((perSede[i] ?? 0) / 14));
  const fixed = info.length + adjuntos.reduce((s, n) => s + n, 0);
  const tutors = apportion(Math.max(0, PEOPLE_TARGETS.teachers - fixed), perSede);
  const roles: { sedeId: number; role: string }[] = [];
  info.forEach((sede, i) => {
    roles.push({ sedeId: sede.id, role: 'titular' });
    for (let k = 0; k < (adjuntos[i] ?? 0); k++) roles.push({ sedeId: sede.id, role: 'adjunto' });
    for (let k = 0; k < (tutors[i] ?? 0); k++) roles.push({ sedeId: sede.id, role: 'tutor' });
  });
  const ids = await insertMany(tx, persons, roles.map(() => ({ ...make.mexican(year - random.int(32, 62)), cedulaEspecialidad: String(random.int(1_000_000, 13_999_999)), cedulaEspecialidadVerified: random.next() < 0.8 })), true);
  await insertMany(tx, facultyAppointments, roles.map((r, i) => ({ personId: ids[i] as number, sedeId: r.sedeId, role: r.role, startsOn: `${year - random.int(0, 12)}-03-01` })), false);
}
