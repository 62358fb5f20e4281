import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { errorBody } from '../../../shared/schemas/api-error.ts'
import { sendSpaIndex, wantsSpaPage } from './spa-static.ts'

/** JSON 404 for the API, index.html for SPA routes when the SPA is served here. Rate-limited against path scans. */
export const notFoundPlugin = fp<{ servesSpa: boolean }>(async (app: FastifyInstance, { servesSpa }) => {
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    if (servesSpa && wantsSpaPage(request))
      return sendSpaIndex(reply)
    return reply.status(404).send(errorBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`))
  })
}, { name: 'not-found', dependencies: ['rate-limit'] })
