import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import Fastify from 'fastify'
import fp from 'fastify-plugin'

/**
 * Security headers. The SPA's script and XHR come from this origin only; images
 * come from this origin, data URIs, or https hosts (WeChat's avatar CDN
 * thirdwx.qlogo.cn / wx.qlogo.cn, article covers; avatars are stored as https,
 * see queries/users.ts); Vant sets inline styles.
 * Cross-Origin-Resource-Policy is same-origin for everything (API JSON included);
 * only the SPA's static files widen it (plugins/app/spa-static.ts).
 */
const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      'default-src': ['\'self\''],
      'script-src': ['\'self\''],
      'style-src': ['\'self\'', '\'unsafe-inline\''],
      'img-src': ['\'self\'', 'data:', 'https:'],
      'connect-src': ['\'self\''],
      'font-src': ['\'self\'', 'data:'],
      'frame-ancestors': ['\'none\''],
      'upgrade-insecure-requests': null,
    },
  },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
}

/**
 * The headers helmet sends for these options, computed once at start-up: they are the
 * same on every response (no CSP nonces), while @fastify/helmet rebuilds its middleware
 * on every request, a measurable share of a small JSON answer's cost.
 */
async function helmetHeaders(): Promise<[string, string][]> {
  const probe = Fastify()
  await probe.register(helmet, HELMET_OPTIONS)
  probe.get('/', async () => '')
  const res = await probe.inject({ method: 'GET', url: '/' })
  await probe.close()
  const ours = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive'])
  return Object.entries(res.headers)
    .filter(([name]) => !ours.has(name))
    .map(([name, value]) => [name, String(value)])
}

export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  const headers = await helmetHeaders()
  app.addHook('onRequest', (_request, reply, done) => {
    // On the raw response, as helmet does: error and 404 answers carry them too.
    for (const [name, value] of headers)
      reply.raw.setHeader(name, value)
    done()
  })
}, { name: 'security-headers' })
