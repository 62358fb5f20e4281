import type { IncomingMessage } from 'node:http'
import type { App } from '../../src/server/app.ts'
import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { seed } from '../../src/server/db/seed.ts'
import { makeFollower, makeFollowers } from './helpers/followers.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { testConfig } from './helpers/test-config.ts'

interface Stream { res: IncomingMessage, events: { event: string, data: any }[], next: (n: number) => Promise<void>, ended: Promise<void> }

/** Opens the live stream over real HTTP and parses events as they arrive. */
function openStream(port: number, path: string, cookie: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { cookie, 'accept': 'text/event-stream', 'accept-encoding': 'gzip, br' } }, (res) => {
      const events: Stream['events'] = []
      const waiters: { n: number, done: () => void }[] = []
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.+)$/m.exec(block)?.[1]
          const data = /^data: (.+)$/m.exec(block)?.[1]
          if (event && data)
            events.push({ event, data: JSON.parse(data) })
          end = buffer.indexOf('\n\n')
        }
        for (const w of waiters.filter(w => events.length >= w.n)) w.done()
      })
      const ended = new Promise<void>(r => res.on('close', () => r()))
      resolve({
        res,
        events,
        ended,
        next: n => new Promise<void>((done) => {
          if (events.length >= n)
            done()
          else waiters.push({ n, done })
        }),
      })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('live poll results: GET /api/polls/:id/live (Server-Sent Events)', () => {
  let app: App
  afterEach(() => app.close())

  async function start() {
    app = await buildTestApp({}, { rateLimitMax: 10_000, liveCoalesceMs: 20 })
    await seed(app.database)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    return typeof address === 'object' && address ? address.port : 0
  }
  const vote = (cookie: string, option: string) => app.inject({ method: 'POST', url: '/api/polls/weekly/votes', payload: { optionIds: [option] }, headers: { cookie } })

  it('streams uncompressed `results` events as others vote, to every watcher, and app.close() ends the streams', async () => {
    const port = await start()
    const [me, friend] = await makeFollowers(app, 2)
    expect((await vote(me!.cookie, 'pay')).statusCode).toBe(201)

    const a = await openStream(port, '/api/polls/weekly/live', me!.cookie)
    const b = await openStream(port, '/api/polls/weekly/live', me!.cookie)
    expect(a.res.statusCode).toBe(200)
    expect(a.res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    expect(a.res.headers['content-encoding']).toBeUndefined()
    // The security headers other routes get are kept.
    expect(a.res.headers['x-content-type-options']).toBe('nosniff')
    await a.next(1)
    expect(a.events[0]).toEqual({ event: 'results', data: { voters: 1, options: expect.arrayContaining([{ id: 'pay', votes: 1 }]) } })
    expect(app.polls.hub.watcherCount('weekly')).toBe(2)

    expect((await vote(friend!.cookie, 'share')).statusCode).toBe(201)
    await a.next(2)
    await b.next(2)
    expect(a.events[1]!.data.voters).toBe(2)
    expect(a.events[1]!.data.options).toContainEqual({ id: 'share', votes: 1 })
    expect(b.events[1]).toEqual(a.events[1])

    await app.close()
    await Promise.all([a.ended, b.ended])
    expect(app.polls.hub.watcherCount()).toBe(0)
  })

  it('forgets a watcher that leaves', async () => {
    const port = await start()
    const me = await makeFollower(app)
    await vote(me.cookie, 'pay')
    const a = await openStream(port, '/api/polls/weekly/live', me.cookie)
    await a.next(1)
    a.res.destroy()
    await a.ended
    for (let i = 0; i < 50 && app.polls.hub.watcherCount('weekly') > 0; i++)
      await new Promise(r => setTimeout(r, 10))
    expect(app.polls.hub.watcherCount('weekly')).toBe(0)
  })

  it.runIf(!!process.env.TEST_DATABASE_URL)('fans out across instances on PostgreSQL: a vote on one instance reaches watchers of another', async () => {
    const port = await start()
    // A second API instance on the same database, with its own hub and LISTEN connection.
    const other = await build(testConfig(), { database: app.database, rateLimitMax: 10_000, liveCoalesceMs: 20 })
    try {
      const [me, friend] = await makeFollowers(app, 2)
      await vote(me!.cookie, 'pay')
      const a = await openStream(port, '/api/polls/weekly/live', me!.cookie)
      await a.next(1)
      expect(await app.polls.hub.listening()).toBe(true)
      const res = await other.inject({ method: 'POST', url: '/api/polls/weekly/votes', payload: { optionIds: ['growth'] }, headers: { cookie: friend!.cookie } })
      expect(res.statusCode).toBe(201)
      await a.next(2)
      expect(a.events[1]!.data.voters).toBe(2)
      expect(a.events[1]!.data.options).toContainEqual({ id: 'growth', votes: 1 })
    }
    finally {
      await other.close()
    }
  })

  it('refuses a reader who may not see the results yet (403 RESULTS_HIDDEN) and unknown polls (404)', async () => {
    await start()
    const me = await makeFollower(app)
    const hidden = await app.inject({ method: 'GET', url: '/api/polls/weekly/live', headers: { cookie: me.cookie } })
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([403, 'RESULTS_HIDDEN'])
    expect((await app.inject({ method: 'GET', url: '/api/polls/nope/live' })).statusCode).toBe(404)
  })
})
