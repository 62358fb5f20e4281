// Cross-cutting rules of every WeChat Pay APIv3 call (protocol §5.1, §5.2):
// the merchant Authorization is verified before any handler, and every response
// (errors and 204 included) is signed with the platform key.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SimContext, SimHookOptions } from '../context.ts'
import fp from 'fastify-plugin'
import { verifyMerchantRequest } from '../crypto/merchant-auth.ts'
import { platformSignatureHeaders } from '../crypto/platform-sign.ts'
import { newRequestId } from '../ids.ts'
import { rawBodyOf } from './body.ts'
import { sendPayError } from './pay-error.ts'

const isPay = (request: FastifyRequest): boolean => request.url.startsWith('/v3/')

export const payHooksPlugin = fp<SimHookOptions>(async (app: FastifyInstance, { ctx, probes }) => {
  app.addHook('preHandler', async (request, reply) => {
    if (!isPay(request) || request.is404)
      return
    const auth = verifyMerchantRequest({
      header: request.headers.authorization,
      method: request.method,
      url: request.raw.url ?? request.url,
      body: rawBodyOf(request),
      nowSeconds: Math.floor(ctx.clock.wallNow() / 1000),
      mchId: ctx.config.mchId,
      merchantSerial: ctx.config.merchantSerial,
      merchantPublicKeyPem: ctx.config.merchantPublicKeyPem,
    })
    if (!auth.ok)
      return sendPayError(reply, 401, 'SIGN_ERROR', auth.message)
    // Required headers besides Authorization (§5.1).
    if (!request.headers.accept)
      return sendPayError(reply, 400, 'PARAM_ERROR', 'HTTP 头缺少 Accept（应为 application/json）')
    if (!request.headers['user-agent'])
      return sendPayError(reply, 400, 'PARAM_ERROR', 'HTTP 头缺少 User-Agent')
    if (request.method === 'POST' && !(request.headers['content-type'] ?? '').startsWith('application/json'))
      return sendPayError(reply, 400, 'PARAM_ERROR', 'Content-Type 须为 application/json')
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isPay(request))
      return payload
    const body = payload === undefined || payload === null ? '' : typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined
    if (body === undefined)
      return payload
    signPayResponse(ctx, reply, body, probes.has(request) || Math.random() < ctx.config.signTestProbability)
    return payload
  })
}, { name: 'sim-pay-hooks', dependencies: ['sim-raw-body'] })

/** Request-ID and the platform signature headers of §5.2 for a response body. */
export function signPayResponse(ctx: SimContext, reply: FastifyReply, body: string, probe = false): void {
  reply.header('Request-ID', newRequestId())
  const headers = platformSignatureHeaders({
    body,
    nowSeconds: Math.floor(ctx.clock.wallNow() / 1000),
    privateKeyPem: ctx.config.platformPrivateKeyPem,
    serial: ctx.config.platformPublicKeyId,
    probe,
  })
  for (const [k, v] of Object.entries(headers))
    reply.header(k, v)
}
