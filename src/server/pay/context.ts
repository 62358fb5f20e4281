import type { FastifyBaseLogger } from 'fastify'
import type { PayConfig } from '../config/config.ts'
import type { Database, Db } from '../db/database.ts'
import type { PayClient } from './apiv3/client.ts'
import { ApiError } from '../http/api-error.ts'
import { PayApiError } from './apiv3/client.ts'

/** What the payment services share; built once by ./plugin.ts. */
export interface PayContext {
  db: Db
  /** Named exclusive lock without a transaction (Database.withLock): WeChat Pay is called while holding it. */
  withLock: Database['withLock']
  pay: PayConfig
  appId: string
  client: PayClient
  /** `app.clock.now`: order expiry, membership periods. Tests move it. */
  now: () => number
  log: FastifyBaseLogger
}

/** A prepay_id lives 2 hours (protocol §6.1); orders expire with it (time_expire). */
export const ORDER_TTL_MS = 2 * 3600_000
/** A pending order is reused only while the payer still has this long to finish paying. */
export const REUSE_MARGIN_MS = 15 * 60_000

/** WeChat Pay trouble seen by a reader: calm, retryable, and no upstream detail. */
export function upstreamUnavailable(e: unknown, log: FastifyBaseLogger, what: string): ApiError {
  if (e instanceof PayApiError)
    log.error({ status: e.status, code: e.code, err: e.message }, `WeChat Pay ${what} failed`)
  else
    log.error({ err: e }, `WeChat Pay ${what} failed`)
  return new ApiError(503, 'UPSTREAM_UNAVAILABLE', 'WeChat Pay is not answering right now; please try again shortly')
}
