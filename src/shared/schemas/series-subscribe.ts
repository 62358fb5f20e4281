import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/**
 * `POST /api/series/:id/subscribe`: what the page learnt from `wx-open-subscribe`'s `success`
 * event for the series template (its `subscribeDetails[templateId].status`). Only a hint:
 * the consent itself is what WeChat pushes to the server.
 */
export const SeriesSubscribeBody = Type.Object({
  templateId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\w-]+$' }),
  /** accept as the sheet answered; reject, cancel, ban (blocked) and filter (filtered by WeChat) all mean no. */
  status: Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Literal('cancel'), Type.Literal('ban'), Type.Literal('filter')]),
})
export type SeriesSubscribeBody = Static<typeof SeriesSubscribeBody>

export const SeriesSubscribeResponse = Type.Object({
  seriesId: Type.String(),
  /** The reader asked to be told about this series' next parts. */
  interested: Type.Boolean(),
  /** Whether WeChat's pushed consent has already arrived with a message left to send. */
  consentReceived: Type.Boolean(),
})
export type SeriesSubscribeResponse = Static<typeof SeriesSubscribeResponse>
