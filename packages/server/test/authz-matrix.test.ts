import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Method, type TestApp, type TestContext, setupApp } from './support/app.ts';
import { CALLERS, type Caller, NATIONAL_CALLERS, type Place, USERNAMES } from './support/authz-fixtures.ts';
import { ok } from './support/catalog.ts';
import { auditCount } from './support/lookup.ts';
import { ACTIVITY } from './authz/activity.ts';
import { matrixFixtures } from './authz/fixtures.ts';
import { EVALUATIONS } from './authz/evaluations.ts';
import { GUARDS } from './authz/guards.ts';
import { IDENTITY } from './authz/identity.ts';
import { PEOPLE } from './authz/people.ts';
import { SURVEYS } from './authz/surveys.ts';
import { type Entry, type Fixtures, STALE, type Table, type Target } from './authz/table.ts';
import { WELLBEING } from './authz/wellbeing.ts';

/**
 * Who may call what, and where. Every route under /api/v1 must appear here: the first test lists
 * the routes the server actually registered and fails on any route missing from this table (or
 * listed here but gone). The callers are every role of the access model (ROLES in core) plus an
 * anonymous one, so a new role joins every row by itself; each role holds one grant at the scope
 * kind it uses, over place A (OOAD A, its unit, its sede; the resident is A's resident and the
 * teachers are appointed at A's sede). Place B is a twin in another OOAD. Both places carry the
 * records the routes act on: rotations, absences, activity, evaluations, a published roster and
 * its draft, a swap, survey campaigns, a wellbeing alert, a nurse evaluator (test/authz/fixtures.ts).
 *
 * "Allowed" means the answer is neither 401 nor 403 (nor 404 when the URL names a real row), and
 * for a read, 200; "denied" means 401 for anonymous callers and 403 for signed-in ones. Each
 * request is well-formed (zod validates before the service authorises, so a 400 would prove
 * nothing) and aimed at a real record in A where the route has one. Writes by allowed roles are
 * aimed to fail after authorisation (stale version, duplicate key, referenced row, dates outside
 * the window) so the fixtures stay put for the next cell.
 *
 * Cells: every route × every caller on the in-scope request. Routes whose resource belongs to a
 * place also name `outside`, the same request aimed at B: there every caller runs again; the
 * national roles must still be allowed, every other caller must get 401, 403 or 404 and leave the
 * audit log untouched (every mutation writes its audit row, so an unchanged count means nothing
 * was written). A list or a result table cut to the caller's scope answers 200 outside: it must
 * show nothing of B to scoped callers and show B to the national ones. Records that belong to
 * their author (a job, an import batch) are each caller's own inside, and someone else's outside,
 * where everyone is refused. Routes without a place (catalogue reads, own profile, own session,
 * national designs such as survey questionnaires) have no `outside`.
 *
 * This is the full cross product (every route × every caller, and again against B where the
 * route has a place) rather than one representative per scope kind: on PGlite it takes about a
 * minute.
 */

/** Every route's entry; each area keeps its own table in test/authz/ (a new route goes in its area's file). */
const AREAS: Table[] = [IDENTITY, PEOPLE, GUARDS, WELLBEING, SURVEYS, EVALUATIONS, ACTIVITY];
const TABLE: Table = Object.assign({}, ...AREAS);

/** Reads the router's own listing (not the OpenAPI document, which a hidden route would escape). */
function registeredRoutes(app: TestApp): string[] {
  const routes: string[] = [];
  const path: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    path.length = depth;
    path[depth] = m[2];
    const full = path.join('');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()))
      if (full.startsWith('/api/v1/') && method && method !== 'HEAD' && method !== '-') routes.push(`${method} ${full}`);
  }
  return [...new Set(routes)].sort();
}

let t: TestContext;
let clients = new Map<Caller, Client>();
let fx: Fixtures;

beforeAll(async () => {
  t = await setupApp({ auth: { loginRateLimit: { max: 1000, timeWindow: 60_000 } } });
  ({ fx, clients } = await matrixFixtures(t));
});
afterAll(() => t.close());

function urlOf(key: string, target: Target, caller: Caller) {
  const template = key.slice(key.indexOf(' ') + 1);
  let url = target.id ? template.replace(':id', String(target.id(fx, caller))) : template;
  const params = typeof target.params === 'function' ? target.params(fx) : (target.params ?? {});
  for (const [name, value] of Object.entries(params)) url = url.replace(`:${name}`, value);
  return target.query ? `${url}?${target.query(fx)}` : url;
}

const UPLOAD = { 'content-type': 'application/octet-stream', 'x-file-name': 'matriz.csv' };

async function call(caller: Caller, key: string, entry: Entry, target: Target = entry) {
  const method = key.slice(0, key.indexOf(' ')) as Method;
  const url = urlOf(key, target, caller);
  const body = target.file ? target.file(fx) : target.body?.(fx);
  const headers = target.file ? UPLOAD : {};
  if (caller === 'anonymous') return t.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  const client = entry.ownSession ? await t.login(USERNAMES[caller]) : (clients.get(caller) as Client);
  return client.request(method, url, body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}), headers);
}

/** A path that names real rows: an allowed caller must reach them, so a 404 would hide a refusal. */
const namesRealRows = (key: string, target: Target, caller: Caller) => (target.id !== undefined || target.params !== undefined) && !urlOf(key, target, caller).includes(String(STALE));

let made = 0;
async function freshRow(entry: Entry, place: Place) {
  const { path, body } = entry.fresh?.(place, made++) ?? { path: '', body: {} };
  const { id } = ok<{ id: number }>(await (clients.get('administrador') as Client).post(path, body), 201);
  return () => id;
}

const refusal = (caller: Caller) => (caller === 'anonymous' ? 401 : 403);

describe('the route table', () => {
  it('names every route the server registered under /api/v1, and no route it lacks', () => {
    const registered = registeredRoutes(t.app);
    expect(registered.length).toBeGreaterThan(30);
    expect(registered.filter((r) => !(r in TABLE)), 'routes without an entry in TABLE').toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !registered.includes(r)), 'TABLE entries for routes that do not exist').toEqual([]);
    // Two area tables naming one route would let the later entry hide the earlier one.
    expect(AREAS.flatMap(Object.keys).length, 'routes named in more than one area table').toBe(Object.keys(TABLE).length);
  });

  it('matches the routes published in the OpenAPI document', async () => {
    const doc = ok<{ paths: Record<string, Record<string, unknown>> }>(await t.app.inject({ method: 'GET', url: '/api/docs/json' }));
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    expect(documented).toEqual(registeredRoutes(t.app));
  });

  it('lets no route be allowed to a role the access model does not know', () => {
    const unknown = Object.entries(TABLE).flatMap(([key, entry]) => entry.allow.filter((c) => !CALLERS.includes(c)).map((c) => `${key}: ${c}`));
    expect(unknown).toEqual([]);
  });
});

describe('who may call each route, inside and outside their scope', () => {
  it.each(Object.entries(TABLE))('%s', async (key, entry) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    const cell = async (caller: Caller, label: string, aimed: Target, allow: boolean) => {
      let target = aimed;
      // Outside, any row named in the path or the body exists in B, so hiding it (404) is a refusal too.
      const real = label && !allow ? true : namesRealRows(key, target, caller);
      const hidden = label !== '' && !allow && entry.emptyOutside !== undefined;
      const leak = label !== '' && !allow && caller !== 'anonymous' && entry.allow.includes(caller) ? entry.refusesOutsideWith : undefined;
      if (entry.fresh) target = { ...target, id: await freshRow(entry, label ? fx.b : fx.a) };
      const before = allow ? 0 : await auditCount(t.database.db);
      const res = await call(caller, key, entry, target);
      const status = res.statusCode;
      const refused = status === 401 || status === 403 || (real && status === 404);
      const wrote = !allow && !entry.auditsRefusals && (await auditCount(t.database.db)) !== before;
      const answeredWithRows = status === 200 || status === 201;
      if (label && allow && entry.emptyOutside && answeredWithRows) {
        outcomes.push(`${caller}${label}: allow (${status}) ${entry.emptyOutside(res.json(), fx) ? 'showing nothing of B' : 'showing B'}`);
        expected.push(`${caller}${label}: allow (${status}) showing B`);
        return;
      }
      if (hidden && answeredWithRows) {
        outcomes.push(`${caller}${label}: ${entry.emptyOutside?.(res.json(), fx) ? 'shows nothing' : 'shows rows of B'}${wrote ? ' and wrote to the audit log' : ''}`);
        expected.push(`${caller}${label}: shows nothing`);
        return;
      }
      if (leak) {
        outcomes.push(`${caller}${label}: ${status}${wrote ? ' and wrote to the audit log' : ''}`);
        expected.push(`${caller}${label}: ${status === 403 || status === 404 ? status : leak.status}`);
        return;
      }
      // A refusal is 401 without a session, 403 with one, or 404 for a real row the caller may not see.
      const code = status === 401 || status === 403 ? (res.json() as { code?: string }).code : undefined;
      const properRefusal = caller === 'anonymous' ? status === 401 && code === 'unauthenticated' : (status === 403 && code === 'forbidden') || (real && status === 404);
      outcomes.push(`${caller}${label}: ${refused ? 'deny' : 'allow'} (${status}${!allow && !properRefusal && code ? ` ${code}` : ''})${wrote ? ' and wrote to the audit log' : ''}`);
      // A read let through must answer: a 400 or 404 there would mean the request never reached the record.
      const answered = allow && key.startsWith('GET ') ? 200 : status;
      expected.push(`${caller}${label}: ${allow ? 'allow' : 'deny'} (${allow ? answered : properRefusal ? status : refusal(caller)})`);
    };
    for (const caller of CALLERS) await cell(caller, '', entry, entry.allow.includes(caller));
    if (entry.outside) {
      const target = { ...entry, ...entry.outside };
      const allowed = entry.outsideAllow ?? entry.allow.filter((c) => NATIONAL_CALLERS.includes(c));
      for (const caller of CALLERS) await cell(caller, ' outside', target, allowed.includes(caller));
    }
    expect(outcomes).toEqual(expected);
  });
});

describe('refusing before reading', () => {
  it('answers 401 to a caller without a session before looking at what was sent', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/units', payload: { clues: 'no es una CLUES' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('answers 403 to a write without the CSRF token before looking at what was sent', async () => {
    const central = clients.get('nivel_central') as Client;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/units', payload: {}, headers: { cookie: central.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
  });
});
