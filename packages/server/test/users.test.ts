import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestContext, national, setupApp } from './support/app.ts';
import { createUnit, ok } from './support/catalog.ts';
import { ooadId } from './support/lookup.ts';

type User = { id: number; username: string; active: boolean; mustChangePassword: boolean; version: number; roles: string[]; grants: Record<string, unknown>[] };
type Page<T> = { items: T[]; total: number };

let t: TestContext;
let admin: Client;
let jalisco: number;
let hospitalId: number;

beforeAll(async () => {
  t = await setupApp({ auth: { loginRateLimit: { max: 1000, timeWindow: 60_000 } } });
  admin = await t.userWith('ana.admin', [national()]);
  jalisco = await ooadId(t.database.db, 'Jalisco');
  hospitalId = (await createUnit(admin, jalisco, { name: 'HGZ No. 46 (usuarios)' })).id;
});
afterAll(() => t.close());

const loginAs = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
/** Logs in with the temporary password and replaces it, as the first login requires; the new one is `${password}-propia`. */
const firstLogin = async (username: string, password: string) => {
  const client = await t.login(username, password);
  ok(await client.post('/api/v1/auth/password', { currentPassword: password, newPassword: `${password}-propia` }), 204);
  return client;
};
const current = async (id: number) => ok<User>(await admin.get(`/api/v1/access/users/${id}`));
const newUser = (username: string, grants: unknown[] = [], password = 'clave-inicial-segura') =>
  admin.post('/api/v1/access/users', { username, displayName: `Usuario ${username}`, password, grants });

describe('the administrator registers users', () => {
  it('creates a unit coordinator who must change the password at first login', async () => {
    const created = ok<User>(
      await admin.post('/api/v1/access/users', {
        username: 'Laura.Coord',
        displayName: 'Laura Méndez',
        email: 'laura.mendez@imss.gob.mx',
        password: 'clave-inicial-segura',
        grants: [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: hospitalId }],
      }),
      201,
    );
    expect(created).toMatchObject({ username: 'laura.coord', active: true, mustChangePassword: true, roles: ['coordinador_educacion'] });
    expect(created.grants).toEqual([{ role: 'coordinador_educacion', scopeKind: 'unit', ooadId: null, unitId: hospitalId, sedeId: null, serviceId: null }]);

    const session = ok<{ user: { mustChangePassword: boolean; actions: string[] } }>(await loginAs('laura.coord', 'clave-inicial-segura'));
    expect(session.user.mustChangePassword).toBe(true);
    expect(session.user.actions).toEqual(expect.arrayContaining(['catalog.read', 'sede.manage']));
    expect(session.user.actions).not.toContain('users.manage');

    const found = ok<Page<User>>(await admin.get('/api/v1/access/users?q=mendez'));
    expect(found.items.map((u) => [u.username, u.roles])).toEqual([['laura.coord', ['coordinador_educacion']]]);
    const trail = ok<Page<{ action: string; after: Record<string, unknown> }>>(await admin.get(`/api/v1/audit?entity=user&entityId=${created.id}`)).items;
    expect(trail.map((a) => a.action)).toEqual(['login', 'create']);
    const audit = trail[1];
    expect(audit).toMatchObject({ action: 'create', after: { username: 'laura.coord', grants: [{ role: 'coordinador_educacion', unitId: hospitalId }] } });
    expect(JSON.stringify(audit)).not.toContain('clave-inicial-segura');
  });

  it('grants each role only at its scope, explaining the right one in Spanish', async () => {
    const resident = await newUser('r1.nacional', [{ role: 'residente', scopeKind: 'national' }]);
    expect(resident.statusCode).toBe(400);
    expect(resident.json().errors).toEqual([{ field: 'grants.0.scopeKind', message: 'El rol residente no se asigna con alcance nacional; use alcance propio.' }]);

    const ooadAsUnit = await newUser('ooad.en.unidad', [{ role: 'residente', scopeKind: 'self' }, { role: 'coordinador_ooad', scopeKind: 'unit', unitId: hospitalId }]);
    expect(ooadAsUnit.statusCode).toBe(400);
    expect(ooadAsUnit.json().errors).toEqual([{ field: 'grants.1.scopeKind', message: 'El rol coordinador_ooad no se asigna con alcance de unidad; use alcance de OOAD.' }]);

    const nowhere = await newUser('coord.sin.unidad', [{ role: 'coordinador_educacion', scopeKind: 'unit' }]);
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().errors).toEqual([{ field: 'grants.0.unitId', message: 'Indique a qué parte de la institución aplica el rol.' }]);

    const missing = await newUser('coord.unidad.inexistente', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: 987654 }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'grants.0.unitId', message: 'La unidad no existe.' }]);

    const names = ['r1.nacional', 'ooad.en.unidad', 'coord.sin.unidad', 'coord.unidad.inexistente'];
    for (const q of names) expect(ok<Page<User>>(await admin.get(`/api/v1/access/users?q=${q}`)).total, q).toBe(0);
  });

  it('refuses a username already taken, whatever its case', async () => {
    ok(await newUser('rosa.titular'), 201);
    const again = await newUser('ROSA.Titular');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'duplicate', errors: [{ field: 'username' }] });
    expect(again.json().detail).toBe('El usuario «rosa.titular» ya existe.');
  });

  it('asks for a password of at least 10 characters', async () => {
    const res = await newUser('clave.corta', [], 'corta');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'password', message: 'La contraseña debe tener al menos 10 caracteres.' }]);
  });

  it('detects an edit made on a stale copy of the user', async () => {
    const user = ok<User>(await newUser('ivan.edicion'), 201);
    ok(await admin.patch(`/api/v1/access/users/${user.id}`, { displayName: 'Iván Edición', version: user.version }));
    const stale = await admin.patch(`/api/v1/access/users/${user.id}`, { displayName: 'Otro', version: user.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    expect(ok<User & { displayName: string }>(await admin.get(`/api/v1/access/users/${user.id}`)).displayName).toBe('Iván Edición');
  });
});

describe('only the administrator manages users', () => {
  it('answers 403 to the national level, to coordinators and to residents', async () => {
    const central = await t.userWith('carmen.central', [national('nivel_central')]);
    const ooad = await t.userWith('jorge.ooad', [{ role: 'coordinador_ooad', scopeKind: 'ooad', ooadId: jalisco }]);
    const resident = await t.userWith('pablo.r1', [{ role: 'residente', scopeKind: 'self' }]);
    const someone = ok<User>(await newUser('alguien.mas'), 201);
    for (const client of [central, ooad, resident]) {
      const attempts = [
        await client.get('/api/v1/access/users'),
        await client.get(`/api/v1/access/users/${someone.id}`),
        await client.post('/api/v1/access/users', { username: 'intruso', displayName: 'Intruso', password: 'clave-del-intruso', grants: [national()] }),
        await client.patch(`/api/v1/access/users/${someone.id}`, { active: false, version: someone.version }),
        await client.post(`/api/v1/access/users/${someone.id}/password-reset`, { password: 'clave-del-intruso' }),
      ];
      expect(attempts.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
      expect(attempts[0].json().detail).toBe('Solo el administrador gestiona usuarios.');
    }
    expect(ok<Page<User>>(await admin.get('/api/v1/access/users?q=intruso')).total).toBe(0);
    expect(ok<User>(await admin.get(`/api/v1/access/users/${someone.id}`))).toMatchObject({ active: true, version: someone.version });
  });
});

describe('passwords and accounts', () => {
  it('a password reset closes the user\'s sessions, unlocks the account and forces a change at next login', async () => {
    const mario = ok<User>(await newUser('mario.adjunto', [], 'clave-original-1'), 201);
    const own = await t.login('mario.adjunto', 'clave-original-1');
    ok(await own.post('/api/v1/auth/password', { currentPassword: 'clave-original-1', newPassword: 'clave-elegida-por-mario' }), 204);
    expect(ok<{ user: { mustChangePassword: boolean } }>(await own.get('/api/v1/auth/me')).user.mustChangePassword).toBe(false);
    for (let i = 0; i < 5; i++) await loginAs('mario.adjunto', 'no-recuerdo');
    expect((await loginAs('mario.adjunto', 'clave-elegida-por-mario')).statusCode).toBe(423);

    ok(await admin.post(`/api/v1/access/users/${mario.id}/password-reset`, { password: 'temporal-de-mesa-de-ayuda' }), 204);
    expect((await own.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await loginAs('mario.adjunto', 'clave-elegida-por-mario')).statusCode).toBe(401);

    const temporary = await loginAs('mario.adjunto', 'temporal-de-mesa-de-ayuda');
    expect(ok<{ user: { mustChangePassword: boolean } }>(temporary).user.mustChangePassword).toBe(true);
    const again = await t.login('mario.adjunto', 'temporal-de-mesa-de-ayuda');
    const blocked = await again.get('/api/v1/catalog/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    ok(await again.post('/api/v1/auth/password', { currentPassword: 'temporal-de-mesa-de-ayuda', newPassword: 'otra-clave-de-mario' }), 204);
    expect(ok<{ user: { mustChangePassword: boolean } }>(await again.get('/api/v1/auth/me')).user.mustChangePassword).toBe(false);
    // From now on the ordinary permissions answer (Mario holds no role yet).
    expect((await again.get('/api/v1/catalog/units')).json().code).toBe('forbidden');
    const trail = ok<Page<{ action: string }>>(await admin.get(`/api/v1/audit?entity=user&entityId=${mario.id}`)).items.map((a) => a.action);
    expect(trail).toContain('password_reset');
  });

  it('a deactivated user is signed out and cannot sign in, until reactivated', async () => {
    const user = ok<User>(await newUser('sofia.baja', [{ role: 'residente', scopeKind: 'self' }], 'clave-de-sofia-1'), 201);
    const session = await firstLogin('sofia.baja', 'clave-de-sofia-1');
    expect((await session.get('/api/v1/catalog/ooads')).statusCode).toBe(200);

    const off = ok<User>(await admin.patch(`/api/v1/access/users/${user.id}`, { active: false, version: (await current(user.id)).version }));
    expect(off.active).toBe(false);
    expect((await session.get('/api/v1/catalog/ooads')).statusCode).toBe(401);
    const refused = await loginAs('sofia.baja', 'clave-de-sofia-1-propia');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'invalid_credentials', detail: 'Usuario o contraseña incorrectos.' });

    ok(await admin.patch(`/api/v1/access/users/${user.id}`, { active: true, version: off.version }));
    expect((await loginAs('sofia.baja', 'clave-de-sofia-1-propia')).statusCode).toBe(200);
  });

  it('an administrator cannot deactivate their own account', async () => {
    const me = ok<{ user: { id: number } }>(await admin.get('/api/v1/auth/me')).user;
    const self = ok<User>(await admin.get(`/api/v1/access/users/${me.id}`));
    const res = await admin.patch(`/api/v1/access/users/${me.id}`, { active: false, version: self.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'active', message: 'No puede desactivar su propia cuenta.' }]);
  });

  it('new grants apply from the user\'s next request', async () => {
    const zapopan = await createUnit(admin, jalisco, { name: 'HGZ No. 45 Zapopan (usuarios)' });
    const user = ok<User>(await newUser('nora.cceis', [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: hospitalId }], 'clave-de-nora-1'), 201);
    const nora = await firstLogin('nora.cceis', 'clave-de-nora-1');
    expect(ok<Page<{ id: number }>>(await nora.get('/api/v1/catalog/units')).items.map((u) => u.id)).toEqual([hospitalId]);
    ok(await admin.patch(`/api/v1/access/users/${user.id}`, { grants: [{ role: 'coordinador_educacion', scopeKind: 'unit', unitId: zapopan.id }], version: (await current(user.id)).version }));
    expect(ok<Page<{ id: number }>>(await nora.get('/api/v1/catalog/units')).items.map((u) => u.id)).toEqual([zapopan.id]);
  });
});
