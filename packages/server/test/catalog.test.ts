import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { units } from '../src/db/schema/catalog.ts';
import { type Client, type TestContext, national, setupApp } from './support/app.ts';
import { type UnitRow, createSede, createUnit, hospital, ok, refusal, walk } from './support/catalog.ts';
import { auditCount, courseOf, ooadId, umae } from './support/lookup.ts';
import { cycleStartingIn, mexican } from './support/people.ts';

let t: TestContext;
let central: Client;
let admin: Client;
let jalisco: number;
let nuevoLeon: number;

beforeAll(async () => {
  t = await setupApp();
  central = await t.userWith('carmen.central', [national('nivel_central')]);
  admin = await t.userWith('ana.admin', [national()]);
  jalisco = await ooadId(t.database.db, 'Jalisco');
  nuevoLeon = await ooadId(t.database.db, 'Nuevo León');
});
afterAll(() => t.close());

type Page<T = UnitRow> = { items: T[]; total: number; nextCursor: string | null };
const auditOf = async (entity: string, id: number) =>
  ok<Page<{ action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; actorName: string; requestId: string }>>(
    await admin.get(`/api/v1/audit?entity=${entity}&entityId=${id}`),
  ).items;

describe('browsing the catalogue', () => {
  it('lists the 35 OOAD of the institute', async () => {
    const page = ok<Page>(await central.get('/api/v1/catalog/ooads?limit=200'));
    expect(page.total).toBe(35);
    expect(page.items).toHaveLength(35);
    expect(page.nextCursor).toBeNull();
  });

  it('shows how many units each OOAD has', async () => {
    const [ooad] = ok<Page>(await central.get('/api/v1/catalog/ooads?q=jalisco')).items;
    const ofJalisco = ok<Page>(await central.get(`/api/v1/catalog/units?ooadId=${jalisco}&active=all`));
    expect(ofJalisco.total).toBeGreaterThanOrEqual(3);
    expect(ooad.unitCount).toBe(ofJalisco.total);
  });

  it('finds "Nuevo León" when the coordinator types "nuevo leon", in OOAD and in units', async () => {
    const ooads = ok<Page>(await central.get('/api/v1/catalog/ooads?q=nuevo%20leon'));
    expect(ooads.items.map((o) => o.name)).toEqual(['Nuevo León']);
    const units = ok<Page>(await central.get('/api/v1/catalog/units?q=nuevo%20leon&limit=200'));
    expect(units.total).toBeGreaterThanOrEqual(4);
    expect(units.items.every((u) => u.ooadName === 'Nuevo León')).toBe(true);
    expect(units.items.map((u) => u.name)).toContain('UMAE Hospital de Cardiología No. 34');
    const shouted = ok<Page>(await central.get('/api/v1/catalog/units?q=NUEVO%20LE%C3%93N&limit=200'));
    expect(shouted.total).toBe(units.total);
  });

  it('finds a specialty by its name without accents, and treats % in a search as a plain character', async () => {
    const found = ok<Page>(await central.get('/api/v1/catalog/specialties?q=cardiologia'));
    expect(found.items.map((s) => s.name)).toContain('Cardiología');
    expect(ok<Page>(await central.get('/api/v1/catalog/units?q=%25')).total).toBe(0);
  });

  it('walks every unit page by page, in every sort order, without repeats or gaps', async () => {
    for (const order of ['sort=name', 'sort=name&dir=desc', 'sort=clues', 'sort=levelOfCare&dir=desc', 'sort=camasCensables', 'sort=ooadName&dir=desc']) {
      const whole = ok<Page>(await central.get(`/api/v1/catalog/units?${order}&limit=200`));
      expect(whole.nextCursor).toBeNull();
      const pages = await walk(central, `/api/v1/catalog/units?${order}`, 11);
      const ids = pages.flatMap((p) => p.items.map((u) => u.id));
      expect(new Set(ids).size, order).toBe(ids.length);
      expect(ids, order).toEqual(whole.items.map((u) => u.id));
      expect(pages.every((p) => p.total === whole.total)).toBe(true);
    }
    const byLevel = ok<Page>(await central.get('/api/v1/catalog/units?sort=levelOfCare&dir=desc&limit=200')).items.map((u) => u.levelOfCare as number);
    expect(byLevel).toEqual([...byLevel].sort((a, b) => b - a));
  });

  it('falls back to the default order for an unknown sort key instead of failing', async () => {
    const byName = ok<Page>(await central.get('/api/v1/catalog/units?limit=20'));
    for (const key of ['toString', 'constructor', 'nonexistent'])
      expect(ok<Page>(await central.get(`/api/v1/catalog/units?sort=${key}&limit=20`)).items.map((u) => u.id), key).toEqual(byName.items.map((u) => u.id));
  });

  it('answers a tampered cursor with a Spanish 400, not a 500', async () => {
    const res = await central.get('/api/v1/catalog/units?cursor=not-a-cursor');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_error', errors: [{ field: 'cursor' }] });
    expect(res.json().detail).toMatch(/cursor de paginación no es válido/);
  });

  it('answers a page size out of range, or a filter zod words itself, in Spanish', async () => {
    for (const limit of ['500', '0', 'diez']) {
      const res = await central.get(`/api/v1/catalog/units?limit=${limit}`);
      expect(res.json(), limit).toMatchObject({ status: 400, code: 'validation_error', detail: 'Revise los filtros: Tamaño de página: un número de 1 a 200.', errors: [{ field: 'limit' }] });
    }
    const res = await central.get('/api/v1/catalog/units?dir=arriba');
    expect(res.json()).toMatchObject({ status: 400, errors: [{ field: 'dir', message: 'Orden: asc o desc.' }] });
    // A message no schema words itself still comes in Spanish.
    const sort = await central.get(`/api/v1/catalog/units?sort=${'x'.repeat(41)}`);
    expect(sort.json().errors[0].message).toMatch(/^Demasiado grande/);
  });
});

describe('registering a unit', () => {
  it('refuses a malformed CLUES next to the field, in Spanish, and creates nothing', async () => {
    const unitCount = await t.database.db.$count(units);
    const audits = await auditCount(t.database.db);
    const res = await central.post('/api/v1/catalog/units', hospital(jalisco, { clues: 'JC-IMS-46' }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ field: 'clues', message: 'CLUES inválida: deben ser 5 letras y 6 dígitos, por ejemplo NLIMS000315.' }]);
    expect(res.json().detail).toMatch(/^Revise los datos/);
    expect(await t.database.db.$count(units)).toBe(unitCount);
    expect(await auditCount(t.database.db)).toBe(audits);
  });

  it('refuses a CLUES already registered, even typed in lower case, naming the unit that has it', async () => {
    const res = await central.post('/api/v1/catalog/units', hospital(nuevoLeon, { clues: 'nlims000315' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'duplicate', errors: [{ field: 'clues' }] });
    expect(res.json().detail).toContain('UMAE Hospital de Cardiología No. 34');
  });

  it('stores the CLUES normalised and the unit shows up in its OOAD', async () => {
    const unit = await createUnit(central, jalisco, { clues: 'jcims000046', name: 'Hospital General Regional No. 46' });
    expect(unit).toMatchObject({ clues: 'JCIMS000046', ooadName: 'Jalisco', version: 0, active: true });
  });

  it('attaches a complementary unit only to a UMAE', async () => {
    const orphan = await central.post('/api/v1/catalog/units', hospital(jalisco, { unitTypeCode: 'UC', levelOfCare: 3, name: 'Unidad complementaria sin UMAE' }));
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().errors).toEqual([{ field: 'parentUnitId', message: 'Indique la UMAE a la que se adscribe la unidad complementaria.' }]);

    const hgz = await createUnit(central, jalisco, { name: 'Hospital General de Zona No. 89' });
    const underHgz = await central.post('/api/v1/catalog/units', hospital(jalisco, { unitTypeCode: 'UC', levelOfCare: 3, name: 'UC bajo un HGZ', parentUnitId: hgz.id }));
    expect(underHgz.statusCode).toBe(400);
    expect(underHgz.json().errors).toEqual([{ field: 'parentUnitId', message: 'Una unidad complementaria se adscribe a una UMAE.' }]);

    const occidente = await umae(t.database.db, 11);
    const attached = await createUnit(central, jalisco, { unitTypeCode: 'UC', levelOfCare: 3, name: 'Unidad complementaria de Occidente', parentUnitId: occidente.id });
    expect(attached.parentUnitName).toBe(occidente.name);
  });
});

describe('offering a course at a unit (sede)', () => {
  it('refuses places for more grades than the specialty lasts', async () => {
    const unit = await createUnit(central, jalisco, { name: 'Hospital General de Zona No. 14' });
    const cardiologia = await courseOf(t.database.db, 'CAR');
    const res = await central.post('/api/v1/catalog/sedes', { courseId: cardiologia, unitId: unit.id, placesPerGrade: [4, 4, 4, 4] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'placesPerGrade', message: 'Cardiología dura 3 año(s): indique plazas para a lo más 3 grado(s).' }]);
    expect(ok<Page>(await central.get(`/api/v1/catalog/sedes?unitId=${unit.id}`)).total).toBe(0);

    const sede = await createSede(central, cardiologia, unit.id, [4, 4, 4]);
    expect(sede).toMatchObject({ placesPerGrade: [4, 4, 4], durationYears: 3, unitName: unit.name });
    const again = await central.post('/api/v1/catalog/sedes', { courseId: cardiologia, unitId: unit.id, placesPerGrade: [2] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('duplicate');
  });
});

describe('two coordinators editing the same unit', () => {
  it('keeps the first save and tells the second one what changed, with the current version', async () => {
    const unit = await createUnit(central, jalisco, { name: 'Hospital General de Zona No. 2', camasCensables: 100 });
    const first = ok<UnitRow>(await central.patch(`/api/v1/catalog/units/${unit.id}`, { ...unit, name: 'Hospital General de Zona No. 2 "Dr. Pedro"' }));
    expect(first.version).toBe(unit.version + 1);

    const second = await central.patch(`/api/v1/catalog/units/${unit.id}`, { ...unit, camasCensables: 180 });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'version_conflict', current: { version: first.version, name: first.name, camasCensables: 100 } });
    expect(second.json().detail).toMatch(/Otra persona modificó este registro/);

    const stored = ok<UnitRow>(await central.get(`/api/v1/catalog/units/${unit.id}`));
    expect(stored).toMatchObject({ name: first.name, camasCensables: 100, version: first.version });

    const retried = ok<UnitRow>(await central.patch(`/api/v1/catalog/units/${unit.id}`, { ...second.json().current, camasCensables: 180 }));
    expect(retried).toMatchObject({ name: first.name, camasCensables: 180, version: first.version + 1 });
  });

  it('lets exactly one of two simultaneous saves through', async () => {
    const unit = await createUnit(central, jalisco, { name: 'Hospital General de Zona No. 9' });
    const results = await Promise.all([
      central.patch(`/api/v1/catalog/units/${unit.id}`, { ...unit, city: 'Zapopan' }),
      central.patch(`/api/v1/catalog/units/${unit.id}`, { ...unit, city: 'Tlaquepaque' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json().city;
    expect(ok<UnitRow>(await central.get(`/api/v1/catalog/units/${unit.id}`))).toMatchObject({ city: winner, version: 1 });
  });
});

describe('retiring a unit', () => {
  it('refuses to delete a unit that has sedes, and deactivating it hides it from the active list', async () => {
    const unit = await createUnit(central, jalisco, { name: 'Hospital General de Zona No. 110 Oblatos' });
    await createSede(central, await courseOf(t.database.db, 'MIN'), unit.id, [6, 6, 6, 6]);

    const removed = await central.delete(`/api/v1/catalog/units/${unit.id}`);
    expect(removed.statusCode).toBe(409);
    expect(removed.json().code).toBe('referenced');
    expect(removed.json().detail).toMatch(/La unidad tiene 1 sede\(s\) académica\(s\)\. Desactívelo/);
    expect(ok<UnitRow>(await central.get(`/api/v1/catalog/units/${unit.id}`)).active).toBe(true);

    const retired = ok<UnitRow>(await central.post(`/api/v1/catalog/units/${unit.id}/deactivate`, { version: unit.version, validTo: '2026-12-31' }));
    expect(retired).toMatchObject({ active: false, validTo: '2026-12-31' });

    const q = 'q=oblatos';
    expect(ok<Page>(await central.get(`/api/v1/catalog/units?${q}`)).total).toBe(0);
    expect(ok<Page>(await central.get(`/api/v1/catalog/units?${q}&active=false`)).items.map((u) => u.id)).toEqual([unit.id]);
    expect(ok<Page>(await central.get(`/api/v1/catalog/units?${q}&active=all`)).total).toBe(1);
  });

  it('deletes a unit nothing refers to', async () => {
    const unit = await createUnit(central, jalisco, { name: 'Unidad capturada por error' });
    expect((await central.delete(`/api/v1/catalog/units/${unit.id}`)).statusCode).toBe(204);
    expect((await central.get(`/api/v1/catalog/units/${unit.id}`)).statusCode).toBe(404);
  });
});

describe('retiring a sede', () => {
  it('refuses to delete a sede with residents or faculty, saying why, and deletes one nothing refers to', async () => {
    const unit = await createUnit(central, jalisco, { name: 'Hospital General de Zona No. 111 Zapopan' });
    const cycle = await cycleStartingIn(t.database.db, 2026);
    const withResidents = await createSede(central, await courseOf(t.database.db, 'MIN'), unit.id, [6, 6, 6, 6]);
    for (let i = 0; i < 2; i++)
      ok(await admin.post('/api/v1/people/residents', { person: mexican(), sedeId: withResidents.id, cycleId: cycle?.id, grade: 1 }), 201);
    const withFaculty = await createSede(central, await courseOf(t.database.db, 'PED'), unit.id, [4, 4, 4]);
    ok(await admin.post('/api/v1/people/faculty', { person: mexican({ birthDate: '1976-05-05' }), sedeId: withFaculty.id, role: 'titular', startsOn: '2026-03-01' }), 201);
    const empty = await createSede(central, await courseOf(t.database.db, 'CIG'), unit.id, [4, 4, 4, 4]);

    const residentsRefusal = await central.delete(`/api/v1/catalog/sedes/${withResidents.id}`);
    expect(residentsRefusal.statusCode).toBe(409);
    expect(residentsRefusal.json().code).toBe('referenced');
    expect(residentsRefusal.json().detail).toMatch(/^La sede tiene 2 residente\(s\) registrado\(s\), vigentes o de ciclos anteriores\. Desactívelo/);
    const facultyRefusal = await central.delete(`/api/v1/catalog/sedes/${withFaculty.id}`);
    expect(facultyRefusal.statusCode).toBe(409);
    expect(facultyRefusal.json().detail).toMatch(/^La sede tiene 1 nombramiento\(s\) de profesor o tutor\./);
    expect(ok(await central.get(`/api/v1/catalog/sedes/${withResidents.id}`)).active).toBe(true);

    expect((await central.delete(`/api/v1/catalog/sedes/${empty.id}`)).statusCode).toBe(204);
    expect((await central.get(`/api/v1/catalog/sedes/${empty.id}`)).statusCode).toBe(404);
  });
});

describe('exporting to Excel', () => {
  it('downloads the filtered list as an xlsx with a header row and one row per unit', async () => {
    const filter = 'q=nuevo%20leon&sort=name';
    const list = ok<Page>(await central.get(`/api/v1/catalog/units?${filter}&limit=200`));
    const res = await central.get(`/api/v1/catalog/units/export.xlsx?${filter}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="Unidades.xlsx"');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Unidades');
    if (!sheet) throw new Error('no Unidades sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'CLUES', 'Nombre', 'Tipo', 'Nivel', 'OOAD', 'Ciudad', 'Camas censables', 'Adscrita a', 'Sedes', 'Vigente desde', 'Vigente hasta', 'Activa',
    ]);
    expect(sheet.actualRowCount - 1).toBe(list.total);
    const names = Array.from({ length: list.total }, (_, i) => sheet.getRow(i + 2).getCell(2).value);
    expect(names).toEqual(list.items.map((u) => u.name));
    const cardiologia = Array.from({ length: list.total }, (_, i) => sheet.getRow(i + 2)).find((r) => r.getCell(1).value === 'NLIMS000315');
    expect(cardiologia?.getCell(10).value).toBe('01/01/2018');
  });

  it('exports every OOAD', async () => {
    const res = await central.get('/api/v1/catalog/ooads/export.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('OOAD')?.actualRowCount).toBe(36);
  });
});

describe('the audit trail of the catalogue', () => {
  it('records who changed what, before and after, for every change to a unit', async () => {
    const unit = await createUnit(central, jalisco, { name: 'Hospital de Gineco-Obstetricia No. 180' });
    const renamed = await central.patch(`/api/v1/catalog/units/${unit.id}`, { ...unit, name: 'HGO No. 180 Tlajomulco' });
    const retired = await central.post(`/api/v1/catalog/units/${unit.id}/deactivate`, { version: renamed.json().version });
    expect((await central.delete(`/api/v1/catalog/units/${unit.id}`)).statusCode).toBe(204);

    const trail = await auditOf('unit', unit.id);
    expect(trail.map((a) => a.action)).toEqual(['delete', 'deactivate', 'update', 'create']);
    expect(trail.every((a) => a.actorName === 'carmen.central')).toBe(true);
    const [deleted, deactivated, updated, created] = trail;
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ name: 'Hospital de Gineco-Obstetricia No. 180', ooadId: jalisco });
    expect(updated.before).toMatchObject({ name: 'Hospital de Gineco-Obstetricia No. 180', version: 0 });
    expect(updated.after).toMatchObject({ name: 'HGO No. 180 Tlajomulco', version: 1 });
    expect(updated.requestId).toBe(renamed.headers['x-request-id']);
    expect(deactivated.before).toMatchObject({ active: true });
    expect(deactivated.after).toMatchObject({ active: false });
    expect(deactivated.requestId).toBe(retired.headers['x-request-id']);
    expect(deleted.before).toMatchObject({ name: 'HGO No. 180 Tlajomulco' });
    expect(deleted.after).toBeNull();
  });

  it('writes nothing for a refused change', async () => {
    const before = await auditCount(t.database.db);
    await central.post('/api/v1/catalog/specialties', { code: 'X', name: 'Sin troncal', kind: 'medica', durationYears: 2, entryType: 'rama' });
    await central.post('/api/v1/catalog/cycles', { startYear: 2026 });
    expect(await auditCount(t.database.db)).toBe(before);
  });

  it('commits the change and its audit row together: if the audit row cannot be written, nothing changes', async () => {
    const db = t.database.db;
    await db.execute(sql`alter table audit_log add constraint audit_refuses_cycles check (entity <> 'cycle') not valid`);
    try {
      const res = await central.post('/api/v1/catalog/cycles', { startYear: 2060 });
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('internal_error');
    } finally {
      await db.execute(sql`alter table audit_log drop constraint audit_refuses_cycles`);
    }
    expect(ok<Page>(await central.get('/api/v1/catalog/cycles?q=2060')).total).toBe(0);
    const created = ok<{ id: number; code: string }>(await central.post('/api/v1/catalog/cycles', { startYear: 2060 }), 201);
    expect((await auditOf('cycle', created.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('cannot be rewritten or erased, not even with SQL from the application connection', async () => {
    const db = t.database.db;
    const rows = await auditCount(db);
    expect(rows).toBeGreaterThan(0);
    expect(await refusal(db.execute(sql`update audit_log set actor_name = 'nadie'`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
    expect(await auditCount(db)).toBe(rows);
    expect(await db.$count(auditLog, eq(auditLog.actorName, 'nadie'))).toBe(0);
  });
});
