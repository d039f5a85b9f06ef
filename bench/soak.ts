import { readFileSync } from 'node:fs';
import type autocannon from 'autocannon';
import { CONNECTIONS, load, nationalServer, sessionHeaders } from './http-support.ts';
import { writeResult } from './support.ts';

/** Resident set size of a process, from /proc (Linux), in MiB. */
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * A bounded mixed load (reads, reports and writes) against a server on the national data for ten
 * minutes (BENCH_SOAK_SECONDS), on loopback: it must answer without errors and its memory must
 * not keep growing (RSS growth under 10 % from the end of the first minute to the end).
 */
export async function soakBenchmark() {
  const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
  const env = await nationalServer('sirem_bench_soak');
  try {
    const base = env.server.url;
    const headers = await sessionHeaders(base, 'central');
    const page = await (await fetch(`${base}/api/v1/people/residents?limit=50`, { headers })).json();
    const unit = (await (await fetch(`${base}/api/v1/catalog/units?limit=1&q=hospital general`, { headers })).json()).items[0];
    let serial = 0;
    const requests: autocannon.Request[] = [
      { method: 'GET', path: '/api/v1/people/residents?limit=50' },
      ...page.items.slice(0, 5).map((r: { id: number }) => ({ method: 'GET', path: `/api/v1/people/residents/${r.id}` })),
      { method: 'GET', path: '/api/v1/people/residents?limit=50&q=hernandez&grade=1' },
      { method: 'GET', path: '/api/v1/catalog/sedes?limit=50' },
      { method: 'GET', path: '/api/v1/people/faculty?limit=50' },
      { method: 'GET', path: '/api/v1/reports/figures' },
      // A write that always succeeds: a new clinical service with a unique name.
      { method: 'POST', path: '/api/v1/rotations/services', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ unitId: unit.id, name: `Servicio de carga ${++serial}`, capacityPerGrade: [2, 2, 2] }) }) },
    ];
    const pid = env.server.pid as number;
    const samples: { t: number; rss: number }[] = [];
    const started = Date.now();
    const timer = setInterval(() => samples.push({ t: Math.round((Date.now() - started) / 1000), rss: Math.round(rssMiB(pid)) }), Math.min(10_000, (seconds * 1000) / 30));
    const result = await load('soak mix', base, requests, headers, seconds);
    clearInterval(timer);
    // RSS saw-tooths with garbage collection: compare the floors (lowest sample) of an early and the
    // last window, each a tenth of the run (one minute of ten), after a first window of warm-up.
    const window = Math.max(10, seconds / 10);
    const floor = (from: number, to: number) => Math.min(...samples.filter((s) => s.t > from && s.t <= to).map((s) => s.rss));
    const end = samples.at(-1)?.t ?? 0;
    const warm = { rss: floor(window, 2 * window) };
    const last = { rss: floor(end - window, end) };
    const growth = (last.rss - warm.rss) / warm.rss;
    const passed = result.errors === 0 && result.non2xx === 0 && Number.isFinite(growth) && growth < 0.1;
    writeResult('soak', { seconds, result, samples, growth, passed, writes: serial }, [
      `# Soak: ${seconds / 60} minutes of mixed load (reads, report, writes), ${CONNECTIONS} connections, national data, native PostgreSQL`,
      '',
      '| requests | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | writes | RSS floor, 2nd window | RSS floor, last window | growth | passed |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
      `| ${result.requests} | ${Math.round(result.rps)} | ${result.p50} | ${result.p95} | ${result.p99} | ${result.errors} | ${result.non2xx} | ${serial} | ${warm.rss} MiB | ${last.rss} MiB | ${(100 * growth).toFixed(1)} % | ${passed ? 'yes' : 'NO'} |`,
      '',
      `Targets: 0 errors, RSS growth < 10 % (windows of ${window} s). RSS samples (MiB): ${samples.map((s) => s.rss).join(', ')}.`,
    ].join('\n'));
    if (!passed) process.exitCode = 1;
  } finally {
    await env.stop();
  }
}
