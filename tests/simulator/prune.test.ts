// Long dev sessions and load tests must not grow the simulator's memory without bound: stores
// forget what can no longer matter when they issue something new (src/simulator/state/prune.ts),
// and the admin clock refuses jumps that would break time formatting.
import { describe, expect, it } from 'vitest'
import { createClock } from '../../src/simulator/clock.ts'
import { createCodeStore } from '../../src/simulator/state/codes.ts'
import { createOrderStore } from '../../src/simulator/state/orders.ts'
import { EXPIRED_GRACE_MS } from '../../src/simulator/state/prune.ts'
import { createUserTokenStore, REFRESH_TTL_MS } from '../../src/simulator/state/user-tokens.ts'
import { postJson, startTestSimulator } from './helpers.ts'

const DAY = 86400

describe('stores forget expired entries when issuing new ones', () => {
  it('user tokens stay while the refresh_token can answer (42002 included), then go', () => {
    const clock = createClock(() => 0)
    const store = createUserTokenStore(clock)
    const old = store.issue({ appId: 'wx', openid: 'o', personaKey: 'iphone', scope: 'snsapi_base' })
    clock.advance((REFRESH_TTL_MS + EXPIRED_GRACE_MS) / 1000 - 60)
    store.issue({ appId: 'wx', openid: 'o', personaKey: 'iphone', scope: 'snsapi_base' })
    expect(store.refresh(old.refreshToken, 'wx').status).toBe('expired') // still remembered
    clock.advance(120)
    store.issue({ appId: 'wx', openid: 'o', personaKey: 'iphone', scope: 'snsapi_base' })
    expect(store.refresh(old.refreshToken, 'wx').status).toBe('invalid')
    expect(store.byAccessToken(old.accessToken).status).toBe('invalid')
  })

  it('codes go an hour after issue', () => {
    const clock = createClock(() => 0)
    const store = createCodeStore(clock)
    const old = store.issue('wx', 'iphone', 'snsapi_base')
    clock.advance(301)
    expect(store.redeem(old, 'wx')).toEqual({ ok: false, reason: 'expired' })
    clock.advance(3600)
    store.issue('wx', 'iphone', 'snsapi_base')
    expect(store.redeem(old, 'wx')).toEqual({ ok: false, reason: 'unknown' })
  })

  it('orders go after a year and a day; a superseded prepay_id answers "expired" for a grace week', () => {
    const clock = createClock(() => 0)
    const store = createOrderStore(clock)
    const req = { appid: 'wx', mchid: '1', description: 'd', notifyUrl: 'https://n', total: 1, currency: 'CNY', openid: 'o' }
    const order = store.create({ ...req, outTradeNo: 'A' })
    const firstPrepay = order.prepayId
    clock.advance(7201)
    store.renewPrepay(order)
    store.create({ ...req, outTradeNo: 'B' })
    expect(store.byPrepayId(firstPrepay)).toBe(order) // "expired", not "unknown"
    clock.advance(8 * DAY)
    store.create({ ...req, outTradeNo: 'C' })
    expect(store.byPrepayId(firstPrepay)).toBeUndefined()
    expect(store.get('A')).toBe(order)
    clock.advance(366 * DAY)
    store.create({ ...req, outTradeNo: 'D' })
    expect(store.get('A')).toBeUndefined()
    expect(store.byPrepayId(order.prepayId)).toBeUndefined()
    expect(store.get('D')).toBeDefined()
  })
})

describe('POST /__sim/clock', () => {
  it('accepts up to ten years at once and leaves the clock alone when it refuses', async () => {
    const sim = await startTestSimulator()
    const ok = await postJson(`${sim.origin}/__sim/clock`, { advanceSeconds: 10 * 365 * DAY })
    expect(ok).toMatchObject({ ok: true, offsetSeconds: 10 * 365 * DAY })
    const res = await fetch(`${sim.origin}/__sim/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: Date.now() }) })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toMatch(/十年/)
    expect((await (await fetch(`${sim.origin}/__sim/clock`)).json())).toMatchObject({ offsetSeconds: 10 * 365 * DAY })
    await sim.close()
  })
})
