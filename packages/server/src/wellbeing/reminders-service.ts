import { type InstrumentCode, pendingScreeningPeriod, quarterBounds, quarterOf, screeningReminderMessage } from '@sirem/core';
import { and, eq, gt, gte, inArray, notExists, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { roleGrants, users } from '../db/schema/access.ts';
import { notifications } from '../db/schema/guards.ts';
import { persons, residents } from '../db/schema/people.ts';
import { wellbeingReminders, wellbeingScreenings } from '../db/schema/wellbeing.ts';

const BATCH = 500;
// The residents who may self-screen (wellbeing.screen): a residente account linked to a person in training.
const IN_TRAINING = ['alta', 'activo', 'licencia'];

/**
 * Reminds every resident who still owes this quarter's screening, once per person and quarter.
 * Runs on a timer on every server instance; safe to run any number of times, also at the same
 * moment on several instances: the reminder row is the claim.
 */
export async function sendScreeningReminders(db: Db, today: string) {
  const period = quarterOf(today);
  const since = new Date(`${quarterBounds(period).from}T00:00:00Z`);
  let sent = 0;
  for (let after = 0; ; ) {
    const batch = await db
      .selectDistinct({ personId: persons.id, userId: users.id })
      .from(persons)
      .innerJoin(users, and(eq(users.id, persons.userId), eq(users.active, true)))
      .innerJoin(residents, and(eq(residents.personId, persons.id), inArray(residents.status, IN_TRAINING)))
      .innerJoin(roleGrants, and(eq(roleGrants.userId, users.id), eq(roleGrants.role, 'residente')))
      .where(and(gt(persons.id, after), notExists(db.select({ one: sql`1` }).from(wellbeingReminders).where(and(eq(wellbeingReminders.personId, persons.id), eq(wellbeingReminders.period, period))))))
      .orderBy(persons.id)
      .limit(BATCH);
    if (!batch.length) return sent;
    after = batch[batch.length - 1]?.personId ?? after;
    const answered = await lastAnswered(db, batch.map((b) => b.personId), since);
    for (const b of batch) if (pendingScreeningPeriod(answered.get(b.personId) ?? {}, today) && (await remindOnce(db, b, period))) sent++;
  }
}

/** The last day (UTC, as on the resident's page) each person answered each instrument within the quarter; older answers do not count for it. */
async function lastAnswered(db: Db, personIds: number[], since: Date) {
  const rows = await db
    .select({ personId: wellbeingScreenings.personId, instrument: wellbeingScreenings.instrument, last: sql<string>`to_char(max(${wellbeingScreenings.completedAt}) at time zone 'UTC', 'YYYY-MM-DD')` })
    .from(wellbeingScreenings)
    .where(and(inArray(wellbeingScreenings.personId, personIds), gte(wellbeingScreenings.completedAt, since)))
    .groupBy(wellbeingScreenings.personId, wellbeingScreenings.instrument);
  const out = new Map<number, Partial<Record<InstrumentCode, string>>>();
  for (const r of rows) out.set(r.personId, { ...out.get(r.personId), [r.instrument]: r.last });
  return out;
}

/**
 * Claims (person, quarter) and, only when the claim is new, notifies the resident and audits in
 * the same transaction. Nobody else is told, and the audit names the quarter, not any result.
 */
async function remindOnce(db: Db, to: { personId: number; userId: number }, period: string) {
  return db.transaction(async (tx) => {
    const [claim] = await tx.insert(wellbeingReminders).values({ personId: to.personId, period }).onConflictDoNothing().returning({ personId: wellbeingReminders.personId });
    if (!claim) return false;
    await tx.insert(notifications).values({ userId: to.userId, kind: 'wellbeing_reminder', message: screeningReminderMessage(period), link: '/wellbeing' });
    await recordAudit(tx, { actor: null, requestId: null }, { action: 'remind', entity: 'wellbeing_reminder', entityId: to.personId, after: { period } });
    return true;
  });
}
