import type { Grant } from '@sirem/core';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { unauthenticated } from './errors.ts';

export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  grants: Grant[];
  sessionId: string;
  csrfToken: string;
  /** A temporary password: until it is replaced, only the password change, me and logout answer. */
  mustChangePassword?: boolean;
};

/** What every service function receives: the database (or a transaction), who acts, and the request id. */
export type Ctx = { db: Db; actor: Actor; requestId: string };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    db: Db;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session (login, health, docs). */
    public?: boolean;
    /** Resolves the session from process memory (by its hashed id) before asking the database; null falls back to it. */
    actorFromMemory?: (request: FastifyRequest, sessionId: string) => Actor | null;
  }
}

export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.actor) throw unauthenticated();
  return { db: request.server.db, actor: request.actor, requestId: request.id };
}
