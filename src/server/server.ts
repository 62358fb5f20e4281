import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from './app.ts'
import { ConfigError, loadConfig } from './config/load-config.ts'
import { gracefulShutdown } from './http/graceful-shutdown.ts'
import 'dotenv/config'

/** Production entry: validate the environment, listen, and drain on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  }
  catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      process.exit(1)
    }
    throw e
  }
  if (!config.staticDir) {
    // The bundle lives in dist/server; the SPA build sits beside it in dist/app.
    const builtApp = fileURLToPath(new URL('../app/', import.meta.url))
    if (existsSync(builtApp))
      config = { ...config, staticDir: builtApp }
  }

  const app = await build(config)
  const shutdown = gracefulShutdown(app)
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  console.log(`Listening on http://${config.host}:${config.port} (public origin ${config.publicOrigin}, database ${app.database.kind})`)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
