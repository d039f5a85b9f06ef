import { idParam, isoDate, type ListQuery, versioned } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { sendXlsx } from '../lib/xlsx.ts';
import { createRow, deactivateRow, deleteRow, exportPages, getRow, listRows, updateRow } from './crud-service.ts';
import type { Resource } from './resource.ts';

const deactivateInput = z.object({ validTo: isoDate.nullish() }).extend(versioned.shape);

/** The seven routes every editable catalogue table offers; each handler validates, calls one service, returns. */
export function resourceRoutes<I, Q extends ListQuery>(
  app: FastifyInstance,
  path: string,
  resource: Resource<I, Q>,
  schemas: { input: z.ZodType<I>; query: z.ZodType<Q>; tag: string; noun: string },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [schemas.tag];
  const one = `${path}/:id`;
  const update = schemas.input.and(versioned);

  r.get(path, { schema: { tags, summary: `Listar ${schemas.noun}`, querystring: schemas.query } }, async (req) =>
    listRows(resource, ctxOf(req), req.query as Q),
  );
  r.get(`${path}/export.xlsx`, { schema: { tags, summary: `Exportar ${schemas.noun} a Excel`, querystring: schemas.query } }, async (req, reply) =>
    sendXlsx(reply, resource.exportName, resource.exportName, resource.exportColumns, exportPages(resource, ctxOf(req), req.query as Q)),
  );
  r.get(one, { schema: { tags, summary: `Consultar ${schemas.noun}`, params: idParam } }, async (req) =>
    getRow(resource, ctxOf(req), req.params.id),
  );
  r.post(path, { schema: { tags, summary: `Crear ${schemas.noun}`, body: schemas.input } }, async (req, reply) =>
    reply.status(201).send(await createRow(resource, ctxOf(req), req.body as I)),
  );
  r.patch(one, { schema: { tags, summary: `Modificar ${schemas.noun}`, params: idParam, body: update } }, async (req) =>
    updateRow(resource, ctxOf(req), req.params.id, req.body as I, (req.body as { version: number }).version),
  );
  r.post(`${one}/deactivate`, { schema: { tags, summary: `Desactivar ${schemas.noun}`, params: idParam, body: deactivateInput } }, async (req) =>
    deactivateRow(resource, ctxOf(req), req.params.id, req.body.version, req.body.validTo ?? null),
  );
  r.delete(one, { schema: { tags, summary: `Eliminar ${schemas.noun} sin referencias`, params: idParam } }, async (req, reply) => {
    await deleteRow(resource, ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
}
