import { type Assignment, checkRoster, collisionsWithElsewhere, formatDate, type GuardElsewhere, type RosterInstance, type TakenDay, takenByElsewhere } from '@sirem/core';
import { useMemo } from 'react';
import { useI18n } from '../i18n/index.tsx';

/**
 * The grid's live check: the residents' guardias in other published rosters first, then every
 * hard rule of the roster itself, from the same core functions and in the same order as the
 * server's check before publishing. Also which cells other rosters take, and a tooltip saying why.
 */
export function useRosterCheck(instance: RosterInstance | undefined, assignments: readonly Assignment[], elsewhere: readonly GuardElsewhere[]) {
  const { t } = useI18n();
  const violations = useMemo(() => (instance ? [...collisionsWithElsewhere(instance, assignments, elsewhere), ...checkRoster(instance, assignments)] : []), [instance, assignments, elsewhere]);
  const taken = useMemo(() => {
    const out = new Map<number, Map<string, TakenDay>>();
    if (!instance) return out;
    const dates = instance.days.map((d) => d.date);
    const byResident = new Map<number, GuardElsewhere[]>();
    for (const g of elsewhere) byResident.set(g.residentId, [...(byResident.get(g.residentId) ?? []), g]);
    for (const [id, list] of byResident) out.set(id, takenByElsewhere(dates, list, instance.params));
    return out;
  }, [instance, elsewhere]);
  const takenTitle = (residentId: number, date: string): string | null => {
    const why = taken.get(residentId)?.get(date);
    if (!why) return null;
    const label = why.guard.label;
    if (why.reason === 'same_day') return t('guards.takenSameDay', { label });
    if (why.reason === 'spacing') return t('guards.takenSpacing', { days: (why.free ?? 0) + 1, date: formatDate(why.guard.date), label });
    return t('guards.takenWeek', { n: why.inWeek ?? 0, label });
  };
  return { violations, takenTitle };
}
