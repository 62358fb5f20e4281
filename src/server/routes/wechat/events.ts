// GET|POST /wechat/events: the Official Account's server URL (基本配置 → 服务器配置),
// docs/wechat-protocol.md §10. It speaks WeChat's protocol, not the kit's: answers are plain
// text ("success", the echostr, or a short reason), and nothing here calls WeChat.
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { readEvent } from '../../wechat-events/inbound-event.ts'
import { handshakeValid, openPush } from '../../wechat-events/open-push.ts'
import { recordEvent } from '../../wechat-events/receive.ts'
import { MAX_XML_BYTES } from '../../wechat-events/xml.ts'

function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    // A parameter sent twice is an array: treat it as missing rather than pick one.
    if (typeof v === 'string' && v.length <= 512)
      out[k] = v
  }
  return out
}

export const wechatEventsRoute: FastifyPluginAsync = async (app) => {
  const text = (reply: FastifyReply, status: number, body: string) =>
    reply.status(status).type('text/plain; charset=utf-8').send(body)

  // WeChat posts text/xml; the body stays a string (safe mode signs the Encrypt text in it).
  app.addContentTypeParser(['text/xml', 'application/xml', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_XML_BYTES }, (_req, body, done) => done(null, body))
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500)
      request.log.error({ err }, 'wechat event failed')
    return text(reply, status, status === 500 ? 'error' : err.message)
  })

  // WeChat's pushes come from a few addresses and are retried when refused: never rate limited.
  const routeConfig = { rateLimit: false, cacheControl: 'no-store' } as const

  app.get('/wechat/events', { config: routeConfig }, async (request, reply) => {
    const keys = app.wechatEvents.keys
    if (!keys)
      return text(reply, 503, 'WECHAT_TOKEN is not configured')
    const q = queryOf(request)
    if (!handshakeValid(keys, q) || q.echostr === undefined)
      return text(reply, 403, 'bad signature')
    return text(reply, 200, q.echostr)
  })

  app.post('/wechat/events', { config: routeConfig }, async (request, reply) => {
    const keys = app.wechatEvents.keys
    if (!keys)
      return text(reply, 503, 'WECHAT_TOKEN is not configured')
    const body = typeof request.body === 'string' ? request.body : ''
    // Protocol time, not business time: the signature's timestamp is WeChat's wall clock.
    const opened = openPush({ ...keys, appId: app.config.wechat.appId }, queryOf(request), body, Math.floor(Date.now() / 1000))
    if (!opened.ok) {
      request.log.warn({ reason: opened.message }, 'wechat push refused')
      return text(reply, opened.status, opened.message)
    }
    const read = readEvent(opened.xml)
    if (!read) {
      // Verified but not a message we can read: retrying would not help, so acknowledge it.
      request.log.warn('wechat push without sender, time or type acknowledged')
      return text(reply, 200, 'success')
    }
    const outcome = await recordEvent(app.database.db, read.dedupeKey, read.event)
    request.log.info({ kind: read.event.kind, outcome }, 'wechat push')
    return text(reply, 200, 'success')
  })
}
