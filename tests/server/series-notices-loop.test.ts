// The whole "更新提醒" loop across features, as WeChat runs it: the page's hint, the consent
// WeChat pushes to /wechat/events, an operator scheduling a part, its time arriving, and the
// notice sent through bizsend once per consenting reader (the simulator checks each send).
import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { hashToken, newToken } from '../../src/server/auth/tokens.ts'
import { SESSION_TTL_MS } from '../../src/server/db/queries/sessions.ts'
import { sessions, users } from '../../src/server/db/schema.ts'
import { SIM_SERIES_TEMPLATE } from '../../src/simulator/config.ts'
import { eventKeysFor } from '../../src/simulator/keys.ts'
import { openidFor } from '../../src/simulator/openid.ts'
import { reseed } from './helpers/pay.ts'
import { configFor, simulatorSetup, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase, resetDatabase } from './helpers/test-database.ts'

const TPL = SIM_SERIES_TEMPLATE.id
const DAY = 86_400_000
const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }

describe('series update notices, end to end', () => {
  let sim: RunningSimulator
  let app: App
  const clock = { offsetMs: 0 }
  const simPost = async (url: string, body: unknown) => (await sim.app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json()
  beforeAll(async () => {
    sim = await startTestSimulator()
    const database = await getTestDatabase()
    await resetDatabase(database)
    await reseed(database)
    const keys = eventKeysFor(simulatorSetup())
    app = await build(configFor(sim, {
      adminToken: 'test-admin-token-0123456789',
      wechatEvents: { token: keys.token, encodingAesKey: keys.encodingAesKey, seriesTemplateId: TPL, seriesFields: [{ key: 'thing1', source: 'series' }, { key: 'thing2', source: 'part' }, { key: 'time3', source: 'published' }] },
    }), { database, rateLimitMax: 100_000, seriesAnnounceIntervalMs: false, reconcileIntervalMs: false, now: () => Date.now() + clock.offsetMs })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    await simPost('/__sim/events/server', { url: `${origin}/wechat/events`, token: keys.token, encodingAesKey: keys.encodingAesKey, mode: 'safe' })
    await sim.app.inject({ method: 'DELETE', url: '/__sim/subscribe/messages' })
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await sim?.close()
  })

  const sent = async () => (await sim.app.inject({ method: 'GET', url: '/__sim/subscribe/messages' })).json().messages as { touser: string, page: string, data: Record<string, { value: string }> }[]
  async function readerCookie(openid: string): Promise<string> {
    const [row] = await app.database.db.insert(users).values({ openid, nickname: '读者' }).returning({ id: users.id })
    const token = newToken()
    await app.database.db.insert(sessions).values({ id: hashToken(token), userId: row!.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
    return `sid=${app.signCookie(token)}`
  }

  it('offers the template on the series page, and notifies the interested, consenting reader once when the scheduled part comes out', async () => {
    const page = (await app.inject({ method: 'GET', url: '/api/series/slow-reading' })).json()
    expect(page.subscribeTemplateId).toBe(TPL)
    const scheduled = page.parts.find((p: { publishedAt: string | null }) => p.publishedAt === null)
    expect(scheduled).toMatchObject({ id: 'slow-reading-3' })

    const iphone = openidFor(simulatorSetup().appId, 'iphone')
    const android = openidFor(simulatorSetup().appId, 'android')
    // iPhone: taps 更新提醒 and accepts (the page's hint, then WeChat's pushed consent).
    const cookie = await readerCookie(iphone)
    const hint = await app.inject({ method: 'POST', url: '/api/series/slow-reading/subscribe', payload: { templateId: TPL, status: 'accept' }, headers: { cookie } })
    expect(hint.statusCode).toBe(200)
    expect((await simPost('/__sim/subscribe/decide', { openid: iphone, decisions: { [TPL]: 'accept' } })).push.delivered).toBe(true)
    // Android: WeChat has its consent, but it never asked about this series.
    await readerCookie(android)
    expect((await simPost('/__sim/subscribe/decide', { openid: android, decisions: { [TPL]: 'accept' } })).push.delivered).toBe(true)

    // Nothing before its time.
    expect(await app.series.announceDue()).toBe(0)
    await app.wechatEvents.sendPending()
    expect(await sent()).toEqual([])

    clock.offsetMs = 4 * DAY
    expect(await app.series.announceDue()).toBe(1)
    expect(await app.wechatEvents.sendPending()).toMatchObject({ failed: 0 })
    const messages = await sent()
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ touser: iphone, page: expect.stringMatching(/\/articles\/slow-reading-3$/) })
    expect(messages[0]!.data.thing1!.value).toBe('慢读计划')

    // Announced once: later runs and a re-publish by the operator send nothing more.
    expect(await app.series.announceDue()).toBe(0)
    const republish = await app.inject({ method: 'POST', url: '/api/admin/articles/slow-reading-3/publish', headers: ADMIN })
    expect(republish.statusCode).toBe(200)
    await app.series.announceDue()
    await app.wechatEvents.sendPending()
    expect(await sent()).toHaveLength(1)
  })
})
