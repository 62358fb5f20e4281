import type { Database, RawTx } from './database.ts'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import * as schema from './schema.ts'

/** A pooled PostgreSQL server; API instances scaled horizontally share state through it. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 })
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {})
  return {
    kind: 'postgres',
    db: drizzle({ client: pool, schema }) as unknown as Database['db'],
    withLock: async (name, fn) => {
      const client = await pool.connect()
      let broken = false
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name])
        try {
          return await fn()
        }
        finally {
          // A connection that cannot unlock must not go back to the pool still holding the lock.
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch(() => {
            broken = true
          })
        }
      }
      finally {
        client.release(broken)
      }
    },
    withAdvisoryLock: async (key, fn) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query('SELECT pg_advisory_xact_lock($1)', [key])
        const raw: RawTx = {
          exec: async (sql) => { await client.query(sql) },
          query: async (sql, params) => (await client.query(sql, params)).rows,
        }
        const result = await fn(raw)
        await client.query('COMMIT')
        return result
      }
      catch (e) {
        await client.query('ROLLBACK').catch(() => {})
        throw e
      }
      finally {
        client.release()
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
