import type { Browser } from 'playwright-core'
import type { App } from '../../src/server/app.ts'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { defaultMediaConfig } from '../../src/server/config/media-config.ts'
import { openDatabase } from '../../src/server/db/open-database.ts'
import { seed } from '../../src/server/db/seed.ts'
import { testConfig } from '../server/helpers/test-config.ts'
import { iphoneWeChat, launchChromium } from './helpers/chromium.ts'

/**
 * The demo media as a page on this origin loads them, under the kit's own security headers
 * (CSP included): images, the MP4 (H.264) played through byte ranges, premium audio only
 * through its signed URL. Needs no SPA build: the page is a bare one the test adds.
 */
describe('media in the browser', () => {
  let app: App
  let browser: Browser
  let origin: string
  beforeAll(async () => {
    const database = await openDatabase({ databaseUrl: null, dataDir: null })
    app = await build(testConfig({ media: defaultMediaConfig(mkdtempSync(join(tmpdir(), 'kit-media-e2e-'))) }), { database, rateLimitMax: 100_000 })
    app.get('/__media-page', async (_request, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><title>media</title><body></body>'))
    await seed(database, undefined, { mediaStore: app.media.store })
    await app.listen({ port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('images load, the video plays, premium audio loads only when signed', async () => {
    const context = await iphoneWeChat(browser)
    const page = await context.newPage()
    const csp = (await page.goto(`${origin}/__media-page`))!.headers()['content-security-policy']
    expect(csp).toContain('default-src \'self\'')
    const signedAudio = app.media.links.signedUrl('demo-audio')
    const result = await page.evaluate(async ({ signedAudio }) => {
      const image = (src: string) => new Promise<string>((resolve) => {
        const img = new Image()
        img.onload = () => resolve(`${img.naturalWidth}x${img.naturalHeight}`)
        img.onerror = () => resolve('error')
        img.src = src
        document.body.append(img)
      })
      const media = (tag: 'audio' | 'video', src: string) => new Promise<string>((resolve) => {
        const el = document.createElement(tag)
        el.muted = true
        el.preload = 'metadata'
        el.onloadedmetadata = () => resolve(tag === 'video' ? `${(el as HTMLVideoElement).videoWidth}x${(el as HTMLVideoElement).videoHeight} ${Math.round(el.duration)}s` : `${Math.round(el.duration)}s`)
        el.onerror = () => resolve('error')
        el.src = src
        document.body.append(el)
      })
      const video = document.createElement('video')
      video.muted = true
      video.playsInline = true
      video.src = '/media/demo-video'
      document.body.append(video)
      await video.play()
      await new Promise<void>(resolve => video.addEventListener('timeupdate', () => video.currentTime > 0.2 && resolve()))
      return {
        photo: await image('/media/demo-photo-1'),
        portrait: await image('/media/demo-photo-4'),
        thumb: await image('/media/demo-photo-1/thumb'),
        premiumPhoto: await image('/media/demo-photo-3'),
        video: await media('video', '/media/demo-video'),
        played: video.currentTime > 0.2,
        audio: await media('audio', signedAudio),
        unsignedAudio: await media('audio', '/media/demo-audio'),
      }
    }, { signedAudio })
    expect(result).toEqual({
      photo: '1200x800',
      portrait: '800x1200',
      thumb: '480x320',
      premiumPhoto: 'error',
      video: '640x360 5s',
      played: true,
      audio: '20s',
      unsignedAudio: 'error',
    })
    await context.close()
  })
})
