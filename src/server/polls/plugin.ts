import type { FastifyInstance } from 'fastify'
import type { PollContext } from './service.ts'
import fp from 'fastify-plugin'
import { createPollLiveHub } from './live-hub.ts'
import { currentResults } from './service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    polls: PollContext
  }
}

export interface PollsOptions {
  /** How long votes are gathered before watchers get one update (tests shorten it). */
  liveCoalesceMs?: number
}

/** Poll services and the live-results hub; app.close() ends open result streams first. */
export const pollsPlugin = fp<PollsOptions>(async (app: FastifyInstance, o) => {
  const ctx: PollContext = {
    db: app.database.db,
    now: app.clock.date,
    hooks: app.engagement,
    hub: createPollLiveHub({
      database: app.database,
      load: pollId => currentResults(ctx, pollId),
      log: app.log,
      coalesceMs: o.liveCoalesceMs,
    }),
  }
  app.decorate('polls', ctx)
  // Before the server stops accepting: open streams would otherwise keep close() waiting.
  app.addHook('preClose', async () => ctx.hub.close())
}, { name: 'polls', dependencies: ['clock', 'engagement'] })
