import { type Assignment, dayIndex, type RosterInstance } from '@sirem/core';

export type RestBreak = { date: string; restHours: number; next: string };
export type RestCheck = { residentId: number; duties: number; breaks: RestBreak[] };

const HOUR = 3_600_000;
const at = (date: string, hour: number) => Date.parse(`${date}T00:00:00Z`) + hour * HOUR;
const dateOf = (index: number) => new Date(index * 86_400_000).toISOString().slice(0, 10);

/**
 * Rest after each 24-hour duty, computed from the roster as it was published: a weekday guardia
 * follows the jornada (07:00 to the next 07:00), a weekend or holiday guardia lasts 24 h. The next
 * duty is the next guardia or the next jornada the resident works; the jornada right after a
 * guardia is worked unless the published rules granted it as rest. IMSS oficio 27-01-2026:
 * 24 hours of work, 24 of rest, so a break is any next duty starting less than 24 h after the end.
 */
export function restAfter24h(instance: RosterInstance, assignments: readonly Assignment[], morningStartHour = 7): RestCheck[] {
  const p = instance.params;
  const dayByIndex = new Map(instance.days.map((d) => [dayIndex(d.date), d]));
  return instance.residents.map((r) => {
    const guards = new Set(assignments.filter((a) => a.residentId === r.id).map((a) => dayIndex(a.date)));
    const away = new Set(r.unavailable.map(dayIndex));
    const worksJornada = (i: number) => {
      const day = dayByIndex.get(i);
      return Boolean(day && day.type === 'weekday' && !away.has(i) && !(p.restAfter24h && guards.has(i - 1)));
    };
    // When each guardia's continuous duty starts: with the jornada on a worked weekday, else at the guardia itself.
    const dutyStart = (i: number) => {
      const day = dayByIndex.get(i);
      const date = dateOf(i);
      if (day?.type === 'weekday') return worksJornada(i) ? at(date, morningStartHour) : at(date, morningStartHour + p.jornadaHoursPerDay);
      return at(date, morningStartHour);
    };
    const breaks: RestBreak[] = [];
    let duties = 0;
    for (const i of [...guards].sort((a, b) => a - b)) {
      const end = at(dateOf(i + 1), morningStartHour);
      if (end - dutyStart(i) < 24 * HOUR) continue;
      duties++;
      let next: number | null = null;
      for (let j = i + 1; j <= i + 3 && next === null; j++) {
        if (guards.has(j)) next = dutyStart(j);
        else if (worksJornada(j)) next = at(dateOf(j), morningStartHour);
      }
      if (next !== null && next - end < 24 * HOUR) breaks.push({ date: dateOf(i), restHours: Math.max(0, (next - end) / HOUR), next: new Date(next).toISOString().slice(0, 16) });
    }
    return { residentId: r.id, duties, breaks };
  });
}
