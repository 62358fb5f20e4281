import type { Database } from './database.ts'
import { migrate } from './migrate.ts'
import { openPglite } from './open-pglite.ts'
import { openPostgres } from './open-postgres.ts'

export interface OpenDatabaseOptions {
  databaseUrl: string | null
  /** Where PGlite persists; null keeps it in memory. Ignored with a databaseUrl. */
  dataDir: string | null
  /** PostgreSQL connections per instance (DATABASE_POOL_SIZE); ignored by PGlite. */
  poolSize?: number
}

/** Opens the configured backend and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let database: Database
  try {
    database = options.databaseUrl
      ? await openPostgres(options.databaseUrl, { poolSize: options.poolSize })
      : await openPglite(options.dataDir)
  }
  catch (e) {
    throw new Error(`Cannot open the database (${describe(options)}): ${(e as Error).message}`)
  }
  try {
    await migrate(database)
  }
  catch (e) {
    await database.close().catch(() => {})
    throw new Error(`Cannot migrate the database (${describe(options)}): ${(e as Error).message}`)
  }
  return database
}

/** Names the database for error messages without its password. */
function describe(options: OpenDatabaseOptions): string {
  if (!options.databaseUrl)
    return options.dataDir ? `embedded PGlite in ${options.dataDir}` : 'embedded PGlite in memory'
  try {
    const url = new URL(options.databaseUrl)
    url.password = url.password ? '***' : ''
    return `DATABASE_URL=${url}`
  }
  catch {
    return 'DATABASE_URL (unparsable)'
  }
}
