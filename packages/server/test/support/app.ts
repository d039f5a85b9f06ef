import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { createUser } from '../../src/access/users-service.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { type AppOptions, buildApp } from '../../src/http/app.ts';
import { systemCtx } from '../../src/http/system-actor.ts';
import type { GrantInput } from '@sirem/core';
import { adminDatabaseUrl, databaseUrl } from './native.ts';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Opens a private copy of the template database for one test file. */
export async function openTestDatabase(): Promise<Database & { drop: () => Promise<void>; url?: string }> {
  if (inject('engine') === 'postgres') {
    const base = process.env.TEST_DATABASE_URL as string;
    const name = `sirem_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = await adminDatabaseUrl(base);
    await admin.unsafe(`create database ${name} template ${inject('template')}`);
    const database = await openDatabase({ url: databaseUrl(base, name), maxConnections: 4 });
    return {
      ...database,
      url: databaseUrl(base, name),
      drop: async () => {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const database = await openDatabase({ loadDataDir: new Blob([readFileSync(inject('template'))]) });
  return { ...database, drop: database.close };
}

/** A logged-in client: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  constructor(
    private app: TestApp,
    public cookie: string,
    public csrf: string,
  ) {}

  request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const write = method !== 'GET';
    return this.app.inject({
      method,
      url,
      headers: { cookie: this.cookie, ...(write ? { 'x-csrf-token': this.csrf } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);
}

export type TestContext = {
  app: TestApp;
  /** `url` is set on native PostgreSQL, for a second connection to the same database. */
  database: Database & { url?: string };
  login: (username: string, password?: string) => Promise<Client>;
  /** Creates a user with the given grants (through the service, as the CLI would) and logs them in. */
  userWith: (username: string, grants: GrantInput[]) => Promise<Client>;
  close: () => Promise<void>;
};

export const PASSWORD = 'contraseña-de-prueba-1';

export async function setupApp(options: Partial<AppOptions> = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const app = await buildApp({ database, webRoot: null, ...options });
  const login = async (username: string, password = PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return new Client(app, sessionCookie(res), res.json().csrfToken);
  };
  const userWith = async (username: string, grants: GrantInput[]) => {
    await createUser(systemCtx(database.db), { username, displayName: username, password: PASSWORD, grants }, { mustChangePassword: false });
    return login(username);
  };
  return { app, database, login, userWith, close: async () => (await app.close(), await database.drop()) };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'sirem_session');
  if (!cookie) throw new Error('no session cookie');
  return `sirem_session=${cookie.value}`;
}

export const national = (role: GrantInput['role'] = 'administrador'): GrantInput => ({ role, scopeKind: 'national' });
