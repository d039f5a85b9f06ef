import { readFileSync } from 'node:fs';
import type { Db } from '../client.ts';
import { guardRuleSets } from '../schema/guards.ts';

/** The official guardia rule sets shipped with SIREM; added on every start when missing, never overwritten. */
export async function loadGuardRuleSets(db: Db): Promise<void> {
  const sets = JSON.parse(readFileSync(new URL('./data/guard-rule-sets.json', import.meta.url), 'utf8')) as (typeof guardRuleSets.$inferInsert)[];
  await db.insert(guardRuleSets).values(sets).onConflictDoNothing({ target: guardRuleSets.code });
}
