// /sns/*: web-authorization token exchange, refresh, user info and token check (protocol §1.2–1.6).
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { SimContext, SimPluginOptions } from '../context.ts'
import type { WxError } from '../http/wechat-error.ts'
import type { UserGrant } from '../state/user-tokens.ts'
import { queryString } from '../http/body.ts'
import { wxError } from '../http/wechat-error.ts'
import { openidFor } from '../openid.ts'
import { personaByKey } from '../personas.ts'

/** Absolute URL of a simulator-served path, against the origin the caller used. */
function absolute(request: FastifyRequest, path: string): string {
  return `${request.protocol}://${request.host}${path}`
}

function checkApp(ctx: SimContext, q: (k: string) => string | undefined, needSecret: boolean): WxError | undefined {
  const appid = q('appid')
  if (!appid)
    return wxError(41002)
  if (appid !== ctx.config.appId)
    return wxError(40013)
  if (!needSecret)
    return undefined
  const secret = q('secret')
  if (!secret)
    return wxError(41004)
  if (secret !== ctx.config.appSecret)
    return wxError(40125)
  return undefined
}

type GrantResult = { ok: true, grant: UserGrant } | { ok: false, error: WxError }

function userGrant(ctx: SimContext, q: (k: string) => string | undefined): GrantResult {
  const token = q('access_token')
  if (!token)
    return { ok: false, error: wxError(41001) }
  const found = ctx.state.userTokens.byAccessToken(token)
  if (found.status === 'invalid')
    return { ok: false, error: wxError(40001) }
  if (found.status === 'expired')
    return { ok: false, error: wxError(42001) }
  const openid = q('openid')
  if (!openid)
    return { ok: false, error: wxError(41009) }
  if (openid !== found.grant.openid)
    return { ok: false, error: wxError(40003) }
  return { ok: true, grant: found.grant }
}

export const snsRoutes: FastifyPluginAsync<SimPluginOptions> = async (app, { ctx }) => {
  const query = (request: FastifyRequest) => (k: string) => queryString(request.query, k)

  // §1.2 code → access_token
  app.get('/sns/oauth2/access_token', async (request) => {
    const q = query(request)
    const appErr = checkApp(ctx, q, true)
    if (appErr)
      return appErr
    if (q('grant_type') !== 'authorization_code')
      return wxError(40002)
    const code = q('code')
    if (!code)
      return wxError(41008)
    const redeemed = ctx.state.codes.redeem(code, ctx.config.appId)
    if (!redeemed.ok)
      return wxError({ unknown: 40029, used: 40163, expired: 42003 }[redeemed.reason])
    const { personaKey, scope } = redeemed.entry
    const persona = personaByKey(personaKey)!
    const grant = ctx.state.userTokens.issue({ appId: ctx.config.appId, openid: openidFor(ctx.config.appId, personaKey), personaKey, scope })
    const body: Record<string, unknown> = {
      access_token: grant.accessToken,
      expires_in: 7200,
      refresh_token: grant.refreshToken,
      openid: grant.openid,
      scope,
    }
    // Present only for snapshot-mode virtual users; unionid only with snsapi_userinfo.
    if (persona.isSnapshotUser)
      body.is_snapshotuser = 1
    if (scope === 'snsapi_userinfo')
      body.unionid = persona.unionid
    return body
  })

  // §1.3 refresh: no secret, no unionid.
  app.get('/sns/oauth2/refresh_token', async (request) => {
    const q = query(request)
    const appErr = checkApp(ctx, q, false)
    if (appErr)
      return appErr
    if (q('grant_type') !== 'refresh_token')
      return wxError(40002)
    const token = q('refresh_token')
    if (!token)
      return wxError(41003)
    const r = ctx.state.userTokens.refresh(token, ctx.config.appId)
    if (r.status === 'invalid')
      return wxError(40030)
    if (r.status === 'expired')
      return wxError(42002)
    const g = r.grant
    return { access_token: g.accessToken, expires_in: Math.floor((g.accessExpiresAt - ctx.clock.now()) / 1000), refresh_token: g.refreshToken, openid: g.openid, scope: g.scope }
  })

  // §1.4 user info; snsapi_base tokens get 48001. Gender and region are no longer returned (since 2021-10-20).
  app.get('/sns/userinfo', async (request) => {
    const q = query(request)
    const r = userGrant(ctx, q)
    if (!r.ok)
      return r.error
    const lang = q('lang')
    if (lang !== undefined && !['zh_CN', 'zh_TW', 'en'].includes(lang))
      return wxError(40097, 'invalid args, lang must be zh_CN, zh_TW or en')
    if (r.grant.scope !== 'snsapi_userinfo')
      return wxError(48001)
    const persona = personaByKey(r.grant.personaKey)!
    return {
      openid: r.grant.openid,
      nickname: persona.nickname,
      sex: 0,
      city: '',
      province: '',
      country: '',
      headimgurl: absolute(request, persona.avatarPath),
      privilege: [],
      unionid: persona.unionid,
    }
  })

  // §1.5 check a web access_token.
  app.get('/sns/auth', async (request) => {
    const r = userGrant(ctx, query(request))
    return r.ok ? { errcode: 0, errmsg: 'ok' } : r.error
  })
}
