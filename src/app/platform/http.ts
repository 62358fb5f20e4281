import type { ApiErrorCode } from '@shared/schemas/api-error.ts'

/** What a failed request reports: the API's own code, no answer at all, or an answer not in the API's shape. */
export type HttpErrorCode = ApiErrorCode | 'NETWORK_ERROR' | `HTTP_${number}`

/** A small typed JSON client for the kit's own API (same origin, session cookie). */
export class HttpError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer (offline, DNS, reset). */
    readonly status: number,
    /** The API's stable `error.code` (`UNAUTHORIZED`…), `NETWORK_ERROR` or `HTTP_<status>`. */
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export interface Http {
  get: <T>(path: string) => Promise<T>
  post: <T = void>(path: string, body?: unknown) => Promise<T>
  delete: <T = void>(path: string) => Promise<T>
  /** `keepalive`: the request outlives the page (a last write on pagehide); the body must stay under 64 KB. */
  put: <T = void>(path: string, body?: unknown, options?: SendOptions) => Promise<T>
}

export interface SendOptions {
  keepalive?: boolean
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface HttpOptions {
  fetch: typeof fetch
  baseUrl?: string
  /** Pause before the one retry of a GET that failed on the network (weak mobile networks). */
  retryDelayMs?: number
}

export function createHttp({ fetch, baseUrl = '', retryDelayMs = 300 }: HttpOptions): Http {
  async function send(method: Method, path: string, body?: unknown, options: SendOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined)
      headers['content-type'] = 'application/json'
    try {
      return await fetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        ...(options.keepalive ? { keepalive: true } : {}),
      })
    }
    catch (err) {
      throw new HttpError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : String(err))
    }
  }

  async function request<T>(method: Method, path: string, body?: unknown, options?: SendOptions): Promise<T> {
    let res: Response
    try {
      res = await send(method, path, body, options)
    }
    catch (err) {
      // Only reads are repeated: a POST may have reached the server, and a PUT is rewritten soon anyway.
      if (method !== 'GET')
        throw err
      await new Promise(resolve => setTimeout(resolve, retryDelayMs))
      res = await send(method, path, body)
    }
    if (!res.ok)
      throw await toHttpError(res)
    if (res.status === 204)
      return undefined as T
    return await res.json() as T
  }

  return {
    get: path => request('GET', path),
    post: (path, body) => request('POST', path, body),
    delete: path => request('DELETE', path),
    put: (path, body, options) => request('PUT', path, body, options),
  }
}

async function toHttpError(res: Response): Promise<HttpError> {
  try {
    const body = await res.json() as { error?: { code?: unknown, message?: unknown } }
    if (typeof body?.error?.code === 'string')
      return new HttpError(res.status, body.error.code as ApiErrorCode, String(body.error.message ?? body.error.code))
  }
  catch {}
  return new HttpError(res.status, `HTTP_${res.status}`, res.statusText || `HTTP ${res.status}`)
}
