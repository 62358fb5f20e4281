// WeChat Pay APIv3 strictness: merchant Authorization, body rules, order life cycle,
// signed responses and notifications (protocol §5, §6).

import type { RunningSimulator } from '../../src/simulator/start.ts'
import { createVerify } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decryptResource } from '../../src/simulator/crypto/aes-gcm.ts'
import { openidFor } from '../../src/simulator/openid.ts'
import { APIV3_KEY, APPID, authHeader, getJson, MCHID, notifyReceiver, pay, postJson, PUB_KEY_ID, sign, startTestSimulator, TEST_PUB, waitFor } from './helpers.ts'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(() => sim.close())

const OPENID = openidFor(APPID, 'iphone')
let seq = 0
function orderBody(over: Record<string, unknown> = {}) {
  return {
    appid: APPID,
    mchid: MCHID,
    description: '文章打赏',
    out_trade_no: `T${Date.now()}${++seq}`,
    notify_url: 'https://h5.example.com/api/pay/notify',
    amount: { total: 100, currency: 'CNY' },
    payer: { openid: OPENID },
    ...over,
  }
}

function verifyPlatform(headers: Headers | Record<string, string | string[] | undefined>, body: string): boolean {
  const get = (k: string) => headers instanceof Headers ? headers.get(k) : headers[k.toLowerCase()] as string
  const message = `${get('Wechatpay-Timestamp')}\n${get('Wechatpay-Nonce')}\n${body}\n`
  return createVerify('RSA-SHA256').update(message).verify(TEST_PUB, get('Wechatpay-Signature') ?? '', 'base64')
}

describe('merchant Authorization (protocol §5.1)', () => {
  const url = '/v3/pay/transactions/jsapi'
  const now = () => String(Math.floor(Date.now() / 1000))
  const send = (header: string, body: string) => fetch(sim.origin + url, { method: 'POST', headers: { 'Authorization': header, 'Content-Type': 'application/json', 'Accept': 'application/json' }, body })

  it.each([
    ['the official pair order', (b: string) => authHeader('POST', url, b), 200],
    ['a shuffled pair order', (b: string) => authHeader('POST', url, b, {}, ['signature', 'serial_no', 'timestamp', 'mchid', 'nonce_str']), 200],
    ['a wrong signature', (b: string) => authHeader('POST', url, b, { signature: sign('something else') }), 401],
    ['a clock skewed by 6 minutes', (b: string) => { const ts = String(Number(now()) - 360); return authHeader('POST', url, b, { timestamp: ts, signature: sign(`POST\n${url}\n${ts}\nN\n${b}\n`), nonce_str: 'N' }) }, 401],
    ['a wrong serial', (b: string) => authHeader('POST', url, b, { serial_no: '0'.repeat(40) }), 401],
    ['a wrong mchid', (b: string) => authHeader('POST', url, b, { mchid: '1900000000' }), 401],
    ['a tampered body', (b: string) => authHeader('POST', url, b.replace('"total":100', '"total":1')), 401],
    ['a signature over the URL with a host', (b: string) => { const ts = now(); return authHeader('POST', url, b, { timestamp: ts, nonce_str: 'N', signature: sign(`POST\nhttps://api.mch.weixin.qq.com${url}\n${ts}\nN\n${b}\n`) }) }, 401],
    ['a message without the final newline', (b: string) => { const ts = now(); return authHeader('POST', url, b, { timestamp: ts, nonce_str: 'N', signature: sign(`POST\n${url}\n${ts}\nN\n${b}`) }) }, 401],
    ['another scheme', (b: string) => authHeader('POST', url, b).replace('WECHATPAY2-SHA256-RSA2048', 'WECHATPAY2-SHA256-RSA'), 401],
    ['a missing pair', (b: string) => authHeader('POST', url, b).replace(/,serial_no="[^"]*"/, ''), 401],
  ])('%s → %i', async (_n, header, status) => {
    const body = JSON.stringify(orderBody())
    const res = await send(header(body), body)
    const text = await res.text()
    expect(res.status).toBe(status)
    if (status === 401)
      expect(JSON.parse(text)).toMatchObject({ code: 'SIGN_ERROR' })
    expect(verifyPlatform(res.headers, text)).toBe(true)
  })

  it('signs the query string exactly as sent', async () => {
    const body = orderBody()
    await pay(sim.origin, 'POST', url, body)
    const q = `/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${MCHID}`
    expect((await pay(sim.origin, 'GET', q)).status).toBe(200)
    const res = await fetch(`${sim.origin}${q}`, { headers: { Authorization: authHeader('GET', `/v3/pay/transactions/out-trade-no/${body.out_trade_no}`, ''), Accept: 'application/json' } })
    expect(res.status).toBe(401)
  })
})

describe('prepay body rules (protocol §6.1)', () => {
  it.each([
    ['amount in yuan', { amount: { total: 0.01 } }, '/amount/total'],
    ['amount as a string', { amount: { total: '100' } }, '/amount/total'],
    ['a zero amount', { amount: { total: 0 } }, '/amount/total'],
    ['a short out_trade_no', { out_trade_no: 'abc' }, '/out_trade_no'],
    ['a 33-char out_trade_no', { out_trade_no: 'A'.repeat(33) }, '/out_trade_no'],
    ['an http notify_url', { notify_url: 'http://h5.example.com/notify' }, '/notify_url'],
    ['a notify_url with a query', { notify_url: 'https://h5.example.com/notify?x=1' }, '/notify_url'],
    ['another appid', { appid: 'wx0000000000000000' }, '/appid'],
    ['an openid of another app', { payer: { openid: openidFor('wx0000000000000000', 'iphone') } }, '/payer/openid'],
    ['no payer', { payer: undefined }, '/payer/openid'],
    ['a bad time_expire', { time_expire: '2030-01-01 10:00:00' }, '/time_expire'],
    ['a 128+ char description', { description: '长'.repeat(128) }, '/description'],
  ])('rejects %s with PARAM_ERROR', async (_n, over, field) => {
    const r = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', orderBody(over))
    expect(r.status).toBe(400)
    expect(r.json).toMatchObject({ code: 'PARAM_ERROR', detail: { field } })
  })

  it('accepts an http notify_url on loopback (local development) unless disabled', async () => {
    const body = orderBody({ notify_url: 'http://127.0.0.1:3000/api/pay/notify' })
    expect((await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', body)).status).toBe(200)
    const strict = await startTestSimulator({ allowHttpNotifyLoopback: false })
    expect((await pay(strict.origin, 'POST', '/v3/pay/transactions/jsapi', orderBody({ notify_url: 'http://127.0.0.1:3000/n' }))).status).toBe(400)
    await strict.close()
  })
})

describe('order life cycle (protocol §6.1, §6.7)', () => {
  it('returns a prepay_id again for the same unpaid order but INVALID_REQUEST for changed parameters', async () => {
    const body = orderBody()
    const a = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', body)
    const b = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', body)
    expect(b.json.prepay_id).toBe(a.json.prepay_id)
    const c = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', { ...body, amount: { total: 200 } })
    expect(c.status).toBe(400)
    expect(c.json.code).toBe('INVALID_REQUEST')
  })

  it('answers ORDER_NOT_EXIST for unknown orders', async () => {
    const r = await pay(sim.origin, 'GET', `/v3/pay/transactions/out-trade-no/NOPE000001?mchid=${MCHID}`)
    expect(r.status).toBe(404)
    expect(r.json.code).toBe('ORDER_NOT_EXIST')
  })

  it('closes with 204 (signed empty body) and a closed order cannot be paid', async () => {
    const body = orderBody()
    const { json } = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', body)
    const closed = await pay(sim.origin, 'POST', `/v3/pay/transactions/out-trade-no/${body.out_trade_no}/close`, { mchid: MCHID })
    expect(closed.status).toBe(204)
    expect(verifyPlatform(closed.headers, '')).toBe(true)
    expect((await pay(sim.origin, 'GET', `/v3/pay/transactions/out-trade-no/${body.out_trade_no}?mchid=${MCHID}`)).json.trade_state).toBe('CLOSED')
    expect(await postJson(`${sim.origin}/__sim/bridge/pay/confirm`, { prepayId: json.prepay_id })).toMatchObject({ ok: false })
  })

  it('expires prepay_id after 2 hours; a repeated prepay issues a new one', async () => {
    const body = orderBody()
    const a = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', body)
    await postJson(`${sim.origin}/__sim/clock`, { advanceSeconds: 7201 })
    expect(await postJson(`${sim.origin}/__sim/bridge/pay/confirm`, { prepayId: a.json.prepay_id })).toMatchObject({ ok: false })
    const b = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', body)
    expect(b.status).toBe(200)
    expect(b.json.prepay_id).not.toBe(a.json.prepay_id)
  })

  it('signs every response with the platform key id as Wechatpay-Serial', async () => {
    const r = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', orderBody())
    expect(r.headers.get('wechatpay-serial')).toBe(PUB_KEY_ID)
    expect(r.headers.get('request-id')).toBeTruthy()
    expect(verifyPlatform(r.headers, r.text)).toBe(true)
  })
})

describe('paying and notifying (protocol §6.2, §6.5)', () => {
  async function paidOrder(notifyUrl: string) {
    const body = orderBody({ notify_url: notifyUrl })
    const { json } = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', body)
    const pkg = `prepay_id=${json.prepay_id}`
    const ts = String(Math.floor(Date.now() / 1000))
    const paySign = sign(`${APPID}\n${ts}\nNONCE\n${pkg}\n`)
    const check = await postJson(`${sim.origin}/__sim/bridge/pay/check`, { appId: APPID, timeStamp: ts, nonceStr: 'NONCE', package: pkg, signType: 'RSA', paySign, pageUrl: 'https://h5.example.com/article/1' })
    expect(check).toMatchObject({ ok: true, order: { total: 100, outTradeNo: body.out_trade_no } })
    expect(await postJson(`${sim.origin}/__sim/bridge/pay/confirm`, { prepayId: json.prepay_id })).toEqual({ ok: true })
    return body.out_trade_no
  }

  it.each([
    ['signType MD5', { signType: 'MD5' }],
    ['a numeric timeStamp', { timeStamp: 1554208460 }],
    ['a paySign over other data', { paySign: sign('x') }],
    ['an unknown prepay_id', { package: 'prepay_id=wx000' }],
  ])('the pay check refuses %s', async (_n, over) => {
    const { json } = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', orderBody())
    const pkg = `prepay_id=${json.prepay_id}`
    const base = { appId: APPID, timeStamp: '1554208460', nonceStr: 'N', package: pkg, signType: 'RSA', paySign: sign(`${APPID}\n1554208460\nN\n${pkg}\n`), pageUrl: 'https://h5.example.com/a' }
    expect(await postJson(`${sim.origin}/__sim/bridge/pay/check`, base)).toMatchObject({ ok: true })
    expect(await postJson(`${sim.origin}/__sim/bridge/pay/check`, { ...base, ...over })).toMatchObject({ ok: false, err_msg: 'get_brand_wcpay_request:fail' })
  })

  it('delivers a signed, encrypted TRANSACTION.SUCCESS and retries after a 500', async () => {
    const merchant = await notifyReceiver([500, 204])
    const no = await paidOrder(merchant.url)
    await waitFor(() => merchant.received.length >= 2 ? true : undefined)
    const [first, second] = merchant.received
    expect(second!.body).toBe(first!.body) // same event re-sent
    expect(second!.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048')
    expect(second!.headers['wechatpay-serial']).toBe(PUB_KEY_ID)
    expect(verifyPlatform(second!.headers as Record<string, string>, second!.body)).toBe(true)
    const event = JSON.parse(second!.body) as { event_type: string, resource: { ciphertext: string, nonce: string, associated_data: string } }
    expect(event.event_type).toBe('TRANSACTION.SUCCESS')
    expect(event.resource.nonce).toHaveLength(12)
    const tx = JSON.parse(decryptResource(event.resource.ciphertext, APIV3_KEY, event.resource.nonce, event.resource.associated_data)) as Record<string, unknown>
    expect(tx).toMatchObject({ out_trade_no: no, trade_state: 'SUCCESS', trade_type: 'JSAPI', payer: { openid: OPENID }, amount: { total: 100, payer_total: 100 } })
    const log = await waitFor(async () => {
      const o = await getJson(`${sim.origin}/__sim/orders/${no}`)
      return (o.deliveries as unknown[]).length === 2 ? o : undefined
    })
    expect(log.deliveries).toMatchObject([{ attempt: 1, status: 500, outcome: 'failed' }, { attempt: 2, status: 204, outcome: 'delivered' }])
    const q = await pay(sim.origin, 'GET', `/v3/pay/transactions/id/${tx.transaction_id}?mchid=${MCHID}`)
    expect(q.json.trade_state).toBe('SUCCESS')
    await merchant.close()
  })

  it('refunds a paid order and sends REFUND.SUCCESS', async () => {
    const merchant = await notifyReceiver([200])
    const no = await paidOrder(merchant.url)
    await waitFor(() => merchant.received.length >= 1 ? true : undefined)
    const refund = { out_trade_no: no, out_refund_no: `R${no}`, notify_url: merchant.url, amount: { refund: 60, total: 100, currency: 'CNY' } }
    const r = await pay(sim.origin, 'POST', '/v3/refund/domestic/refunds', refund)
    expect(r.json).toMatchObject({ status: 'PROCESSING', out_refund_no: refund.out_refund_no })
    const too = await pay(sim.origin, 'POST', '/v3/refund/domestic/refunds', { ...refund, out_refund_no: `S${no}`, amount: { refund: 50, total: 100, currency: 'CNY' } })
    expect(too.status).toBe(403)
    await waitFor(() => merchant.received.length >= 2 ? true : undefined)
    expect(JSON.parse(merchant.received[1]!.body).event_type).toBe('REFUND.SUCCESS')
    expect((await pay(sim.origin, 'GET', `/v3/refund/domestic/refunds/${refund.out_refund_no}`)).json.status).toBe('SUCCESS')
    expect((await pay(sim.origin, 'GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${MCHID}`)).json.trade_state).toBe('REFUND')
    await merchant.close()
  })
})
