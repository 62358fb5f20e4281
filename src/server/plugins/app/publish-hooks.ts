import type { FastifyInstance } from 'fastify'
import type { PublishHooks } from '../../content/publish-hooks.ts'
import fp from 'fastify-plugin'
import { createPublishHooks } from '../../content/publish-hooks.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** `app.publishing.onPartPublished(fn)`: hear when a series part becomes visible. */
    publishing: PublishHooks
  }
}

export const publishHooksPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('publishing', createPublishHooks(app.log))
}, { name: 'publish-hooks' })
