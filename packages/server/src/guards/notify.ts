import { type Assignment, formatDate } from '@sirem/core';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notifications } from '../db/schema/guards.ts';
import { persons, residents } from '../db/schema/people.ts';

const k = (a: Assignment) => `${a.residentId}|${a.date}`;

/** What changed between two versions, per resident: guardias added and removed. */
export function rosterDiff(before: Assignment[], after: Assignment[]) {
  const was = new Set(before.map(k));
  const now = new Set(after.map(k));
  return { added: after.filter((a) => !was.has(k(a))), removed: before.filter((a) => !now.has(k(a))) };
}

/** Tells every affected resident (who has an account) what changed in their month. */
export async function notifyChanges(tx: Db, roster: { id: number; month: string }, diff: ReturnType<typeof rosterDiff>) {
  const ids = [...new Set([...diff.added, ...diff.removed].map((a) => a.residentId))];
  if (!ids.length) return;
  const accounts = await tx.select({ residentId: residents.id, userId: persons.userId }).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).where(inArray(residents.id, ids));
  const rows = accounts.flatMap((acc) => {
    if (!acc.userId) return [];
    const added = diff.added.filter((a) => a.residentId === acc.residentId).map((a) => formatDate(a.date));
    const removed = diff.removed.filter((a) => a.residentId === acc.residentId).map((a) => formatDate(a.date));
    const parts = [added.length ? `ahora tiene guardia el ${added.join(', ')}` : '', removed.length ? `ya no tiene guardia el ${removed.join(', ')}` : ''].filter(Boolean);
    return [{ userId: acc.userId, kind: 'roster_change', message: `Cambió su rol de guardias de ${roster.month}: ${parts.join('; ')}.`, link: '/guards/my' }];
  });
  if (rows.length) await tx.insert(notifications).values(rows);
}

