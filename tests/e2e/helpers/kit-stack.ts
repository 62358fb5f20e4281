import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { App } from '../../../src/server/app.ts'
import type { Database } from '../../../src/server/db/database.ts'
import type { SimulatorSetup } from '../../../src/simulator/keys.ts'
import type { RunningSimulator } from '../../../src/simulator/start.ts'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildBridgeBundle } from '../../../scripts/build-bridge.ts'
import { build } from '../../../src/server/app.ts'
import { openDatabase } from '../../../src/server/db/open-database.ts'
import { seed } from '../../../src/server/db/seed.ts'
import { configFromSetup, SIM_SERIES_TEMPLATE } from '../../../src/simulator/config.ts'
import { createSimulatorSetup, eventKeysFor } from '../../../src/simulator/keys.ts'
import { ANDROID_UA, IPHONE_UA } from '../../../src/simulator/personas.ts'
import { startSimulator } from '../../../src/simulator/start.ts'
import { testConfig } from '../../server/helpers/test-config.ts'

const DIST = resolve('dist/app')

export interface KitStack {
  /** Where followers open the pages: the production server (built SPA + API). */
  origin: string
  sim: RunningSimulator
  setup: SimulatorSetup
  app: App
  database: Database
  /** A browser context that is "WeChat's webview" on that device: persona UA and the bridge emulator injected first. */
  wechatContext: (browser: Browser, device: 'ios' | 'android') => Promise<BrowserContext>
  /** Answers the simulator's consent page as `persona` and waits to be back on our origin. */
  consent: (page: Page, persona: 'iphone' | 'android' | 'snapshot') => Promise<void>
  close: () => Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer()
    s.once('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => res(port))
    })
  })
}

/**
 * The whole kit as a follower meets it: the WeChat simulator (OAuth, API, Pay),
 * the production server with the built SPA and an in-memory database, and
 * Chromium contexts that act as WeChat's in-app browser.
 */
export async function startKitStack(): Promise<KitStack> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('dist/app is missing: `npm test` builds it first (or run `npx vite build`).')
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const setup = createSimulatorSetup()
  // WeChat pushes account events (follows, subscribe consent) to the server URL, as in `npm run dev`.
  const sim = await startSimulator({ config: configFromSetup(setup, { publicOrigin: origin, notifyRetryScale: 0.001, eventPushUrl: `${origin}/wechat/events` }) })
  const database = await openDatabase({ databaseUrl: null, dataDir: null })
  const config = testConfig({
    publicOrigin: origin,
    staticDir: DIST,
    wechat: { appId: setup.appId, appSecret: setup.appSecret, oauthOrigin: sim.origin, apiOrigin: sim.origin, oauthScope: 'snsapi_userinfo', jsSdkExtraHosts: [] },
    pay: {
      mchId: setup.mchId,
      certSerial: setup.merchantSerial,
      privateKeyPem: setup.merchantPrivateKeyPem,
      apiV3Key: setup.apiV3Key,
      platformKeys: [{ id: setup.platformPublicKeyId, publicKeyPem: setup.platformPublicKeyPem }],
      apiOrigin: sim.origin,
      notifyUrl: `${origin}/api/pay/notify`,
    },
    // The series "更新提醒" tag asks consent for the simulator's template.
    wechatEvents: { ...eventKeysFor(setup), seriesTemplateId: SIM_SERIES_TEMPLATE.id, seriesFields: [{ key: 'thing1', source: 'series' }] },
  })
  const app = await build(config, { database, rateLimitMax: 100_000 })
  await seed(database, undefined, { mediaStore: app.media.store })
  await app.listen({ port, host: '127.0.0.1' })
  const bridgePath = await buildBridgeBundle(join(tmpdir(), `wxsim-bridge-${process.pid}.js`))

  return {
    origin,
    sim,
    setup,
    app,
    database,
    async wechatContext(browser, device) {
      const ios = device === 'ios'
      const context = await browser.newContext({
        viewport: ios ? { width: 390, height: 844 } : { width: 412, height: 915 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        userAgent: ios ? IPHONE_UA : ANDROID_UA,
        locale: 'zh-CN',
        // The bridge talks to the simulator's origin, which the SPA's CSP (connect-src 'self') would block.
        bypassCSP: true,
      })
      await context.addInitScript((cfg) => {
        (window as unknown as { __WXSIM_CONFIG__: unknown }).__WXSIM_CONFIG__ = cfg
      }, { simulatorOrigin: sim.origin, device })
      await context.addInitScript({ path: bridgePath })
      return context
    },
    async consent(page, persona) {
      await page.waitForURL(url => url.origin === sim.origin)
      await page.locator(`label[data-persona="${persona}"]`).click()
      await page.locator('#wxsim-allow').click()
      await page.waitForURL(url => url.origin === origin && !url.pathname.startsWith('/auth/'))
    },
    async close() {
      await app.close()
      await database.close()
      await sim.close()
    },
  }
}
