import type { FastifyInstance } from 'fastify'
import type { EngagementHooks } from './hooks.ts'
import fp from 'fastify-plugin'
import { createEngagementHooks } from './hooks.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Votes and quiz completions as the database recorded them: `app.engagement.onBallot(fn)`. */
    engagement: EngagementHooks
  }
}

export const engagementPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('engagement', createEngagementHooks(app.log))
}, { name: 'engagement' })
