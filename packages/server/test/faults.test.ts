import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCurp } from '@sirem/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminDatabaseUrl, databaseUrl } from './support/native.ts';
import { ADMIN_PASSWORD, freePort, HttpClient, ServerProcess } from './support/server-process.ts';

/**
 * Kill -9 of a real server process in the middle of an import commit and of a roster publish,
 * on the engine under test (a native database, or PGlite's data folder). After each kill the
 * server must start cleanly on the same data, and the interrupted work must be all or nothing.
 * `SIREM_FAULT_TRIALS` sets the trials per operation (the benchmark run uses 10).
 */
const TRIALS = Number(process.env.SIREM_FAULT_TRIALS ?? 2);
const ROWS = 400;
const tally = { import: { committed: 0, untouched: 0 }, publish: { published: 0, draft: 0 } };

let server: ServerProcess;
let client: HttpClient;
let cleanup = async () => {};
let sede: { clues: string; cycle: string; unitId: number; sedeId: number };

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = { SIREM_SEED_SCALE: 'demo', SIREM_JOB_POLL_MS: '300' };
  if (inject('engine') === 'postgres') {
    const base = process.env.TEST_DATABASE_URL as string;
    const name = `sirem_f_${process.pid}_${Date.now()}`;
    const admin = await adminDatabaseUrl(base);
    await admin.unsafe(`create database ${name}`);
    env.DATABASE_URL = databaseUrl(base, name);
    cleanup = async () => (await admin.unsafe(`drop database if exists ${name} with (force)`), await admin.end());
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'sirem-fallas-'));
    env.SIREM_DATA_DIR = dir;
    env.DATABASE_URL = '';
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  server = new ServerProcess(env, await freePort());
  await server.start();
  client = new HttpClient(() => server.url);
  await client.login('admin', ADMIN_PASSWORD);
  const found = await (await client.call('GET', '/api/v1/catalog/sedes?q=medicina familiar sonora&limit=1')).json();
  const s = found.items[0];
  const unit = await (await client.call('GET', `/api/v1/catalog/units/${s.unitId}`)).json();
  const cycles = await (await client.call('GET', '/api/v1/catalog/cycles?limit=100')).json();
  sede = { clues: unit.clues, unitId: s.unitId, sedeId: s.id, cycle: cycles.items.find((c: { startsOn: string }) => c.startsOn === '2026-03-01').code };
}, 240_000);

afterAll(async () => {
  await server?.kill('SIGTERM');
  await cleanup();
  console.log(`faults (${inject('engine')}): ${JSON.stringify(tally)}`);
  if (process.env.SIREM_FAULT_REPORT) writeFileSync(process.env.SIREM_FAULT_REPORT, JSON.stringify({ engine: inject('engine'), trials: TRIALS, tally }));
});

/** Restarts after a kill: the server must come up on the same data with nothing to repair by hand. */
async function restart() {
  await server.start();
  await client.login('admin', ADMIN_PASSWORD);
}

const killSoon = (ms: number) => new Promise<void>((r) => setTimeout(async () => (await server.kill(), r()), ms));

function residentsCsv(trial: number) {
  const surname = `Fallo${String.fromCharCode(65 + trial)}`;
  const lines = ['CURP,Nombre(s),Primer apellido,Segundo apellido,Sexo,Fecha de nacimiento,CLUES,Especialidad,Ciclo,Grado'];
  for (let i = 0; i < ROWS; i++) {
    const birth = new Date(Date.UTC(1990, 0, 1 + i * 3 + trial * 1500));
    const iso = birth.toISOString().slice(0, 10);
    const parts = { firstSurname: surname, secondSurname: 'Prueba', givenNames: `Nombre${i}`, birthDate: iso, sex: (i % 2 ? 'H' : 'M') as 'H' | 'M', stateCode: 'SR' };
    lines.push([buildCurp(parts), parts.givenNames, surname, 'Prueba', parts.sex, iso.split('-').reverse().join('/'), sede.clues, 'MFA', sede.cycle, 'R1'].join(','));
  }
  return { surname, csv: Buffer.from(lines.join('\r\n'), 'utf8') };
}

async function countResidents(surname: string) {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { items: unknown[]; nextCursor: string | null } = await (await client.call('GET', `/api/v1/people/residents?q=${surname}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

describe(`kill -9 during work (${TRIALS} trials each)`, () => {
  it('an import being committed is either wholly applied or not at all', { timeout: 600_000 }, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const { surname, csv } = residentsCsv(trial);
      const validated = await client.call('POST', '/api/v1/imports/residents', new Uint8Array(csv), { 'content-type': 'application/octet-stream', 'x-file-name': `fallas-${trial}.csv` });
      const batch = await validated.json();
      expect(batch.summary?.errors, JSON.stringify(batch.errors?.slice?.(0, 3) ?? batch)).toBe(0);
      // The commit goes out and the process dies at a random moment of it.
      const commit = client.call('POST', `/api/v1/imports/batches/${batch.id}/commit`).catch(() => null);
      await killSoon(20 + ((trial * 137) % 400));
      await commit;
      await restart();
      const after = await (await client.call('GET', `/api/v1/imports/batches/${batch.id}`)).json();
      const count = await countResidents(surname);
      if (after.status === 'committed') {
        expect(count).toBe(ROWS);
        tally.import.committed++;
      } else {
        expect(count).toBe(0);
        expect(after.status).toBe('validated');
        // The interrupted import can simply be committed again.
        expect((await client.call('POST', `/api/v1/imports/batches/${batch.id}/commit`)).status).toBe(200);
        expect(await countResidents(surname)).toBe(ROWS);
        tally.import.untouched++;
      }
    }
  });

  it('a roster being published is either published with its audit row or still a draft', { timeout: 600_000 }, async () => {
    const service = await (await client.call('POST', '/api/v1/rotations/services', { unitId: sede.unitId, name: 'Urgencias (fallas)', capacityPerGrade: [20, 20, 20] })).json();
    const { surname } = residentsCsv(0);
    const residents = await (await client.call('GET', `/api/v1/people/residents?q=${surname}&limit=6`)).json();
    for (const r of residents.items) {
      const rot = await client.call('POST', '/api/v1/rotations', { residentId: r.id, serviceId: service.id, startsOn: '2026-03-01', endsOn: '2027-02-28' });
      expect(rot.status).toBe(201);
    }
    for (let trial = 0; trial < TRIALS; trial++) {
      const month = `2026-${String(3 + trial).padStart(2, '0')}`;
      const job = await (await client.call('POST', '/api/v1/guards/rosters/generate', { unitId: sede.unitId, serviceIds: [service.id], month, coverage: { weekday: { 1: 1 }, weekend: { 1: 1 }, holiday: { 1: 1 } }, seed: trial + 1 })).json();
      let rosterId: number | null = null;
      for (let i = 0; i < 600 && !rosterId; i++) {
        const state = await (await client.call('GET', `/api/v1/guards/jobs/${job.jobId}`)).json();
        if (state.status === 'failed') throw new Error(JSON.stringify(state));
        rosterId = state.result?.rosterId ?? null;
        if (!rosterId) await new Promise((r) => setTimeout(r, 100));
      }
      const publish = client.call('POST', `/api/v1/guards/rosters/${rosterId}/publish`, { revision: 0 }).catch(() => null);
      await killSoon(5 + ((trial * 53) % 250));
      await publish;
      await restart();
      const roster = await (await client.call('GET', `/api/v1/guards/rosters/${rosterId}`)).json();
      const audit = await (await client.call('GET', `/api/v1/audit?entity=roster&entityId=${rosterId}&limit=50`)).json();
      const publishes = audit.items.filter((a: { action: string }) => a.action === 'publish').length;
      expect(['draft', 'published']).toContain(roster.status);
      expect(publishes).toBe(roster.status === 'published' ? 1 : 0);
      if (roster.status === 'published') tally.publish.published++;
      else tally.publish.draft++;
    }
  });
});

// Keep a trace of the last server output when something fails, for the person reading the log.
afterAll(() => {
  if (server?.output) writeFileSync(join(tmpdir(), `sirem-fallas-${inject('engine')}.log`), server.output);
});
