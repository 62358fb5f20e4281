import type { App } from '../../../src/server/app.ts'
import type { Config } from '../../../src/server/config/config.ts'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from '../../../src/server/app.ts'
import { openDatabase } from '../../../src/server/db/open-database.ts'
import { seed } from '../../../src/server/db/seed.ts'
import { testConfig } from '../../server/helpers/test-config.ts'

const DIST = resolve('dist/app')

/** The production server (built SPA + API) on a free loopback port, with an in-memory database. */
export async function serveBuiltApp(overrides: Partial<Config> = {}): Promise<{ app: App, origin: string, close: () => Promise<void> }> {
  if (!existsSync(resolve(DIST, 'index.html')))
    throw new Error('dist/app is missing: `npm test` builds it first (or run `npx vite build`).')
  const database = await openDatabase({ databaseUrl: null, dataDir: null })
  const app = await build(testConfig({ staticDir: DIST, ...overrides }), { database, rateLimitMax: 10_000 })
  await seed(database)
  const origin = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    app,
    origin,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}
