import type { Violation } from './checker.ts';
import type { Blocker, Shortage } from './construct.ts';
import { type Day, dayIndex, describeDay, guardHours, type RosterInstance, type RosterResident, weekOf } from './instance.ts';

const OPTIONS = (g: number) => `Opciones: reducir la cobertura de R${g} en los días señalados, sumar residentes de R${g} de otro servicio, o mover vacaciones fuera de esas fechas.`;

const ddmm = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;
const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} y ${items.at(-1)}` : (items[0] ?? ''));

/**
 * The residents the free-days rule keeps off a day: those kept by a guardia in another published
 * roster are told by that guardia's date and roster (it can come after the day); the rest by their
 * previous guardia, which in this pass always comes before it.
 */
function spacingReason(instance: RosterInstance, n: number, elsewhere: Shortage['elsewhere'] = []): string {
  const min = instance.params.minDaysBetween;
  const there = elsewhere.reduce((s, g) => s + g.n, 0);
  return [
    ...(n > there ? [`${n - there} por el mínimo de ${min} días libres desde su guardia anterior`] : []),
    ...elsewhere.map((g) => `${g.n} por ${g.dates.length === 1 ? 'su guardia del' : 'sus guardias del'} ${list(g.dates.map(ddmm))} en el rol publicado de ${g.label}, a menos de los ${min} días libres que exige la norma`),
  ].join(', ');
}

function reason(instance: RosterInstance, why: Blocker, n: number, s: Shortage): string {
  const p = instance.params;
  const words: Record<Blocker, string> = {
    spacing: spacingReason(instance, n, s.elsewhere),
    weekly_guards: `${n} porque ya tienen ${p.maxGuardsPerWeek} ${p.maxGuardsPerWeek === 1 ? 'guardia' : 'guardias'} esa semana`,
    weekly_hours: `${n} porque superarían ${p.maxWeeklyHours} h semanales${p.averagingWeeks > 1 ? ` en promedio de ${p.averagingWeeks} semanas` : ''}`,
    continuous_hours: `${n} porque la guardia de ese día excede ${p.maxContinuousHours} h continuas`,
    rest_after_24h: `${n} por el descanso tras una guardia de 24 h (la del día anterior, o la de ese día antes de su guardia del siguiente)`,
  };
  return words[why];
}

/** Whether a guardia on a day is possible at all under the continuous-hours limit (jornada + guardia + next jornada). */
function dutyAllowed(instance: RosterInstance, day: Day, next: Day | undefined) {
  const p = instance.params;
  if (p.maxContinuousHours === null) return true;
  const total = (day.type === 'weekday' ? p.jornadaHoursPerDay : 0) + guardHours(day, p) + (next?.type === 'weekday' && !p.restAfter24h ? p.jornadaHoursPerDay : 0);
  return total <= p.maxContinuousHours;
}

/**
 * The most guardias one resident can do in the month under the spacing and weekly limits, on the
 * days they are present and clear of their guardias in other rosters: taking the earliest possible
 * day each time is optimal for both limits.
 */
export function guardCapacity(instance: RosterInstance, r: Pick<RosterResident, 'unavailable' | 'lastGuardBefore' | 'elsewhere'>): number {
  const p = instance.params;
  const away = new Set(r.unavailable);
  const days = [...instance.days].sort((a, b) => a.date.localeCompare(b.date));
  const byIndex = new Map(days.map((d) => [dayIndex(d.date), d]));
  const outside = [...new Set([...(r.lastGuardBefore ? [r.lastGuardBefore] : []), ...(r.elsewhere ?? []).map((g) => g.date)])];
  const perWeek = new Map<number, number>();
  for (const d of outside) perWeek.set(weekOf(d), (perWeek.get(weekOf(d)) ?? 0) + 1);
  const near = (idx: number) => outside.some((d) => Math.abs(idx - dayIndex(d)) - 1 < p.minDaysBetween);
  let last = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const d of days) {
    const idx = dayIndex(d.date);
    const week = weekOf(d.date);
    if (away.has(d.date) || near(idx) || idx - last - 1 < p.minDaysBetween || (perWeek.get(week) ?? 0) >= p.maxGuardsPerWeek || !dutyAllowed(instance, d, byIndex.get(idx + 1))) continue;
    last = idx;
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    count++;
  }
  return count;
}

/** Why no compliant roster exists, day by day and grade by grade, and what could be relaxed. */
export function explainShortages(instance: RosterInstance, shortages: Shortage[]): string[] {
  const p = instance.params;
  const lines: string[] = [];
  const dayOf = new Map(instance.days.map((d) => [d.date, d]));
  for (const s of shortages) {
    const day = dayOf.get(s.date) as Day;
    const missing = s.needed - s.assigned;
    const blocked = Object.entries(s.blocked ?? {}) as [Blocker, number][];
    const why = blocked.length ? blocked.map(([b, n]) => reason(instance, b, n, s)).join(', ') : `por sus guardias previas (mínimo ${p.minDaysBetween} días libres, máximo ${p.maxGuardsPerWeek} por semana)`;
    s.message =
      s.present < s.needed
        ? `${describeDay(day)}: se requieren ${s.needed} R${s.grade} y solo ${s.present} están presentes (los demás, de vacaciones, con licencia o fuera de rotación); faltan ${s.needed - s.present}.`
        : `${describeDay(day)}: se requieren ${s.needed} R${s.grade}; ${s.present} están presentes pero ${s.present - s.assigned} no pueden hacerla (${why}); faltan ${missing}.`;
    lines.push(s.message);
  }
  for (const g of [...new Set(shortages.map((s) => s.grade))].sort((a, b) => a - b)) {
    const slots = instance.days.reduce((sum, d) => sum + (instance.coverage[d.type]?.[g] ?? 0), 0);
    const people = instance.residents.filter((r) => r.grade === g);
    const perPerson = guardCapacity(instance, { unavailable: [], lastGuardBefore: null });
    const total = people.reduce((sum, r) => sum + guardCapacity(instance, r), 0);
    const limits = `al menos ${p.minDaysBetween} días libres entre guardias y a lo más ${p.maxGuardsPerWeek} por semana`;
    const verdict =
      total < slots
        ? perPerson > 0
          ? `faltan al menos ${Math.ceil((slots - total) / perPerson)} residentes de R${g} disponibles todo el mes`
          : `ningún residente puede cubrir esos días con el límite de ${p.maxContinuousHours} h continuas`
        : `en el mes alcanzarían, pero no en los días señalados`;
    lines.push(`En el mes se necesitan ${slots} guardias de R${g}; con ${people.length} residentes, ${limits}, cada uno puede cubrir a lo más ${perPerson} y entre todos, con sus ausencias, ${total}: ${verdict}. ${OPTIONS(g)}`);
  }
  return lines;
}

/** A roster the checker still rejects after repair: its violations, and what to relax. */
export function explainViolations(violations: readonly Violation[]): string[] {
  return [
    ...violations.map((v) => v.message),
    `No se encontró un rol que cumpla todas las reglas: ${violations.length} ${violations.length === 1 ? 'incumplimiento' : 'incumplimientos'} sin resolver. Opciones: reducir la cobertura en los días señalados, sumar residentes de otro servicio, o mover vacaciones fuera de esas fechas.`,
  ];
}
