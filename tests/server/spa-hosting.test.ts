import type { App } from '../../src/server/app.ts'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from './helpers/test-app.ts'

describe('serving the built SPA', () => {
  let app: App
  let dir: string
  const bigScript = `console.log(${JSON.stringify('x'.repeat(5000))})`
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kit-spa-'))
    mkdirSync(join(dir, 'assets'))
    const indexHtml = '<!doctype html><title>公众号</title><div id="app"></div>'
    writeFileSync(join(dir, 'index.html'), indexHtml)
    writeFileSync(join(dir, 'index.html.gz'), gzipSync(indexHtml))
    writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(indexHtml))
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), bigScript)
    writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(bigScript))
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    app = await buildTestApp({ staticDir: dir })
    app.get('/api/__big', async () => ({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `文章 ${i}` })) }))
  })
  afterAll(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each(['/', '/articles/42', '/polls/weekly?from=timeline', '/membership'])('answers the page route %s with index.html, revalidated every time', async (url) => {
    const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.body).toContain('<div id="app">')
  })

  it.each(['gzip', 'br', 'gzip, deflate, br'])('keeps index.html revalidated when it is sent pre-compressed (%s)', async (encoding) => {
    for (const url of ['/', '/articles/1']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept': 'text/html', 'accept-encoding': encoding } })
      expect(res.statusCode).toBe(200)
      // One of the encodings the client offered, never one it did not.
      expect(encoding.split(/,\s*/)).toContain(res.headers['content-encoding'])
      expect(res.headers['cache-control']).toBe('no-cache')
    }
  })

  it('serves hashed assets as immutable and pre-compressed', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['content-encoding']).toBe('gzip')
  })

  it('answers a missing asset with 404, not index.html', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/missing-123.js' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('NOT_FOUND')
  })

  it('keeps API paths JSON even for browsers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/unknown', headers: { accept: 'text/html' } })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('NOT_FOUND')
  })

  it('compresses large dynamic JSON', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/__big', headers: { 'accept-encoding': 'br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
  })
})
