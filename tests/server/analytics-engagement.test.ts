import type { App } from '../../src/server/app.ts'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cstDay } from '../../src/server/analytics/classify.ts'
import { admin, newReader, send, signIn } from './helpers/analytics.ts'
import { reseed } from './helpers/pay.ts'
import { buildTestApp } from './helpers/test-app.ts'

// The poll feature's own record of a ballot reaches the read → voted funnel, with no client event.
describe('analytics hears of ballots from the polls feature', () => {
  let app: App
  beforeAll(async () => {
    app = await buildTestApp({}, { rateLimitMax: 1_000_000, analytics: { maintenanceIntervalMs: false } })
    await reseed(app.database)
  })
  afterAll(() => app.close())

  it('counts a stored ballot as the voted step of the poll page\'s readers', async () => {
    const reader = await newReader(app, '/polls/weekly')
    await send(app, reader, [{ type: 'page_view', path: '/polls/weekly', articleId: 'poll:weekly', channel: 'menu', at: Date.now() - 1000 }])
    const { cookie } = await signIn(app, reader, '读者')
    const poll = (await app.inject({ method: 'GET', url: '/api/polls/weekly' })).json()
    const res = await app.inject({ method: 'POST', url: '/api/polls/weekly/votes', payload: { optionIds: [poll.options[0].id] }, headers: { cookie: `${cookie}; ${reader.cookie}` } })
    expect(res.statusCode, res.body).toBe(201)

    const range = `from=${cstDay(Date.now())}&to=${cstDay(Date.now() + 3600_000)}`
    await vi.waitFor(async () => {
      expect((await admin(app, `/api/admin/analytics/funnel?articleId=poll:weekly&goal=vote&${range}`)).steps)
        .toEqual([{ step: 'read', readers: 1 }, { step: 'voted', readers: 1 }])
    }, { timeout: 10_000, interval: 100 })
  })
})
