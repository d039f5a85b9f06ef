/**
 * Small-group suppression for anonymous results. A group with fewer than MIN_GROUP people is not
 * shown (primary suppression). Because a published total minus the published groups would give
 * back a hidden group, a lone hidden group, or hidden groups that together hold fewer than
 * MIN_GROUP people, take the next smallest group down with them (complementary suppression).
 */
export const MIN_GROUP = 5;

export type Suppressed<T> = (T & { suppressed: false }) | { key: string; n: null; suppressed: true };

export function suppressGroups<T extends { key: string; n: number }>(groups: readonly T[]): Suppressed<T>[] {
  const hidden = new Set(groups.filter((g) => g.n < MIN_GROUP).map((g) => g.key));
  const hiddenSum = () => groups.filter((g) => hidden.has(g.key)).reduce((s, g) => s + g.n, 0);
  const visible = () => [...groups].filter((g) => !hidden.has(g.key)).sort((a, b) => a.n - b.n || a.key.localeCompare(b.key));
  while (hidden.size > 0 && (hidden.size === 1 || hiddenSum() < MIN_GROUP) && visible().length > 0) hidden.add((visible()[0] as T).key);
  return groups.map((g) => (hidden.has(g.key) ? { key: g.key, n: null, suppressed: true as const } : { ...g, suppressed: false as const }));
}

/** A total is published only when it covers at least MIN_GROUP people. */
export const publishable = (n: number) => n >= MIN_GROUP;
