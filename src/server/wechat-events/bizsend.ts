// POST /cgi-bin/message/subscribe/bizsend: sends one 服务号订阅通知 (docs/wechat-protocol.md §10.5).
import type { TemplateData } from '../db/tables/wechat-events.ts'
import type { Fetch } from '../wechat/wechat-http.ts'
import { callWeChat } from '../wechat/wechat-http.ts'

export interface SubscribeMessage {
  touser: string
  template_id: string
  /** For an Official Account, the URL the notice opens. */
  page: string
  data: TemplateData
}

export function createBizsendClient(apiOrigin: string, fetch: Fetch) {
  return async (accessToken: string, message: SubscribeMessage): Promise<void> => {
    const q = new URLSearchParams({ access_token: accessToken })
    await callWeChat(`${apiOrigin}/cgi-bin/message/subscribe/bizsend?${q}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    }, 'cgi-bin/message/subscribe/bizsend', { fetch })
  }
}
export type BizsendClient = ReturnType<typeof createBizsendClient>
