import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * The business clock: order expiry, membership periods, scheduled publication, signed-URL expiry.
 * One clock for every feature, so a test that moves time moves it everywhere at once.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now: () => number
  date: () => Date
}

declare module 'fastify' {
  interface FastifyInstance {
    clock: Clock
  }
}

export interface ClockOptions {
  /** Tests pass a movable clock; production uses the system time. */
  now?: () => number
}

export const clockPlugin = fp<ClockOptions>(async (app: FastifyInstance, options) => {
  const now = options.now ?? Date.now
  app.decorate('clock', { now, date: () => new Date(now()) })
}, { name: 'clock' })
