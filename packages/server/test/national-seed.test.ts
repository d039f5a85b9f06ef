import { checkCurp } from '@sirem/core';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Prepared, prepareOpenDatabase } from '../src/bootstrap.ts';
import { ident, listTables, orderBy } from '../src/db/backup/tables.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { queryRows } from '../src/db/rows.ts';
import { FOREIGN_COUNTRIES } from '../src/db/seed/national/names.ts';
import { apportion, seededRandom } from '../src/db/seed/national/random.ts';
import { buildApp } from '../src/http/app.ts';
import { Client, PASSWORD, sessionCookie, type TestApp } from './support/app.ts';
import { ok } from './support/catalog.ts';
import { adminDatabaseUrl, databaseUrl } from './support/native.ts';

describe('national data generator', () => {
  it('splits a national total into parts that add up exactly, proportionally', () => {
    const parts = apportion(26_350, [20, 8, 8, 0.45, 0.45]);
    expect(parts.reduce((s, n) => s + n, 0)).toBe(26_350);
    expect(parts[0]).toBeGreaterThan(parts[1] as number);
    expect(parts[3]).toBe(parts[4]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw(2026)).toEqual(draw(2026));
    expect(draw(2026)).not.toEqual(draw(2027));
  });
});

// A day in another cycle than the real one, so a generator that looked at the clock would show.
const GENERATION = { seed: 7, today: new Date('2025-06-15T12:00:00Z') };
const ENV = { SIREM_ADMIN_PASSWORD: PASSWORD, SIREM_DEMO_PASSWORD: 'demo-nacional-contraseña-1', SIREM_SEED_SCALE: 'national' };
const GENERATED = ['ooads', 'units', 'specialties', 'courses', 'sedes', 'academic_cycles', 'persons', 'residents', 'enrolments', 'resident_events', 'faculty_appointments'];

type Installation = Prepared & { drop: () => Promise<void> };

/** An empty database of the engine under test: no template, since the installation must start from nothing. */
async function emptyDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (inject('engine') !== 'postgres') {
    const database = await openDatabase({});
    return { database, drop: database.close };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `sirem_n_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await adminDatabaseUrl(base);
  await admin.unsafe(`create database ${name}`);
  const database = await openDatabase({ url: databaseUrl(base, name), maxConnections: 4 });
  const drop = async () => {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  return { database, drop };
}

/** A new installation, prepared as `sirem seed --scale national --seed 7 --today 2025-06-15` does. */
async function newInstallation(): Promise<Installation> {
  const { database, drop } = await emptyDatabase();
  return { ...(await prepareOpenDatabase(database, ENV, () => {}, GENERATION)), drop };
}

/** Row count and md5 of each generated table, leaving out the timestamps the database stamps on insert. */
async function contentSums(database: Database) {
  const db = database.db;
  const stamped = await queryRows<{ c: string }>(db, sql`select table_name || '.' || column_name as c from information_schema.columns where table_schema = 'public' and data_type like 'timestamp%'`);
  const skip = new Set(stamped.map((r) => r.c));
  const sums: Record<string, string> = {};
  for (const t of (await listTables(db)).filter((x) => GENERATED.includes(x.name))) {
    const columns = sql.join(t.columns.filter((c) => !skip.has(`${t.name}.${c}`)).map((c) => sql`x.${ident(c)}`), sql`, `);
    const [row] = await queryRows<{ rows: number; checksum: string }>(db, sql`select count(*)::int as rows, md5(coalesce(string_agg(row(${columns})::text, E'\n' order by ${orderBy(t)}), '')) as checksum from ${ident(t.name)} x`);
    sums[t.name] = `${row?.rows} ${row?.checksum}`;
  }
  return sums;
}

let first: Installation;
let second: Installation;
let app: TestApp;
let admin: Client;
const count = async (query: SQL) => Number((await queryRows<{ n: number }>(first.database.db, sql`select count(*)::int as n from ${query}`))[0]?.n);

beforeAll(async () => {
  // Two installations side by side (native PostgreSQL builds them in parallel); the second proves determinism.
  [first, second] = await Promise.all([newInstallation(), newInstallation()]);
  app = await buildApp({ database: first.database, webRoot: null });
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
  admin = new Client(app, sessionCookie(res), res.json().csrfToken);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await first?.drop();
  await second?.drop();
});

type Page = { items: Record<string, unknown>[]; total: number };
const total = async (path: string) => ok<Page>(await admin.get(path)).total;

describe('the national institution of the bulletins', () => {
  it('has the 35 OOAD, 25 UMAE with 11 complementary units and 351 other receiving units', async () => {
    expect(await total('/api/v1/catalog/ooads?limit=1')).toBe(35);
    const umae = await total('/api/v1/catalog/units?unitTypeCode=UMAE&active=all&limit=1');
    const complementary = await total('/api/v1/catalog/units?unitTypeCode=UC&active=all&limit=1');
    expect([umae, complementary]).toEqual([25, 11]);
    expect((await total('/api/v1/catalog/units?active=all&limit=1')) - umae - complementary).toBe(351);
  });

  it('offers 73 specialties, 72 medical and 1 stomatological, in 254 sedes', async () => {
    const specialties = ok<Page>(await admin.get('/api/v1/catalog/specialties?limit=200&active=all'));
    expect(specialties.total).toBe(73);
    expect(specialties.items.filter((s) => s.kind === 'medica')).toHaveLength(72);
    expect(specialties.items.filter((s) => s.kind === 'estomatologica')).toHaveLength(1);
    expect(await total('/api/v1/catalog/sedes?active=all&limit=1')).toBe(254);
  });

  it('has 26,350 active residents in the cycle of the given day, 143 of them from the nine countries of bulletin 001', async () => {
    expect(await count(sql`residents r join academic_cycles c on c.id = r.cycle_id where r.status = 'activo' and c.code = '2025-2026'`)).toBe(26_350);
    expect(await count(sql`residents where status = 'activo'`)).toBe(26_350);
    const foreign = await queryRows<{ nationality: string; n: number }>(
      first.database.db,
      sql`select p.nationality, count(*)::int as n from residents r join persons p on p.id = r.person_id where r.status = 'activo' and p.nationality <> 'MEX' group by p.nationality order by p.nationality`,
    );
    expect(foreign.reduce((s, r) => s + r.n, 0)).toBe(143);
    expect(foreign.map((r) => r.nationality)).toEqual(FOREIGN_COUNTRIES.map(([code]) => code).sort());
    expect(FOREIGN_COUNTRIES.map(([, name]) => name)).toEqual(['Honduras', 'Colombia', 'Bolivia', 'Ecuador', 'Cuba', 'El Salvador', 'Guatemala', 'Nicaragua', 'República Dominicana']);
  });

  it('has more than 12,000 teachers', async () => {
    expect(await count(sql`(select distinct person_id from faculty_appointments) f`)).toBeGreaterThan(12_000);
  });

  it('has graduates of earlier cycles, more than 85 % of them hired', async () => {
    const cycles = await queryRows<{ code: string; graduates: number; hired: number }>(
      first.database.db,
      sql`select c.code, count(*)::int as graduates, count(*) filter (where r.hired)::int as hired from residents r join academic_cycles c on c.id = r.cycle_id
          where r.status = 'egresado' group by c.code order by c.code`,
    );
    expect(cycles.map((c) => c.code)).toEqual(['2023-2024', '2024-2025']);
    for (const c of cycles) {
      expect(c.graduates).toBeGreaterThan(1000);
      expect(c.hired / c.graduates).toBeGreaterThan(0.85);
    }
  });

  it('gives every Mexican person a CURP that passes the check', async () => {
    const rows = await queryRows<{ curp: string }>(first.database.db, sql`select curp from persons where key_type = 'curp'`);
    expect(rows.length).toBeGreaterThan(40_000);
    const invalid = rows.filter((r) => !checkCurp(r.curp).ok);
    expect(invalid).toEqual([]);
    expect(new Set(rows.map((r) => r.curp)).size).toBe(rows.length);
  });

  it('is the same data on a second installation with the same seed and day', async () => {
    const [a, b] = [await contentSums(first.database), await contentSums(second.database)];
    expect(Object.keys(a).sort()).toEqual([...GENERATED].sort());
    expect(a.residents).toMatch(/^40\d{3} /);
    expect(b).toEqual(a);
  });
});
