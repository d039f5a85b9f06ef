import { z } from 'zod';
import { ACTIVITY_KINDS } from '../activity/kinds.ts';
import { id, isoDate, optionalText, versioned } from '../shared/schemas.ts';

const category = z.enum(ACTIVITY_KINDS, { error: 'Categoría no reconocida.' });

export const jornadaInput = z
  .object({
    number: z.number({ error: 'Indique el número de la Jornada.' }).int().min(1).max(999),
    name: optionalText('El nombre', 160),
    startsOn: isoDate,
    endsOn: isoDate,
    ooadIds: z.array(id).max(60),
    umaeIds: z.array(id).max(60),
    categories: z.array(category).min(1, { message: 'Elija al menos una categoría.' }),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'La fecha final no puede ser anterior a la inicial.' })
  .refine((v) => v.ooadIds.length + v.umaeIds.length > 0, { path: ['ooadIds'], message: 'Elija al menos una OOAD o UMAE participante.' });
export type JornadaInput = z.infer<typeof jornadaInput>;

export const planRow = z.object({ unitId: id, category, planned: z.number().int().min(0).max(1_000_000) });
/** The plan carries the Jornada's version: every plan change bumps it, so a stale plan is refused. */
export const jornadaPlanInput = versioned.extend({ rows: z.array(planRow).min(1).max(5000) });
export const planUploadQuery = z.object({ version: z.coerce.number({ error: 'Falta la versión de la Jornada.' }).int().nonnegative() });
export type PlanRow = z.infer<typeof planRow>;

/** Work done by the unit's own staff during a Jornada, entered as a daily count. */
export const aggregateInput = z.object({
  unitId: id,
  day: isoDate,
  category,
  count: z.number().int().min(0).max(1_000_000),
  note: optionalText('La nota', 200),
  /** The version of the entry being replaced; without it the entry must not exist yet (or be identical). */
  version: z.number().int().nonnegative().optional(),
});
export type AggregateInput = z.infer<typeof aggregateInput>;
