import { resolve } from 'node:path'
import { loadMediaConfig } from '../src/server/config/media-config.ts'
import { openDatabase } from '../src/server/db/open-database.ts'
import { seed } from '../src/server/db/seed.ts'
import { openMediaStore } from '../src/server/media/store/open-store.ts'
import 'dotenv/config'

/**
 * `npm run seed`: puts the demo content (src/server/db/seed/) into the database the
 * API would use: DATABASE_URL, or the embedded PGlite in DATA_DIR (default .data/), and the
 * demo media files into the media store it would use (MEDIA_STORE: DATA_DIR/media or S3).
 * Idempotent; never run by `npm start`.
 */
const databaseUrl = process.env.DATABASE_URL || null
const dataDir = resolve(process.env.DATA_DIR ?? '.data')
const problems: string[] = []
const media = loadMediaConfig(name => process.env[name]?.trim() || undefined, p => problems.push(p), dataDir)
if (problems.length > 0)
  throw new Error(`Invalid media configuration:\n  - ${problems.join('\n  - ')}`)
const database = await openDatabase({ databaseUrl, dataDir })
try {
  const files = await seed(database, undefined, { mediaStore: openMediaStore(media.store) })
  console.log(`Seeded ${database.kind === 'pglite' ? `PGlite in ${dataDir}` : 'DATABASE_URL'}: ${files.join(', ')}`)
}
finally {
  await database.close()
}
