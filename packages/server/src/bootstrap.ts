import { randomBytes } from 'node:crypto';
import { bootstrapAdmin } from './access/users-service.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadCatalogue } from './db/seed/catalog.ts';
import { loadDemoUnits } from './db/seed/demo.ts';
import { databaseOptionsFromEnv } from './config.ts';

export type Prepared = { database: Database; adminPassword: string | null; catalogueLoaded: boolean };

/** Opens the database, migrates it and, on first start, loads the catalogue and creates the administrator. */
export async function prepareDatabase(env = process.env): Promise<Prepared> {
  const database = await openDatabase(databaseOptionsFromEnv(env));
  await migrate(database);
  const catalogueLoaded = await loadCatalogue(database.db);
  if (catalogueLoaded && env.SIREM_DEMO !== 'false') await loadDemoUnits(database.db);
  const password = env.SIREM_ADMIN_PASSWORD || randomBytes(12).toString('base64url');
  const created = await bootstrapAdmin(database.db, password);
  return { database, adminPassword: created ? password : null, catalogueLoaded };
}
