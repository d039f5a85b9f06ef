import { behindQuery, requirementsQuery } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { sendXlsx } from '../lib/xlsx.ts';
import { residentProgress, sedeBehind } from './progress-service.ts';


/** Minimum counts as data: a resident's progress and the sede's list of who is behind. */
export async function progressRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activity'];
  r.get('/activity/progress', { schema: { tags, summary: 'Avance del residente contra los mínimos de su especialidad y grado', querystring: requirementsQuery } }, async (req) => residentProgress(ctxOf(req), req.query.residentId));
  r.get('/activity/behind', { schema: { tags, summary: 'Residentes de una sede por debajo de lo esperado a la fecha', querystring: behindQuery } }, async (req) => sedeBehind(ctxOf(req), req.query.sedeId));
  r.get('/activity/behind/export.xlsx', { schema: { tags, summary: 'Residentes rezagados de una sede, en Excel', querystring: behindQuery } }, async (req, reply) => {
    const { residents } = await sedeBehind(ctxOf(req), req.query.sedeId);
    const rows = residents.flatMap((p) => p.behind.map((b) => ({ p, b })));
    return sendXlsx(reply, 'Residentes-rezagados', 'Rezago', [
      { header: 'Residente', width: 36, value: (x: (typeof rows)[number]) => x.p.fullName },
      { header: 'Grado', width: 8, value: (x) => `R${x.p.grade}` },
      { header: 'Grupo', width: 28, value: (x) => x.b.group },
      { header: 'Esperado a la fecha', width: 18, value: (x) => x.b.expected },
      { header: 'Verificado', width: 12, value: (x) => x.b.done },
      { header: 'Faltan', width: 10, value: (x) => x.b.missing },
    ], (async function* () { yield rows; })());
  });
}
