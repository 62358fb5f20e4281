import type { Database } from '../../src/server/db/database.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rows } from './helpers/pay.ts'
import { getTestDatabase, openTestDatabaseWithPool } from './helpers/test-database.ts'

const onPostgres = !!process.env.TEST_DATABASE_URL
const tick = () => new Promise(r => setTimeout(r, 20))

describe('database.withLock: named locks that hold no connection', () => {
  let database: Database
  beforeAll(async () => {
    database = await getTestDatabase()
  })

  it('runs same-name holders one after another and different names side by side', async () => {
    const log: string[] = []
    const work = (name: string, id: string) => database.withLock(name, async () => {
      log.push(`${id}+`)
      await tick()
      await database.ping()
      log.push(`${id}-`)
    })
    await Promise.all([work('a', '1'), work('a', '2'), work('a', '3')])
    expect(log).toEqual(['1+', '1-', '2+', '2-', '3+', '3-'])
    // Different names: x finishes only once y is inside, which a shared lock would never allow.
    const y = { inside: false }
    await Promise.all([
      database.withLock('x', async () => {
        while (!y.inside)
          await tick()
      }),
      database.withLock('y', async () => {
        y.inside = true
      }),
    ])
  })

  it('releases the name when the work fails', async () => {
    await expect(database.withLock('fails', async () => { throw new Error('boom') })).rejects.toThrow('boom')
    expect(await database.withLock('fails', async () => 'ok')).toBe('ok')
  })

  describe.skipIf(!onPostgres)('across instances (PostgreSQL; PGlite belongs to one process)', () => {
    let a: { database: Database, close: () => Promise<void> }
    let b: { database: Database, close: () => Promise<void> }
    beforeAll(async () => {
      // Two instances with one connection each: any lock that held a connection would deadlock here.
      a = await openTestDatabaseWithPool(1)
      b = await openTestDatabaseWithPool(1)
    })
    afterAll(async () => {
      await a.close()
      await b.close()
    })

    it('excludes another instance, which waits without holding its only connection', async () => {
      let release!: () => void
      const held = new Promise<void>((r) => {
        release = r
      })
      const a1 = { inside: false }
      const first = a.database.withLock('shared', async () => {
        a1.inside = true
        // The holder uses its single connection freely while holding the lock.
        await a.database.ping()
        await held
        await a.database.ping()
        a1.inside = false
        return 'a'
      })
      while (!a1.inside)
        await tick()
      let bRan = false
      const second = b.database.withLock('shared', async () => {
        bRan = true
        expect(a1.inside).toBe(false)
        return 'b'
      })
      await tick()
      // b is waiting, yet its one pooled connection still answers other queries.
      await b.database.ping()
      expect(bRan).toBe(false)
      release()
      expect(await Promise.all([first, second])).toEqual(['a', 'b'])
      expect(await rows('SELECT name FROM lock_leases')).toEqual([])
    })

    it('takes over a lease whose holder died', async () => {
      await rows(`INSERT INTO lock_leases (name, holder, expires_at) VALUES ('orphan', 'crashed', now() - interval '1 second')`)
      expect(await a.database.withLock('orphan', async () => 'taken')).toBe('taken')
    })
  })
})
