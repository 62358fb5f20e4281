import type { App } from '../../src/server/app.ts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../src/server/db/queries/sessions.ts'
import { upsertUser } from '../../src/server/db/queries/users.ts'
import { pruneAnonymousVisitors, VISITOR_RETENTION_DAYS } from '../../src/server/db/queries/visitors.ts'
import { rows } from './helpers/pay.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { getTestDatabase } from './helpers/test-database.ts'

describe('share visits: POST /api/share/visits', () => {
  let app: App
  beforeAll(async () => {
    app = await buildTestApp()
  })
  afterAll(() => app.close())

  // A page loaded in a browser sends Origin with its POSTs; bare API calls do not.
  const visit = (body: unknown, cookie = '', headers: Record<string, string> = { 'origin': 'http://h5.test.local', 'sec-fetch-site': 'same-origin' }) =>
    app.inject({ method: 'POST', url: '/api/share/visits', payload: body as never, headers: { cookie, ...headers } })
  const vidOf = (res: Awaited<ReturnType<typeof visit>>) => `vid=${res.cookies.find(c => c.name === 'vid')!.value}`

  it('gives a new visitor a share code and a long-lived HttpOnly cookie', async () => {
    const res = await visit({ path: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ shareCode: expect.stringMatching(/^[A-Z0-9]{10}$/i), attributed: false })
    expect(res.cookies.find(c => c.name === 'vid')).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
    const again = await visit({ path: '/articles/1' }, vidOf(res))
    expect(again.json().shareCode).toBe(res.json().shareCode)
  })

  it('records who shared what and who opened it, once per person and page', async () => {
    const sharer = await visit({ path: '/polls/weekly' })
    const code = sharer.json().shareCode
    const friend = await visit({ path: '/polls/weekly', sharer: code })
    expect(friend.json().attributed).toBe(true)
    expect((await visit({ path: '/polls/weekly', sharer: code }, vidOf(friend))).json().attributed).toBe(false)
    // Opening your own shared link is not virality.
    expect((await visit({ path: '/polls/weekly', sharer: code }, vidOf(sharer))).json().attributed).toBe(false)
    const rows = await (await getTestDatabase()).db.execute(sql`SELECT path FROM share_opens`)
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ path: '/polls/weekly' }])
  })

  it('counts an open once per opener, sharer and page a day; another day counts again', async () => {
    const code = (await visit({ path: '/' })).json().shareCode
    const friend = await visit({ path: '/articles/9', sharer: code })
    expect(friend.json().attributed).toBe(true)
    expect((await visit({ path: '/articles/9?from=timeline', sharer: code }, vidOf(friend))).json().attributed).toBe(false)
    await rows(`UPDATE share_opens SET opened_on = opened_on - 1 WHERE path = '/articles/9'`)
    expect((await visit({ path: '/articles/9', sharer: code }, vidOf(friend))).json().attributed).toBe(true)
    expect((await rows(`SELECT count(*)::int AS n FROM share_opens WHERE path = '/articles/9'`))[0]).toEqual({ n: 2 })
  })

  it('creates no visitor and records no open for bare API calls', async () => {
    const code = (await visit({ path: '/' })).json().shareCode
    const before = (await rows<{ n: number }>('SELECT count(*)::int AS n FROM visitors'))[0]!.n
    const bare: Record<string, string>[] = [{}, { origin: 'https://evil.example' }, { 'origin': 'http://h5.test.local', 'sec-fetch-site': 'cross-site' }]
    for (const headers of bare) {
      const res = await visit({ path: '/polls/1', sharer: code }, '', headers)
      expect(res.json()).toEqual({ shareCode: '', attributed: false })
      expect(res.cookies).toEqual([])
    }
    expect((await rows<{ n: number }>('SELECT count(*)::int AS n FROM visitors'))[0]!.n).toBe(before)
    // The API's own host counts as loaded from the page too (a proxy in front, dev servers).
    expect((await visit({ path: '/polls/1', sharer: code }, '', { origin: 'http://localhost:8080', host: 'localhost:8080' })).json().attributed).toBe(true)
  })

  it('keeps snapshot-mode (virtual) visitors out', async () => {
    const code = (await visit({ path: '/' })).json().shareCode
    const virtual = await upsertUser(app.database.db, { openid: 'o-snapshot', isSnapshot: true })
    const sid = `sid=${app.signCookie((await createSession(app.database.db, virtual.id)).token)}`
    const res = await visit({ path: '/polls/2', sharer: code }, sid)
    expect(res.json()).toEqual({ shareCode: '', attributed: false })
    expect(await rows(`SELECT 1 FROM share_opens WHERE path = '/polls/2'`)).toEqual([])
  })

  it('prunes anonymous visitors unseen for the retention period, keeping signed-in and recent ones', async () => {
    const old = await visit({ path: '/' })
    const linked = await visit({ path: '/' })
    const recent = await visit({ path: '/' })
    const user = await upsertUser(app.database.db, { openid: 'o-kept', isSnapshot: false })
    await rows(`UPDATE visitors SET user_id = $1 WHERE share_code = $2`, [user.id, linked.json().shareCode])
    await rows(`UPDATE visitors SET last_seen_at = now() - interval '${VISITOR_RETENTION_DAYS + 1} days' WHERE share_code = ANY($1)`, [[old.json().shareCode, linked.json().shareCode]])
    await pruneAnonymousVisitors(app.database.db)
    const left = (await rows<{ share_code: string }>('SELECT share_code FROM visitors')).map(r => r.share_code)
    expect(left).not.toContain(old.json().shareCode)
    expect(left).toContain(linked.json().shareCode)
    expect(left).toContain(recent.json().shareCode)
  })

  it('ignores an unknown sharer code', async () => {
    expect((await visit({ path: '/', sharer: 'nobody1234' })).json().attributed).toBe(false)
  })

  it.each([
    [{}, 'missing path'],
    [{ path: 'polls' }, 'relative path'],
    [{ path: '/', sharer: '<script>' }, 'bad sharer code'],
    [{ path: `/${'x'.repeat(600)}` }, 'oversized path'],
  ] as [unknown, string][])('refuses %o (%s) with 400', async (body) => {
    const res = await visit(body)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('VALIDATION_FAILED')
  })
})
