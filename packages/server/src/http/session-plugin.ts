import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadSession } from '../access/sessions.ts';
import { hashToken, sameToken } from '../access/tokens.ts';
import { AppError, unauthenticated } from './errors.ts';

export const SESSION_COOKIE = 'sirem_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const WHILE_PASSWORD_CHANGE = new Set(['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout']);

/** A write must come from our own pages: same-origin by the browser's word, and carrying the session's CSRF token. */
function checkOrigin(request: FastifyRequest) {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') throw new AppError(403, 'csrf', 'Solicitud rechazada: proviene de otro sitio.');
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    let host = '';
    try {
      host = new URL(origin).host;
    } catch {}
    if (host !== request.headers.host) throw new AppError(403, 'csrf', 'Solicitud rechazada: proviene de otro sitio.');
  }
}

export function registerSession(app: FastifyInstance): void {
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    request.actor = request.routeOptions.config?.actorFromMemory?.(request, hashToken(token)) ?? (await loadSession(app.db, token));
  });

  // Runs after routing, so the route's config tells whether it is public, and before the body is
  // validated, so a caller without a session (or without the CSRF token) learns nothing from it.
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    if (!SAFE.has(request.method)) checkOrigin(request);
    if (request.routeOptions.config?.public) return;
    if (!request.actor) throw unauthenticated();
    if (request.actor.mustChangePassword && !WHILE_PASSWORD_CHANGE.has(request.routeOptions.url ?? ''))
      throw new AppError(403, 'password_change_required', 'Debe cambiar su contraseña temporal antes de continuar.');
    if (!SAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.actor.csrfToken))
        throw new AppError(403, 'csrf', 'Falta el token de seguridad de la sesión (CSRF). Recargue la página e intente de nuevo.');
    }
  });
}
