// The stage for the WeixinJSBridge emulator tests: the real weixin-js-sdk 1.6.5 in Debian Chromium,
// against the REAL simulator. wx.config is signed with a jsapi_ticket obtained from it as the
// kit's server would (stable_token → getticket), and chooseWXPay pays a prepay created at its
// APIv3 endpoint with a merchant-signed request, down to the signed, encrypted notification.
// One harness per test file: one simulator, one browser, one page context per test.
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { SimulatorSetup } from '../../../src/simulator/keys.ts'
import type { RunningSimulator } from '../../../src/simulator/start.ts'
import type { Delivery } from './wechat-sim.ts'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { buildBridgeBundle } from '../../../scripts/build-bridge.ts'
import { jsSdkSignature } from '../../../src/server/wechat/jssdk-signature.ts'
import { configFromSetup } from '../../../src/simulator/config.ts'
import { createSimulatorSetup } from '../../../src/simulator/keys.ts'
import { startSimulator } from '../../../src/simulator/start.ts'
import { launchChromium } from './chromium.ts'
import { createPrepay, decryptNotification, fetchJsapiTicket, startNotifyReceiver } from './wechat-sim.ts'

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..')
const ALL_APIS = ['updateAppMessageShareData', 'updateTimelineShareData', 'chooseWXPay', 'getNetworkType']
export const ORDER = { description: '专栏订阅 · 一年', total: 1234 }

type Device = 'ios' | 'android'
export interface SignedConfig { appId: string, timestamp: number, nonceStr: string, signature: string, jsApiList: string[] }

export interface Opened {
  page: Page
  errors: string[]
  external: string[]
  /** Paths of the bridge's calls to the simulator backend, e.g. /__sim/bridge/pay/check. */
  simCalls: string[]
}

export interface BridgeHarness {
  setup: SimulatorSetup
  sim: RunningSimulator
  browser: Browser
  /** The emulator bundle injected into every page. */
  bundlePath: string
  /** The page server; its origin is the simulator's publicOrigin (JS safe domain, auth domain). */
  appOrigin: string
  /** The same page server on another port: a host:port that is not a JS safe domain. */
  otherPortOrigin: string
  /** The same page server under another host name (same port): not a JS safe domain either. */
  localhostOrigin: string
  /** Persona key (iphone, android, …) → openid. */
  openids: Record<string, string>
  /** A wx.config signed as the kit's server signs it (§3.1), with the simulator's current ticket. */
  signedConfig: (url: string, o?: { appId?: string, ticket?: string, jsApiList?: string[] }) => SignedConfig
  /** Moves the simulator's clock and fetches the then-current jsapi_ticket, as the kit would after expiry (§2.3). */
  advanceAndRefetchTicket: (seconds: number) => Promise<{ before: string, after: string }>
  /** A fresh context with the emulator injected (device undefined: the emulator's default), on `origin + path`. */
  open: (device: Device | undefined, path?: string, origin?: string) => Promise<Opened>
  /** A JSAPI prepay for the device's persona, notifying the harness's receiver. */
  newPrepay: (device: Device) => Promise<{ outTradeNo: string, prepayId: string }>
  /** The simulator's view of an order and its notification deliveries. */
  simOrder: (outTradeNo: string) => Promise<{ order: { trade_state: string, out_trade_no: string }, deliveries: Array<{ outcome: string, status?: number }> }>
  /** The notifications the merchant's receiver got for one order. */
  notificationsFor: (outTradeNo: string) => Delivery[]
  /** Closes the context `open` made (call afterEach). */
  closeContext: () => Promise<void>
  close: () => Promise<void>
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

async function listen(servers: Server[], server: Server): Promise<number> {
  servers.push(server)
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok))
  return (server.address() as AddressInfo).port
}

export async function startBridgeHarness(): Promise<BridgeHarness> {
  const sdkSource = readFileSync(resolve(repoRoot, 'node_modules/weixin-js-sdk/index.js'), 'utf8')
  const servers: Server[] = []
  const closers: Array<() => Promise<unknown>> = []
  let context: BrowserContext | undefined
  let orderSeq = 0
  let ticket = ''
  const setup = createSimulatorSetup() // RSA key generation: the slow part, once per harness

  const signedConfig: BridgeHarness['signedConfig'] = (url, o = {}) => {
    const timestamp = Math.floor(Date.now() / 1000)
    const nonceStr = randomBytes(8).toString('hex')
    return {
      appId: o.appId ?? setup.appId,
      timestamp,
      nonceStr,
      signature: jsSdkSignature(o.ticket ?? ticket, nonceStr, timestamp, url),
      jsApiList: o.jsApiList ?? ALL_APIS,
    }
  }

  function appHandler(req: IncomingMessage, res: ServerResponse): void {
    if (req.url === '/sdk.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdkSource)
    if (req.url === '/favicon.ico')
      return void res.writeHead(204).end()
    // /early: wx.config runs while the page loads, before the client has injected its bridge (§4.2).
    const early = req.url?.startsWith('/early')
      ? `<script>window.bridgeAtConfig = typeof WeixinJSBridge; window.early = configure(${JSON.stringify(signedConfig(`http://${req.headers.host}${req.url}`, { jsApiList: ['updateAppMessageShareData'] }))})</script>`
      : ''
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE.replace('</head>', `${early}</head>`))
  }

  // Closes everything started so far, in the order the tests leave it: page, browser, simulator, receiver, servers.
  async function close(): Promise<void> {
    await context?.close()
    context = undefined
    for (const c of closers.splice(0))
      await c()
    await Promise.all(servers.splice(0).map(s => new Promise(ok => s.close(ok))))
  }

  try {
    const appPort = await listen(servers, createServer(appHandler))
    const appOrigin = `http://127.0.0.1:${appPort}`
    const localhostOrigin = `http://localhost:${appPort}`
    const otherPortOrigin = `http://127.0.0.1:${await listen(servers, createServer(appHandler))}`
    // 支付授权目录 (§6.2) /article/ only: a page elsewhere (or, on iOS, a landing URL elsewhere) cannot pay.
    const simulatorStart = startSimulator({ config: configFromSetup(setup, { publicOrigin: appOrigin, notifyRetryScale: 0.001, payDirectories: [`${appOrigin}/article/`] }) })
    const bundleBuild = buildBridgeBundle(resolve(repoRoot, 'dist/simulator/bridge.test.iife.js'))
    const browserLaunch = launchChromium()
    const receiverStart = startNotifyReceiver()
    // Whatever started is closed by close(), even if something else failed to.
    await Promise.allSettled([simulatorStart, bundleBuild, browserLaunch, receiverStart])
    closers.push(() => browserLaunch.then(b => b.close(), () => {}))
    closers.push(() => simulatorStart.then(s => s.close(), () => {}))
    closers.push(() => receiverStart.then(r => r.close(), () => {}))
    const [sim, bundlePath, browser, notify] = await Promise.all([simulatorStart, bundleBuild, browserLaunch, receiverStart])
    ticket = await fetchJsapiTicket(sim.origin, setup.appId, setup.appSecret)
    const info = await (await fetch(`${sim.origin}/__sim/setup`)).json() as { personas: Array<{ key: string, openid: string }> }
    const openids = Object.fromEntries(info.personas.map(p => [p.key, p.openid]))

    return {
      setup,
      sim,
      browser,
      bundlePath,
      appOrigin,
      otherPortOrigin,
      localhostOrigin,
      openids,
      signedConfig,
      async advanceAndRefetchTicket(seconds) {
        const before = ticket
        await fetch(`${sim.origin}/__sim/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: seconds }) })
        return { before, after: ticket = await fetchJsapiTicket(sim.origin, setup.appId, setup.appSecret) }
      },
      async open(device, path = '/article/1?utm=x', origin = appOrigin) {
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
      },
      async newPrepay(device) {
        const outTradeNo = `E2E${Date.now()}${++orderSeq}`
        const prepayId = await createPrepay(sim.origin, setup, {
          ...ORDER,
          outTradeNo,
          openid: openids[device === 'ios' ? 'iphone' : 'android']!,
          notifyUrl: notify.url,
        })
        return { outTradeNo, prepayId }
      },
      async simOrder(outTradeNo) {
        const res = await fetch(`${sim.origin}/__sim/orders/${outTradeNo}`)
        expect(res.status).toBe(200)
        return await res.json() as Awaited<ReturnType<BridgeHarness['simOrder']>>
      },
      notificationsFor(outTradeNo) {
        return notify.deliveries.filter(d => decryptNotification(d.body, setup.apiV3Key).resource.out_trade_no === outTradeNo)
      },
      async closeContext() {
        await context?.close()
        context = undefined
      },
      close,
    }
  }
  catch (err) {
    await close()
    throw err
  }
}

// ---- page-side helpers: the test page's window.configure / window.callWx and the emulator's state ----
interface WxResult { cb: string, errMsg: string }
type Win = Window & {
  configure: (cfg: object) => Promise<string[]>
  callWx: (api: string, args: object) => Promise<WxResult>
  __wxsim: { persona: string, landingUrl: string, lastConfig: { result: string, signedUrl: string, reason?: string } | null, shareData: Record<string, { title: string, desc?: string, link: string } | null>, calls: Array<{ kind: string, name: string, reply: string, reason?: string }>, closed: boolean }
  __pay?: Promise<WxResult>
}

/** wx.config in the page; resolves with the SDK's events in order ('error:…', 'ready'). */
export function configure(page: Page, cfg: SignedConfig) {
  return page.evaluate(c => (window as unknown as Win).configure(c), cfg)
}
/** wx[api](args) in the page; resolves with the callback that fired. */
export function callWx(page: Page, api: string, args: object) {
  return page.evaluate(([a, b]) => (window as unknown as Win).callWx(a, b), [api, args] as const)
}
/** The emulator's window.__wxsim: persona, landing URL, last config, share data, calls, closed. */
export function inspect(page: Page) {
  return page.evaluate(() => {
    const s = (window as unknown as Win).__wxsim
    return { persona: s.persona, landingUrl: s.landingUrl, lastConfig: s.lastConfig, shareData: s.shareData, calls: s.calls, closed: s.closed }
  })
}
/** Starts wx.chooseWXPay without waiting, so the test can act on the pay sheet; see payResult. */
export function startPay(page: Page, args: object): Promise<void> {
  return page.evaluate((a) => {
    const w = window as unknown as Win
    w.__pay = w.callWx('chooseWXPay', a)
  }, args)
}
export const payResult = (page: Page) => page.evaluate(() => (window as unknown as Win).__pay!)
