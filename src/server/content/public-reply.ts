import type { FastifyReply, FastifyRequest } from 'fastify'
import { createHash } from 'node:crypto'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/** A public answer rendered once: its JSON, its ETag and compressed copies made on first need. */
export interface PublicBody {
  json: string
  etag: string
  br?: Buffer
  gzip?: Buffer
}

// Below this, compressing costs more than it saves (the same threshold as the compression plugin).
const COMPRESS_FROM = 1024

/** `json` must already be what the route's response schema produces (reply.serialize). */
export function publicBody(json: string, version: number): PublicBody {
  const hash = createHash('sha1').update(json).digest('base64url').slice(0, 16)
  return { json, etag: `W/"${version}-${hash}"` }
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch)
    return false
  return ifNoneMatch === etag || ifNoneMatch.split(',').some(t => t.trim() === etag || t.trim() === '*')
}

/**
 * Sends a cached public answer: 304 when the client already has it, otherwise the stored
 * bytes, compressed once and reused (the compression plugin leaves an encoded body alone).
 * `cacheControl` is `no-cache`-based: clients keep it but ask again (cheaply) every time.
 */
export function sendPublic(request: FastifyRequest, reply: FastifyReply, body: PublicBody, cacheControl: string) {
  // Set by hand, not by route config: the same route answers cached public bodies or private ones
  // (an article's free part or the reader's full text), so only the handler knows which this is.
  reply.header('Cache-Control', cacheControl).header('ETag', body.etag).header('Vary', 'Accept-Encoding')
  if (matches(request.headers['if-none-match'], body.etag))
    return reply.status(304).send()
  reply.type('application/json; charset=utf-8')
  if (body.json.length < COMPRESS_FROM)
    return reply.send(body.json)
  const accept = request.headers['accept-encoding'] ?? ''
  if (/\bbr\b/.test(accept)) {
    body.br ??= brotliCompressSync(body.json, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
    return reply.header('Content-Encoding', 'br').send(body.br)
  }
  if (/\bgzip\b/.test(accept)) {
    body.gzip ??= gzipSync(body.json)
    return reply.header('Content-Encoding', 'gzip').send(body.gzip)
  }
  return reply.send(body.json)
}
