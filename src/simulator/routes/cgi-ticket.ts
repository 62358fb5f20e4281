// GET /cgi-bin/ticket/getticket (protocol §2.3): accepts a token from /cgi-bin/token
// or /cgi-bin/stable_token; 40001 for unknown or superseded tokens, 42001 for expired ones.
// The same ticket comes back while it is valid (state/tickets.ts); calls are counted against
// a daily quota (config getticketDailyQuota) and answer 45009 once it is used up (§2.1).
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#62
import type { FastifyPluginAsync } from 'fastify'
import type { SimContext, SimPluginOptions } from '../context.ts'
import type { TokenCheck } from '../state/token-check.ts'
import { queryString } from '../http/body.ts'
import { wxError } from '../http/wechat-error.ts'

export function checkBasicToken(ctx: SimContext, token: string): TokenCheck {
  const a = ctx.state.basicTokens.check(token)
  return a.status === 'invalid' ? ctx.state.stableTokens.check(token) : a
}

export const cgiTicketRoutes: FastifyPluginAsync<SimPluginOptions> = async (app, { ctx }) => {
  app.get('/cgi-bin/ticket/getticket', async (request) => {
    const token = queryString(request.query, 'access_token')
    if (!token)
      return wxError(41001)
    const check = checkBasicToken(ctx, token)
    if (check.status === 'invalid')
      return wxError(40001)
    if (check.status === 'expired')
      return wxError(42001)
    // Only calls WeChat can attribute to an appid (a valid token) count against its quota.
    if (!ctx.state.tickets.takeQuota(check.appId))
      return wxError(45009)
    const type = queryString(request.query, 'type')
    if (type !== 'jsapi' && type !== 'wx_card')
      return wxError(40097, 'invalid args, type must be jsapi or wx_card')
    const { ticket, expiresIn } = ctx.state.tickets.get(check.appId, type)
    return { errcode: 0, errmsg: 'ok', ticket, expires_in: expiresIn }
  })
}
