import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestContext, national, setupApp } from './support/app.ts';
import { type UnitRow, createSede, createUnit, hospital, ok } from './support/catalog.ts';
import { courseOf, ooadId } from './support/lookup.ts';

type Page<T = Record<string, unknown> & { id: number }> = { items: T[]; total: number };
type SedeRow = { id: number; unitId: number; version: number; placesPerGrade: number[] } & Record<string, unknown>;

let t: TestContext;
let central: Client;
let jalisco: number;
let nuevoLeon: number;
/** Hospital General de Zona in Guadalajara, with sedes of Medicina Interna and Cardiología. */
let guadalajara: UnitRow;
let internaGdl: SedeRow;
let cardioGdl: SedeRow;
/** A hospital of another OOAD, with its own Medicina Interna sede. */
let monterrey: UnitRow;
let internaMty: SedeRow;
/** A second unit of Jalisco, outside the unit coordinator's reach. */
let zapopan: UnitRow;

beforeAll(async () => {
  t = await setupApp();
  const db = t.database.db;
  central = await t.userWith('carmen.central', [national('nivel_central')]);
  jalisco = await ooadId(db, 'Jalisco');
  nuevoLeon = await ooadId(db, 'Nuevo León');
  guadalajara = await createUnit(central, jalisco, { name: 'HGZ No. 14 Guadalajara', clues: 'JCIMS009014' });
  zapopan = await createUnit(central, jalisco, { name: 'HGZ No. 45 Zapopan', city: 'Zapopan' });
  monterrey = await createUnit(central, nuevoLeon, { name: 'HGZ No. 17 Monterrey', city: 'Monterrey', clues: 'NLIMS009017' });
  internaGdl = await createSede(central, await courseOf(db, 'MIN'), guadalajara.id, [6, 6, 6, 6]);
  cardioGdl = await createSede(central, await courseOf(db, 'CAR'), guadalajara.id, [2, 2, 2]);
  internaMty = await createSede(central, await courseOf(db, 'MIN'), monterrey.id, [5, 5, 5, 5]);
});
afterAll(() => t.close());

const unitAsCentral = async (id: number) => ok<UnitRow>(await central.get(`/api/v1/catalog/units/${id}`));

describe('the OOAD coordinator of Jalisco', () => {
  let lucia: Client;
  beforeAll(async () => {
    lucia = await t.userWith('lucia.jalisco', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco }]);
  });

  it('cannot touch a unit of Nuevo León: it is not even visible, and it stays as it was', async () => {
    const before = await unitAsCentral(monterrey.id);
    const edit = await lucia.patch(`/api/v1/catalog/units/${monterrey.id}`, { ...monterrey, camasCensables: 1 });
    expect([403, 404]).toContain(edit.statusCode);
    expect((await lucia.post(`/api/v1/catalog/units/${monterrey.id}/deactivate`, { version: monterrey.version })).statusCode).toBe(404);
    expect((await lucia.delete(`/api/v1/catalog/units/${monterrey.id}`)).statusCode).toBe(404);
    expect((await lucia.get(`/api/v1/catalog/units/${monterrey.id}`)).statusCode).toBe(404);
    expect(await unitAsCentral(monterrey.id)).toEqual(before);
  });

  it('cannot register a unit in Nuevo León', async () => {
    const res = await lucia.post('/api/v1/catalog/units', hospital(nuevoLeon, { name: 'HGZ fuera de su OOAD' }));
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('La unidad quedaría fuera de su ámbito (OOAD o unidad asignados).');
    expect(ok<Page>(await central.get('/api/v1/catalog/units?q=fuera%20de%20su%20ooad')).total).toBe(0);
  });

  it('edits a unit of Jalisco, but cannot move it to another OOAD', async () => {
    const current = await unitAsCentral(zapopan.id);
    const edited = ok<UnitRow>(await lucia.patch(`/api/v1/catalog/units/${zapopan.id}`, { ...current, camasCensables: 210 }));
    expect(edited).toMatchObject({ camasCensables: 210, version: current.version + 1 });
    const moved = await lucia.patch(`/api/v1/catalog/units/${zapopan.id}`, { ...edited, ooadId: nuevoLeon });
    expect(moved.statusCode).toBe(403);
    expect(await unitAsCentral(zapopan.id)).toMatchObject({ ooadId: jalisco, version: edited.version });
  });

  it('sees the units and sedes of Jalisco only', async () => {
    const units = ok<Page<UnitRow>>(await lucia.get('/api/v1/catalog/units?limit=200'));
    const ofJalisco = ok<Page>(await central.get(`/api/v1/catalog/units?ooadId=${jalisco}&limit=200`));
    expect(units.total).toBe(ofJalisco.total);
    expect(units.items.every((u) => u.ooadId === jalisco)).toBe(true);
    const sedes = ok<Page<SedeRow>>(await lucia.get('/api/v1/catalog/sedes?limit=200'));
    expect(sedes.items.map((s) => s.id)).toEqual(expect.arrayContaining([internaGdl.id, cardioGdl.id]));
    expect(sedes.items.map((s) => s.id)).not.toContain(internaMty.id);
  });

  it('cannot change the national catalogue of specialties', async () => {
    const [cardiologia] = ok<Page>(await lucia.get('/api/v1/catalog/specialties?q=cardiologia')).items;
    const res = await lucia.patch(`/api/v1/catalog/specialties/${cardiologia.id}`, { ...cardiologia, durationYears: 4 });
    expect(res.statusCode).toBe(403);
  });
});

describe('the education coordinator of the Guadalajara hospital', () => {
  let hector: Client;
  beforeAll(async () => {
    hector = await t.userWith('hector.cceis', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: guadalajara.id }]);
  });

  it('sees only the sedes of the hospital, in lists, by id and in the export', async () => {
    const sedes = ok<Page<SedeRow>>(await hector.get('/api/v1/catalog/sedes?limit=200'));
    expect(sedes.items.map((s) => s.id).sort()).toEqual([internaGdl.id, cardioGdl.id].sort());
    expect(sedes.total).toBe(2);
    expect(ok<Page>(await hector.get(`/api/v1/catalog/sedes?unitId=${monterrey.id}`)).total).toBe(0);
    expect((await hector.get(`/api/v1/catalog/sedes/${internaMty.id}`)).statusCode).toBe(404);
    const units = ok<Page<UnitRow>>(await hector.get('/api/v1/catalog/units?limit=200'));
    expect(units.items.map((u) => u.id)).toEqual([guadalajara.id]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await hector.get('/api/v1/catalog/sedes/export.xlsx')).rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Sedes');
    expect(sheet?.actualRowCount).toBe(3);
    expect([2, 3].map((r) => sheet?.getRow(r).getCell(2).value)).toEqual([guadalajara.name, guadalajara.name]);
  });

  it('opens a new sede in the hospital but not in another unit', async () => {
    const anestesia = await courseOf(t.database.db, 'ANE');
    const opened = await createSede(hector, anestesia, guadalajara.id, [3, 3, 3]);
    expect(opened.unitId).toBe(guadalajara.id);
    const elsewhere = await hector.post('/api/v1/catalog/sedes', { courseId: anestesia, unitId: zapopan.id, placesPerGrade: [3, 3, 3] });
    expect(elsewhere.statusCode).toBe(403);
    expect(ok<Page>(await central.get(`/api/v1/catalog/sedes?unitId=${zapopan.id}`)).total).toBe(0);
  });

  it('changes the places of a sede of the hospital, but cannot move it to another unit', async () => {
    const current = ok<SedeRow>(await hector.get(`/api/v1/catalog/sedes/${cardioGdl.id}`));
    const edited = ok<SedeRow>(await hector.patch(`/api/v1/catalog/sedes/${cardioGdl.id}`, { ...current, placesPerGrade: [3, 3, 2] }));
    expect(edited.placesPerGrade).toEqual([3, 3, 2]);
    const moved = await hector.patch(`/api/v1/catalog/sedes/${cardioGdl.id}`, { ...edited, unitId: zapopan.id });
    expect(moved.statusCode).toBe(403);
    expect(ok<SedeRow>(await central.get(`/api/v1/catalog/sedes/${cardioGdl.id}`))).toMatchObject({ unitId: guadalajara.id, version: edited.version });
  });

  it('cannot edit the hospital itself: units belong to the OOAD and the centre', async () => {
    const res = await hector.patch(`/api/v1/catalog/units/${guadalajara.id}`, { ...guadalajara, camasCensables: 999 });
    expect(res.statusCode).toBe(403);
    expect((await unitAsCentral(guadalajara.id)).camasCensables).toBe(guadalajara.camasCensables);
  });
});

describe('the profesor titular of a sede', () => {
  it('sees that sede only and cannot change it', async () => {
    const rosa = await t.userWith('rosa.titular', [{ role: 'profesor_titular', scopeKind: 'sede', sedeId: internaGdl.id }]);
    const sedes = ok<Page<SedeRow>>(await rosa.get('/api/v1/catalog/sedes'));
    expect(sedes.items.map((s) => s.id)).toEqual([internaGdl.id]);
    const current = ok<SedeRow>(await rosa.get(`/api/v1/catalog/sedes/${internaGdl.id}`));
    const res = await rosa.patch(`/api/v1/catalog/sedes/${internaGdl.id}`, { ...current, placesPerGrade: [9, 9, 9, 9] });
    expect(res.statusCode).toBe(403);
    expect(ok<SedeRow>(await central.get(`/api/v1/catalog/sedes/${internaGdl.id}`)).placesPerGrade).toEqual([6, 6, 6, 6]);
  });
});

describe('a resident', () => {
  let pablo: Client;
  beforeAll(async () => {
    pablo = await t.userWith('pablo.r1', [{ role: 'residente', scopeKind: 'self' }]);
  });

  it('reads the national catalogue: OOAD, specialties, courses, cycles and unit types', async () => {
    expect(ok<Page>(await pablo.get('/api/v1/catalog/ooads')).total).toBe(35);
    expect(ok<Page>(await pablo.get('/api/v1/catalog/specialties?q=anestesiologia')).items.map((s) => s.name)).toContain('Anestesiología');
    expect(ok<Page>(await pablo.get('/api/v1/catalog/courses')).total).toBeGreaterThan(70);
    expect(ok<Page>(await pablo.get('/api/v1/catalog/cycles')).total).toBeGreaterThan(0);
    expect(ok<{ items: unknown[] }>(await pablo.get('/api/v1/catalog/unit-types')).items.length).toBeGreaterThan(0);
  });

  it('reaches no unit or sede through a "self" grant', async () => {
    // Units and sedes are scoped to where a grant applies; "self" names no unit yet.
    expect(ok<Page>(await pablo.get('/api/v1/catalog/units')).total).toBe(0);
    expect(ok<Page>(await pablo.get('/api/v1/catalog/sedes')).total).toBe(0);
  });

  it('is refused every change with 403, whatever the record', async () => {
    const [ooad] = ok<Page>(await pablo.get('/api/v1/catalog/ooads?q=jalisco')).items;
    const attempts = [
      await pablo.post('/api/v1/catalog/cycles', { startYear: 2070 }),
      await pablo.patch(`/api/v1/catalog/ooads/${ooad.id}`, { ...ooad, name: 'Jalisco (editado)' }),
      await pablo.post(`/api/v1/catalog/ooads/${ooad.id}/deactivate`, { version: ooad.version }),
      await pablo.delete(`/api/v1/catalog/ooads/${ooad.id}`),
      await pablo.patch(`/api/v1/catalog/units/${guadalajara.id}`, { ...guadalajara, camasCensables: 1 }),
      await pablo.delete(`/api/v1/catalog/sedes/${internaGdl.id}`),
      await pablo.post('/api/v1/catalog/units', hospital(jalisco)),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual(attempts.map(() => 403));
    expect(attempts.every((r) => r.json().code === 'forbidden')).toBe(true);
    expect(ok<Page>(await central.get('/api/v1/catalog/ooads?q=jalisco')).items[0]).toMatchObject({ name: 'Jalisco', active: true, version: ooad.version });
  });
});
