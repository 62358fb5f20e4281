import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's `Cache-Control`, e.g. `config: { cacheControl: 'private, no-store' }`. A handler
     * that sets the header itself (a public, cached answer) wins; errors are never cacheable.
     */
    cacheControl?: string
  }
}

export const cacheControlPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('Cache-Control'))
      return
    if (reply.statusCode >= 400) {
      reply.header('Cache-Control', 'no-store')
      return
    }
    const value = request.routeOptions.config?.cacheControl
    if (value)
      reply.header('Cache-Control', value)
  })
}, { name: 'cache-control' })

/**
 * A default `cacheControl` for every route registered after this call in the calling plugin
 * (the operator API: `no-store` throughout); a route's own config still wins.
 */
export function defaultCacheControl(app: FastifyInstance, value: string): void {
  app.addHook('onRoute', (route) => {
    route.config = { cacheControl: value, ...route.config }
  })
}
