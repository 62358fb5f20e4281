// The official (and project) test vectors of protocol §0, run through the simulator's own crypto.

import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decryptResource } from '../../src/simulator/crypto/aes-gcm.ts'
import { jssdkSignature } from '../../src/simulator/crypto/jssdk-signature.ts'
import { verifyMerchantRequest } from '../../src/simulator/crypto/merchant-auth.ts'
import { responseSignatureMessage, signRsaSha256 } from '../../src/simulator/crypto/platform-sign.ts'
import { notifyBody } from '../../src/simulator/pay/notify-body.ts'
import { MCHID, pay, postJson, readVector, SERIAL, startTestSimulator, TEST_KEY, TEST_PUB } from './helpers.ts'

const TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg'
const TS = '1554208460'
const NONCE = '593BEC0C930BF1AFEB40B4A08C8FB242'
const V5_BODY = '{"appid":"wxd678efh567hg6787","mchid":"1900007291","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","notify_url":"https://www.weixin.qq.com/wxpay/pay.php","amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}'
const V5_SIG = 'jnks4dlrPw3ZX+ozVvSK39oa0t7OMBsg83BHAwd8BRdUFiVaQNTLTvci+wURgP1OQBbKYhFGvt7iqYpDSTQkp7Uq1sltaQKyncCyrA1g88m5bsKERQfPyT0ahSwKTYJ1CAn9QiJuSJRq1QsQs07eehbU/k9BCS51jTyc1Jpsi2H77HF9f/BnjXAOP3/sPObg6V5Ee4EzwLox684hhuMuIwHo7D8KFk3LIHOKDcNI4It1aCXydFWNpNK+SG86VUDe5kwoDpw4Ulqfu9z8OFDGbDs9TCxEv8iqQzbpxOlEVoOe2kalSYM5kApQb3nZcxdUtoE0liJGW3RGUNE0t4v01A=='
const V6_SIG = 'Lc9VXxmeonkdV8Xk9tmigQFLhl0vRWTerdmoRu01aAnYwIrD/5nsSwE1WlmZGLRlAFTNQ3QsMa0+VRDlJp1Wp5p0nO8EK68b5sJBbjouxaFciIfq1zfDWWz+jqhcMoKXI1A6dPm1AW7D4d30WsMTNzp6g23OXakIsh9LO3lUmwvTuE0BY8ncf6tNGk4wKmvXwERd/ZpoQY3MAVKz+Nakwc+2XBmzT66KcUehU5kr4IvGa/lEU5RZb/q00zP9VLdBhC/jQSX3X1UcJLCtEc4gTmib4tnmAT+bHF/e17ZAuxDNcx6rqT8gNEXqaJGG+1OflMSTU2tpyG65G4dMKdFcoA=='
const V7_SIG = 'mI35pfNEQV6777ke/1T+LJLQDNTm7yeoUJH+j/adPGhmCCi0PbgkvYQTRcXH0uibcLVtvFLdGLpmoYO9FV6lBBsTAjuhh5YOvQi0e2g3e0yytitiNET9FEuqM0pjnKfRW4K6LIZDdbWJv9KhZUx3DrJa5TL7OJ7VdADVivxVySIlPVKjGwuCXzuXSJes0UcILgWQUMyha5/3nYofuHtS7r+KYyMuxD+oJ9VM1Qdxk4UIG59CP5Y3wtYIFybyF3bdu1caHTRRX+DLyMXyYA/IrTmiW01c4RPjpHBX5Dk1sZyY1zVsWNsvMHr2e1NTWtBxKJ+qk5N61J7caYoepHFaxw=='

describe('JS-SDK signature vectors (protocol §3.1)', () => {
  it.each([
    ['V1 current doc, URL with query', 'http://mp.weixin.qq.com?params=value', '0f9de62fce790f9a083d5c99e95740ceb90c27ed'],
    ['V2 old doc, URL without query', 'http://mp.weixin.qq.com', 'f4d90daf4b3bca3078ab155816175ba34c443a7b'],
  ])('%s', (_name, url, expected) => {
    expect(jssdkSignature({ ticket: TICKET, nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: '1414587457', url })).toBe(expected)
  })
})

describe('APIv3 Authorization verifier with the official vectors (protocol §6.3)', () => {
  const official = (sig: string, order: string) => {
    const pairs: Record<string, string> = { mchid: MCHID, nonce_str: NONCE, signature: sig, timestamp: TS, serial_no: SERIAL }
    return `WECHATPAY2-SHA256-RSA2048 ${order.split(',').map(k => `${k}="${pairs[k]}"`).join(',')}`
  }
  const base = { nowSeconds: Number(TS), mchId: MCHID, merchantSerial: SERIAL, merchantPublicKeyPem: TEST_PUB }
  const v5 = { method: 'POST', url: '/v3/pay/transactions/jsapi', body: V5_BODY, sig: V5_SIG }
  const v6 = { method: 'GET', url: '/v3/refund/domestic/refunds/123123123123', body: '', sig: V6_SIG }

  it.each([
    ['V5 in the official pair order', v5, 'mchid,nonce_str,signature,timestamp,serial_no'],
    ['V5 in wechatpay-go order', v5, 'mchid,nonce_str,timestamp,serial_no,signature'],
    ['V6 in axios-plugin order', v6, 'mchid,serial_no,timestamp,nonce_str,signature'],
  ])('accepts %s', (_name, v, order) => {
    expect(verifyMerchantRequest({ ...base, header: official(v.sig, order), method: v.method, url: v.url, body: v.body }).ok).toBe(true)
  })

  it.each([
    ['a tampered body', { ...v5, body: V5_BODY.replace('"total":100', '"total":1') }],
    ['another path', { ...v6, url: '/v3/refund/domestic/refunds/123123123124' }],
    ['another method', { ...v6, method: 'POST' }],
    ['a flipped signature byte', { ...v5, sig: `A${V5_SIG.slice(1)}` }],
    ['a SIGNTEST probe signature', { ...v5, sig: `WECHATPAY/SIGNTEST/${V5_SIG}` }],
  ])('rejects %s', (_name, v) => {
    expect(verifyMerchantRequest({ ...base, header: official(v.sig, 'mchid,nonce_str,signature,timestamp,serial_no'), method: v.method, url: v.url, body: v.body }).ok).toBe(false)
  })
})

describe('paySign V7 through the bridge pay check (protocol §6.4)', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startTestSimulator({}, { newPrepayId: () => 'wx201410272009395522657a690389285100' })
  })
  afterAll(() => sim.close())

  it('accepts the official-key paySign for the order it belongs to', async () => {
    const setup = await (await fetch(`${sim.origin}/__sim/setup`)).json() as { personas: { openid: string }[] }
    const prepay = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', {
      appid: 'wx2421b1c4370ec43b',
      mchid: MCHID,
      description: 'V7',
      out_trade_no: 'V7ORDER0001',
      notify_url: 'https://h5.example.com/notify',
      amount: { total: 1 },
      payer: { openid: setup.personas[0]!.openid },
    })
    expect(prepay.json.prepay_id).toBe('wx201410272009395522657a690389285100')
    const params = { appId: 'wx2421b1c4370ec43b', timeStamp: TS, nonceStr: NONCE, package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA', pageUrl: 'https://h5.example.com/pay' }
    expect(await postJson(`${sim.origin}/__sim/bridge/pay/check`, { ...params, paySign: V7_SIG })).toMatchObject({ ok: true, order: { total: 1, outTradeNo: 'V7ORDER0001' } })
    expect(await postJson(`${sim.origin}/__sim/bridge/pay/check`, { ...params, nonceStr: 'x', paySign: V7_SIG })).toMatchObject({ ok: false, err_msg: 'get_brand_wcpay_request:fail' })
  })
})

describe('notify vector (protocol §6.6)', () => {
  const plaintext = '{"mchid":"1900007291","appid":"wxd678efh567hg6787","out_trade_no":"1217752501201407033233368018","transaction_id":"4200000000000000000000000001","trade_type":"JSAPI","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":"OTHERS","attach":"","success_time":"2019-04-02T20:34:20+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"amount":{"total":100,"payer_total":100,"currency":"CNY","payer_currency":"CNY"}}'
  const expectedBody = readVector('notify_body.json')
  const expectedSig = readVector('notify_sig.txt').trim()

  it('reproduces notify_body.json byte for byte', () => {
    const body = notifyBody({ id: 'EV-2018022511223320873', createTime: '2019-04-02T20:34:20+08:00', eventType: 'TRANSACTION.SUCCESS', summary: '支付成功', originalType: 'transaction', plaintext, nonce: 'fdasflkja484' }, '0123456789abcdef0123456789abcdef')
    expect(body).toBe(expectedBody)
  })

  it('reproduces notify_sig.txt and decrypts the resource', () => {
    expect(signRsaSha256(responseSignatureMessage(TS, NONCE, expectedBody), TEST_KEY)).toBe(expectedSig)
    const resource = (JSON.parse(expectedBody) as { resource: { ciphertext: string, nonce: string, associated_data: string } }).resource
    expect(decryptResource(resource.ciphertext, '0123456789abcdef0123456789abcdef', resource.nonce, resource.associated_data)).toBe(plaintext)
  })
})
