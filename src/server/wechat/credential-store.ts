import type { FastifyBaseLogger } from 'fastify'
import type { Database, Db } from '../db/database.ts'
import type { Credential, CredentialsClient } from './credentials-client.ts'
import { and, eq } from 'drizzle-orm'
import { wechatCredentials } from '../db/schema.ts'
import { operatorHint, UNREACHABLE, WeChatApiError } from './wechat-error.ts'

type Kind = 'access_token' | 'jsapi_ticket'

// Refresh ahead of expiry; stable_token itself hands out a new token in the last 5 minutes.
const MARGIN_MS = 5 * 60_000
const BUSY_RETRIES = [200, 800]

/** `lifetimeMs` sizes the refresh margin: a credential issued for only minutes is still used. */
interface Cached { value: string, expiresAt: number, lifetimeMs: number }

interface Options {
  database: Database
  client: CredentialsClient
  log: FastifyBaseLogger
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

/**
 * The basic access_token and the jsapi_ticket, cached in memory and in the
 * database so every instance shares one pair. A refresh is single-flight inside
 * the process (one shared promise) and across processes (a lease lock, database.withLock, then
 * a re-read: whoever waited finds the fresh value instead of fetching again).
 */
export function createCredentialStore({ database, client, log, now = Date.now, sleep = ms => new Promise(r => setTimeout(r, ms)) }: Options) {
  const { db } = database
  const memory = new Map<Kind, Cached>()
  const inflight = new Map<Kind, Promise<string>>()
  const fresh = (c: Cached | undefined): c is Cached => !!c && c.expiresAt - Math.min(MARGIN_MS, c.lifetimeMs / 2) > now()

  async function readRow(tx: Db, kind: Kind): Promise<Cached | undefined> {
    const [row] = await tx.select().from(wechatCredentials).where(eq(wechatCredentials.kind, kind))
    return row ? { value: row.value, expiresAt: row.expiresAt.getTime(), lifetimeMs: row.expiresAt.getTime() - row.updatedAt.getTime() } : undefined
  }

  async function withBusyRetry(fetchOne: () => Promise<Credential>): Promise<Credential> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetchOne()
      }
      catch (e) {
        const retryable = e instanceof WeChatApiError && (e.isBusy || e.errcode === UNREACHABLE)
        if (!retryable || attempt >= BUSY_RETRIES.length)
          throw e
        await sleep(BUSY_RETRIES[attempt]!)
      }
    }
  }

  /** Database first; if stale, fetch under the lock unless another process just did. */
  async function load(kind: Kind, fetchOne: () => Promise<Credential>): Promise<string> {
    const stored = await readRow(db, kind)
    if (fresh(stored)) {
      memory.set(kind, stored)
      return stored.value
    }
    // The lock is not a transaction: the upstream call blocks no other query, only other refreshers.
    const cached = await database.withLock(`wechat:${kind}`, async () => {
      const again = await readRow(db, kind)
      if (fresh(again))
        return again
      const got = await withBusyRetry(fetchOne)
      const next = { value: got.value, expiresAt: now() + got.expiresInSeconds * 1000, lifetimeMs: got.expiresInSeconds * 1000 }
      const row = { kind, value: next.value, expiresAt: new Date(next.expiresAt), updatedAt: new Date(now()) }
      await db.insert(wechatCredentials).values(row).onConflictDoUpdate({ target: wechatCredentials.kind, set: row })
      log.info({ kind }, 'refreshed WeChat credential')
      return next
    })
    memory.set(kind, cached)
    return cached.value
  }

  function get(kind: Kind, fetchOne: () => Promise<string>): Promise<string> {
    const m = memory.get(kind)
    if (fresh(m))
      return Promise.resolve(m.value)
    let p = inflight.get(kind)
    if (!p) {
      p = fetchOne().catch((e: unknown) => {
        if (e instanceof WeChatApiError) {
          const hint = operatorHint(e)
          log.error({ errcode: e.errcode, errmsg: e.errmsg, api: e.api }, hint ?? 'WeChat credential refresh failed')
        }
        throw e
      }).finally(() => inflight.delete(kind))
      inflight.set(kind, p)
    }
    return p
  }

  /** Forget a token WeChat called stale, unless another process already replaced it. */
  async function invalidate(kind: Kind, staleValue: string): Promise<void> {
    memory.delete(kind)
    await db.update(wechatCredentials)
      .set({ expiresAt: new Date(0) })
      .where(and(eq(wechatCredentials.kind, kind), eq(wechatCredentials.value, staleValue)))
  }

  const accessToken = () => get('access_token', () => load('access_token', () => client.stableAccessToken()))

  const jsapiTicket = () => get('jsapi_ticket', async () => {
    // The token is fetched before taking the ticket's lock, so the two locks never nest.
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken()
      try {
        return await load('jsapi_ticket', () => client.jsapiTicket(token))
      }
      catch (e) {
        if (!(e instanceof WeChatApiError && e.isStaleToken) || attempt > 0)
          throw e
        // Passive refresh: someone replaced the token; fetch the current one and retry once.
        await invalidate('access_token', token)
      }
    }
  })

  return { accessToken, jsapiTicket, invalidateAccessToken: (stale: string) => invalidate('access_token', stale) }
}
export type CredentialStore = ReturnType<typeof createCredentialStore>
