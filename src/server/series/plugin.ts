import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { announceDueParts } from './announce.ts'

declare module 'fastify' {
  interface FastifyInstance {
    series: {
      /** Announces parts that are out and not yet announced; resolves to how many. Tests call it directly. */
      announceDue: () => Promise<number>
      /** Runs `announceDue` soon without waiting for it (after an operator published something). */
      announceSoon: () => void
    }
  }
}

export interface SeriesOptions {
  /** How often scheduled parts are looked for; false disables the job (tests call `app.series.announceDue()`). */
  announceIntervalMs?: number | false
}

/** Default interval: a scheduled part appears (and is announced) at most this late. */
export const ANNOUNCE_INTERVAL_MS = 30_000

export const seriesPlugin = fp<SeriesOptions>(async (app: FastifyInstance, opts) => {
  // Runs still going, awaited on close. Overlapping runs are harmless: each part is claimed once.
  const inflight = new Set<Promise<unknown>>()
  const run = (): Promise<number> => {
    const p = announceDueParts(app)
    const settled = p.catch(err => app.log.error({ err }, 'announcing series parts failed')).finally(() => inflight.delete(settled))
    inflight.add(settled)
    return p
  }
  app.decorate('series', {
    announceDue: run,
    announceSoon: () => void run().catch(() => {}),
  })
  const interval = opts.announceIntervalMs ?? ANNOUNCE_INTERVAL_MS
  const timer = interval === false
    ? null
    : setInterval(() => {
        if (inflight.size === 0)
          void run().catch(() => {})
      }, interval).unref()
  app.addHook('onClose', async () => {
    if (timer)
      clearInterval(timer)
    await Promise.all(inflight)
  })
}, { name: 'series', dependencies: ['clock', 'publish-hooks'] })
