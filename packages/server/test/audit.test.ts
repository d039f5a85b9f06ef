import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { type Client, type TestContext, national, setupApp } from './support/app.ts';
import { type UnitRow, createUnit, ok } from './support/catalog.ts';
import { ooadId } from './support/lookup.ts';

type Entry = { id: number; at: string; actorId: number | null; actorName: string | null; action: string; entity: string; entityId: string | null };
type Page = { items: Entry[]; total?: number; nextCursor: string | null };

let t: TestContext;
let admin: Client;
let carmen: Client;
let jorge: Client;
let carmenId: number;
let cycleId: number;
let unit: UnitRow;
let today: string;

const shift = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await setupApp();
  const db = t.database.db;
  admin = await t.userWith('ana.admin', [national()]);
  carmen = await t.userWith('carmen.central', [national('nivel_central')]);
  const jalisco = await ooadId(db, 'Jalisco');
  jorge = await t.userWith('jorge.ooad', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco }]);
  carmenId = ok<{ user: { id: number } }>(await carmen.get('/api/v1/auth/me')).user.id;

  // Carmen opens a cycle and registers a hospital; Jorge, from the OOAD, corrects its beds.
  cycleId = ok<{ id: number }>(await carmen.post('/api/v1/catalog/cycles', { startYear: 2032 }), 201).id;
  unit = await createUnit(carmen, jalisco, { name: 'HGZ No. 180 (auditoría)' });
  ok(await jorge.patch(`/api/v1/catalog/units/${unit.id}`, { ...unit, camasCensables: 96 }));
  // "Today" as the database sees it: the date filter is applied in the database's time zone.
  [{ today }] = await db.select({ today: sql<string>`current_date::text` }).from(auditLog).limit(1);
});
afterAll(() => t.close());

const audit = async (query: string) => ok<Page>(await admin.get(`/api/v1/audit?${query}`));

describe('the administrator reviews the audit trail', () => {
  it('filters by entity', async () => {
    const cycles = await audit('entity=cycle');
    expect(cycles.items.length).toBeGreaterThan(0);
    expect(cycles.items.every((e) => e.entity === 'cycle')).toBe(true);
    expect(cycles.items.map((e) => e.entityId)).toContain(String(cycleId));
    const oneUnit = await audit(`entity=unit&entityId=${unit.id}`);
    expect(oneUnit.items.map((e) => [e.action, e.actorName])).toEqual([
      ['update', 'jorge.ooad'],
      ['create', 'carmen.central'],
    ]);
    expect(oneUnit.total).toBe(2);
  });

  it('filters by who acted, by name or by id', async () => {
    const byName = await audit('actor=CARMEN');
    expect(byName.items.length).toBeGreaterThanOrEqual(3);
    expect(byName.items.every((e) => e.actorName === 'carmen.central')).toBe(true);
    expect(byName.items.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'create']));
    const byId = await audit(`actorId=${carmenId}`);
    expect(byId.items.map((e) => e.id)).toEqual(byName.items.map((e) => e.id));
    const jorgeOnUnits = await audit('entity=unit&actor=jorge');
    expect(jorgeOnUnits.items.map((e) => [e.action, e.entityId])).toEqual([['update', String(unit.id)]]);
  });

  it('matches an actor name literally: "_" in a username is not a wildcard', async () => {
    const underscore = await t.userWith('jose_luis', [national('nivel_central')]);
    const dotted = await t.userWith('jose.luis', [national('nivel_central')]);
    ok(await underscore.post('/api/v1/catalog/cycles', { startYear: 2033 }), 201);
    ok(await dotted.post('/api/v1/catalog/cycles', { startYear: 2034 }), 201);
    const found = await audit('actor=jose_luis');
    expect(new Set(found.items.map((e) => e.actorName))).toEqual(new Set(['jose_luis']));
  });

  it('filters by a date range that includes the whole last day', async () => {
    const all = await audit('limit=1000');
    const todayOnly = await audit(`from=${today}&to=${today}&limit=1000`);
    expect(todayOnly.total).toBe(all.total);
    expect((await audit(`from=${shift(today, 1)}`)).total).toBe(0);
    expect((await audit(`to=${shift(today, -1)}`)).total).toBe(0);
    expect((await audit(`from=${shift(today, -7)}&to=${today}&entity=cycle`)).total).toBe((await audit('entity=cycle')).total);
  });

  it('explains an impossible date in Spanish', async () => {
    const res = await admin.get('/api/v1/audit?from=2026-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'from', message: 'Fecha inválida: use el formato aaaa-mm-dd.' }]);
    expect(res.json().detail).toMatch(/^Revise los filtros/);
  });

  it('pages newest first without repeats', async () => {
    const whole = await audit('limit=1000');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await audit(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.items.map((e) => e.id));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('records failed logins against the account, with no acting user', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'carmen.central', password: 'equivocada' } });
    const [failed] = (await audit('entity=user')).items.filter((e) => e.action === 'login_failed');
    expect(failed).toMatchObject({ actorId: null, actorName: null, entityId: String(carmenId) });
  });

  it('never holds a password or its hash', async () => {
    ok(await admin.post('/api/v1/access/users', { username: 'nuevo.usuario', displayName: 'Nuevo', password: 'clave-inicial-del-nuevo', grants: [] }), 201);
    const everything = JSON.stringify((await audit('limit=1000')).items);
    expect(everything).not.toContain('clave-inicial-del-nuevo');
    expect(everything).not.toContain('$argon2');
  });
});

describe('exporting the audit trail', () => {
  it('downloads the filtered entries as an xlsx, one row per entry', async () => {
    const entries = await audit('entity=unit&limit=1000');
    const res = await admin.get('/api/v1/audit/export.xlsx?entity=unit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="Auditoria.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Auditoría');
    if (!sheet) throw new Error('no Auditoría sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Folio', 'Fecha y hora', 'Usuario', 'Acción', 'Entidad', 'Id', 'Antes', 'Después', 'Solicitud']);
    expect(sheet.actualRowCount - 1).toBe(entries.total);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(entries.items[0].id);
    expect(String(first.getCell(2).value)).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect([first.getCell(3).value, first.getCell(4).value, first.getCell(5).value]).toEqual(['jorge.ooad', 'update', 'unit']);
    expect(JSON.parse(String(first.getCell(8).value))).toMatchObject({ camasCensables: 96 });
  });
});

describe('only the administrator reads the audit trail', () => {
  it('answers 403 to the national level and to coordinators, for the list and the export', async () => {
    for (const client of [carmen, jorge]) {
      const list = await client.get('/api/v1/audit');
      expect(list.statusCode).toBe(403);
      expect(list.json().detail).toBe('Solo el administrador consulta la bitácora de auditoría.');
      expect((await client.get('/api/v1/audit/export.xlsx')).statusCode).toBe(403);
    }
  });
});
