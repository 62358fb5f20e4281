import type { WeChatConfig } from '../config/config.ts'
import type { Fetch } from './wechat-http.ts'
import { callWeChat } from './wechat-http.ts'

// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
// (protocol.md §1)

/**
 * WeChat matches the authorize URL with a strict pattern: the parameters must
 * come in exactly this order and end with `#wechat_redirect`, or the page fails.
 */
export function buildAuthorizeUrl(wechat: Pick<WeChatConfig, 'appId' | 'oauthOrigin' | 'oauthScope'>, redirectUri: string, state: string): string {
  return `${wechat.oauthOrigin}/connect/oauth2/authorize`
    + `?appid=${wechat.appId}`
    + `&redirect_uri=${encodeURIComponent(redirectUri)}`
    + `&response_type=code`
    + `&scope=${wechat.oauthScope}`
    + `&state=${state}`
    + `#wechat_redirect`
}

export interface OAuthToken {
  access_token: string
  expires_in: number
  refresh_token: string
  openid: string
  scope: string
  /** Present (as 1) only for snapshot-mode virtual users. */
  is_snapshotuser?: number
  unionid?: string
}

export interface WeChatUserInfo {
  openid: string
  nickname: string
  headimgurl: string
  unionid?: string
}

export function createOAuthClient(wechat: WeChatConfig, fetch: Fetch) {
  return {
    /** Codes are single-use and live 5 minutes: exchange each exactly once (40163 otherwise). */
    exchangeCode(code: string): Promise<OAuthToken> {
      const q = new URLSearchParams({ appid: wechat.appId, secret: wechat.appSecret, code, grant_type: 'authorization_code' })
      return callWeChat<OAuthToken>(`${wechat.apiOrigin}/sns/oauth2/access_token?${q}`, {}, 'sns/oauth2/access_token', { fetch })
    },
    /** Needs an snsapi_userinfo token; gender and region are no longer returned (2021). */
    userInfo(accessToken: string, openid: string): Promise<WeChatUserInfo> {
      const q = new URLSearchParams({ access_token: accessToken, openid, lang: 'zh_CN' })
      return callWeChat<WeChatUserInfo>(`${wechat.apiOrigin}/sns/userinfo?${q}`, {}, 'sns/userinfo', { fetch })
    },
  }
}
export type OAuthClient = ReturnType<typeof createOAuthClient>
