// Basic access_token endpoints (protocol §2.1, §2.2).
// https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html
// https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/getStableAccessToken.html
import type { FastifyPluginAsync } from 'fastify'
import type { SimContext, SimPluginOptions } from '../context.ts'
import type { WxError } from '../http/wechat-error.ts'
import { parseJsonObject, queryString, rawBodyOf } from '../http/body.ts'
import { wxError } from '../http/wechat-error.ts'

function checkCredentials(ctx: SimContext, grantType: unknown, appid: unknown, secret: unknown): WxError | undefined {
  if (grantType !== 'client_credential')
    return wxError(40002)
  if (typeof appid !== 'string' || appid === '')
    return wxError(41002)
  if (appid !== ctx.config.appId)
    return wxError(40013)
  if (typeof secret !== 'string' || secret === '')
    return wxError(41004)
  if (secret !== ctx.config.appSecret)
    return wxError(40125)
  return undefined
}

export const cgiTokenRoutes: FastifyPluginAsync<SimPluginOptions> = async (app, { ctx }) => {
  app.get('/cgi-bin/token', async (request) => {
    const q = (k: string) => queryString(request.query, k)
    const err = checkCredentials(ctx, q('grant_type'), q('appid'), q('secret'))
    if (err)
      return err
    const { token, expiresIn } = ctx.state.basicTokens.issue(ctx.config.appId)
    return { access_token: token, expires_in: expiresIn }
  })

  // JSON POST only (§2.2).
  app.get('/cgi-bin/stable_token', async () => wxError(43002))
  app.post('/cgi-bin/stable_token', async (request) => {
    const body = parseJsonObject(rawBodyOf(request))
    if (!body.ok)
      return wxError(47001)
    const b = body.value
    const err = checkCredentials(ctx, b.grant_type, b.appid, b.secret)
    if (err)
      return err
    if (b.force_refresh !== undefined && typeof b.force_refresh !== 'boolean')
      return wxError(40097, 'invalid args, force_refresh must be a boolean')
    const { token, expiresIn } = ctx.state.stableTokens.get(ctx.config.appId, b.force_refresh === true)
    return { access_token: token, expires_in: expiresIn }
  })
}
