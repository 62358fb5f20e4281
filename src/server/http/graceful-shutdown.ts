import type { FastifyInstance } from 'fastify'

export interface ShutdownOptions {
  /** In-flight requests get this long to finish before the process exits anyway. */
  graceMs?: number
  exit?: (code: number) => void
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (Fastify's
 * close waits for them and ends idle keep-alive sockets), run every onClose hook (the
 * reconciliation job stops, the database pool is closed), then exit. A second signal
 * during the drain is ignored; a drain that takes too long exits with 1.
 */
export function gracefulShutdown(app: FastifyInstance, o: ShutdownOptions = {}) {
  const exit = o.exit ?? ((code: number) => process.exit(code))
  let closing: Promise<void> | null = null
  return function shutdown(signal: string): Promise<void> {
    closing ??= (async () => {
      app.log.info({ signal }, 'shutting down: draining requests')
      const force = setTimeout(() => exit(1), o.graceMs ?? 10_000)
      force.unref()
      // A keep-alive connection whose request was in flight becomes idle only after its
      // answer is sent, and Fastify closes idle connections once, at the start: keep
      // closing them, or the drain waits for the client's keep-alive timeout.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100)
      sweep.unref()
      try {
        await app.close()
        app.log.info('drained; database closed')
        exit(0)
      }
      catch (err) {
        app.log.error({ err }, 'shutdown failed')
        exit(1)
      }
      finally {
        clearTimeout(force)
        clearInterval(sweep)
      }
    })()
    return closing
  }
}
