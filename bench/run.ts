import { activityBenchmark } from './activity.ts';
import { guardsBenchmark } from './guards.ts';
import { faultsBenchmark } from './faults.ts';
import { frontendBenchmark } from './frontend.ts';
import { hostileBenchmark } from './hostile.ts';
import { importBenchmark } from './import.ts';
import { readsBenchmark } from './reads.ts';
import { soakBenchmark } from './soak.ts';
import { writesBenchmark } from './writes.ts';

/** `npm run bench -- <name>`: runs one benchmark (or all) and writes bench/results/<name>.{json,md}. */
const BENCHMARKS: Record<string, () => Promise<unknown>> = { import: importBenchmark, guards: guardsBenchmark, activity: activityBenchmark, hostile: hostileBenchmark, faults: faultsBenchmark, reads: readsBenchmark, writes: writesBenchmark, soak: soakBenchmark, frontend: frontendBenchmark };
const names = process.argv.slice(2).filter((a) => a !== '--');
const chosen = names.length ? names : Object.keys(BENCHMARKS);
for (const name of chosen) {
  const run = BENCHMARKS[name];
  if (!run) {
    console.error(`Benchmark desconocido: ${name}. Disponibles: ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
  await run();
}
process.exit(process.exitCode ?? 0);
