import { eq } from 'drizzle-orm';
import { bulkInsert } from '../bulk.ts';
import type { Db } from '../client.ts';
import { units } from '../schema/catalog.ts';
import { backlogSnapshots, bedCapacity } from '../schema/jornadas.ts';
import { apportion } from './national/random.ts';

// Waiting lists shrink around the demo Jornadas (23–25 April and 14–16 May 2021).
const SNAPSHOTS: [string, number][] = [['2021-04-15', 1], ['2021-05-13', 0.82], ['2021-05-17', 0.61], ['2021-06-30', 0.55]];
// Bulletin 003: 1,800 beds reconverted for COVID being returned to ordinary use.
const BEDS: [string, number][] = [['2022-01-15', 1800], ['2022-06-30', 950], ['2022-12-31', 0]];

/** Demonstration waiting lists and bed reconversion at the 25 UMAE. Runs once. */
export async function loadDemoBacklog(db: Db) {
  if ((await db.$count(backlogSnapshots)) > 0) return;
  const umaes = await db.select({ id: units.id }).from(units).where(eq(units.unitTypeCode, 'UMAE')).orderBy(units.id);
  if (!umaes.length) return;
  const snapshots = umaes.flatMap((u, i) =>
    SNAPSHOTS.flatMap(([takenOn, f]) => [
      { unitId: u.id, service: 'Consulta externa', category: 'consultas', takenOn, waiting: Math.round((1200 + ((i * 173) % 900)) * f) },
      { unitId: u.id, service: 'Quirófano', category: 'cirugias_programadas', takenOn, waiting: Math.round((300 + ((i * 61) % 250)) * f) },
    ]),
  );
  const beds = BEDS.flatMap(([takenOn, total]) => {
    const parts = apportion(total, umaes.map((_, i) => 3 + (i % 5)));
    return umaes.map((u, i) => ({ unitId: u.id, takenOn, reconvertedBeds: parts[i] ?? 0, ordinaryBeds: 250 + ((i * 37) % 200) - (parts[i] ?? 0), note: 'Demostración' }));
  });
  await bulkInsert(db, backlogSnapshots, snapshots);
  await bulkInsert(db, bedCapacity, beds);
}
