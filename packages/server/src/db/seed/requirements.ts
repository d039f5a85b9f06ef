import { readFileSync } from 'node:fs';
import { csvRecords } from '../../lib/csv.ts';
import type { Db } from '../client.ts';
import { activityRequirements } from '../schema/activity.ts';
import { specialties } from '../schema/catalog.ts';

/**
 * Minimum verified counts per specialty, grade and activity group, as data an institution edits.
 * The shipped figures are illustrative for the demonstration, not an official programme. Runs once.
 */
export async function loadActivityRequirements(db: Db) {
  if ((await db.$count(activityRequirements)) > 0) return;
  const ids = new Map((await db.select({ id: specialties.id, code: specialties.code }).from(specialties)).map((s) => [s.code, s.id]));
  const rows = csvRecords(readFileSync(new URL('./data/activity-requirements.csv', import.meta.url), 'utf8'))
    .filter((r) => ids.has(r.specialty))
    .map((r) => ({ specialtyId: ids.get(r.specialty) as number, grade: Number(r.grade), group: r.group, minimum: Number(r.minimum), validFrom: '2020-03-01' }));
  if (rows.length) await db.insert(activityRequirements).values(rows);
}
