import { readFileSync } from 'node:fs';
import type { Db } from '../client.ts';
import { fieldRotationRules } from '../schema/rotations.ts';

/** The rotación de campo records shipped with SIREM; added on every start when missing, never overwritten. */
export async function loadFieldRotationRules(db: Db): Promise<void> {
  const rules = JSON.parse(readFileSync(new URL('./data/field-rotation-rules.json', import.meta.url), 'utf8')) as (typeof fieldRotationRules.$inferInsert)[];
  await db.insert(fieldRotationRules).values(rules).onConflictDoNothing({ target: fieldRotationRules.code });
}
