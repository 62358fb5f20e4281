import { LockWaitTimeout } from '../db/lease-lock.ts'
import { ApiError } from './api-error.ts'

// SQLSTATEs of a database that is there but cannot serve now: statement or lock
// timeout, admin shutdown, crash recovery, too many connections, connection failures.
const UNAVAILABLE_STATES = new Set(['57014', '55P03', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006'])
const UNAVAILABLE_MESSAGES = /timeout exceeded when trying to connect|Query read timeout|Connection terminated|Client has encountered a connection error|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH/

/**
 * A request that ran into a frozen, restarting or overloaded database answers a calm,
 * retryable 503 instead of a 500. Drivers and Drizzle wrap the error, so the cause
 * chain is searched.
 */
export function asDatabaseUnavailable(err: unknown): ApiError | null {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof LockWaitTimeout)
      return new ApiError(503, 'BUSY', 'This is being worked on by another request; please try again shortly')
    const code = (e as { code?: unknown }).code
    const known = typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_MESSAGES.test(code))
    if (known || UNAVAILABLE_MESSAGES.test(e.message))
      return new ApiError(503, 'DATABASE_UNAVAILABLE', 'The service is busy right now; please try again in a moment')
  }
  return null
}
