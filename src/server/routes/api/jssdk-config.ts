import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { JsSdkConfigQuery, JsSdkConfigResponse } from '../../../shared/schemas/jssdk.ts'
import { randomAlnum } from '../../auth/tokens.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { readHeavyPerMinute } from '../../plugins/external/rate-limit.ts'
import { jsSdkSignature } from '../../wechat/jssdk-signature.ts'
import { WeChatApiError } from '../../wechat/wechat-error.ts'

/**
 * GET /api/jssdk/config?url=…: the signature for `wx.config` on that page.
 * Only hosts we serve are signed, so the endpoint cannot be used to sign for
 * someone else's page with our ticket. Nothing is cached per URL (sha1 is
 * cheap), so no cache can grow without bound.
 */
export const jsSdkConfigRoute: FastifyPluginAsyncTypebox = async (app) => {
  const allowed = new Set([new URL(app.config.publicOrigin).host, ...app.config.wechat.jsSdkExtraHosts])

  app.get('/api/jssdk/config', {
    config: { cacheControl: 'no-store', rateLimit: readHeavyPerMinute(app.rateLimits.jsSdk) },
    // The answer is always a few hundred bytes: below any compression threshold, so skip the plugin's hooks.
    compress: false,
    schema: { querystring: JsSdkConfigQuery, response: { 200: JsSdkConfigResponse, ...errorResponses(400, 429, 503) } },
  }, async (request) => {
    // Fastify already decoded the transport encoding; sign the raw URL minus its fragment.
    const url = request.query.url.split('#')[0]!
    let parsed: URL
    try {
      parsed = new URL(url)
    }
    catch {
      throw new ApiError(400, 'URL_INVALID', 'url must be an absolute http(s) URL')
    }
    if (!/^https?:$/.test(parsed.protocol))
      throw new ApiError(400, 'URL_INVALID', 'url must be an absolute http(s) URL')
    if (!allowed.has(parsed.host))
      throw new ApiError(400, 'URL_NOT_ALLOWED', `This server does not sign pages on ${parsed.host}`)

    let ticket: string
    try {
      ticket = await app.wechat.credentials.jsapiTicket()
    }
    catch (e) {
      if (e instanceof WeChatApiError)
        throw new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'WeChat is not answering right now; please try again shortly')
      throw e
    }
    const timestamp = Math.floor(Date.now() / 1000)
    const nonceStr = randomAlnum(16)
    return { appId: app.config.wechat.appId, timestamp, nonceStr, signature: jsSdkSignature(ticket, nonceStr, timestamp, url) }
  })
}
