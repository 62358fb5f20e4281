// GET /connect/oauth2/authorize: 网页授权 step 1 (protocol §1.1).
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { SimContext, SimPluginOptions } from '../context.ts'
import type { Persona } from '../personas.ts'
import { queryString } from '../http/body.ts'
import { browserId, cookie, cookieHeader, PERSONA_COOKIE, sendCookies } from '../http/cookies.ts'
import { personaByKey, personaForUserAgent, PERSONAS } from '../personas.ts'
import { consentPage, errorPage, silentPage } from './oauth-pages.ts'

type Scope = 'snsapi_base' | 'snsapi_userinfo'
interface AuthorizeRequest { appid: string, redirectUri: string, scope: Scope, state?: string }
type Check = { ok: true, req: AuthorizeRequest } | { ok: false, code: string, message: string, hint?: string }

const bad = (code: string, message: string, hint?: string): Check => ({ ok: false, code, message, hint })

// WeChat matches the link with a regex, so the parameter order is fixed (§1.1);
// forcePopup / connect_redirect may follow state.
const ORDER = /^appid&redirect_uri&response_type&scope(?:&state)?(?:&forcePopup)?(?:&connect_redirect)?$/
const EXPECTED = 'appid, redirect_uri, response_type, scope, state[, forcePopup][, connect_redirect]'

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  }
  catch {
    return undefined
  }
}

/** Raw query pairs in the order sent (URLSearchParams would hide duplicates and encoding). */
function rawPairs(url: string): [string, string][] {
  const q = url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''
  return q === ''
    ? []
    : q.split('&').map((part) => {
        const i = part.indexOf('=')
        return i === -1 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)]
      })
}

/** Checks shared by the authorize page and its confirm step. */
export function checkRedirect(ctx: SimContext, appid: string, scope: string, redirectUri: string): Check | undefined {
  if (appid !== ctx.config.appId)
    return bad('10016', '不支持微信开放平台的Appid，请使用公众号Appid', `appid ${appid} 不是本公众号的 AppID`)
  if (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo')
    return bad('10005', '此公众号并没有这些scope的权限', 'scope 只能是 snsapi_base 或 snsapi_userinfo')
  let url: URL
  try {
    url = new URL(redirectUri)
  }
  catch {
    return bad('10003', 'redirect_uri域名与后台配置不一致', 'redirect_uri 不是完整的 URL')
  }
  // 网页授权域名 is an exact host: www.qq.com does not cover pay.qq.com or qq.com (§1.1).
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !ctx.config.authDomains.includes(url.host.toLowerCase()))
    return bad('10003', 'redirect_uri域名与后台配置不一致', `${url.host} 不是配置的网页授权域名（${ctx.config.authDomains.join('、')}）`)
  return undefined
}

function checkAuthorize(ctx: SimContext, rawUrl: string): Check {
  const pairs = rawPairs(rawUrl)
  const value = (k: string): string | undefined => pairs.find(([key]) => key === k)?.[1]
  for (const [key, code, msg] of [['appid', '10012', 'appid不能为空'], ['redirect_uri', '10011', 'redirect_uri不能为空'], ['scope', '10010', 'scope不能为空']] as const) {
    if (!value(key))
      return bad(code, msg)
  }
  if (value('state') === '')
    return bad('10013', 'state不能为空')
  if (!ORDER.test(pairs.map(([k]) => k).join('&')))
    return bad('', '授权链接参数错误', `参数顺序须为 ${EXPECTED}，且不能有其他参数；收到 ${pairs.map(([k]) => k).join(', ')}`)
  if (value('response_type') !== 'code')
    return bad('', '授权链接参数错误', 'response_type 必须为 code')
  const rawRedirect = value('redirect_uri')!
  if (/[:/?#]/.test(rawRedirect))
    return bad('', '授权链接参数错误', 'redirect_uri 须使用 urlEncode 处理')
  const state = value('state') === undefined ? undefined : decode(value('state')!)
  if (state !== undefined && (!/^[a-z0-9]*$/i.test(state) || state.length > 128))
    return bad('', '授权链接参数错误', 'state 只能包含 a-zA-Z0-9，且不超过 128 字节')
  const appid = decode(value('appid')!) ?? ''
  const scope = decode(value('scope')!) ?? ''
  const redirect = decode(rawRedirect) ?? ''
  const err = checkRedirect(ctx, appid, scope, redirect)
  if (err)
    return err
  // Keep redirect_uri exactly as decoded: URL normalisation would change what the kit asked for.
  return { ok: true, req: { appid, redirectUri: redirect, scope: scope as Scope, state } }
}

export function sendAuthorizeError(reply: FastifyReply, code: string, message: string, hint?: string): FastifyReply {
  return reply.code(400).header('x-wxsim-errcode', code || 'invalid').type('text/html; charset=utf-8').send(errorPage(code, message, hint))
}

export const oauthAuthorizeRoutes: FastifyPluginAsync<SimPluginOptions> = async (app, { ctx }) => {
  app.get('/connect/oauth2/authorize', async (request, reply) => {
    const check = checkAuthorize(ctx, request.raw.url ?? '')
    if (!check.ok)
      return sendAuthorizeError(reply, check.code, check.message, check.hint)
    const { req } = check
    const fields: Record<string, string> = { appid: req.appid, redirect_uri: req.redirectUri, scope: req.scope }
    if (req.state !== undefined)
      fields.state = req.state
    const remembered: Persona | undefined = personaByKey(cookie(request, PERSONA_COOKIE))
    const byDevice = personaForUserAgent(request.headers['user-agent'])
    reply.type('text/html; charset=utf-8')
    if (req.scope === 'snsapi_base') {
      // Snapshot mode only applies to snsapi_userinfo (§1.1): a silent sign-in is the device's real user.
      const persona = remembered && !remembered.isSnapshotUser ? remembered : byDevice
      const silent = { ...fields, persona: persona.key, action: 'allow' }
      return reply.send(silentPage(`/connect/oauth2/authorize/confirm?${new URLSearchParams(silent)}`, silent))
    }
    return reply.send(consentPage({ accountName: ctx.config.accountName, hidden: fields, personas: PERSONAS, preselected: (remembered ?? byDevice).key }))
  })

  // The consent form's target: issues the code (or refuses) and redirects (§1.1).
  app.get('/connect/oauth2/authorize/confirm', async (request, reply) => {
    const q = (k: string): string => queryString(request.query, k) ?? ''
    const err = checkRedirect(ctx, q('appid'), q('scope'), q('redirect_uri'))
    if (err && !err.ok)
      return sendAuthorizeError(reply, err.code, err.message, err.hint)
    const state = queryString(request.query, 'state') ?? ''
    if (!/^[a-z0-9]{0,128}$/i.test(state))
      return sendAuthorizeError(reply, '', '授权链接参数错误', 'state 只能包含 a-zA-Z0-9，且不超过 128 字节')
    const action = q('action')
    const persona = personaByKey(q('persona'))
    if ((action !== 'allow' && action !== 'refuse') || (action === 'allow' && !persona))
      return sendAuthorizeError(reply, '', '授权参数错误', 'action 须为 allow 或 refuse，allow 时须选择 persona')
    if (action === 'allow' && persona!.isSnapshotUser && q('scope') !== 'snsapi_userinfo')
      return sendAuthorizeError(reply, '', '授权参数错误', '快照页虚拟用户只出现在 snsapi_userinfo 授权中（§1.1 快照模式），snsapi_base 静默授权总是设备上的真实用户')
    const setCookies: string[] = []
    if (persona)
      setCookies.push(cookieHeader(PERSONA_COOKIE, persona.key))
    // Refusal (old doc): redirect_uri?state=STATE, no code; without a state, redirect_uri as is.
    if (action === 'refuse') {
      sendCookies(reply, setCookies)
      return reply.redirect(state ? appendQuery(q('redirect_uri'), new URLSearchParams({ state }).toString()) : q('redirect_uri'), 302)
    }
    // A sign-in decides whether this browser's pages are snapshot pages (§1.1; routes/bridge.ts).
    const bid = browserId(request, setCookies)
    ctx.state.browsers.setSnapshot(bid, persona!.isSnapshotUser)
    // Choosing 安卓用户 means "I am on the Android phone": the page's bridge follows (routes/bridge.ts).
    // Wall-clock time: the bridge compares it with when its own panel last switched devices.
    if (persona!.device !== 'other')
      ctx.state.browsers.setDevice(bid, persona!.device, Date.now())
    sendCookies(reply, setCookies)
    const params = new URLSearchParams({ code: ctx.state.codes.issue(q('appid'), persona!.key, q('scope') as Scope), state })
    return reply.redirect(appendQuery(q('redirect_uri'), params.toString()), 302)
  })
}

/** Adds code/state to the query, before any #fragment, joined with & when a query exists. */
export function appendQuery(url: string, query: string): string {
  const hashAt = url.indexOf('#')
  const base = hashAt === -1 ? url : url.slice(0, hashAt)
  const hash = hashAt === -1 ? '' : url.slice(hashAt)
  const sep = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&'
  return `${base}${sep}${query}${hash}`
}
