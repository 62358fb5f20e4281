import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { configFor, PUBLIC_ORIGIN, simAdmin, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase, resetDatabase } from './helpers/test-database.ts'
import { wechatBrowser } from './helpers/wechat-browser.ts'

describe('sign-in through WeChat OAuth', () => {
  let sim: RunningSimulator
  let app: App
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  beforeEach(async () => {
    const database = await getTestDatabase()
    await resetDatabase(database)
    app = await build(configFor(sim), { database, rateLimitMax: 10_000 })
  })
  afterEach(async () => {
    await simAdmin(sim).clearFaults()
    await app.close()
  })
  afterAll(() => sim.close())

  it('redirects to WeChat with the exact parameter order and #wechat_redirect', async () => {
    const res = await wechatBrowser(app, sim).request('GET', '/auth/login?returnTo=%2Fpolls%2Fweekly')
    expect(res.statusCode).toBe(302)
    const location = res.headers.location as string
    const redirect = encodeURIComponent(`${PUBLIC_ORIGIN}/auth/callback`)
    expect(location).toMatch(new RegExp(`^${sim.origin}/connect/oauth2/authorize\\?appid=wx[0-9a-f]{16}&redirect_uri=${redirect.replace(/[.%]/g, '\\$&')}&response_type=code&scope=snsapi_userinfo&state=[A-Za-z0-9]{24}#wechat_redirect$`))
    const stateCookie = res.cookies.find(c => c.name === 'oauth_state')!
    expect(stateCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth' })
  })

  it.each([['iphone'], ['android']])('signs in the %s persona and returns to the page it started from', async (persona) => {
    const browser = wechatBrowser(app, sim)
    const done = await browser.signIn({ persona, returnTo: '/polls/weekly?choice=2' })
    expect(done.statusCode).toBe(302)
    expect(done.headers.location).toBe('/polls/weekly?choice=2')
    const sid = done.cookies.find(c => c.name === 'sid')!
    expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    const me = await browser.request('GET', '/api/me')
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ isSnapshot: false, nickname: expect.any(String) })
    expect(me.json().nickname.length).toBeGreaterThan(0)
    expect(me.body).not.toMatch(/openid/i)
  })

  it('accepts WeChat\'s documented `redirect_uri/?code=…` form with a trailing slash', async () => {
    const browser = wechatBrowser(app, sim)
    const login = await browser.request('GET', '/auth/login?returnTo=%2Fmembership')
    const back = new URL(await browser.consent(login.headers.location as string, { persona: 'iphone' }))
    const res = await browser.request('GET', `/auth/callback/${back.search}`)
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/membership')
  })

  it('treats WeChat requesting the callback twice as one sign-in', async () => {
    const browser = wechatBrowser(app, sim)
    const login = await browser.request('GET', '/auth/login?returnTo=%2Fpolls%2F1')
    const back = new URL(await browser.consent(login.headers.location as string, { persona: 'android' }))
    const stateCookie = browser.jar.get('oauth_state')!
    await browser.request('GET', back.pathname + back.search)
    // The duplicate arrives with the same state cookie and the now-used code.
    browser.jar.set('oauth_state', stateCookie)
    const second = await browser.request('GET', back.pathname + back.search)
    expect(second.headers.location).toBe('/polls/1')
  })

  it('marks a snapshot-mode user as virtual', async () => {
    const browser = wechatBrowser(app, sim)
    await browser.signIn({ persona: 'snapshot' })
    expect((await browser.request('GET', '/api/me')).json().isSnapshot).toBe(true)
  })

  it.each([
    ['//evil.example/steal'],
    ['https://evil.example/'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    ['/auth/login'],
  ])('never redirects to %s after sign-in', async (returnTo) => {
    const done = await wechatBrowser(app, sim).signIn({ returnTo })
    expect(done.headers.location).toBe('/')
  })

  it('drops code and state from the return URL', async () => {
    const done = await wechatBrowser(app, sim).signIn({ returnTo: '/articles/1?code=old&state=x&from=timeline' })
    expect(done.headers.location).toBe('/articles/1?from=timeline')
  })

  it('answers a refused consent with the calm error page, not a loop', async () => {
    const browser = wechatBrowser(app, sim)
    const login = await browser.request('GET', '/auth/login?returnTo=%2Fpolls%2F7')
    const back = await browser.consent(login.headers.location as string, 'refuse')
    const res = await browser.request('GET', browser.pathOf(back))
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/signin/error?reason=refused&returnTo=%2Fpolls%2F7')
  })

  it('retries a forged state once, then shows the error page', async () => {
    const browser = wechatBrowser(app, sim)
    const login = await browser.request('GET', '/auth/login?returnTo=%2Fmembership')
    const back = new URL(await browser.consent(login.headers.location as string, { persona: 'iphone' }))
    back.searchParams.set('state', 'NforgedForgedForgedForged')
    const first = await browser.request('GET', back.pathname + back.search)
    expect(first.headers.location).toBe('/auth/login?retry=1&returnTo=%2Fmembership')
    const retryLogin = await browser.request('GET', first.headers.location as string)
    expect(new URL(retryLogin.headers.location as string).searchParams.get('state')).toMatch(/^R/)
    const back2 = new URL(await browser.consent(retryLogin.headers.location as string, { persona: 'iphone' }))
    back2.searchParams.set('state', 'RforgedForgedForgedForged')
    const second = await browser.request('GET', back2.pathname + back2.search)
    expect(second.headers.location).toBe('/signin/error?reason=state_mismatch&returnTo=%2Fmembership')
    expect((await browser.request('GET', '/api/me')).statusCode).toBe(401)
  })

  it('recovers from a reused code (40163) with one fresh sign-in', async () => {
    const browser = wechatBrowser(app, sim)
    const login = await browser.request('GET', '/auth/login?returnTo=%2Fquizzes%2F1')
    const back = new URL(await browser.consent(login.headers.location as string, { persona: 'android' }))
    const code = back.searchParams.get('code')!
    // Someone else (a prefetcher, a second tab) used the code first.
    const other = wechatBrowser(app, sim)
    const otherLogin = await other.request('GET', '/auth/login')
    const otherState = new URL(otherLogin.headers.location as string).searchParams.get('state')!
    await other.request('GET', `/auth/callback?code=${code}&state=${otherState}`)
    const res = await browser.request('GET', back.pathname + back.search)
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/auth/login?retry=1&returnTo=%2Fquizzes%2F1')
  })

  it('treats a reload of the callback URL after signing in as done, not as an error', async () => {
    const browser = wechatBrowser(app, sim)
    const login = await browser.request('GET', '/auth/login?returnTo=%2Fmembership')
    const back = new URL(await browser.consent(login.headers.location as string, { persona: 'iphone' }))
    await browser.request('GET', back.pathname + back.search)
    const reload = await browser.request('GET', back.pathname + back.search)
    expect(reload.statusCode).toBe(302)
    expect(reload.headers.location).toBe('/')
    expect((await browser.request('GET', '/api/me')).statusCode).toBe(200)
  })

  it('retries an expired code (42003) once', async () => {
    const browser = wechatBrowser(app, sim)
    const login = await browser.request('GET', '/auth/login?returnTo=%2F')
    const back = new URL(await browser.consent(login.headers.location as string, { persona: 'iphone' }))
    await simAdmin(sim).advanceClock(301)
    const res = await browser.request('GET', back.pathname + back.search)
    expect(res.headers.location).toBe('/auth/login?retry=1&returnTo=%2F')
  })

  it('shows the error page, never a 5xx, when WeChat is down', async () => {
    await simAdmin(sim).fault({ api: '/sns/oauth2/access_token', mode: 'errcode', errcode: -1, count: 1 })
    const res = await wechatBrowser(app, sim).signIn({ returnTo: '/articles/2' })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/signin/error?reason=upstream&returnTo=%2Farticles%2F2')
  })

  it('keeps the stored profile when a later sign-in is silent (snsapi_base)', async () => {
    const browser = wechatBrowser(app, sim)
    await browser.signIn({ persona: 'iphone' })
    const nickname = (await browser.request('GET', '/api/me')).json().nickname
    await app.close()
    app = await build(configFor(sim, { wechat: { ...configFor(sim).wechat, oauthScope: 'snsapi_base' } }), { database: await getTestDatabase(), rateLimitMax: 10_000 })
    const silent = wechatBrowser(app, sim)
    const login = await silent.request('GET', '/auth/login')
    expect(login.headers.location).toContain('&scope=snsapi_base&')
    // No consent sheet for snsapi_base: the page continues by itself with the device's persona.
    const back = await silent.consent(login.headers.location as string, { persona: 'iphone' })
    const done = await silent.request('GET', silent.pathOf(back))
    expect(done.headers.location).toBe('/')
    expect((await silent.request('GET', '/api/me')).json().nickname).toBe(nickname)
  })

  it('signs out server-side', async () => {
    const browser = wechatBrowser(app, sim)
    await browser.signIn()
    const sid = browser.jar.get('sid')!
    expect((await browser.request('POST', '/auth/logout')).statusCode).toBe(204)
    expect((await browser.request('GET', '/api/me')).statusCode).toBe(401)
    // The old cookie is dead even if a client kept it.
    const replay = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `sid=${sid}` } })
    expect(replay.statusCode).toBe(401)
    expect(replay.json().error.code).toBe('UNAUTHORIZED')
  })
})
