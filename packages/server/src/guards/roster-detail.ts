import type { Ctx } from '../http/context.ts';
import { guardsAroundRoster } from './elsewhere.ts';
import { getRoster } from './rosters-service.ts';

/**
 * A roster with its live check (getRoster) and, for a draft, its residents' guardias in other
 * published rosters in the days that can collide with the month: date, day type and the other
 * roster's unit, services and month. The grid feeds them to the same core check the server
 * refuses to publish on (collisionsWithElsewhere), and shows the days they take as blocked. A
 * published version keeps the facts it was published with, so it has none.
 */
export async function rosterDetail(ctx: Ctx, id: number) {
  const roster = await getRoster(ctx, id);
  const guards = roster.status === 'draft' ? await guardsAroundRoster(ctx.db, roster, roster.instance, roster.instance.residents.map((r) => r.id)) : [];
  return { ...roster, elsewhere: guards.map(({ residentId, date, type, rosterId, label }) => ({ residentId, date, type, rosterId, label })) };
}
