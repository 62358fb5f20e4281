import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { safeReturnTo } from '../../auth/return-to.ts'
import { randomAlnum } from '../../auth/tokens.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { perMinute } from '../../plugins/external/rate-limit.ts'
import { buildAuthorizeUrl } from '../../wechat/oauth-client.ts'

export const OAUTH_STATE_COOKIE = 'oauth_state'
/** A state starting with this marks the automatic retry, so a failing sign-in can never loop (even without cookies). */
export const RETRY_MARK = 'R'

/** GET /auth/login: into WeChat's OAuth, with a state bound to this browser by a short-lived signed cookie. */
export const loginRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/auth/login', {
    config: { cacheControl: 'no-store', rateLimit: perMinute(app.rateLimits.signIn) },
    schema: {
      querystring: Type.Object({
        returnTo: Type.Optional(Type.String({ maxLength: 1024 })),
        retry: Type.Optional(Type.Literal('1')),
      }),
      // Answers are redirects; only a malformed query or a burst gets JSON.
      response: errorResponses(400, 429),
    },
  }, async (request, reply) => {
    const returnTo = safeReturnTo(request.query.returnTo, app.config.publicOrigin)
    const state = (request.query.retry ? RETRY_MARK : 'N') + randomAlnum(23)
    reply.setAppCookie(OAUTH_STATE_COOKIE, JSON.stringify({ s: state, r: returnTo }), 10 * 60, '/auth', true)
    return reply.redirect(buildAuthorizeUrl(app.config.wechat, `${app.config.publicOrigin}/auth/callback`, state), 302)
  })
}
