import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.ts';
import { persons } from '../src/db/schema/people.ts';
import { residentWithAccount } from './support/accounts.ts';
import { type Client, national, setupApp, type TestContext } from './support/app.ts';
import { ok } from './support/catalog.ts';
import { auditCount } from './support/lookup.ts';
import { cycleStartingIn, familyMedicineSede, mexican } from './support/people.ts';

let t: TestContext;
let admin: Client;
let coordJal: Client;
let coordNl: Client;
let jalisco: { id: number; unitId: number; ooadId: number };
let cycleId: number;

type Resident = { id: number; personId: number; person: Record<string, unknown> & { version: number } };

beforeAll(async () => {
  t = await setupApp();
  admin = await t.userWith('admin.persons', [national()]);
  jalisco = await familyMedicineSede(t.database.db, 'Jalisco');
  const nuevoLeon = await familyMedicineSede(t.database.db, 'Nuevo León');
  cycleId = (await cycleStartingIn(t.database.db, 2026)).id;
  coordJal = await t.userWith('cceis.jalisco', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: jalisco.unitId }]);
  coordNl = await t.userWith('ooad.nl', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: nuevoLeon.ooadId }]);
});
afterAll(() => t.close());

const enrolAtJalisco = async () => ok<Resident>(await coordJal.post('/api/v1/people/residents', { person: mexican(), sedeId: jalisco.id, cycleId, grade: 1 }), 201);
const row = async (personId: number) => (await t.database.db.select().from(persons).where(eq(persons.id, personId)))[0];
const edit = (client: Client, personId: number, body: Record<string, unknown>) => client.patch(`/api/v1/people/persons/${personId}`, body);

describe('editing a resident’s person record', () => {
  it('the unit coordinator records both cédulas as verified and a new e-mail; the profile shows them and the audit keeps before and after', async () => {
    const r = await enrolAtJalisco();
    expect(r.person).toMatchObject({ cedulaLicenciatura: null, cedulaLicenciaturaVerified: false, version: 0 });
    const body = { email: 'ana.pena@imss.example.mx', phone: '33 3618 1234', cedulaLicenciatura: '10234567', cedulaLicenciaturaVerified: true, cedulaEspecialidad: '12345678', version: r.person.version };
    const saved = ok<Record<string, unknown>>(await edit(coordJal, r.personId, body));
    expect(saved).toMatchObject({ ...body, cedulaEspecialidadVerified: false, version: 1 });
    const profile = ok<Resident>(await coordJal.get(`/api/v1/people/residents/${r.id}`));
    expect(profile.person).toMatchObject({ cedulaLicenciatura: '10234567', cedulaLicenciaturaVerified: true, cedulaEspecialidad: '12345678', version: 1 });
    expect(ok(await edit(coordJal, r.personId, { email: 'ana.lucia@imss.example.mx', version: 1 }))).toMatchObject({ phone: '33 3618 1234', cedulaLicenciaturaVerified: true, version: 2 });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'person'), eq(auditLog.entityId, String(r.personId)))).orderBy(auditLog.id);
    expect(audit).toMatchObject({ action: 'update', actorName: 'cceis.jalisco', before: expect.objectContaining({ cedulaLicenciatura: null }), after: expect.objectContaining({ cedulaLicenciatura: '10234567', cedulaLicenciaturaVerified: true }) });
  });

  it('a changed cédula number loses its verified mark; verifying an empty cédula is refused on the field', async () => {
    const r = await enrolAtJalisco();
    const first = ok<{ version: number }>(await edit(coordJal, r.personId, { cedulaLicenciatura: '7654321', cedulaLicenciaturaVerified: true, version: 0 }));
    expect(ok(await edit(coordJal, r.personId, { cedulaLicenciatura: '7654322', version: first.version }))).toMatchObject({ cedulaLicenciaturaVerified: false });
    const empty = await edit(coordJal, r.personId, { cedulaEspecialidadVerified: true, version: first.version + 1 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([expect.objectContaining({ field: 'cedulaEspecialidad', message: expect.stringContaining('cédula vacía') })]);
    const shape = await edit(coordJal, r.personId, { cedulaEspecialidad: '12', version: first.version + 1 });
    expect(shape.json().errors).toEqual([expect.objectContaining({ field: 'cedulaEspecialidad', message: expect.stringContaining('7 u 8 dígitos') })]);
  });

  it('a stale version gets 409 with the current record, and nothing changes', async () => {
    const r = await enrolAtJalisco();
    ok(await edit(coordJal, r.personId, { phone: '3311112222', version: 0 }));
    const before = await row(r.personId);
    const audits = await auditCount(t.database.db);
    const stale = await edit(admin, r.personId, { phone: '3399998888', cedulaEspecialidad: '12345678', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { phone: '3311112222', version: 1 } });
    expect(await row(r.personId)).toEqual(before);
    expect(await auditCount(t.database.db)).toBe(audits);
  });

  it('a coordinator of another OOAD cannot see or edit the person, and nothing changes', async () => {
    const r = await enrolAtJalisco();
    const before = await row(r.personId);
    const audits = await auditCount(t.database.db);
    const res = await edit(coordNl, r.personId, { cedulaLicenciatura: '10234567', cedulaLicenciaturaVerified: true, version: 0 });
    expect(res.statusCode).toBe(404);
    expect(await row(r.personId)).toEqual(before);
    expect(await auditCount(t.database.db)).toBe(audits);
  });

  it('a resident updates their own phone but not their cédulas, and cannot touch anyone else', async () => {
    const me = await residentWithAccount(t, admin, jalisco, cycleId, 'residente.contacto');
    const other = await enrolAtJalisco();
    const mine = ok<{ version: number; phone: string }>(await edit(me.client, me.personId, { phone: '33 1000 2000', email: 'yo@example.mx', version: 0 }));
    expect(mine).toMatchObject({ phone: '33 1000 2000', version: 1 });
    const cedula = await edit(me.client, me.personId, { cedulaEspecialidad: '12345678', cedulaEspecialidadVerified: true, version: 1 });
    expect(cedula.statusCode).toBe(403);
    expect(cedula.json().detail).toContain('correo electrónico y teléfono');
    const before = await row(other.personId);
    const audits = await auditCount(t.database.db);
    expect((await edit(me.client, other.personId, { phone: '33 0000 0000', version: 0 })).statusCode).toBe(404);
    expect(await row(other.personId)).toEqual(before);
    expect((await row(me.personId)).cedulaEspecialidad).toBeNull();
    expect(await auditCount(t.database.db)).toBe(audits);
  });
});
