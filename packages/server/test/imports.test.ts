import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';
import { units } from '../src/db/schema/catalog.ts';
import { residents } from '../src/db/schema/people.ts';
import { roleGrants, users } from '../src/db/schema/access.ts';
import { eq } from 'drizzle-orm';

let t: TestContext;
let admin: Client;
let clues: string;
let cycleCode: string;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.imports', [national()]);
  const sede = await familyMedicineSede(t.database.db, 'Jalisco');
  const [unit] = await t.database.db.select().from(units).where(eq(units.id, sede.unitId));
  clues = unit?.clues as string;
  cycleCode = (await cycleStartingIn(t.database.db, 2026)).code;
});
afterAll(() => t.close());

const upload = (client: Client, bytes: Buffer, fileName: string, kind = 'residents') =>
  client.request('POST', `/api/v1/imports/${kind}`, bytes, { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) });
const residentCount = () => t.database.db.$count(residents);
const HEADER = ['CURP', 'Nombre(s)', 'Primer apellido', 'Segundo apellido', 'Sexo', 'Fecha de nacimiento', 'CLUES', 'Especialidad', 'Ciclo', 'Grado'];
const row = (p: ReturnType<typeof mexican>, grade = 'R1', sede = clues) => [p.curp, p.givenNames, p.firstSurname, p.secondSurname ?? '', p.sex, p.birthDate.split('-').reverse().join('/'), sede, 'MFA', cycleCode, grade];

async function xlsx(rows: (string | number | { formula: string; result: string })[][], options: { title?: string } = {}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Residentes');
  if (options.title) {
    ws.addRow([options.title]);
    ws.mergeCells(1, 1, 1, HEADER.length);
  }
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet as Excel leaves it after formatting whole columns: data, then a million empty formatted rows. */
async function paddedXlsx(rows: string[][], emptyRows: number) {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const ws = wb.addWorksheet('Residentes');
  for (const r of rows) ws.addRow(r).commit();
  for (let i = 0; i < emptyRows; i++) {
    const empty = ws.getRow(rows.length + 1 + i);
    empty.height = 15;
    empty.commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

describe('bulk import of residents', () => {
  it('imports a Latin-1 CSV with semicolons keeping Peña, Muñoz and Ibáñez intact; a second import creates nothing', async () => {
    const people = [mexican({ firstSurname: 'Peña' }), mexican({ firstSurname: 'Muñoz' }), mexican({ firstSurname: 'Ibáñez' })];
    const text = [HEADER.join(';'), ...people.map((p) => row(p).join(';'))].join('\r\n');
    const bytes = Buffer.from(text, 'latin1');
    const before = await residentCount();
    const checked = await upload(admin, bytes, 'residentes.csv');
    expect(checked.statusCode, checked.body).toBe(201);
    expect(checked.json().summary).toMatchObject({ total: 3, create: 3, errors: 0 });
    expect(await residentCount()).toBe(before);
    const done = await admin.post(`/api/v1/imports/batches/${checked.json().id}/commit`);
    expect(done.statusCode, done.body).toBe(200);
    expect(await residentCount()).toBe(before + 3);
    const names = (await admin.get('/api/v1/people/residents?q=ibanez')).json().items.map((r: { firstSurname: string }) => r.firstSurname);
    expect(names).toContain('Ibáñez');

    const again = (await upload(admin, bytes, 'residentes.csv')).json();
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 3, errors: 0 });
    await admin.post(`/api/v1/imports/batches/${again.id}/commit`);
    expect(await residentCount()).toBe(before + 3);
    const recommit = (await admin.post(`/api/v1/imports/batches/${checked.json().id}/commit`)).json();
    expect(recommit.alreadyCommitted).toBe(true);
  });

  it('reports each bad row by row and column, refuses to commit, and offers the rows with errors as xlsx', async () => {
    const good = mexican();
    const badCurp = mexican();
    const dup = mexican();
    const rows = [
      HEADER,
      row(good),
      row({ ...badCurp, curp: `${badCurp.curp.slice(0, 17)}${(Number(badCurp.curp[17]) + 1) % 10}` }),
      row(mexican(), 'R1', 'JCIMS777777'),
      row(mexican(), 'R5'),
      row(dup),
      row(dup),
      row({ ...mexican(), givenNames: '' }),
    ];
    const before = await residentCount();
    const res = await upload(admin, await xlsx(rows), 'con-errores.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    const { id, summary, errors } = res.json();
    expect(summary).toMatchObject({ total: 7, errors: 5 });
    const at = (line: number) => errors.filter((e: { line: number }) => e.line === line);
    expect(at(3)).toEqual([expect.objectContaining({ column: 'CURP', message: expect.stringContaining('dígito verificador') })]);
    expect(at(4)[0]).toMatchObject({ column: 'CLUES', message: expect.stringContaining('No hay sede') });
    expect(at(5)[0]).toMatchObject({ column: 'Grado', message: expect.stringContaining('excede') });
    expect(at(7)[0]).toMatchObject({ message: expect.stringContaining('fila 6') });
    expect(at(8)[0]).toMatchObject({ column: 'Nombre(s)', message: expect.stringContaining('obligatorio') });
    const refused = await admin.post(`/api/v1/imports/batches/${id}/commit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('import_has_errors');
    expect(await residentCount()).toBe(before);
    const download = await admin.get(`/api/v1/imports/batches/${id}/errors.xlsx`);
    expect(download.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount).toBe(1 + 5);
  });

  it('reads formulas by their value and skips a merged title above the header', async () => {
    const p = mexican();
    const cells: (string | { formula: string; result: string })[] = row(p);
    cells[9] = { formula: '"R"&1', result: 'R1' };
    const res = await upload(admin, await xlsx([HEADER, cells], { title: 'Padrón de residentes 2026' }), 'formulas.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().summary).toMatchObject({ total: 1, create: 1, errors: 0 });
  });

  it('ignores a million empty trailing rows', async () => {
    const res = await upload(admin, await paddedXlsx([HEADER, row(mexican())], 1_000_000), 'formato-de-columnas.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().summary).toMatchObject({ total: 1, errors: 0 });
  });

  it('refuses an empty sheet, a file without the required columns and a file over 50 MB, with a message', async () => {
    const empty = await upload(admin, await xlsx([]), 'vacio.xlsx');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('no tiene filas');
    const noColumns = await upload(admin, Buffer.from('a,b\n1,2\n'), 'otro.csv');
    expect(noColumns.json().detail).toContain('Faltan columnas obligatorias');
    const huge = await upload(admin, Buffer.alloc(50 * 1024 * 1024 + 1, 0x41), 'enorme.csv');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toContain('50 MB');
  });

  it('leaves the database as it was when the commit meets a conflict halfway', async () => {
    const people = [mexican(), mexican(), mexican()];
    const checked = (await upload(admin, Buffer.from([HEADER.join(','), ...people.map((p) => row(p).join(','))].join('\n')), 'carrera.csv')).json();
    expect(checked.summary.create).toBe(3);
    // Someone enrols the third person by hand between validation and commit.
    const sede = await familyMedicineSede(t.database.db, 'Jalisco');
    const cycle = await cycleStartingIn(t.database.db, 2026);
    expect((await admin.post('/api/v1/people/residents', { person: people[2], sedeId: sede.id, cycleId: cycle.id, grade: 1 })).statusCode).toBe(201);
    const before = await residentCount();
    const res = await admin.post(`/api/v1/imports/batches/${checked.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('import_stale');
    expect(await residentCount()).toBe(before);
    expect((await admin.get(`/api/v1/imports/batches/${checked.id}`)).json().status).toBe('validated');
  });

  it('keeps a unit coordinator to their own unit and imports faculty', async () => {
    const coord = await t.userWith('cceis.import', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: (await familyMedicineSede(t.database.db, 'Nuevo León')).unitId }]);
    const res = (await upload(coord, Buffer.from([HEADER.join(','), row(mexican()).join(',')].join('\n')), 'ajeno.csv')).json();
    expect(res.errors[0]).toMatchObject({ column: 'CLUES', message: expect.stringContaining('fuera de su ámbito') });
    const p = mexican({ birthDate: '1978-05-05', sex: 'M' });
    const faculty = ['CURP,Nombre(s),Primer apellido,Sexo,Fecha de nacimiento,CLUES,Especialidad,Nombramiento,Inicio', [p.curp, p.givenNames, p.firstSurname, 'M', '05/05/1978', clues, 'MFA', 'Profesor adjunto', '01/03/2026'].join(',')];
    const checked = await upload(admin, Buffer.from(faculty.join('\n')), 'profesores.csv', 'faculty');
    expect(checked.json().summary, checked.body).toMatchObject({ create: 1, errors: 0 });
    expect((await admin.post(`/api/v1/imports/batches/${checked.json().id}/commit`)).statusCode).toBe(200);
    const again = (await upload(admin, Buffer.from(faculty.join('\n')), 'profesores.csv', 'faculty')).json();
    expect(again.summary).toMatchObject({ create: 0, unchanged: 1 });
  });

  it('checks the scope again at commit: a coordinator moved to another unit since validating applies nothing', async () => {
    const jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
    const coord = await t.userWith('cceis.moved', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: jalisco.unitId }]);
    const checked = await upload(coord, Buffer.from([HEADER.join(','), row(mexican()).join(',')].join('\n')), 'jalisco.csv');
    expect(checked.json().summary, checked.body).toMatchObject({ create: 1, errors: 0 });
    const [user] = await t.database.db.select().from(users).where(eq(users.username, 'cceis.moved'));
    await t.database.db.update(roleGrants).set({ unitId: (await familyMedicineSede(t.database.db, 'Nuevo León')).unitId }).where(eq(roleGrants.userId, user?.id as number));
    const before = await residentCount();
    const res = await coord.post(`/api/v1/imports/batches/${checked.json().id}/commit`);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('ya no incluye');
    expect(await residentCount()).toBe(before);
  });
});
