import type { BuildDeps } from '../../../src/server/app.ts'
import type { Config } from '../../../src/server/config/config.ts'
import { build } from '../../../src/server/app.ts'
import { testConfig } from './test-config.ts'
import { getTestDatabase, resetDatabase } from './test-database.ts'

/** The real app on the worker's shared database, emptied first. Close it in afterEach/afterAll. */
export async function buildTestApp(overrides: Partial<Config> = {}, deps: BuildDeps = {}) {
  const database = await getTestDatabase()
  await resetDatabase(database)
  return build(testConfig(overrides), { database, ...deps })
}
