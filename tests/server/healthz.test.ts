import type { App } from '../../src/server/app.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from './helpers/test-app.ts'

describe('GET /healthz', () => {
  let app: App
  beforeAll(async () => {
    app = await buildTestApp()
  })
  afterAll(() => app.close())

  it('reports the database as up', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.status).toBe('ok')
    expect(body.database.status).toBe('up')
    expect(['pglite', 'postgres']).toContain(body.database.kind)
  })

  it('reports 503 with the database down, without internals', async () => {
    const realPing = app.database.ping
    app.database.ping = async () => {
      throw new Error('connection refused at 10.0.0.1:5432 password=secret')
    }
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz' })
      expect(res.statusCode).toBe(503)
      expect(res.json().database.status).toBe('down')
      expect(res.body).not.toContain('secret')
    }
    finally {
      app.database.ping = realPing
    }
  })
})
