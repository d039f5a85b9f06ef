/**
 * Totals over time from series that report on different dates (a unit's waiting list, its beds).
 * At every date any series reports, each series counts with its last value on or before that
 * date, so a unit that reported on Monday still adds up on Wednesday when another unit reports.
 * A series counts from its first report on.
 */
export type SeriesPoint<K extends string> = { series: string; takenOn: string } & Record<K, number>;
export type CarriedTotal<K extends string> = { takenOn: string } & Record<K, number>;

export function carriedTotals<K extends string>(points: readonly SeriesPoint<K>[], fields: readonly K[]): CarriedTotal<K>[] {
  const sorted = [...points].sort((a, b) => a.takenOn.localeCompare(b.takenOn));
  const last = new Map<string, SeriesPoint<K>>();
  const totals = Object.fromEntries(fields.map((f) => [f, 0])) as Record<K, number>;
  const out: CarriedTotal<K>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i] as SeriesPoint<K>;
    const before = last.get(p.series);
    for (const f of fields) totals[f] += p[f] - (before ? before[f] : 0);
    last.set(p.series, p);
    if (sorted[i + 1]?.takenOn !== p.takenOn) out.push({ takenOn: p.takenOn, ...totals });
  }
  return out;
}
