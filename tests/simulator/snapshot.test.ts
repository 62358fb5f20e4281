// Snapshot pages (protocol §1.1: "the JS-SDK is unusable" there): a browser that signed in as the
// snapshot persona gets a failing wx.config until it signs in as a real persona again. The
// browser is the wxsim_bid cookie on the simulator origin, sent by the bridge's credentialed fetch.

import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appErrMsg } from '../../src/simulator/bridge/sdk-names.ts'
import { jssdkSignature } from '../../src/simulator/crypto/jssdk-signature.ts'
import { SNAPSHOT_FAIL } from '../../src/simulator/routes/bridge.ts'
import { APPID, getJson, SECRET, startTestSimulator } from './helpers.ts'

let sim: RunningSimulator
let ticket: string
beforeAll(async () => {
  sim = await startTestSimulator()
  const t = await getJson(`${sim.origin}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)
  ticket = (await getJson(`${sim.origin}/cgi-bin/ticket/getticket?access_token=${t.access_token}&type=jsapi`)).ticket as string
})
afterAll(() => sim.close())

const PAGE = 'https://h5.example.com/article/1'

/** Signs in through the consent form's target as `persona`; returns the Set-Cookie headers. */
async function signIn(persona: string, cookie = '', action = 'allow'): Promise<string[]> {
  const q = new URLSearchParams({ appid: APPID, redirect_uri: PAGE, scope: 'snsapi_userinfo', state: 'S', persona, action })
  const res = await fetch(`${sim.origin}/connect/oauth2/authorize/confirm?${q}`, { redirect: 'manual', headers: cookie ? { cookie } : {} })
  expect(res.status).toBe(302)
  return res.headers.getSetCookie()
}

const bidOf = (setCookies: string[]): string => setCookies.find(c => c.startsWith('wxsim_bid='))!.split(';')[0]!

async function preverify(cookie?: string): Promise<Record<string, unknown>> {
  const body = { appId: APPID, url: PAGE, timestamp: '1', nonceStr: 'n', jsApiList: ['chooseWXPay'], signature: jssdkSignature({ ticket, nonceStr: 'n', timestamp: '1', url: PAGE }) }
  const res = await fetch(`${sim.origin}/__sim/bridge/preverify`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) })
  return await res.json() as Record<string, unknown>
}

describe('snapshot pages (§1.1)', () => {
  it('gives the browser an HttpOnly, Lax browser id on its first sign-in, and keeps it afterwards', async () => {
    const first = await signIn('iphone')
    const bid = first.find(c => c.startsWith('wxsim_bid='))!
    expect(bid).toMatch(/^wxsim_bid=[A-Za-z0-9]{32}; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly$/)
    const again = await signIn('android', bidOf(first))
    expect(again.some(c => c.startsWith('wxsim_bid='))).toBe(false)
    expect(again).toContain('wxsim_persona=android; Path=/; Max-Age=31536000; SameSite=Lax')
  })

  it('fails wx.config in a browser signed in as the snapshot persona, however well signed', async () => {
    const bid = bidOf(await signIn('snapshot'))
    const r = await preverify(bid)
    expect(r).toMatchObject({ err_msg: SNAPSHOT_FAIL, signedUrl: PAGE, reason: expect.stringContaining('快照页中 JS-SDK 不可用') })
    // What the app sees through the SDK's normalisation (§4.6): a wx.error, not ready.
    expect(appErrMsg('preVerifyJSAPI', SNAPSHOT_FAIL)).toBe('config:snapshot page')
    // Other browsers (and requests without the cookie: blocked or cross-site) are unaffected.
    expect((await preverify()).err_msg).toBe('preVerifyJSAPI:ok')
    expect((await preverify('wxsim_bid=someoneelse00000000000000000000')).err_msg).toBe('preVerifyJSAPI:ok')
  })

  it('clears the mark when the same browser signs in as a real persona, but not when it refuses', async () => {
    const bid = bidOf(await signIn('snapshot'))
    await signIn('iphone', bid, 'refuse')
    expect((await preverify(bid)).err_msg).toBe(SNAPSHOT_FAIL)
    await signIn('iphone', bid)
    expect((await preverify(bid)).err_msg).toBe('preVerifyJSAPI:ok')
  })

  it('a silent snsapi_base sign-in as a real persona clears it too', async () => {
    const bid = bidOf(await signIn('snapshot'))
    const q = new URLSearchParams({ appid: APPID, redirect_uri: PAGE, scope: 'snsapi_base', state: 'S', persona: 'android', action: 'allow' })
    await fetch(`${sim.origin}/connect/oauth2/authorize/confirm?${q}`, { redirect: 'manual', headers: { cookie: bid } })
    expect((await preverify(bid)).err_msg).toBe('preVerifyJSAPI:ok')
  })
})

describe('the phone chosen on the consent page', () => {
  const lastDevice = async (cookie?: string) => (await fetch(`${sim.origin}/__sim/bridge/device`, { headers: cookie ? { cookie } : {} })).json() as Promise<Record<string, unknown>>

  it('is what the bridge of that browser switches to: the newest choice, per browser', async () => {
    const bid = bidOf(await signIn('android'))
    const android = await lastDevice(bid)
    expect(android).toEqual({ device: 'android', at: expect.any(Number) })
    await signIn('iphone', bid)
    const ios = await lastDevice(bid)
    expect(ios.device).toBe('ios')
    expect(ios.at as number).toBeGreaterThanOrEqual(android.at as number)
    // A refusal chooses no phone; other browsers and cookieless requests know of no choice.
    await signIn('android', bid, 'refuse')
    expect((await lastDevice(bid)).device).toBe('ios')
    expect(await lastDevice()).toEqual({})
    expect(await lastDevice('wxsim_bid=someoneelse00000000000000000000')).toEqual({})
  })
})
