import type { FastifyInstance } from 'fastify'
import type { EngagementHooks } from './hooks.ts'
import { createEngagementHooks } from './hooks.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Votes and quiz completions as the database recorded them: `app.engagement.onBallot(fn)`. */
    engagement: EngagementHooks
  }
}

export function registerEngagement(app: FastifyInstance): void {
  app.decorate('engagement', createEngagementHooks(app.log))
}
