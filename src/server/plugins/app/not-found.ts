import type { FastifyInstance } from 'fastify'
import { errorBody } from '../../../shared/schemas/api-error.ts'
import { sendSpaIndex, wantsSpaPage } from './spa-static.ts'

/** JSON 404 for the API, index.html for SPA routes when the SPA is served here. Rate-limited against path scans. */
export function registerNotFound(app: FastifyInstance, servesSpa: boolean): void {
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    if (servesSpa && wantsSpaPage(request))
      return sendSpaIndex(reply)
    return reply.status(404).send(errorBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`))
  })
}
