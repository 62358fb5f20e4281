import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { EventsBody } from '../../../shared/schemas/analytics.ts'
import { deviceOf, isBrowser, weChatVersionOf } from '../../analytics/classify.ts'
import { findVisitor } from '../../db/queries/visitors.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { VISITOR_COOKIE } from '../../plugins/app/session.ts'

/**
 * POST /api/events: a batch of the SPA's analytics events → 204. Bodies may be JSON or
 * text/plain holding JSON (what `navigator.sendBeacon` sends for a string), for this route
 * only. A batch is validated whole and stored whole or not at all.
 *
 * Dropped with a 204 (nothing to retry): robots and non-browser clients, visitors without
 * the visitor cookie (a cross-site POST never carries it: SameSite=Lax), snapshot-mode
 * visitors. Refused: other origins (403), a visitor over its rate (429).
 */
export const eventsRoute: FastifyPluginAsyncTypebox = async (app) => {
  // Scoped to this plugin: every other route keeps accepting JSON only.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string))
    }
    catch {
      done(new ApiError(400, 'INVALID_JSON', 'The body is not valid JSON'), undefined)
    }
  })

  app.post('/api/events', {
    config: { cacheControl: 'no-store' },
    schema: { body: EventsBody, response: { 204: Type.Null(), ...errorResponses(400, 403, 415, 429) } },
  }, async (request, reply) => {
    if (!sameOrigin(request, app.config.publicOrigin))
      throw new ApiError(403, 'FORBIDDEN', 'Events are accepted from this site\'s own pages only')
    const ua = request.headers['user-agent']
    if (!isBrowser(ua))
      return reply.status(204).send(null)
    const token = request.cookies[VISITOR_COOKIE]
    const visitor = token && token.length <= 128 ? await findVisitor(app.database.db, token) : null
    if (!visitor)
      return reply.status(204).send(null)
    const user = await request.currentUser()
    if (user?.isSnapshot)
      return reply.status(204).send(null)
    if (!app.analytics.allow(visitor.id, request.body.events.length))
      throw new ApiError(429, 'RATE_LIMITED', 'Too many events from this visitor; try again in a minute')
    await app.analytics.ingest({ visitorId: visitor.id, userId: user?.id ?? visitor.userId, device: deviceOf(ua), weChatVersion: weChatVersionOf(ua) }, request.body.events)
    return reply.status(204).send(null)
  })
}

/** Browsers send Origin on POST (beacons included); when present it must be ours. */
function sameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin
  if (request.headers['sec-fetch-site'] === 'cross-site')
    return false
  return origin === undefined || origin === publicOrigin || origin === `${request.protocol}://${request.host}`
}
