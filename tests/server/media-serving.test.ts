import type { App } from '../../src/server/app.ts'
import { createHash } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seed, seedMediaFiles } from '../../src/server/db/seed.ts'
import { MEDIA_URL_TTL_SECONDS } from '../../src/server/media/plugin.ts'
import { demoFile, tempMediaConfig } from './helpers/media.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const YEAR = 'public, max-age=31536000, immutable'

describe('media files (GET /media/:id[/:variant])', () => {
  let app: App
  let now = Date.UTC(2026, 11, 1, 12, 0, 0)
  beforeAll(() => getTestDatabase())
  afterEach(() => app.close())
  async function start() {
    now = Date.UTC(2026, 11, 1, 12, 0, 0)
    app = await buildTestApp({ media: tempMediaConfig() }, { rateLimitMax: 10_000, now: () => now })
    await seed(app.database, undefined, { mediaStore: app.media.store })
    return app
  }

  it('the demo seed puts every file in the store once, with the sizes and hashes its rows state', async () => {
    await start()
    expect(await seedMediaFiles(app.media.store)).toEqual([])
    for (const id of ['demo-photo-1', 'demo-photo-2', 'demo-photo-4', 'demo-poster', 'demo-cover-series', 'demo-video']) {
      const res = await app.inject({ method: 'GET', url: `/media/${id}` })
      expect(res.statusCode, id).toBe(200)
      expect(res.headers.etag).toBe(`"${createHash('sha256').update(res.rawPayload).digest('hex')}"`)
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length)
    }
    expect((await app.inject({ method: 'GET', url: '/media/demo-photo-4' })).headers['content-type']).toBe('image/png')
    expect((await app.inject({ method: 'GET', url: '/media/demo-video' })).headers['content-type']).toBe('video/mp4')
    expect((await app.inject({ method: 'GET', url: '/media/demo-photo-1/thumb' })).headers['content-type']).toBe('image/webp')
  })

  it('public media: cached for a year, ETag and 304, nosniff, inline', async () => {
    await start()
    const res = await app.inject({ method: 'GET', url: '/media/demo-photo-1' })
    expect(res.statusCode).toBe(200)
    expect(res.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': YEAR,
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
      'accept-ranges': 'bytes',
    })
    expect(res.rawPayload.equals(demoFile('demo-photo-1.jpg'))).toBe(true)
    const again = await app.inject({ method: 'GET', url: '/media/demo-photo-1', headers: { 'if-none-match': res.headers.etag as string } })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.length).toBe(0)
    const head = await app.inject({ method: 'HEAD', url: '/media/demo-photo-1' })
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-length']).toBe(String(res.rawPayload.length))
    expect(head.rawPayload.length).toBe(0)

    expect((await app.inject({ method: 'GET', url: '/media/no-such-id' })).json().error.code).toBe('NOT_FOUND')
    // A row whose file went missing: a plain 404 that nothing caches.
    await app.media.store.delete('demo-photo-2.jpg')
    const lost = await app.inject({ method: 'GET', url: '/media/demo-photo-2' })
    expect(lost.statusCode).toBe(404)
    expect(lost.headers['cache-control']).toBe('no-store')
    expect(lost.headers.etag).toBeUndefined()
    expect((await app.inject({ method: 'GET', url: '/media/demo-photo-1/poster' })).statusCode).toBe(404)
    expect((await app.inject({ method: 'GET', url: '/media/demo-photo-1/..%2F..%2Fetc' })).statusCode).toBe(400)
  })

  it('ranges: 206 with Content-Range for a slice, a suffix and an open end; 416 beyond the end', async () => {
    await start()
    const video = demoFile('demo-video.mp4')
    const size = video.length
    const first = await app.inject({ method: 'GET', url: '/media/demo-video', headers: { range: 'bytes=0-1' } })
    expect(first.statusCode).toBe(206)
    expect(first.headers['content-range']).toBe(`bytes 0-1/${size}`)
    expect(first.headers['content-length']).toBe('2')
    expect(first.headers['cache-control']).toBe(YEAR)
    expect(first.rawPayload.equals(video.subarray(0, 2))).toBe(true)
    const middle = await app.inject({ method: 'GET', url: '/media/demo-video', headers: { range: 'bytes=1000-1999' } })
    expect(middle.rawPayload.equals(video.subarray(1000, 2000))).toBe(true)
    const tail = await app.inject({ method: 'GET', url: '/media/demo-video', headers: { range: 'bytes=-100' } })
    expect(tail.headers['content-range']).toBe(`bytes ${size - 100}-${size - 1}/${size}`)
    expect(tail.rawPayload.equals(video.subarray(size - 100))).toBe(true)
    const open = await app.inject({ method: 'GET', url: '/media/demo-video', headers: { range: `bytes=${size - 10}-` } })
    expect(open.rawPayload.equals(video.subarray(size - 10))).toBe(true)
    const beyond = await app.inject({ method: 'GET', url: '/media/demo-video', headers: { range: `bytes=${size}-` } })
    expect(beyond.statusCode).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`)
    expect(beyond.json().error.code).toBe('RANGE_NOT_SATISFIABLE')
    // Several ranges or another unit: the whole file.
    const multi = await app.inject({ method: 'GET', url: '/media/demo-video', headers: { range: 'bytes=0-1,5-6' } })
    expect(multi.statusCode).toBe(200)
    expect(multi.rawPayload.length).toBe(size)
    // If-Range with a stale validator: the whole (new) file, not a slice of it.
    const stale = await app.inject({ method: 'GET', url: '/media/demo-video', headers: { 'range': 'bytes=0-1', 'if-range': '"old"' } })
    expect(stale.statusCode).toBe(200)
  })

  it('premium media: nothing without a signature; a signed URL works privately until it expires; a signature fits one file only', async () => {
    await start()
    for (const url of ['/media/demo-photo-3', '/media/demo-photo-3/thumb', '/media/demo-audio', '/media/demo-photo-3?exp=99999999999&sig=forged']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(403)
      expect(res.json().error.code).toBe('MEDIA_SIGNATURE_INVALID')
      expect(res.headers['cache-control']).toBe('no-store')
    }
    const signed = app.media.links.signedUrl('demo-audio')
    const res = await app.inject({ method: 'GET', url: signed, headers: { range: 'bytes=0-3' } })
    expect(res.statusCode).toBe(206)
    expect(res.headers['content-type']).toBe('audio/mpeg')
    const left = Number(new URL(signed, 'http://x').searchParams.get('exp')) - now / 1000
    expect(res.headers['cache-control']).toBe(`private, max-age=${left}`)
    expect(left).toBeGreaterThanOrEqual(MEDIA_URL_TTL_SECONDS)
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')

    // The signature of one file or variant opens no other.
    const photo = new URL(app.media.links.signedUrl('demo-photo-3'), 'http://x')
    expect((await app.inject({ method: 'GET', url: `/media/demo-photo-3/thumb${photo.search}` })).statusCode).toBe(403)
    expect((await app.inject({ method: 'GET', url: `/media/demo-audio${photo.search}` })).statusCode).toBe(403)
    expect((await app.inject({ method: 'GET', url: `/media/demo-photo-3${photo.search}` })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: app.media.links.signedUrl('demo-photo-3', 'thumb') })).statusCode).toBe(200)
    // Stretching the expiry breaks the signature.
    const stretched = `/media/demo-photo-3?exp=${Number(photo.searchParams.get('exp')) + 3600}&sig=${photo.searchParams.get('sig')}`
    expect((await app.inject({ method: 'GET', url: stretched })).statusCode).toBe(403)

    // Past its expiry the copied URL stops working.
    now += (left + 1) * 1000
    const expired = await app.inject({ method: 'GET', url: signed })
    expect(expired.statusCode).toBe(410)
    expect(expired.json().error.code).toBe('MEDIA_LINK_EXPIRED')
  })
})
