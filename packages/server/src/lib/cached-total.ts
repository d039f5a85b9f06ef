import type { Scope } from '@sirem/core';
import type { Ctx } from '../http/context.ts';
import { cachedUntilChanged } from './version-cache.ts';

/**
 * The total of a list page, kept per scope and filters until the data change (the same rule as
 * the national figures: the newest audit id is the data's version). Counting a national list
 * costs more than reading its page, and every page of the same filters shares the total.
 */
export function cachedTotal(ctx: Ctx, list: string, scope: Scope, query: Record<string, unknown>) {
  const { cursor: _c, limit: _l, sort: _s, dir: _d, ...filters } = query;
  const key = `${list}:${JSON.stringify(Object.entries(filters).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)))}`;
  return (count: () => Promise<number>) => cachedUntilChanged(ctx.db, key, scope, ctx.actor.userId, count);
}
