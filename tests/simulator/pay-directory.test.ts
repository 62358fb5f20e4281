// JSAPI 支付授权目录 (protocol §6.2): the page that pays must lie in a registered directory,
// and the page is the one the client knows (§3.2: iOS landing URL, Android current URL — the
// bridge picks it; tests/e2e/wechat-bridge-pay.test.ts covers that side).

import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/simulator/config.ts'
import { openidFor } from '../../src/simulator/openid.ts'
import { checkPayDirectory, pageDirectory } from '../../src/simulator/pay/pay-directory.ts'
import { APPID, MCHID, pay, postJson, sign, startTestSimulator, testConfig } from './helpers.ts'

describe('the directory rule', () => {
  const dirs = ['https://h5.example.com/', 'https://shop.example.com/abc/123/']
  it.each([
    ['https://h5.example.com/', true],
    ['https://h5.example.com/column/7?x=1#top', true], // a site root allows every page below it
    ['https://h5.example.com/a/b/c', true],
    ['http://h5.example.com/a', false], // another scheme is another directory
    ['https://H5.Example.com/a', true], // host case does not matter
    ['https://m.h5.example.com/a', false],
    ['https://shop.example.com/abc/123/pay', true], // a deeper directory: the page's own directory must equal it
    ['https://shop.example.com/abc/123/?from=singlemessage', true],
    ['https://shop.example.com/abc/123', false], // directory /abc/
    ['https://shop.example.com/abc/123/pay/now', false], // sub-directory /abc/123/pay/
    ['https://shop.example.com/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => {
    const r = checkPayDirectory(url, dirs)
    expect(r.ok).toBe(ok)
    if (!r.ok)
      expect(r.reason).toMatch(/^当前页面的URL未注册/)
  })

  it('takes the directory before the last "/" and drops query and hash', () => {
    expect(pageDirectory('https://a.example.com/x/y.html?q=/z#/w')).toBe('https://a.example.com/x/')
  })

  it.each(['127.0.0.1:5173/', 'http://127.0.0.1:5173/pay', 'http://127.0.0.1:5173/?x=1', 'ftp://a/'])('refuses the misconfigured directory %s at startup', (dir) => {
    expect(() => resolveConfig(testConfig({ payDirectories: [dir] }))).toThrow(/payDirectories/)
  })
})

describe('the bridge pay check', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startTestSimulator({ payDirectories: ['https://h5.example.com/pay/'] })
  })
  afterAll(() => sim.close())

  async function checkFrom(pageUrl: string | undefined) {
    const { status, json } = await pay(sim.origin, 'POST', '/v3/pay/transactions/jsapi', {
      appid: APPID,
      mchid: MCHID,
      description: 'd',
      out_trade_no: `DIR${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
      notify_url: 'https://h5.example.com/notify',
      amount: { total: 1 },
      payer: { openid: openidFor(APPID, 'iphone') },
    })
    expect(status).toBe(200)
    const pkg = `prepay_id=${json.prepay_id}`
    const body = { appId: APPID, timeStamp: '1554208460', nonceStr: 'N', package: pkg, signType: 'RSA', paySign: sign(`${APPID}\n1554208460\nN\n${pkg}\n`), pageUrl }
    return postJson(`${sim.origin}/__sim/bridge/pay/check`, body)
  }

  it('accepts a page in the registered directory', async () => {
    expect(await checkFrom('https://h5.example.com/pay/checkout?id=1')).toMatchObject({ ok: true })
  })

  it.each([
    ['a page outside it', 'https://h5.example.com/article/1'],
    ['a page in a sub-directory', 'https://h5.example.com/pay/v2/checkout'],
    ['a caller that does not say which page pays', undefined],
  ])('refuses %s with 当前页面的URL未注册', async (_n, pageUrl) => {
    expect(await checkFrom(pageUrl)).toMatchObject({ ok: false, err_msg: 'get_brand_wcpay_request:fail', reason: expect.stringMatching(/^当前页面的URL未注册/) })
  })
})
