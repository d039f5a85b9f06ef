import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let jalisco: { id: number; unitId: number; ooadId: number };
let sonora: { id: number; unitId: number; ooadId: number };
let cycleId: number;

type Figure = { key: string; value: number; text: string };
type OoadRow = { ooadId: number; ooad: string; residents: number; foreign: number; countries: number; sedes: number; teachers: number };
const figure = (body: { figures: Figure[] }, key: string) => body.figures.find((f) => f.key === key) as Figure;

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.figures', [national()]);
  jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
  sonora = await familyMedicineSede(t.database.db, 'Sonora');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  const enrol = async (sedeId: number, person: Record<string, unknown>) => {
    const res = await admin.post('/api/v1/people/residents', { cycleId, grade: 1, sedeId, person });
    if (res.statusCode !== 201) throw new Error(res.body);
  };
  // Jalisco: two Mexican residents and one from Colombia; Sonora: one Mexican resident.
  await enrol(jalisco.id, mexican());
  await enrol(jalisco.id, mexican());
  await enrol(jalisco.id, { keyType: 'temporal', tempKey: 'TMP-2026-000731', givenNames: 'Camila', firstSurname: 'Restrepo', sex: 'M', birthDate: '1995-04-02', nationality: 'COL' });
  await enrol(sonora.id, mexican());
});
afterAll(() => t.close());

describe('figures page (Cifras)', () => {
  it('agrees each figure in number: one resident abroad, one country, one sede', async () => {
    const coordSonora = await t.userWith('coord.sonora', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: sonora.ooadId }]);
    const sonoraFigures = (await coordSonora.get('/api/v1/reports/figures')).json();
    expect(figure(sonoraFigures, 'residents').text).toBe('1 médica o médico residente en 1 especialidad médica');
    expect(figure(sonoraFigures, 'sedes').text).toBe('1 sede académica');
    expect(figure(sonoraFigures, 'foreign').text).toBe('0 residentes extranjeros de 0 países');
    const all = (await admin.get('/api/v1/reports/figures')).json();
    expect(figure(all, 'foreign').text).toBe('1 residente extranjero de 1 país');
    expect(figure(all, 'sedes').text).toBe('2 sedes académicas');
  });

  it('splits the figures by OOAD; the rows add up to the national figure', async () => {
    const res = await admin.get('/api/v1/reports/figures/by-ooad');
    expect(res.statusCode).toBe(200);
    const rows: OoadRow[] = res.json().items;
    expect(rows.map((r) => r.ooad)).toEqual(['Jalisco', 'Sonora']);
    expect(rows.find((r) => r.ooadId === jalisco.ooadId)).toMatchObject({ residents: 3, foreign: 1, countries: 1, sedes: 1 });
    const all = (await admin.get('/api/v1/reports/figures')).json();
    expect(rows.reduce((sum, r) => sum + r.residents, 0)).toBe(figure(all, 'residents').value);
  });

  it('an OOAD coordinator sees only their own OOAD, in the page and in the Excel file', async () => {
    const coordJal = await t.userWith('coord.jal.figures', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco.ooadId }]);
    const rows: OoadRow[] = (await coordJal.get('/api/v1/reports/figures/by-ooad')).json().items;
    expect(rows.map((r) => r.ooadId)).toEqual([jalisco.ooadId]);
    const file = await coordJal.get('/api/v1/reports/figures/by-ooad/export.xlsx');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="cifras-por-ooad.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Cifras por OOAD');
    if (!sheet) throw new Error('no sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['OOAD', 'Residentes activos']);
    expect(sheet.actualRowCount).toBe(2);
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(2).value]).toEqual(['Jalisco', 3]);
  });

  it('reflects a new enrolment at once, although the figures are kept between requests', async () => {
    const before = (await admin.get('/api/v1/reports/figures')).json();
    expect((await admin.get('/api/v1/reports/figures')).json()).toEqual(before);
    const res = await admin.post('/api/v1/people/residents', { cycleId, grade: 1, sedeId: sonora.id, person: mexican() });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await admin.get('/api/v1/reports/figures')).json();
    expect(figure(after, 'residents').value).toBe(figure(before, 'residents').value + 1);
    const rows: OoadRow[] = (await admin.get('/api/v1/reports/figures/by-ooad')).json().items;
    expect(rows.find((r) => r.ooadId === sonora.ooadId)?.residents).toBe(2);
  });

  it('refuses anyone without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/reports/figures/by-ooad' });
    expect(res.statusCode).toBe(401);
  });
});
