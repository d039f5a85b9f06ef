import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { calendarFeed } from './my-guards-service.ts';

/** The private iCalendar feed: outside /api/v1 because calendar apps carry no session, only the link's token. */
export async function calendarFeedRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/calendar/:file',
    { schema: { tags: ['guards'], summary: 'Calendario privado (.ics) de guardias y rotaciones', params: z.object({ file: z.string().regex(/^[\w-]{20,100}\.ics$/, { message: 'Enlace de calendario inválido.' }) }) }, config: { public: true } },
    async (req, reply) => {
      const body = await calendarFeed(app.db, req.params.file.replace(/\.ics$/, ''));
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    },
  );
}
