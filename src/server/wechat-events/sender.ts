// Sends the outbox (docs/wechat-protocol.md §10.5, src/server/README.md "Subscribe messages"):
// rows are claimed in a short transaction, WeChat is called outside it with a few calls at a
// time, and each row is settled after its answer.
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database.ts'
import type { OutboxOutcome, OutboxRow } from '../db/queries/wechat-events.ts'
import type { CredentialStore } from '../wechat/credential-store.ts'
import type { BizsendClient } from './bizsend.ts'
import { claimOutbox, markConsentRefused, settleOutbox, useConsent } from '../db/queries/wechat-events.ts'
import { WeChatApiError } from '../wechat/wechat-error.ts'

/** Attempts before a row is given up as failed. */
export const MAX_ATTEMPTS = 5
const CONCURRENCY = 4
const BATCH = 50
/** A claim outlives any one call (5 s timeout, one token refresh): a crashed sender's rows come back after it. */
const CLAIM_MS = 2 * 60_000
/** After attempt n fails: 1, 5, 15, 60 minutes. */
const BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000]

/** Errors retrying cannot fix: the message or account needs an operator. */
const PERMANENT = new Set([40003, 40037, 47003, 43116, 48001, 41030])

export interface SenderDeps {
  database: Database
  credentials: CredentialStore
  send: BizsendClient
  log: FastifyBaseLogger
  now: () => number
}

export interface DrainResult { sent: number, refused: number, failed: number, retrying: number }

export function createSender(deps: SenderDeps) {
  const { db } = deps.database

  async function sendOne(row: OutboxRow): Promise<OutboxOutcome> {
    const message = { touser: row.openid, template_id: row.templateId, page: row.page, data: row.data }
    for (let attempt = 0; ; attempt++) {
      const token = await deps.credentials.accessToken()
      try {
        await deps.send(token, message)
        return { status: 'sent', at: new Date(deps.now()) }
      }
      catch (e) {
        if (e instanceof WeChatApiError && e.isStaleToken && attempt === 0) {
          // Passive refresh: another holder replaced the token; fetch the current one, once.
          await deps.credentials.invalidateAccessToken(token)
          continue
        }
        throw e
      }
    }
  }

  function outcomeOf(row: OutboxRow, e: unknown): OutboxOutcome {
    const errcode = e instanceof WeChatApiError ? e.errcode : -1
    const error = e instanceof WeChatApiError ? e.errmsg : String(e)
    if (errcode === 43101)
      return { status: 'refused', errcode, error }
    if (PERMANENT.has(errcode) || row.attempts >= MAX_ATTEMPTS)
      return { status: 'failed', errcode, error }
    const wait = BACKOFF_MS[Math.min(row.attempts - 1, BACKOFF_MS.length - 1)]!
    return { status: 'pending', errcode, error, nextAttemptAt: new Date(deps.now() + wait) }
  }

  async function settle(row: OutboxRow, result: DrainResult): Promise<void> {
    let outcome: OutboxOutcome
    try {
      outcome = await sendOne(row)
    }
    catch (e) {
      outcome = outcomeOf(row, e)
    }
    await settleOutbox(db, row.id, outcome)
    if (outcome.status === 'sent') {
      await useConsent(db, row.openid, row.templateId)
      result.sent++
      return
    }
    if (outcome.status === 'refused') {
      await markConsentRefused(db, row.openid, row.templateId)
      result.refused++
    }
    else if (outcome.status === 'failed') {
      result.failed++
    }
    else {
      result.retrying++
    }
    deps.log.warn({ errcode: outcome.errcode, outboxId: row.id, status: outcome.status }, 'subscribe message not sent')
  }

  /** Sends every due row once; concurrent drains (any instance) never take the same row. */
  async function drain(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, refused: 0, failed: 0, retrying: 0 }
    for (;;) {
      const rows = await db.transaction(tx => claimOutbox(tx, BATCH, new Date(deps.now()), CLAIM_MS))
      if (rows.length === 0)
        return result
      let next = 0
      const worker = async () => {
        while (next < rows.length)
          await settle(rows[next++]!, result)
      }
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rows.length) }, worker))
    }
  }

  return { drain }
}
export type Sender = ReturnType<typeof createSender>
