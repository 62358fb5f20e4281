import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthResponse } from '../../shared/schemas/health.ts'

/** Liveness plus database reachability, for load balancers and `npm start` checks. */
export const healthzRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const started = Date.now()
  // Not rate-limited (load balancers probe it from a few addresses), so it must stay cheap
  // under a flood: at most one database ping is in flight, and every caller meanwhile
  // shares its answer.
  let inFlight: Promise<boolean> | null = null
  const databaseUp = () => {
    inFlight ??= app.database.ping().then(() => true, (err) => {
      app.log.warn({ err }, 'database ping failed')
      return false
    }).finally(() => { inFlight = null })
    return inFlight
  }
  app.get('/healthz', {
    config: { cacheControl: 'no-store', rateLimit: false },
    schema: { response: { 200: HealthResponse, 503: HealthResponse } },
  }, async (_request, reply) => {
    const uptimeSeconds = Math.floor((Date.now() - started) / 1000)
    const kind = app.database.kind
    if (await databaseUp())
      return { status: 'ok' as const, database: { kind, status: 'up' as const }, uptimeSeconds }
    return reply.status(503).send({ status: 'degraded', database: { kind, status: 'down' }, uptimeSeconds })
  })
}
