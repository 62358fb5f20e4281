import type { Db } from '../db/database.ts'
import { auditLog } from '../db/schema.ts'

/** Who acted: the admin bearer token today, an operator account once the console has sign-in. */
export interface AuditActor {
  actor: string
  /** The client address as Fastify resolved it (honours TRUST_PROXY). */
  ip: string | null
}

export interface AuditEntry {
  /** Dotted verb, e.g. `order.refund`, `product.update`, `comment.approve`, `post.publish`. */
  action: string
  targetType: string
  targetId: string
  /** What changed; never secrets or personal data beyond ids. */
  details?: Record<string, unknown>
}

/**
 * Appends one operator action to the audit log. Call it with the same `db` (or transaction)
 * that made the change, so the record and the change commit or roll back together.
 */
export async function recordAudit(db: Db, who: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actor: who.actor,
    ip: who.ip,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
  })
}
