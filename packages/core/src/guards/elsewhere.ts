import { checkRoster, type Violation } from './checker.ts';
import { type Assignment, type Day, dayIndex, mondayOf, type OtherGuard, type RosterInstance, weekOf } from './instance.ts';
import type { RuleParams } from './rules.ts';

/**
 * A guardia a resident holds in another published roster (another unit, service group or month),
 * with the day type it had there and a label naming that roster so a coordinator can find it.
 */
export type GuardElsewhere = OtherGuard & { residentId: number };

/** The guardias elsewhere the instance's residents carry, as one list. */
export const elsewhereOf = (instance: Pick<RosterInstance, 'residents'>): GuardElsewhere[] =>
  instance.residents.flatMap((r) => (r.elsewhere ?? []).map((g) => ({ residentId: r.id, date: g.date, type: g.type, rosterId: g.rosterId, label: g.label })));

/** Why a day is taken by guardias elsewhere: the guardia itself, the free days around one, or a week already at the maximum. */
export type TakenDay = { reason: 'same_day' | 'spacing' | 'week_full'; guard: GuardElsewhere; free?: number; inWeek?: number };

const dateOf = (index: number) => new Date(index * 86_400_000).toISOString().slice(0, 10);

/**
 * The days around a month whose guardias elsewhere can touch it: those close enough for the
 * spacing rule, and the whole calendar weeks the month starts and ends in (weekly maximum).
 * Guardias outside cannot collide, so this is all a checker or a grid needs.
 */
export function elsewhereWindow(days: readonly Pick<Day, 'date'>[], p: Pick<RuleParams, 'minDaysBetween'>): { from: string; to: string } {
  const first = dayIndex(days[0]?.date ?? '1970-01-01');
  const last = dayIndex(days.at(-1)?.date ?? '1970-01-01');
  const monday = dayIndex(mondayOf(weekOf(dateOf(first))));
  return { from: dateOf(Math.min(first - p.minDaysBetween, monday)), to: dateOf(Math.max(last + p.minDaysBetween, dayIndex(mondayOf(weekOf(dateOf(last)))) + 6)) };
}

/**
 * The days among `dates` one resident's guardias elsewhere take, and why: the day of such a
 * guardia, a day with fewer free days to one than the rule requires, and every day of a week whose
 * guardias elsewhere already reach the weekly maximum. The solver avoids them; the grid shows them.
 */
export function takenByElsewhere(dates: readonly string[], elsewhere: readonly GuardElsewhere[], p: Pick<RuleParams, 'minDaysBetween' | 'maxGuardsPerWeek'>): Map<string, TakenDay> {
  const perWeek = new Map<number, GuardElsewhere[]>();
  for (const g of elsewhere) perWeek.set(weekOf(g.date), [...(perWeek.get(weekOf(g.date)) ?? []), g]);
  const out = new Map<string, TakenDay>();
  const indexed = elsewhere.map((g) => ({ g, at: dayIndex(g.date) }));
  for (const d of dates) {
    let near: { g: GuardElsewhere; free: number } | null = null;
    for (const { g, at } of indexed) {
      const free = Math.abs(dayIndex(d) - at) - 1;
      if (!near || free < near.free) near = { g, free };
    }
    const week = perWeek.get(weekOf(d)) ?? [];
    if (near && near.free < 0) out.set(d, { reason: 'same_day', guard: near.g });
    else if (near && near.free < p.minDaysBetween) out.set(d, { reason: 'spacing', guard: near.g, free: near.free });
    else if (week.length && week.length >= p.maxGuardsPerWeek) out.set(d, { reason: 'week_full', guard: week[0] as GuardElsewhere, inWeek: week.length });
  }
  return out;
}

/**
 * A roster's guardias that collide with the same residents' guardias in other published rosters:
 * the same day (no resident is on two guardias at once), closer than the minimum free days, or
 * more guardias in a calendar week than the rule allows. Each violation names the other roster.
 * The server refuses to publish on these; the grid shows them live from the same function.
 */
export function collisionsWithElsewhere(instance: RosterInstance, assignments: readonly Assignment[], elsewhere: readonly GuardElsewhere[]): Violation[] {
  const { minDaysBetween: min, maxGuardsPerWeek: max } = instance.params;
  const names = new Map(instance.residents.map((r) => [r.id, r.name]));
  const nameOf = (id: number) => names.get(id) ?? `El residente ${id}`;
  const byResident = new Map<number, GuardElsewhere[]>();
  for (const g of elsewhere) byResident.set(g.residentId, [...(byResident.get(g.residentId) ?? []), g]);
  const out: Violation[] = [];
  // Two guardias of one day are a same-day break of the roster itself; the week counts the day once.
  const mine = new Map<string, Set<string>>();
  for (const a of assignments) {
    const weekKey = `${a.residentId}|${weekOf(a.date)}`;
    mine.set(weekKey, (mine.get(weekKey) ?? new Set()).add(a.date));
    for (const g of byResident.get(a.residentId) ?? []) {
      const free = Math.abs(dayIndex(a.date) - dayIndex(g.date)) - 1;
      if (g.date === a.date)
        out.push({ rule: 'same_day', residentId: a.residentId, dates: [a.date], message: `${nameOf(a.residentId)} ya tiene guardia el ${g.date} en el rol publicado de ${g.label}; no puede estar en dos guardias el mismo día.` });
      else if (free < min)
        out.push({ rule: 'spacing', residentId: a.residentId, dates: [a.date, g.date].sort(), message: `${nameOf(a.residentId)}: entre la guardia del ${a.date} y la del ${g.date} en el rol publicado de ${g.label} hay ${free} días libres; la norma exige al menos ${min}.` });
    }
  }
  for (const [key, dates] of mine) {
    const [id, week] = key.split('|').map(Number) as [number, number];
    const others = (byResident.get(id) ?? []).filter((g) => weekOf(g.date) === week);
    if (!others.length || dates.size + others.length <= max) continue;
    const all = [...dates, ...others.map((g) => g.date)].sort();
    const labels = [...new Set(others.map((g) => g.label))].join('; ');
    out.push({ rule: 'weekly_guards', residentId: id, dates: all, week: mondayOf(week), message: `${nameOf(id)} tendría ${all.length} guardias la semana del ${all[0]} contando el rol publicado de ${labels}; la norma permite a lo más ${max}.` });
  }
  return out;
}

/**
 * Every hard rule against the guardias elsewhere the instance carries: the collisions with them
 * first, then the roster's own rules, as the server lists them before publishing. The solver's
 * output, repairs and balancing moves are held to this.
 */
export function checkWithElsewhere(instance: RosterInstance, assignments: readonly Assignment[]): Violation[] {
  const elsewhere = elsewhereOf(instance);
  return [...(elsewhere.length ? collisionsWithElsewhere(instance, assignments, elsewhere) : []), ...checkRoster(instance, assignments)];
}
