import type { Db } from './database.ts'
import { sql } from 'drizzle-orm'

export type DbTx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** Fixed keys: one per thing only one process at a time may do. */
export const LOCKS = {
  accessToken: 727_101,
  jsapiTicket: 727_102,
} as const

/**
 * Runs `fn` in a transaction holding a PostgreSQL transaction-level advisory
 * lock, which serialises it across every API instance sharing the database
 * and is released on commit or rollback, even if the process dies.
 * Inside `fn`, use only `tx`: with PGlite's single connection any other query
 * would wait for this transaction to end.
 */
export function withAdvisoryLock<T>(db: Db, key: number, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${key})`)
    return fn(tx)
  })
}
