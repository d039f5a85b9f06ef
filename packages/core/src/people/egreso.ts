/**
 * Why a resident cannot graduate yet, or null when they can: egreso requires an approved thesis.
 * The bulk promotion shows this reason in its preview; the single egreso refuses with it.
 */
export function egresoThesisProblem(thesisStatus: string | null): string | null {
  if (thesisStatus === 'aprobada') return null;
  return thesisStatus
    ? `La tesis está en estado "${thesisStatus.replace('_', ' ')}"; debe estar aprobada antes del egreso.`
    : 'Para el egreso se requiere la tesis aprobada; regístrela en el seguimiento de tesis del residente.';
}

export const DIPLOMA_PENDING = 'Número de diploma pendiente: regístrelo después como movimiento "diploma" en el expediente del residente.';
