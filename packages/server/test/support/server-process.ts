import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/sirem.js', import.meta.url));
export const ADMIN_PASSWORD = 'admin-fallas-contraseña-1';

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** A real SIREM server process on loopback, for tests that must kill it. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  output = '';
  constructor(
    private env: NodeJS.ProcessEnv,
    readonly port: number,
  ) {}

  get pid() {
    return this.child?.pid;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server and waits until /api/health answers; fails with its output if it cannot start. */
  async start(timeoutMs = 120_000) {
    this.output = '';
    const env = { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', SIREM_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (d) => (this.output += d));
    child.stderr?.on('data', (d) => (this.output += d));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`El servidor terminó al iniciar:\n${this.output}`);
      if (await fetch(`${this.url}/api/health`).then((r) => r.ok, () => false)) return;
      if (Date.now() > deadline) throw new Error(`El servidor no respondió:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGKILL: no shutdown hook runs, as in a power cut or an out-of-memory kill. */
  async kill(signal: NodeJS.Signals = 'SIGKILL') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}

/** A cookie-keeping HTTP client for a server process. */
export class HttpClient {
  private cookie = '';
  private csrf = '';
  constructor(private base: () => string) {}

  async login(username: string, password: string) {
    const res = await fetch(`${this.base()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new Error(`login ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** What a browser sends on a write: the session cookie and the CSRF token. */
  headers(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf };
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: () => Promise<any> }> {
    const isBuffer = body instanceof Uint8Array;
    const res = await fetch(`${this.base()}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }), ...(body === undefined || isBuffer ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: isBuffer ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body) }),
    });
    return { status: res.status, json: () => res.json() };
  }
}
