import type { FastifyBaseLogger } from 'fastify'
import type { PollResults } from '../../shared/schemas/polls.ts'
import type { Database } from '../db/database.ts'
import { sql } from 'drizzle-orm'

export interface LiveWatcher {
  send: (results: PollResults) => void
  heartbeat: () => void
  end: () => void
}

export interface LiveHubOptions {
  database: Database
  /** Current results of a poll (null: it disappeared). */
  load: (pollId: string) => Promise<PollResults | null>
  log: FastifyBaseLogger
  /** Votes arriving within this window are announced together. */
  coalesceMs?: number
  /** A comment line keeps idle streams (and proxies, and the socket timeout) alive. */
  heartbeatMs?: number
}

const CHANNEL = 'kit_poll_results'

/**
 * One broadcast per poll per instance: however many followers watch, a burst of votes costs
 * one count query per poll per `coalesceMs`, and watchers hold no database connection.
 * Across instances (PostgreSQL), a vote is announced with NOTIFY and every instance,
 * including the voter's, recounts on its single LISTEN connection. PGlite belongs to one
 * process, so there the announcement stays in-process.
 */
export function createPollLiveHub(o: LiveHubOptions) {
  const coalesceMs = o.coalesceMs ?? 250
  const watchers = new Map<string, Set<LiveWatcher>>()
  const pending = new Map<string, NodeJS.Timeout>()
  let stopListening: Promise<(() => Promise<void>) | null> | null = null
  let closed = false

  const heartbeat = setInterval(() => {
    for (const set of watchers.values()) {
      for (const w of set) w.heartbeat()
    }
  }, o.heartbeatMs ?? 20_000)
  heartbeat.unref()

  function schedule(pollId: string): void {
    if (closed || !watchers.has(pollId) || pending.has(pollId))
      return
    pending.set(pollId, setTimeout(() => {
      pending.delete(pollId)
      o.load(pollId).then((results) => {
        const set = watchers.get(pollId)
        if (!set || !results)
          return
        for (const w of set) w.send(results)
      }).catch((err: unknown) => o.log.warn({ err, pollId }, 'live poll results not sent'))
    }, coalesceMs))
  }

  function startListening(): void {
    if (stopListening || !o.database.listen)
      return
    stopListening = o.database.listen(CHANNEL, schedule).catch((err: unknown) => {
      o.log.warn({ err }, 'poll results LISTEN failed; live results stay local to this instance')
      return null
    })
  }

  return {
    /** Registers a watcher; returns its removal. */
    watch(pollId: string, watcher: LiveWatcher): () => void {
      startListening()
      let set = watchers.get(pollId)
      if (!set)
        watchers.set(pollId, set = new Set())
      set.add(watcher)
      return () => {
        set.delete(watcher)
        if (set.size === 0 && watchers.get(pollId) === set)
          watchers.delete(pollId)
      }
    },

    /** A ballot was committed: every instance watching this poll recounts soon. */
    async changed(pollId: string): Promise<void> {
      schedule(pollId)
      if (o.database.kind === 'postgres') {
        await o.database.db.execute(sql`SELECT pg_notify(${CHANNEL}, ${pollId})`).catch((err: unknown) => {
          o.log.warn({ err, pollId }, 'poll results NOTIFY failed')
        })
      }
    },

    /** Resolves once this instance hears other instances' votes (PostgreSQL); false on PGlite or failure. */
    async listening(): Promise<boolean> {
      return !!(await stopListening)
    },

    watcherCount(pollId?: string): number {
      if (pollId)
        return watchers.get(pollId)?.size ?? 0
      let n = 0
      for (const set of watchers.values()) n += set.size
      return n
    },

    /** Ends every open stream (app.close() must not wait for watchers to leave). */
    async close(): Promise<void> {
      closed = true
      clearInterval(heartbeat)
      for (const t of pending.values()) clearTimeout(t)
      pending.clear()
      for (const set of watchers.values()) {
        for (const w of set) w.end()
      }
      watchers.clear()
      const stop = await stopListening
      await stop?.()
    },
  }
}

export type PollLiveHub = ReturnType<typeof createPollLiveHub>
