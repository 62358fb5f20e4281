import type { FastifyBaseLogger } from 'fastify'

/** A series part became visible to followers (published now, or its scheduled time arrived). */
export interface PartPublished {
  seriesId: string
  seriesTitle: string
  articleId: string
  articleTitle: string
  position: number
  publishedAt: Date
}

/**
 * Lets other features hear of publication without the content code knowing them (subscribe
 * messages today). Emitted once per part across all instances: the emitter claims the part in the
 * database first. Listeners run after the transaction that published the part, never inside it,
 * and a failing listener is logged, not propagated.
 */
export interface PublishHooks {
  onPartPublished: (fn: (event: PartPublished) => Promise<void> | void) => void
  emitPartPublished: (event: PartPublished) => Promise<void>
}

export function createPublishHooks(log: FastifyBaseLogger): PublishHooks {
  const listeners: Array<(event: PartPublished) => Promise<void> | void> = []
  return {
    onPartPublished: fn => void listeners.push(fn),
    async emitPartPublished(event) {
      for (const fn of listeners) {
        try {
          await fn(event)
        }
        catch (error) {
          log.error({ err: error, articleId: event.articleId }, 'part-published listener failed')
        }
      }
    },
  }
}
