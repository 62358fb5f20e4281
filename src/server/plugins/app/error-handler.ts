import type { FastifyError, FastifyInstance } from 'fastify'
import type { ApiErrorCode } from '../../../shared/schemas/api-error.ts'
import fp from 'fastify-plugin'
import { errorBody } from '../../../shared/schemas/api-error.ts'
import { ApiError } from '../../http/api-error.ts'
import { asDatabaseUnavailable } from '../../http/database-unavailable.ts'

// Fastify's own client errors, renamed to the kit's stable codes.
const FASTIFY_CODES: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
}
const STATUS_CODES: Record<number, ApiErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
}

/**
 * One place turns every error into `{error:{code,message}}`. Client errors keep
 * their message; server errors are logged and answered with a generic one, so
 * no stack trace, SQL or upstream secret ever reaches a response.
 */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError | ApiError | Error, request, reply) => {
    if (err instanceof ApiError)
      return reply.status(err.statusCode).send(errorBody(err.code, err.message))

    const fe = err as FastifyError
    if (fe.validation) {
      return reply.status(400).send(errorBody('VALIDATION_FAILED', fe.message))
    }
    // Malformed JSON surfaces as a SyntaxError with statusCode 400.
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500
    if (status < 500) {
      const code: ApiErrorCode = (fe.code ? FASTIFY_CODES[fe.code] : undefined) ?? (err instanceof SyntaxError ? 'INVALID_JSON' : STATUS_CODES[status] ?? 'BAD_REQUEST')
      return reply.status(status).send(errorBody(code, fe.message))
    }
    const unavailable = asDatabaseUnavailable(err)
    if (unavailable) {
      request.log.warn({ err }, 'database unavailable')
      reply.header('Retry-After', '2')
      return reply.status(503).send({ error: { code: unavailable.code, message: unavailable.message } })
    }
    request.log.error({ err }, 'request failed')
    return reply.status(status).send(errorBody('INTERNAL_ERROR', 'Something went wrong on our side. Please try again.'))
  })
}, { name: 'error-handler' })
