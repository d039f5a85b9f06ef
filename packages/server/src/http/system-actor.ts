import type { Db } from '../db/client.ts';
import type { Ctx } from './context.ts';

/** The acting identity for command-line administration; audited as "cli" with no user id. */
export function systemCtx(db: Db): Ctx {
  return {
    db,
    requestId: `cli-${Date.now()}`,
    actor: { userId: 0, username: 'cli', displayName: 'Línea de comandos', grants: [{ role: 'administrador', scopeKind: 'national', ooadId: null, unitId: null, sedeId: null, serviceId: null }], sessionId: '', csrfToken: '' },
  };
}
