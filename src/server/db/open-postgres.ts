import type { Database, RawTx } from './database.ts'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { createLeaseLock } from './lease-lock.ts'
import { createLocalMutex } from './local-mutex.ts'
import * as schema from './schema.ts'

export interface PostgresOptions {
  /** Connections this instance may open (DATABASE_POOL_SIZE). */
  poolSize?: number
}

/**
 * Every bound a request relies on to fail fast instead of hanging (see ./README.md):
 * a query the server works on too long, a lock it waits for, a connection or pool
 * slot that does not come, a server that stops answering at all.
 */
export const PG_TIMEOUTS = {
  connectMs: 3_000,
  statementMs: 5_000,
  lockMs: 2_000,
  // Client-side: a frozen server (or network) answers nothing, not even a cancel.
  queryMs: 6_000,
  idleInTransactionMs: 10_000,
} as const

export const DEFAULT_POOL_SIZE = 10

/** A start-up statement (migration, seed) with a client-side bound of an hour instead of seconds. */
function slow(text: string, values?: unknown[]): pg.QueryConfig {
  // query_timeout per query is supported by pg but missing from its types.
  return { text, values, query_timeout: 3_600_000 } as pg.QueryConfig
}

/** A pooled PostgreSQL server; API instances scaled horizontally share state through it. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    idleTimeoutMillis: 30_000,
    // Also bounds the wait for a free pool slot.
    connectionTimeoutMillis: PG_TIMEOUTS.connectMs,
    statement_timeout: PG_TIMEOUTS.statementMs,
    lock_timeout: PG_TIMEOUTS.lockMs,
    query_timeout: PG_TIMEOUTS.queryMs,
    idle_in_transaction_session_timeout: PG_TIMEOUTS.idleInTransactionMs,
    // Dead peers behind NAT or a failed-over server are noticed instead of waited on forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  })
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {})
  const lease = createLeaseLock(async (sql, params) => (await pool.query(sql, params)).rows)
  const local = createLocalMutex()
  return {
    kind: 'postgres',
    db: drizzle({ client: pool, schema }) as unknown as Database['db'],
    // Same-name callers in this process queue in memory; only the head of the queue takes the lease.
    withLock: (name, fn) => local(name, () => lease(name, fn)),
    withAdvisoryLock: async (key, fn) => {
      const client = await pool.connect()
      let broken = false
      try {
        await client.query('BEGIN')
        // Start-up work (migrations, seed) may legitimately wait for another instance and run long.
        await client.query('SET LOCAL lock_timeout = 0; SET LOCAL statement_timeout = 0')
        await client.query(slow('SELECT pg_advisory_xact_lock($1)', [key]))
        const raw: RawTx = {
          exec: async (sql) => { await client.query(slow(sql)) },
          query: async (sql, params) => (await client.query(slow(sql, params))).rows,
        }
        const result = await fn(raw)
        await client.query('COMMIT')
        return result
      }
      catch (e) {
        await client.query('ROLLBACK').catch(() => {
          broken = true
        })
        throw e
      }
      finally {
        client.release(broken)
      }
    },
    listen: (channel, onPayload) => listenOn(url, channel, onPayload),
    ping: async () => { await pool.query('SELECT 1') },
    close: () => pool.end(),
  }
}

const RECONNECT_MS = 1000

/**
 * One connection of its own per listener: a pooled one would be handed to queries while
 * LISTENing. A dropped connection is replaced; notifications sent meanwhile are lost, which
 * callers tolerate (they re-read state rather than trust payloads).
 */
async function listenOn(url: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let stopped = false
  let client: pg.Client | null = null
  let retry: NodeJS.Timeout | undefined
  function later() {
    retry = setTimeout(() => void connect().catch(() => {}), RECONNECT_MS)
  }
  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
    c.on('notification', (msg) => {
      if (msg.channel === channel)
        onPayload(msg.payload ?? '')
    })
    c.on('error', () => {
      if (client === c)
        client = null
      c.end().catch(() => {})
      if (!stopped)
        later()
    })
    try {
      await c.connect()
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    }
    catch (e) {
      c.end().catch(() => {})
      if (stopped)
        return
      // Start-up keeps going without notifications until the database answers again.
      void e
      later()
      return
    }
    if (stopped) {
      await c.end().catch(() => {})
      return
    }
    client = c
  }
  await connect()
  return async () => {
    stopped = true
    clearTimeout(retry)
    await client?.end().catch(() => {})
    client = null
  }
}
