import type { FastifyInstance } from 'fastify'
import { deleteExpiredSessions } from '../../db/queries/sessions.ts'

const HOURLY = 3600_000

/** Expired sessions are useless but would pile up forever; sweep them hourly (any instance may; it is idempotent). */
export function registerSessionSweeper(app: FastifyInstance, intervalMs = HOURLY): void {
  let timer: ReturnType<typeof setInterval> | undefined
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      deleteExpiredSessions(app.database.db).catch(err => app.log.warn({ err }, 'session sweep failed'))
    }, intervalMs)
    timer.unref()
  })
  app.addHook('onClose', async () => clearInterval(timer))
}
