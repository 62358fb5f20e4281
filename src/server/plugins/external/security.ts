import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'

/**
 * Security headers. The SPA's script and XHR come from this origin only; images
 * may come from WeChat's avatar CDN (https) and data URIs; Vant sets inline styles.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ['\'self\''],
        'script-src': ['\'self\''],
        'style-src': ['\'self\'', '\'unsafe-inline\''],
        'img-src': ['\'self\'', 'data:', 'https:', 'http:'],
        'connect-src': ['\'self\''],
        'font-src': ['\'self\'', 'data:'],
        'frame-ancestors': ['\'none\''],
        'upgrade-insecure-requests': null,
      },
    },
    // Share images and avatars are fetched cross-origin by WeChat's client.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })
}
