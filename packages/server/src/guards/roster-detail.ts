import { elsewhereOf } from '@sirem/core';
import type { Ctx } from '../http/context.ts';
import { getRoster } from './rosters-service.ts';

/**
 * A roster with its live check (getRoster) and, for a draft, its residents' guardias in other
 * published rosters in the days that can collide with the month: date, day type and the other
 * roster's unit, services and month, as read with today's facts into the draft's instance (whose
 * weekly hours count them). The grid feeds them to the same core check the server refuses to
 * publish on (collisionsWithElsewhere), and shows the days they take as blocked. A published
 * version keeps the facts it was published with, so it lists none.
 */
export async function rosterDetail(ctx: Ctx, id: number) {
  const roster = await getRoster(ctx, id);
  return { ...roster, elsewhere: roster.status === 'draft' ? elsewhereOf(roster.instance) : [] };
}
