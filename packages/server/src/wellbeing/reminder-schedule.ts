import type { FastifyInstance } from 'fastify';
import { sendScreeningReminders } from './reminders-service.ts';

const SIX_HOURS = 6 * 60 * 60 * 1000;

/**
 * The same timer as the action-plan reminders: a first pass a minute after start, then every six
 * hours, on every instance; the reminder row makes each one go out once whichever instance runs.
 */
export function scheduleScreeningReminders(app: FastifyInstance) {
  const timers: NodeJS.Timeout[] = [];
  const remind = () => void sendScreeningReminders(app.db, new Date().toISOString().slice(0, 10)).catch((e) => app.log.error(e, 'screening reminders'));
  app.addHook('onReady', async () => {
    timers.push(setTimeout(remind, 60_000).unref(), setInterval(remind, SIX_HOURS).unref());
  });
  app.addHook('onClose', async () => timers.forEach((t) => clearTimeout(t)));
}
