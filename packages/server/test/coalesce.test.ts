import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { coalesce } from '../src/db/coalesce.ts';

// The statements here stand in for PostgreSQL: the database handle only keys the queue.
const database = () => ({}) as Db;
const sqlError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code, severity: 'ERROR' });

describe('coalesce', () => {
  it('sends calls made in the same turn as one statement and answers each with its own result', async () => {
    const statements: number[][] = [];
    const double = coalesce<number, number>(async (_db, items) => (statements.push(items), items.map((n) => n * 2)));
    const db = database();
    expect(await Promise.all([1, 2, 3].map((n) => double(db, n)))).toEqual([2, 4, 6]);
    expect(statements).toEqual([[1, 2, 3]]);
  });

  it('makes calls wait while the statements allowed at once are running, then sends them together', async () => {
    const statements: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const echo = coalesce<number, number>(
      async (_db, items) => {
        statements.push(items);
        if (items[0] === 1) await gate;
        return items;
      },
      { inFlight: 1 },
    );
    const db = database();
    const first = echo(db, 1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((n) => echo(db, n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(statements).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps each database apart and never puts more than maxBatch calls in one statement', async () => {
    const statements: { db: Db; items: number[] }[] = [];
    const echo = coalesce<number, number>(async (db, items) => (statements.push({ db, items }), items), { maxBatch: 2, inFlight: 4 });
    const a = database();
    const b = database();
    await Promise.all([echo(a, 1), echo(b, 10), echo(a, 2), echo(a, 3)]);
    expect(statements.filter((s) => s.db === a).map((s) => s.items)).toEqual([[1, 2], [3]]);
    expect(statements.filter((s) => s.db === b).map((s) => s.items)).toEqual([[10]]);
  });

  it('when PostgreSQL refuses the shared statement, runs each call alone so only the bad one fails', async () => {
    const statements: number[][] = [];
    const insert = coalesce<number, number>(async (_db, items) => {
      statements.push(items);
      if (items.includes(13)) throw sqlError('23505');
      return items;
    });
    const db = database();
    const settled = await Promise.allSettled([12, 13, 14].map((n) => insert(db, n)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.code).toBe('23505');
    expect(statements).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('does not run calls again after an error that may have come after the statement was done (a lost connection)', async () => {
    let runs = 0;
    const insert = coalesce<number, number>(async () => {
      runs++;
      throw Object.assign(new Error(runs === 1 ? 'write CONNECTION_CLOSED' : 'write EPIPE'), { code: runs === 1 ? 'CONNECTION_CLOSED' : 'EPIPE' });
    });
    const db = database();
    for (const expected of [1, 2]) {
      const settled = await Promise.allSettled([1, 2].map((n) => insert(db, n)));
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
      expect(runs).toBe(expected);
    }
  });

  it('refuses an answer that does not have one result per call', async () => {
    const broken = coalesce<number, number>(async () => [1]);
    const db = database();
    const settled = await Promise.allSettled([broken(db, 1), broken(db, 2)]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });
});
