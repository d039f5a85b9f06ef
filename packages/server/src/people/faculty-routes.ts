import { id, idParam, isoDate } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { endAppointment, facultyAccess } from './appointments-service.ts';
import { listNationalities } from './nationalities-service.ts';

const endInput = z.object({ endsOn: isoDate, version: z.number().int().nonnegative() });

/** Ending appointments, what the actor may do at a sede, and the nationalities the list filters offer. */
export async function facultyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['people'];
  r.post('/people/faculty/:id/end', { schema: { tags, summary: 'Registrar la fecha de término de un nombramiento', params: idParam, body: endInput } }, async (req) =>
    endAppointment(ctxOf(req), req.params.id, req.body),
  );
  r.get('/people/faculty/access', { schema: { tags, summary: 'Si el usuario puede nombrar profesores y asignar tutores en una sede', querystring: z.object({ sedeId: id }) } }, async (req) =>
    facultyAccess(ctxOf(req), req.query.sedeId),
  );
  r.get('/people/nationalities', { schema: { tags, summary: 'Nacionalidades presentes en el padrón (filtro de listas)', querystring: z.object({ of: z.enum(['residents', 'faculty']).default('residents') }) } }, async (req) =>
    listNationalities(ctxOf(req), req.query.of),
  );
}
