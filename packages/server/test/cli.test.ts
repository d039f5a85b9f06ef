import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/access/passwords.ts';
import { openDatabase } from '../src/db/client.ts';
import { users } from '../src/db/schema/access.ts';

const BIN = fileURLToPath(new URL('../bin/sirem.js', import.meta.url));
const ANNOUNCE = /Administrador creado\. Usuario: admin {2}Contraseña \(se muestra una sola vez\): (\S+)/g;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the CLI on a new PGlite data directory, without demonstration data or a preset admin password. */
async function sirem(args: string[]) {
  const dataDir = newDataDir();
  const { DATABASE_URL: _url, SIREM_ADMIN_PASSWORD: _pw, ...env } = process.env;
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...env, SIREM_DATA_DIR: dataDir, SIREM_DEMO: 'false' }, timeout: 90_000 });
  return { stdout, dataDir, passwords: [...stdout.matchAll(ANNOUNCE)].map((m) => m[1] as string) };
}

function newDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'sirem-cli-'));
  dirs.push(dir);
  return join(dir, 'data');
}

async function adminHash(dataDir: string) {
  const database = await openDatabase({ dataDir });
  try {
    const [admin] = await database.db.select({ hash: users.passwordHash, mustChange: users.mustChangePassword }).from(users).where(eq(users.username, 'admin'));
    return admin;
  } finally {
    await database.close();
  }
}

describe('the administrator on a new installation', () => {
  it('is announced once, with a working one-time password, by the command that creates a user', async () => {
    const first = await sirem(['user', 'create', '--username', 'rosa.central', '--name', 'Rosa', '--password', 'una-clave-larga-de-rosa', '--role', 'nivel_central']);
    expect(first.stdout).toContain('Usuario creado: rosa.central');
    expect(first.passwords).toHaveLength(1);
    const admin = await adminHash(first.dataDir);
    expect(admin?.mustChange).toBe(true);
    expect(await verifyPassword(admin?.hash ?? null, first.passwords[0] as string)).toBe(true);
  }, 120_000);

  it('is announced once by the seed command', async () => {
    const seeded = await sirem(['seed', '--scale', 'demo']);
    expect(seeded.passwords).toHaveLength(1);
    expect(await verifyPassword((await adminHash(seeded.dataDir))?.hash ?? null, seeded.passwords[0] as string)).toBe(true);
  }, 120_000);
});
