import type postgres from 'postgres';
import type { DataSpec } from './data-seed.ts';

/** The n-th (1–6) of six pseudo-random integers in [0, 2^20) cut from an md5 column `m`: deterministic, no random(). */
export const part = (n: number) => `('x' || substr(m, ${1 + (n - 1) * 5}, 5))::bit(20)::int`;

/** An SQL array literal of text values. */
export const textArray = (values: readonly (string | null)[]) => `array[${values.map((v) => (v === null ? 'null' : `'${v.replaceAll("'", "''")}'`)).join(',')}]::text[]`;

const SURGICAL = ['CIG', 'GYO', 'OFT', 'ORL', 'NCI', 'TYO', 'URO', 'CPE', 'CPR', 'CMF', 'CCT', 'COC', 'GCI', 'ACV', 'GOC', 'UGI'];

/**
 * `bench_e`: every enrolment whose cycle has started by the reference day, with what the
 * generators need: its place, the days of the cycle elapsed, a profile of the specialty, the
 * resident's account, and the professor (titular or adjunct of the sede, drawn from the seed)
 * who supervises, evaluates and verifies the resident that cycle.
 */
export async function enrolmentContext(sql: postgres.Sql, spec: DataSpec) {
  await sql.unsafe(`create temp table bench_f as
    select f.sede_id, (row_number() over (partition by f.sede_id order by f.id) - 1)::int as j, f.person_id, p.user_id, f.role
      from faculty_appointments f join persons p on p.id = f.person_id
     where f.role in ('titular', 'adjunto') and p.user_id is not null`);
  await sql.unsafe('create index on bench_f (sede_id, j)');
  await sql.unsafe(`create temp table bench_e as
    select (row_number() over (order by e.id) - 1)::int as k, e.id as enrolment_id, e.resident_id, e.cycle_id, e.sede_id, e.grade, e.outcome,
           c.starts_on, c.ends_on, (least(c.ends_on, date '${spec.today}') - c.starts_on + 1)::int as days,
           s.unit_id, u.ooad_id, co.specialty_id, sp.code as specialty,
           case when sp.code = 'MFA' then 'mfa' when sp.code in (${SURGICAL.map((c) => `'${c}'`).join(',')}) or sp.name ilike 'cirug%' then 'surgical' else 'clinical' end as profile,
           (sp.name ilike '%pediátric%' or sp.code in ('PED', 'NEO')) as pediatric, (sp.name ilike '%ginec%') as gynaecology,
           p.user_id as res_user_id
      from enrolments e join academic_cycles c on c.id = e.cycle_id join sedes s on s.id = e.sede_id join units u on u.id = s.unit_id
      join courses co on co.id = s.course_id join specialties sp on sp.id = co.specialty_id join persons p on p.id = e.person_id
     where c.starts_on <= date '${spec.today}' and p.user_id is not null`);
  await sql.unsafe(`alter table bench_e add column prof_person_id int, add column prof_user_id int, add column titular_user_id int`);
  await sql.unsafe(`update bench_e e set prof_person_id = f.person_id, prof_user_id = f.user_id
      from (select sede_id, count(*)::int as n from bench_f group by sede_id) c, bench_f f
     where c.sede_id = e.sede_id and f.sede_id = e.sede_id and f.j = ('x' || substr(md5('${spec.seed}:prof:' || e.enrolment_id), 1, 5))::bit(20)::int % c.n`);
  await sql.unsafe(`update bench_e e set titular_user_id = t.user_id from (select distinct on (sede_id) sede_id, user_id from bench_f where role = 'titular' order by sede_id, j) t where t.sede_id = e.sede_id`);
  await sql.unsafe('create unique index on bench_e (k)');
  await sql.unsafe('analyze bench_e');
  const [{ n }] = await sql.unsafe<{ n: number }[]>('select count(*)::int as n from bench_e');
  return n;
}

/**
 * Runs `load` with the table's secondary indexes dropped and rebuilds them afterwards from their
 * own definitions (a bulk load into an indexed table is several times slower), and with foreign
 * key triggers off for the session; `checkForeignKeys` then proves every reference resolves.
 */
export async function bulkLoad(sql: postgres.Sql, table: string, load: () => Promise<void>) {
  const indexes = await sql<{ name: string; def: string }[]>`select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = 'public' and i.tablename = ${table} and not exists (select 1 from pg_constraint c where c.conname = i.indexname) order by i.indexname`;
  for (const i of indexes) await sql.unsafe(`drop index "${i.name}"`);
  await sql.unsafe("set session_replication_role = 'replica'");
  try {
    await load();
  } finally {
    await sql.unsafe("set session_replication_role = 'origin'");
  }
  for (const i of indexes) await sql.unsafe(i.def);
  const serial = await sql<{ seq: string | null }[]>`select pg_get_serial_sequence(${table}, 'id') as seq`.catch(() => [{ seq: null }]);
  if (serial[0]?.seq) await sql.unsafe(`select setval('${serial[0].seq}', greatest(1, (select coalesce(max(id), 0) from "${table}")))`);
}

/** Counts the references of `tables` that point at no row (single-column foreign keys); all must be zero. */
export async function checkForeignKeys(sql: postgres.Sql, tables: string[]) {
  const fks = await sql<{ name: string; child: string; column: string; parent: string; key: string }[]>`
    select c.conname as name, ch.relname as child, a.attname as "column", pa.relname as parent, b.attname as key
      from pg_constraint c join pg_class ch on ch.oid = c.conrelid join pg_class pa on pa.oid = c.confrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1] join pg_attribute b on b.attrelid = c.confrelid and b.attnum = c.confkey[1]
     where c.contype = 'f' and array_length(c.conkey, 1) = 1 and ch.relname in ${sql(tables)} order by ch.relname, c.conname`;
  const broken: string[] = [];
  for (const fk of fks) {
    const [{ n }] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${fk.child}" x where x."${fk.column}" is not null and not exists (select 1 from "${fk.parent}" p where p."${fk.key}" = x."${fk.column}")`);
    if (n) broken.push(`${fk.child}.${fk.column} → ${fk.parent}: ${n}`);
  }
  if (broken.length) throw new Error(`Referencias rotas en los datos generados: ${broken.join('; ')}`);
  return fks.length;
}
