import { describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { openDatabase } from '../../src/server/db/open-database.ts'
import { gracefulShutdown } from '../../src/server/http/graceful-shutdown.ts'
import { testConfig } from './helpers/test-config.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const serverUrl = process.env.TEST_DATABASE_URL

/**
 * The app must own its database, as under `npm start`. On PostgreSQL it opens the worker's
 * database itself from the config; on PGlite an in-memory database is handed over and
 * closed by the app's onClose, the same hook app.ts adds for one it opened.
 */
async function buildOwningItsDatabase() {
  if (serverUrl) {
    await getTestDatabase() // creates and migrates the worker database
    const url = new URL(serverUrl)
    url.pathname = `/kit_test_w${process.env.VITEST_POOL_ID ?? '0'}`
    return build(testConfig({ databaseUrl: url.toString(), databasePoolSize: 2 }))
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: null })
  const app = await build(testConfig(), { database })
  app.addHook('onClose', () => database.close())
  return app
}

describe('SIGTERM', () => {
  it('lets in-flight requests finish, refuses new connections, closes the pool and exits 0', async () => {
    const app = await buildOwningItsDatabase()
    let entered!: () => void
    const inside = new Promise<void>((r) => {
      entered = r
    })
    let finish!: () => void
    const release = new Promise<void>((r) => {
      finish = r
    })
    app.get('/__slow', async () => {
      entered()
      await release
      return { done: true }
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as { port: number }
    const exits: number[] = []
    const shutdown = gracefulShutdown(app, { exit: code => exits.push(code) })

    const slow = fetch(`http://127.0.0.1:${port}/__slow`)
    await inside
    const draining = shutdown('SIGTERM')
    void shutdown('SIGTERM') // a second signal changes nothing
    await new Promise(r => setTimeout(r, 50))
    expect(exits).toEqual([])
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
    finish()
    const res = await slow
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ done: true })
    await draining
    expect(exits).toEqual([0])
    await expect(app.database.ping()).rejects.toThrow()
  }, 60_000)
})
