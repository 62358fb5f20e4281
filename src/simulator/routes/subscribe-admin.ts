// Following and subscribe consent, driven by developers and the bridge emulator, and what
// WeChat pushes to the account's server URL about them (protocol notes §10).
//   GET|POST /__sim/events/server       the account's 服务器配置 {url, token, encodingAesKey?, mode}
//   GET      /__sim/events/pushes       every push with its attempts and answers
//   POST     /__sim/users/:openid/follow {following} → subscribe / unsubscribe pushed
//   POST     /__sim/subscribe/decide    {openid|persona, decisions: {templateId: accept|reject}} → popup event pushed
//   GET|DELETE /__sim/subscribe/messages notices sent through bizsend
//   POST     /__sim/bridge/subscribe    the bridge's wx-open-subscribe sheet answered
import type { FastifyInstance } from 'fastify'
import type { SimContext } from '../context.ts'
import type { PushMode } from '../events/pusher.ts'
import { aesKeyOf } from '../crypto/message-crypto.ts'
import { parseJsonObject, rawBodyOf } from '../http/body.ts'
import { openidFor, personaByOpenid } from '../openid.ts'
import { personaByKey } from '../personas.ts'

type Decisions = Record<string, 'accept' | 'reject'>

function decisionsOf(v: unknown): Decisions | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return null
  const out: Decisions = {}
  for (const [k, s] of Object.entries(v)) {
    if (s !== 'accept' && s !== 'reject')
      return null
    out[k] = s
  }
  return Object.keys(out).length > 0 ? out : null
}

export function registerSubscribeAdmin(app: FastifyInstance, ctx: SimContext): void {
  const subs = ctx.state.subscriptions
  const body = (raw: string) => {
    const b = parseJsonObject(raw)
    return b.ok ? b.value : null
  }
  /** An openid of this account: given, or the persona's (the bridge knows only its persona). */
  const openidOf = (b: Record<string, unknown>): string | null => {
    if (typeof b.openid === 'string')
      return personaByOpenid(ctx.config.appId, b.openid) ? b.openid : null
    const persona = typeof b.persona === 'string' ? personaByKey(b.persona) : undefined
    return persona && !persona.isSnapshotUser ? openidFor(ctx.config.appId, persona.key) : null
  }
  /** Records the answers and pushes the popup event; unknown templates make the whole call fail, as the tag's error event does. */
  const decide = (openid: string, decisions: Decisions) => {
    const unknown = Object.keys(decisions).filter(id => !ctx.config.subscribeTemplates.some(t => t.id === id))
    if (unknown.length > 0)
      return { ok: false as const, unknown }
    for (const [templateId, status] of Object.entries(decisions))
      subs.decide(openid, templateId, status)
    const push = ctx.pusher.push(openid, { kind: 'subscribe_msg_popup_event', scene: 1, decisions: Object.entries(decisions).map(([templateId, status]) => ({ templateId, status })) })
    return { ok: true as const, push }
  }

  app.get('/__sim/events/server', async () => {
    const t = ctx.pusher.target()
    return t ? { url: t.url, mode: t.mode, encrypted: t.mode !== 'plain' } : { url: null }
  })
  app.post('/__sim/events/server', async (request, reply) => {
    const b = body(rawBodyOf(request))
    if (!b || b.url === null) {
      ctx.pusher.setTarget(null)
      return { url: null }
    }
    const mode = (b.mode ?? 'plain') as PushMode
    if (typeof b.url !== 'string' || !/^https?:\/\//.test(b.url) || typeof b.token !== 'string' || !['plain', 'compat', 'safe'].includes(mode))
      return reply.code(400).send({ errcode: 400, errmsg: 'need {url, token, mode: plain|compat|safe, encodingAesKey?}' })
    const key = typeof b.encodingAesKey === 'string' ? b.encodingAesKey : undefined
    try {
      if (mode !== 'plain')
        aesKeyOf(key ?? '')
    }
    catch (e) {
      return reply.code(400).send({ errcode: 400, errmsg: (e as Error).message })
    }
    ctx.pusher.setTarget({ url: b.url, token: b.token, encodingAesKey: key, mode })
    return { url: b.url, mode }
  })
  app.get('/__sim/events/pushes', async () => ({ pushes: ctx.pusher.log() }))

  app.post<{ Params: { openid: string } }>('/__sim/users/:openid/follow', async (request, reply) => {
    const openid = request.params.openid
    const b = body(rawBodyOf(request)) ?? {}
    if (!personaByOpenid(ctx.config.appId, openid))
      return reply.code(404).send({ errcode: 40003, errmsg: 'invalid openid' })
    const following = b.following !== false
    subs.setFollowing(openid, following)
    const push = await ctx.pusher.push(openid, { kind: following ? 'subscribe' : 'unsubscribe' })
    return { openid, following, push }
  })

  app.post('/__sim/subscribe/decide', async (request, reply) => {
    const b = body(rawBodyOf(request)) ?? {}
    const openid = openidOf(b)
    const decisions = decisionsOf(b.decisions)
    if (!openid || !decisions)
      return reply.code(400).send({ errcode: 400, errmsg: 'need {openid|persona, decisions: {templateId: accept|reject}}' })
    const r = decide(openid, decisions)
    if (!r.ok)
      return reply.code(400).send({ errcode: 40037, errmsg: `invalid template_id: ${r.unknown.join(',')}` })
    return { openid, push: await r.push }
  })

  app.get('/__sim/subscribe/messages', async () => ({ messages: subs.sent() }))
  app.delete('/__sim/subscribe/messages', async (_request, reply) => {
    subs.clearSent()
    return reply.code(204).send()
  })

  // The bridge emulator's sheet: the client answers the page at once; the push follows.
  app.post('/__sim/bridge/subscribe', async (request) => {
    const b = body(rawBodyOf(request)) ?? {}
    const openid = openidOf(b)
    const decisions = decisionsOf(b.decisions)
    if (!openid || !decisions)
      return { ok: false, errMsg: 'subscribe:fail invalid request' }
    const r = decide(openid, decisions)
    if (!r.ok)
      return { ok: false, errMsg: `subscribe:fail invalid template id ${r.unknown.join(',')}` }
    void r.push.catch(() => undefined)
    return { ok: true, subscribeDetails: Object.fromEntries(Object.entries(decisions).map(([id, status]) => [id, JSON.stringify({ status })])) }
  })
}
