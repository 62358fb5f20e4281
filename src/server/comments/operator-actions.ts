import type { FastifyInstance } from 'fastify'
import type { DecideBody } from '../../shared/schemas/moderation.ts'
import type { AuditActor } from '../audit/audit-log.ts'
import type { Decision } from '../db/queries/comment-queue.ts'
import type { CommentRow } from '../db/queries/comments.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { applyDecision, claimItems, findForOperator, setReply } from '../db/queries/comment-queue.ts'
import { findComment } from '../db/queries/comments.ts'
import { ApiError, notFound } from '../http/api-error.ts'

const DECISIONS: Record<DecideBody['action'], Omit<Decision, 'moderator' | 'reason'>> = {
  approve: { status: 'approved' },
  feature: { status: 'approved', featured: true },
  unfeature: { featured: false },
  reject: { status: 'rejected', featured: false },
  delete: { status: 'deleted', featured: false },
}

/** Why a change did not apply: the item is gone, or another moderator holds it. */
async function refusal(app: FastifyInstance, id: number): Promise<ApiError> {
  const row = await findComment(app.database.db, id)
  if (!row || row.status === 'deleted')
    return notFound('Comment')
  return new ApiError(409, 'CLAIMED_BY_OTHER', `${row.claimedBy} is handling this comment until ${row.claimedUntil?.toISOString()}; pick another`)
}

/** One moderator decision, recorded in the audit log in the same transaction as the change. */
export async function decide(app: FastifyInstance, who: AuditActor, id: number, body: DecideBody, moderator: string): Promise<CommentRow> {
  if (body.action === 'reject' && !body.reason)
    throw new ApiError(400, 'REASON_REQUIRED', 'Say why the comment is rejected (reason)')
  const now = new Date()
  const row = await app.database.db.transaction(async (tx) => {
    const before = await findComment(tx, id)
    const updated = await applyDecision(tx, id, { ...DECISIONS[body.action], moderator, reason: body.reason ?? null }, now)
    if (updated) {
      await recordAudit(tx, who, {
        action: `comment.${body.action}`,
        targetType: 'comment',
        targetId: String(id),
        details: { moderator, reason: body.reason ?? null, from: before?.status, to: updated.status, featured: updated.featured, check: updated.checkOutcome },
      })
    }
    return updated
  })
  if (!row)
    throw await refusal(app, id)
  return row
}

/**
 * The account's reply under a comment. The operator's own text goes through the same check,
 * as a warning: it is published either way and the result is returned for the console to show.
 */
export async function reply(app: FastifyInstance, who: AuditActor, id: number, text: string | null, moderator: string) {
  const check = text === null ? { outcome: 'pass' as const, reasons: [] } : await app.moderation.check({ text, kind: 'reply' })
  const row = await app.database.db.transaction(async (tx) => {
    const updated = await setReply(tx, id, text, moderator, new Date())
    if (updated) {
      await recordAudit(tx, who, {
        action: text === null ? 'comment.reply.delete' : 'comment.reply',
        targetType: 'comment',
        targetId: String(id),
        details: { moderator, check: check.outcome, reasons: check.reasons },
      })
    }
    return updated
  })
  if (!row)
    throw await refusal(app, id)
  return { comment: (await findForOperator(app.database.db, id))!, check }
}

/** Claims queue items for one moderator; the claim is an operator action, so it is audited too. */
export async function claim(app: FastifyInstance, who: AuditActor, moderator: string, limit: number) {
  const ids = await app.database.db.transaction(async (tx) => {
    const claimed = await claimItems(tx, moderator, limit, new Date())
    if (claimed.length > 0)
      await recordAudit(tx, who, { action: 'comment.claim', targetType: 'comment', targetId: claimed.join(','), details: { moderator, ids: claimed } })
    return claimed
  })
  return ids
}
