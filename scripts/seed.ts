import { resolve } from 'node:path'
import { openDatabase } from '../src/server/db/open-database.ts'
import { seed } from '../src/server/db/seed.ts'
import 'dotenv/config'

/**
 * `npm run seed`: puts the demo content (src/server/db/seed/) into the database the
 * API would use: DATABASE_URL, or the embedded PGlite in DATA_DIR (default .data/).
 * Idempotent; never run by `npm start`.
 */
const databaseUrl = process.env.DATABASE_URL || null
const dataDir = resolve(process.env.DATA_DIR ?? '.data')
const database = await openDatabase({ databaseUrl, dataDir })
try {
  const files = await seed(database)
  console.log(`Seeded ${database.kind === 'pglite' ? `PGlite in ${dataDir}` : 'DATABASE_URL'}: ${files.join(', ')}`)
}
finally {
  await database.close()
}
