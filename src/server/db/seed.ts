import type { Database } from './database.ts'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Not the migration lock's key: seeding runs after migrations, possibly in the same process.
const SEED_LOCK_KEY = 727_002

/** Demo content, kept out of migrations so production databases start empty (see seed/README.md). */
export const SEED_DIR = fileURLToPath(new URL('./seed/', import.meta.url))

export interface SeedFile { name: string, sql: string }

export function readSeeds(dir = SEED_DIR): SeedFile[] {
  return readdirSync(dir)
    .filter(f => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map(f => ({ name: f.replace(/\.sql$/, ''), sql: readFileSync(new URL(f, `file://${dir}`), 'utf8') }))
}

/**
 * Applies every seed file in name order in one transaction. Seed files are idempotent
 * (`ON CONFLICT DO NOTHING`), so this runs on every `npm run dev` and after every test reset.
 */
export async function seed(database: Database, files = readSeeds()): Promise<string[]> {
  return database.withAdvisoryLock(SEED_LOCK_KEY, async (tx) => {
    for (const f of files)
      await tx.exec(f.sql)
    // Running API instances drop their cached copy of public content (content-cache.ts).
    await tx.exec(`INSERT INTO content_version (id, version) VALUES (1, 1)
      ON CONFLICT (id) DO UPDATE SET version = content_version.version + 1`)
    return files.map(f => f.name)
  })
}
