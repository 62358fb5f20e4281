import { describe, expect, it, vi } from 'vitest'
import { createHttp, HttpError } from '../../../../src/app/platform/http.ts'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('the JSON client', () => {
  it('sends JSON with the session cookie (same origin) and parses the answer', async () => {
    const fetch = vi.fn(async () => json(200, { shareCode: 'me01', attributed: false }))
    const http = createHttp({ fetch, baseUrl: 'https://h5.example.com' })
    await expect(http.post('/api/share/visits', { path: '/' })).resolves.toEqual({ shareCode: 'me01', attributed: false })
    expect(fetch).toHaveBeenCalledWith('https://h5.example.com/api/share/visits', expect.objectContaining({
      method: 'POST',
      credentials: 'same-origin',
      body: '{"path":"/"}',
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
    }))
  })

  it('sends a PUT that may outlive the page when asked (keepalive), and only then', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }))
    const http = createHttp({ fetch })
    await http.put('/api/articles/a1/progress', { blockIndex: 3, depthPct: 40 }, { keepalive: true })
    await http.put('/api/articles/a1/progress', { blockIndex: 4, depthPct: 50 })
    expect(fetch.mock.calls.map(c => (c as unknown as [string, RequestInit])[1])).toEqual([
      expect.objectContaining({ method: 'PUT', keepalive: true, body: '{"blockIndex":3,"depthPct":40}' }),
      expect.not.objectContaining({ keepalive: true }),
    ])
  })

  it('answers undefined for 204 No Content', async () => {
    const http = createHttp({ fetch: async () => new Response(null, { status: 204 }) })
    await expect(http.post('/auth/logout')).resolves.toBeUndefined()
  })

  it.each([
    [401, { error: { code: 'UNAUTHORIZED', message: 'Sign in first' } }, 'UNAUTHORIZED', 'Sign in first'],
    [400, { error: { code: 'VALIDATION_FAILED', message: 'url: host not allowed' } }, 'VALIDATION_FAILED', 'url: host not allowed'],
    [502, 'Bad Gateway', 'HTTP_502', 'Bad Gateway'],
  ])('maps a %i answer to an HttpError with the API error code', async (status, body, code, message) => {
    const fetch = async () => typeof body === 'string' ? new Response(body, { status, statusText: body }) : json(status, body)
    const err = await createHttp({ fetch }).get('/api/me').catch(e => e)
    expect(err).toBeInstanceOf(HttpError)
    expect(err).toMatchObject({ status, code, message })
  })

  it('retries a GET once on a network failure', async () => {
    const fetch = vi.fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(json(200, { id: 1 }))
    await expect(createHttp({ fetch, retryDelayMs: 0 }).get('/api/me')).resolves.toEqual({ id: 1 })
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('gives up after the one retry with a NETWORK_ERROR', async () => {
    const fetch = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(createHttp({ fetch, retryDelayMs: 0 }).get('/api/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('never repeats a POST, which may have reached the server', async () => {
    const fetch = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(createHttp({ fetch, retryDelayMs: 0 }).post('/api/share/visits', { path: '/' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('does not retry an HTTP error answer', async () => {
    const fetch = vi.fn(async () => json(500, { error: { code: 'INTERNAL_ERROR', message: 'x' } }))
    await expect(createHttp({ fetch }).get('/api/me')).rejects.toMatchObject({ code: 'INTERNAL_ERROR' })
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})
