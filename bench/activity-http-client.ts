/**
 * The HTTP client of the activity benchmark, run as its own process (as phones are not the
 * server): offers activity entries at fixed rates over keep-alive connections to a SIREM server
 * on loopback and prints one JSON line with the open-loop figures of each step.
 *
 * Input, as JSON on standard input: { url, sessions, entries, rates, seconds, connections }.
 */
import { Agent, request } from 'node:http';
import { type OpenLoop, openLoop } from './activity-support.ts';

type Input = { url: string; sessions: Record<string, string>[]; entries: Record<string, unknown>[]; rates: number[]; seconds: number; connections: number };

let text = '';
for await (const chunk of process.stdin) text += chunk;
const input = JSON.parse(text) as Input;
const target = new URL(input.url);
if (!['127.0.0.1', 'localhost'].includes(target.hostname)) throw new Error('Las pruebas de carga solo se dirigen a loopback.');
const agent = new Agent({ keepAlive: true, maxSockets: input.connections });
const bodies = input.entries.map((e) => Buffer.from(JSON.stringify(e)));

/** One POST; true when the server answered 201. */
const post = (n: number) =>
  new Promise<boolean>((resolve, reject) => {
    const body = bodies[n % bodies.length] as Buffer;
    const req = request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...input.sessions[n % input.sessions.length], 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 201));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

// A short warm-up opens the connections before the first measured step.
await openLoop(200, 2, post);
const steps: OpenLoop[] = [];
let offset = 0;
for (const rate of input.rates) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const start = offset;
  steps.push(await openLoop(rate, input.seconds, (i) => post(start + i)));
  offset += Math.round(rate * input.seconds);
}
agent.destroy();
process.stdout.write(`${JSON.stringify(steps)}\n`);
