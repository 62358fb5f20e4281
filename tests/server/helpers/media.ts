import type { App } from '../../../src/server/app.ts'
import type { MediaConfig } from '../../../src/server/config/media-config.ts'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { SEED_MEDIA_DIR } from '../../../src/server/db/seed.ts'
import { ADMIN } from './analytics.ts'

/** A media config on a fresh temporary folder, with small caps so size tests stay fast. */
export function tempMediaConfig(maxBytes: Partial<MediaConfig['maxBytes']> = {}): MediaConfig {
  return {
    store: { kind: 'disk', dir: mkdtempSync(join(tmpdir(), 'kit-media-test-')) },
    maxBytes: { image: 10 * 1024 * 1024, audio: 50 * 1024 * 1024, video: 200 * 1024 * 1024, ...maxBytes },
  }
}

export const demoFile = (name: string) => readFileSync(join(SEED_MEDIA_DIR, name))

/** A JPEG of this size; `orientation` writes the EXIF tag a phone camera would. */
export async function jpeg(width: number, height: number, o: { orientation?: number, seed?: number } = {}): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: (o.seed ?? 40) % 256, g: 120, b: 200 } } }).jpeg({ quality: 80 })
  return o.orientation ? image.withMetadata({ orientation: o.orientation }).toBuffer() : image.toBuffer()
}

export async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 250, g: 200, b: 0, alpha: 1 } } }).png().toBuffer()
}

/** A PCM WAV of silence: 16-bit mono at 8 kHz. */
export function wav(ms: number): Buffer {
  const rate = 8000
  const data = Buffer.alloc(Math.round(rate * ms / 1000) * 2)
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'latin1')
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVEfmt ', 8, 'latin1')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(rate, 24)
  header.writeUInt32LE(rate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'latin1')
  header.writeUInt32LE(data.length, 40)
  return Buffer.concat([header, data])
}

export function upload(app: App, body: Buffer, o: { type?: string, name?: string, access?: 'public' | 'premium', headers?: Record<string, string> } = {}) {
  const query = new URLSearchParams()
  if (o.name)
    query.set('name', o.name)
  if (o.access)
    query.set('access', o.access)
  return app.inject({
    method: 'POST',
    url: `/api/admin/media${query.size ? `?${query}` : ''}`,
    payload: body,
    headers: { ...ADMIN, 'content-type': o.type ?? 'application/octet-stream', ...o.headers },
  })
}
