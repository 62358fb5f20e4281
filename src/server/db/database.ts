import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from './schema.ts'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

/** Statements run inside one transaction that holds the migration lock. */
export interface RawTx {
  exec: (sql: string) => Promise<void>
  query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>
}

/**
 * One handle over either backend: PGlite (embedded, default) or a pooled
 * PostgreSQL. Feature code only uses `db` (Drizzle); `raw` exists for
 * migrations and advisory locks, which need multi-statement SQL.
 */
export interface Database {
  kind: 'pglite' | 'postgres'
  db: Db
  /**
   * Runs `fn` while holding an exclusive lock named `name`, WITHOUT a transaction and
   * without holding a connection: `fn` may call WeChat and use `db` freely, and nothing
   * else waits on it but another holder of the same name. Same-name callers in one
   * process queue in memory first. PostgreSQL: then a lease row shared by every instance
   * (lease-lock.ts). PGlite: the in-process queue alone (one process owns a PGlite
   * directory, see open-pglite.ts). See README.md.
   */
  withLock: <T>(name: string, fn: () => Promise<T>) => Promise<T>
  /** Runs `fn` in a transaction holding a PostgreSQL transaction-level advisory lock. */
  withAdvisoryLock: <T>(key: number, fn: (tx: RawTx) => Promise<T>) => Promise<T>
  /**
   * PostgreSQL only (PGlite has no other process to hear from): LISTEN on `channel` over one
   * dedicated connection, outside the pool, reconnecting after a drop. Resolves to a stop
   * function. Pair with `SELECT pg_notify(channel, payload)` from any instance.
   */
  listen?: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>
  ping: () => Promise<void>
  close: () => Promise<void>
}
