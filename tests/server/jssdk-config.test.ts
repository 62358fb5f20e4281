import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { wechatCredentials } from '../../src/server/db/schema.ts'
import { jsSdkSignature } from '../../src/server/wechat/jssdk-signature.ts'
import { configFor, PUBLIC_ORIGIN, simAdmin, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase, resetDatabase } from './helpers/test-database.ts'

const TOKEN_CALLS = ['/cgi-bin/stable_token', '/cgi-bin/token']
const TICKET_CALL = '/cgi-bin/ticket/getticket'

describe('GET /api/jssdk/config', () => {
  let sim: RunningSimulator
  let app: App
  const admin = () => simAdmin(sim)
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  beforeEach(async () => {
    const database = await getTestDatabase()
    await resetDatabase(database)
    app = await build(configFor(sim), { database, rateLimitMax: 10_000 })
    await admin().resetCalls()
  })
  afterEach(async () => {
    await admin().clearFaults()
    await app.close()
  })
  afterAll(() => sim.close())

  const config = (url: string, target = app) => target.inject({ method: 'GET', url: `/api/jssdk/config?url=${encodeURIComponent(url)}` })

  /** Asks the simulated WeChat client whether `wx.config` with this answer would pass for `url`. */
  async function weChatAccepts(body: { appId: string, timestamp: number, nonceStr: string, signature: string }, url: string) {
    const res = await fetch(`${sim.origin}/__sim/bridge/preverify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, url, jsApiList: ['updateAppMessageShareData'], openTagList: [] }),
    })
    return ((await res.json()) as { err_msg: string }).err_msg
  }

  /** The signature recomputed from the jsapi_ticket the API cached: proves which URL was signed. */
  async function signsWithCachedTicket(body: { timestamp: number, nonceStr: string, signature: string }, url: string) {
    const [row] = await (await getTestDatabase()).db.select({ ticket: wechatCredentials.value }).from(wechatCredentials).where(eq(wechatCredentials.kind, 'jsapi_ticket'))
    const ticket = row!.ticket
    return body.signature === jsSdkSignature(ticket, body.nonceStr, body.timestamp, url)
  }

  it('signs the page URL so that WeChat accepts wx.config', async () => {
    const url = `${PUBLIC_ORIGIN}/articles/7?from=singlemessage&isappinstalled=0`
    const res = await config(url)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toEqual({ appId: configFor(sim).wechat.appId, timestamp: expect.any(Number), nonceStr: expect.stringMatching(/^[A-Z0-9]{16}$/i), signature: expect.stringMatching(/^[0-9a-f]{40}$/) })
    expect(Math.abs(body.timestamp - Date.now() / 1000)).toBeLessThan(5)
    expect(await weChatAccepts(body, url)).toBe('preVerifyJSAPI:ok')
    expect(await weChatAccepts(body, `${PUBLIC_ORIGIN}/articles/8`)).toBe('preVerifyJSAPI:fail_invalid signature')
  })

  it('signs without the fragment', async () => {
    const body = (await config(`${PUBLIC_ORIGIN}/polls/1?a=b#section-2`)).json()
    expect(await weChatAccepts(body, `${PUBLIC_ORIGIN}/polls/1?a=b`)).toBe('preVerifyJSAPI:ok')
  })

  it.each([
    ['a host we do not serve', 'https://evil.example/page', 400, 'URL_NOT_ALLOWED'],
    ['a look-alike host', `${PUBLIC_ORIGIN}.evil.example/page`, 400, 'URL_NOT_ALLOWED'],
    ['a relative URL', '/articles/1', 400, 'URL_INVALID'],
    ['a non-http scheme', 'javascript://h5.test.local/%0aalert(1)', 400, 'URL_INVALID'],
  ])('refuses %s', async (_what, url, status, code) => {
    const res = await config(url)
    expect(res.statusCode).toBe(status)
    expect(res.json().error.code).toBe(code)
  })

  it('refuses a missing or oversized url parameter', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/jssdk/config' })).json().error.code).toBe('VALIDATION_FAILED')
    expect((await config(`${PUBLIC_ORIGIN}/${'x'.repeat(3000)}`)).json().error.code).toBe('VALIDATION_FAILED')
  })

  it('signs for the configured extra hosts too', async () => {
    await app.close()
    app = await build(configFor(sim, { wechat: { ...configFor(sim).wechat, jsSdkExtraHosts: ['m.test.local'] } }), { database: await getTestDatabase(), rateLimitMax: 10_000 })
    const res = await config('http://m.test.local/x')
    expect(res.statusCode).toBe(200)
    expect(await signsWithCachedTicket(res.json(), 'http://m.test.local/x')).toBe(true)
  })

  it('fetches one token and one ticket for 500 concurrent requests at an expired token', async () => {
    const database = await getTestDatabase()
    await database.db.execute(sql`INSERT INTO wechat_credentials (kind, value, expires_at) VALUES
      ('access_token', 'expired-token', now() - interval '1 minute'),
      ('jsapi_ticket', 'expired-ticket', now() - interval '1 minute')`)
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => config(`${PUBLIC_ORIGIN}/articles/${i}`)))
    expect(results.every(r => r.statusCode === 200)).toBe(true)
    const calls = await admin().calls()
    expect(TOKEN_CALLS.reduce((n, c) => n + (calls[c] ?? 0), 0)).toBe(1)
    expect(calls[TICKET_CALL]).toBe(1)
  })

  it('shares one refresh between two API instances on the same database', async () => {
    const second = await build(configFor(sim), { database: await getTestDatabase(), rateLimitMax: 10_000 })
    try {
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => config(`${PUBLIC_ORIGIN}/p/${i}`, i % 2 ? app : second)))
      expect(results.every(r => r.statusCode === 200)).toBe(true)
      const calls = await admin().calls()
      expect(calls['/cgi-bin/stable_token']).toBe(1)
      expect(calls[TICKET_CALL]).toBe(1)
    }
    finally {
      await second.close()
    }
  })

  it('refreshes a token WeChat calls stale (40001) and retries once', async () => {
    expect((await config(`${PUBLIC_ORIGIN}/a`)).statusCode).toBe(200)
    const database = await getTestDatabase()
    await database.db.execute(sql`UPDATE wechat_credentials SET expires_at = now() - interval '1 minute' WHERE kind = 'jsapi_ticket'`)
    await app.close()
    app = await build(configFor(sim), { database, rateLimitMax: 10_000 })
    await admin().fault({ api: TICKET_CALL, mode: 'errcode', errcode: 40001, count: 1 })
    const res = await config(`${PUBLIC_ORIGIN}/b`)
    expect(res.statusCode).toBe(200)
    expect((await admin().calls())[TICKET_CALL]).toBe(3)
  })

  it('backs off and retries when WeChat is busy (-1)', async () => {
    await admin().fault({ api: TICKET_CALL, mode: 'errcode', errcode: -1, count: 1 })
    const res = await config(`${PUBLIC_ORIGIN}/busy`)
    expect(res.statusCode).toBe(200)
    // The first getticket answered -1; the retry is a second call, and its ticket signs the page.
    expect((await admin().calls())[TICKET_CALL]).toBe(2)
    expect(await weChatAccepts(res.json(), `${PUBLIC_ORIGIN}/busy`)).toBe('preVerifyJSAPI:ok')
  })

  it.each([[45009], [40164]])('answers 503 with no internals when WeChat refuses with %i', async (errcode) => {
    await admin().fault({ api: '/cgi-bin/stable_token', mode: 'errcode', errcode, count: 5 })
    const res = await config(`${PUBLIC_ORIGIN}/quota`)
    expect(res.statusCode).toBe(503)
    expect(res.json().error.code).toBe('UPSTREAM_UNAVAILABLE')
    expect(res.body).not.toMatch(/45009|40164|whitelist|quota/i)
  })
})
