import postgres from 'postgres';
import { type Database, openDatabase } from '../packages/server/src/db/client.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { loadActivity } from './data-activity.ts';
import { checkForeignKeys, enrolmentContext } from './data-context.ts';
import { loadEvaluations } from './data-evaluations.ts';
import { createAccounts, type DataSpec, pinStamps, seedInstitution } from './data-seed.ts';
import { loadSurveys } from './data-surveys.ts';
import { dataChecksums, digestOf, sizes } from './data-verify.ts';
import { persistentDatabase, writeResult } from './support.ts';

/**
 * `npm run bench:data [-- --rebuild] [-- --verify]`: the national data set the benchmarks read, built
 * once into a persistent loopback database (BENCH_DATA_DB, default sirem_bench_national) and kept:
 * the institution of the seed with five past cycles of graduates, 10 million activity entries
 * (BENCH_DATA_ACTIVITY_ROWS), quarterly evaluations, promotion decisions and satisfaction surveys.
 * Everything follows from the seed and the reference day, so two builds have equal checksums.
 */
const GENERATOR = 1;
const SPEC: DataSpec = {
  seed: 2026,
  today: '2026-11-22',
  pastCycles: 5,
  activityRows: Number(process.env.BENCH_DATA_ACTIVITY_ROWS ?? 10_000_000),
  adminPassword: 'sirem-bench-admin-1',
  demoPassword: 'sirem-bench-demo-1',
};
const MARK = 'sirem-bench-data ';
const args = process.argv.slice(2);
const rebuild = args.includes('--rebuild');
const verify = args.includes('--verify');
const log = (msg: string) => console.log(msg);
const description = { generator: GENERATOR, seed: SPEC.seed, today: SPEC.today, pastCycles: SPEC.pastCycles, activityRows: SPEC.activityRows };
const f1 = (n: number) => n.toFixed(1);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en', { maximumFractionDigits: 1 })} MiB`;

async function build(url: string) {
  const database = await openDatabase({ url, maxConnections: 4 });
  // One session for the generators: their working tables are temporary tables of that session.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, run: () => Promise<T>) => {
    const t = performance.now();
    log(`${name}…`);
    const result = await run();
    phases[name] = (performance.now() - t) / 1000;
    log(`${name}: ${f1(phases[name] as number)} s`);
    return result;
  };
  try {
    await sql.unsafe("set synchronous_commit = off; set jit = off; set maintenance_work_mem = '512MB'; set work_mem = '128MB'");
    await phase('institution', async () => {
      const [{ since }] = await sql<{ since: string }[]>`select current_date::text as since`;
      await migrate(database);
      await seedInstitution(database.db, SPEC, log);
      await pinStamps(sql, SPEC, since);
    });
    const accounts = await phase('accounts', () => createAccounts(sql, SPEC));
    const enrolments = await phase('context', () => enrolmentContext(sql, SPEC));
    await phase('activity', () => loadActivity(sql, SPEC, log));
    await phase('evaluations', () => loadEvaluations(sql, SPEC, log));
    const campaigns = await phase('surveys', () => loadSurveys(sql, SPEC, SPEC.pastCycles + 1));
    const foreignKeys = await phase('references', () => checkForeignKeys(sql, ['activity_records', 'evaluations', 'promotion_decisions', 'survey_campaigns', 'survey_participations', 'survey_responses', 'survey_answers', 'users', 'role_grants', 'persons']));
    await phase('vacuum', () => sql.unsafe('vacuum analyze'));
    return { phases, accounts, enrolments, campaigns, foreignKeys };
  } finally {
    await sql.end();
    await database.close();
  }
}

async function report(url: string, built: Awaited<ReturnType<typeof build>>, seconds: number) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const size = await sizes(sql);
    const [consistency] = await sql<{ participations: number; responses: number; enrolled: number }[]>`select
      (select count(*) from survey_participations)::int as participations, (select count(*) from survey_responses)::int as responses,
      (select count(*) from enrolments e join survey_campaigns c on c.cycle_id = e.cycle_id)::int as enrolled`;
    const [verified] = await sql<{ share: number }[]>`select avg((status = 'verificada')::int)::float8 as share from activity_records`;
    const result = { ...description, buildSeconds: seconds, ...built, responseRate: (consistency?.responses ?? 0) / (consistency?.enrolled || 1), verifiedShare: verified?.share ?? 0, size };
    const rows = size.tables.filter((t) => t.rows > 0);
    writeResult('data', result, [
      '# National data set: native PostgreSQL',
      '',
      `Seed ${SPEC.seed}, reference day ${SPEC.today}, ${SPEC.pastCycles} past cycles, ${SPEC.activityRows.toLocaleString('en')} activity entries requested. Built in ${f1(seconds)} s; database ${mib(size.database)}.`,
      `Accounts generated: ${built.accounts.toLocaleString('en')}; enrolments covered: ${built.enrolments.toLocaleString('en')}; survey campaigns: ${built.campaigns}; response rate ${(result.responseRate * 100).toFixed(1)} % (participations ${consistency?.participations} = sheets ${consistency?.responses}); activity verified ${(result.verifiedShare * 100).toFixed(1)} %; ${built.foreignKeys} foreign keys checked.`,
      '',
      '| phase | seconds |',
      '|---|---|',
      ...Object.entries(built.phases).map(([name, s]) => `| ${name} | ${f1(s)} |`),
      '',
      '| table | rows | size |',
      '|---|---|---|',
      ...rows.map((t) => `| ${t.name} | ${t.rows.toLocaleString('en')} | ${mib(t.bytes)} |`),
    ].join('\n'));
  } finally {
    await sql.end();
  }
}

async function printChecksums(url: string) {
  const database: Database = await openDatabase({ url, maxConnections: 2 });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const sums = await dataChecksums(database.db, sql);
    for (const s of sums) console.log(`${s.name.padEnd(28)} ${String(s.rows).padStart(10)}  ${s.checksum}  (${s.method})`);
    console.log(`digest ${digestOf(sums)}`);
  } finally {
    await sql.end();
    await database.close();
  }
}

const target = await persistentDatabase(process.env.BENCH_DATA_DB ?? 'sirem_bench_national');
try {
  const comment = (await target.exists()) ? await target.comment() : null;
  const complete = comment?.startsWith(MARK) ? (JSON.parse(comment.slice(MARK.length)) as typeof description & { buildSeconds: number }) : null;
  if (complete && !rebuild) {
    const same = (Object.keys(description) as (keyof typeof description)[]).every((k) => complete[k] === description[k]);
    log(`La base ${target.name} ya tiene un conjunto completo (${JSON.stringify(complete)}); se conserva.${same ? '' : ' Sus parámetros difieren de los pedidos: use --rebuild para regenerarla.'}`);
  } else {
    if (await target.exists()) {
      log(rebuild ? `Borrando ${target.name} para regenerarla…` : `La base ${target.name} quedó incompleta; se regenera.`);
      await target.drop();
    }
    await target.create();
    // Timestamps read and written as UTC in every session, so their text (and checksums) never depend on the client.
    await target.alter("set timezone = 'UTC'");
    const started = performance.now();
    const built = await build(target.url);
    const seconds = (performance.now() - started) / 1000;
    await target.setComment(MARK + JSON.stringify({ ...description, buildSeconds: Math.round(seconds) }));
    await report(target.url, built, seconds);
  }
  if (verify) await printChecksums(target.url);
} finally {
  await target.end();
}
process.exit(process.exitCode ?? 0);
