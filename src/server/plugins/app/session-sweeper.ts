import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { deleteExpiredSessions } from '../../db/queries/sessions.ts'
import { pruneAnonymousVisitors } from '../../db/queries/visitors.ts'

const HOURLY = 3600_000

/**
 * Expired sessions and long-unseen anonymous visitors are useless but would pile up forever;
 * sweep them hourly (any instance may; it is idempotent).
 */
export const sessionSweeperPlugin = fp<{ intervalMs?: number }>(async (app: FastifyInstance, options) => {
  const intervalMs = options.intervalMs ?? HOURLY
  let timer: ReturnType<typeof setInterval> | undefined
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      deleteExpiredSessions(app.database.db).catch(err => app.log.warn({ err }, 'session sweep failed'))
      pruneAnonymousVisitors(app.database.db).catch(err => app.log.warn({ err }, 'visitor prune failed'))
    }, intervalMs)
    timer.unref()
  })
  app.addHook('onClose', async () => clearInterval(timer))
}, { name: 'session-sweeper' })
