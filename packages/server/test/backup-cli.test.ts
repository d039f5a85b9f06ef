import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { listTables, tableSums } from '../src/db/backup/tables.ts';
import { type DatabaseOptions, openDatabase } from '../src/db/client.ts';
import { adminDatabaseUrl, databaseUrl } from './support/native.ts';

/**
 * `sirem backup` and `sirem restore` as an operator runs them, on the engine under test: a data
 * folder (embedded) or a database URL (native). The restored copy must hold identical tables.
 */
const BIN = fileURLToPath(new URL('../bin/sirem.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sirem-copia-cli-'));
const dropped: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const drop of dropped) await drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Where one installation keeps its data: environment for the CLI, options to open it here. */
async function installation(tag: string): Promise<{ env: NodeJS.ProcessEnv; options: DatabaseOptions }> {
  if (inject('engine') === 'pglite') {
    const dataDir = join(dir, tag);
    return { env: { SIREM_DATA_DIR: dataDir, DATABASE_URL: '' }, options: { dataDir } };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `sirem_cli_${tag}_${process.pid}_${Date.now()}`;
  const admin = await adminDatabaseUrl(base);
  await admin.unsafe(`create database ${name}`);
  dropped.push(async () => (await admin.unsafe(`drop database if exists ${name} with (force)`), await admin.end()));
  return { env: { DATABASE_URL: databaseUrl(base, name) }, options: { url: databaseUrl(base, name), maxConnections: 1 } };
}

function sirem(env: NodeJS.ProcessEnv, ...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, SIREM_SEED_SCALE: 'demo', SIREM_ADMIN_PASSWORD: 'copia-cli-contraseña-1', ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

async function checksums(options: DatabaseOptions) {
  const database = await openDatabase(options);
  try {
    return await tableSums(database.db, await listTables(database.db));
  } finally {
    await database.close();
  }
}

describe('sirem backup / sirem restore from the command line', () => {
  it('copies an installation into a new one with identical tables, and refuses to restore over data', { timeout: 300_000 }, async () => {
    const source = await installation('origen');
    const seeded = sirem(source.env, 'seed', '--scale', 'demo');
    expect(seeded.status, seeded.output).toBe(0);
    const file = join(dir, 'copia.sirem.gz');
    const backup = sirem(source.env, 'backup', file);
    expect(backup.status, backup.output).toBe(0);
    expect(backup.output).toMatch(/Copia escrita en .*copia\.sirem\.gz: \d+ tablas, \d+ filas\./);

    const target = await installation('destino');
    const restore = sirem(target.env, 'restore', file);
    expect(restore.status, restore.output).toBe(0);
    expect(restore.output).toContain('sumas de verificación iguales');
    const [before, after] = [await checksums(source.options), await checksums(target.options)];
    expect(after).toEqual(before);
    expect(after.find((t) => t.name === 'units')?.rows).toBeGreaterThan(0);

    // The copy cannot be poured over an installation that already has data; nothing changes.
    const again = sirem(target.env, 'restore', file);
    expect(again.status).toBe(1);
    expect(again.output).toContain('ya tiene datos');
    expect(await checksums(target.options)).toEqual(after);
  });
});
