import { readFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { bulkInsert } from '../bulk.ts';
import type { Db } from '../client.ts';
import { ooads, units } from '../schema/catalog.ts';
import { jornadaPlans, jornadas, jornadaUnitCounts } from '../schema/jornadas.ts';
import { apportion } from './national/random.ts';
import { demoResidentRecords, readCodeVersionIds } from './jornada-records.ts';

type DemoJornada = { number: number; name: string; startsOn: string; endsOn: string; totals: Record<string, number>; residentRecords: number };
const DEMO: DemoJornada[] = JSON.parse(readFileSync(new URL('./data/jornadas-demo.json', import.meta.url), 'utf8'));

/** Where each category is delivered: family medicine in UMF, surgery and specialty consults in hospitals, screenings in both. */
const PLACES: Record<string, string[]> = {
  cirugia: ['HGZ', 'UMAE'],
  consulta_especialidad: ['HGZ', 'UMAE'],
  consulta_medicina_familiar: ['UMF'],
};
const SCREENING = ['UMF', 'HGZ'];
const DAY_SHARE = [40, 35, 25];

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/**
 * Two demonstration Jornadas on the 35 OOAD and 25 UMAE. The second reproduces bulletin 004: its
 * report totals come out of residents' activity records (when the institution has residents)
 * plus each unit's own counts for the rest, kept apart as in real operation. Runs once.
 */
export async function loadDemoJornadas(db: Db) {
  if ((await db.$count(jornadas)) > 0) return;
  await db.transaction(async (tx) => {
    const allOoads = (await tx.select({ id: ooads.id }).from(ooads)).map((o) => o.id);
    const umaes = await tx.select({ id: units.id, type: units.unitTypeCode }).from(units).where(eq(units.unitTypeCode, 'UMAE')).orderBy(units.id);
    const others = await tx.select({ id: units.id, type: units.unitTypeCode }).from(units).where(and(inArray(units.unitTypeCode, ['HGZ', 'UMF']), sql`${units.name} like '%(demo)%'`)).orderBy(units.id);
    const places = [...umaes, ...others];
    const versions = await readCodeVersionIds(tx);
    for (const demo of DEMO) {
      const categories = Object.keys(demo.totals);
      const [j] = await tx.insert(jornadas).values({ number: demo.number, name: demo.name, startsOn: demo.startsOn, endsOn: demo.endsOn, ooadIds: allOoads, umaeIds: umaes.map((u) => u.id), categories }).returning();
      const fromRecords = demo.residentRecords ? await demoResidentRecords(tx, j, demo.residentRecords, versions) : new Map<string, number>();
      const counts: Record<string, unknown>[] = [];
      const plans: Record<string, unknown>[] = [];
      const dayList = days(demo.startsOn, demo.endsOn);
      for (const category of categories) {
        const eligible = places.filter((u) => (PLACES[category] ?? SCREENING).includes(u.type));
        const rest = (demo.totals[category] ?? 0) - (fromRecords.get(category) ?? 0);
        const perUnit = apportion(rest, eligible.map((u, i) => 5 + ((u.id * 7 + i * 3) % 13)));
        eligible.forEach((u, i) => {
          const share = perUnit[i] ?? 0;
          plans.push({ jornadaId: j.id, unitId: u.id, category, planned: Math.round(share * (0.85 + ((u.id * 11) % 30) / 100)) });
          apportion(share, DAY_SHARE.slice(0, dayList.length)).forEach((count, d) => {
            if (count > 0) counts.push({ jornadaId: j.id, unitId: u.id, day: dayList[d], category, count, note: 'Captura de la unidad (demostración)' });
          });
        });
      }
      await bulkInsert(tx, jornadaPlans, plans);
      await bulkInsert(tx, jornadaUnitCounts, counts);
    }
  });
}
