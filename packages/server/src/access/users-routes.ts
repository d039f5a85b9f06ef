import { createUserInput, formatDateTime, idParam, newPassword, updateUserInput } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { allPages } from '../lib/pages.ts';
import { type XlsxColumn, sendXlsx } from '../lib/xlsx.ts';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './users-service.ts';

const userQuery = z.object({ q: z.string().trim().max(100).optional(), cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).optional() });

type UserRow = Awaited<ReturnType<typeof listUsers>>['items'][number];
const userColumns: XlsxColumn<UserRow>[] = [
  { header: 'Usuario', width: 20, value: (u) => u.username },
  { header: 'Nombre', width: 30, value: (u) => u.displayName },
  { header: 'Correo', width: 28, value: (u) => u.email },
  { header: 'Roles', width: 40, value: (u) => u.roles.join(', ') },
  { header: 'Servicio que encabeza', width: 30, value: (u) => u.services.join(', ') || null },
  { header: 'Activo', width: 8, value: (u) => (u.active ? 'Sí' : 'No') },
  { header: 'Último acceso', width: 18, value: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : null) },
];

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access'];
  r.get('/access/users', { schema: { tags, summary: 'Listar usuarios', querystring: userQuery } }, async (req) => listUsers(ctxOf(req), req.query));
  r.get('/access/users/export.xlsx', { schema: { tags, summary: 'Exportar usuarios a Excel', querystring: userQuery } }, async (req, reply) =>
    sendXlsx(reply, 'Usuarios', 'Usuarios', userColumns, allPages((cursor) => listUsers(ctxOf(req), { ...req.query, cursor, limit: 200 }))),
  );
  r.get('/access/users/:id', { schema: { tags, summary: 'Consultar usuario y sus roles', params: idParam } }, async (req) => getUser(ctxOf(req), req.params.id));
  r.post('/access/users', { schema: { tags, summary: 'Crear usuario', body: createUserInput } }, async (req, reply) =>
    reply.status(201).send(await createUser(ctxOf(req), req.body)),
  );
  r.patch('/access/users/:id', { schema: { tags, summary: 'Modificar usuario y roles', params: idParam, body: updateUserInput } }, async (req) =>
    updateUser(ctxOf(req), req.params.id, req.body),
  );
  r.post('/access/users/:id/password-reset', { schema: { tags, summary: 'Asignar contraseña temporal', params: idParam, body: z.object({ password: newPassword }) } }, async (req, reply) => {
    await resetPassword(ctxOf(req), req.params.id, req.body.password);
    return reply.status(204).send();
  });
}
