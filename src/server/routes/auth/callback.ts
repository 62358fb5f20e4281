import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from '@sinclair/typebox'
import { safeReturnTo } from '../../auth/return-to.ts'
import { readSessionToken } from '../../auth/session-cookie.ts'
import { signInWithCode } from '../../auth/sign-in.ts'
import { SESSION_TTL_MS } from '../../db/queries/sessions.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { SESSION_COOKIE, VISITOR_COOKIE } from '../../plugins/app/session.ts'
import { perMinute } from '../../plugins/external/rate-limit.ts'
import { OAUTH_STATE_COOKIE, RETRY_MARK } from './login.ts'

type FailureReason = 'refused' | 'state_mismatch' | 'code_invalid' | 'upstream' | 'unavailable'

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
    config: { cacheControl: 'no-store', rateLimit: perMinute(app.rateLimits.signIn) },
    schema: {
      querystring: Type.Object({
        code: Type.Optional(Type.String({ maxLength: 512 })),
        state: Type.Optional(Type.String({ maxLength: 128 })),
      }),
      // Answers are redirects; only a malformed query or a burst gets JSON.
      response: errorResponses(400, 429),
    },
  }, async (request, reply) => {
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

    const signedIn = await signInWithCode(
      { db: app.database.db, oauth: app.wechat.oauth, log: request.log },
      code,
      { sessionToken: readSessionToken(request), visitorToken: request.cookies[VISITOR_COOKIE] },
    )
    if (!signedIn.ok) {
      // WeChat's client sometimes requests the callback twice; the first request already signed in.
      if (signedIn.reason === 'code_invalid' && await request.currentUser())
        return reply.redirect(returnTo, 302)
      return fail(reply, signedIn.reason, returnTo, isRetry)
    }
    reply.setAppCookie(SESSION_COOKIE, signedIn.sessionToken, SESSION_TTL_MS / 1000, '/', true)
    return reply.redirect(returnTo, 302)
  })
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
