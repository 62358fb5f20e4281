import type { App } from '../../../src/server/app.ts'
import type { Database } from '../../../src/server/db/database.ts'
import type { RunningSimulator } from '../../../src/simulator/start.ts'
import { createCipheriv, createSign, randomBytes } from 'node:crypto'
import { build } from '../../../src/server/app.ts'
import { seed } from '../../../src/server/db/seed.ts'
import { configFor, simulatorSetup } from './simulator.ts'
import { getTestDatabase, resetDatabase } from './test-database.ts'
import { wechatBrowser } from './wechat-browser.ts'

export type Browser = ReturnType<typeof wechatBrowser>

/** Tests empty every table; the demo catalogue and articles come back from the (idempotent) seed. */
export async function reseed(database: Database): Promise<void> {
  await seed(database)
}

export interface PayAppOptions {
  /** Listen on 127.0.0.1 so the simulator can deliver notifications here. */
  listen?: boolean
  /** Business clock offset in ms (order expiry, memberships). */
  clock?: { offsetMs: number }
  adminToken?: string | null
  withoutPay?: boolean
}

/** The API wired to the simulator, on the emptied and re-seeded worker database. */
export async function buildPayApp(sim: RunningSimulator, o: PayAppOptions = {}): Promise<App> {
  const database = await getTestDatabase()
  await resetDatabase(database)
  await reseed(database)
  const config = configFor(sim, { adminToken: o.adminToken === undefined ? 'test-admin-token-0123456789' : o.adminToken })
  if (o.withoutPay)
    config.pay = null
  const clock = o.clock
  const app = await build(config, { database, rateLimitMax: 10_000, reconcileIntervalMs: false, seriesAnnounceIntervalMs: false, now: clock ? () => Date.now() + clock.offsetMs : undefined })
  if (o.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    // The port is known only now; the pay client reads notify_url per request.
    config.pay!.notifyUrl = `http://127.0.0.1:${port}/api/pay/notify`
  }
  return app
}

export async function signedIn(app: App, sim: RunningSimulator, persona = 'iphone'): Promise<Browser> {
  const browser = wechatBrowser(app, sim)
  const res = await browser.signIn({ persona })
  if (res.statusCode !== 302 || !browser.jar.has('sid'))
    throw new Error(`sign-in as ${persona} failed`)
  return browser
}

export const prepayIdOf = (pay: { package: string }) => pay.package.replace(/^prepay_id=/, '')

/** The pay sheet's "password entered": the simulator marks the order paid and notifies notify_url. */
export async function confirmAtSimulator(sim: RunningSimulator, prepayId: string): Promise<void> {
  const res = await fetch(`${sim.origin}/__sim/bridge/pay/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prepayId }) })
  const body = await res.json() as { ok: boolean, reason?: string }
  if (!body.ok)
    throw new Error(`simulator refused to confirm: ${body.reason}`)
}

export async function simOrder(sim: RunningSimulator, outTradeNo: string): Promise<Record<string, any>> {
  return (await fetch(`${sim.origin}/__sim/orders/${outTradeNo}`)).json()
}

/** Creates an order and pays it at the simulator; the caller decides how the payment reaches us. */
export async function buyAndConfirm(browser: Browser, sim: RunningSimulator, body: Record<string, unknown>) {
  const res = await browser.request('POST', '/api/orders', body)
  if (res.statusCode !== 201)
    throw new Error(`order refused (${res.statusCode}): ${res.body}`)
  const created = res.json()
  await confirmAtSimulator(sim, prepayIdOf(created.pay))
  return created as { orderId: number, pay: Record<string, string> }
}

/** Buys and waits until the status query (which asks WeChat Pay) says paid. */
export async function buy(browser: Browser, sim: RunningSimulator, body: Record<string, unknown>): Promise<number> {
  const { orderId } = await buyAndConfirm(browser, sim, body)
  await waitFor(async () => (await browser.request('GET', `/api/orders/${orderId}`)).json().status === 'paid')
  return orderId
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end)
      throw new Error('condition not met in time')
    await new Promise(r => setTimeout(r, 20))
  }
}

export async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await getTestDatabase()).withAdvisoryLock(2, tx => tx.query<T>(sql, params))
}

export interface ForgeOptions {
  timestampOffsetS?: number
  signature?: (real: string) => string
  serial?: string
  tamperCiphertext?: boolean
  apiV3Key?: string
  eventType?: string
}

/** A notification built like WeChat Pay builds one, with the simulator's platform key and APIv3 key. */
export function forgeNotification(transaction: Record<string, unknown>, o: ForgeOptions = {}) {
  const s = simulatorSetup()
  const nonce = randomBytes(6).toString('hex')
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(o.apiV3Key ?? s.apiV3Key), Buffer.from(nonce))
  cipher.setAAD(Buffer.from('transaction'))
  const sealed = Buffer.concat([cipher.update(JSON.stringify(transaction)), cipher.final(), cipher.getAuthTag()])
  if (o.tamperCiphertext)
    sealed[3]! ^= 0x01
  const body = JSON.stringify({
    id: `EV-${randomBytes(8).toString('hex')}`,
    create_time: '2025-04-01T10:00:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: o.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), associated_data: 'transaction', nonce },
  })
  const timestamp = String(Math.floor(Date.now() / 1000) + (o.timestampOffsetS ?? 0))
  const headerNonce = randomBytes(16).toString('hex')
  const real = createSign('RSA-SHA256').update(`${timestamp}\n${headerNonce}\n${body}\n`).sign(s.platformPrivateKeyPem, 'base64')
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': headerNonce,
      'wechatpay-signature': o.signature ? o.signature(real) : real,
      'wechatpay-serial': o.serial ?? s.platformPublicKeyId,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    },
  }
}

/** An order as WeChat Pay knows it: its number, amount and the payer's openid (checked on notifications). */
export async function tradeOf(orderId: number): Promise<{ outTradeNo: string, amountFen: number, openid: string }> {
  const [o] = await rows<{ out_trade_no: string, amount_fen: number, openid: string }>('SELECT o.out_trade_no, o.amount_fen, u.openid FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = $1', [orderId])
  return { outTradeNo: o!.out_trade_no, amountFen: o!.amount_fen, openid: o!.openid }
}

/** The decrypted resource WeChat Pay would send for one of our orders. */
export function successTransaction(o: { outTradeNo: string, amountFen: number, openid: string }, over: Record<string, unknown> = {}) {
  const s = simulatorSetup()
  return {
    mchid: s.mchId,
    appid: s.appId,
    out_trade_no: o.outTradeNo,
    transaction_id: `42000${Date.now()}${randomBytes(3).toString('hex')}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    attach: '',
    success_time: '2025-04-01T10:00:00+08:00',
    payer: { openid: o.openid },
    amount: { total: o.amountFen, payer_total: o.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    ...over,
  }
}
