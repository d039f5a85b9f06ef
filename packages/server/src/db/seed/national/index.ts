import { randomBytes } from 'node:crypto';
import { type GrantInput, cycleForDate } from '@sirem/core';
import { and, eq, isNull } from 'drizzle-orm';
import { createUser } from '../../../access/users-service.ts';
import { systemCtx } from '../../../http/system-actor.ts';
import type { Db } from '../../client.ts';
import { users } from '../../schema/access.ts';
import { sedes, units } from '../../schema/catalog.ts';
import { facultyAppointments, persons, residents } from '../../schema/people.ts';
import { clinicalServices } from '../../schema/rotations.ts';
import { generatePeople } from './people.ts';
import { seededRandom } from './random.ts';
import { ensureSedes, ensureUnits } from './units.ts';

/**
 * `seed` and `today` (the day that fixes the current cycle) determine every generated row;
 * `graduateCycles` is how many earlier cycles of graduates to generate (2 unless told otherwise).
 */
export type NationalOptions = { seed?: number; today?: Date; demoPassword?: string; graduateCycles?: number; report?: (msg: string) => void };
export type DemoAccount = { username: string; role: string; scope: string };

/**
 * The national institution of the bulletins, generated deterministically from a seed on top of
 * the shipped catalogue: units, 254 sedes, 26,350 residents, graduates of earlier cycles, faculty,
 * and one demo account per role. Runs once (skipped when residents already exist).
 */
export async function loadNationalData(db: Db, options: NationalOptions = {}) {
  const report = options.report ?? (() => {});
  if ((await db.$count(residents)) > 0) return null;
  const random = seededRandom(options.seed ?? 2026);
  const startYear = Number(cycleForDate((options.today ?? new Date()).toISOString().slice(0, 10)).code.slice(0, 4));
  await db.transaction(async (tx) => {
    await ensureUnits(tx, random);
    await ensureSedes(tx, random);
    report('Unidades y sedes listas');
    await generatePeople(tx, random, startYear, report, options.graduateCycles);
  });
  const password = options.demoPassword ?? randomBytes(9).toString('base64url');
  const accounts = await createDemoAccounts(db, password);
  return { password, accounts };
}

/** The service the demo jefe de servicio heads: the unit's first, or an emergency service made for the demo. */
async function demoService(db: Db, unitId: number) {
  const [existing] = await db.select({ id: clinicalServices.id }).from(clinicalServices).where(eq(clinicalServices.unitId, unitId)).orderBy(clinicalServices.id).limit(1);
  if (existing) return existing.id;
  const [created] = await db.insert(clinicalServices).values({ unitId, name: 'Urgencias', capacityPerGrade: [4, 4, 4, 4] }).returning({ id: clinicalServices.id });
  return created?.id ?? null;
}

async function createDemoAccounts(db: Db, password: string): Promise<DemoAccount[]> {
  const [resident] = await db.select({ personId: residents.personId, sedeId: residents.sedeId }).from(residents).where(eq(residents.status, 'activo')).orderBy(residents.id).limit(1);
  if (!resident) return [];
  const [sede] = await db.select({ unitId: sedes.unitId, ooadId: units.ooadId }).from(sedes).innerJoin(units, eq(units.id, sedes.unitId)).where(eq(sedes.id, resident.sedeId));
  const facultyOf = async (role: string) => {
    const [row] = await db.select({ personId: facultyAppointments.personId }).from(facultyAppointments).where(and(eq(facultyAppointments.sedeId, resident.sedeId), eq(facultyAppointments.role, role))).orderBy(facultyAppointments.id).limit(1);
    return row?.personId ?? null;
  };
  const demo: { username: string; grant: GrantInput; personId: number | null }[] = [
    { username: 'residente', grant: { role: 'residente', scopeKind: 'self' }, personId: resident.personId },
    { username: 'titular', grant: { role: 'profesor_titular', scopeKind: 'sede', sedeId: resident.sedeId }, personId: await facultyOf('titular') },
    { username: 'adjunto', grant: { role: 'profesor_adjunto', scopeKind: 'sede', sedeId: resident.sedeId }, personId: await facultyOf('adjunto') },
    { username: 'tutor', grant: { role: 'tutor', scopeKind: 'sede', sedeId: resident.sedeId }, personId: await facultyOf('tutor') },
    { username: 'jefe', grant: { role: 'jefe_servicio', scopeKind: 'unit', unitId: sede.unitId, serviceId: await demoService(db, sede.unitId) }, personId: null },
    { username: 'cceis', grant: { role: 'coordinador_educacion', scopeKind: 'unit', unitId: sede.unitId }, personId: null },
    { username: 'ooad', grant: { role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: sede.ooadId }, personId: null },
    { username: 'central', grant: { role: 'nivel_central', scopeKind: 'national' }, personId: null },
    { username: 'enlace', grant: { role: 'enlace_salud_mental', scopeKind: 'national' }, personId: null },
    { username: 'comite', grant: { role: 'comite_etica', scopeKind: 'national' }, personId: null },
  ];
  const created: DemoAccount[] = [];
  for (const d of demo) {
    if ((await db.$count(users, eq(users.username, d.username))) > 0) continue;
    const user = await createUser(systemCtx(db), { username: d.username, displayName: `Demo ${d.grant.role}`, password, grants: [d.grant] }, { mustChangePassword: false });
    if (d.personId) await db.update(persons).set({ userId: user.id }).where(and(eq(persons.id, d.personId), isNull(persons.userId)));
    created.push({ username: d.username, role: d.grant.role, scope: d.grant.scopeKind });
  }
  return created;
}
