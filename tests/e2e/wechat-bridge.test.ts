// The WeixinJSBridge emulator driven through the real weixin-js-sdk 1.6.5 in Debian Chromium,
// against the REAL simulator: wx.config is signed with a jsapi_ticket obtained from it as the
// kit's server would (stable_token → getticket), and chooseWXPay pays a prepay created at its
// APIv3 endpoint with a merchant-signed request, down to the signed, encrypted notification.
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { SimulatorSetup } from '../../src/simulator/keys.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import type { ChooseWXPayArgs, Delivery } from './helpers/wechat-sim.ts'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildBridgeBundle } from '../../scripts/build-bridge.ts'
import { jsSdkSignature } from '../../src/server/wechat/jssdk-signature.ts'
import { configFromSetup } from '../../src/simulator/config.ts'
import { createSimulatorSetup } from '../../src/simulator/keys.ts'
import { startSimulator } from '../../src/simulator/start.ts'
import { launchChromium } from './helpers/chromium.ts'
import { chooseWXPayArgs, createPrepay, decryptNotification, fetchJsapiTicket, startNotifyReceiver, verifyPlatformSignature } from './helpers/wechat-sim.ts'

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..')
const SDK_SOURCE = readFileSync(resolve(repoRoot, 'node_modules/weixin-js-sdk/index.js'), 'utf8')
const ALL_APIS = ['updateAppMessageShareData', 'updateTimelineShareData', 'chooseWXPay', 'getNetworkType']
const ORDER = { description: '专栏订阅 · 一年', total: 1234 }

// ---- state shared by the whole file (one simulator, one browser) -----------------------------
let setup: SimulatorSetup
let sim: RunningSimulator
let ticket: string
let browser: Browser
let bundlePath: string
/** The page server; its origin is the simulator's publicOrigin (JS safe domain, auth domain). */
let appOrigin: string
/** The same page server on another port: a host:port that is not a JS safe domain. */
let otherPortOrigin: string
/** The same page server under another host name (same port): not a JS safe domain either. */
let localhostOrigin: string
let notify: Awaited<ReturnType<typeof startNotifyReceiver>>
let openids: Record<string, string>
const servers: Server[] = []
let context: BrowserContext | undefined
let orderSeq = 0

const nowSeconds = () => Math.floor(Date.now() / 1000)
const newNonceStr = () => randomBytes(8).toString('hex')

/** A wx.config signed as the kit's server signs it (§3.1), with the simulator's real ticket. */
function signedConfig(url: string, o: { appId?: string, ticket?: string, jsApiList?: string[] } = {}) {
  const timestamp = nowSeconds()
  const nonceStr = newNonceStr()
  return {
    appId: o.appId ?? setup.appId,
    timestamp,
    nonceStr,
    signature: jsSdkSignature(o.ticket ?? ticket, nonceStr, timestamp, url),
    jsApiList: o.jsApiList ?? ALL_APIS,
  }
}

// ---- the app under test: any path serves a page that loads the real SDK ----------------------
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bridge test</title>
<script>var module = { exports: {} };</script><script src="/sdk.js"></script><script>window.wx = module.exports;</script>
<script>
  window.configure = (cfg) => new Promise((resolve) => {
    const events = []
    wx.error((r) => events.push('error:' + r.errMsg))
    wx.ready(() => { events.push('ready'); resolve(events) })
    wx.config(cfg)
  })
  window.callWx = (api, args) => new Promise((resolve) => wx[api]({ ...args,
    success: (r) => resolve({ cb: 'success', errMsg: r.errMsg }),
    fail: (r) => resolve({ cb: 'fail', errMsg: r.errMsg }),
    cancel: (r) => resolve({ cb: 'cancel', errMsg: r.errMsg }) }))
  window.bridgeReady = new Promise((resolve) => typeof WeixinJSBridge === 'object'
    ? resolve() : document.addEventListener('WeixinJSBridgeReady', () => resolve(), false))
</script></head><body><h1>article</h1></body></html>`

function appHandler(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/sdk.js')
    return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(SDK_SOURCE)
  if (req.url === '/favicon.ico')
    return void res.writeHead(204).end()
  // /early: wx.config runs while the page loads, before the client has injected its bridge (§4.2).
  const early = req.url?.startsWith('/early')
    ? `<script>window.bridgeAtConfig = typeof WeixinJSBridge; window.early = configure(${JSON.stringify(signedConfig(`http://${req.headers.host}${req.url}`, { jsApiList: ['updateAppMessageShareData'] }))})</script>`
    : ''
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE.replace('</head>', `${early}</head>`))
}

async function listen(server: Server): Promise<number> {
  servers.push(server)
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  return (server.address() as AddressInfo).port
}

// ---- harness ------------------------------------------------------------------------------
beforeAll(async () => {
  const appPort = await listen(createServer(appHandler))
  appOrigin = `http://127.0.0.1:${appPort}`
  localhostOrigin = `http://localhost:${appPort}`
  otherPortOrigin = `http://127.0.0.1:${await listen(createServer(appHandler))}`
  // RSA key generation is the slow part: once per file.
  setup = createSimulatorSetup()
  const [started, bundle, launched, receiver] = await Promise.all([
    startSimulator({ config: configFromSetup(setup, { publicOrigin: appOrigin, notifyRetryScale: 0.001 }) }),
    buildBridgeBundle(resolve(repoRoot, 'dist/simulator/bridge.test.iife.js')),
    launchChromium(),
    startNotifyReceiver(),
  ])
  sim = started
  bundlePath = bundle
  browser = launched
  notify = receiver
  ticket = await fetchJsapiTicket(sim.origin, setup.appId, setup.appSecret)
  const info = await (await fetch(`${sim.origin}/__sim/setup`)).json() as { personas: Array<{ key: string, openid: string }> }
  openids = Object.fromEntries(info.personas.map(p => [p.key, p.openid]))
})

afterEach(async () => {
  await context?.close()
  context = undefined
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await sim?.close()
  await notify?.close()
  await Promise.all(servers.map(s => new Promise(ok => s.close(ok))))
})

interface Opened {
  page: Page
  errors: string[]
  external: string[]
  /** Paths of the bridge's calls to the simulator backend, e.g. /__sim/bridge/pay/check. */
  simCalls: string[]
}

async function open(device: 'ios' | 'android' | undefined, path = '/article/1?utm=x', origin = appOrigin): Promise<Opened> {
  context = await browser.newContext()
  await context.addInitScript((cfg) => {
    (window as unknown as { __WXSIM_CONFIG__: unknown }).__WXSIM_CONFIG__ = cfg
  }, { simulatorOrigin: sim.origin, device })
  await context.addInitScript({ path: bundlePath })
  const page = await context.newPage()
  const errors: string[] = []
  const external: string[] = []
  const simCalls: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  page.on('console', m => m.type() === 'error' && errors.push(m.text()))
  page.on('request', (r) => {
    const url = r.url()
    if (url.startsWith(`${sim.origin}/__sim/bridge/`) && r.method() === 'POST')
      simCalls.push(new URL(url).pathname)
    if (!url.startsWith('http://127.0.0.1') && !url.startsWith('http://localhost'))
      external.push(url)
  })
  await page.goto(origin + path)
  await page.evaluate(() => (window as unknown as { bridgeReady: Promise<void> }).bridgeReady)
  return { page, errors, external, simCalls }
}

interface WxResult { cb: string, errMsg: string }
type Win = Window & {
  configure: (cfg: object) => Promise<string[]>
  callWx: (api: string, args: object) => Promise<WxResult>
  __wxsim: { persona: string, landingUrl: string, lastConfig: { result: string, signedUrl: string, reason?: string } | null, shareData: Record<string, { title: string, desc?: string, link: string } | null>, calls: Array<{ kind: string, name: string, reply: string, reason?: string }>, closed: boolean }
  __pay?: Promise<WxResult>
}

function configure(page: Page, cfg: ReturnType<typeof signedConfig>) {
  return page.evaluate(c => (window as unknown as Win).configure(c), cfg)
}
function callWx(page: Page, api: string, args: object) {
  return page.evaluate(([a, b]) => (window as unknown as Win).callWx(a, b), [api, args] as const)
}
function inspect(page: Page) {
  return page.evaluate(() => {
    const s = (window as unknown as Win).__wxsim
    return { persona: s.persona, landingUrl: s.landingUrl, lastConfig: s.lastConfig, shareData: s.shareData, calls: s.calls, closed: s.closed }
  })
}

// ---- pay helpers ----------------------------------------------------------------------------
async function newPrepay(device: 'ios' | 'android'): Promise<{ outTradeNo: string, prepayId: string }> {
  const outTradeNo = `E2E${Date.now()}${++orderSeq}`
  const prepayId = await createPrepay(sim.origin, setup, {
    ...ORDER,
    outTradeNo,
    openid: openids[device === 'ios' ? 'iphone' : 'android']!,
    notifyUrl: notify.url,
  })
  return { outTradeNo, prepayId }
}
async function simOrder(outTradeNo: string) {
  const res = await fetch(`${sim.origin}/__sim/orders/${outTradeNo}`)
  expect(res.status).toBe(200)
  return await res.json() as { order: { trade_state: string, out_trade_no: string }, deliveries: Array<{ outcome: string, status?: number }> }
}
function startPay(page: Page, args: object): Promise<void> {
  return page.evaluate((a) => {
    const w = window as unknown as Win
    w.__pay = w.callWx('chooseWXPay', a)
  }, args)
}
const payResult = (page: Page) => page.evaluate(() => (window as unknown as Win).__pay!)
function notificationsFor(outTradeNo: string): Delivery[] {
  return notify.deliveries.filter(d => decryptNotification(d.body, setup.apiV3Key).resource.out_trade_no === outTradeNo)
}

describe('the WeixinJSBridge emulator, driven by the real weixin-js-sdk against the real simulator', () => {
  it('contains no Node built-ins in the browser bundle', () => {
    const js = readFileSync(bundlePath, 'utf8')
    expect(js).not.toMatch(/\brequire\s*\(/)
    expect(js).not.toMatch(/["']node:/)
    expect(js).not.toMatch(/\bprocess\.(env|argv)/)
  })

  it.each(['ios', 'android'] as const)('verifies a wx.config signed with the simulator\'s jsapi_ticket on the %s persona', async (device) => {
    const { page, errors } = await open(device)
    const ua = await page.evaluate(() => navigator.userAgent)
    expect(ua).toMatch(device === 'ios' ? /iPhone.*MicroMessenger\/8\./ : /Android.*MicroMessenger\/8\./)
    expect(await configure(page, signedConfig(`${appOrigin}/article/1?utm=x`))).toEqual(['ready'])
    const s = await inspect(page)
    expect(s.persona).toBe(device)
    expect(s.lastConfig).toMatchObject({ result: 'config:ok', signedUrl: `${appOrigin}/article/1?utm=x` })
    expect(errors).toEqual([])
  })

  it('defers a wx.config made during page load until WeixinJSBridgeReady', async () => {
    const { page } = await open('ios', '/early?x=1')
    expect(await page.evaluate(() => (window as unknown as { bridgeAtConfig: string }).bridgeAtConfig)).toBe('undefined')
    expect(await page.evaluate(() => (window as unknown as { early: Promise<string[]> }).early)).toEqual(['ready'])
  })

  it.each([
    ['ios', 'current', ['error:config:invalid signature', 'ready']],
    ['ios', 'landing', ['ready']],
    ['android', 'current', ['ready']],
    ['android', 'landing', ['error:config:invalid signature', 'ready']],
  ] as const)('after history.pushState, the %s persona with a signature for the %s URL gives %j', async (device, signFor, expected) => {
    const { page } = await open(device, '/landing?from=menu#top')
    await page.evaluate(() => history.pushState({}, '', '/article/2?id=7#comments'))
    const url = signFor === 'landing' ? `${appOrigin}/landing?from=menu` : `${appOrigin}/article/2?id=7`
    expect(await configure(page, signedConfig(url))).toEqual(expected)
    // The URL the persona's client signed (§3.2), as the simulator echoed it back.
    expect((await inspect(page)).lastConfig?.signedUrl).toBe(device === 'ios' ? `${appOrigin}/landing?from=menu` : `${appOrigin}/article/2?id=7`)
  })

  it.each([
    ['localhost on the same port', () => localhostOrigin],
    ['127.0.0.1 on another port', () => otherPortOrigin],
  ])('fails wx.config with config:invalid url domain for a page on %s (not a JS safe domain)', async (_name, originOf) => {
    const origin = originOf()
    const { page, simCalls } = await open('android', '/article/1?utm=x', origin)
    // Correctly signed for the page's own URL: only the domain is wrong.
    expect(await configure(page, signedConfig(`${origin}/article/1?utm=x`))).toEqual(['error:config:invalid url domain', 'ready'])
    expect((await inspect(page)).lastConfig).toMatchObject({ result: 'config:invalid url domain', signedUrl: `${origin}/article/1?utm=x` })
    expect(simCalls).toEqual(['/__sim/bridge/preverify'])
  })

  it.each([
    ['an appId other than the one that got the ticket', { appId: 'wx0000000000000000' }],
    ['a ticket the simulator never issued', { ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg' }],
  ])('fails wx.config with config:invalid signature for %s', async (_name, over) => {
    const { page } = await open('ios')
    expect(await configure(page, signedConfig(`${appOrigin}/article/1?utm=x`, over))).toEqual(['error:config:invalid signature', 'ready'])
    expect((await inspect(page)).lastConfig?.result).toBe('config:invalid signature')
  })

  it('refuses APIs before config succeeds and APIs missing from jsApiList', async () => {
    const { page } = await open('ios')
    const share = { title: 't', link: `${appOrigin}/a`, imgUrl: `${appOrigin}/i.png` }
    expect(await callWx(page, 'updateTimelineShareData', share))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:fail, the permission value is offline verifying' })
    expect(await configure(page, signedConfig(`${appOrigin}/article/1?utm=x`, { jsApiList: ['updateAppMessageShareData'] }))).toEqual(['ready'])
    expect(await callWx(page, 'updateTimelineShareData', share))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:permission denied' })
    expect(await callWx(page, 'chooseWXPay', { timestamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 'x' }))
      .toEqual({ cb: 'fail', errMsg: 'chooseWXPay:permission denied' })
  })

  it('records share data in window.__wxsim and rejects a link outside the JS safe domain', async () => {
    const { page } = await open('android')
    expect(await configure(page, signedConfig(`${appOrigin}/article/1?utm=x`))).toEqual(['ready'])
    const friend = { title: '好文', desc: '一起读', link: `${appOrigin}/article/1?ref=share`, imgUrl: `${appOrigin}/cover.png` }
    expect(await callWx(page, 'updateAppMessageShareData', friend)).toEqual({ cb: 'success', errMsg: 'updateAppMessageShareData:ok' })
    expect(await callWx(page, 'updateTimelineShareData', { ...friend, title: '朋友圈' })).toEqual({ cb: 'success', errMsg: 'updateTimelineShareData:ok' })
    expect(await callWx(page, 'updateTimelineShareData', { ...friend, link: 'https://evil.example/a' }))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:invalid link domain' })
    const { shareData } = await inspect(page)
    expect(shareData.appMessage).toMatchObject({ title: '好文', desc: '一起读', link: friend.link })
    expect(shareData.timeline).toMatchObject({ title: '朋友圈', link: friend.link })
  })

  describe('chooseWXPay with a real prepay (protocol §6)', () => {
    async function configuredForPay(device: 'ios' | 'android'): Promise<Opened> {
      const opened = await open(device)
      expect(await configure(opened.page, signedConfig(`${appOrigin}/article/1?utm=x`))).toEqual(['ready'])
      return opened
    }

    it('shows the pay sheet, pays on confirm, and the merchant gets a signed, encrypted TRANSACTION.SUCCESS', async () => {
      const { page, errors } = await configuredForPay('ios')
      const { outTradeNo, prepayId } = await newPrepay('ios')
      await startPay(page, chooseWXPayArgs(setup, prepayId))
      const sheet = page.getByTestId('wxsim-pay-sheet')
      await expect(sheet.getByTestId('wxsim-pay-amount').textContent()).resolves.toBe('¥12.34')
      await expect(sheet.getByTestId('wxsim-pay-merchant').textContent()).resolves.toBe('模拟商户')
      await expect(sheet.getByTestId('wxsim-pay-description').textContent()).resolves.toBe(ORDER.description)
      await sheet.getByTestId('wxsim-pay-confirm').click()
      expect(await payResult(page)).toEqual({ cb: 'success', errMsg: 'chooseWXPay:ok' })
      expect(await sheet.count()).toBe(0)

      await expect.poll(() => notificationsFor(outTradeNo).length).toBeGreaterThan(0)
      const delivery = notificationsFor(outTradeNo)[0]!
      expect(delivery.headers['wechatpay-serial']).toBe(setup.platformPublicKeyId)
      expect(delivery.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048')
      expect(verifyPlatformSignature(delivery.headers, delivery.body, setup)).toEqual({ ok: true })
      // The check above is a real one: one changed byte of the body and it fails.
      expect(verifyPlatformSignature(delivery.headers, delivery.body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESs'), setup).ok).toBe(false)
      const { envelope, resource } = decryptNotification(delivery.body, setup.apiV3Key)
      expect(envelope).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', original_type: 'transaction' } })
      expect(resource).toMatchObject({
        appid: setup.appId,
        mchid: setup.mchId,
        out_trade_no: outTradeNo,
        trade_type: 'JSAPI',
        trade_state: 'SUCCESS',
        payer: { openid: openids.iphone },
        amount: { total: ORDER.total, payer_total: ORDER.total, currency: 'CNY' },
      })
      expect(resource.transaction_id).toMatch(/^\d+$/)

      // The simulator recorded the 204 as a delivery, so it will not retry.
      await expect.poll(async () => (await simOrder(outTradeNo)).deliveries.map(d => d.outcome)).toEqual(['delivered'])
      expect((await simOrder(outTradeNo)).order.trade_state).toBe('SUCCESS')
      // Acknowledged with 204: exactly one delivery, no retry.
      expect(notificationsFor(outTradeNo)).toHaveLength(1)
      expect(errors).toEqual([])
    })

    it('calls the cancel callback when the user cancels the pay sheet, and the order stays NOTPAY', async () => {
      const { page, simCalls } = await configuredForPay('android')
      const { outTradeNo, prepayId } = await newPrepay('android')
      await startPay(page, chooseWXPayArgs(setup, prepayId))
      await page.getByTestId('wxsim-pay-cancel').click()
      expect(await payResult(page)).toEqual({ cb: 'cancel', errMsg: 'chooseWXPay:cancel' })
      expect(simCalls).not.toContain('/__sim/bridge/pay/confirm')
      const o = await simOrder(outTradeNo)
      expect(o.order.trade_state).toBe('NOTPAY')
      expect(o.deliveries).toEqual([])
      expect(notificationsFor(outTradeNo)).toEqual([])
    })

    it('fails without a sheet for a paySign that does not verify', async () => {
      const { page, simCalls } = await configuredForPay('ios')
      const { outTradeNo, prepayId } = await newPrepay('ios')
      await startPay(page, chooseWXPayArgs(setup, prepayId, { signedNonce: 'not-the-nonce-sent' }))
      expect(await payResult(page)).toEqual({ cb: 'fail', errMsg: 'chooseWXPay:fail' })
      expect(await page.getByTestId('wxsim-pay-sheet').count()).toBe(0)
      // The simulator checked it and said no.
      expect(simCalls.filter(p => p.startsWith('/__sim/bridge/pay/'))).toEqual(['/__sim/bridge/pay/check'])
      expect((await inspect(page)).calls.find(c => c.name === 'getBrandWCPayRequest')?.reason).toMatch(/paySign/)
      expect((await simOrder(outTradeNo)).order.trade_state).toBe('NOTPAY')
    })

    it('fails without a sheet when the app passes timeStamp (capital S) to wx.chooseWXPay', async () => {
      const { page, simCalls } = await configuredForPay('ios')
      const { outTradeNo, prepayId } = await newPrepay('ios')
      const { timestamp, ...rest } = chooseWXPayArgs(setup, prepayId)
      await startPay(page, { ...rest, timeStamp: timestamp })
      expect(await payResult(page)).toEqual({ cb: 'fail', errMsg: 'chooseWXPay:fail' })
      expect(await page.getByTestId('wxsim-pay-sheet').count()).toBe(0)
      // Refused by the client itself: the simulator is never asked.
      expect(simCalls.filter(p => p.startsWith('/__sim/bridge/pay/'))).toEqual([])
      expect((await simOrder(outTradeNo)).order.trade_state).toBe('NOTPAY')
    })

    it('rejects a direct getBrandWCPayRequest with lower-case timestamp', async () => {
      const { page, simCalls } = await open('ios')
      const { prepayId } = await newPrepay('ios')
      const { timestamp, ...rest }: ChooseWXPayArgs = chooseWXPayArgs(setup, prepayId)
      const reply = await page.evaluate(args => new Promise((resolve) => {
        const bridge = (window as unknown as { WeixinJSBridge: { invoke: (n: string, a: object, cb: (r: unknown) => void) => void } }).WeixinJSBridge
        bridge.invoke('getBrandWCPayRequest', args, resolve)
      }), { appId: setup.appId, timestamp, ...rest })
      expect(reply).toEqual({ err_msg: 'get_brand_wcpay_request:fail' })
      expect(simCalls).toEqual([])
    })
  })

  it('answers getNetworkType, checkJsApi and unknown APIs, and keeps the SDK report offline', async () => {
    const { page, errors, external } = await open('ios')
    await configure(page, signedConfig(`${appOrigin}/article/1?utm=x`, { jsApiList: ['getNetworkType', 'checkJsApi', 'scanQRCode'] }))
    expect(await page.evaluate(() => new Promise(r => (window as unknown as { wx: { getNetworkType: (o: object) => void } }).wx.getNetworkType({ success: r }))))
      .toEqual({ errMsg: 'getNetworkType:ok', networkType: 'wifi' })
    expect(await callWx(page, 'scanQRCode', {})).toEqual({ cb: 'fail', errMsg: 'scanQRCode:function not exist' })
    await expect.poll(async () => (await inspect(page)).calls.some(c => c.kind === 'report')).toBe(true)
    expect(external).toEqual([])
    expect(errors).toEqual([])
  })

  it('shows the closed overlay after WeixinJSBridge.call("closeWindow")', async () => {
    const { page } = await open('android')
    await page.evaluate(() => (window as unknown as { WeixinJSBridge: { call: (n: string) => void } }).WeixinJSBridge.call('closeWindow'))
    await page.getByTestId('wxsim-closed').waitFor()
    expect((await inspect(page)).closed).toBe(true)
  })

  it('opens the dev panel and shows the last config result and signed URL', async () => {
    const { page } = await open('ios', '/landing')
    await page.evaluate(() => history.pushState({}, '', '/next'))
    await configure(page, signedConfig(`${appOrigin}/next`))
    await page.getByTestId('wxsim-pill').click()
    const panel = page.getByTestId('wxsim-panel')
    await expect(panel.getByTestId('wxsim-config-result').textContent()).resolves.toBe('config:invalid signature')
    await expect(panel.getByTestId('wxsim-signed-url').textContent()).resolves.toBe(`${appOrigin}/landing`)
    await expect(panel.getByTestId('wxsim-current-url').textContent()).resolves.toBe(`${appOrigin}/next`)
  })

  it('shows config:ok and the signed URL in the dev panel after a successful config', async () => {
    const { page } = await open('android', '/landing')
    await page.evaluate(() => history.pushState({}, '', '/next?tab=2'))
    expect(await configure(page, signedConfig(`${appOrigin}/next?tab=2`))).toEqual(['ready'])
    await page.getByTestId('wxsim-pill').click()
    const panel = page.getByTestId('wxsim-panel')
    await expect(panel.getByTestId('wxsim-config-result').textContent()).resolves.toBe('config:ok')
    await expect(panel.getByTestId('wxsim-signed-url').textContent()).resolves.toBe(`${appOrigin}/next?tab=2`)
    await expect(panel.getByTestId('wxsim-landing-url').textContent()).resolves.toBe(`${appOrigin}/landing`)
  })

  it('opens the shared link from the panel as a friend would, with WeChat\'s parameters', async () => {
    const { page } = await open('android')
    expect(await configure(page, signedConfig(`${appOrigin}/article/1?utm=x`))).toEqual(['ready'])
    const link = `${appOrigin}/article/1?ref=share#c`
    await callWx(page, 'updateAppMessageShareData', { title: 't', desc: 'd', link, imgUrl: `${appOrigin}/i.png` })
    await page.getByTestId('wxsim-pill').click()
    await page.getByTestId('wxsim-share-friend').click()
    await page.waitForURL(`${appOrigin}/article/1?ref=share&from=singlemessage&isappinstalled=0#c`)
    await page.evaluate(() => (window as unknown as { bridgeReady: Promise<void> }).bridgeReady)
    expect((await inspect(page)).landingUrl).toBe(`${appOrigin}/article/1?ref=share&from=singlemessage&isappinstalled=0`)
  })

  it('switches the persona from the panel and reloads with the new user agent', async () => {
    const { page } = await open(undefined)
    expect((await inspect(page)).persona).toBe('ios')
    await page.getByTestId('wxsim-pill').click()
    await Promise.all([page.waitForEvent('load'), page.getByTestId('wxsim-device-android').click()])
    expect((await inspect(page)).persona).toBe('android')
    expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Android/)
  })
})
