import type { FastifyInstance } from 'fastify'
import type { MediaLinks } from './media-links.ts'
import { createHmac } from 'node:crypto'
import fp from 'fastify-plugin'
import { createMediaLinks } from './media-links.ts'

/** How long a premium media URL works after the article answer that carried it. */
export const MEDIA_URL_TTL_SECONDS = 15 * 60

declare module 'fastify' {
  interface FastifyInstance {
    /** Operator media: `media.links` builds the URLs that article views carry. */
    media: { links: MediaLinks }
  }
}

export const mediaPlugin = fp(async (app: FastifyInstance) => {
  // A key of its own, derived from the session secret: no new secret to configure, and a leaked
  // media signature says nothing about session cookies.
  const secret = createHmac('sha256', app.config.sessionSecret).update('media-links').digest('hex')
  app.decorate('media', { links: createMediaLinks({ secret, ttlSeconds: MEDIA_URL_TTL_SECONDS, now: app.clock.now }) })
}, { name: 'media', dependencies: ['clock'] })
