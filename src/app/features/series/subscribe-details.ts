/**
 * `wx-open-subscribe`'s success `detail.subscribeDetails` is JSON text mapping each template id to
 * JSON text again: `{"TEMPLATE":"{\"status\":\"accept\"}"}`. True when the reader accepted `templateId`.
 * https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_Open_Tag.html
 */
export function acceptedTemplate(subscribeDetails: string | undefined, templateId: string): boolean {
  if (!subscribeDetails)
    return false
  try {
    const all = JSON.parse(subscribeDetails) as Record<string, unknown>
    const one = all[templateId]
    const status = typeof one === 'string' ? (JSON.parse(one) as { status?: unknown }).status : (one as { status?: unknown } | undefined)?.status
    return status === 'accept'
  }
  catch {
    return false
  }
}
