import { formatDate } from '../shared/dates.ts';
import type { ResidentStatus, TransitionKind } from './lifecycle.ts';

export type TransitionDateFacts = {
  fromStatus: ResidentStatus;
  /** The resident's most recent timeline event, if any. */
  latest: { kind: string; occurredOn: string } | null;
  /** The academic cycle the resident is enrolled in now. */
  cycle: { code: string; startsOn: string; endsOn: string };
  /** The cycle a promotion or repetition opens; needed only for those kinds. */
  next?: { code: string; startsOn: string } | null;
};

const LABEL: Record<TransitionKind, string> = {
  inicio: 'el inicio',
  promocion: 'la promoción',
  repeticion: 'la repetición',
  licencia: 'la licencia',
  reintegro: 'el reintegro',
  baja: 'la baja',
  egreso: 'el egreso',
  contratacion: 'la contratación',
  diploma: 'el diploma',
};

/** The last day of February of the year after `endsOn`: the end of the cycle following it. */
function endOfFollowingCycle(endsOn: string) {
  const next = new Date(Date.UTC(Number(endsOn.slice(0, 4)) + 1, 2, 1) - 86_400_000);
  return next.toISOString().slice(0, 10);
}

/**
 * Whether a transition may carry this date. A timeline only moves forward; the annual promotion or
 * repetition happens on 1 March, the first day of the next cycle (DOMAIN §2, §4); what an active
 * resident does (start, leave, graduate, quit) falls inside their current cycle, since after its
 * last day they belong to the next one. A resident on leave stays in their cycle, so their return
 * or baja may come later, but not beyond the end of the following cycle.
 */
export function checkTransitionDate(kind: TransitionKind, occurredOn: string, facts: TransitionDateFacts): { ok: true } | { ok: false; message: string } {
  const { latest, cycle } = facts;
  const what = LABEL[kind];
  if (latest && occurredOn < latest.occurredOn)
    return { ok: false, message: `La fecha de ${what} (${formatDate(occurredOn)}) es anterior al último movimiento del residente (${latest.kind}, ${formatDate(latest.occurredOn)}).` };
  if (kind === 'promocion' || kind === 'repeticion') {
    const opens = facts.next?.startsOn;
    if (opens && occurredOn !== opens)
      return { ok: false, message: `${what[0].toUpperCase()}${what.slice(1)} anual se registra el ${formatDate(opens)}, inicio del ciclo ${facts.next?.code}; la fecha indicada es ${formatDate(occurredOn)}.` };
    return { ok: true };
  }
  if (kind === 'contratacion' || kind === 'diploma') return { ok: true };
  if (occurredOn < cycle.startsOn)
    return { ok: false, message: `La fecha de ${what} (${formatDate(occurredOn)}) es anterior al inicio del ciclo ${cycle.code} (${formatDate(cycle.startsOn)}).` };
  const onLeave = facts.fromStatus === 'licencia';
  const last = onLeave ? endOfFollowingCycle(cycle.endsOn) : cycle.endsOn;
  if (occurredOn > last)
    return {
      ok: false,
      message: onLeave
        ? `La fecha de ${what} (${formatDate(occurredOn)}) es posterior al ${formatDate(last)}, fin del ciclo siguiente al ${cycle.code} en que el residente tomó la licencia.`
        : `La fecha de ${what} (${formatDate(occurredOn)}) es posterior al fin del ciclo ${cycle.code} (${formatDate(cycle.endsOn)}); registre primero la promoción al ciclo siguiente.`,
    };
  return { ok: true };
}
