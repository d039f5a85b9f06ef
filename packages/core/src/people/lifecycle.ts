/**
 * A resident's lifecycle as explicit transitions (DOMAIN §4): alta → activo; each 1 March a
 * promotion or a repetition; licencia and its return; baja with a reason; egreso from the last
 * grade; contratación recorded after egreso; the diploma number when it arrives after the egreso.
 * Anything not listed here is refused.
 */
export const RESIDENT_STATUSES = ['alta', 'activo', 'licencia', 'baja', 'egresado'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

export const BAJA_REASONS = ['renuncia', 'rescision', 'defuncion', 'otra'] as const;
export type BajaReason = (typeof BAJA_REASONS)[number];

export const TRANSITIONS = {
  inicio: { from: ['alta'], to: 'activo' },
  promocion: { from: ['activo'], to: 'activo' },
  repeticion: { from: ['activo'], to: 'activo' },
  licencia: { from: ['activo'], to: 'licencia' },
  reintegro: { from: ['licencia'], to: 'activo' },
  baja: { from: ['alta', 'activo', 'licencia'], to: 'baja' },
  egreso: { from: ['activo'], to: 'egresado' },
  contratacion: { from: ['egresado'], to: 'egresado' },
  diploma: { from: ['egresado'], to: 'egresado' },
} as const satisfies Record<string, { from: readonly ResidentStatus[]; to: ResidentStatus }>;
export type TransitionKind = keyof typeof TRANSITIONS;

const STATUS_LABEL: Record<ResidentStatus, string> = {
  alta: 'dado de alta (sin iniciar)',
  activo: 'activo',
  licencia: 'con licencia',
  baja: 'dado de baja',
  egresado: 'egresado',
};

export type TransitionCheck = { ok: true; to: ResidentStatus; grade: number } | { ok: false; message: string };

/** Decides whether a transition applies to a resident, and the grade that results. */
export function checkTransition(kind: TransitionKind, resident: { status: ResidentStatus; grade: number }, durationYears: number): TransitionCheck {
  const rule = TRANSITIONS[kind];
  if (!(rule.from as readonly ResidentStatus[]).includes(resident.status))
    return { ok: false, message: `No se puede registrar "${kind}" a un residente ${STATUS_LABEL[resident.status]}.` };
  if (kind === 'promocion' && resident.grade >= durationYears)
    return { ok: false, message: `El residente ya cursa el último grado (R${resident.grade}); corresponde el egreso, no la promoción.` };
  if (kind === 'egreso' && resident.grade < durationYears)
    return { ok: false, message: `Solo egresa quien cursa el último grado (R${durationYears}); el residente cursa R${resident.grade}.` };
  return { ok: true, to: rule.to, grade: kind === 'promocion' ? resident.grade + 1 : resident.grade };
}

export type PromotionOutcome = 'promueve' | 'repite' | 'egresa' | 'sin_cambio';

/**
 * The annual 1 March decision for one resident in a bulk promotion preview: the last grade
 * graduates, a resident marked to repeat repeats, everyone else active moves up one grade.
 */
export function promotionOutcome(resident: { status: ResidentStatus; grade: number; repeat?: boolean }, durationYears: number): PromotionOutcome {
  if (resident.status !== 'activo') return 'sin_cambio';
  if (resident.repeat) return 'repite';
  return resident.grade >= durationYears ? 'egresa' : 'promueve';
}
