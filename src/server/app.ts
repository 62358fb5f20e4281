import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { AnalyticsDeps } from './analytics/plugin.ts'
import type { Config } from './config/config.ts'
import type { Database } from './db/database.ts'
import type { RateLimits } from './plugins/external/rate-limit.ts'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Fastify from 'fastify'
import { errorBody } from '../shared/schemas/api-error.ts'
import { analyticsPlugin } from './analytics/plugin.ts'
import { fastifyTrustProxy, trustProxyWarning } from './config/trust-proxy.ts'
import { openDatabase } from './db/open-database.ts'
import { engagementPlugin } from './engagement/plugin.ts'
import { answerClientError } from './http/client-error.ts'
import { loggerOptions } from './logging/redact.ts'
import { mediaPlugin } from './media/plugin.ts'
import { moderationPlugin } from './moderation/plugin.ts'
import { payPlugin } from './pay/plugin.ts'
import { cacheControlPlugin } from './plugins/app/cache-control.ts'
import { clockPlugin } from './plugins/app/clock.ts'
import { contentCachePlugin } from './plugins/app/content-cache.ts'
import { errorHandlerPlugin } from './plugins/app/error-handler.ts'
import { notFoundPlugin } from './plugins/app/not-found.ts'
import { publishHooksPlugin } from './plugins/app/publish-hooks.ts'
import { sessionSweeperPlugin } from './plugins/app/session-sweeper.ts'
import { sessionPlugin } from './plugins/app/session.ts'
import { spaStaticPlugin } from './plugins/app/spa-static.ts'
import { validationPlugin } from './plugins/app/validation.ts'
import { wechatPlugin } from './plugins/app/wechat.ts'
import { compressionPlugin } from './plugins/external/compression.ts'
import { cookiesPlugin } from './plugins/external/cookies.ts'
import { ORDERS_PER_MINUTE, rateLimitPlugin, SIGN_IN_PER_MINUTE } from './plugins/external/rate-limit.ts'
import { securityHeadersPlugin } from './plugins/external/security.ts'
import { pollsPlugin } from './polls/plugin.ts'
import { quizzesPlugin } from './quizzes/plugin.ts'
import { adminAnalyticsRoute } from './routes/admin/analytics.ts'
import { adminArticlesRoute } from './routes/admin/articles.ts'
import { adminCommentsRoute } from './routes/admin/comments.ts'
import { adminMediaRoute } from './routes/admin/media.ts'
import { adminModerationWordsRoute } from './routes/admin/moderation-words.ts'
import { adminOrdersRoute } from './routes/admin/orders.ts'
import { adminPollsRoute } from './routes/admin/polls.ts'
import { adminProductsRoute } from './routes/admin/products.ts'
import { adminQuizzesRoute } from './routes/admin/quizzes.ts'
import { adminSeriesRoute } from './routes/admin/series.ts'
import { articleTipsRoute } from './routes/api/article-tips.ts'
import { articlesRoute } from './routes/api/articles.ts'
import { commentsRoute } from './routes/api/comments.ts'
import { eventsRoute } from './routes/api/events.ts'
import { jsSdkConfigRoute } from './routes/api/jssdk-config.ts'
import { meRoute } from './routes/api/me.ts'
import { membershipRoute } from './routes/api/membership.ts'
import { ordersRoute } from './routes/api/orders.ts'
import { payNotifyRoute } from './routes/api/pay-notify.ts'
import { pollLiveRoute } from './routes/api/poll-live.ts'
import { pollsRoute } from './routes/api/polls.ts'
import { productsRoute } from './routes/api/products.ts'
import { quizzesRoute } from './routes/api/quizzes.ts'
import { readingProgressRoute } from './routes/api/reading-progress.ts'
import { seriesSubscribeRoute } from './routes/api/series-subscribe.ts'
import { seriesRoute } from './routes/api/series.ts'
import { shareVisitsRoute } from './routes/api/share-visits.ts'
import { callbackRoute } from './routes/auth/callback.ts'
import { loginRoute } from './routes/auth/login.ts'
import { logoutRoute } from './routes/auth/logout.ts'
import { healthzRoutes } from './routes/healthz.ts'
import { mediaFilesRoute } from './routes/media-files.ts'
import { wechatEventsRoute } from './routes/wechat/events.ts'
import { seriesPlugin } from './series/plugin.ts'
import { wechatEventsPlugin } from './wechat-events/plugin.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    database: Database
  }
}

/** What tests (and the dev script) may swap: everything that crosses a process boundary. */
export interface BuildDeps {
  /** An already-open database; otherwise one is opened from the config and closed with the app. */
  database?: Database
  /** Replaces every per-minute limit (config.rateLimit and the strict sign-in/order ones); tests that fire bursts raise it. */
  rateLimitMax?: number
  /** How the API reaches WeChat; tests and the dev script point it at the simulator. */
  fetch?: typeof fetch
  logger?: boolean
  /** Where log lines go instead of stdout (tests read them); logs at info even when LOG_LEVEL is silent. */
  logStream?: { write: (line: string) => void }
  /** The business clock (`app.clock`: order expiry, membership periods, poll and quiz windows, analytics days); tests move it. */
  now?: () => number
  /** Payment reconciliation interval; false disables the job (tests run `app.pay.reconcile()`). */
  reconcileIntervalMs?: number | false
  /** How long votes are gathered before live-result watchers get one update. */
  liveCoalesceMs?: number
  /** Subscribe-message retry job interval; false disables it (tests call `app.wechatEvents.sendPending()`). Default: off in tests, 60 s otherwise. */
  subscribeRetryIntervalMs?: number | false
  /** Analytics: maintenance job interval (false: tests call `app.analytics.maintain()`), per-visitor event rate. */
  analytics?: AnalyticsDeps
  /** Scheduled series parts: how often they are looked for; false disables the job (tests call `app.series.announceDue()`). */
  seriesAnnounceIntervalMs?: number | false
}

/** Builds the API (and, with `staticDir`, the SPA host) without listening, so tests drive it with `inject`. */
export async function build(config: Config, deps: BuildDeps = {}) {
  const app = Fastify({
    logger: deps.logStream
      ? loggerOptions(config.logLevel === 'silent' ? 'info' : config.logLevel, deps.logStream)
      : deps.logger === false || config.logLevel === 'silent' ? false : loggerOptions(config.logLevel),
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: 64 * 1024,
    genReqId: () => randomUUID(),
    // Routing-level rejections (undecodable URLs) get the kit's error shape too.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).status(400).send(errorBody('BAD_REQUEST', error.message))
    },
    // Long slugs are fine; a path parameter longer than this is not ours. WeChat documents
    // its OAuth redirect as `redirect_uri/?code=…`, so a trailing slash must not 404.
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // Slow or stalled clients cannot hold sockets forever when no proxy sits in front.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>()

  const proxyWarning = trustProxyWarning(config.trustProxy)
  if (proxyWarning)
    app.log.warn(proxyWarning)

  const ownsDatabase = !deps.database
  const database = deps.database ?? await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize })
  app.decorate('config', config)
  app.decorate('database', database)
  if (ownsDatabase)
    app.addHook('onClose', async () => database.close())

  // Infrastructure: how every request is parsed, limited, answered and timed.
  await app.register(clockPlugin, { now: deps.now })
  await app.register(errorHandlerPlugin)
  await app.register(validationPlugin)
  await app.register(securityHeadersPlugin)
  await app.register(cookiesPlugin, { secret: config.sessionSecret })
  await app.register(rateLimitPlugin, { limits: rateLimits(config, deps.rateLimitMax) })
  await app.register(compressionPlugin)
  await app.register(cacheControlPlugin)
  await app.register(sessionPlugin)
  await app.register(sessionSweeperPlugin)

  // Services: decorated onto the instance (`app.wechat`, `app.pay`, …) for routes to call.
  const fetch = deps.fetch ?? globalThis.fetch
  await app.register(contentCachePlugin)
  await app.register(wechatPlugin, { fetch })
  await app.register(moderationPlugin, { fetch })
  await app.register(payPlugin, { fetch, reconcileIntervalMs: deps.reconcileIntervalMs })
  await app.register(engagementPlugin)
  await app.register(publishHooksPlugin)
  await app.register(mediaPlugin)
  await app.register(pollsPlugin, { liveCoalesceMs: deps.liveCoalesceMs })
  await app.register(quizzesPlugin)
  await app.register(analyticsPlugin, deps.analytics ?? {})
  await app.register(seriesPlugin, { announceIntervalMs: deps.seriesAnnounceIntervalMs })
  await app.register(wechatEventsPlugin, { fetch, retryIntervalMs: deps.subscribeRetryIntervalMs })

  // Routes: thin handlers over the services above.
  // Sign-in and the page's platform (JS-SDK signing, share attribution).
  await app.register(healthzRoutes)
  await app.register(loginRoute)
  await app.register(callbackRoute)
  await app.register(logoutRoute)
  await app.register(meRoute)
  await app.register(jsSdkConfigRoute)
  await app.register(shareVisitsRoute)
  // What followers read and do.
  await app.register(articlesRoute)
  await app.register(articleTipsRoute)
  await app.register(readingProgressRoute)
  await app.register(seriesRoute)
  await app.register(seriesSubscribeRoute)
  await app.register(mediaFilesRoute)
  await app.register(commentsRoute)
  await app.register(pollsRoute)
  await app.register(pollLiveRoute)
  await app.register(quizzesRoute)
  await app.register(eventsRoute)
  // What followers buy.
  await app.register(productsRoute)
  await app.register(membershipRoute)
  await app.register(ordersRoute)
  // What WeChat calls: payment notifications and the account's server URL.
  await app.register(payNotifyRoute)
  await app.register(wechatEventsRoute)
  // Operators (/api/admin, bearer ADMIN_TOKEN).
  await app.register(adminArticlesRoute)
  await app.register(adminSeriesRoute)
  await app.register(adminMediaRoute)
  await app.register(adminProductsRoute)
  await app.register(adminOrdersRoute)
  await app.register(adminPollsRoute)
  await app.register(adminQuizzesRoute)
  await app.register(adminCommentsRoute)
  await app.register(adminModerationWordsRoute)
  await app.register(adminAnalyticsRoute)

  const servesSpa = !!config.staticDir && existsSync(join(config.staticDir, 'index.html'))
  if (servesSpa)
    await app.register(spaStaticPlugin, { root: config.staticDir! })
  await app.register(notFoundPlugin, { servesSpa })

  return app
}

export type App = Awaited<ReturnType<typeof build>>

/** `rateLimitMax` (tests that fire bursts) replaces every per-minute limit, the strict ones too. */
function rateLimits(config: Config, burst: number | undefined): RateLimits {
  return {
    perMinute: burst ?? config.rateLimit.perMinute,
    jsSdk: burst ?? config.rateLimit.jsSdkPerMinute,
    signIn: burst ?? SIGN_IN_PER_MINUTE,
    orders: burst ?? ORDERS_PER_MINUTE,
  }
}
