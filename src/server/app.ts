import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Config } from './config/config.ts'
import type { Database } from './db/database.ts'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Fastify from 'fastify'
import { openDatabase } from './db/open-database.ts'
import { answerClientError } from './http/client-error.ts'
import { registerPay } from './pay/plugin.ts'
import { registerContentCache } from './plugins/app/content-cache.ts'
import { registerErrorHandler } from './plugins/app/error-handler.ts'
import { registerNotFound } from './plugins/app/not-found.ts'
import { registerSessionSweeper } from './plugins/app/session-sweeper.ts'
import { registerSession } from './plugins/app/session.ts'
import { registerSpaStatic } from './plugins/app/spa-static.ts'
import { refuseNulCharacters, registerValidation, restrictBodiesToJson } from './plugins/app/validation.ts'
import { registerWeChat } from './plugins/app/wechat.ts'
import { registerCompression } from './plugins/external/compression.ts'
import { registerCookies } from './plugins/external/cookies.ts'
import { registerRateLimit } from './plugins/external/rate-limit.ts'
import { registerSecurityHeaders } from './plugins/external/security.ts'
import { adminOrdersRoute } from './routes/admin/orders.ts'
import { adminProductsRoute } from './routes/admin/products.ts'
import { articleTipsRoute } from './routes/api/article-tips.ts'
import { articlesRoute } from './routes/api/articles.ts'
import { jsSdkConfigRoute } from './routes/api/jssdk-config.ts'
import { meRoute } from './routes/api/me.ts'
import { membershipRoute } from './routes/api/membership.ts'
import { ordersRoute } from './routes/api/orders.ts'
import { payNotifyRoute } from './routes/api/pay-notify.ts'
import { productsRoute } from './routes/api/products.ts'
import { shareVisitsRoute } from './routes/api/share-visits.ts'
import { callbackRoute } from './routes/auth/callback.ts'
import { loginRoute } from './routes/auth/login.ts'
import { logoutRoute } from './routes/auth/logout.ts'
import { healthzRoutes } from './routes/healthz.ts'

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
  /** Requests per minute per client (and for the JS-SDK signature); tests that fire bursts raise it. */
  rateLimitMax?: number
  /** How the API reaches WeChat; tests and the dev script point it at the simulator. */
  fetch?: typeof fetch
  logger?: boolean
  /** Business clock for payments (order expiry, membership periods); tests move it. */
  now?: () => number
  /** Payment reconciliation interval; false disables the job (tests run `app.pay.reconcile()`). */
  reconcileIntervalMs?: number | false
}

/** Builds the API (and, with `staticDir`, the SPA host) without listening, so tests drive it with `inject`. */
export async function build(config: Config, deps: BuildDeps = {}) {
  const app = Fastify({
    logger: deps.logger === false || config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    genReqId: () => randomUUID(),
    // Routing-level rejections (undecodable URLs) get the kit's error shape too.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).status(400).send({ error: { code: 'BAD_REQUEST', message: error.message } })
    },
    // Long slugs are fine; a path parameter longer than this is not ours. WeChat documents
    // its OAuth redirect as `redirect_uri/?code=…`, so a trailing slash must not 404.
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // Slow or stalled clients cannot hold sockets forever when no proxy sits in front.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>()

  const ownsDatabase = !deps.database
  const database = deps.database ?? await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize })
  app.decorate('config', config)
  app.decorate('database', database)
  if (ownsDatabase)
    app.addHook('onClose', async () => database.close())

  registerErrorHandler(app)
  registerValidation(app)
  refuseNulCharacters(app)
  restrictBodiesToJson(app)
  await registerSecurityHeaders(app)
  await registerCookies(app, config.sessionSecret)
  await registerRateLimit(app, { max: deps.rateLimitMax ?? 300 })
  await registerCompression(app)

  registerSession(app)
  registerContentCache(app)
  registerSessionSweeper(app)
  registerWeChat(app, deps.fetch ?? globalThis.fetch)
  registerPay(app, { fetch: deps.fetch ?? globalThis.fetch, now: deps.now, reconcileIntervalMs: deps.reconcileIntervalMs })

  await app.register(healthzRoutes)
  await app.register(loginRoute)
  await app.register(callbackRoute)
  await app.register(logoutRoute)
  await app.register(meRoute)
  await app.register(jsSdkConfigRoute, { rateLimitMax: deps.rateLimitMax ?? 120 })
  await app.register(shareVisitsRoute)
  await app.register(productsRoute)
  await app.register(articlesRoute)
  await app.register(articleTipsRoute)
  await app.register(membershipRoute)
  await app.register(ordersRoute)
  await app.register(payNotifyRoute)
  await app.register(adminProductsRoute)
  await app.register(adminOrdersRoute)

  const servesSpa = !!config.staticDir && existsSync(join(config.staticDir, 'index.html'))
  if (servesSpa)
    await registerSpaStatic(app, config.staticDir!)
  registerNotFound(app, servesSpa)

  return app
}

export type App = Awaited<ReturnType<typeof build>>
