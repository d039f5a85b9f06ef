#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { type CreateUserInput, createUserInput, isoDate, ROLES } from '@sirem/core';
import { createUser } from './access/users-service.ts';
import { type Generation, type Prepared, prepareDatabase } from './bootstrap.ts';
import { writeBackup } from './db/backup/dump.ts';
import { RestoreError, restoreBackup } from './db/backup/restore.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { databaseOptionsFromEnv, serverConfig } from './config.ts';
import { buildApp } from './http/app.ts';
import { systemCtx } from './http/system-actor.ts';
import { loadNationalData, type DemoAccount } from './db/seed/national/index.ts';

function printDemo(demo: { password: string; accounts: DemoAccount[] } | null) {
  if (!demo?.accounts.length) return;
  console.log(`\n  Cuentas de demostración (contraseña: ${demo.password}):`);
  for (const a of demo.accounts) console.log(`    ${a.username.padEnd(10)} ${a.role} (${a.scope})`);
}

/** Every command that can create the administrator shows its generated password, once. */
function announceAdmin({ adminPassword }: Pick<Prepared, 'adminPassword'>) {
  if (adminPassword) console.log(`\n  Administrador creado. Usuario: admin  Contraseña (se muestra una sola vez): ${adminPassword}\n`);
}

const USAGE = `Uso: sirem <comando>
  start                      inicia el servidor (migra y carga el catálogo la primera vez)
  migrate                    aplica las migraciones pendientes
  seed [--scale national|demo] [--seed N] [--today aaaa-mm-dd]
                             carga el catálogo y, con --scale national, la institución nacional de demostración;
                             --seed (2026 por omisión) y --today (la fecha de hoy por omisión: fija el ciclo
                             vigente) la hacen reproducible: la misma semilla y fecha dan los mismos datos
  backup [archivo]           copia completa y consistente de la base a un archivo (.sirem.gz)
  restore <archivo>          carga una copia en una base nueva (o carpeta de datos vacía)
  user create --username U --name "Nombre" --password P [--role R --scope national|ooad|unit|sede|self --scope-id N [--service-id N]]
Base de datos: DATABASE_URL (PostgreSQL) o, sin ella, PGlite en SIREM_DATA_DIR (./data).`;

async function start() {
  const started = Date.now();
  const config = serverConfig();
  const prepared = await prepareDatabase();
  const { database, demo } = prepared;
  printDemo(demo);
  const app = await buildApp({ database, logger: { level: config.logLevel }, trustProxy: config.trustProxy });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  try {
    await app.listen({ port: config.port, host: config.host });
  } finally {
    // Even when the port is taken: the administrator exists now and its password is not stored in clear.
    announceAdmin(prepared);
  }
  console.log(`  SIREM listo en http://${config.host}:${config.port} (${database.engine}) en ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function userCreate(args: string[]) {
  const { values } = parseArgs({ args, options: { username: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' }, 'scope-id': { type: 'string' }, 'service-id': { type: 'string' } } });
  const scopeId = values['scope-id'] ? Number(values['scope-id']) : null;
  const scope = values.scope ?? 'national';
  const grants = values.role
    ? [{ role: values.role, scopeKind: scope, ooadId: scope === 'ooad' ? scopeId : null, unitId: scope === 'unit' ? scopeId : null, sedeId: scope === 'sede' ? scopeId : null, serviceId: values['service-id'] ? Number(values['service-id']) : null }]
    : [];
  const parsed = createUserInput.safeParse({ username: values.username, displayName: values.name, email: values.email, password: values.password, grants });
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
    console.error(`Roles: ${ROLES.join(', ')}`);
    process.exit(2);
  }
  const prepared = await prepareDatabase();
  const { database } = prepared;
  announceAdmin(prepared);
  const user = await createUser(systemCtx(database.db), parsed.data as CreateUserInput, { mustChangePassword: false });
  console.log(`Usuario creado: ${user.username} (id ${user.id})`);
  await database.close();
}

function generationOf(values: { seed?: string; today?: string }): Generation {
  if (values.seed !== undefined && !/^\d{1,9}$/.test(values.seed)) {
    console.error('--seed debe ser un número entero (por ejemplo 2026).');
    process.exit(2);
  }
  if (values.today !== undefined && !isoDate.safeParse(values.today).success) {
    console.error('--today debe ser una fecha con el formato aaaa-mm-dd (por ejemplo 2026-11-22).');
    process.exit(2);
  }
  // Noon UTC: the same calendar day in every time zone the server may run in.
  return { seed: values.seed === undefined ? undefined : Number(values.seed), today: values.today === undefined ? undefined : new Date(`${values.today}T12:00:00Z`) };
}

async function seed(args: string[]) {
  const { values } = parseArgs({ args, options: { scale: { type: 'string', default: process.env.SIREM_SEED_SCALE ?? 'national' }, seed: { type: 'string' }, today: { type: 'string' } } });
  if (!['national', 'demo'].includes(values.scale)) {
    console.error('--scale debe ser national o demo');
    process.exit(2);
  }
  const generation = generationOf(values);
  const started = Date.now();
  // On a new database the national data are generated here, with the seed and date asked for.
  const prepared = await prepareDatabase({ ...process.env, SIREM_SEED_SCALE: values.scale }, console.log, generation);
  const { database, demo } = prepared;
  announceAdmin(prepared);
  const loaded = demo ?? (values.scale === 'national' ? await loadNationalData(database.db, { ...generation, demoPassword: process.env.SIREM_DEMO_PASSWORD || undefined, report: (m) => console.log(`  ${m}`) }) : null);
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);
  if (values.scale === 'demo') console.log(`Catálogo y unidades de demostración listos en ${elapsed} s.`);
  else console.log(loaded ? `Datos nacionales cargados en ${elapsed} s.` : 'La base ya tenía residentes; no se generó nada.');
  printDemo(loaded);
  await database.close();
}

async function backup(file = `sirem-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.sirem.gz`) {
  const database = await openDatabase(databaseOptionsFromEnv());
  await migrate(database);
  const header = await writeBackup(database, file, throttle());
  await database.close();
  const rows = header.tables.reduce((s, t) => s + t.rows, 0);
  console.log(`\nCopia escrita en ${file}: ${header.tables.length} tablas, ${rows} filas.`);
}

async function restore(file: string | undefined) {
  if (!file) {
    console.error('Indique el archivo: sirem restore <archivo>');
    process.exit(2);
  }
  const database = await openDatabase(databaseOptionsFromEnv());
  await migrate(database);
  try {
    const header = await restoreBackup(database, file, throttle());
    console.log(`\nCopia del ${header.createdAt} restaurada: ${header.tables.length} tablas, sumas de verificación iguales.`);
  } catch (err) {
    if (!(err instanceof RestoreError)) throw err;
    console.error(`\n${err.message}`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/** Progress on one terminal line, at most a few times a second. */
function throttle() {
  let last = 0;
  return (message: string) => {
    if (Date.now() - last < 250) return;
    last = Date.now();
    process.stdout.write(`\r  ${message.padEnd(60)}`);
  };
}

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  if (command === 'start') return start();
  if (command === 'seed') return seed(argv.slice(1));
  if (command === 'migrate') {
    const prepared = await prepareDatabase({ ...process.env, SIREM_DEMO: 'false' });
    console.log(prepared.catalogueLoaded ? 'Migraciones aplicadas y catálogo cargado.' : 'Migraciones aplicadas; el catálogo ya existía.');
    announceAdmin(prepared);
    return prepared.database.close();
  }
  if (command === 'user' && sub === 'create') return userCreate(rest);
  if (command === 'backup') return backup(sub);
  if (command === 'restore') return restore(sub);
  console.log(USAGE);
  process.exit(command ? 2 : 0);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
