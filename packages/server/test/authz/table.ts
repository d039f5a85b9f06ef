import { CALLERS, type Caller, type Place } from '../support/authz-fixtures.ts';
import type { Records } from '../support/authz-records.ts';

/**
 * The shapes of the authorisation matrix's route table (test/authz-matrix.test.ts), the caller
 * groups its entries allow, and the helpers the per-area tables in this folder share.
 */
export type Site = Place & Records & { clues: string };
export type Fixtures = {
  ids: Record<string, number>;
  rows: Record<string, Record<string, unknown>>;
  userId: number;
  /** Where every scoped caller is granted. */
  a: Site;
  /** The twin slice in another OOAD, outside every scoped caller's reach. */
  b: Site;
  /** Records that belong to their author: each signed-in caller's own finished job, each people manager's own import batch (of A). */
  own: { jobs: Partial<Record<Caller, number>>; batches: Partial<Record<Caller, number>> };
  /** The same kinds of record, started by people of B (its resident, its coordinator): someone else's for every caller. */
  others: { jobId: number; batchId: number };
};

export type Target = {
  body?: (fx: Fixtures) => unknown;
  /** Which fixture fills `:id`; records that belong to their author (a job, an import batch) are picked per caller. */
  id?: (fx: Fixtures, caller: Caller) => number;
  /** Fills other path parameters. */
  params?: Record<string, string> | ((fx: Fixtures) => Record<string, string>);
  /** A query string the route requires. */
  query?: (fx: Fixtures) => string;
  /** A file sent as the raw request body (uploads), instead of a JSON body. */
  file?: (fx: Fixtures) => Buffer;
};

export type Entry = Target & {
  allow: Caller[];
  /** The call ends the caller's session, so it runs on a session of its own. */
  ownSession?: boolean;
  /** The same request aimed at place B (fields given here replace the in-scope ones). */
  outside?: Target;
  /**
   * Who is still allowed outside. By default the national callers among `allow`; a record that
   * belongs to its author (a job, an import batch) is refused to everyone else, national or not.
   */
  outsideAllow?: Caller[];
  /**
   * A query filtered by scope in SQL: outside, it answers 200 and this says the answer shows
   * nothing of B. A national caller allowed outside must see B in the same answer, so the check
   * cannot pass on an answer that would be empty for anyone.
   */
  emptyOutside?: (body: unknown, fx: Fixtures) => boolean;
  /** Sensitive data: even a refused read is written to the audit log (DOMAIN: every read is audited). */
  auditsRefusals?: true;
  /**
   * The call consumes its row (a delete), so each cell gets a fresh one, created by the
   * administrator in place A (or B for the outside cells) just before the call.
   */
  fresh?: (p: Place, n: number) => { path: string; body: unknown };
  /** By design, out of scope the route refuses with this status (e.g. a 400 naming the row), writing nothing. */
  refusesOutsideWith?: { status: number; why: string };
};

export type Table = Record<string, Entry>;

export const SIGNED_IN: Caller[] = CALLERS.filter((c) => c !== 'anonymous');
export const EVERYONE: Caller[] = [...CALLERS];
export const ADMIN: Caller[] = ['administrador'];
export const CENTRE: Caller[] = ['nivel_central', 'administrador'];
export const UNIT_MANAGERS: Caller[] = ['coordinador_ooad', ...CENTRE];
export const SEDE_MANAGERS: Caller[] = ['coordinador_educacion', ...UNIT_MANAGERS];
export const PEOPLE_MANAGERS: Caller[] = ['coordinador_educacion', 'coordinador_ooad', ...CENTRE];
export const GUARD_MANAGERS: Caller[] = ['jefe_servicio', ...PEOPLE_MANAGERS];
export const EVALUATION_MANAGERS: Caller[] = ['profesor_titular', 'coordinador_educacion', 'coordinador_ooad', ...CENTRE];
export const SURVEY_READERS: Caller[] = ['coordinador_educacion', 'coordinador_ooad', ...CENTRE];
export const SURVEY_ANSWERERS: Caller[] = ['residente', 'profesor_titular', 'profesor_adjunto', 'tutor'];
export const RECORDERS: Caller[] = ['residente', 'profesor_titular', 'profesor_adjunto', 'administrador'];
export const VERIFIERS: Caller[] = ['profesor_titular', 'profesor_adjunto', 'administrador'];
export const STAFF: Caller[] = SIGNED_IN.filter((c) => c !== 'residente');
/** A resident's own file (boleta, thesis, follow-up): the resident, the sede's titular, coordination and the centre. */
export const RESIDENT_FILE: Caller[] = ['residente', 'profesor_titular', 'coordinador_educacion', 'coordinador_ooad', ...CENTRE];
/** Those who follow a resident's training: the sede's titular, their tutor, coordination and the centre. */
export const MENTORS: Caller[] = ['profesor_titular', 'tutor', 'coordinador_educacion', 'coordinador_ooad', ...CENTRE];

/** An id no row has: a write aimed at it is refused after authorisation. */
export const STALE = 999_999;

/** A page of a list filtered to one sede: out of scope it must come back empty, for the centre it holds B's rows. */
export const bySede: Target & Pick<Entry, 'outside' | 'emptyOutside'> = {
  query: (fx) => `sedeId=${fx.a.sedeId}`,
  outside: { query: (fx) => `sedeId=${fx.b.sedeId}` },
  emptyOutside: (body) => (body as { items: unknown[] }).items.length === 0,
};

export const stale = (name: string) => (fx: Fixtures) => ({ ...fx.rows[name], version: STALE });

/** For a catalogue whose rows belong to a place: the fixture row of place B and a duplicate of it. */
type Twin = { row: string; duplicate: (fx: Fixtures) => unknown };

/** The seven routes of a catalogue resource; with a twin, the placed ones are tried against B's row too. */
export const catalogue = (name: string, writers: Caller[], duplicate: (fx: Fixtures) => unknown, patch: (fx: Fixtures) => unknown, base = `/api/v1/catalog/${name}`, twin?: Twin): Table => {
  const id = (fx: Fixtures) => fx.ids[name];
  const away = (target: (row: string) => Target) => (twin ? { outside: target(twin.row) } : {});
  return {
    [`GET ${base}`]: { allow: SIGNED_IN },
    [`GET ${base}/export.xlsx`]: { allow: SIGNED_IN },
    // A resident's self grant reaches no catalogue place, so placed rows stay hidden from them.
    [`GET ${base}/:id`]: { allow: twin ? SIGNED_IN.filter((c) => c !== 'residente') : SIGNED_IN, id, ...away((row) => ({ id: (fx) => fx.ids[row] })) },
    [`POST ${base}`]: { allow: writers, body: duplicate, ...away(() => ({ body: twin?.duplicate })) },
    [`PATCH ${base}/:id`]: { allow: writers, id, body: patch, ...away((row) => ({ id: (fx) => fx.ids[row], body: stale(row) })) },
    [`POST ${base}/:id/deactivate`]: { allow: writers, id, body: () => ({ version: STALE }), ...away((row) => ({ id: (fx) => fx.ids[row] })) },
    [`DELETE ${base}/:id`]: { allow: writers, id, ...away((row) => ({ id: (fx) => fx.ids[row] })) },
  };
};
