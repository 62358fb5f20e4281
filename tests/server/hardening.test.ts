import type { App } from '../../src/server/app.ts'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { createSession } from '../../src/server/db/queries/sessions.ts'
import { upsertUser } from '../../src/server/db/queries/users.ts'
import { MAX_ADMIN_FAILURES } from '../../src/server/routes/admin/admin-auth.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { testConfig } from './helpers/test-config.ts'
import { getTestDatabase, resetDatabase } from './helpers/test-database.ts'

let app: App | undefined
// Opening and migrating the worker's database is the slow part; not any one test's.
beforeAll(() => getTestDatabase(), 120_000)
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function statuses(n: number, request: () => Promise<{ statusCode: number }>) {
  const out: number[] = []
  for (let i = 0; i < n; i++)
    out.push((await request()).statusCode)
  return out
}

describe('client addresses behind proxies', () => {
  it('TRUST_PROXY=1 takes the address the proxy appended, so a forged left-most X-Forwarded-For changes nothing', async () => {
    app = await buildTestApp({ trustProxy: 1, rateLimit: { perMinute: 3, jsSdkPerMinute: 3 } })
    const codes = await statuses(5, async () => app!.inject({ method: 'POST', url: '/api/nothing', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}, 203.0.113.7` } }))
    expect(codes.slice(0, 3)).toEqual([404, 404, 404])
    expect(codes[3]).toBe(429)
  })

  it('a list of proxy addresses trusts only those hops', async () => {
    app = await buildTestApp({ trustProxy: ['10.0.0.0/8'], rateLimit: { perMinute: 2, jsSdkPerMinute: 2 } })
    let i = 0
    const codes = await statuses(4, async () => app!.inject({ method: 'POST', url: '/api/nothing', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': `192.0.2.${i++}, 203.0.113.9` } }))
    expect(codes).toEqual([404, 404, 429, 429])
  })

  it('TRUST_PROXY=true warns at start-up', async () => {
    const lines: string[] = []
    app = await build(testConfig({ trustProxy: true }), { database: await getTestDatabase(), logStream: { write: l => void lines.push(l) } })
    await app.ready()
    expect(lines.join('')).toMatch(/TRUST_PROXY=true trusts every X-Forwarded-For entry/)
  })
})

describe('rate limits', () => {
  it('groups an IPv6 client\'s /64, so rotating addresses inside it does not help', async () => {
    app = await buildTestApp({ rateLimit: { perMinute: 3, jsSdkPerMinute: 3 } })
    let i = 1
    const codes = await statuses(4, async () => app!.inject({ method: 'POST', url: '/api/nothing', remoteAddress: `2001:db8:aa:bb::${(i++).toString(16)}` }))
    expect(codes).toEqual([404, 404, 404, 429])
    expect((await app.inject({ method: 'POST', url: '/api/nothing', remoteAddress: '2001:db8:aa:cc::1' })).statusCode).toBe(404)
  })

  it('keys a signed-in reader by user id: two sessions of one reader share a bucket, other readers on the same address do not', async () => {
    app = await buildTestApp({ rateLimit: { perMinute: 3, jsSdkPerMinute: 3 } })
    const db = app.database.db
    const alice = await upsertUser(db, { openid: 'o-alice', isSnapshot: false })
    const bob = await upsertUser(db, { openid: 'o-bob', isSnapshot: false })
    const cookieFor = async (userId: number) => `sid=${app!.signCookie((await createSession(db, userId)).token)}`
    const phone = await cookieFor(alice.id)
    const laptop = await cookieFor(alice.id)
    const post = (cookie: string) => app!.inject({ method: 'POST', url: '/api/nothing', remoteAddress: '198.51.100.1', headers: { cookie } })
    expect([(await post(phone)).statusCode, (await post(laptop)).statusCode, (await post(phone)).statusCode]).toEqual([404, 404, 404])
    expect((await post(laptop)).statusCode).toBe(429)
    expect((await post(await cookieFor(bob.id))).statusCode).toBe(404)
  })

  it('a correctly signed cookie whose session is gone counts as its address', async () => {
    app = await buildTestApp({ rateLimit: { perMinute: 2, jsSdkPerMinute: 2 } })
    let i = 0
    const codes = await statuses(3, async () => app!.inject({ method: 'POST', url: '/api/nothing', remoteAddress: '198.51.100.2', headers: { cookie: `sid=${app!.signCookie(`gone-${i++}`)}` } }))
    expect(codes).toEqual([404, 404, 429])
  })

  it('is generous to a shared address for reading and strict for sign-in', async () => {
    app = await buildTestApp({ rateLimit: { perMinute: 2, jsSdkPerMinute: 2 } })
    // Four times the per-reader allowance for anonymous reads from one address (carrier NAT).
    const reads = await statuses(9, async () => app!.inject({ method: 'GET', url: '/api/nothing', remoteAddress: '198.51.100.3' }))
    expect(reads.slice(0, 8).every(c => c === 404)).toBe(true)
    expect(reads[8]).toBe(429)
    const logins = await statuses(61, async () => app!.inject({ method: 'GET', url: '/auth/login', remoteAddress: '198.51.100.4' }))
    expect(logins.slice(0, 60).every(c => c === 302)).toBe(true)
    expect(logins[60]).toBe(429)
  })
})

describe('admin authentication', () => {
  it('limits and logs wrong tokens per address, never logging the token', async () => {
    const lines: string[] = []
    app = await build(testConfig(), { database: await getTestDatabase(), rateLimitMax: 10_000, logStream: { write: l => void lines.push(l) } })
    await resetDatabase(app.database)
    const wrong = () => app!.inject({ method: 'GET', url: '/api/admin/products', remoteAddress: '198.51.100.9', headers: { authorization: 'Bearer guess-0123456789abcdefgh' } })
    const codes = await statuses(MAX_ADMIN_FAILURES + 1, wrong)
    expect(codes.slice(0, MAX_ADMIN_FAILURES).every(c => c === 401)).toBe(true)
    expect(codes[MAX_ADMIN_FAILURES]).toBe(429)
    // Even the right token waits now, from that address; another address is unaffected.
    expect((await app.inject({ method: 'GET', url: '/api/admin/products', remoteAddress: '198.51.100.9', headers: { authorization: 'Bearer test-admin-token-0123456789' } })).statusCode).toBe(429)
    expect((await app.inject({ method: 'GET', url: '/api/admin/products', remoteAddress: '198.51.100.10', headers: { authorization: 'Bearer test-admin-token-0123456789' } })).statusCode).toBe(200)
    const log = lines.join('')
    expect(log.match(/admin authentication failed/g)).toHaveLength(MAX_ADMIN_FAILURES)
    expect(log).toContain('198.51.100.9')
    expect(log).not.toContain('guess-0123456789abcdefgh')
  })
})

describe('headers', () => {
  it('allows only https (and data:) images, and keeps API answers same-origin', async () => {
    app = await buildTestApp()
    const res = await app.inject({ method: 'GET', url: '/api/me' })
    const img = /img-src ([^;]+)/.exec(res.headers['content-security-policy'] as string)![1]!
    expect(img.split(' ')).toEqual(['\'self\'', 'data:', 'https:'])
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')
  })

  it('lets static assets be fetched cross-origin (share images), but not index.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-corp-'))
    try {
      mkdirSync(join(dir, 'assets'))
      writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>')
      writeFileSync(join(dir, 'share.png'), 'png')
      writeFileSync(join(dir, 'assets', 'a-1.js'), 'x')
      app = await buildTestApp({ staticDir: dir })
      expect((await app.inject({ method: 'GET', url: '/share.png' })).headers['cross-origin-resource-policy']).toBe('cross-origin')
      expect((await app.inject({ method: 'GET', url: '/assets/a-1.js' })).headers['cross-origin-resource-policy']).toBe('cross-origin')
      expect((await app.inject({ method: 'GET', url: '/articles/1', headers: { accept: 'text/html' } })).headers['cross-origin-resource-policy']).toBe('same-origin')
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('/healthz shares one database ping among concurrent callers', async () => {
    app = await buildTestApp()
    let pings = 0
    const realPing = app.database.ping
    let release = () => {}
    const pinged = new Promise<void>((resolvePinged) => {
      app!.database.ping = async () => {
        pings++
        await new Promise<void>((r) => {
          release = r
          resolvePinged()
        })
      }
    })
    try {
      const all = Promise.all(Array.from({ length: 20 }, () => app!.inject({ method: 'GET', url: '/healthz' })))
      await pinged
      // Let every request reach the handler while the one ping is still open.
      for (let i = 0; i < 20; i++)
        await new Promise(r => setImmediate(r))
      release()
      const answers = await all
      expect(answers.every(a => a.statusCode === 200)).toBe(true)
      expect(pings).toBe(1)
    }
    finally {
      app.database.ping = realPing
    }
  })
})
