import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { safeReturnTo } from '../../src/server/auth/return-to.ts'
import { MAX_SESSIONS_PER_USER } from '../../src/server/db/queries/sessions.ts'
import { rows } from './helpers/pay.ts'
import { configFor, PUBLIC_ORIGIN, simAdmin, simulatorSetup, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase, resetDatabase } from './helpers/test-database.ts'
import { wechatBrowser } from './helpers/wechat-browser.ts'

describe('sessions, sign-in failures and logs', () => {
  let sim: RunningSimulator
  let app: App
  let lines: string[]
  beforeAll(async () => {
    sim = await startTestSimulator()
    await getTestDatabase()
  }, 120_000)
  afterEach(async () => {
    await simAdmin(sim).clearFaults()
    await app.close()
  })
  afterAll(() => sim.close())

  const start = async (overrides: Parameters<typeof configFor>[1] = {}) => {
    const database = await getTestDatabase()
    await resetDatabase(database)
    lines = []
    app = await build(configFor(sim, overrides), { database, rateLimitMax: 10_000, logStream: { write: l => void lines.push(l) } })
  }
  const sessionCount = async () => Number((await rows<{ n: string }>('SELECT count(*) AS n FROM sessions'))[0]!.n)

  it('signing in again ends the session the browser presented', async () => {
    await start()
    const browser = wechatBrowser(app, sim)
    await browser.signIn({ persona: 'iphone' })
    const first = browser.jar.get('sid')!
    await browser.signIn({ persona: 'iphone' })
    expect(browser.jar.get('sid')).not.toBe(first)
    expect(await sessionCount()).toBe(1)
    const stale = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `sid=${first}` } })
    expect(stale.statusCode).toBe(401)
  })

  it(`keeps at most ${MAX_SESSIONS_PER_USER} sessions per reader, ending the oldest`, async () => {
    await start()
    const browsers = []
    for (let i = 0; i < MAX_SESSIONS_PER_USER + 2; i++) {
      const b = wechatBrowser(app, sim)
      await b.signIn({ persona: 'android' })
      browsers.push(b)
    }
    expect(await sessionCount()).toBe(MAX_SESSIONS_PER_USER)
    expect((await browsers[0]!.request('GET', '/api/me')).statusCode).toBe(401)
    expect((await browsers.at(-1)!.request('GET', '/api/me')).statusCode).toBe(200)
  })

  it('POST /auth/logout?all=1 signs the reader out everywhere, and only that reader', async () => {
    await start()
    const phone = wechatBrowser(app, sim)
    const laptop = wechatBrowser(app, sim)
    const someoneElse = wechatBrowser(app, sim)
    await phone.signIn({ persona: 'iphone' })
    await laptop.signIn({ persona: 'iphone' })
    await someoneElse.signIn({ persona: 'android' })
    expect((await phone.request('POST', '/auth/logout?all=2')).statusCode).toBe(400)
    expect((await phone.request('POST', '/auth/logout?all=1')).statusCode).toBe(204)
    expect((await phone.request('GET', '/api/me')).statusCode).toBe(401)
    expect((await laptop.request('GET', '/api/me')).statusCode).toBe(401)
    expect((await someoneElse.request('GET', '/api/me')).statusCode).toBe(200)
  })

  it('a database failure during the callback ends on the sign-in error page, and the log carries no personal data', async () => {
    await start()
    const persona = (await (await fetch(`${sim.origin}/__sim/setup`)).json() as { personas: { key: string, openid: string, nickname: string }[] }).personas.find(p => p.key === 'iphone')!
    const browser = wechatBrowser(app, sim)
    const login = await browser.request('GET', '/auth/login?returnTo=%2Farticles%2F2')
    const back = new URL(await browser.consent(login.headers.location as string, { persona: 'iphone' }))
    await rows('ALTER TABLE users RENAME TO users_away')
    let res
    try {
      res = await browser.request('GET', back.pathname + back.search)
    }
    finally {
      await rows('ALTER TABLE users_away RENAME TO users')
    }
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/signin/error?reason=unavailable&returnTo=%2Farticles%2F2')

    const log = lines.join('')
    expect(log).toContain('sign-in could not be stored')
    expect(log).toContain('/auth/callback')
    for (const secret of [back.searchParams.get('code')!, back.searchParams.get('state')!, persona.openid, persona.nickname, simulatorSetup().appSecret])
      expect(log).not.toContain(secret)
    expect(log).not.toMatch(/access_token=(?!\[redacted\])/)
  })

  it('keeps tokens and tickets out of the log when WeChat fails', async () => {
    await start()
    const browser = wechatBrowser(app, sim)
    await browser.signIn({ persona: 'android' })
    await simAdmin(sim).fault({ api: '/cgi-bin/ticket/getticket', mode: 'errcode', errcode: 40001, count: 5 })
    await browser.request('GET', `/api/jssdk/config?url=${encodeURIComponent(`${PUBLIC_ORIGIN}/articles/1?code=abc123secret&state=zzz`)}`)
    const log = lines.join('')
    expect(log).not.toMatch(/(?:access_token|ticket|code|state)(?:=|%3D)(?!\[redacted\])[^&"\s]+/i)
    expect(log).not.toContain('abc123secret')
    expect(log).not.toContain(browser.jar.get('sid')!.split('.')[0])
  })

  it('uses __Host- cookies on an https origin and ignores a plain sid there', async () => {
    await start({ publicOrigin: 'https://h5.test.local' })
    const login = await app.inject({ method: 'GET', url: '/auth/login' })
    expect(login.cookies.map(c => c.name)).toEqual(['__Secure-oauth_state'])
    expect(login.cookies[0]).toMatchObject({ secure: true, path: '/auth' })
    const visit = await app.inject({ method: 'POST', url: '/api/share/visits', payload: { path: '/' }, headers: { origin: 'https://h5.test.local' } })
    expect(visit.cookies[0]).toMatchObject({ name: '__Host-vid', secure: true, path: '/' })
    const planted = await app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: `sid=${app.signCookie('x')}` } })
    expect(planted.cookies[0]).toMatchObject({ name: '__Host-sid', value: '' })
  })
})

describe('safeReturnTo', () => {
  it.each([
    ['/.//evil.example', '/'],
    ['/./\u002F/evil.example/x', '/'],
    ['/a/..//evil.example', '/'],
    ['/x/../api/admin/products', '/'],
    ['/articles/./1?from=a', '/articles/1?from=a'],
  ])('checks %s after normalising', (input, expected) => {
    expect(safeReturnTo(input, 'http://h5.test.local')).toBe(expected)
  })
})
