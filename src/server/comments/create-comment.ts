import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/database.ts'
import type { CommentWithAuthor } from '../db/queries/comments.ts'
import type { User } from '../db/queries/users.ts'
import { COMMENT_MAX_CHARS } from '../../shared/schemas/comments.ts'
import { findVisibleArticleMeta } from '../db/queries/articles.ts'
import { authorActivity, findWithAuthor, insertComment, lockAuthor } from '../db/queries/comments.ts'
import { readSettings } from '../db/queries/moderation.ts'
import { ApiError } from '../http/api-error.ts'
import { duplicateKey } from '../moderation/normalize.ts'
import { COMMENT_LIMITS } from './limits.ts'

/** Trims the text and refuses what cannot be a comment (empty, too long). */
function cleanText(raw: string): string {
  // Invisible format characters alone (zero-width spaces…) are no comment either.
  const text = raw.replace(/\r\n?/g, '\n').trim()
  if (text.replace(/[\s\p{Cf}]/gu, '') === '')
    throw new ApiError(400, 'COMMENT_EMPTY', 'Write something first')
  if ([...text].length > COMMENT_MAX_CHARS)
    throw new ApiError(400, 'COMMENT_TOO_LONG', `A comment is at most ${COMMENT_MAX_CHARS} characters`)
  return text
}

async function checkLimits(db: Db, user: User, articleId: string, textKey: string) {
  const now = Date.now()
  const a = await authorActivity(db, user.id, articleId, textKey, { hour: new Date(now - 3600_000), duplicate: new Date(now - COMMENT_LIMITS.duplicateWindowMs) })
  if (a.duplicates > 0)
    throw new ApiError(429, 'COMMENT_DUPLICATE', 'You just posted the same comment; write something new')
  if (a.onArticle >= COMMENT_LIMITS.perArticle)
    throw new ApiError(429, 'COMMENT_LIMIT_ARTICLE', `At most ${COMMENT_LIMITS.perArticle} comments per article; delete one to write another`)
  if (a.inHour >= COMMENT_LIMITS.perHour)
    throw new ApiError(429, 'COMMENT_LIMIT_HOUR', `At most ${COMMENT_LIMITS.perHour} comments an hour; try again later`)
}

/**
 * A follower's new comment: limits first (cheap, and before any paid cloud check), then the
 * automatic check outside any transaction, then limits again and the insert under the
 * author's row lock, so parallel requests cannot slip past them.
 */
export async function createComment(app: FastifyInstance, user: User, articleId: string, rawText: string): Promise<CommentWithAuthor> {
  const { db } = app.database
  if (!await findVisibleArticleMeta(db, articleId, app.clock.date()))
    throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
  const text = cleanText(rawText)
  const textKey = duplicateKey(text)
  await checkLimits(db, user, articleId, textKey)

  const result = await app.moderation.check({ text, kind: 'comment', openid: user.openid })
  const { autoApproveOnPass } = await readSettings(db)
  const status = result.outcome === 'block' ? 'blocked' : result.outcome === 'pass' && autoApproveOnPass ? 'approved' : 'pending'

  const id = await db.transaction(async (tx) => {
    await lockAuthor(tx, user.id)
    await checkLimits(tx, user, articleId, textKey)
    const row = await insertComment(tx, { articleId, userId: user.id, text, textKey, status, checkOutcome: result.outcome, checkReasons: result.reasons })
    return row.id
  })
  return (await findWithAuthor(db, id, user.id))!
}
