import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import autocannon from 'autocannon'
import { build } from '../src/server/app.ts'
import { openDatabase } from '../src/server/db/open-database.ts'
import { createSession } from '../src/server/db/queries/sessions.ts'
import { upsertUser } from '../src/server/db/queries/users.ts'
import { configFromSetup } from '../src/simulator/config.ts'
import { createSimulatorSetup } from '../src/simulator/keys.ts'
import { startSimulator } from '../src/simulator/start.ts'
import { testConfig } from '../tests/server/helpers/test-config.ts'

/**
 * `npm run bench`: requests per second of the production server on this
 * machine, one endpoint at a time, over loopback. Figures go in the README;
 * tests never assert timings. DATABASE_URL=postgres://… benchmarks PostgreSQL.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)

const port = 3900
const publicOrigin = `http://127.0.0.1:${port}`
const setup = createSimulatorSetup()
const sim = await startSimulator({ config: configFromSetup(setup, { publicOrigin }) })
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: null })
const staticDir = resolve('dist/app')
const app = await build(testConfig({
  publicOrigin,
  staticDir: existsSync(staticDir) ? staticDir : null,
  databaseUrl: process.env.DATABASE_URL ?? null,
  wechat: { appId: setup.appId, appSecret: setup.appSecret, oauthOrigin: sim.origin, apiOrigin: sim.origin, oauthScope: 'snsapi_userinfo', jsSdkExtraHosts: [] },
}), { database, rateLimitMax: 100_000_000, logger: false })
await app.listen({ port, host: '127.0.0.1' })

const user = await upsertUser(database.db, { openid: 'oBenchUser000000000000000000', nickname: '压测用户', isSnapshot: false })
const { token } = await createSession(database.db, user.id)
const signedIn = { cookie: `sid=${app.signCookie(token)}` }

const cases: { name: string, path: string, headers?: Record<string, string> }[] = [
  { name: 'GET /healthz (database ping)', path: '/healthz' },
  { name: 'GET /articles/1 (SPA page, index.html)', path: '/articles/1', headers: { 'accept': 'text/html', 'accept-encoding': 'br' } },
  { name: 'GET /api/jssdk/config (signature, cached ticket)', path: `/api/jssdk/config?url=${encodeURIComponent(`${publicOrigin}/articles/1?from=timeline`)}` },
  { name: 'GET /api/me (session lookup)', path: '/api/me', headers: signedIn },
  { name: 'GET /api/articles (list)', path: '/api/articles' },
  { name: 'GET /api/articles/:id (premium, paywall check)', path: '/api/articles/pay-apiv3-deep-dive', headers: signedIn },
]

console.log(`\n${CONNECTIONS} connections, ${DURATION} s per endpoint, database ${database.kind}, Node ${process.version}\n`)
console.log('| endpoint | req/s | p50 ms | p99 ms | non-2xx |')
console.log('|---|---|---|---|---|')
for (const c of cases) {
  await autocannon({ url: `${publicOrigin}${c.path}`, headers: c.headers, connections: 5, duration: 1 })
  const r = await autocannon({ url: `${publicOrigin}${c.path}`, headers: c.headers, connections: CONNECTIONS, duration: DURATION })
  console.log(`| ${c.name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`)
}

await app.close()
await database.close()
await sim.close()
