import { badRequest } from '../http/errors.ts';

/** Keyset cursors: the sort value and id of the last row seen, opaque to clients. */
export type CursorValue = [string | number, number];

export function encodeCursor(value: string | number, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorValue {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isInteger(parsed[1]) && ['string', 'number'].includes(typeof parsed[0]))
      return parsed as CursorValue;
  } catch {}
  throw badRequest('El cursor de paginación no es válido; vuelva a la primera página.', [{ field: 'cursor', message: 'Cursor inválido.' }]);
}
