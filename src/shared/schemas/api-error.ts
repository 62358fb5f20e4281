import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/** Every non-2xx JSON answer of the API has this shape; `code` is stable, `message` is for people. */
export const ApiErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable, machine-readable, UPPER_SNAKE_CASE' }),
    message: Type.String(),
  }),
})
export type ApiErrorBody = Static<typeof ApiErrorBody>

/** Codes the SPA reacts to specifically; features add theirs. */
export type ApiErrorCode
  = | 'VALIDATION_FAILED'
    | 'INVALID_JSON'
    | 'UNSUPPORTED_MEDIA_TYPE'
    | 'BODY_TOO_LARGE'
    | 'NOT_FOUND'
    | 'METHOD_NOT_ALLOWED'
    | 'RATE_LIMITED'
    | 'UNAUTHORIZED'
    | 'FORBIDDEN'
    | 'CONFLICT'
    | 'UPSTREAM_UNAVAILABLE'
    | 'DATABASE_UNAVAILABLE'
    | 'BUSY'
    | 'INTERNAL_ERROR'
