import type postgres from 'postgres';
import { bulkLoad } from './data-context.ts';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const KINDS = ['cirugia', 'consulta_especialidad', 'consulta_medicina_familiar', 'deteccion_mastografia', 'deteccion_exploracion_mama', 'deteccion_diabetes', 'deteccion_hipertension', 'deteccion_cacu'];

/**
 * Generates `rows` activity entries server-side (INSERT … SELECT over generate_series) for the
 * active residents, one in ten during Jornada `jornadaId` (14–16 May 2021), four in five verified.
 * The load runs with the secondary indexes dropped and the triggers off (`bulkLoad`), so the
 * Jornada tallies the insert trigger would keep are computed afterwards from the entries, as
 * migration 0015 first filled them.
 */
export async function generateRecords(sql: postgres.Sql, rows: number, jornadaId: number) {
  const one = await sql.reserve();
  try {
    await one.unsafe(`create temp table bench_r as
      select (row_number() over (order by r.id) - 1)::int as k, r.id, r.sede_id, s.unit_id from residents r join sedes s on s.id = r.sede_id where r.status = 'activo'`);
    const [{ n }] = await one.unsafe<{ n: number }[]>('select count(*)::int as n from bench_r');
    const kinds = `array[${KINDS.map((k) => `'${k}'`).join(',')}]`;
    const chunk = 1_000_000;
    await bulkLoad(one, 'activity_records', async () => {
      for (let from = 0; from < rows; from += chunk) {
        const to = Math.min(rows, from + chunk) - 1;
        await one.unsafe(`insert into activity_records (resident_id, sede_id, performed_on, unit_id, service, kind, supervision, age_band, sex, status, jornada_id)
          select r.id, r.sede_id,
                 case when g % 10 = 0 then date '2021-05-14' + (g % 3) else date '2021-03-01' + (g % 2000) end,
                 r.unit_id, 'Consulta externa', (${kinds})[1 + (g / 7) % 8], 'realiza', '30-44', case when g % 2 = 0 then 'H' else 'M' end,
                 case when g % 5 = 0 then 'registrada' else 'verificada' end,
                 case when g % 10 = 0 then ${jornadaId} end
          from generate_series(${from}, ${to}) g join bench_r r on r.k = g % ${n}`);
      }
    });
    await one.unsafe('drop table bench_r');
    await one.unsafe('delete from jornada_tallies');
    await one.unsafe('delete from jornada_participant_tallies');
    await one.unsafe(`insert into jornada_tallies (jornada_id, unit_id, kind, day, n)
      select jornada_id, unit_id, kind, performed_on, count(*) from activity_records where jornada_id is not null and status <> 'devuelta' group by 1, 2, 3, 4`);
    await one.unsafe(`insert into jornada_participant_tallies (jornada_id, resident_id, n)
      select jornada_id, resident_id, count(*) from activity_records where jornada_id is not null and status <> 'devuelta' group by 1, 2`);
    await one.unsafe('vacuum analyze activity_records');
    return n;
  } finally {
    one.release();
  }
}

/** A direct count forced to read the whole table, the baseline each report is checked against. */
export async function fullScan<T extends object>(sql: postgres.Sql, query: string): Promise<{ rows: T[]; ms: number }> {
  return sql.begin(async (tx) => {
    await tx.unsafe('set local enable_indexscan = off; set local enable_indexonlyscan = off; set local enable_bitmapscan = off');
    const t = performance.now();
    const rows = await tx.unsafe<T[]>(query);
    return { rows, ms: performance.now() - t };
  }) as Promise<{ rows: T[]; ms: number }>;
}

export type OpenLoop = { offered: number; sent: number; answered: number; failures: number; perSecond: number; p50: number; p99: number; maxInFlight: number };

/**
 * Offers `rate` requests a second for `seconds`, on a fixed schedule whatever the answers do (an
 * open loop, as many independent users are), and times each request from the moment it was due,
 * so a server that falls behind shows it in the latencies instead of slowing the load down.
 * `send` answers whether the request succeeded.
 */
export async function openLoop(rate: number, seconds: number, send: (i: number) => Promise<boolean>): Promise<OpenLoop> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const running: Promise<void>[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) {
        const i = sent++;
        const dueAt = start + (i / rate) * 1000;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        running.push(
          send(i).then(
            (ok) => {
              inFlight--;
              latencies.push(performance.now() - dueAt);
              if (!ok) failures++;
            },
            () => {
              inFlight--;
              latencies.push(performance.now() - dueAt);
              failures++;
            },
          ),
        );
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(running);
  const elapsed = (performance.now() - start) / 1000;
  return { offered: rate, sent, answered: latencies.length, failures, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), maxInFlight };
}
