import type { App } from '../../src/server/app.ts'
import { Type } from '@sinclair/typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from './helpers/test-app.ts'

describe('error handling', () => {
  let app: App
  beforeAll(async () => {
    app = await buildTestApp({}, { rateLimitMax: 1000 })
    // A probe route exercising the same plugins every feature route uses.
    app.post('/api/__probe', {
      schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }) },
    }, async req => ({ hello: req.body.name }))
    app.get('/api/__boom', async () => {
      throw new Error('SELECT * FROM users WHERE password = \'hunter2\'')
    })
    await app.ready()
  })
  afterAll(() => app.close())

  it.each([
    ['an unknown API path', 'GET', '/api/nope', undefined, 404, 'NOT_FOUND'],
    ['an unknown auth path', 'GET', '/auth/nope', undefined, 404, 'NOT_FOUND'],
    ['a body failing the schema', 'POST', '/api/__probe', { name: 42 }, 400, 'VALIDATION_FAILED'],
    ['an empty required field', 'POST', '/api/__probe', { name: '' }, 400, 'VALIDATION_FAILED'],
    ['malformed JSON', 'POST', '/api/__probe', '{"name":', 400, 'INVALID_JSON'],
  ])('answers %s with a JSON error', async (_what, method, url, payload, status, code) => {
    const res = await app.inject({
      method: method as 'GET' | 'POST',
      url,
      payload: payload as never,
      headers: payload === undefined ? {} : { 'content-type': 'application/json' },
    })
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/application\/json/)
    expect(res.json().error.code).toBe(code)
    expect(typeof res.json().error.message).toBe('string')
  })

  it.each(['/api/articles/%FF', '/%E0%A4%A', `/api/articles/${'a'.repeat(300)}`])('answers the undecodable or oversized URL %s in the kit\'s error shape', async (url) => {
    const res = await app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('BAD_REQUEST')
  })

  it('answers oversized headers in the kit\'s error shape', async () => {
    const origin = await app.listen({ port: 0, host: '127.0.0.1' })
    const res = await fetch(`${origin}/healthz`, { headers: { 'x-big': 'a'.repeat(20_000) } })
    expect(res.status).toBe(431)
    expect((await res.json()).error.code).toBe('HEADERS_TOO_LARGE')
  })

  it.each([
    ['a body', 'POST', '/api/__probe', { name: 'a\u0000b' }],
    ['a query string', 'GET', '/api/jssdk/config?url=http%3A%2F%2Fh5.test.local%2F%00', undefined],
  ])('refuses NUL characters in %s with 400 rather than failing in the database', async (_what, method, url, payload) => {
    const res = await app.inject({ method: method as 'GET' | 'POST', url, payload: payload as never })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('VALIDATION_FAILED')
  })

  it('refuses a wrong content type with 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/__probe', payload: 'name=x', headers: { 'content-type': 'text/plain' } })
    expect(res.statusCode).toBe(415)
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('refuses a body over the size limit with 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/__probe', payload: JSON.stringify({ name: 'x'.repeat(100_000) }), headers: { 'content-type': 'application/json' } })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('BODY_TOO_LARGE')
  })

  it('hides internals of server errors', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/__boom' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.any(String) } })
    expect(res.body).not.toContain('hunter2')
    expect(res.body).not.toContain('at ')
  })

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain('default-src \'self\'')
  })
})

describe('rate limiting', () => {
  let app: App
  beforeAll(async () => {
    app = await buildTestApp({}, { rateLimitMax: 5 })
  })
  afterAll(() => app.close())

  // Writes: an anonymous address gets the plain allowance (reads get four times it).
  it('answers 429 RATE_LIMITED past the limit', async () => {
    const codes: number[] = []
    for (let i = 0; i < 7; i++)
      codes.push((await app.inject({ method: 'POST', url: '/api/nothing-here' })).statusCode)
    expect(codes.slice(0, 5).every(c => c === 404)).toBe(true)
    const limited = await app.inject({ method: 'POST', url: '/api/nothing-here' })
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/retry in \d+ s/) })
  })

  it('does not give a made-up session cookie its own bucket', async () => {
    const codes: number[] = []
    for (let i = 0; i < 8; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/other-nothing', remoteAddress: '10.9.9.9', headers: { cookie: `sid=forged${i}.sig` } })
      codes.push(res.statusCode)
    }
    expect(codes).toContain(429)
  })
})
