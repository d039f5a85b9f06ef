import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { writeBackup } from '../src/db/backup/dump.ts';
import { RestoreError, restoreBackup } from '../src/db/backup/restore.ts';
import { listTables, tableSums } from '../src/db/backup/tables.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { adminDatabaseUrl, databaseUrl } from './support/native.ts';

/** A new, migrated, empty database of the engine under test. */
async function emptyDatabase(): Promise<Database & { drop: () => Promise<void> }> {
  if (inject('engine') === 'pglite') {
    const database = await openDatabase({});
    await migrate(database);
    return { ...database, drop: database.close };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `sirem_r_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await adminDatabaseUrl(base);
  await admin.unsafe(`create database ${name}`);
  const database = await openDatabase({ url: databaseUrl(base, name), maxConnections: 2 });
  await migrate(database);
  return { ...database, drop: async () => (await database.close(), await admin.unsafe(`drop database if exists ${name} with (force)`), await admin.end()) };
}

const sums = async (database: Database) => tableSums(database.db, await listTables(database.db));
const rowCount = async (database: Database) => (await sums(database)).reduce((s, t) => s + t.rows, 0);

describe('backup and restore', () => {
  let ctx: TestContext;
  let admin: Client;
  let file: string;
  const dir = mkdtempSync(join(tmpdir(), 'sirem-backup-'));

  beforeAll(async () => {
    ctx = await setupApp();
    admin = await ctx.userWith('respaldo', [national()]);
    // Some history of every kind: a user with a grant, an edited catalogue row, their audit rows.
    await admin.post('/api/v1/access/users', { username: 'coord.restaurada', displayName: 'Coordinación Ñandú', password: 'una-contraseña-larga-1', grants: [national('nivel_central')] });
    const ooad = (await admin.get('/api/v1/catalog/ooads?q=nuevo leon')).json().items[0];
    await admin.patch(`/api/v1/catalog/ooads/${ooad.id}`, { name: `${ooad.name} (copia)`, version: ooad.version });
    file = join(dir, 'copia.sirem.gz');
  });
  afterAll(async () => ctx.close());

  it('a round trip yields identical data in every table, and the restored database serves the same sessions', async () => {
    const header = await writeBackup(ctx.database, file);
    expect(header.tables.some((t) => t.name === 'audit_log' && t.rows > 0)).toBe(true);
    const target = await emptyDatabase();
    try {
      await restoreBackup(target, file);
      expect(await sums(target)).toEqual(await sums(ctx.database));
      // The session cookie issued by the original server is valid on the restored one.
      const restored = await buildApp({ database: target, webRoot: null });
      const me = await restored.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin.cookie } });
      expect(me.json().user?.username).toBe('respaldo');
      // Sequences follow the data: a new user gets a fresh id instead of a duplicate-key error.
      const created = await restored.inject({ method: 'POST', url: '/api/v1/access/users', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { username: 'nueva.tras.copia', displayName: 'Nueva', password: 'una-contraseña-larga-2', grants: [] } });
      expect(created.statusCode).toBe(201);
      await restored.close();
    } finally {
      await target.drop();
    }
  });

  it('refuses a database that already has data and changes nothing', async () => {
    const before = await sums(ctx.database);
    await expect(restoreBackup(ctx.database, file)).rejects.toThrow(/ya tiene datos/);
    expect(await sums(ctx.database)).toEqual(before);
  });

  it('refuses a truncated or altered file and leaves the target empty', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const truncated = join(dir, 'cortada.sirem.gz');
    writeFileSync(truncated, readFileSync(file).subarray(0, Math.floor(readFileSync(file).length / 2)));
    const altered = join(dir, 'alterada.sirem.gz');
    writeFileSync(altered, gzipSync(lines.map((l) => l.replace('Coordinación Ñandú', 'Coordinación Otra')).join('\n')));
    const missing = join(dir, 'incompleta.sirem.gz');
    writeFileSync(missing, gzipSync(lines.slice(0, -1).join('\n')));
    const target = await emptyDatabase();
    try {
      for (const broken of [truncated, altered, missing]) {
        await expect(restoreBackup(target, broken)).rejects.toBeInstanceOf(RestoreError);
        expect(await rowCount(target)).toBe(0);
      }
      await expect(restoreBackup(target, join(dir, 'no-existe.sirem.gz'))).rejects.toBeInstanceOf(RestoreError);
    } finally {
      await target.drop();
    }
  });
});
