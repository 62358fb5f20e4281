import type { Database } from '../../../src/server/db/database.ts'
import pg from 'pg'
import { openDatabase } from '../../../src/server/db/open-database.ts'

let shared: Promise<Database> | undefined

/**
 * One database per test worker, migrated once: PGlite in memory by default,
 * or a per-worker database on the server named by TEST_DATABASE_URL (CI runs
 * the server suite a second time that way).
 */
export function getTestDatabase(): Promise<Database> {
  shared ??= open()
  return shared
}

const workerDbName = () => `kit_test_w${process.env.VITEST_POOL_ID ?? '0'}`

/**
 * Another handle on the worker's database with its own pool of `poolSize` connections
 * (PostgreSQL); on PGlite, which has no pool, the shared handle. Close it if it is not the shared one.
 */
export async function openTestDatabaseWithPool(poolSize: number): Promise<{ database: Database, close: () => Promise<void> }> {
  const shared = await getTestDatabase()
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl)
    return { database: shared, close: async () => {} }
  const url = new URL(serverUrl)
  url.pathname = `/${workerDbName()}`
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize })
  return { database, close: () => database.close() }
}

async function open(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl)
    return openDatabase({ databaseUrl: null, dataDir: null })
  const name = workerDbName()
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${name}`)
  }
  finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return openDatabase({ databaseUrl: url.toString(), dataDir: null })
}

/** Empties every table but the migration ledger; tests call it in beforeEach. */
export async function resetDatabase(database: Database): Promise<void> {
  await database.withAdvisoryLock(1, async (tx) => {
    const tables = await tx.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
    )
    if (tables.length > 0)
      await tx.exec(`TRUNCATE ${tables.map(t => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`)
  })
}
