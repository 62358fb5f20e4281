// 网页授权 strictness (protocol §1.1–1.6).

import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openidFor } from '../../src/simulator/openid.ts'
import { IPHONE_UA } from '../../src/simulator/personas.ts'
import { APPID, codeFor, getJson, SECRET, startTestSimulator } from './helpers.ts'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(() => sim.close())

const REDIRECT = encodeURIComponent('https://h5.example.com/auth/callback?from=share')
const authorize = (query: string, init?: RequestInit) => fetch(`${sim.origin}/connect/oauth2/authorize?${query}`, init)
function exchange(code: string | undefined, over: Record<string, string> = {}) {
  const q = new URLSearchParams({ appid: APPID, secret: SECRET, ...(code === undefined ? {} : { code }), grant_type: 'authorization_code', ...over })
  return getJson(`${sim.origin}/sns/oauth2/access_token?${q}`)
}

describe('the authorize link', () => {
  it.each([
    ['a valid link', `appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_userinfo&state=STATE`, 200, ''],
    ['forcePopup and connect_redirect after state', `appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_userinfo&state=S&forcePopup=true&connect_redirect=1`, 200, ''],
    ['scope before redirect_uri', `appid=${APPID}&scope=snsapi_userinfo&redirect_uri=${REDIRECT}&response_type=code&state=S`, 400, 'invalid'],
    ['state before scope', `appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&state=S&scope=snsapi_base`, 400, 'invalid'],
    ['an unknown extra parameter', `appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_base&state=S&foo=1`, 400, 'invalid'],
    ['appId spelt with a capital I', `appId=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_base&state=S`, 400, '10012'],
    ['a redirect_uri that is not urlEncoded', `appid=${APPID}&redirect_uri=https://h5.example.com/cb&response_type=code&scope=snsapi_base&state=S`, 400, 'invalid'],
    ['a redirect host that is not the auth domain', `appid=${APPID}&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}&response_type=code&scope=snsapi_base&state=S`, 400, '10003'],
    ['a sub-domain of the auth domain', `appid=${APPID}&redirect_uri=${encodeURIComponent('https://m.h5.example.com/cb')}&response_type=code&scope=snsapi_base&state=S`, 400, '10003'],
    ['the auth host on another port', `appid=${APPID}&redirect_uri=${encodeURIComponent('http://127.0.0.1:5174/cb')}&response_type=code&scope=snsapi_base&state=S`, 400, '10003'],
    ['an unknown scope', `appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_login&state=S`, 400, '10005'],
    ['an empty scope', `appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=&state=S`, 400, '10010'],
    ['an empty redirect_uri', `appid=${APPID}&redirect_uri=&response_type=code&scope=snsapi_base&state=S`, 400, '10011'],
    ['an empty state', `appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_base&state=`, 400, '10013'],
    ['an unknown appid', `appid=wx0000000000000000&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_base&state=S`, 400, '10016'],
    ['response_type=token', `appid=${APPID}&redirect_uri=${REDIRECT}&response_type=token&scope=snsapi_base&state=S`, 400, 'invalid'],
  ])('%s → %s', async (_name, query, status, errcode) => {
    const res = await authorize(query)
    expect(res.status).toBe(status)
    if (errcode)
      expect(res.headers.get('x-wxsim-errcode')).toBe(errcode)
    expect(await res.text()).toContain('<!doctype html>')
  })

  it('renders a consent page preselecting the persona of the device, guarded by the #wechat_redirect check', async () => {
    const html = await (await authorize(`appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_userinfo&state=S`, { headers: { 'user-agent': IPHONE_UA } })).text()
    expect(html).toContain('value="iphone" checked')
    expect(html).toContain('拒绝')
    expect(html).toContain('location.hash===\'#wechat_redirect\'')
  })

  it('snsapi_base is silent and uses the remembered persona cookie over the device', async () => {
    const html = await (await authorize(`appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_base&state=S`, { headers: { 'user-agent': IPHONE_UA, 'cookie': 'wxsim_persona=android' } })).text()
    expect(html).not.toContain('wxsim-consent')
    expect(html).toContain('<input type="hidden" name="persona" value="android">')
    expect(html).toContain('location.replace(')
  })

  it('snsapi_base never signs in as the snapshot persona: a remembered snapshot falls back to the device\'s user (§1.1)', async () => {
    const html = await (await authorize(`appid=${APPID}&redirect_uri=${REDIRECT}&response_type=code&scope=snsapi_base&state=S`, { headers: { 'user-agent': IPHONE_UA, 'cookie': 'wxsim_persona=snapshot' } })).text()
    expect(html).toContain('<input type="hidden" name="persona" value="iphone">')
    const direct = await fetch(`${sim.origin}/connect/oauth2/authorize/confirm?${new URLSearchParams({ appid: APPID, redirect_uri: 'https://h5.example.com/cb', scope: 'snsapi_base', state: 'S', persona: 'snapshot', action: 'allow' })}`, { redirect: 'manual' })
    expect(direct.status).toBe(400)
    expect(await direct.text()).toContain('snsapi_userinfo')
  })

  it('refusing without a state redirects to redirect_uri unchanged (no empty state=)', async () => {
    const q = { appid: APPID, redirect_uri: 'https://h5.example.com/cb?from=share#/a', scope: 'snsapi_userinfo', persona: 'iphone', action: 'refuse' }
    const res = await fetch(`${sim.origin}/connect/oauth2/authorize/confirm?${new URLSearchParams(q)}`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('https://h5.example.com/cb?from=share#/a')
  })

  it('redirects with code and state joined by & after consent, and with only state on refusal', async () => {
    const base = { appid: APPID, redirect_uri: 'https://h5.example.com/cb?from=share#/article/1', scope: 'snsapi_userinfo', state: 'XYZ' }
    const allow = await fetch(`${sim.origin}/connect/oauth2/authorize/confirm?${new URLSearchParams({ ...base, persona: 'android', action: 'allow' })}`, { redirect: 'manual' })
    expect(allow.status).toBe(302)
    expect(allow.headers.get('location')).toMatch(/^https:\/\/h5\.example\.com\/cb\?from=share&code=[A-Za-z0-9]{32}&state=XYZ#\/article\/1$/)
    const refuse = await fetch(`${sim.origin}/connect/oauth2/authorize/confirm?${new URLSearchParams({ ...base, action: 'refuse' })}`, { redirect: 'manual' })
    expect(refuse.headers.get('location')).toBe('https://h5.example.com/cb?from=share&state=XYZ#/article/1')
  })

  it('the confirm step re-checks the redirect domain', async () => {
    const res = await fetch(`${sim.origin}/connect/oauth2/authorize/confirm?${new URLSearchParams({ appid: APPID, redirect_uri: 'https://evil.example.com/', scope: 'snsapi_base', state: 'S', persona: 'iphone', action: 'allow' })}`, { redirect: 'manual' })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-wxsim-errcode')).toBe('10003')
  })
})

describe('code exchange (protocol §1.2)', () => {
  it('returns unionid only for snsapi_userinfo and is_snapshotuser only for the snapshot persona', async () => {
    const info = await exchange(await codeFor(sim.origin, 'iphone', 'snsapi_userinfo'))
    expect(info).toMatchObject({ expires_in: 7200, openid: openidFor(APPID, 'iphone'), scope: 'snsapi_userinfo' })
    expect(info.unionid).toBeTypeOf('string')
    expect(info).not.toHaveProperty('is_snapshotuser')
    const base = await exchange(await codeFor(sim.origin, 'android', 'snsapi_base'))
    expect(base).not.toHaveProperty('unionid')
    const snap = await exchange(await codeFor(sim.origin, 'snapshot', 'snsapi_userinfo'))
    expect(snap.is_snapshotuser).toBe(1)
  })

  it.each([
    ['a reused code', 40163, async () => { const c = await codeFor(sim.origin, 'iphone'); await exchange(c); return exchange(c) }],
    ['an expired code', 42003, async () => { const c = await codeFor(sim.origin, 'iphone'); await fetch(`${sim.origin}/__sim/clock`, { method: 'POST', body: '{"advanceSeconds":301}' }); return exchange(c) }],
    ['a missing code', 41008, () => exchange(undefined)],
    ['a forged code', 40029, () => exchange('0'.repeat(32))],
    ['a bad secret', 40125, async () => exchange(await codeFor(sim.origin, 'iphone'), { secret: 'nope' })],
    ['a bad appid', 40013, async () => exchange(await codeFor(sim.origin, 'iphone'), { appid: 'wx0000000000000000' })],
    ['a wrong grant_type', 40002, async () => exchange(await codeFor(sim.origin, 'iphone'), { grant_type: 'client_credential' })],
  ])('%s → %i with a rid suffix', async (_name, errcode, run) => {
    const res = await run()
    expect(res.errcode).toBe(errcode)
    expect(res.errmsg).toMatch(/ rid: [0-9a-f-]+$/)
  })
})

describe('userinfo, auth and refresh (protocol §1.3–1.5)', () => {
  it('serves userinfo for snsapi_userinfo and 48001 for a snsapi_base token', async () => {
    const full = await exchange(await codeFor(sim.origin, 'iphone', 'snsapi_userinfo'))
    const info = await getJson(`${sim.origin}/sns/userinfo?access_token=${full.access_token}&openid=${full.openid}&lang=zh_CN`)
    expect(info).toMatchObject({ openid: full.openid, nickname: '林晓', sex: 0, province: '', privilege: [] })
    expect(await (await fetch(info.headimgurl as string)).text()).toContain('<svg')
    const base = await exchange(await codeFor(sim.origin, 'iphone', 'snsapi_base'))
    expect((await getJson(`${sim.origin}/sns/userinfo?access_token=${base.access_token}&openid=${base.openid}`)).errcode).toBe(48001)
  })

  it.each([
    ['a valid pair', (t: string, o: string) => `access_token=${t}&openid=${o}`, 0],
    ['another openid', (t: string) => `access_token=${t}&openid=${openidFor(APPID, 'android')}`, 40003],
    ['an unknown token', (_t: string, o: string) => `access_token=nope&openid=${o}`, 40001],
  ])('/sns/auth with %s → %i', async (_name, q, errcode) => {
    const g = await exchange(await codeFor(sim.origin, 'iphone'))
    expect((await getJson(`${sim.origin}/sns/auth?${q(g.access_token as string, g.openid as string)}`)).errcode).toBe(errcode)
  })

  it('refresh keeps a live token, replaces an expired one and rejects bad refresh tokens', async () => {
    const g = await exchange(await codeFor(sim.origin, 'iphone'))
    const refresh = (rt: string) => getJson(`${sim.origin}/sns/oauth2/refresh_token?appid=${APPID}&grant_type=refresh_token&refresh_token=${rt}`)
    const same = await refresh(g.refresh_token as string)
    expect(same.access_token).toBe(g.access_token)
    expect(same).not.toHaveProperty('unionid')
    await fetch(`${sim.origin}/__sim/clock`, { method: 'POST', body: '{"advanceSeconds":7201}' })
    expect((await getJson(`${sim.origin}/sns/auth?access_token=${g.access_token}&openid=${g.openid}`)).errcode).toBe(42001)
    const fresh = await refresh(g.refresh_token as string)
    expect(fresh.access_token).not.toBe(g.access_token)
    expect((await refresh('bogus')).errcode).toBe(40030)
    await fetch(`${sim.origin}/__sim/clock`, { method: 'POST', body: `{"advanceSeconds":${31 * 86400}}` })
    expect((await refresh(g.refresh_token as string)).errcode).toBe(42002)
  })
})
