/** One cell of a Jornada: what a unit planned and achieved in a category, by source. */
export type JornadaCell = { unitId: number; unitName: string; ooadName: string; isUmae: boolean; category: string; planned: number; fromRecords: number; fromUnits: number };

export type Summary = { key: string; planned: number; achieved: number; fromRecords: number; fromUnits: number; percent: number | null };

const pct = (achieved: number, planned: number) => (planned > 0 ? Math.round((achieved / planned) * 1000) / 10 : null);

/** Sums cells by a key (category, OOAD, UMAE); achieved = residents' records + units' own entries. */
export function summarise(cells: readonly JornadaCell[], keyOf: (c: JornadaCell) => string | null): Summary[] {
  const out = new Map<string, Summary>();
  for (const c of cells) {
    const key = keyOf(c);
    if (key === null) continue;
    const s = out.get(key) ?? { key, planned: 0, achieved: 0, fromRecords: 0, fromUnits: 0, percent: null };
    s.planned += c.planned;
    s.fromRecords += c.fromRecords;
    s.fromUnits += c.fromUnits;
    s.achieved = s.fromRecords + s.fromUnits;
    out.set(key, s);
  }
  return [...out.values()].map((s) => ({ ...s, percent: pct(s.achieved, s.planned) }));
}

/** Units ordered by what they achieved, ties by name, so the ranking is stable. */
export function rankUnits(cells: readonly JornadaCell[], top = 10) {
  return summarise(cells, (c) => c.unitName)
    .sort((a, b) => b.achieved - a.achieved || a.key.localeCompare(b.key, 'es'))
    .slice(0, top)
    .map((s, i) => ({ rank: i + 1, ...s }));
}
