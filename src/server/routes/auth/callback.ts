import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { OAuthToken, WeChatUserInfo } from '../../wechat/oauth-client.ts'
import { Type } from '@sinclair/typebox'
import { safeReturnTo } from '../../auth/return-to.ts'
import { readSessionToken } from '../../auth/session-cookie.ts'
import { replaceSession, SESSION_TTL_MS } from '../../db/queries/sessions.ts'
import { upsertUser } from '../../db/queries/users.ts'
import { findVisitor, linkVisitorToUser } from '../../db/queries/visitors.ts'
import { SESSION_COOKIE, VISITOR_COOKIE } from '../../plugins/app/session.ts'
import { perMinute } from '../../plugins/external/rate-limit.ts'
import { httpsAvatarUrl } from '../../wechat/avatar-url.ts'
import { operatorHint, WeChatApiError } from '../../wechat/wechat-error.ts'
import { OAUTH_STATE_COOKIE, RETRY_MARK } from './login.ts'

type FailureReason = 'refused' | 'state_mismatch' | 'code_invalid' | 'upstream' | 'unavailable'

// A used (40163), unknown (40029), expired (42003) or missing (41008) code: a fresh sign-in fixes it.
const CODE_ERRORS = new Set([40029, 40163, 42003, 41008])

/**
 * GET /auth/callback: WeChat sends the person back here with `code` and
 * `state`. Every outcome is a redirect: signed in at returnTo, one automatic
 * retry for recoverable failures, otherwise the SPA's calm error page. Never a
 * 5xx, never a loop.
 */
export const callbackRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { publicOrigin } = app.config

  const fail = (reply: FastifyReply, reason: FailureReason, returnTo: string, isRetry: boolean) => {
    const retryable = reason === 'state_mismatch' || reason === 'code_invalid'
    if (retryable && !isRetry)
      return reply.redirect(`/auth/login?retry=1&returnTo=${encodeURIComponent(returnTo)}`, 302)
    return reply.redirect(`/signin/error?reason=${reason}&returnTo=${encodeURIComponent(returnTo)}`, 302)
  }

  app.get('/auth/callback', {
    config: { rateLimit: perMinute(app.rateLimits.signIn) },
    schema: {
      querystring: Type.Object({
        code: Type.Optional(Type.String({ maxLength: 512 })),
        state: Type.Optional(Type.String({ maxLength: 128 })),
      }),
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    const { code, state } = request.query
    const isRetry = state?.startsWith(RETRY_MARK) ?? false
    const saved = readStateCookie(request.unsignCookie(request.cookies[OAUTH_STATE_COOKIE] ?? ''))
    reply.clearAppCookie(OAUTH_STATE_COOKIE, '/auth')
    const returnTo = safeReturnTo(saved?.r, publicOrigin)

    if (!saved || !state || saved.s !== state) {
      // Back button or a reload onto an old callback URL while already signed in: nothing to do.
      if (await request.currentUser())
        return reply.redirect(returnTo, 302)
      return fail(reply, 'state_mismatch', returnTo, isRetry)
    }
    if (!code)
      return fail(reply, 'refused', returnTo, isRetry)

    let token
    try {
      token = await app.wechat.oauth.exchangeCode(code)
    }
    catch (e) {
      if (e instanceof WeChatApiError && CODE_ERRORS.has(e.errcode)) {
        // WeChat's client sometimes requests the callback twice; the first request already signed in.
        if (await request.currentUser())
          return reply.redirect(returnTo, 302)
        return fail(reply, 'code_invalid', returnTo, isRetry)
      }
      logUpstream(e)
      return fail(reply, 'upstream', returnTo, isRetry)
    }

    let info: WeChatUserInfo | null = null
    if (token.scope.includes('snsapi_userinfo')) {
      try {
        info = await app.wechat.oauth.userInfo(token.access_token, token.openid)
      }
      catch (e) {
        // Signing in still works without the profile; it is filled on the next consent.
        logUpstream(e)
      }
    }
    // The code is spent by now: a database failure must still end on the calm error page
    // (with its retry), never a raw 500 the follower cannot act on.
    try {
      await signIn(request, reply, token, info)
    }
    catch (err) {
      request.log.error({ err }, 'sign-in could not be stored')
      return fail(reply, 'unavailable', returnTo, isRetry)
    }
    return reply.redirect(returnTo, 302)
  })

  async function signIn(request: FastifyRequest, reply: FastifyReply, token: OAuthToken, info: WeChatUserInfo | null) {
    const user = await upsertUser(app.database.db, {
      openid: token.openid,
      unionid: token.unionid ?? info?.unionid ?? null,
      nickname: info?.nickname,
      avatarUrl: httpsAvatarUrl(info?.headimgurl),
      isSnapshot: token.is_snapshotuser === 1,
    })
    const session = await replaceSession(app.database.db, user.id, readSessionToken(request))
    reply.setAppCookie(SESSION_COOKIE, session.token, SESSION_TTL_MS / 1000, '/', true)
    const visitorToken = request.cookies[VISITOR_COOKIE]
    const visitor = visitorToken ? await findVisitor(app.database.db, visitorToken) : null
    // Snapshot identities are virtual: they must not merge into a real visitor's history.
    if (visitor && !user.isSnapshot)
      await linkVisitorToUser(app.database.db, visitor.id, user.id)
  }

  function logUpstream(e: unknown) {
    if (e instanceof WeChatApiError)
      app.log.error({ errcode: e.errcode, errmsg: e.errmsg, api: e.api }, operatorHint(e) ?? 'WeChat OAuth call failed')
    else
      app.log.error({ err: e }, 'WeChat OAuth call failed')
  }
}

function readStateCookie(unsigned: { valid: boolean, value: string | null }): { s: string, r: string } | null {
  if (!unsigned.valid || !unsigned.value)
    return null
  try {
    const v = JSON.parse(unsigned.value) as { s?: unknown, r?: unknown }
    return typeof v.s === 'string' && typeof v.r === 'string' ? { s: v.s, r: v.r } : null
  }
  catch {
    return null
  }
}
