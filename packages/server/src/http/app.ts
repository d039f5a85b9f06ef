import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type AuthOptions, authRoutes } from '../access/auth-routes.ts';
import { DEFAULT_LOCKOUT } from '../access/auth-service.ts';
import { userRoutes } from '../access/users-routes.ts';
import { auditRoutes } from '../audit/routes.ts';
import { catalogRoutes } from '../catalog/routes.ts';
import { peopleRoutes } from '../people/routes.ts';
import { reportRoutes } from '../reports/routes.ts';
import { importRoutes } from '../imports/routes.ts';
import { rotationRoutes } from '../rotations/routes.ts';
import { guardRoutes } from '../guards/routes.ts';
import { calendarFeedRoutes } from '../guards/feed-routes.ts';
import { wellbeingRoutes } from '../wellbeing/routes.ts';
import { conductRoutes } from '../wellbeing/conduct-routes.ts';
import { surveyRoutes } from '../surveys/routes.ts';
import { evaluationRoutes } from '../evaluations/routes.ts';
import { tutoringRoutes } from '../evaluations/tutoring-routes.ts';
import { activityRoutes } from '../activity/routes.ts';
import { jornadaRoutes } from '../jornadas/routes.ts';
import type { Database } from '../db/client.ts';
import { registerErrorHandling } from './error-handler.ts';
import { healthRoutes } from './health.ts';
import { registerOpenApi } from './openapi.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerSession } from './session-plugin.ts';
import './context.ts';

export type AppOptions = {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Folder with the built web app; served with a fallback to index.html for client routes. */
  webRoot?: string | null;
  auth?: Partial<AuthOptions>;
  trustProxy?: boolean;
};

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));
const REQUEST_ID = /^[\w.-]{8,64}$/;

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    // Reuse an upstream request id when it is well-formed, so logs join up across proxies.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.decorate('db', options.database.db);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables into a <style> element at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        // Plain-http installations on an intranet must keep working.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app);
  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  const serveWeb = Boolean(webRoot && existsSync(`${webRoot}/index.html`));
  registerErrorHandling(app, { spaFallback: serveWeb });
  registerSession(app);

  const auth: AuthOptions = {
    lockout: options.auth?.lockout ?? DEFAULT_LOCKOUT,
    loginRateLimit: options.auth?.loginRateLimit ?? { max: 30, timeWindow: 60_000 },
  };
  await app.register(healthRoutes, { prefix: '/api', database: options.database });
  await app.register(calendarFeedRoutes, { prefix: '/api' });
  await app.register(
    async (api) => {
      await api.register(authRoutes, auth);
      await api.register(userRoutes);
      await api.register(catalogRoutes);
      await api.register(auditRoutes);
      await api.register(peopleRoutes);
      await api.register(reportRoutes);
      await api.register(importRoutes);
      await api.register(rotationRoutes);
      await api.register(guardRoutes);
      await api.register(wellbeingRoutes);
      await api.register(conductRoutes);
      await api.register(surveyRoutes);
      await api.register(evaluationRoutes);
      await api.register(tutoringRoutes);
      await api.register(activityRoutes);
      await api.register(jornadaRoutes);
    },
    { prefix: '/api/v1' },
  );

  if (serveWeb && webRoot) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  return app;
}
