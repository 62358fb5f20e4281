import type { App } from '../../src/server/app.ts'
import { sql } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mediaReferences } from '../../src/server/db/queries/media.ts'
import { rows } from './helpers/analytics.ts'
import { demoFile, jpeg, png, tempMediaConfig, upload, wav } from './helpers/media.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' }

describe('media uploads (POST /api/admin/media)', () => {
  let app: App
  beforeAll(() => getTestDatabase())
  afterEach(() => app.close())
  const start = async (maxBytes = {}) => (app = await buildTestApp({ media: tempMediaConfig(maxBytes) }, { rateLimitMax: 10_000 }))

  it('needs the admin token', async () => {
    await start()
    const res = await app.inject({ method: 'POST', url: '/api/admin/media', payload: await png(10, 10), headers: { 'content-type': 'image/png' } })
    expect(res.statusCode).toBe(401)
  })

  it('an image is measured (EXIF orientation applied), gets a WebP thumbnail, is stored, listed and audited', async () => {
    await start()
    // Landscape pixels tagged "rotate 90°": a portrait photo as a phone stores it.
    const bytes = await jpeg(1000, 600, { orientation: 6 })
    const res = await upload(app, bytes, { type: 'image/jpeg', name: '小猫.jpg' })
    expect(res.statusCode).toBe(201)
    const media = res.json()
    expect(media).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 600, height: 1000, bytes: bytes.length, access: 'public', originalName: '小猫.jpg', existing: false, url: `/media/${media.id}` })
    expect(media.variants.thumb).toMatchObject({ mime: 'image/webp', width: 480, height: 800, url: `/media/${media.id}/thumb` })

    const thumb = await app.inject({ method: 'GET', url: media.variants.thumb.url })
    expect(thumb.statusCode).toBe(200)
    expect(thumb.headers['content-type']).toBe('image/webp')
    expect(thumb.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP')
    const original = await app.inject({ method: 'GET', url: media.url })
    expect(original.rawPayload.equals(bytes)).toBe(true)

    const audit = await rows<{ action: string, target_id: string, details: Record<string, unknown> }>(app, sql`SELECT action, target_id, details FROM audit_log WHERE target_type = 'media'`)
    expect(audit).toEqual([{ action: 'media.upload', target_id: media.id, details: expect.objectContaining({ kind: 'image', bytes: bytes.length, name: '小猫.jpg' }) }])

    const list = await app.inject({ method: 'GET', url: '/api/admin/media?pageSize=5', headers: ADMIN })
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 5, items: [{ id: media.id }] })
    expect((await app.inject({ method: 'GET', url: `/api/admin/media/${media.id}`, headers: ADMIN })).json()).toMatchObject({ id: media.id, sha256: media.sha256 })

    // The same bytes again: the row already there, no second file.
    const again = await upload(app, bytes, { type: 'image/jpeg' })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ id: media.id, existing: true })
  })

  it('audio and video get their duration (and video its size) from the file', async () => {
    await start()
    const mp3 = await upload(app, demoFile('demo-audio.mp3'), { name: 'chord.mp3' })
    expect(mp3.json()).toMatchObject({ kind: 'audio', mime: 'audio/mpeg', durationMs: expect.any(Number), variants: {} })
    expect(Math.abs(mp3.json().durationMs - 20_000)).toBeLessThan(200)
    const mp4 = await upload(app, demoFile('demo-video.mp4'), { type: 'video/mp4' })
    expect(mp4.json()).toMatchObject({ kind: 'video', mime: 'video/mp4', width: 640, height: 360, durationMs: 5000 })
    const pcm = await upload(app, wav(1500), { type: 'audio/wav', name: 'a.wav', access: 'premium' })
    expect(pcm.json()).toMatchObject({ kind: 'audio', mime: 'audio/wav', durationMs: 1500, access: 'premium' })
  })

  it('the type comes from the bytes: unknown content, a renamed file and a wrong Content-Type are refused', async () => {
    await start()
    const html = Buffer.from('<!doctype html><script>alert(1)</script>'.padEnd(200, ' '))
    const renamed = await upload(app, html, { type: 'image/jpeg', name: 'photo.jpg' })
    expect(renamed.statusCode).toBe(415)
    expect(renamed.json().error.code).toBe('MEDIA_TYPE_NOT_ALLOWED')
    const svg = await upload(app, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), { type: 'image/svg+xml', name: 'x.svg' })
    expect(svg.json().error.code).toBe('MEDIA_TYPE_NOT_ALLOWED')

    const pngBytes = await png(20, 20)
    const wrongName = await upload(app, pngBytes, { name: 'photo.jpg' })
    expect(wrongName.statusCode).toBe(415)
    expect(wrongName.json().error.code).toBe('MEDIA_TYPE_MISMATCH')
    const wrongType = await upload(app, pngBytes, { type: 'video/mp4' })
    expect(wrongType.statusCode).toBe(415)
    expect(wrongType.json().error.code).toBe('MEDIA_TYPE_MISMATCH')
    const form = await upload(app, pngBytes, { type: 'multipart/form-data; boundary=x' })
    expect(form.statusCode).toBe(415)
    expect(form.json().error.message).toMatch(/not a form/)
    // Right magic number, undecodable picture.
    const broken = await upload(app, Buffer.concat([pngBytes.subarray(0, 40), Buffer.alloc(200)]))
    expect(broken.statusCode).toBe(415)

    const empty = await upload(app, Buffer.alloc(0))
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('MEDIA_EMPTY')
    expect(await rows(app, sql`SELECT id FROM media`)).toEqual([])
    expect(await rows(app, sql`SELECT id FROM audit_log WHERE target_type = 'media'`)).toEqual([])
  })

  it('each kind has its size cap, checked while the bytes arrive and from Content-Length', async () => {
    await start({ image: 50_000, audio: 30_000 })
    const bigImage = Buffer.concat([await jpeg(16, 16), Buffer.alloc(60_000)])
    const image = await upload(app, bigImage)
    expect(image.statusCode).toBe(413)
    expect(image.json().error.code).toBe('MEDIA_TOO_LARGE')
    const audio = await upload(app, wav(3000))
    expect(audio.statusCode).toBe(413)
    // Video's cap is larger: the same bytes count differ by kind.
    expect((await upload(app, demoFile('demo-video.mp4'))).statusCode).toBe(201)
    // A stated length over every cap is refused before a byte is read.
    const declared = await upload(app, await png(4, 4), { headers: { 'content-length': String(500 * 1024 * 1024) } })
    expect(declared.statusCode).toBe(413)
    expect(await rows(app, sql`SELECT kind FROM media`)).toEqual([{ kind: 'video' }])
  })

  it('over a real socket: a file is streamed in, an oversized one is cut off with 413', async () => {
    await start({ image: 1024 * 1024 })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
    const post = (body: Buffer, type = 'application/octet-stream') => fetch(`${origin}/api/admin/media?name=a.jpg`, { method: 'POST', body: new Uint8Array(body), headers: { ...ADMIN, 'content-type': type } })
    const big = await post(Buffer.concat([await jpeg(8, 8), Buffer.alloc(2 * 1024 * 1024)]))
    expect(big.status).toBe(413)
    expect((await big.json()).error.code).toBe('MEDIA_TOO_LARGE')
    const ok = await post(await jpeg(800, 600), 'image/jpeg')
    expect(ok.status).toBe(201)
    expect(await ok.json()).toMatchObject({ width: 800, height: 600 })
  })

  it('access can be changed by hand; delete removes row and files, audited', async () => {
    await start()
    const media = (await upload(app, await png(30, 30))).json()
    const patched = await app.inject({ method: 'PATCH', url: `/api/admin/media/${media.id}`, headers: ADMIN, payload: { access: 'premium' } })
    expect(patched.json()).toMatchObject({ access: 'premium' })
    expect((await app.inject({ method: 'GET', url: media.url })).statusCode).toBe(403)

    const gone = await app.inject({ method: 'DELETE', url: `/api/admin/media/${media.id}`, headers: ADMIN })
    expect(gone.statusCode).toBe(204)
    expect(await app.media.store.head(media.id)).toBeNull()
    expect(await app.media.store.head(`${media.id}.thumb.webp`)).toBeNull()
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/media/${media.id}`, headers: ADMIN })).statusCode).toBe(404)
    const audit = await rows<{ action: string }>(app, sql`SELECT action FROM audit_log WHERE target_id = ${media.id} ORDER BY id`)
    expect(audit.map(a => a.action)).toEqual(['media.upload', 'media.access', 'media.delete'])
  })

  it('delete is refused while an article\'s blocks or cover use the media', async () => {
    await start()
    const media = (await upload(app, await png(30, 30))).json()
    await app.database.db.execute(sql`INSERT INTO articles (id, title, status) VALUES ('media-ref-test', 'x', 'draft')`)
    const other = `${media.id}x`
    await app.database.db.execute(sql`UPDATE articles SET blocks = ${JSON.stringify([{ type: 'image', mediaId: other }])}::jsonb WHERE id = 'media-ref-test'`)
    // Another id that merely starts with this one is no reference.
    expect(await mediaReferences(app.database.db, media.id)).toEqual([])
    await app.database.db.execute(sql`UPDATE articles SET blocks = ${JSON.stringify([{ type: 'gallery', images: [{ mediaId: media.id }] }])}::jsonb WHERE id = 'media-ref-test'`)
    const refused = await app.inject({ method: 'DELETE', url: `/api/admin/media/${media.id}`, headers: ADMIN })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('MEDIA_IN_USE')
    await app.database.db.execute(sql`UPDATE articles SET blocks = '[]'::jsonb, cover_url = ${`/media/${media.id}/thumb`}`)
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/media/${media.id}`, headers: ADMIN })).statusCode).toBe(409)
    await app.database.db.execute(sql`UPDATE articles SET cover_url = NULL`)
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/media/${media.id}`, headers: ADMIN })).statusCode).toBe(204)
  })

  it('ten uploads at once are all stored and recorded', async () => {
    await start()
    const files = await Promise.all(Array.from({ length: 10 }, (_, i) => jpeg(40 + i, 30, { seed: i * 20 })))
    const answers = await Promise.all(files.map((f, i) => upload(app, f, { name: `p${i}.jpg` })))
    expect(answers.map(a => a.statusCode)).toEqual(Array.from({ length: 10 }, () => 201))
    const stored = await rows<{ id: string, width: number }>(app, sql`SELECT id, width FROM media ORDER BY width`)
    expect(stored.map(r => r.width)).toEqual(files.map((_, i) => 40 + i))
    for (const a of answers) {
      const res = await app.inject({ method: 'GET', url: a.json().url })
      expect(res.rawPayload.length).toBe(a.json().bytes)
    }
    expect(await rows(app, sql`SELECT id FROM audit_log WHERE action = 'media.upload'`)).toHaveLength(10)
  })
})
