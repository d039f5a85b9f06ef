import { checkWithElsewhere } from './elsewhere.ts';
import { OBJECTIVE_WEIGHTS } from './fairness.ts';
import { type Assignment, dayIndex, type RosterInstance, type RosterResident } from './instance.ts';

type Counts = { t: number; w: number; h: number };
type Member = { r: RosterResident; own: Set<string>; away: Set<string>; requests: Set<string>; c: Counts };
type Score = { primary: number; secondary: number };
type Kind = 't' | 'w' | 'h';
/**
 * Running totals of a grade: ignored day-off requests, the weighted sum of squared counts, and how
 * many members hold each count per kind, so the spread (max − min) is read without a pass over them.
 */
type Totals = { ignored: number; squares: number; holders: Record<Kind, Map<number, number>> };
const KINDS: readonly Kind[] = ['t', 'w', 'h'];
const WEIGHT = { t: OBJECTIVE_WEIGHTS.total, w: OBJECTIVE_WEIGHTS.weekend, h: OBJECTIVE_WEIGHTS.holiday } as const;
const REQUEST_WEIGHT = OBJECTIVE_WEIGHTS.ignoredRequest;

/**
 * Evens out a compliant roster grade by grade, keeping coverage as it is: a guardia moves to
 * another resident of the grade, or two guardias of different day types trade hands. The score is
 * the roster objective (spreads and ignored day-off requests) and, to break its plateaus, the sum
 * of squared counts, which falls whenever a count moves towards the mean. Only changes that keep
 * both residents within every rule are taken (giving a guardia away can move a rest day's hours), checked by the independent checker. The
 * search stops in local optima; the solver escapes them by polishing several different starts.
 */
export function balance(instance: RosterInstance, start: readonly Assignment[]): Assignment[] {
  const typeOf = new Map(instance.days.map((d) => [d.date, d.type]));
  const byId = new Map(instance.residents.map((r) => [r.id, r]));
  const out: Assignment[] = [];
  const grades = new Map<number, Assignment[]>();
  for (const a of start) {
    const g = byId.get(a.residentId)?.grade;
    if (g === undefined) out.push(a);
    else grades.set(g, [...(grades.get(g) ?? []), a]);
  }
  for (const [grade, list] of grades) out.push(...balanceGrade(instance, grade, list, typeOf));
  return out;
}

function balanceGrade(instance: RosterInstance, grade: number, list: Assignment[], typeOf: Map<string, string>): Assignment[] {
  const members: Member[] = instance.residents
    .filter((r) => r.grade === grade && instance.days.some((d) => !r.unavailable.includes(d.date)))
    .map((r) => ({ r, own: new Set(), away: new Set(r.unavailable), requests: new Set(r.requestsOff ?? []), c: { t: r.carry?.total ?? 0, w: r.carry?.weekend ?? 0, h: r.carry?.holiday ?? 0 } }));
  const totals: Totals = { ignored: 0, squares: 0, holders: { t: new Map(), w: new Map(), h: new Map() } };
  for (const m of members)
    for (const k of KINDS) {
      totals.squares += WEIGHT[k] * m.c[k] * m.c[k];
      hold(totals, k, m.c[k], 1);
    }
  const index = new Map(members.map((m, i) => [m.r.id, i]));
  const stray: Assignment[] = [];
  for (const a of list) {
    const i = index.get(a.residentId);
    if (i === undefined) stray.push(a);
    else add(members[i] as Member, a.date, typeOf, totals, 1);
  }
  if (members.length < 2) return list;
  // Coverage is untouched by moves within a grade; the per-resident check only needs the personal rules.
  const noCoverage = { weekday: {}, weekend: {}, holiday: {} };
  const minGap = instance.params.minDaysBetween;
  const dayNumber = new Map(instance.days.map((d) => [d.date, dayIndex(d.date)]));
  /** Whether a member's guardias, as they stand, keep every rule (cheap spacing test first). */
  const valid = (m: Member) => {
    const idx = [...m.own].map((d) => dayNumber.get(d) as number).sort((x, y) => x - y);
    for (let i = 1; i < idx.length; i++) if ((idx[i] as number) - (idx[i - 1] as number) - 1 < minGap) return false;
    return checkWithElsewhere({ ...instance, residents: [m.r], coverage: noCoverage }, [...m.own].map((date) => ({ date, residentId: m.r.id }))).every((v) => v.rule === 'coverage');
  };
  const score = (): Score => {
    let primary = REQUEST_WEIGHT * totals.ignored;
    for (const k of KINDS) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const c of totals.holders[k].keys()) {
        if (c < lo) lo = c;
        if (c > hi) hi = c;
      }
      primary += WEIGHT[k] * (hi - lo);
    }
    return { primary, secondary: totals.squares };
  };
  const better = (a: Score, b: Score) => a.primary < b.primary || (a.primary === b.primary && a.secondary < b.secondary);
  const move = (from: Member, to: Member, date: string) => {
    add(from, date, typeOf, totals, -1);
    add(to, date, typeOf, totals, 1);
  };
  const free = (m: Member, date: string) => !m.own.has(date) && !m.away.has(date);
  /** A swap can change the score only when the two days differ in type or in a day-off request. */
  const differs = (a: Member, da: string, b: Member, db: string) => typeOf.get(da) !== typeOf.get(db) || a.requests.has(db) || b.requests.has(da) || a.requests.has(da) || b.requests.has(db);
  /**
   * The first improving change that starts with `a` giving up a guardia: to another resident
   * (a move), or in exchange for one of theirs (a swap). Applied when found; null when none helps.
   */
  const kindsOf = (date: string): Kind[] => (typeOf.get(date) === 'weekend' ? ['t', 'w'] : typeOf.get(date) === 'holiday' ? ['t', 'h'] : ['t']);
  /**
   * Whether handing `da` from a to b could lower the score. A spread falls, or the sum of squares
   * drops, only for a kind where a holds at least two more than b; otherwise only a day-off request
   * of a's can make the move pay. Skipping the rest leaves the search exactly as it was, faster.
   */
  const moveMayHelp = (a: Member, b: Member, da: string) => a.requests.has(da) || kindsOf(da).some((k) => a.c[k] >= b.c[k] + 2);
  /** The same for a swap of da (a's) with db (b's): the totals cancel, the day types and requests may not. */
  const swapMayHelp = (a: Member, da: string, b: Member, db: string) => {
    if (a.requests.has(da) || b.requests.has(db)) return true;
    const give = kindsOf(da);
    const take = kindsOf(db);
    return give.some((k) => !take.includes(k) && a.c[k] >= b.c[k] + 2) || take.some((k) => !give.includes(k) && b.c[k] >= a.c[k] + 2);
  };
  const improve = (s: Score, a: Member): Score | null => {
    for (const da of [...a.own]) {
      for (const b of members) {
        if (b === a || !free(b, da)) continue;
        // Judged on the counts before anything moves.
        const tryMove = moveMayHelp(a, b, da);
        const swaps = [...b.own].filter((db) => db !== da && free(a, db) && differs(a, da, b, db) && swapMayHelp(a, da, b, db));
        if (!tryMove && !swaps.length) continue;
        move(a, b, da);
        if (tryMove) {
          const moved = score();
          if (better(moved, s) && valid(b) && valid(a)) return moved;
        }
        for (const db of swaps) {
          move(b, a, db);
          const swapped = score();
          if (better(swapped, s) && valid(a) && valid(b)) return swapped;
          move(a, b, db);
        }
        move(b, a, da);
      }
    }
    return null;
  };

  // First-improvement descent: sweep the members, taking every improving change, until a sweep finds none.
  let s = score();
  for (let improved = true; improved; ) {
    improved = false;
    for (const a of members) {
      for (let found = improve(s, a); found; found = improve(s, a)) {
        s = found;
        improved = true;
      }
    }
  }
  return [...stray, ...members.flatMap((m) => [...m.own].map((date) => ({ date, residentId: m.r.id })))];
}

/** Gives a member a guardia (sign 1) or takes it away (-1), keeping the grade's running totals. */
function add(m: Member, date: string, typeOf: Map<string, string>, totals: Totals, sign: 1 | -1) {
  if (sign > 0) m.own.add(date);
  else m.own.delete(date);
  const type = typeOf.get(date);
  bump(m, 't', sign, totals);
  if (type === 'weekend') bump(m, 'w', sign, totals);
  if (type === 'holiday') bump(m, 'h', sign, totals);
  if (m.requests.has(date)) totals.ignored += sign;
}

function bump(m: Member, k: Kind, sign: 1 | -1, totals: Totals) {
  // (c ± 1)² − c² = ±2c + 1: the sum of squares follows without a recount.
  totals.squares += WEIGHT[k] * (2 * sign * m.c[k] + 1);
  hold(totals, k, m.c[k], -1);
  m.c[k] += sign;
  hold(totals, k, m.c[k], 1);
}

/** One more (or one fewer) member holding `count` guardias of a kind; counts nobody holds are dropped. */
function hold(totals: Totals, k: Kind, count: number, sign: 1 | -1) {
  const map = totals.holders[k];
  const n = (map.get(count) ?? 0) + sign;
  if (n) map.set(count, n);
  else map.delete(count);
}
