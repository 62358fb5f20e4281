import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'

const IMMUTABLE = 'public, max-age=31536000, immutable'
// WeChat's webview caches HTML aggressively; without this a deploy can leave
// followers on an index.html whose hashed assets no longer exist.
const REVALIDATE = 'no-cache'

/** Paths the SPA never owns: they answer JSON 404 instead of index.html. */
export function isApiPath(url: string): boolean {
  return /^\/(?:api|auth|healthz|media|__sim)(?:[/?]|$)/.test(url)
}

/**
 * Serves the built SPA: hashed files under /assets/ forever, everything else
 * revalidated, pre-compressed .br/.gz variants when the client accepts them.
 */
export async function registerSpaStatic(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (res, path) => {
      // With preCompressed the path is the .br/.gz variant; the rule belongs to the original file.
      const file = path.replace(/\.(?:br|gz)$/, '')
      res.header('Cache-Control', /[/\\]assets[/\\]/.test(file) ? IMMUTABLE : file.endsWith('.html') ? REVALIDATE : 'public, max-age=3600')
      // Share-card images and icons are fetched cross-origin by WeChat's client; API answers stay same-origin.
      if (!file.endsWith('.html'))
        res.header('Cross-Origin-Resource-Policy', 'cross-origin')
    },
  })
}

/** History-mode fallback: a GET for a page route gets index.html. */
export function wantsSpaPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return false
  const path = request.url.split('?')[0] ?? '/'
  if (isApiPath(path) || /\.[a-z0-9]+$/i.test(path))
    return false
  const accept = request.headers.accept ?? ''
  return accept === '' || accept.includes('text/html') || accept.includes('*/*')
}

export function sendSpaIndex(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', REVALIDATE).type('text/html; charset=utf-8').sendFile('index.html')
}
