import type { Database } from './database.ts'
import { migrate } from './migrate.ts'
import { openPglite } from './open-pglite.ts'
import { openPostgres } from './open-postgres.ts'

export interface OpenDatabaseOptions {
  databaseUrl: string | null
  /** Where PGlite persists; null keeps it in memory. Ignored with a databaseUrl. */
  dataDir: string | null
}

/** Opens the configured backend and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir)
  try {
    await migrate(database)
  }
  catch (e) {
    await database.close().catch(() => {})
    throw e
  }
  return database
}
