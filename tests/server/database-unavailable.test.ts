import type { App } from '../../src/server/app.ts'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../src/server/db/queries/sessions.ts'
import { upsertUser } from '../../src/server/db/queries/users.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const serverUrl = process.env.TEST_DATABASE_URL

/**
 * A database that stops answering (here: another client holds an ACCESS EXCLUSIVE lock on a
 * table the request reads) costs a request a few seconds, not forever: lock_timeout and
 * statement_timeout end the query, the API answers 503 DATABASE_UNAVAILABLE, and the next
 * request after the database is back succeeds without any restart.
 * PGlite runs inside the API process on a single connection, so no other client can hold a
 * lock against it: this scenario exists only on PostgreSQL (CI runs it there).
 */
describe.skipIf(!serverUrl)('a frozen PostgreSQL database', () => {
  let app: App
  let other: pg.Client
  beforeAll(async () => {
    const url = new URL(serverUrl!)
    url.pathname = `/kit_test_w${process.env.VITEST_POOL_ID ?? '0'}`
    await getTestDatabase()
    other = new pg.Client({ connectionString: url.toString() })
    await other.connect()
  })
  afterEach(async () => {
    await other.query('ROLLBACK').catch(() => {})
    await app?.close()
  })
  afterAll(() => other.end())

  const freeze = async (table: string) => {
    await other.query('BEGIN')
    await other.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`)
  }

  it('answers a clean 503 while a table is locked, and recovers when it is released', async () => {
    app = await buildTestApp()
    await freeze('articles')
    const frozen = await app.inject({ method: 'GET', url: '/api/articles' })
    // Answered while the lock is still held: the timeout, not the release, ended the wait.
    expect(frozen.statusCode).toBe(503)
    expect(frozen.json()).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: expect.any(String) } })
    expect(frozen.headers['retry-after']).toBeDefined()
    await other.query('ROLLBACK')
    const back = await app.inject({ method: 'GET', url: '/api/articles' })
    expect(back.statusCode).toBe(200)
  })

  it('does the same for a signed-in request whose session table is locked', async () => {
    app = await buildTestApp()
    const { db } = app.database
    const user = await upsertUser(db, { openid: 'oFrozen0000000000000000000000', nickname: 'f', isSnapshot: false })
    const { token } = await createSession(db, user.id)
    const cookie = `sid=${app.signCookie(token)}`
    await freeze('sessions')
    const results = await Promise.all(Array.from({ length: 5 }, () => app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })))
    expect(results.map(r => r.statusCode)).toEqual([503, 503, 503, 503, 503])
    expect(results[0]!.json().error.code).toBe('DATABASE_UNAVAILABLE')
    await other.query('ROLLBACK')
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200)
  })
})
