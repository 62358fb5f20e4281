import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, readMigrations } from '../../src/server/db/migrate.ts'
import { openDatabase } from '../../src/server/db/open-database.ts'
import { readSeeds, seed } from '../../src/server/db/seed.ts'
import { getTestDatabase } from './helpers/test-database.ts'

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof getTestDatabase>>
  beforeAll(async () => {
    database = await getTestDatabase()
  })
  afterAll(async () => {
    await database.withAdvisoryLock(1, tx => tx.exec(`DROP TABLE IF EXISTS migration_probe; DELETE FROM schema_migrations WHERE version LIKE '9%'`))
  })

  it('are versioned files applied in order', () => {
    const versions = readMigrations().map(m => m.version)
    expect(versions[0]).toBe('0001_init')
    expect([...versions].sort()).toEqual(versions)
  })

  it('insert no demo rows: a production database starts empty', async () => {
    const fresh = await openDatabase({ databaseUrl: null, dataDir: null })
    try {
      const counts = await fresh.withAdvisoryLock(1, tx => tx.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM articles)::int + (SELECT count(*) FROM products)::int AS n`,
      ))
      expect(counts[0]!.n).toBe(0)
      expect(readMigrations().map(m => m.sql).join('\n')).not.toMatch(/INSERT INTO (articles|products)/i)
    }
    finally {
      await fresh.close()
    }
  })

  it('leave demo content to the seed, which applies twice without change', async () => {
    const fresh = await openDatabase({ databaseUrl: null, dataDir: null })
    try {
      expect(await seed(fresh)).toEqual(readSeeds().map(f => f.name))
      const count = () => fresh.withAdvisoryLock(1, tx => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM articles`))
      const first = (await count())[0]!.n
      expect(first).toBeGreaterThan(0)
      await seed(fresh)
      expect((await count())[0]!.n).toBe(first)
    }
    finally {
      await fresh.close()
    }
  })

  it('apply nothing twice', async () => {
    expect(await migrate(database)).toEqual([])
  })

  it('apply a new file once even when several instances start together', async () => {
    const extra = [...readMigrations(), { version: '9001_probe', sql: 'CREATE TABLE migration_probe (id INT PRIMARY KEY); INSERT INTO migration_probe VALUES (1);' }]
    const results = await Promise.all([migrate(database, extra), migrate(database, extra), migrate(database, extra)])
    expect(results.flat()).toEqual(['9001_probe'])
  })

  it('leave nothing half-applied when a file fails', async () => {
    const broken = [...readMigrations(), { version: '9002_broken', sql: 'CREATE TABLE half_done (id INT); SELECT no_such_function();' }]
    await expect(migrate(database, broken)).rejects.toThrow()
    const rows = await database.withAdvisoryLock(1, tx => tx.query(`SELECT to_regclass('half_done') AS t`))
    expect(rows[0]).toEqual({ t: null })
  })
})
