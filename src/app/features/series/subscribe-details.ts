import type { SeriesSubscribeBody } from '@shared/schemas/series-subscribe.ts'

/**
 * `wx-open-subscribe`'s success `detail.subscribeDetails` is JSON text mapping each template id to
 * JSON text again: `{"TEMPLATE":"{\"status\":\"accept\"}"}`. True when the reader accepted `templateId`.
 * https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_Open_Tag.html
 */
export function acceptedTemplate(subscribeDetails: string | undefined, templateId: string): boolean {
  return templateStatus(subscribeDetails, templateId) === 'accept'
}

export type SubscribeStatus = SeriesSubscribeBody['status']
const STATUSES: readonly string[] = ['accept', 'reject', 'cancel', 'ban', 'filter']

/** The reader's answer for `templateId` (accept, reject, cancel, ban, filter), or null when unreadable. */
export function templateStatus(subscribeDetails: string | undefined, templateId: string): SubscribeStatus | null {
  if (!subscribeDetails)
    return null
  try {
    const all = JSON.parse(subscribeDetails) as Record<string, unknown>
    const one = all[templateId]
    const status = typeof one === 'string' ? (JSON.parse(one) as { status?: unknown }).status : (one as { status?: unknown } | undefined)?.status
    return typeof status === 'string' && STATUSES.includes(status) ? status as SubscribeStatus : null
  }
  catch {
    return null
  }
}
