import type { FastifyRequest } from 'fastify'
import type { AuditActor } from '../audit/audit-log.ts'

/**
 * Operators share the admin token today, so the moderator names themselves in the request;
 * the audit log records both (the token as the actor, the name in the details).
 */
export function adminActor(request: FastifyRequest): AuditActor {
  return { actor: 'admin-token', ip: request.ip }
}

export const DEFAULT_MODERATOR = 'operator'
