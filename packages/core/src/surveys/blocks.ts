import { MIN_GROUP } from './suppression.ts';

/**
 * Disclosure control that holds across every query, not just inside one table.
 *
 * The finest cells (a sede, a sede's band, a teacher at a sede…) are partitioned once into
 * blocks, bottom-up along the place hierarchy given by each cell's path (e.g. OOAD → unit → sede):
 * a cell of at least MIN_GROUP is a block of its own; the small cells under one parent are pooled,
 * and when the pool still holds fewer than MIN_GROUP it absorbs the smallest sibling blocks of that
 * parent (secondary suppression); a pool that the whole parent cannot fill moves up a level. What
 * is left at the top (a population under MIN_GROUP) is a block that is never published.
 *
 * A query may then publish a total only over a set of cells that is a union of whole publishable
 * blocks. Every published number is a sum of block totals, so no difference of published numbers,
 * however the filters are combined, can separate a block into its cells.
 */
export type BlockCell = { path: readonly (string | number)[]; n: number };
export type BlockPlan = { blockOf: number[]; blockCells: number[]; blockSize: number[] };

type Piece = { cells: number[]; n: number; first: string };

const keyOf = (cells: readonly BlockCell[], i: number) => (cells[i] as BlockCell).path.join('/');

export function planBlocks(cells: readonly BlockCell[]): BlockPlan {
  const done: Piece[] = [];
  const left = resolve(cells, cells.map((_, i) => i), 0, done);
  if (left) done.push(left);
  const blockOf = new Array<number>(cells.length).fill(-1);
  done.forEach((p, b) => {
    for (const i of p.cells) blockOf[i] = b;
  });
  return { blockOf, blockCells: done.map((p) => p.cells.length), blockSize: done.map((p) => p.n) };
}

/** Resolves one node: appends finished blocks of its subtree to `out`, returns the pool it could not fill. */
function resolve(cells: readonly BlockCell[], indices: number[], depth: number, out: Piece[]): Piece | null {
  const mine: Piece[] = [];
  let pool: Piece | null = null;
  const addToPool = (p: Piece) => {
    pool = pool ? { cells: [...pool.cells, ...p.cells], n: pool.n + p.n, first: pool.first < p.first ? pool.first : p.first } : p;
  };
  const children = new Map<string, number[]>();
  for (const i of indices) {
    const cell = cells[i] as BlockCell;
    if (cell.path.length <= depth) {
      const piece = { cells: [i], n: cell.n, first: keyOf(cells, i) };
      if (cell.n >= MIN_GROUP) mine.push(piece);
      else addToPool(piece);
      continue;
    }
    const k = String(cell.path[depth]);
    children.set(k, [...(children.get(k) ?? []), i]);
  }
  for (const k of [...children.keys()].sort()) {
    const sub: Piece[] = [];
    const rest = resolve(cells, children.get(k) as number[], depth + 1, sub);
    mine.push(...sub);
    if (rest) addToPool(rest);
  }
  const p = pool as Piece | null;
  if (p && p.n < MIN_GROUP) {
    mine.sort((a, b) => a.n - b.n || a.first.localeCompare(b.first));
    while (p.n < MIN_GROUP && mine.length) {
      const next = mine.shift() as Piece;
      p.cells.push(...next.cells);
      p.n += next.n;
    }
  }
  const filled = p !== null && p.n >= MIN_GROUP;
  if (filled) mine.push(p);
  out.push(...mine);
  return filled ? null : p;
}

/** Whether a total over these cells may be published: they are exactly a union of whole publishable blocks. */
export function coversWholeBlocks(plan: BlockPlan, selected: readonly number[]): boolean {
  if (!selected.length) return false;
  const touched = new Map<number, number>();
  for (const i of selected) {
    const b = plan.blockOf[i] as number;
    touched.set(b, (touched.get(b) ?? 0) + 1);
  }
  for (const [b, count] of touched) if (count !== plan.blockCells[b] || (plan.blockSize[b] as number) < MIN_GROUP) return false;
  return true;
}
