import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorBody } from '../../shared/schemas/api-error.ts'
import { MediaFileParams, MediaFileQuery } from '../../shared/schemas/media.ts'
import { findMedia } from '../db/queries/media.ts'
import { ApiError, notFound } from '../http/api-error.ts'
import { errorResponses } from '../http/error-responses.ts'
import { parseRange } from '../media/byte-range.ts'
import { readHeavyPerMinute } from '../plugins/external/rate-limit.ts'

const PUBLIC_CACHE = 'public, max-age=31536000, immutable'

/**
 * GET (and HEAD) /media/:id[/:variant]: the bytes of an upload. Public media never change under
 * their URL (an edit is a new upload with a new id), so they are cached for a year, by browsers
 * and CDNs alike. Premium media answer only a URL signed by `app.media.links` that has not
 * expired, and only to the one browser (`private`) until that expiry.
 */
export const mediaFilesRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const options = {
    // Players fetch audio and video in many small ranges; images of a gallery arrive together.
    config: { rateLimit: readHeavyPerMinute(app.rateLimits.perMinute * 4) },
    // Already-compressed formats; compressing would also break byte ranges.
    compress: false as const,
    schema: { params: MediaFileParams, querystring: MediaFileQuery, response: errorResponses(400, 403, 404, 410, 416, 429) },
  }

  const serve = async (request: FastifyRequest<{ Params: MediaFileParams, Querystring: MediaFileQuery }>, reply: FastifyReply) => {
    const { id, variant } = request.params
    const row = await findMedia(db, id)
    if (!row)
      throw notFound('Media')
    const v = variant ? row.variants[variant] : undefined
    if (variant && !v)
      throw notFound('Media variant')
    const file = v
      ? { key: v.key, mime: v.mime, etag: v.sha256 ?? `${row.sha256}-${variant}` }
      : { key: row.storageKey, mime: row.mime, etag: row.sha256 }

    let cacheControl = PUBLIC_CACHE
    if (row.access === 'premium') {
      const { exp, sig } = request.query
      const verdict = app.media.links.check(id, variant, exp, sig)
      if (verdict === 'expired')
        throw new ApiError(410, 'MEDIA_LINK_EXPIRED', 'This media link has expired; reload the article')
      if (verdict !== 'valid')
        throw new ApiError(403, 'MEDIA_SIGNATURE_INVALID', 'This media needs a valid signed link')
      cacheControl = `private, max-age=${Math.max(0, Number(exp) - Math.floor(app.clock.now() / 1000))}`
    }

    const etag = `"${file.etag}"`
    // Applied only to answers about the file: an error must never carry a year of caching.
    const describe = () => {
      reply.header('Cache-Control', cacheControl)
        .header('ETag', etag)
        .header('Accept-Ranges', 'bytes')
        .header('Content-Disposition', 'inline')
        .header('X-Content-Type-Options', 'nosniff')
        .type(file.mime)
      // Public files may be embedded anywhere (share cards, other pages); premium ones stay same-origin.
      if (row.access === 'public')
        reply.header('Cross-Origin-Resource-Policy', 'cross-origin')
    }

    const ifNoneMatch = request.headers['if-none-match']
    if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some(t => t.trim().replace(/^W\//, '') === etag)) {
      describe()
      return reply.status(304).send()
    }

    const stat = await app.media.store.head(file.key)
    if (!stat) {
      request.log.error({ id, key: file.key }, 'media row without its stored file')
      throw notFound('Media')
    }
    const ifRange = request.headers['if-range']
    const rangeHeader = typeof request.headers.range === 'string' && (ifRange === undefined || ifRange === etag) ? request.headers.range : undefined
    const range = parseRange(rangeHeader, stat.size)
    if (range === 'unsatisfiable') {
      return reply.status(416).header('Content-Range', `bytes */${stat.size}`).header('Cache-Control', 'no-store').type('application/json; charset=utf-8').send(errorBody('RANGE_NOT_SATISFIABLE', `The file has ${stat.size} bytes`))
    }
    describe()
    if (range) {
      reply.status(206).header('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`)
    }
    const length = range ? range.end - range.start + 1 : stat.size
    reply.header('Content-Length', String(length))
    // HEAD: the headers of a GET (Fastify keeps a HEAD's stated Content-Length), no bytes read.
    if (request.method === 'HEAD')
      return reply.send('')
    const object = await app.media.store.get(file.key, range ?? undefined)
    if (!object) {
      reply.header('Cache-Control', 'no-store').removeHeader('ETag')
      throw notFound('Media')
    }
    return reply.send(object.body)
  }

  // HEAD declared here rather than derived from GET: Fastify's derived HEAD would read the whole file to discard it.
  for (const url of ['/media/:id', '/media/:id/:variant'])
    app.route({ method: ['GET', 'HEAD'], url, ...options, handler: serve })
}
