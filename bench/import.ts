import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { createUser } from '../packages/server/src/access/users-service.ts';
import { openDatabase } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadCatalogue } from '../packages/server/src/db/seed/catalog.ts';
import { loadDemoUnits } from '../packages/server/src/db/seed/demo.ts';
import { personFactory, sedeInfo } from '../packages/server/src/db/seed/national/people.ts';
import { apportion, seededRandom } from '../packages/server/src/db/seed/national/random.ts';
import { ensureSedes, ensureUnits } from '../packages/server/src/db/seed/national/units.ts';
import { academicCycles, units } from '../packages/server/src/db/schema/catalog.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { systemCtx } from '../packages/server/src/http/system-actor.ts';
import { freshDatabase, writeResult } from './support.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 26_350);
const HEADER = ['CURP', 'Clave temporal', 'Nombre(s)', 'Primer apellido', 'Segundo apellido', 'Sexo', 'Fecha de nacimiento', 'Nacionalidad', 'Matrícula', 'CLUES', 'Especialidad', 'Ciclo', 'Grado'];

/**
 * End-to-end import of a national residents file (xlsx → validate → commit, through HTTP) on
 * native PostgreSQL, against a COPY of the same rows into a table of the same columns.
 */
export async function importBenchmark() {
  const target = await freshDatabase('sirem_bench_import');
  const database = await openDatabase({ url: target.url });
  try {
    await migrate(database);
    await loadCatalogue(database.db);
    await loadDemoUnits(database.db);
    const random = seededRandom(7);
    await database.db.transaction(async (tx) => {
      await ensureUnits(tx, random);
      await ensureSedes(tx, random);
    });
    const [cycle] = await database.db.select().from(academicCycles).where(eq(academicCycles.startsOn, '2026-03-01'));
    const clues = new Map((await database.db.select({ id: units.id, clues: units.clues }).from(units)).map((u) => [u.id, u.clues]));
    // A file names sedes by CLUES; the one UMAE without a known CLUES cannot appear in it.
    const sedes = (await sedeInfo(database.db)).filter((s) => clues.get(s.unitId));
    const make = personFactory(random);
    const perSede = apportion(ROWS, sedes.map((s) => s.weight));
    const rows: string[][] = [];
    sedes.forEach((s, i) => {
      for (let k = 0; k < (perSede[i] ?? 0); k++) {
        const grade = 1 + (k % s.duration);
        const p = make.mexican(1996 - grade - (k % 4));
        rows.push([p.curp ?? '', '', p.givenNames, p.firstSurname, p.secondSurname ?? '', p.sex, p.birthDate.split('-').reverse().join('/'), 'MEX', p.matricula ?? '', clues.get(s.unitId) ?? '', s.code, cycle?.code ?? '', `R${grade}`]);
      }
    });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Residentes');
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    await createUser(systemCtx(database.db), { username: 'bench', displayName: 'Bench', password: 'contraseña-bench-1', grants: [{ role: 'administrador', scopeKind: 'national' }] }, { mustChangePassword: false });
    const app = await buildApp({ database, webRoot: null });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'bench', password: 'contraseña-bench-1' } });
    const cookie = `sirem_session=${login.cookies.find((c) => c.name === 'sirem_session')?.value}`;
    const csrf = login.json().csrfToken as string;
    const started = performance.now();
    const validated = await app.inject({ method: 'POST', url: '/api/v1/imports/residents', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream', 'x-file-name': 'nacional.xlsx' }, payload: xlsx });
    const validatedAt = performance.now();
    if (validated.statusCode !== 201) throw new Error(validated.body);
    const { id, summary, errors } = validated.json();
    if (summary.errors) throw new Error(`El archivo generado tiene errores: ${JSON.stringify(errors.slice(0, 5))}`);
    const committed = await app.inject({ method: 'POST', url: `/api/v1/imports/batches/${id}/commit`, headers: { cookie, 'x-csrf-token': csrf } });
    const finished = performance.now();
    if (committed.statusCode !== 200) throw new Error(committed.body);
    await app.close();

    const sql = postgres(target.url, { max: 1, onnotice: () => {} });
    await sql.unsafe(`create table copy_target (${HEADER.map((_, i) => `c${i} text`).join(', ')})`);
    const csv = rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\n');
    const copyStarted = performance.now();
    const stream = await sql`copy copy_target from stdin with (format csv)`.writable();
    await new Promise<void>((resolve, reject) => Readable.from([csv]).pipe(stream).on('finish', resolve).on('error', reject));
    const copyMs = performance.now() - copyStarted;
    await sql.end();

    const totalMs = finished - started;
    const result = {
      rows: rows.length, fileBytes: xlsx.length, summary,
      validateSeconds: (validatedAt - started) / 1000, commitSeconds: (finished - validatedAt) / 1000, totalSeconds: totalMs / 1000,
      copySeconds: copyMs / 1000, shareOfCopyThroughput: copyMs / totalMs,
      targets: { totalSeconds: 10, shareOfCopyThroughput: 0.2 },
    };
    writeResult('import', result, [
      '# Import benchmark: residents xlsx, native PostgreSQL',
      '',
      '| rows | file | validate | commit | total | COPY same rows | import throughput / COPY |',
      '|---|---|---|---|---|---|---|',
      `| ${rows.length} | ${(xlsx.length / 2 ** 20).toFixed(1)} MB | ${result.validateSeconds.toFixed(2)} s | ${result.commitSeconds.toFixed(2)} s | ${result.totalSeconds.toFixed(2)} s (target ≤ 10 s) | ${result.copySeconds.toFixed(3)} s | ${(100 * result.shareOfCopyThroughput).toFixed(1)} % (target ≥ 20 %) |`,
    ].join('\n'));
    return result;
  } finally {
    await database.close();
    await target.drop();
  }
}
