import type { Database, RawTx } from './database.ts'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { createLocalMutex } from './local-mutex.ts'
import { lockPgliteDir } from './pglite-lock.ts'
import * as schema from './schema.ts'

/** Embedded PostgreSQL (WASM) persisted under `dataDir/pglite`; `dataDir: null` keeps it in memory (tests). */
export async function openPglite(dataDir: string | null): Promise<Database> {
  let client: PGlite
  let release = () => {}
  if (dataDir) {
    const dir = join(dataDir, 'pglite')
    mkdirSync(dir, { recursive: true })
    release = lockPgliteDir(dataDir)
    try {
      client = await PGlite.create(dir)
    }
    catch (e) {
      release()
      throw e
    }
  }
  else {
    client = await PGlite.create()
  }
  const withLocalLock = createLocalMutex()
  return {
    kind: 'pglite',
    withLock: withLocalLock,
    db: drizzle({ client, schema }) as unknown as Database['db'],
    withAdvisoryLock: (key, fn) => client.transaction(async (tx) => {
      // PGlite has a single connection, so the lock never waits; taking it keeps
      // the code path identical to PostgreSQL's.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [key])
      const raw: RawTx = {
        exec: async (sql) => { await tx.exec(sql) },
        query: async (sql, params) => (await tx.query(sql, params)).rows as never[],
      }
      return fn(raw)
    }),
    ping: async () => { await client.query('SELECT 1') },
    close: async () => {
      await client.close()
      release()
    },
  }
}
