// The WeixinJSBridge emulator driven through the real weixin-js-sdk 1.6.5 in Debian Chromium.
// A stand-in for the simulator server lives in this file (real sha1 JS-SDK signatures and real
// RSA paySign checks with the official test key) until the lead switches to the real simulator.
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createHash, createPublicKey, sign as rsaSign, verify as rsaVerify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildBridgeBundle } from '../../scripts/build-bridge'

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..')
const vectors = resolve(repoRoot, '..', 'shared', 'wechat', 'vectors')
const PRIVATE_KEY = readFileSync(resolve(vectors, 'official_test_apiclient_key.pem'), 'utf8')
const PUBLIC_KEY = createPublicKey(readFileSync(resolve(vectors, 'official_test_apiclient_pub.pem'), 'utf8'))
const SDK_SOURCE = readFileSync(resolve(repoRoot, 'node_modules/weixin-js-sdk/index.js'), 'utf8')

// protocol.md §0 V1: the official jsapi_ticket, nonce and timestamp.
const APP_ID = 'wxd678efh567hg6787'
const TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg'
const NONCE = 'Wm3WZYTPz0wzccnW'
const TS = '1414587457'
const PREPAY_ID = 'wx201410272009395522657a690389285100'
const ORDER = { description: '专栏订阅 · 一年', total: 1234, merchantName: '测试商户', outTradeNo: '1217752501201407033233368018' }

function jsSignature(url: string) {
  return createHash('sha1').update(`jsapi_ticket=${TICKET}&noncestr=${NONCE}&timestamp=${TS}&url=${url}`).digest('hex')
}
// §6.2: appId\ntimeStamp\nnonceStr\npackage\n, SHA256withRSA, Base64.
const payMessage = (appId: string, ts: string, nonce: string, pkg: string) => `${appId}\n${ts}\n${nonce}\n${pkg}\n`
function paySign(ts: string, nonce: string, pkg: string) {
  return rsaSign('sha256', Buffer.from(payMessage(APP_ID, ts, nonce, pkg)), PRIVATE_KEY).toString('base64')
}

// ---- stand-in simulator server (bridge endpoints, CORS) -------------------------------------
const seen = { preverify: [] as Array<Record<string, unknown>>, payCheck: 0, confirmed: [] as string[] }

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
}

async function simHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*')
  res.setHeader('access-control-allow-headers', 'content-type')
  res.setHeader('access-control-allow-methods', 'POST, OPTIONS')
  if (req.method === 'OPTIONS')
    return void res.writeHead(204).end()
  const body = await readJson(req)
  const send = (json: unknown): void => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json))
  }
  if (req.url === '/__sim/bridge/preverify') {
    seen.preverify.push(body)
    const url = String(body.url)
    if (body.appId !== APP_ID)
      return send({ err_msg: 'preVerifyJSAPI:fail', signedUrl: url, reason: 'unknown appId' })
    if (new URL(url).hostname !== '127.0.0.1')
      return send({ err_msg: 'preVerifyJSAPI:fail_invalid url domain', signedUrl: url, reason: 'not a JS safe domain' })
    if (jsSignature(url) !== body.signature || body.timestamp !== TS || body.nonceStr !== NONCE)
      return send({ err_msg: 'preVerifyJSAPI:fail_invalid signature', signedUrl: url, reason: 'sha1 mismatch' })
    return send({ err_msg: 'preVerifyJSAPI:ok', signedUrl: url })
  }
  if (req.url === '/__sim/bridge/pay/check') {
    seen.payCheck++
    const { appId, timeStamp, nonceStr, package: pkg, signType, paySign: sig } = body as Record<string, string>
    const valid = signType === 'RSA' && appId === APP_ID && pkg === `prepay_id=${PREPAY_ID}`
      && rsaVerify('sha256', Buffer.from(payMessage(appId, timeStamp!, nonceStr!, pkg)), PUBLIC_KEY, Buffer.from(sig ?? '', 'base64'))
    return send(valid ? { ok: true, order: ORDER } : { ok: false, err_msg: 'get_brand_wcpay_request:fail', reason: 'paySign mismatch' })
  }
  if (req.url === '/__sim/bridge/pay/confirm') {
    seen.confirmed.push(String(body.prepayId))
    return send({ ok: true })
  }
  res.writeHead(404).end()
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
    ? `<script>window.bridgeAtConfig = typeof WeixinJSBridge; window.early = configure(${JSON.stringify({
      appId: APP_ID,
      timestamp: TS,
      nonceStr: NONCE,
      signature: jsSignature(`http://${req.headers.host}${req.url.split('#')[0]}`),
      jsApiList: ['updateAppMessageShareData'],
    })})</script>`
    : ''
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE.replace('</head>', `${early}</head>`))
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

// ---- harness ------------------------------------------------------------------------------
let browser: Browser
let bundlePath: string
let simOrigin: string
let appOrigin: string
const servers: Server[] = []
let context: BrowserContext | undefined

beforeAll(async () => {
  bundlePath = await buildBridgeBundle(resolve(repoRoot, 'dist/simulator/bridge.test.iife.js'))
  const sim = createServer((q, s) => void simHandler(q, s).catch(() => s.writeHead(500).end()))
  const app = createServer(appHandler)
  servers.push(sim, app)
  simOrigin = await listen(sim)
  appOrigin = await listen(app)
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
})

beforeEach(async () => {
  await context?.close()
  context = undefined
  seen.preverify.length = 0
  seen.payCheck = 0
  seen.confirmed.length = 0
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await Promise.all(servers.map(s => new Promise(ok => s.close(ok))))
})

interface Opened { page: Page, errors: string[], external: string[] }

async function open(device: 'ios' | 'android' | undefined, path = '/article/1?utm=x'): Promise<Opened> {
  context = await browser.newContext()
  await context.addInitScript((cfg) => {
    (window as unknown as { __WXSIM_CONFIG__: unknown }).__WXSIM_CONFIG__ = cfg
  }, { simulatorOrigin: simOrigin, device })
  await context.addInitScript({ path: bundlePath })
  const page = await context.newPage()
  const errors: string[] = []
  const external: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  page.on('console', m => m.type() === 'error' && errors.push(m.text()))
  page.on('request', r => !r.url().startsWith('http://127.0.0.1') && external.push(r.url()))
  await page.goto(appOrigin + path)
  await page.evaluate(() => (window as unknown as { bridgeReady: Promise<void> }).bridgeReady)
  return { page, errors, external }
}

type Win = Window & {
  configure: (cfg: object) => Promise<string[]>
  callWx: (api: string, args: object) => Promise<{ cb: string, errMsg: string }>
  __wxsim: { persona: string, landingUrl: string, lastConfig: { result: string, signedUrl: string } | null, shareData: Record<string, { title: string, link: string } | null>, calls: Array<{ kind: string, name: string, reply: string }>, closed: boolean }
  __pay?: Promise<{ cb: string, errMsg: string }>
}

function configure(page: Page, url: string, jsApiList = ['updateAppMessageShareData', 'updateTimelineShareData', 'chooseWXPay', 'getNetworkType']) {
  return page.evaluate(([cfg]) => (window as unknown as Win).configure(cfg!), [{ appId: APP_ID, timestamp: Number(TS), nonceStr: NONCE, signature: jsSignature(url), jsApiList }] as const)
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

describe('the WeixinJSBridge emulator, driven by the real weixin-js-sdk', () => {
  it('contains no Node built-ins in the browser bundle', () => {
    const js = readFileSync(bundlePath, 'utf8')
    expect(js).not.toMatch(/\brequire\s*\(/)
    expect(js).not.toMatch(/["']node:/)
    expect(js).not.toMatch(/\bprocess\.(env|argv)/)
  })

  it.each(['ios', 'android'] as const)('verifies a wx.config signed for the page URL on the %s persona', async (device) => {
    const { page, errors } = await open(device)
    const ua = await page.evaluate(() => navigator.userAgent)
    expect(ua).toMatch(device === 'ios' ? /iPhone.*MicroMessenger\/8\./ : /Android.*MicroMessenger\/8\./)
    expect(await configure(page, `${appOrigin}/article/1?utm=x`)).toEqual(['ready'])
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
    expect(await configure(page, url)).toEqual(expected)
    expect(seen.preverify.at(-1)?.url).toBe(device === 'ios' ? `${appOrigin}/landing?from=menu` : `${appOrigin}/article/2?id=7`)
  })

  it('refuses APIs before config succeeds and APIs missing from jsApiList', async () => {
    const { page } = await open('ios')
    const share = { title: 't', link: `${appOrigin}/a`, imgUrl: `${appOrigin}/i.png` }
    expect(await callWx(page, 'updateTimelineShareData', share))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:fail, the permission value is offline verifying' })
    await configure(page, `${appOrigin}/article/1?utm=x`, ['updateAppMessageShareData'])
    expect(await callWx(page, 'updateTimelineShareData', share))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:permission denied' })
    expect(await callWx(page, 'chooseWXPay', { timestamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 'x' }))
      .toEqual({ cb: 'fail', errMsg: 'chooseWXPay:permission denied' })
  })

  it('records share data and rejects a link outside the JS safe domain', async () => {
    const { page } = await open('android')
    await configure(page, `${appOrigin}/article/1?utm=x`)
    const friend = { title: '好文', desc: '一起读', link: `${appOrigin}/article/1?ref=share`, imgUrl: `${appOrigin}/cover.png` }
    expect(await callWx(page, 'updateAppMessageShareData', friend)).toEqual({ cb: 'success', errMsg: 'updateAppMessageShareData:ok' })
    expect(await callWx(page, 'updateTimelineShareData', { ...friend, title: '朋友圈' })).toEqual({ cb: 'success', errMsg: 'updateTimelineShareData:ok' })
    expect(await callWx(page, 'updateTimelineShareData', { ...friend, link: 'https://evil.example/a' }))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:invalid link domain' })
    const { shareData } = await inspect(page)
    expect(shareData.appMessage).toMatchObject({ title: '好文', desc: '一起读', link: friend.link })
    expect(shareData.timeline).toMatchObject({ title: '朋友圈', link: friend.link })
  })

  async function startPay(page: Page, overrides: object = {}): Promise<void> {
    const ts = '1554208460'
    const nonce = '593BEC0C930BF1AFEB40B4A08C8FB242'
    const pkg = `prepay_id=${PREPAY_ID}`
    const args = { timestamp: ts, nonceStr: nonce, package: pkg, signType: 'RSA', paySign: paySign(ts, nonce, pkg), ...overrides }
    await page.evaluate((a) => {
      const w = window as unknown as Win
      w.__pay = w.callWx('chooseWXPay', a)
    }, args)
  }
  const payResult = (page: Page) => page.evaluate(() => (window as unknown as Win).__pay!)

  it('shows the pay sheet for a correct paySign; confirm pays and calls success', async () => {
    const { page, errors } = await open('ios')
    await configure(page, `${appOrigin}/article/1?utm=x`)
    await startPay(page)
    const sheet = page.getByTestId('wxsim-pay-sheet')
    await expect(sheet.getByTestId('wxsim-pay-amount').textContent()).resolves.toBe('¥12.34')
    await expect(sheet.getByTestId('wxsim-pay-merchant').textContent()).resolves.toBe('测试商户')
    await sheet.getByTestId('wxsim-pay-confirm').click()
    expect(await payResult(page)).toEqual({ cb: 'success', errMsg: 'chooseWXPay:ok' })
    expect(seen.confirmed).toEqual([PREPAY_ID])
    expect(await sheet.count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('calls the cancel callback when the user cancels the pay sheet', async () => {
    const { page } = await open('android')
    await configure(page, `${appOrigin}/article/1?utm=x`)
    await startPay(page)
    await page.getByTestId('wxsim-pay-cancel').click()
    expect(await payResult(page)).toEqual({ cb: 'cancel', errMsg: 'chooseWXPay:cancel' })
    expect(seen.confirmed).toEqual([])
  })

  it.each([
    ['a paySign that does not verify', { paySign: paySign('1554208460', 'other', `prepay_id=${PREPAY_ID}`) }, 1],
    ['timeStamp (capital S) passed to wx.chooseWXPay', { timestamp: undefined, timeStamp: '1554208460' }, 0],
  ])('fails chooseWXPay without a sheet for %s', async (_name, overrides, checks) => {
    const { page } = await open('ios')
    await configure(page, `${appOrigin}/article/1?utm=x`)
    await startPay(page, overrides)
    expect(await payResult(page)).toEqual({ cb: 'fail', errMsg: 'chooseWXPay:fail' })
    expect(await page.getByTestId('wxsim-pay-sheet').count()).toBe(0)
    expect(seen.payCheck).toBe(checks)
  })

  it('rejects a direct getBrandWCPayRequest with lower-case timestamp', async () => {
    const { page } = await open('ios')
    const reply = await page.evaluate(() => new Promise((resolve) => {
      const bridge = (window as unknown as { WeixinJSBridge: { invoke: (n: string, a: object, cb: (r: unknown) => void) => void } }).WeixinJSBridge
      bridge.invoke('getBrandWCPayRequest', { appId: 'wx', timestamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 'x' }, resolve)
    }))
    expect(reply).toEqual({ err_msg: 'get_brand_wcpay_request:fail' })
    expect(seen.payCheck).toBe(0)
  })

  it('answers getNetworkType, checkJsApi and unknown APIs, and keeps the SDK report offline', async () => {
    const { page, errors, external } = await open('ios')
    await configure(page, `${appOrigin}/article/1?utm=x`, ['getNetworkType', 'checkJsApi', 'scanQRCode'])
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
    await configure(page, `${appOrigin}/next`)
    await page.getByTestId('wxsim-pill').click()
    const panel = page.getByTestId('wxsim-panel')
    await expect(panel.getByTestId('wxsim-config-result').textContent()).resolves.toBe('config:invalid signature')
    await expect(panel.getByTestId('wxsim-signed-url').textContent()).resolves.toBe(`${appOrigin}/landing`)
    await expect(panel.getByTestId('wxsim-current-url').textContent()).resolves.toBe(`${appOrigin}/next`)
  })

  it('opens the shared link from the panel as a friend would, with WeChat\'s parameters', async () => {
    const { page } = await open('android')
    await configure(page, `${appOrigin}/article/1?utm=x`)
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
