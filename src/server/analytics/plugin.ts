import type { FastifyInstance } from 'fastify'
import type { ClientEvent } from '../../shared/schemas/analytics.ts'
import type { Reader } from './ingest.ts'
import type { MaintenanceResult } from './partitions.ts'
import { inArray } from 'drizzle-orm'
import fp from 'fastify-plugin'
import { articles } from '../db/schema.ts'
import { ingestBatch } from './ingest.ts'
import { maintainAnalytics } from './partitions.ts'
import { createVisitorRateLimit } from './rate-limit.ts'
import { recordServerEventSafely } from './server-events.ts'

export interface AnalyticsDeps {
  /** Partition and pruning job interval; false disables it (tests call `maintain()`). */
  maintenanceIntervalMs?: number | false
  /** Events one visitor may send per minute. */
  maxEventsPerMinute?: number
}

/** Default raw event retention (ANALYTICS_RETENTION_DAYS). */
export const DEFAULT_RETENTION_DAYS = 90

function analyticsService(app: FastifyInstance, deps: AnalyticsDeps) {
  const now = app.clock.now
  const { db } = app.database
  const allow = createVisitorRateLimit(deps.maxEventsPerMinute ?? 120)
  // Poll and quiz keys are not checked here (their tables belong to their feature); articles are.
  const knownPosts = async (ids: string[]) => {
    const articleIds = ids.filter(id => !id.includes(':'))
    const found = articleIds.length > 0 ? await db.select({ id: articles.id }).from(articles).where(inArray(articles.id, articleIds)) : []
    return new Set([...found.map(r => r.id), ...ids.filter(id => id.includes(':'))])
  }
  return {
    /** False when this visitor is over its rate: the batch is refused whole. */
    allow: (visitorId: number, events: number) => allow(visitorId, events, now()),
    ingest: (reader: Reader, events: ClientEvent[]) => ingestBatch(db, reader, events, now(), knownPosts),
    maintain: (): Promise<MaintenanceResult> => maintainAnalytics(app.database, now(), app.config.analyticsRetentionDays ?? DEFAULT_RETENTION_DAYS),
  }
}
export type AnalyticsService = ReturnType<typeof analyticsService>

declare module 'fastify' {
  interface FastifyInstance {
    analytics: AnalyticsService
  }
}

/** Decorates `app.analytics`; partitions are created at start and the job runs hourly. */
export const analyticsPlugin = fp<AnalyticsDeps>(async (app: FastifyInstance, deps) => {
  const service = analyticsService(app, deps)
  app.decorate('analytics', service)
  // Votes and quiz completions count from the stored ballot and the scored attempt, never from the client.
  const { db } = app.database
  app.engagement.onBallot(e => recordServerEventSafely(db, { type: 'voted', userId: e.userId, articleId: `poll:${e.pollId}`, details: { pollId: e.pollId, refCode: e.refCode }, at: e.at.getTime() }, app.log))
  app.engagement.onQuizCompleted(e => recordServerEventSafely(db, { type: 'quiz_completed', userId: e.userId, articleId: `quiz:${e.quizId}`, details: { quizId: e.quizId, attemptId: e.attemptId, refCode: e.refCode }, at: e.at.getTime() }, app.log))
  const interval = deps.maintenanceIntervalMs ?? 3600_000
  if (interval === false)
    return
  let timer: ReturnType<typeof setInterval> | undefined
  const run = () => service.maintain().catch(err => app.log.warn({ err }, 'analytics maintenance failed'))
  app.addHook('onReady', async () => {
    await run()
    timer = setInterval(run, interval)
    timer.unref()
  })
  app.addHook('onClose', async () => clearInterval(timer))
}, { name: 'analytics', dependencies: ['clock', 'engagement'] })
