import { ApiErrorBody } from '../../shared/schemas/api-error.ts'

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 416 | 422 | 429 | 502 | 503

/**
 * The error answers a route declares in its schema: `response: { 200: X, ...errorResponses(400, 404) }`.
 * Every route lists the statuses it can answer, so the contract (and any generated docs) is complete.
 */
export function errorResponses(...statuses: ErrorStatus[]): Record<ErrorStatus, typeof ApiErrorBody> {
  const out = {} as Record<ErrorStatus, typeof ApiErrorBody>
  for (const s of statuses)
    out[s] = ApiErrorBody
  return out
}
