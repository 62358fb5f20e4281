import type { FastifyInstance } from 'fastify'
import type { PartPublished } from '../content/publish-hooks.ts'
import type { Fetch } from '../wechat/wechat-http.ts'
import type { DrainResult } from './sender.ts'
import fp from 'fastify-plugin'
import { enqueuePartMessages, pruneInbound } from '../db/queries/wechat-events.ts'
import { createBizsendClient } from './bizsend.ts'
import { aesKeyFrom } from './message-crypto.ts'
import { createSender } from './sender.ts'
import { partTemplateData } from './template-data.ts'

/** Dedupe keys are kept two days; pushes older than an hour are refused anyway (open-push.ts). */
const INBOUND_KEEP_MS = 2 * 24 * 3600_000

export interface WeChatEvents {
  /** Token and key for /wechat/events; null when WECHAT_TOKEN is unset. */
  keys: { token: string, aesKey: Buffer | null } | null
  /** The series template, or null when none is configured. */
  seriesTemplateId: string | null
  /** Queues one message per interested, consenting reader; called from the publish hook. */
  enqueuePart: (event: PartPublished) => Promise<void>
  /** Waits for sends the publish hook started, then sends whatever is due (tests, the retry job). */
  sendPending: () => Promise<DrainResult>
}

declare module 'fastify' {
  interface FastifyInstance {
    wechatEvents: WeChatEvents
  }
}

export interface WeChatEventsOptions {
  fetch: Fetch
  /** Retry job interval; false disables it (tests call `app.wechatEvents.sendPending()`). */
  retryIntervalMs?: number | false
}

export const wechatEventsPlugin = fp<WeChatEventsOptions>(async (app: FastifyInstance, opts) => {
  const cfg = app.config.wechatEvents
  const sender = createSender({
    database: app.database,
    credentials: app.wechat.credentials,
    send: createBizsendClient(app.config.wechat.apiOrigin, opts.fetch),
    log: app.log,
    now: app.clock.now,
  })
  const inflight = new Set<Promise<DrainResult | null>>()
  const track = (p: Promise<DrainResult>) => {
    const done: Promise<DrainResult | null> = p
      .catch((err: unknown) => {
        app.log.error({ err }, 'sending subscribe messages failed')
        return null
      })
      .finally(() => inflight.delete(done))
    inflight.add(done)
  }

  const seriesTemplateId = cfg?.seriesTemplateId ?? null
  async function enqueuePart(event: PartPublished): Promise<void> {
    if (!cfg || !seriesTemplateId)
      return
    await enqueuePartMessages(app.database.db, {
      articleId: event.articleId,
      seriesId: event.seriesId,
      templateId: seriesTemplateId,
      page: `${app.config.publicOrigin}/articles/${encodeURIComponent(event.articleId)}`,
      data: partTemplateData(cfg.seriesFields, event),
      now: app.clock.date(),
    })
  }

  async function sendPending(): Promise<DrainResult> {
    const earlier = await Promise.all([...inflight])
    const total = await sender.drain()
    for (const r of earlier) {
      if (r) {
        total.sent += r.sent
        total.refused += r.refused
        total.failed += r.failed
        total.retrying += r.retrying
      }
    }
    return total
  }

  app.decorate('wechatEvents', {
    keys: cfg?.token ? { token: cfg.token, aesKey: cfg.encodingAesKey ? aesKeyFrom(cfg.encodingAesKey) : null } : null,
    seriesTemplateId,
    enqueuePart,
    sendPending,
  })

  // Queued inside the publish hook (fast, one statement), sent after it: the series code's
  // request never waits on WeChat.
  app.publishing.onPartPublished(async (event) => {
    await enqueuePart(event)
    track(sender.drain())
  })

  const interval = opts.retryIntervalMs ?? (app.config.env === 'test' ? false : 60_000)
  if (interval !== false) {
    const timer = setInterval(() => {
      if (inflight.size > 0)
        return
      track(sender.drain().then(async (r) => {
        await pruneInbound(app.database.db, new Date(app.clock.now() - INBOUND_KEEP_MS))
        return r
      }))
    }, interval)
    timer.unref()
    app.addHook('preClose', async () => clearInterval(timer))
  }
  // preClose: sends under way finish while the database is still open.
  app.addHook('preClose', async () => {
    await Promise.all([...inflight])
  })
}, { name: 'wechat-events', dependencies: ['clock', 'publish-hooks'] })
