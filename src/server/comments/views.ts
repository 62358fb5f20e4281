import type { CommentView } from '../../shared/schemas/comments.ts'
import type { AdminComment, CheckResult } from '../../shared/schemas/moderation.ts'
import type { CommentWithAuthor } from '../db/queries/comments.ts'

/**
 * A comment as one reader sees it. Only the author learns its review status; nothing about
 * the automatic check (matched words, provider labels) ever reaches a reader.
 */
export function commentView(c: CommentWithAuthor, viewerId: number | null): CommentView {
  const mine = viewerId !== null && c.userId === viewerId
  const view: CommentView = {
    id: c.id,
    nickname: c.nickname || '微信用户',
    avatarUrl: c.avatarUrl,
    text: c.text,
    likes: c.likes,
    likedByMe: c.likedByMe,
    createdAt: c.createdAt.toISOString(),
    mine,
    featured: c.featured,
  }
  if (c.replyText !== null && c.replyAt && c.status === 'approved')
    view.reply = { text: c.replyText, at: c.replyAt.toISOString() }
  if (mine && c.status !== 'deleted')
    view.status = c.status
  return view
}

export function adminCommentView(c: CommentWithAuthor): AdminComment {
  const view: AdminComment = {
    id: c.id,
    articleId: c.articleId,
    userId: c.userId,
    nickname: c.nickname,
    avatarUrl: c.avatarUrl,
    text: c.text,
    status: c.status,
    featured: c.featured,
    likes: c.likes,
    createdAt: c.createdAt.toISOString(),
    check: { outcome: c.checkOutcome, reasons: c.checkReasons as CheckResult['reasons'] },
  }
  if (c.claimedBy && c.claimedUntil) {
    view.claimedBy = c.claimedBy
    view.claimedUntil = c.claimedUntil.toISOString()
  }
  if (c.decidedBy && c.decidedAt)
    view.decision = { by: c.decidedBy, at: c.decidedAt.toISOString(), ...(c.decisionReason ? { reason: c.decisionReason } : {}) }
  if (c.replyText !== null && c.replyAt)
    view.reply = { text: c.replyText, at: c.replyAt.toISOString() }
  return view
}

/** `1.123`: after the featured comment 123; `0.45`: after the ordinary comment 45. */
export function encodeCursor(c: { featured: boolean, id: number }): string {
  return `${c.featured ? 1 : 0}.${c.id}`
}

export function decodeCursor(s: string | undefined): { featured: boolean, id: number } | null {
  const m = s ? /^([01])\.(\d{1,15})$/.exec(s) : null
  return m ? { featured: m[1] === '1', id: Number(m[2]) } : null
}
