import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import { CommentReply } from './comments.ts'

export const ModerationOutcome = Type.Union([Type.Literal('pass'), Type.Literal('review'), Type.Literal('block')])

export const CheckReason = Type.Object({
  /** `words` (the account's list) or the cloud provider's name. */
  source: Type.String(),
  level: ModerationOutcome,
  /** The matched word or the provider's label. */
  label: Type.String(),
})

export const CheckResult = Type.Object({ outcome: ModerationOutcome, reasons: Type.Array(CheckReason) })
export type CheckResult = Static<typeof CheckResult>

/** A moderator's name, recorded on claims, decisions and in the audit log. */
const Moderator = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f]+$' })

export const AdminComment = Type.Object({
  id: Type.Integer(),
  articleId: Type.String(),
  userId: Type.Integer(),
  nickname: Type.String(),
  avatarUrl: Type.String(),
  text: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('blocked'), Type.Literal('deleted')]),
  featured: Type.Boolean(),
  likes: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  /** The automatic check and why it said so. */
  check: CheckResult,
  claimedBy: Type.Optional(Type.String()),
  claimedUntil: Type.Optional(Type.String({ format: 'date-time' })),
  decision: Type.Optional(Type.Object({ by: Type.String(), at: Type.String({ format: 'date-time' }), reason: Type.Optional(Type.String()) })),
  reply: Type.Optional(CommentReply),
})
export type AdminComment = Static<typeof AdminComment>

export const AdminCommentQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('blocked'), Type.Literal('deleted')])),
  articleId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })),
  cursor: Type.Optional(Type.String({ maxLength: 16, pattern: '^[0-9]{1,15}$' })),
})
export type AdminCommentQuery = Static<typeof AdminCommentQuery>

export const AdminCommentList = Type.Object({ comments: Type.Array(AdminComment), nextCursor: Type.Optional(Type.String()) })
export type AdminCommentList = Static<typeof AdminCommentList>

export const ClaimBody = Type.Object({ moderator: Moderator, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) })
export type ClaimBody = Static<typeof ClaimBody>

/**
 * approve: shown to everyone · feature: approved and 精选 (listed first) · unfeature ·
 * reject: hidden from everyone but the author (reason required) · delete: gone for everyone.
 */
export const DecideBody = Type.Object({
  action: Type.Union([Type.Literal('approve'), Type.Literal('feature'), Type.Literal('unfeature'), Type.Literal('reject'), Type.Literal('delete')]),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  moderator: Type.Optional(Moderator),
})
export type DecideBody = Static<typeof DecideBody>

export const ReplyBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 1000 }), moderator: Type.Optional(Moderator) })
export type ReplyBody = Static<typeof ReplyBody>

/** The reply is published; `check` is the automatic check of the operator's own text, a warning only. */
export const ReplyResponse = Type.Object({ comment: AdminComment, check: CheckResult })

export const ModerationSettings = Type.Object({ autoApproveOnPass: Type.Boolean() })
export type ModerationSettings = Static<typeof ModerationSettings>

export const WordLevel = Type.Union([Type.Literal('block'), Type.Literal('review')])
export const ModerationWord = Type.Object({ id: Type.Integer(), word: Type.String(), level: WordLevel, createdAt: Type.String({ format: 'date-time' }) })
export type ModerationWord = Static<typeof ModerationWord>
export const ModerationWordList = Type.Object({ words: Type.Array(ModerationWord) })
export const AddWordBody = Type.Object({ word: Type.String({ minLength: 1, maxLength: 50 }), level: Type.Optional(WordLevel) })
export type AddWordBody = Static<typeof AddWordBody>
export const PatchWordBody = Type.Object({ level: WordLevel })
export const WordParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) })

/** Dry run of the pipeline on any text (operators checking a post before publishing). */
export const CheckTextBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 20_000 }), kind: Type.Optional(Type.Union([Type.Literal('post'), Type.Literal('reply'), Type.Literal('other')])) })
