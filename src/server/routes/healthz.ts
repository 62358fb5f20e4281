import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthResponse } from '../../shared/schemas/health.ts'

/** Liveness plus database reachability, for load balancers and `npm start` checks. */
export const healthzRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const started = Date.now()
  app.get('/healthz', {
    config: { rateLimit: false },
    schema: { response: { 200: HealthResponse, 503: HealthResponse } },
  }, async (_request, reply) => {
    const uptimeSeconds = Math.floor((Date.now() - started) / 1000)
    const kind = app.database.kind
    try {
      await app.database.ping()
      return { status: 'ok' as const, database: { kind, status: 'up' as const }, uptimeSeconds }
    }
    catch (err) {
      app.log.warn({ err }, 'database ping failed')
      return reply.status(503).send({ status: 'degraded', database: { kind, status: 'down' }, uptimeSeconds })
    }
  })
}
