import { and, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { activityRecords } from '../db/schema/activity.ts';
import { units } from '../db/schema/catalog.ts';
import { participatingUnits } from './access.ts';

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * The Jornada an act belongs to, as a scalar subquery over the unit's columns: one running that
 * day where the unit takes part (a unit of a participating OOAD other than a UMAE, or a
 * participating UMAE). When Jornadas overlap, the one that started last wins, then the lowest
 * number, so the choice never depends on row order.
 */
export const jornadaOfUnitSql = (unitId: SQL, ooadId: SQL, isUmae: SQL, day: SQL) => sql`(select j.id from jornadas j
  where j.starts_on <= ${day} and j.ends_on >= ${day} and ((not (${isUmae}) and ${ooadId} = any(j.ooad_ids)) or ${unitId} = any(j.umae_ids))
  order by j.starts_on desc, j.number asc limit 1)`;

/**
 * Links the entries already in the log that fall within a new Jornada's dates and units and
 * belong to no Jornada yet; entries already counted for an overlapping Jornada keep their link,
 * so figures already reported do not move. Returns how many were linked.
 */
export async function linkExistingRecords(db: Db, j: { id: number; startsOn: string; endsOn: string; ooadIds: number[]; umaeIds: number[] }) {
  const unitIds = db.select({ id: units.id }).from(units).where(participatingUnits(j));
  const result = await db.execute(sql`
    with linked as (
      update ${activityRecords} set jornada_id = ${j.id}
      where ${and(isNull(activityRecords.jornadaId), gte(activityRecords.performedOn, j.startsOn), lte(activityRecords.performedOn, j.endsOn), inArray(activityRecords.unitId, unitIds))}
      returning 1)
    select count(*)::int as n from linked`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}
