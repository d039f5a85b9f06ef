import { formatDate, id } from '@sirem/core';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/record.ts';
import { academicCycles, courses, sedes, specialties, units } from '../db/schema/catalog.ts';
import { evaluations, evaluationTemplates } from '../db/schema/evaluations.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Ctx } from '../http/context.ts';
import { sendPdf } from '../lib/pdf.ts';
import { managesSede, residentOf } from './access.ts';

export const boletaQuery = z.object({ residentId: id, cycleId: id, period: z.coerce.number().int().min(1).max(4).optional() });
const KIND: Record<string, string> = { profesor: 'Profesor', autoevaluacion: 'Autoevaluación', enfermeria: 'Enfermería', par: 'Par' };

/** The grade report (boleta) of a resident for a cycle, or one quarter of it, as PDF; only submitted evaluations count. */
export async function boletaPdf(ctx: Ctx, reply: FastifyReply, q: z.infer<typeof boletaQuery>) {
  const resident = await residentOf(ctx.db, q.residentId);
  if (resident.userId !== ctx.actor.userId && !(await managesSede(ctx, resident.sedeId))) throw forbidden('La boleta la consultan el residente y la dirección o coordinación de su sede.');
  const [cycle] = await ctx.db.select().from(academicCycles).where(eq(academicCycles.id, q.cycleId));
  if (!cycle) throw badRequest('El ciclo no existe.', [{ field: 'cycleId', message: 'Elija un ciclo existente.' }]);
  const [place] = await ctx.db.select({ unit: units.name, specialty: specialties.name }).from(sedes).innerJoin(units, eq(units.id, sedes.unitId)).innerJoin(courses, eq(courses.id, sedes.courseId)).innerJoin(specialties, eq(specialties.id, courses.specialtyId)).where(eq(sedes.id, resident.sedeId));
  const rows = await ctx.db.select({ period: evaluations.period, kind: evaluations.evaluatorKind, grade: evaluations.grade, status: evaluations.status, template: evaluationTemplates.name, endsOn: evaluations.periodEndsOn })
    .from(evaluations).innerJoin(evaluationTemplates, eq(evaluationTemplates.id, evaluations.templateId))
    .where(and(eq(evaluations.residentId, q.residentId), eq(evaluations.cycleId, q.cycleId), inArray(evaluations.status, ['enviada', 'reconocida']), q.period ? eq(evaluations.period, q.period) : undefined))
    .orderBy(asc(evaluations.period), asc(evaluations.id));
  const mean = (p: number) => {
    const g = rows.filter((r) => r.period === p && r.kind === 'profesor').map((r) => Number(r.grade));
    return g.length ? (g.reduce((s, x) => s + x, 0) / g.length).toFixed(1) : '—';
  };
  const periods = q.period ? [q.period] : [1, 2, 3, 4];
  await recordAudit(ctx.db, ctx, { action: 'export', entity: 'boleta', entityId: q.residentId, after: { cycleId: q.cycleId, period: q.period ?? null } });
  return sendPdf(reply, `boleta-${cycle.code}-${q.residentId}${q.period ? `-T${q.period}` : ''}`, {
    content: [
      { text: 'Boleta de calificaciones', fontSize: 14, bold: true },
      { text: `${resident.name} ${resident.surname} · ${place?.specialty ?? ''} · ${place?.unit ?? ''}`, margin: [0, 4, 0, 0] },
      { text: `Ciclo académico ${cycle.code}`, margin: [0, 0, 0, 8] },
      { table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto', 'auto'], body: [['Trimestre', 'Instrumento', 'Evaluador', 'Calificación (0–100)', 'Enterado'], ...rows.map((r) => [String(r.period), r.template, KIND[r.kind] ?? r.kind, String(r.grade ?? '—'), r.status === 'reconocida' ? 'Sí' : 'No'])] } },
      { text: 'Promedio de profesores por trimestre', bold: true, margin: [0, 10, 0, 4] },
      { table: { body: [periods.map((p) => `T${p}`), periods.map((p) => mean(p))] } },
      { text: `Emitida el ${formatDate(new Date())}`, fontSize: 7, margin: [0, 12, 0, 0] },
    ],
  });
}
