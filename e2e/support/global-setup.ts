import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminPassword: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ADMIN_PASSWORD = 'admin-e2e-contraseña-1';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Starts one real SIREM server (built web app included) on a fresh database for the whole run. */
export default async function setup(project: TestProject) {
  if (!existsSync(join(ROOT, 'packages/web/dist/index.html'))) throw new Error('Falta packages/web/dist: ejecute `npm run build` antes de las pruebas de navegador.');
  if (!existsSync('/usr/bin/chromium')) throw new Error('Falta Chromium (/usr/bin/chromium): instálelo con `apt-get install -y chromium`.');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SIREM_ADMIN_PASSWORD: ADMIN_PASSWORD, SIREM_DEMO_PASSWORD: 'demo-e2e-contraseña-1', SIREM_SEED_SCALE: 'demo', LOG_LEVEL: 'warn' };
  let cleanupDb = async () => {};
  let dataDir: string | null = null;
  if (process.env.TEST_DATABASE_URL) {
    const base = new URL(process.env.TEST_DATABASE_URL);
    const name = `sirem_e2e_${process.pid}_${Date.now()}`;
    const admin = postgres({ host: base.hostname, port: Number(base.port || 5432), user: decodeURIComponent(base.username) || 'postgres', password: decodeURIComponent(base.password) || undefined, database: 'postgres', max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    base.pathname = `/${name}`;
    env.DATABASE_URL = base.toString();
    cleanupDb = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'sirem-e2e-'));
    env.SIREM_DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  }
  const server: ChildProcess = spawn(process.execPath, [join(ROOT, 'packages/server/bin/sirem.js'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`El servidor terminó al iniciar:\n${output}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`El servidor no respondió en 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('adminPassword', ADMIN_PASSWORD);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode === null) server.kill('SIGKILL');
    await cleanupDb();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
