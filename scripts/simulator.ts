import { resolve } from 'node:path'
import { configFromSetup } from '../src/simulator/config.ts'
import { loadOrCreateSimulatorSetup, serverEnvFor } from '../src/simulator/keys.ts'
import { startSimulator } from '../src/simulator/start.ts'

/**
 * `npm run simulator`: the WeChat simulator on its own, for pointing an API
 * you run yourself (or another stack) at it. Prints the environment that wires
 * the API to it; `npm run dev` does the same wiring automatically.
 *   PUBLIC_ORIGIN=http://127.0.0.1:3000 npm run simulator
 */
const publicOrigin = process.env.PUBLIC_ORIGIN ?? 'http://127.0.0.1:3000'
const port = Number(process.env.SIMULATOR_PORT ?? 3100)
const setup = await loadOrCreateSimulatorSetup(resolve(process.env.DATA_DIR ?? '.data'))
const sim = await startSimulator({ config: configFromSetup(setup, { publicOrigin, notifyRetryScale: Number(process.env.NOTIFY_RETRY_SCALE ?? 1), eventPushUrl: `${publicOrigin}/wechat/events` }), port })

const env = { PUBLIC_ORIGIN: publicOrigin, ...serverEnvFor(setup, { simulatorOrigin: sim.origin, publicOrigin }) }
console.log(`WeChat simulator on ${sim.origin} for pages on ${publicOrigin}. Environment for the API (simulator keys, never real ones):\n`)
for (const [k, v] of Object.entries(env))
  console.log(`${k}=${JSON.stringify(v)}`)
process.on('SIGINT', () => void sim.close().then(() => process.exit(0)))
