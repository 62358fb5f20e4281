// Raw request bodies. APIv3 signs the exact bytes sent (protocol §5.1), so every
// body is kept as a string and each route parses JSON itself.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

export const rawBodyPlugin = fp(async (app: FastifyInstance) => {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    done(null, body)
  })
}, { name: 'sim-raw-body' })

export function rawBodyOf(request: FastifyRequest): string {
  return typeof request.body === 'string' ? request.body : ''
}

export type JsonResult = { ok: true, value: Record<string, unknown> } | { ok: false }

/** A JSON object body, or not ok (invalid JSON, arrays and scalars included). */
export function parseJsonObject(raw: string): JsonResult {
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return { ok: true, value: value as Record<string, unknown> }
  }
  catch {}
  return { ok: false }
}

/** Path without the query string. */
export function pathOf(url: string): string {
  const i = url.indexOf('?')
  return i === -1 ? url : url.slice(0, i)
}

/** A query parameter only when it is a single string. */
export function queryString(query: unknown, key: string): string | undefined {
  if (typeof query !== 'object' || query === null)
    return undefined
  const v = (query as Record<string, unknown>)[key]
  return typeof v === 'string' ? v : undefined
}
