import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadCatalogue } from '../src/db/seed/catalog.ts';
import { loadDemoUnits } from '../src/db/seed/demo.ts';
import { loadGuardRuleSets } from '../src/db/seed/guard-rules.ts';
import { loadFieldRotationRules } from '../src/db/seed/field-rotation-rules.ts';
import { loadEvaluationCatalogue } from '../src/db/seed/evaluations.ts';
import { loadDemoCodes } from '../src/db/seed/codes.ts';
import { loadActivityRequirements } from '../src/db/seed/requirements.ts';
import { adminDatabaseUrl, databaseUrl } from './support/native.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    engine: 'pglite' | 'postgres';
    template: string;
  }
}

/**
 * Builds one migrated, catalogue-loaded database per run; each test file then starts from a copy
 * (a PGlite data-dir dump, or CREATE DATABASE ... TEMPLATE on native PostgreSQL).
 */
export default async function setup(project: TestProject) {
  const native = project.name === 'server-pg';
  if (native) {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is required for the native PostgreSQL project');
    const name = `sirem_tpl_${process.pid}_${Date.now()}`;
    const admin = await adminDatabaseUrl(url);
    await admin.unsafe(`create database ${name}`);
    const database = await openDatabase({ url: databaseUrl(url, name), maxConnections: 1 });
    await seed(database);
    await database.close();
    project.provide('engine', 'postgres');
    project.provide('template', name);
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  if (process.env.CI === 'true' && !process.env.TEST_DATABASE_URL)
    throw new Error('CI requires TEST_DATABASE_URL so the suite also runs on native PostgreSQL');
  const database = await openDatabase({});
  await seed(database);
  const dump = await (database.db as unknown as { $client: { dumpDataDir: (c: 'none') => Promise<Blob> } }).$client.dumpDataDir('none');
  await database.close();
  const dir = mkdtempSync(join(tmpdir(), 'sirem-tpl-'));
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('engine', 'pglite');
  project.provide('template', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function seed(database: Awaited<ReturnType<typeof openDatabase>>) {
  await migrate(database);
  await loadCatalogue(database.db, new Date('2026-11-22T12:00:00Z'));
  await loadDemoUnits(database.db);
  await loadGuardRuleSets(database.db);
  await loadFieldRotationRules(database.db);
  await loadEvaluationCatalogue(database.db);
  await loadDemoCodes(database.db);
  await loadActivityRequirements(database.db);
}
