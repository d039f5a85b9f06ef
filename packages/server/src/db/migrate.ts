import { fileURLToPath } from 'node:url';
import type { MigrationConfig } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the committed drizzle-kit migrations; the same files serve both engines. */
export async function migrate(database: Database): Promise<void> {
  const config: MigrationConfig = { migrationsFolder };
  // Each migrator only differs in its driver type; the SQL they run is the same.
  if (database.engine === 'pglite') await migratePglite(database.db as never, config);
  else await migratePostgres(database.db as never, config);
}
