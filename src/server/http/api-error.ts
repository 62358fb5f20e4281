import type { ApiErrorCode } from '../../shared/schemas/api-error.ts'

/** Throw from a route to answer `status {error:{code,message}}`; the error handler does the rest. */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
  }
}

export const notFound = (what = 'Resource') => new ApiError(404, 'NOT_FOUND', `${what} not found`)
export const unauthorized = (message = 'Sign in first') => new ApiError(401, 'UNAUTHORIZED', message)
