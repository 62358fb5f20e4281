import type { MediaStore } from '../media/store/media-store.ts'
import type { Database } from './database.ts'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
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

export interface SeedOptions {
  /** The app's media store (`app.media.store`): the demo media files are copied into it. */
  mediaStore?: MediaStore
}

/** The demo media files; each is stored under its own file name (the rows' storage keys). */
export const SEED_MEDIA_DIR = join(SEED_DIR, 'media')

/** Copies the demo media files that the store does not have yet (idempotent; run before the rows). */
export async function seedMediaFiles(store: MediaStore, dir = SEED_MEDIA_DIR): Promise<string[]> {
  const copied: string[] = []
  for (const name of readdirSync(dir).filter(f => /^[\w-]+(?:\.[\w-]+)+$/.test(f)).sort()) {
    if (await store.head(name))
      continue
    const bytes = readFileSync(join(dir, name))
    await store.put(name, bytes, { contentType: 'application/octet-stream' })
    copied.push(name)
  }
  return copied
}

/**
 * Applies every seed file in name order in one transaction. Seed files are idempotent
 * (`ON CONFLICT DO NOTHING`), so this runs on every `npm run dev` and after every test reset.
 */
export async function seed(database: Database, files = readSeeds(), options: SeedOptions = {}): Promise<string[]> {
  if (options.mediaStore)
    await seedMediaFiles(options.mediaStore)
  return database.withAdvisoryLock(SEED_LOCK_KEY, async (tx) => {
    for (const f of files)
      await tx.exec(f.sql)
    // Running API instances drop their cached copy of public content (content-cache.ts).
    await tx.exec(`INSERT INTO content_version (id, version) VALUES (1, 1)
      ON CONFLICT (id) DO UPDATE SET version = content_version.version + 1`)
    return files.map(f => f.name)
  })
}
