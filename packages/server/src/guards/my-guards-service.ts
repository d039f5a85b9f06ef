import { type CalendarEvent, type Day, guardTimes, type RosterResident, toICalendar } from '@sirem/core';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units } from '../db/schema/catalog.ts';
import { calendarTokens, rosters } from '../db/schema/guards.ts';
import { persons, residents } from '../db/schema/people.ts';
import { clinicalServices, rotations } from '../db/schema/rotations.ts';
import { hashToken, newToken } from '../access/tokens.ts';
import { notFound } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';

async function residentIdsOf(db: Db, userId: number) {
  const rows = await db.select({ id: residents.id }).from(residents).innerJoin(persons, eq(persons.id, residents.personId)).where(eq(persons.userId, userId));
  return rows.map((r) => r.id);
}

/** The signed-in resident's published guardias and rotation blocks. */
export async function myGuards(db: Db, userId: number) {
  const ids = await residentIdsOf(db, userId);
  if (!ids.length) return { residentIds: ids, guards: [], rotations: [], colleagues: [] };
  // Only the published rosters that list the resident (jsonb containment, on both engines), and of those only the days and residents.
  const involves = or(...ids.map((id) => sql`${rosters.instance}->'residents' @> ${JSON.stringify([{ id }])}::jsonb`));
  const published = await db
    .select({ id: rosters.id, month: rosters.month, assignments: rosters.assignments, days: sql<Day[]>`${rosters.instance}->'days'`, residents: sql<RosterResident[]>`${rosters.instance}->'residents'`, unitName: units.name })
    .from(rosters).innerJoin(units, eq(units.id, rosters.unitId)).where(and(eq(rosters.status, 'published'), involves)).orderBy(rosters.month);
  const guards = published.flatMap((r) => {
    const days = new Map(r.days.map((d) => [d.date, d]));
    return (r.assignments as { date: string; residentId: number }[])
      .filter((a) => ids.includes(a.residentId))
      .map((a) => ({ rosterId: r.id, date: a.date, type: days.get(a.date)?.type ?? 'weekday', holiday: days.get(a.date)?.holiday ?? null, unitName: r.unitName, ...guardTimes(a.date, days.get(a.date)?.type ?? 'weekday') }));
  });
  const blocks = await db
    .select({ id: rotations.id, startsOn: rotations.startsOn, endsOn: rotations.endsOn, kind: rotations.kind, serviceName: clinicalServices.name, unitName: units.name })
    .from(rotations)
    .innerJoin(clinicalServices, eq(clinicalServices.id, rotations.serviceId))
    .innerJoin(units, eq(units.id, clinicalServices.unitId))
    .where(inArray(rotations.residentId, ids))
    .orderBy(rotations.startsOn);
  // Colleagues of the same grade in each published roster, with their guardias: whom a swap can be asked of.
  const colleagues = published.flatMap((r) => {
    const me = r.residents.find((x) => ids.includes(x.id));
    if (!me) return [];
    return r.residents
      .filter((x) => x.grade === me.grade && x.id !== me.id)
      .map((x) => ({ rosterId: r.id, residentId: x.id, name: x.name, dates: (r.assignments as { date: string; residentId: number }[]).filter((a) => a.residentId === x.id).map((a) => a.date).sort() }));
  });
  return { residentIds: ids, guards: guards.sort((a, b) => a.date.localeCompare(b.date)), rotations: blocks, colleagues };
}

export const myGuardsFor = (ctx: Ctx) => myGuards(ctx.db, ctx.actor.userId);

/** Issues (or replaces) the private calendar link; the old link stops working. */
export async function rotateCalendarToken(ctx: Ctx) {
  const token = newToken();
  await ctx.db.insert(calendarTokens).values({ userId: ctx.actor.userId, tokenHash: hashToken(token) }).onConflictDoUpdate({ target: calendarTokens.userId, set: { tokenHash: hashToken(token), createdAt: sql`now()` } });
  return { path: `/api/calendar/${token}.ics` };
}

/** The iCalendar feed behind a private link: guardias and rotations of the link's owner. */
export async function calendarFeed(db: Db, token: string) {
  const [row] = await db.select({ userId: calendarTokens.userId }).from(calendarTokens).where(and(eq(calendarTokens.tokenHash, hashToken(token))));
  if (!row) throw notFound('El calendario');
  const { guards, rotations: blocks } = await myGuards(db, row.userId);
  const events: CalendarEvent[] = [
    ...guards.map((g) => ({ uid: `guardia-${g.rosterId}-${g.date}@sirem`, summary: `Guardia${g.holiday ? ` (${g.holiday})` : ''} · ${g.unitName}`, start: g.start, end: g.end })),
    ...blocks.map((b) => ({
      uid: `rotacion-${b.id}@sirem`, summary: `Rotación${b.kind === 'campo' ? ' de campo' : ''}: ${b.serviceName} · ${b.unitName}`, start: b.startsOn,
      end: new Date(Date.parse(`${b.endsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), allDay: true,
    })),
  ];
  return toICalendar('Guardias y rotaciones (SIREM)', events);
}
