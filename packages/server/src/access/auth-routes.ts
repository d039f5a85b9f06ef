import { changePasswordInput, loginInput } from '@sirem/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { unauthenticated } from '../http/errors.ts';
import { SESSION_COOKIE } from '../http/session-plugin.ts';
import { type LockoutPolicy, changePassword, login, logout, me } from './auth-service.ts';
import { SESSION_HOURS } from './sessions.ts';

export type AuthOptions = { lockout: LockoutPolicy; loginRateLimit: { max: number; timeWindow: number } };

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

export async function authRoutes(app: FastifyInstance, options: AuthOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access'];

  r.post(
    '/auth/login',
    {
      schema: { tags, summary: 'Iniciar sesión', body: loginInput },
      config: { public: true, rateLimit: options.loginRateLimit },
    },
    async (request, reply) => {
      const meta = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id };
      const { token, ...session } = await login(app.db, request.body, meta, options.lockout);
      setSessionCookie(request, reply, token);
      return session;
    },
  );

  r.get('/auth/me', { schema: { tags, summary: 'Usuario de la sesión y su token CSRF' }, config: { public: true } }, async (request) => {
    if (!request.actor) throw unauthenticated();
    return me(app.db, request.actor);
  });

  r.post('/auth/logout', { schema: { tags, summary: 'Cerrar sesión' } }, async (request, reply) => {
    await logout(ctxOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.post('/auth/password', { schema: { tags, summary: 'Cambiar la contraseña propia', body: changePasswordInput } }, async (request, reply) => {
    await changePassword(ctxOf(request), request.body);
    return reply.status(204).send();
  });
}
