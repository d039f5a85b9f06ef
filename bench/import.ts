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

type Placement = { person: ReturnType<ReturnType<typeof personFactory>['mexican']>; sedeId: number; grade: number };

/** CSV for COPY: null as an unquoted empty field, everything else quoted. */
const csvOf = (rows: (string | number | boolean | null | undefined)[][]) =>
  rows.map((r) => r.map((c) => (c == null ? '' : `"${String(c).replaceAll('"', '""')}"`)).join(',')).join('\n');

async function copyInto(sql: postgres.Sql, table: string, columns: string[], csv: string) {
  const stream = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`).writable();
  await new Promise<void>((resolve, reject) => Readable.from([csv]).pipe(stream).on('finish', resolve).on('error', reject));
}

/**
 * COPY of what the commit writes (persons, residents, enrolments, two resident events each) into
 * tables shaped like the real ones: same columns, defaults, generated columns, checks and indexes
 * (`like … including all`) and the same foreign keys, re-created between the copies. The CSV is
 * built before the clock starts.
 */
async function shapedCopy(sql: postgres.Sql, placements: Placement[], cycle: { id: number; startsOn: string }) {
  const copied = ['persons', 'residents', 'enrolments', 'resident_events'];
  for (const t of copied) await sql.unsafe(`create table copy_${t} (like ${t} including all)`);
  // The same foreign keys as the real tables (`like` does not copy them), pointing at the copies
  // among themselves, so the baseline checks the same references the commit's rows must satisfy.
  const keys = await sql.unsafe<{ table: string; definition: string }[]>(
    `select conrelid::regclass::text as table, pg_get_constraintdef(oid) as definition from pg_constraint where contype = 'f' and conrelid::regclass::text = any($1)`,
    [copied],
  );
  for (const k of keys) {
    const definition = k.definition.replace(/REFERENCES (\w+)\(/, (all, target: string) => (copied.includes(target) ? `REFERENCES copy_${target}(` : all));
    await sql.unsafe(`alter table copy_${k.table} add ${definition}`);
  }
  const persons = csvOf(placements.map((p, i) => [i + 1, p.person.keyType, p.person.curp, p.person.tempKey, p.person.givenNames, p.person.firstSurname, p.person.secondSurname, p.person.sex, p.person.birthDate, p.person.nationality, p.person.matricula]));
  const residents = csvOf(placements.map((p, i) => [i + 1, i + 1, p.sedeId, 'activo', p.grade, cycle.id, cycle.id]));
  const enrolments = csvOf(placements.map((p, i) => [i + 1, i + 1, cycle.id, p.sedeId, p.grade]));
  const events = csvOf(placements.flatMap((_, i) => [
    [i + 1, 'alta', cycle.startsOn, null, 'alta', cycle.id, '{"imported":true}'],
    [i + 1, 'inicio', cycle.startsOn, 'alta', 'activo', cycle.id, null],
  ]));
  const started = performance.now();
  await copyInto(sql, 'copy_persons', ['id', 'key_type', 'curp', 'temp_key', 'given_names', 'first_surname', 'second_surname', 'sex', 'birth_date', 'nationality', 'matricula'], persons);
  await copyInto(sql, 'copy_residents', ['id', 'person_id', 'sede_id', 'status', 'grade', 'cycle_id', 'entry_cycle_id'], residents);
  await copyInto(sql, 'copy_enrolments', ['resident_id', 'person_id', 'cycle_id', 'sede_id', 'grade'], enrolments);
  await copyInto(sql, 'copy_resident_events', ['resident_id', 'kind', 'occurred_on', 'from_status', 'to_status', 'cycle_id', 'details'], events);
  return performance.now() - started;
}

/**
 * End-to-end import of a national residents file (xlsx → validate → commit, through HTTP) on
 * native PostgreSQL, against two COPY baselines of the same rows: into a bare text table (no
 * indexes or constraints: the floor of moving the bytes), and into tables shaped like the ones
 * the commit writes (the same work, minus validation and foreign keys).
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
    const placements: Placement[] = [];
    sedes.forEach((s, i) => {
      for (let k = 0; k < (perSede[i] ?? 0); k++) {
        const grade = 1 + (k % s.duration);
        const p = make.mexican(1996 - grade - (k % 4));
        placements.push({ person: p, sedeId: s.id, grade });
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
    const csv = csvOf(rows);
    const copyStarted = performance.now();
    await copyInto(sql, 'copy_target', HEADER.map((_, i) => `c${i}`), csv);
    const copyMs = performance.now() - copyStarted;
    const shapedMs = await shapedCopy(sql, placements, cycle as { id: number; startsOn: string });
    await sql.end();

    const totalMs = finished - started;
    const result = {
      rows: rows.length, fileBytes: xlsx.length, summary,
      validateSeconds: (validatedAt - started) / 1000, commitSeconds: (finished - validatedAt) / 1000, totalSeconds: totalMs / 1000,
      copySeconds: copyMs / 1000, shareOfCopyThroughput: copyMs / totalMs,
      shapedCopySeconds: shapedMs / 1000, shareOfShapedCopyThroughput: shapedMs / totalMs,
      targets: { totalSeconds: 10, shareOfCopyThroughput: 0.2 },
    };
    writeResult('import', result, [
      '# Import benchmark: residents xlsx, native PostgreSQL',
      '',
      '| rows | file | validate | commit | total | COPY into a bare text table | import throughput / bare COPY | COPY into tables shaped like the real ones | import throughput / shaped COPY |',
      '|---|---|---|---|---|---|---|---|---|',
      `| ${rows.length} | ${(xlsx.length / 2 ** 20).toFixed(1)} MB | ${result.validateSeconds.toFixed(2)} s | ${result.commitSeconds.toFixed(2)} s | ${result.totalSeconds.toFixed(2)} s (target ≤ 10 s) | ${result.copySeconds.toFixed(3)} s | ${(100 * result.shareOfCopyThroughput).toFixed(1)} % (the floor of moving the bytes) | ${result.shapedCopySeconds.toFixed(3)} s | ${(100 * result.shareOfShapedCopyThroughput).toFixed(1)} % (target ≥ 20 %) |`,
      '',
      'The bare COPY moves the same cells into one text table without indexes or constraints; the shaped COPY writes the rows the commit writes (persons, residents, enrolments, two resident events each) into tables created `like … including all` (same defaults, generated columns, checks and indexes) with the same foreign keys, re-created between the copies.',
    ].join('\n'));
    return result;
  } finally {
    await database.close();
    await target.drop();
  }
}
