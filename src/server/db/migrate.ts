import type { Database } from './database.ts'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Any constant works; it only has to be the same for every instance of the kit.
const MIGRATION_LOCK_KEY = 727_001

/** In the source tree and in the server bundle the SQL files sit in `migrations/` beside this module. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

export interface Migration { version: string, sql: string }

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter(f => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map(f => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(new URL(f, `file://${dir}`), 'utf8') }))
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so two
 * instances starting together apply each file once and a failed file leaves
 * nothing half-applied. Returns the versions it applied.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  return database.withAdvisoryLock(MIGRATION_LOCK_KEY, async (tx) => {
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version TEXT PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`)
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map(r => r.version))
    const applied: string[] = []
    for (const m of migrations) {
      if (done.has(m.version))
        continue
      await tx.exec(m.sql)
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version])
      applied.push(m.version)
    }
    return applied
  })
}
