import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import autocannon from 'autocannon'
import { build } from '../src/server/app.ts'
import { openDatabase } from '../src/server/db/open-database.ts'
import { createSession } from '../src/server/db/queries/sessions.ts'
import { upsertUser } from '../src/server/db/queries/users.ts'
import { seed } from '../src/server/db/seed.ts'
import { configFromSetup } from '../src/simulator/config.ts'
import { createSimulatorSetup } from '../src/simulator/keys.ts'
import { startSimulator } from '../src/simulator/start.ts'
import { testConfig } from '../tests/server/helpers/test-config.ts'

/**
 * `npm run bench`: requests per second of the production server on this
 * machine, one endpoint at a time, over loopback. Figures go in the README;
 * tests never assert timings. DATABASE_URL=postgres://… benchmarks PostgreSQL
 * (the demo seed is applied to it). A bare node:http server answering the same
 * JS-SDK signature with one sha1 runs in the same process as a floor, and the
 * kit's /api/jssdk/config is printed as a share of it.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)

// Free ports: several people may benchmark on one machine.
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>(r => probe.listen(0, '127.0.0.1', r))
  const { port } = probe.address() as { port: number }
  await new Promise(r => probe.close(r))
  return port
}
const port = await freePort()
const publicOrigin = `http://127.0.0.1:${port}`
const setup = createSimulatorSetup()
const sim = await startSimulator({ config: configFromSetup(setup, { publicOrigin }) })
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: null, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) })
await seed(database)
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

// The floor: what node:http alone does for the same answer (parse the query, one sha1, JSON).
const ticket = await app.wechat.credentials.jsapiTicket()
const floor = createServer((req, res) => {
  const url = new URL(req.url!, 'http://x').searchParams.get('url') ?? ''
  const timestamp = Math.floor(Date.now() / 1000)
  const nonceStr = randomBytes(12).toString('base64url')
  const signature = createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`).digest('hex')
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify({ appId: setup.appId, timestamp, nonceStr, signature }))
})
await new Promise<void>(r => floor.listen(0, '127.0.0.1', r))
const floorPort = (floor.address() as { port: number }).port
const jssdkQuery = `/api/jssdk/config?url=${encodeURIComponent(`${publicOrigin}/articles/1?from=timeline`)}`

const cases: { name: string, path: string, origin?: string, headers?: Record<string, string> }[] = [
  { name: 'floor: bare node:http, one sha1', path: jssdkQuery, origin: `http://127.0.0.1:${floorPort}` },
  { name: 'GET /api/jssdk/config (signature, cached ticket)', path: jssdkQuery },
  { name: 'GET /healthz (database ping)', path: '/healthz' },
  { name: 'GET /articles/1 (SPA page, index.html)', path: '/articles/1', headers: { 'accept': 'text/html', 'accept-encoding': 'br' } },
  { name: 'GET /api/me (session lookup)', path: '/api/me', headers: signedIn },
  { name: 'GET /api/articles (list, anonymous)', path: '/api/articles', headers: { 'accept-encoding': 'br, gzip' } },
  { name: 'GET /api/articles (list, signed in)', path: '/api/articles', headers: signedIn },
  { name: 'GET /api/articles/:id (free, anonymous)', path: '/api/articles/jssdk-signature', headers: { 'accept-encoding': 'br, gzip' } },
  { name: 'GET /api/products (catalogue)', path: '/api/products', headers: { 'accept-encoding': 'br, gzip' } },
  { name: 'GET /api/articles/:id (premium, paywall check)', path: '/api/articles/pay-apiv3-deep-dive', headers: signedIn },
]

console.log(`\n${CONNECTIONS} connections, ${DURATION} s per endpoint, database ${database.kind}, Node ${process.version}\n`)
console.log('| endpoint | req/s | p50 ms | p99 ms | non-2xx |')
console.log('|---|---|---|---|---|')
const rps = new Map<string, number>()
for (const c of cases) {
  const url = `${c.origin ?? publicOrigin}${c.path}`
  await autocannon({ url, headers: c.headers, connections: 5, duration: 1 })
  const r = await autocannon({ url, headers: c.headers, connections: CONNECTIONS, duration: DURATION })
  rps.set(c.name, r.requests.average)
  console.log(`| ${c.name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`)
}
const share = rps.get(cases[1]!.name)! / rps.get(cases[0]!.name)!
console.log(`\n/api/jssdk/config reaches ${(share * 100).toFixed(0)}% of the bare node:http floor (full middleware: security headers, rate limit, sessions, compression).`)
floor.close()

await app.close()
await database.close()
await sim.close()
