import { createHash } from 'node:crypto';
import { cycleForStartYear } from '@sirem/core';
import { hash } from '@node-rs/argon2';
import type postgres from 'postgres';
import { bootstrapAdmin } from '../packages/server/src/access/users-service.ts';
import type { Db } from '../packages/server/src/db/client.ts';
import { loadDemoBacklog } from '../packages/server/src/db/seed/backlog.ts';
import { loadCatalogue } from '../packages/server/src/db/seed/catalog.ts';
import { loadDemoCodes } from '../packages/server/src/db/seed/codes.ts';
import { loadDemoUnits } from '../packages/server/src/db/seed/demo.ts';
import { loadEvaluationCatalogue } from '../packages/server/src/db/seed/evaluations.ts';
import { loadFieldRotationRules } from '../packages/server/src/db/seed/field-rotation-rules.ts';
import { loadGuardRuleSets } from '../packages/server/src/db/seed/guard-rules.ts';
import { loadDemoJornadas } from '../packages/server/src/db/seed/jornadas.ts';
import { loadNationalData } from '../packages/server/src/db/seed/national/index.ts';
import { loadActivityRequirements } from '../packages/server/src/db/seed/requirements.ts';
import { academicCycles } from '../packages/server/src/db/schema/catalog.ts';

export type DataSpec = { seed: number; today: string; pastCycles: number; activityRows: number; adminPassword: string; demoPassword: string };

/** The instant every seeded row is stamped with: the reference day, 06:00 in Mexico City. */
export const stampOf = (spec: DataSpec) => `${spec.today} 12:00:00+00`;

// The server's argon2id parameters (packages/server/src/access/passwords.ts), with a salt derived from the seed.
const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const saltOf = (seed: number, label: string) => new Uint8Array(createHash('sha256').update(`${seed}:${label}`).digest().subarray(0, 16));
export const passwordHash = (spec: DataSpec, password: string, label: string) => hash(password, { ...ARGON, salt: saltOf(spec.seed, label) });

/**
 * The institution, as a new installation loads it (prepareOpenDatabase) but with the history the
 * benchmark needs: academic cycles far enough back for graduates of `pastCycles` cycles (the
 * longest specialty lasts five years), then the national data with that many graduate cycles.
 */
export async function seedInstitution(db: Db, spec: DataSpec, log: (msg: string) => void) {
  const today = new Date(`${spec.today}T12:00:00Z`);
  await loadCatalogue(db, today);
  const year = Number(spec.today.slice(0, 4)) - (Number(spec.today.slice(5, 7)) >= 3 ? 0 : 1);
  const known = new Set((await db.select({ code: academicCycles.code }).from(academicCycles)).map((c) => c.code));
  const older = [];
  for (let y = year - spec.pastCycles - 4; y < year; y++) {
    const c = cycleForStartYear(y);
    if (!known.has(c.code)) older.push({ code: c.code, startsOn: c.startsOn, endsOn: c.endsOn, validFrom: c.startsOn });
  }
  if (older.length) await db.insert(academicCycles).values(older);
  await loadGuardRuleSets(db);
  await loadFieldRotationRules(db);
  await loadEvaluationCatalogue(db);
  await loadDemoCodes(db);
  await loadActivityRequirements(db);
  await bootstrapAdmin(db, spec.adminPassword, { mustChangePassword: false });
  await loadDemoUnits(db);
  await loadNationalData(db, { seed: spec.seed, today, demoPassword: spec.demoPassword, graduateCycles: spec.pastCycles, report: (m) => log(`  ${m}`) });
  await loadDemoJornadas(db);
  await loadDemoBacklog(db);
}

/**
 * Accounts for every resident (active ones can sign in; graduates' are inactive) and for the
 * titular and adjunct professors, who evaluate and verify. All share one password hash (the demo
 * password), so any of them can sign in to a benchmark; the grants match their appointment.
 */
export async function createAccounts(sql: postgres.Sql, spec: DataSpec) {
  const shared = await passwordHash(spec, spec.demoPassword, 'generated-accounts');
  const stamp = stampOf(spec);
  await sql.unsafe(`create temp table bench_people as
    select p.id as person_id, p.matricula, p.given_names || ' ' || p.first_surname as display_name, bool_or(r.status = 'activo') as active, null::text as role, null::int as sede_id
      from persons p join residents r on r.person_id = p.id where p.user_id is null group by p.id
    union all
    select p.id, p.matricula, p.given_names || ' ' || p.first_surname, true, min(f.role), min(f.sede_id)
      from persons p join faculty_appointments f on f.person_id = p.id where p.user_id is null and f.role in ('titular', 'adjunto') group by p.id`);
  const [{ base }] = await sql.unsafe<{ base: number }[]>('select coalesce(max(id), 0)::int as base from users');
  await sql.unsafe(`create temp table bench_accounts as select ${base} + row_number() over (order by person_id)::int as user_id, * from bench_people`);
  await sql.unsafe(`insert into users (id, username, display_name, password_hash, must_change_password, active, created_at, updated_at)
    select user_id, matricula, display_name, $1, false, active, '${stamp}', '${stamp}' from bench_accounts order by user_id`, [shared]);
  await sql.unsafe(`select setval('users_id_seq', (select max(id) from users))`);
  await sql.unsafe('update persons p set user_id = a.user_id from bench_accounts a where a.person_id = p.id');
  const [{ grants }] = await sql.unsafe<{ grants: number }[]>('select coalesce(max(id), 0)::int as grants from role_grants');
  await sql.unsafe(`insert into role_grants (id, user_id, role, scope_kind, sede_id, created_at)
    select ${grants} + row_number() over (order by user_id)::int, user_id,
           case role when 'titular' then 'profesor_titular' when 'adjunto' then 'profesor_adjunto' else 'residente' end,
           case when role is null then 'self' else 'sede' end, sede_id, '${stamp}'
      from bench_accounts order by user_id`);
  await sql.unsafe(`select setval('role_grants_id_seq', (select max(id) from role_grants))`);
  const [{ n }] = await sql.unsafe<{ n: number }[]>('select count(*)::int as n from bench_accounts');
  await sql.unsafe('drop table bench_people, bench_accounts');
  return n;
}

/**
 * Makes what the seed functions stamped with the clock or a random salt depend on the seed: every
 * timestamp the database filled in (a `now()` default) becomes the reference instant, every date
 * it filled in (a `current_date` default: a day from `since`, when the build began, to today)
 * becomes the reference day, and the seeded accounts' password hashes get a salt derived from the
 * seed. The audit rows of the seeded accounts are restamped (time and request id) too, bypassing
 * the append-only trigger for that one transaction, in a database nothing else uses yet.
 */
export async function pinStamps(sql: postgres.Sql, spec: DataSpec, since: string) {
  const stamp = stampOf(spec);
  const days = await sql<{ table: string; column: string }[]>`select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and data_type = 'date' and column_default ilike '%current_date%' order by table_name, column_name`;
  for (const d of days) await sql.unsafe(`update "${d.table}" set "${d.column}" = '${spec.today}' where "${d.column}" between '${since}' and current_date`);
  const columns = await sql<{ table: string; column: string }[]>`select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and data_type like 'timestamp%' and column_default ilike '%now()%' order by table_name, column_name`;
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c.column]);
  await sql.begin(async (tx) => {
    await tx.unsafe("set local session_replication_role = 'replica'");
    for (const [table, cols] of byTable) await tx.unsafe(`update "${table}" set ${cols.map((c) => `"${c}" = '${stamp}'`).join(', ')}`);
    // Seeded accounts are created by the system actor, whose request id carries the clock.
    await tx.unsafe(`update audit_log set request_id = 'seed-' || id where request_id like 'cli-%'`);
  });
  const accounts = await sql<{ id: number; username: string }[]>`select id, username from users order by id`;
  for (const a of accounts) {
    const password = a.username === 'admin' ? spec.adminPassword : spec.demoPassword;
    await sql`update users set password_hash = ${await passwordHash(spec, password, `account:${a.username}`)} where id = ${a.id}`;
  }
}
