import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestContext, PASSWORD, national, sessionCookie, setupApp } from './support/app.ts';

type AuditEntry = { actorId: number | null; actorName: string | null; action: string; entity: string; entityId: string | null; before: unknown; after: unknown };

let t: TestContext;
beforeAll(async () => {
  t = await setupApp({ auth: { lockout: { maxFailures: 3, lockMinutes: 15 }, loginRateLimit: { max: 1000, timeWindow: 60_000 } } });
  await t.userWith('ana.admin', [national()]);
  await t.userWith('beto.central', [national('nivel_central')]);
});
afterAll(() => t.close());

const userId = async (client: Client) => (await client.get('/api/v1/auth/me')).json().user.id as number;
const auditOf = async (id: number, action: string) => {
  const admin = await t.login('ana.admin');
  const res = await admin.get(`/api/v1/audit?entity=user&entityId=${id}&limit=1000`);
  expect(res.statusCode).toBe(200);
  return (res.json().items as AuditEntry[]).filter((e) => e.action === action);
};

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('logging in', () => {
  it('opens a server-side session in an HttpOnly SameSite cookie and returns the CSRF token', async () => {
    const res = await login('ana.admin', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sirem_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(res.json().user).toMatchObject({ username: 'ana.admin', actions: expect.arrayContaining(['users.manage', 'audit.read']) });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: sessionCookie(res) } });
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('marks the cookie Secure behind TLS', async () => {
    const app = t.app;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ana.admin', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    // trustProxy is off in tests, so the forwarded header is ignored and the cookie stays plain.
    expect(res.cookies.find((c) => c.name === 'sirem_session')?.secure).toBeFalsy();
  });

  it('says the same thing for an unknown user and a wrong password', async () => {
    const unknown = await login('nadie', 'x');
    const wrong = await login('beto.central', 'incorrecta');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('locks the account after repeated failures, even with the right password afterwards', async () => {
    await t.userWith('carla.lock', [national('nivel_central')]);
    for (let i = 0; i < 3; i++) expect((await login('carla.lock', 'mala')).statusCode).toBe(401);
    const locked = await login('carla.lock', PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
    expect(locked.json().detail).toMatch(/bloqueada/);
  });

  it('writes one audit row per failed attempt, with no acting user', async () => {
    const elena = await t.userWith('elena.falla', [national('nivel_central')]);
    const id = await userId(elena);
    expect((await login('elena.falla', 'mala')).statusCode).toBe(401);
    expect((await login('elena.falla', 'peor')).statusCode).toBe(401);
    const failed = await auditOf(id, 'login_failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ actorId: null, actorName: null, entity: 'user', entityId: String(id) });
    // The counter moved with the audit rows: one more failure locks the account (limit 3).
    expect((await login('elena.falla', 'otra')).statusCode).toBe(401);
    expect((await login('elena.falla', PASSWORD)).statusCode).toBe(423);
  });

  it('rejects a login from another site', async () => {
    const res = await login('ana.admin', PASSWORD, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
  });
});

describe('rate limit', () => {
  it('answers 429 after too many login attempts from one address', async () => {
    const limited = await setupApp({ auth: { loginRateLimit: { max: 2, timeWindow: 60_000 } } });
    try {
      const attempt = () => limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } });
      await attempt();
      await attempt();
      const third = await attempt();
      expect(third.statusCode).toBe(429);
      expect(third.json().code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('a session', () => {
  it('refuses a write without the CSRF token and changes nothing', async () => {
    const admin = await t.login('ana.admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/cycles', payload: { startYear: 2040 }, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
    const list = await admin.get('/api/v1/catalog/cycles?q=2040');
    expect(list.json().total).toBe(0);
  });

  it('answers 401 to requests without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('turns malformed JSON into a 400 problem, never a 500', async () => {
    const admin = await t.login('ana.admin');
    const res = await admin.request('POST', '/api/v1/catalog/cycles', '{"startYear": ', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed_json');
  });

  it('ends with logout: the cookie no longer works', async () => {
    const admin = await t.login('ana.admin');
    expect((await admin.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('records the logout in the audit trail, without the session token', async () => {
    const fede = await t.userWith('fede.salida', [national('nivel_central')]);
    const id = await userId(fede);
    expect((await fede.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const [entry, ...more] = await auditOf(id, 'logout');
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actorId: id, actorName: 'fede.salida', entity: 'user', entityId: String(id), before: null, after: null });
    const token = fede.cookie.split('=')[1];
    expect(JSON.stringify(entry)).not.toContain(token);
    expect(JSON.stringify(entry)).not.toContain(fede.csrf);
  });

  it('changes the password, closing the other sessions', async () => {
    await t.userWith('dora.pass', [national('nivel_central')]);
    const first = await t.login('dora.pass');
    const second = await t.login('dora.pass');
    const weak = await second.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'corta' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('newPassword');
    const ok = await second.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'una-clave-mucho-mas-larga' });
    expect(ok.statusCode).toBe(204);
    expect((await first.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await login('dora.pass', 'una-clave-mucho-mas-larga')).statusCode).toBe(200);
  });

  it('sends security headers with a content security policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});
