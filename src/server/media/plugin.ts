import type { FastifyInstance } from 'fastify'
import type { MediaConfig } from '../config/media-config.ts'
import type { MediaLinks } from './media-links.ts'
import type { MediaStore } from './store/media-store.ts'
import { createHmac } from 'node:crypto'
import fp from 'fastify-plugin'
import { defaultMediaConfig } from '../config/media-config.ts'
import { createMediaLinks } from './media-links.ts'
import { openMediaStore } from './store/open-store.ts'

/** How long a premium media URL works after the article answer that carried it. */
export const MEDIA_URL_TTL_SECONDS = 15 * 60

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Operator media: `media.links` builds the URLs that article views carry; `store` holds the
     * bytes (disk or S3); `config` has the store and the upload limits.
     */
    media: { links: MediaLinks, store: MediaStore, config: MediaConfig }
  }
}

export const mediaPlugin = fp(async (app: FastifyInstance) => {
  // A key of its own, derived from the session secret: no new secret to configure, and a leaked
  // media signature says nothing about session cookies.
  const secret = createHmac('sha256', app.config.sessionSecret).update('media-links').digest('hex')
  const config = app.config.media ?? defaultMediaConfig(app.config.dataDir)
  app.decorate('media', {
    links: createMediaLinks({ secret, ttlSeconds: MEDIA_URL_TTL_SECONDS, now: app.clock.now }),
    store: openMediaStore(config.store),
    config,
  })
}, { name: 'media', dependencies: ['clock'] })
