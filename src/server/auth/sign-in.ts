// Signing in from WeChat's OAuth callback: exchange the code, store the person, open a session.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.ts'
import type { OAuthClient, WeChatUserInfo } from '../wechat/oauth-client.ts'
import { replaceSession } from '../db/queries/sessions.ts'
import { upsertUser } from '../db/queries/users.ts'
import { findVisitor, linkVisitorToUser } from '../db/queries/visitors.ts'
import { httpsAvatarUrl } from '../wechat/avatar-url.ts'
import { operatorHint, WeChatApiError } from '../wechat/wechat-error.ts'

export interface SignInDeps {
  db: Db
  oauth: OAuthClient
  log: FastifyBaseLogger
}

/** What the browser brought along: its current session (replaced) and its anonymous visitor id (linked). */
export interface SignInCookies {
  sessionToken: string | null
  visitorToken: string | undefined
}

export type SignInResult
  = | { ok: true, sessionToken: string }
  /** code_invalid: spent, unknown or expired code; upstream: WeChat failed; unavailable: the database did. */
    | { ok: false, reason: 'code_invalid' | 'upstream' | 'unavailable' }

// A used (40163), unknown (40029), expired (42003) or missing (41008) code: a fresh sign-in fixes it.
const CODE_ERRORS = new Set([40029, 40163, 42003, 41008])

/** Never throws: every failure is a reason the callback turns into a redirect. */
export async function signInWithCode(deps: SignInDeps, code: string, cookies: SignInCookies): Promise<SignInResult> {
  let token
  try {
    token = await deps.oauth.exchangeCode(code)
  }
  catch (e) {
    if (e instanceof WeChatApiError && CODE_ERRORS.has(e.errcode))
      return { ok: false, reason: 'code_invalid' }
    logUpstream(deps.log, e)
    return { ok: false, reason: 'upstream' }
  }

  let info: WeChatUserInfo | null = null
  if (token.scope.includes('snsapi_userinfo')) {
    try {
      info = await deps.oauth.userInfo(token.access_token, token.openid)
    }
    catch (e) {
      // Signing in still works without the profile; it is filled on the next consent.
      logUpstream(deps.log, e)
    }
  }
  // The code is spent by now: a database failure must still end on the calm error page
  // (with its retry), never a raw 500 the follower cannot act on.
  try {
    const user = await upsertUser(deps.db, {
      openid: token.openid,
      unionid: token.unionid ?? info?.unionid ?? null,
      nickname: info?.nickname,
      avatarUrl: httpsAvatarUrl(info?.headimgurl),
      isSnapshot: token.is_snapshotuser === 1,
    })
    const session = await replaceSession(deps.db, user.id, cookies.sessionToken)
    const visitor = cookies.visitorToken ? await findVisitor(deps.db, cookies.visitorToken) : null
    // Snapshot identities are virtual: they must not merge into a real visitor's history.
    if (visitor && !user.isSnapshot)
      await linkVisitorToUser(deps.db, visitor.id, user.id)
    return { ok: true, sessionToken: session.token }
  }
  catch (err) {
    deps.log.error({ err }, 'sign-in could not be stored')
    return { ok: false, reason: 'unavailable' }
  }
}

function logUpstream(log: FastifyBaseLogger, e: unknown) {
  if (e instanceof WeChatApiError)
    log.error({ errcode: e.errcode, errmsg: e.errmsg, api: e.api }, operatorHint(e) ?? 'WeChat OAuth call failed')
  else
    log.error({ err: e }, 'WeChat OAuth call failed')
}
