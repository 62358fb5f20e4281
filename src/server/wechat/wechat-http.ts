import { UNREACHABLE, WeChatApiError } from './wechat-error.ts'

export type Fetch = typeof fetch

interface Options {
  fetch: Fetch
  timeoutMs?: number
}

/**
 * Calls one of WeChat's JSON APIs. WeChat answers HTTP 200 even for errors, with
 * `errcode`; anything non-zero (and any transport failure) becomes a WeChatApiError.
 */
export async function callWeChat<T>(url: string, init: RequestInit, api: string, { fetch, timeoutMs = 5000 }: Options): Promise<T> {
  let body: unknown
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    body = await res.json()
  }
  catch (e) {
    // fetch wraps the useful part (ECONNREFUSED, ENOTFOUND, timeout) in `cause`.
    const err = e as Error & { cause?: { code?: string, message?: string } }
    const detail = err.cause?.code ?? err.cause?.message ?? err.name
    throw new WeChatApiError(UNREACHABLE, `unreachable (${detail})`, api)
  }
  if (typeof body !== 'object' || body === null)
    throw new WeChatApiError(UNREACHABLE, 'unexpected response', api)
  const { errcode, errmsg } = body as { errcode?: number, errmsg?: string }
  if (typeof errcode === 'number' && errcode !== 0)
    throw new WeChatApiError(errcode, String(errmsg ?? ''), api)
  return body as T
}
