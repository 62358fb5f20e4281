import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/server/config/load-config.ts'
import { parseRange } from '../../src/server/media/byte-range.ts'
import { declaredTypeAgrees, nameAgrees, sniffMedia } from '../../src/server/media/sniff.ts'

const minimal = {
  PUBLIC_ORIGIN: 'https://h5.example.com',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: '0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'x'.repeat(32),
}
const s3 = {
  MEDIA_STORE: 's3',
  S3_ENDPOINT: 'https://cos.ap-guangzhou.myqcloud.com',
  S3_REGION: 'ap-guangzhou',
  S3_BUCKET: 'media-1250000000',
  S3_ACCESS_KEY_ID: 'AKIDexample',
  S3_SECRET_ACCESS_KEY: 'secret',
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
    return []
  }
  catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).problems
  }
}

describe('media configuration', () => {
  it('defaults to files under DATA_DIR/media with 10/50/200 MB caps', () => {
    const config = loadConfig({ ...minimal, DATA_DIR: '/srv/kit' })
    expect(config.media).toEqual({ store: { kind: 'disk', dir: '/srv/kit/media' }, maxBytes: { image: 10 * 2 ** 20, audio: 50 * 2 ** 20, video: 200 * 2 ** 20 } })
    expect(loadConfig({ ...minimal, MEDIA_DIR: 'uploads', MEDIA_MAX_VIDEO_MB: '500' }).media).toMatchObject({ store: { kind: 'disk', dir: resolve('uploads') }, maxBytes: { video: 500 * 2 ** 20 } })
  })

  it('MEDIA_STORE=s3 takes the S3_* group, virtual-hosted unless path style is asked for', () => {
    expect(loadConfig({ ...minimal, ...s3 }).media!.store).toEqual({ kind: 's3', s3: { endpoint: 'https://cos.ap-guangzhou.myqcloud.com', region: 'ap-guangzhou', bucket: 'media-1250000000', accessKeyId: 'AKIDexample', secretAccessKey: 'secret', forcePathStyle: false } })
    expect(loadConfig({ ...minimal, ...s3, S3_FORCE_PATH_STYLE: 'true', S3_PREFIX: 'kit/media' }).media!.store).toMatchObject({ s3: { forcePathStyle: true, prefix: 'kit/media/' } })
  })

  it('a missing, stray or malformed S3 setting stops start-up with one clear line each', () => {
    const { S3_BUCKET: _bucket, S3_SECRET_ACCESS_KEY: _secret, ...partial } = s3
    expect(problemsOf({ ...minimal, ...partial })).toEqual([expect.stringMatching(/^MEDIA_STORE=s3 needs S3_BUCKET, S3_SECRET_ACCESS_KEY/)])
    expect(problemsOf({ ...minimal, S3_BUCKET: 'media-1' })).toEqual([expect.stringMatching(/^S3_BUCKET is set but MEDIA_STORE is not s3/)])
    expect(problemsOf({ ...minimal, ...s3, MEDIA_STORE: 'ftp', S3_ENDPOINT: 'cos.example.com/x', MEDIA_MAX_IMAGE_MB: '0' })).toEqual([
      expect.stringMatching(/^MEDIA_STORE must be disk or s3/),
      expect.stringMatching(/^MEDIA_MAX_IMAGE_MB must be a whole number of megabytes/),
      expect.stringMatching(/^S3_ENDPOINT must be an absolute URL/),
      expect.stringMatching(/are set but MEDIA_STORE is not s3/),
    ])
  })
})

describe('media sniffing and ranges', () => {
  const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map(p => typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))
  it('knows each accepted format by its signature, and nothing else', () => {
    expect(sniffMedia(bytes([0xFF, 0xD8, 0xFF, 0xE0]))).toEqual({ kind: 'image', mime: 'image/jpeg' })
    expect(sniffMedia(bytes('GIF89a'))).toEqual({ kind: 'image', mime: 'image/gif' })
    expect(sniffMedia(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toEqual({ kind: 'image', mime: 'image/webp' })
    expect(sniffMedia(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toEqual({ kind: 'audio', mime: 'audio/wav' })
    expect(sniffMedia(bytes('OggS', [0, 2]))).toEqual({ kind: 'audio', mime: 'audio/ogg' })
    expect(sniffMedia(bytes('ID3', [4, 0]))).toEqual({ kind: 'audio', mime: 'audio/mpeg' })
    expect(sniffMedia(bytes([0xFF, 0xFB, 0x90, 0x64]))).toEqual({ kind: 'audio', mime: 'audio/mpeg' })
    expect(sniffMedia(bytes([0xFF, 0xF1, 0x50, 0x80]))).toEqual({ kind: 'audio', mime: 'audio/aac' })
    expect(sniffMedia(bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]))).toEqual({ kind: 'audio', mime: 'audio/mp4' })
    expect(sniffMedia(bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 0, 0]))).toEqual({ kind: 'video', mime: 'video/quicktime' })
    expect(sniffMedia(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]))).toEqual({ kind: 'video', mime: 'video/mp4' })
    expect(sniffMedia(bytes([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84], 'webm'))).toEqual({ kind: 'video', mime: 'video/webm' })
    for (const other of ['<svg xmlns="http://www.w3.org/2000/svg"/>', '<!doctype html>', '%PDF-1.7', 'BM6', 'PK\u0003\u0004', ''])
      expect(sniffMedia(bytes(other)), other).toBeNull()
    // Matroska that is not WebM, an unknown ISO brand.
    expect(sniffMedia(bytes([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x88], 'matroska'))).toBeNull()
    expect(sniffMedia(bytes([0, 0, 0, 0x20], 'ftypheic', [0, 0, 0, 0]))).toBeNull()
  })

  it('a declared type or file name must agree with the bytes; neutral ones say nothing', () => {
    const jpeg = { kind: 'image', mime: 'image/jpeg' } as const
    const m4a = { kind: 'audio', mime: 'audio/mp4' } as const
    expect(declaredTypeAgrees('image/jpg', jpeg)).toBe(true)
    expect(declaredTypeAgrees('application/octet-stream', jpeg)).toBe(true)
    expect(declaredTypeAgrees(undefined, jpeg)).toBe(true)
    expect(declaredTypeAgrees('image/png', jpeg)).toBe(false)
    expect(declaredTypeAgrees('text/html', jpeg)).toBe(false)
    expect(declaredTypeAgrees('audio/x-m4a', m4a)).toBe(true)
    expect(declaredTypeAgrees('video/mp4', m4a)).toBe(true)
    expect(nameAgrees('IMG_0001.JPG', jpeg)).toBe(true)
    expect(nameAgrees('scan', jpeg)).toBe(true)
    expect(nameAgrees('photo.png', jpeg)).toBe(false)
    expect(nameAgrees('page.html', jpeg)).toBe(false)
  })

  it('parses one byte range; several, malformed or foreign units mean the whole file', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 })
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 })
    expect(parseRange('bytes=95-', 100)).toEqual({ start: 95, end: 99 })
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 })
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 })
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable')
    for (const whole of [undefined, '', 'bytes=5-1', 'bytes=0-1,3-4', 'items=0-1', 'bytes=-', 'bytes=a-b'])
      expect(parseRange(whole, 100), String(whole)).toBeNull()
  })
})
