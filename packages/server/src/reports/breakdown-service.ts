import type { Scope } from '@sirem/core';
import { asc, countDistinct, eq } from 'drizzle-orm';
import { ooads, units } from '../db/schema/catalog.ts';
import { facultyAppointments, residents } from '../db/schema/people.ts';
import type { Ctx } from '../http/context.ts';
import { residentJoin } from '../people/resident-query.ts';
import { cachedUntilChanged } from '../lib/version-cache.ts';
import { activeResidentFields } from './figures-service.ts';
import { currentFacultyInScope, facultyJoin, figuresScope, residentsInScope } from './figures-scope.ts';

export type OoadFigures = { ooadId: number; ooad: string; residents: number; specialties: number; foreign: number; countries: number; sedes: number; units: number; teachers: number };

/** The same figures split by OOAD, within the viewer's scope, so an office can compare itself with the rest. */
export async function figuresByOoad(ctx: Ctx): Promise<OoadFigures[]> {
  const scope = figuresScope(ctx);
  return cachedUntilChanged(ctx.db, 'by-ooad', scope, ctx.actor.userId, () => computeByOoad(ctx, scope));
}

async function computeByOoad(ctx: Ctx, scope: Scope): Promise<OoadFigures[]> {
  const [active, faculty] = await Promise.all([
    residentJoin(ctx.db, { ooadId: units.ooadId, ...activeResidentFields })
      .where(residentsInScope(ctx, scope, eq(residents.status, 'activo')))
      .groupBy(units.ooadId) as Promise<Record<string, number>[]>,
    facultyJoin(ctx, { ooadId: units.ooadId, teachers: countDistinct(facultyAppointments.personId) })
      .where(currentFacultyInScope(ctx, scope))
      .groupBy(units.ooadId) as Promise<{ ooadId: number; teachers: number }[]>,
  ]);
  const ids = [...new Set([...active.map((r) => Number(r.ooadId)), ...faculty.map((r) => r.ooadId)])];
  if (!ids.length) return [];
  const names = await ctx.db.select({ id: ooads.id, name: ooads.name }).from(ooads).orderBy(asc(ooads.name));
  const teachersOf = new Map(faculty.map((r) => [r.ooadId, Number(r.teachers)]));
  const activeOf = new Map(active.map((r) => [Number(r.ooadId), r]));
  return names
    .filter((o) => ids.includes(o.id))
    .map((o) => {
      const a = activeOf.get(o.id);
      const n = (k: string) => Number(a?.[k] ?? 0);
      return { ooadId: o.id, ooad: o.name, residents: n('residents'), specialties: n('medical') + n('stomatological'), foreign: n('foreign'), countries: n('countries'), sedes: n('sedes'), units: n('units'), teachers: teachersOf.get(o.id) ?? 0 };
    });
}
