import { z } from 'zod';
import { id, isoDate, optionalText, requiredText } from '../shared/schemas.ts';

export const BACKLOG_CATEGORIES = ['consultas', 'cirugias_programadas'] as const;

export const backlogInput = z.object({
  unitId: id,
  service: requiredText('El servicio', 120),
  category: z.enum(BACKLOG_CATEGORIES, { error: 'Categoría: consultas o cirugías programadas.' }),
  takenOn: isoDate,
  waiting: z.number().int().min(0).max(10_000_000),
  /** A correction names the figure it replaces; without it a different figure already stored is refused. */
  replacing: z.number().int().min(0).max(10_000_000).optional(),
});

export const bedsInput = z.object({
  unitId: id,
  takenOn: isoDate,
  ordinaryBeds: z.number().int().min(0).max(100_000),
  reconvertedBeds: z.number().int().min(0).max(100_000),
  note: optionalText('La nota', 200),
  /** A correction names the counts it replaces; without it different counts already stored are refused. */
  replacing: z.object({ ordinaryBeds: z.number().int().min(0).max(100_000), reconvertedBeds: z.number().int().min(0).max(100_000) }).optional(),
});

export const backlogQuery = z.object({ unitId: id.optional(), category: z.enum(BACKLOG_CATEGORIES).optional() });

export type Point = { takenOn: string; waiting: number };

/**
 * The reduction a Jornada accounts for: the waiting list at the last snapshot on or before its
 * first day, minus the one at the first snapshot on or after its last day (units with both).
 */
export function reductionAcross(series: ReadonlyMap<string, readonly Point[]>, startsOn: string, endsOn: string) {
  let before = 0;
  let after = 0;
  let units = 0;
  for (const points of series.values()) {
    const b = [...points].filter((p) => p.takenOn <= startsOn).sort((x, y) => x.takenOn.localeCompare(y.takenOn)).at(-1);
    const a = [...points].filter((p) => p.takenOn >= endsOn).sort((x, y) => x.takenOn.localeCompare(y.takenOn))[0];
    if (!b || !a) continue;
    before += b.waiting;
    after += a.waiting;
    units++;
  }
  return { before, after, reduction: before - after, units };
}
