import type { WeChatConfig } from '../config/config.ts'
import type { Fetch } from './wechat-http.ts'
import { callWeChat } from './wechat-http.ts'

export interface Credential {
  value: string
  expiresInSeconds: number
}

/**
 * The two upstream calls behind every JS-SDK signature. The basic access token
 * comes from `stable_token` without force_refresh: it never invalidates a token
 * another instance (or another system on the same AppID) still uses (protocol.md §2.2).
 */
export function createCredentialsClient(wechat: WeChatConfig, fetch: Fetch) {
  return {
    async stableAccessToken(): Promise<Credential> {
      const res = await callWeChat<{ access_token: string, expires_in: number }>(`${wechat.apiOrigin}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: wechat.appId, secret: wechat.appSecret, force_refresh: false }),
      }, 'cgi-bin/stable_token', { fetch })
      return { value: res.access_token, expiresInSeconds: res.expires_in }
    },
    async jsapiTicket(accessToken: string): Promise<Credential> {
      const q = new URLSearchParams({ access_token: accessToken, type: 'jsapi' })
      const res = await callWeChat<{ ticket: string, expires_in: number }>(`${wechat.apiOrigin}/cgi-bin/ticket/getticket?${q}`, {}, 'cgi-bin/ticket/getticket', { fetch })
      return { value: res.ticket, expiresInSeconds: res.expires_in }
    },
  }
}
export type CredentialsClient = ReturnType<typeof createCredentialsClient>
