import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/** `PUT /api/articles/:id/progress` (signed in) → 204. The SPA batches: at most one write every few seconds, plus one on leaving. */
export const ProgressBody = Type.Object({
  /** The block the reader's viewport is in (index into the article's `blocks`). */
  blockIndex: Type.Integer({ minimum: 0, maximum: 10_000 }),
  /** How far through the whole post, 0–100. */
  depthPct: Type.Number({ minimum: 0, maximum: 100 }),
  /** Position in the audio or video the reader last played, in milliseconds. */
  mediaPositionMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 3600 * 1000 })),
}, { additionalProperties: false })
export type ProgressBody = Static<typeof ProgressBody>

/** Where a reader stopped, as the article, list and series views report it. */
export const ReadingProgress = Type.Object({
  blockIndex: Type.Integer(),
  depthPct: Type.Number(),
  mediaPositionMs: Type.Optional(Type.Integer()),
  /** Read to the end (depth ≥ 95%) at least once. */
  finished: Type.Boolean(),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type ReadingProgress = Static<typeof ReadingProgress>
