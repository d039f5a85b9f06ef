import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client } from './app.ts';

/** The body of a request that must have succeeded with `status`; shows the problem when it did not. */
export function ok<T = Record<string, unknown>>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return (res.body ? res.json() : undefined) as T;
}

export type UnitRow = { id: number; name: string; clues: string | null; ooadId: number; ooadName: string; version: number; active: boolean } & Record<string, unknown>;

/** A second-level hospital with the fields the unit form requires; `over` changes any of them. */
export const hospital = (ooadId: number, over: Record<string, unknown> = {}) => ({
  clues: null,
  name: 'Hospital General de Zona No. 46',
  unitTypeCode: 'HGZ',
  levelOfCare: 2,
  ooadId,
  camasCensables: 144,
  city: 'Guadalajara',
  ...over,
});

export async function createUnit(client: Client, ooadId: number, over: Record<string, unknown> = {}): Promise<UnitRow> {
  return ok<UnitRow>(await client.post('/api/v1/catalog/units', hospital(ooadId, over)), 201);
}

export async function createSede(client: Client, courseId: number, unitId: number, placesPerGrade = [4, 4, 4]) {
  return ok<{ id: number; version: number; unitId: number; placesPerGrade: number[] } & Record<string, unknown>>(
    await client.post('/api/v1/catalog/sedes', { courseId, unitId, placesPerGrade }),
    201,
  );
}

/** Every page of a list, following nextCursor, as the web table does when scrolling. */
export async function walk(client: Client, path: string, limit: number) {
  const pages: { items: { id: number }[]; total: number }[] = [];
  let cursor: string | null = null;
  do {
    const sep: string = path.includes('?') ? '&' : '?';
    const page: { items: { id: number }[]; total: number; nextCursor: string | null } = ok(
      await client.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 1000);
  return pages;
}

/** The message PostgreSQL gave when it refused a raw statement (drizzle wraps it in `cause`). */
export async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  }
  return 'accepted';
}
