import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { createServer } from 'vite'
import { build } from '../src/server/app.ts'
import { loadConfig } from '../src/server/config/load-config.ts'
import { seed } from '../src/server/db/seed.ts'
import { configFromSetup } from '../src/simulator/config.ts'
import { wechatBridgeDevPlugin } from '../src/simulator/dev/vite-plugin.ts'
import { loadOrCreateSimulatorSetup, serverEnvFor } from '../src/simulator/keys.ts'
import { startSimulator } from '../src/simulator/start.ts'
import 'dotenv/config'

/**
 * `npm run dev`: the whole kit on one machine with no WeChat and no internet.
 * The simulator plays WeChat's servers (OAuth, API, Pay), the API talks to it
 * exactly as it would to WeChat, and Vite serves the SPA with the in-app
 * browser emulator injected.
 */
const HOST = '127.0.0.1'
const SPA_PORT = Number(process.env.DEV_PORT ?? 5173)
const API_PORT = Number(process.env.DEV_API_PORT ?? 3001)
const SIM_PORT = Number(process.env.DEV_SIMULATOR_PORT ?? 3100)
const publicOrigin = `http://${HOST}:${SPA_PORT}`
const dataDir = resolve(process.env.DATA_DIR ?? '.data')

const setup = await loadOrCreateSimulatorSetup(dataDir)
// Notification retries run 100× faster than WeChat's 15 s … 6 h schedule. Account events
// (follows, subscribe consent) are pushed, encrypted (safe mode), straight to the API's /wechat/events.
const simulator = await startSimulator({ config: configFromSetup(setup, { publicOrigin, notifyRetryScale: 0.01, eventPushUrl: `http://${HOST}:${API_PORT}/wechat/events` }), port: SIM_PORT, host: HOST })

const config = loadConfig({
  ...serverEnvFor(setup, { simulatorOrigin: simulator.origin, publicOrigin }),
  PUBLIC_ORIGIN: publicOrigin,
  SESSION_SECRET: randomBytes(32).toString('hex'),
  ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? 'dev-admin-token-not-for-production',
  DATA_DIR: dataDir,
  DATABASE_URL: process.env.DATABASE_URL,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  NODE_ENV: 'development',
})
const api = await build(config)
// Demo articles, prices, polls and quizzes; production databases never get these (see db/seed/).
await seed(api.database, undefined, { mediaStore: api.media.store })
await api.listen({ port: API_PORT, host: HOST })

const target = `http://${HOST}:${API_PORT}`
const vite = await createServer({
  server: {
    host: HOST,
    port: SPA_PORT,
    strictPort: true,
    proxy: { '/api': target, '/auth': target, '/healthz': target, '/wechat': target },
  },
  plugins: [wechatBridgeDevPlugin({ simulatorOrigin: simulator.origin })],
})
await vite.listen()

console.log(`
  WeChat OA kit — development
  ➜ Open ${publicOrigin}/  (any browser: it acts as WeChat's webview; tap the green WX pill for the dev panel)
    API        ${target}  (database: ${api.database.kind}${api.database.kind === 'pglite' ? ` in ${dataDir}/pglite` : ''})
    Simulator  ${simulator.origin}  (OAuth consent, WeChat API and Pay; faults: POST ${simulator.origin}/__sim/faults)
    Admin      Authorization: Bearer ${config.adminToken}
`)

let stopping = false
async function stop() {
  if (stopping)
    return
  stopping = true
  await Promise.allSettled([vite.close(), api.close(), simulator.close()])
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
