// Runs the simulator on a real port: the kit's API server calls it over HTTP,
// exactly as it would call WeChat.
import type { FastifyInstance } from 'fastify'
import type { SimulatorOptions } from './app.ts'
import type { SimulatorConfig } from './config.ts'
import { buildSimulator } from './app.ts'

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:54321 */
  origin: string
  app: FastifyInstance
  close: () => Promise<void>
}

export async function startSimulator(o: { config: SimulatorConfig, port?: number, host?: string, options?: SimulatorOptions }): Promise<RunningSimulator> {
  const app = buildSimulator(o.config, o.options)
  const host = o.host ?? '127.0.0.1'
  await app.listen({ port: o.port ?? 0, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : o.port ?? 0
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return { origin, app, close: () => app.close() }
}
