// What the kit's server does against WeChat, done directly from an e2e test against the real
// simulator: fetch a jsapi_ticket, create a JSAPI prepay with a signed Authorization header,
// compute the front-end paySign, and receive and check the payment notification.
// Notification checks use node:crypto directly, so they do not trust the kit's own verifier.
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SimulatorSetup } from '../../../src/simulator/keys.ts'
import { createDecipheriv, createVerify, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { authorizationHeader, newNonce, signSha256Rsa } from '../../../src/server/pay/apiv3/signing.ts'

/** A jsapi_ticket obtained as the kit does (protocol §2.2, §2.3): stable_token, then getticket. */
export async function fetchJsapiTicket(simOrigin: string, appId: string, secret: string): Promise<string> {
  const tokenRes = await fetch(`${simOrigin}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret, force_refresh: false }),
  })
  const token = await tokenRes.json() as { access_token?: string, errcode?: number }
  if (!token.access_token)
    throw new Error(`stable_token failed: ${JSON.stringify(token)}`)
  const ticketRes = await fetch(`${simOrigin}/cgi-bin/ticket/getticket?access_token=${encodeURIComponent(token.access_token)}&type=jsapi`)
  const ticket = await ticketRes.json() as { errcode?: number, ticket?: string }
  if (ticket.errcode !== 0 || !ticket.ticket)
    throw new Error(`getticket failed: ${JSON.stringify(ticket)}`)
  return ticket.ticket
}

export interface PrepayOrder {
  outTradeNo: string
  description: string
  /** Fen. */
  total: number
  openid: string
  notifyUrl: string
}

/** POST /v3/pay/transactions/jsapi with a merchant-signed Authorization (§5.1, §6.1); returns prepay_id. */
export async function createPrepay(simOrigin: string, setup: SimulatorSetup, o: PrepayOrder): Promise<string> {
  const path = '/v3/pay/transactions/jsapi'
  const body = JSON.stringify({
    appid: setup.appId,
    mchid: setup.mchId,
    description: o.description,
    out_trade_no: o.outTradeNo,
    notify_url: o.notifyUrl,
    amount: { total: o.total, currency: 'CNY' },
    payer: { openid: o.openid },
  })
  const authorization = authorizationHeader(
    { mchId: setup.mchId, certSerial: setup.merchantSerial, privateKeyPem: setup.merchantPrivateKeyPem },
    { method: 'POST', canonicalUrl: path, body, timestamp: String(Math.floor(Date.now() / 1000)), nonce: newNonce() },
  )
  const res = await fetch(simOrigin + path, {
    method: 'POST',
    headers: { 'Authorization': authorization, 'Accept': 'application/json', 'Content-Type': 'application/json', 'User-Agent': 'wechat-oa-kit-e2e' },
    body,
  })
  const text = await res.text()
  if (res.status !== 200)
    throw new Error(`prepay failed: HTTP ${res.status} ${text}`)
  // Even the prepay answer is signed by the platform (§5.2).
  const check = verifyPlatformSignature(res.headers, text, setup)
  if (!check.ok)
    throw new Error(`prepay answer not signed by the platform: ${check.reason}`)
  const prepayId = (JSON.parse(text) as { prepay_id?: unknown }).prepay_id
  if (typeof prepayId !== 'string' || prepayId === '')
    throw new Error(`prepay answer without prepay_id: ${text}`)
  return prepayId
}

/** The wx.chooseWXPay arguments (§4.5, §6.2): note `timestamp` with a lower-case s on the JS side. */
export interface ChooseWXPayArgs {
  timestamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}

/** paySign = SHA256withRSA(appId\ntimeStamp\nnonceStr\npackage\n) with the merchant key (§6.2). */
export function chooseWXPayArgs(setup: SimulatorSetup, prepayId: string, o: { signedNonce?: string } = {}): ChooseWXPayArgs {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonceStr = randomBytes(16).toString('hex')
  const pkg = `prepay_id=${prepayId}`
  // `signedNonce` lets a test sign something other than what it sends: a paySign that does not verify.
  const paySign = signSha256Rsa(`${setup.appId}\n${timestamp}\n${o.signedNonce ?? nonceStr}\n${pkg}\n`, setup.merchantPrivateKeyPem)
  return { timestamp, nonceStr, package: pkg, signType: 'RSA', paySign }
}

export interface Delivery {
  headers: IncomingHttpHeaders
  body: string
}

/** A merchant notify_url on loopback http (the simulator allows that for local development). */
export async function startNotifyReceiver(): Promise<{ url: string, deliveries: Delivery[], close: () => Promise<void> }> {
  const deliveries: Delivery[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/notify') {
        res.writeHead(404).end()
        return
      }
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      // §6.5: 200 or 204 with no body acknowledges it.
      res.writeHead(204).end()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/notify`,
    deliveries,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}

type HeaderBag = Headers | IncomingHttpHeaders
function header(h: HeaderBag, name: string): string | undefined {
  const v = h instanceof Headers ? h.get(name) : h[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v ?? undefined
}

/** Wechatpay-Signature over `TS\nNONCE\nBODY\n`, with the platform public key named by Wechatpay-Serial (§5.2). */
export function verifyPlatformSignature(h: HeaderBag, body: string, setup: SimulatorSetup): { ok: true } | { ok: false, reason: string } {
  const ts = header(h, 'Wechatpay-Timestamp')
  const nonce = header(h, 'Wechatpay-Nonce')
  const signature = header(h, 'Wechatpay-Signature')
  const serial = header(h, 'Wechatpay-Serial')
  if (!ts || !nonce || !signature || !serial)
    return { ok: false, reason: 'missing Wechatpay-* header' }
  if (serial !== setup.platformPublicKeyId)
    return { ok: false, reason: `Wechatpay-Serial ${serial} is not ${setup.platformPublicKeyId}` }
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300)
    return { ok: false, reason: `Wechatpay-Timestamp ${ts} is more than 5 minutes off` }
  const ok = createVerify('RSA-SHA256').update(`${ts}\n${nonce}\n${body}\n`, 'utf8').verify(setup.platformPublicKeyPem, signature, 'base64')
  return ok ? { ok: true } : { ok: false, reason: 'Wechatpay-Signature does not verify' }
}

export interface NotificationEnvelope {
  id: string
  event_type: string
  resource_type: string
  resource: { algorithm: string, ciphertext: string, associated_data: string, nonce: string, original_type: string }
}

/** AEAD_AES_256_GCM with the APIv3 key; ciphertext is Base64(ct ‖ 16-byte tag) (§5.3). */
export function decryptNotification(body: string, apiV3Key: string): { envelope: NotificationEnvelope, resource: Record<string, unknown> } {
  const envelope = JSON.parse(body) as NotificationEnvelope
  const r = envelope.resource
  const buf = Buffer.from(r.ciphertext, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'))
  decipher.setAAD(Buffer.from(r.associated_data, 'utf8'))
  decipher.setAuthTag(buf.subarray(-16))
  const plain = Buffer.concat([decipher.update(buf.subarray(0, -16)), decipher.final()]).toString('utf8')
  return { envelope, resource: JSON.parse(plain) as Record<string, unknown> }
}
