import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/** The query parameter shared links carry to say who shared them. */
export const SHARER_PARAM = 'sh'

export const ShareVisitBody = Type.Object({
  /** The page path that was opened, without the origin (e.g. `/polls/weekly`). */
  path: Type.String({ minLength: 1, maxLength: 512, pattern: '^/' }),
  /** The sharer code from the link's `sh` parameter, when the page was opened from a share. */
  sharer: Type.Optional(Type.String({ minLength: 4, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' })),
})
export type ShareVisitBody = Static<typeof ShareVisitBody>

export const ShareVisitResponse = Type.Object({
  /** This visitor's own code, to put in the links they share; empty when none was given (snapshot mode, bare API calls). */
  shareCode: Type.String(),
  /** Whether an open through someone's share was recorded. */
  attributed: Type.Boolean(),
})
export type ShareVisitResponse = Static<typeof ShareVisitResponse>
