import type { App } from '../../src/server/app.ts'
// The emulated <wx-open-subscribe> (protocol §4.9, §10.6) with the real weixin-js-sdk: the tag is
// rendered once a wx.config declared it, a tap shows the 订阅通知 sheet, 允许 fires `success` with
// subscribeDetails, and the simulator's safe-mode push leaves the consent recorded by the kit's
// /wechat/events. (The series page's own tag placement is the SPA's e2e.)
import type { BridgeHarness } from './helpers/bridge-harness.ts'
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { openDatabase } from '../../src/server/db/open-database.ts'
import { findConsent } from '../../src/server/db/queries/wechat-events.ts'
import { SIM_SERIES_TEMPLATE } from '../../src/simulator/config.ts'
import { eventKeysFor } from '../../src/simulator/keys.ts'
import { startBridgeHarness } from './helpers/bridge-harness.ts'

let h: BridgeHarness
let api: App
const TPL = SIM_SERIES_TEMPLATE.id

beforeAll(async () => {
  h = await startBridgeHarness()
  const keys = eventKeysFor(h.setup)
  api = await build({
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    publicOrigin: h.appOrigin,
    wechat: { appId: h.setup.appId, appSecret: h.setup.appSecret, oauthOrigin: h.sim.origin, apiOrigin: h.sim.origin, oauthScope: 'snsapi_userinfo', jsSdkExtraHosts: [] },
    pay: null,
    databaseUrl: null,
    databasePoolSize: 2,
    dataDir: '.data/e2e-subscribe',
    sessionSecret: randomBytes(32).toString('hex'),
    adminToken: null,
    staticDir: null,
    logLevel: 'silent',
    trustProxy: false,
    rateLimit: { perMinute: 300, jsSdkPerMinute: 120 },
    wechatEvents: { token: keys.token, encodingAesKey: keys.encodingAesKey, seriesTemplateId: TPL, seriesFields: [{ key: 'thing1', source: 'series' }] },
  }, { database: await openDatabase({ databaseUrl: null, dataDir: null }) })
  await api.listen({ port: 0, host: '127.0.0.1' })
  const port = (api.server.address() as { port: number }).port
  await fetch(`${h.sim.origin}/__sim/events/server`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `http://127.0.0.1:${port}/wechat/events`, token: keys.token, encodingAesKey: keys.encodingAesKey, mode: 'safe' }) })
}, 120_000)

afterEach(async () => {
  await h?.closeContext()
})

afterAll(async () => {
  await api?.close()
  await h?.close()
})

describe('wx-open-subscribe in the bridge emulator', () => {
  it('renders after a config that declares it, and 允许 records the consent on the server', async () => {
    const { page, errors } = await h.open('ios')
    await page.evaluate((tpl) => {
      const tag = document.createElement('wx-open-subscribe')
      tag.setAttribute('template', tpl)
      tag.innerHTML = '<script type="text/wxtag-template"><button class="btn">更新提醒</button></script>'
      document.body.append(tag)
      const w = window as unknown as { __sub: Promise<unknown> }
      w.__sub = new Promise((resolve) => {
        tag.addEventListener('success', e => resolve({ type: 'success', detail: (e as CustomEvent).detail }))
        tag.addEventListener('error', e => resolve({ type: 'error', detail: (e as unknown as CustomEvent).detail }))
      })
    }, TPL)
    // Not declared yet: the tag is inert, like on a phone before wx.config.
    expect(await page.evaluate(() => !!customElements.get('wx-open-subscribe'))).toBe(false)
    const cfg = h.signedConfig(`${h.appOrigin}/article/1?utm=x`)
    expect(await page.evaluate(c => (window as unknown as { configure: (c: object) => Promise<string[]> }).configure(c), { ...cfg, openTagList: ['wx-open-subscribe'] })).toEqual(['ready'])

    await page.locator('wx-open-subscribe').getByRole('button', { name: '更新提醒' }).click()
    const sheet = page.getByTestId('wxsim-subscribe-sheet')
    await sheet.getByTestId('wxsim-subscribe-allow').click()
    const result = await page.evaluate(() => (window as unknown as { __sub: Promise<{ type: string, detail: { errMsg: string, subscribeDetails: string } }> }).__sub)
    expect(result.type).toBe('success')
    expect(result.detail.errMsg).toBe('subscribe:ok')
    expect(JSON.parse(JSON.parse(result.detail.subscribeDetails)[TPL])).toEqual({ status: 'accept' })

    await expect.poll(async () => (await findConsent(api.database.db, h.openids.iphone!, TPL))?.remaining ?? 0).toBe(1)
    expect(errors).toEqual([])
  })
})
