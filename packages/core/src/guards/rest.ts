import type { DayType } from './calendar.ts';
import { type Assignment, dayIndex, type RosterInstance } from './instance.ts';

/** A 24-h duty followed too soon by the next one; `nextIn` names the other roster when that next duty is a guardia there. */
export type RestBreak = { date: string; restHours: number; next: string; nextIn?: string };
export type RestCheck = { residentId: number; duties: number; breaks: RestBreak[] };

const HOUR = 3_600_000;
const at = (date: string, hour: number) => Date.parse(`${date}T00:00:00Z`) + hour * HOUR;
const dateOf = (index: number) => new Date(index * 86_400_000).toISOString().slice(0, 10);

/**
 * Rest after each 24-hour duty of the roster: a weekday guardia follows the jornada (07:00 to the
 * next 07:00), a weekend or holiday guardia lasts 24 h. The next duty is the next guardia (in this
 * roster or in another published one, `RosterResident.elsewhere`) or the next jornada the resident
 * works; the jornada right after any guardia (the last one before the month too) is worked unless
 * the rules granted it as rest. IMSS oficio 27-01-2026: 24 hours of work, 24 of rest, so a break is
 * any next duty starting less than 24 h after the end. Only this roster's duties are judged; those
 * elsewhere are their own roster's.
 */
export function restAfter24h(instance: RosterInstance, assignments: readonly Assignment[], morningStartHour = 7): RestCheck[] {
  const p = instance.params;
  const dayByIndex = new Map(instance.days.map((d) => [dayIndex(d.date), d]));
  return instance.residents.map((r) => {
    const guards = new Set(assignments.filter((a) => a.residentId === r.id).map((a) => dayIndex(a.date)));
    const elsewhere = new Map((r.elsewhere ?? []).map((g) => [dayIndex(g.date), g]));
    const guardBefore = (i: number) => guards.has(i - 1) || elsewhere.has(i - 1) || (r.lastGuardBefore ? dayIndex(r.lastGuardBefore) === i - 1 : false);
    const typeOn = (i: number): DayType | undefined => dayByIndex.get(i)?.type ?? elsewhere.get(i)?.type;
    const away = new Set(r.unavailable.map(dayIndex));
    const worksJornada = (i: number) => Boolean(dayByIndex.get(i)?.type === 'weekday' && !away.has(i) && !(p.restAfter24h && guardBefore(i)));
    // When each guardia's continuous duty starts: with the jornada on a worked weekday, else at the guardia itself.
    const dutyStart = (i: number) => {
      const date = dateOf(i);
      if (typeOn(i) === 'weekday') return worksJornada(i) ? at(date, morningStartHour) : at(date, morningStartHour + p.jornadaHoursPerDay);
      return at(date, morningStartHour);
    };
    const breaks: RestBreak[] = [];
    let duties = 0;
    for (const i of [...guards].sort((a, b) => a - b)) {
      const end = at(dateOf(i + 1), morningStartHour);
      if (end - dutyStart(i) < 24 * HOUR) continue;
      duties++;
      let next: { at: number; in?: string } | null = null;
      for (let j = i + 1; j <= i + 3 && next === null; j++) {
        const there = elsewhere.get(j);
        if (guards.has(j)) next = { at: dutyStart(j) };
        else if (there) next = { at: dutyStart(j), in: there.label };
        else if (worksJornada(j)) next = { at: at(dateOf(j), morningStartHour) };
      }
      if (next !== null && next.at - end < 24 * HOUR)
        breaks.push({ date: dateOf(i), restHours: Math.max(0, (next.at - end) / HOUR), next: new Date(next.at).toISOString().slice(0, 16), ...(next.in ? { nextIn: next.in } : {}) });
    }
    return { residentId: r.id, duties, breaks };
  });
}
