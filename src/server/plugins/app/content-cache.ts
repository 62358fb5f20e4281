import type { FastifyInstance } from 'fastify'
import type { ContentCache } from '../../content/content-cache.ts'
import fp from 'fastify-plugin'
import { createContentCache } from '../../content/content-cache.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Public articles and catalogue in memory; call `content.changed()` after editing them. */
    content: ContentCache
  }
}

export const contentCachePlugin = fp(async (app: FastifyInstance) => {
  app.decorate('content', createContentCache(app.database, { log: app.log }))
}, { name: 'content-cache' })
