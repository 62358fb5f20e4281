// The APIv3 client against a stub WeChat Pay: what it sends, and which answers it trusts.
import type { PayConfig } from '../../src/server/config/config.ts'
import { createSign, createVerify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createPayClient, PayApiError } from '../../src/server/pay/apiv3/client.ts'

const vectors = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'wechat')
const KEY = readFileSync(resolve(vectors, 'official_test_apiclient_key.pem'), 'utf8')
const PUB = readFileSync(resolve(vectors, 'official_test_apiclient_pub.pem'), 'utf8')
// The test key plays both the merchant and the platform here.
const PAY: PayConfig = {
  mchId: '1900007291',
  certSerial: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB',
  privateKeyPem: KEY,
  apiV3Key: '0123456789abcdef0123456789abcdef',
  platformKeys: [{ id: 'PUB_KEY_ID_0000000000000024101100397200000006', publicKeyPem: PUB }],
  apiOrigin: 'https://api.mch.weixin.qq.com',
  notifyUrl: 'https://h5.example.com/api/pay/notify',
}
const now = () => Math.floor(Date.now() / 1000)

interface Seen { url: string, method: string, headers: Record<string, string>, body: string }

function stub(answer: { status?: number, body?: string, serial?: string, timestampOffset?: number, signature?: (real: string) => string }) {
  const seen: Seen[] = []
  const stubFetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, method: init.method!, headers: init.headers as Record<string, string>, body: (init.body as string) ?? '' })
    const body = answer.body ?? ''
    const ts = String(now() + (answer.timestampOffset ?? 0))
    const real = createSign('RSA-SHA256').update(`${ts}\nNONCE\n${body}\n`).sign(KEY, 'base64')
    return new Response(answer.status === 204 ? null : body, {
      status: answer.status ?? 200,
      headers: { 'Wechatpay-Timestamp': ts, 'Wechatpay-Nonce': 'NONCE', 'Wechatpay-Serial': answer.serial ?? PAY.platformKeys[0]!.id, 'Wechatpay-Signature': answer.signature ? answer.signature(real) : real },
    })
  }) as unknown as typeof fetch
  return { seen, client: createPayClient({ pay: PAY, appId: 'wxd678efh567hg6787', fetch: stubFetch }) }
}

function verifyAuthorization(s: Seen): boolean {
  const m = /^WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="(\w+)",signature="([^"]+)",timestamp="(\d+)",serial_no="408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB"$/.exec(s.headers.Authorization!)
  if (!m)
    return false
  const path = s.url.slice(PAY.apiOrigin.length)
  return createVerify('RSA-SHA256').update(`${s.method}\n${path}\n${m[3]}\n${m[1]}\n${s.body}\n`).verify(PUB, m[2]!, 'base64')
}

const prepay = { description: '会员·月度会员', outTradeNo: '20250401abcdefghijklmnopqr', amountFen: 1800, openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', timeExpire: '2025-04-01T12:00:00+08:00' }

describe('the WeChat Pay APIv3 client', () => {
  it('sends a signed JSAPI prepay with the exact body bytes and the required headers', async () => {
    const { seen, client } = stub({ body: '{"prepay_id":"wx201410272009395522657a690389285100"}' })
    expect(await client.prepay(prepay)).toBe('wx201410272009395522657a690389285100')
    const [s] = seen
    expect(s!.url).toBe('https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi')
    expect(s!.headers).toMatchObject({ 'Accept': 'application/json', 'Content-Type': 'application/json', 'User-Agent': expect.stringMatching(/\S/) })
    expect(JSON.parse(s!.body)).toEqual({
      appid: 'wxd678efh567hg6787',
      mchid: '1900007291',
      description: '会员·月度会员',
      out_trade_no: prepay.outTradeNo,
      time_expire: prepay.timeExpire,
      notify_url: PAY.notifyUrl,
      amount: { total: 1800, currency: 'CNY' },
      payer: { openid: prepay.openid },
    })
    expect(verifyAuthorization(s!)).toBe(true)
  })

  it('signs the query string of a GET and reads ORDER_NOT_EXIST as "no such order"', async () => {
    const ok = stub({ body: '{"mchid":"1900007291","appid":"wxd678efh567hg6787","out_trade_no":"X123456","trade_state":"NOTPAY"}' })
    expect(await ok.client.query('X123456')).toMatchObject({ trade_state: 'NOTPAY' })
    expect(ok.seen[0]!.url).toBe('https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/X123456?mchid=1900007291')
    expect(ok.seen[0]!.headers['Content-Type']).toBeUndefined()
    expect(verifyAuthorization(ok.seen[0]!)).toBe(true)
    const missing = stub({ status: 404, body: '{"code":"ORDER_NOT_EXIST","message":"订单不存在"}' })
    expect(await missing.client.query('X123456')).toBeNull()
  })

  it('accepts a signed 204 with an empty body for close', async () => {
    const { seen, client } = stub({ status: 204 })
    await expect(client.close('X123456')).resolves.toBeUndefined()
    expect(seen[0]!.body).toBe('{"mchid":"1900007291"}')
    expect(seen[0]!.url).toMatch(/\/out-trade-no\/X123456\/close$/)
  })

  it.each([
    ['a signature by another key', { signature: () => Buffer.alloc(256, 1).toString('base64') }],
    ['a WECHATPAY/SIGNTEST/ probe', { signature: (real: string) => `WECHATPAY/SIGNTEST/${real}` }],
    ['another Wechatpay-Serial', { serial: 'PUB_KEY_ID_0000000000000000000000000000000001' }],
    ['a timestamp 301 s old', { timestampOffset: -301 }],
    ['a timestamp 301 s ahead', { timestampOffset: 301 }],
  ])('does not trust an answer with %s', async (_what, answer) => {
    const { client } = stub({ body: '{"prepay_id":"wx1"}', ...answer })
    await expect(client.prepay(prepay)).rejects.toMatchObject({ status: 0, code: 'UNTRUSTED_RESPONSE' })
  })

  it('surfaces WeChat Pay errors with their code, and transport failures as status 0', async () => {
    const { client } = stub({ status: 400, body: '{"code":"PARAM_ERROR","message":"缺少参数"}' })
    await expect(client.prepay(prepay)).rejects.toMatchObject({ status: 400, code: 'PARAM_ERROR' })
    const down = createPayClient({ pay: PAY, appId: 'wx', fetch: (async () => { throw new TypeError('fetch failed') }) as unknown as typeof fetch })
    await expect(down.query('X123456')).rejects.toBeInstanceOf(PayApiError)
    await expect(down.query('X123456')).rejects.toMatchObject({ status: 0, code: 'UNREACHABLE' })
  })
})
