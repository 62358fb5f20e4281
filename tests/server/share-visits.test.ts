import type { App } from '../../src/server/app.ts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from './helpers/test-app.ts'
import { getTestDatabase } from './helpers/test-database.ts'

describe('share visits: POST /api/share/visits', () => {
  let app: App
  beforeAll(async () => {
    app = await buildTestApp()
  })
  afterAll(() => app.close())

  const visit = (body: unknown, cookie = '') => app.inject({ method: 'POST', url: '/api/share/visits', payload: body as never, headers: { cookie } })
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
