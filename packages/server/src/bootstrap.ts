import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { bootstrapAdmin } from './access/users-service.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadCatalogue } from './db/seed/catalog.ts';
import { loadDemoUnits } from './db/seed/demo.ts';
import { loadGuardRuleSets } from './db/seed/guard-rules.ts';
import { loadFieldRotationRules } from './db/seed/field-rotation-rules.ts';
import { loadEvaluationCatalogue } from './db/seed/evaluations.ts';
import { loadDemoCodes } from './db/seed/codes.ts';
import { loadDemoJornadas } from './db/seed/jornadas.ts';
import { loadDemoBacklog } from './db/seed/backlog.ts';
import { loadActivityRequirements } from './db/seed/requirements.ts';
import { type DemoAccount, loadNationalData } from './db/seed/national/index.ts';
import { databaseOptionsFromEnv } from './config.ts';

export type Prepared = {
  database: Database;
  /** The generated one-time password when this call created the administrator; shown once, never stored in clear. */
  adminPassword: string | null;
  catalogueLoaded: boolean;
  demo: { password: string; accounts: DemoAccount[] } | null;
};

/**
 * What the generated demonstration data depend on besides the code: the seed of the random draw and
 * the day taken as today (it fixes the current cycle). Both default to the live values (seed 2026,
 * the real date), so a new installation shows a current institution; fixing both reproduces it.
 */
export type Generation = { seed?: number; today?: Date };

/** Opens the database, migrates it and, on first start, loads the catalogue and creates the administrator. */
export async function prepareDatabase(env = process.env, log: (msg: string) => void = console.log, generation: Generation = {}): Promise<Prepared> {
  return prepareOpenDatabase(await openDatabase(databaseOptionsFromEnv(env)), env, log, generation);
}

/** What prepareDatabase does, on a database that is already open. */
export async function prepareOpenDatabase(database: Database, env = process.env, log: (msg: string) => void = console.log, generation: Generation = {}): Promise<Prepared> {
  await migrate(database);
  const catalogueLoaded = await loadCatalogue(database.db, generation.today);
  await loadGuardRuleSets(database.db);
  await loadFieldRotationRules(database.db);
  await loadEvaluationCatalogue(database.db);
  await loadDemoCodes(database.db);
  await loadActivityRequirements(database.db);
  // The administrator comes first: it is created only while the database has no users.
  const password = env.SIREM_ADMIN_PASSWORD || randomBytes(12).toString('base64url');
  // A generated password is one-time: the administrator must replace it at the first login.
  const created = await bootstrapAdmin(database.db, password, { mustChangePassword: !env.SIREM_ADMIN_PASSWORD });
  let demo: Prepared['demo'] = null;
  if (catalogueLoaded && env.SIREM_DEMO !== 'false') {
    await loadDemoUnits(database.db);
    // A new installation gets the national demo institution unless told to stay small.
    if ((env.SIREM_SEED_SCALE ?? 'national') === 'national')
      demo = await loadNationalData(database.db, { ...generation, demoPassword: env.SIREM_DEMO_PASSWORD || undefined, report: (m) => log(`  ${m}`) });
    await loadDemoJornadas(database.db);
    await loadDemoBacklog(database.db);
    // Tables filled just now have no statistics until autovacuum reaches them; the first lists would be planned blind.
    await database.db.execute(sql`analyze`);
  }
  return { database, adminPassword: created && !env.SIREM_ADMIN_PASSWORD ? password : null, catalogueLoaded, demo };
}
