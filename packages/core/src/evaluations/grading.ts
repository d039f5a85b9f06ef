/**
 * Residents are entitled to grades at least every quarter (DOMAIN §4.4). An academic cycle starts
 * on 1 March, so its quarters are Mar–May, Jun–Aug, Sep–Nov and Dec–Feb.
 */
export type Period = { number: number; startsOn: string; endsOn: string };

export function cycleQuarters(cycleStartsOn: string): Period[] {
  const [y, m] = cycleStartsOn.split('-').map(Number) as [number, number];
  return [0, 1, 2, 3].map((q) => {
    const start = new Date(Date.UTC(y, m - 1 + q * 3, 1));
    const end = new Date(Date.UTC(y, m - 1 + q * 3 + 3, 0));
    return { number: q + 1, startsOn: start.toISOString().slice(0, 10), endsOn: end.toISOString().slice(0, 10) };
  });
}

export type RubricLevel = { level: number; label: string; descriptor: string };

/**
 * A grade on the 0–100 scale from rubric levels: each item's level placed between the lowest and
 * highest level of the rubric, averaged over items, rounded to one decimal.
 */
export function gradeFromLevels(levels: readonly number[], rubric: readonly RubricLevel[]): number {
  const values = rubric.map((r) => r.level);
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (!levels.length || max === min) return 0;
  const mean = levels.reduce((s, l) => s + (l - min) / (max - min), 0) / levels.length;
  return Math.round(mean * 1000) / 10;
}

/** Returns the problem with a set of item scores, or null: every item scored once, with a rubric level. */
export function scoresProblem(itemIds: readonly number[], scores: readonly { itemId: number; level: number }[], rubric: readonly RubricLevel[]): string | null {
  const allowed = new Set(rubric.map((r) => r.level));
  const seen = new Set<number>();
  for (const s of scores) {
    if (!itemIds.includes(s.itemId)) return `El reactivo ${s.itemId} no es de esta evaluación.`;
    if (seen.has(s.itemId)) return `El reactivo ${s.itemId} está calificado dos veces.`;
    if (!allowed.has(s.level)) return `El nivel ${s.level} no existe en la rúbrica (${[...allowed].join(', ')}).`;
    seen.add(s.itemId);
  }
  const missing = itemIds.filter((id) => !seen.has(id)).length;
  return missing ? `Faltan ${missing} reactivo(s) por calificar.` : null;
}

/** The default four-level rubric; templates may define their own. */
export const DEFAULT_RUBRIC: RubricLevel[] = [
  { level: 1, label: 'Insuficiente', descriptor: 'No muestra la competencia aun con supervisión directa.' },
  { level: 2, label: 'En desarrollo', descriptor: 'La muestra con supervisión directa y guía frecuente.' },
  { level: 3, label: 'Competente', descriptor: 'La muestra con supervisión indirecta, de forma consistente.' },
  { level: 4, label: 'Sobresaliente', descriptor: 'La muestra de forma autónoma y sirve de modelo a otros.' },
];
