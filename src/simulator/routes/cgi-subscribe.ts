// POST /cgi-bin/message/subscribe/bizsend: 服务号订阅通知 (protocol notes §10.5).
// Checks as WeChat does: the basic access_token (40001/42001), a JSON body (47001), an openid
// of this account (40003), a template the account picked (40037), data whose keys are the
// template's with values of the right size (47003), and an unused accept from that reader
// for that template (43101, also when they rejected). A sent notice uses the accept.
import type { FastifyInstance } from 'fastify'
import type { SubscribeTemplate } from '../config.ts'
import type { SimContext } from '../context.ts'
import { parseJsonObject, queryString, rawBodyOf } from '../http/body.ts'
import { wxError } from '../http/wechat-error.ts'
import { digits } from '../ids.ts'
import { personaByOpenid } from '../openid.ts'
import { checkBasicToken } from './cgi-ticket.ts'

/** Value limits of template keyword kinds (thing 20 characters, phrase 5…). */
const LIMITS: Record<string, number> = { thing: 20, phrase: 5, character_string: 32, number: 32, name: 10, letter: 32, symbol: 5, amount: 32, time: 64, date: 64 }

/** Null when `data` fits the template, else what 47003's errmsg names. */
export function dataProblem(template: SubscribeTemplate, data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return 'data must be an object'
  const d = data as Record<string, unknown>
  for (const key of Object.keys(d)) {
    if (!template.keys.includes(key))
      return `data.${key} is not a keyword of the template`
  }
  for (const key of template.keys) {
    const v = d[key]
    const value = typeof v === 'object' && v !== null ? (v as Record<string, unknown>).value : undefined
    if (typeof value !== 'string' || value === '')
      return `data.${key}.value is empty`
    const limit = LIMITS[key.replace(/\d+$/, '')]
    if (limit && [...value].length > limit)
      return `data.${key}.value exceeds limit ${limit}`
  }
  return null
}

export function registerCgiSubscribe(app: FastifyInstance, ctx: SimContext): void {
  app.post('/cgi-bin/message/subscribe/bizsend', async (request) => {
    const token = queryString(request.query, 'access_token')
    if (!token)
      return wxError(41001)
    const check = checkBasicToken(ctx, token)
    if (check.status === 'invalid')
      return wxError(40001)
    if (check.status === 'expired')
      return wxError(42001)
    const parsed = parseJsonObject(rawBodyOf(request))
    if (!parsed.ok)
      return wxError(47001)
    const b = parsed.value
    const touser = typeof b.touser === 'string' ? b.touser : ''
    if (!touser || !personaByOpenid(check.appId, touser))
      return wxError(40003)
    const template = ctx.config.subscribeTemplates.find(t => t.id === b.template_id)
    if (!template)
      return wxError(40037)
    const problem = dataProblem(template, b.data)
    if (problem)
      return wxError(47003, `argument invalid! ${problem}`)
    if (b.page !== undefined && (typeof b.page !== 'string' || !/^https?:\/\/\S+$/.test(b.page)))
      return wxError(47003, 'argument invalid! page must be a URL')
    if (!ctx.state.subscriptions.take(touser, template.id))
      return wxError(43101)
    const msgId = digits(19)
    ctx.state.subscriptions.record({ msgId, touser, templateId: template.id, page: b.page as string | undefined, data: b.data as Record<string, { value: string }>, at: ctx.clock.now() })
    return { errcode: 0, errmsg: 'ok', msgid: msgId }
  })
}
