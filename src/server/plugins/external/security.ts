import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'

/**
 * Security headers. The SPA's script and XHR come from this origin only; images
 * come from this origin, data URIs, or https hosts (WeChat's avatar CDN
 * thirdwx.qlogo.cn / wx.qlogo.cn, article covers; avatars are stored as https,
 * see queries/users.ts); Vant sets inline styles.
 * Cross-Origin-Resource-Policy is same-origin for everything (API JSON included);
 * only the SPA's static files widen it (plugins/app/spa-static.ts).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
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
    crossOriginResourcePolicy: { policy: 'same-origin' },
  })
}
