import type { S3StoreConfig } from '../media/store/s3-store.ts'
import { join, resolve } from 'node:path'

export type MediaStoreConfig = { kind: 'disk', dir: string } | { kind: 's3', s3: S3StoreConfig }

/** Where uploads go and how large each kind may be. */
export interface MediaConfig {
  store: MediaStoreConfig
  maxBytes: { image: number, audio: number, video: number }
}

const MB = 1024 * 1024
export const DEFAULT_MEDIA_MAX_MB = { image: 10, audio: 50, video: 200 }

/** The defaults: files under DATA_DIR/media, 10/50/200 MB. Tests and configs without MEDIA_* use this. */
export function defaultMediaConfig(dataDir: string): MediaConfig {
  return {
    store: { kind: 'disk', dir: join(dataDir, 'media') },
    maxBytes: { image: DEFAULT_MEDIA_MAX_MB.image * MB, audio: DEFAULT_MEDIA_MAX_MB.audio * MB, video: DEFAULT_MEDIA_MAX_MB.video * MB },
  }
}

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']

/** MEDIA_STORE and its variables (the S3_* group when MEDIA_STORE=s3), MEDIA_MAX_*_MB. */
export function loadMediaConfig(get: (name: string) => string | undefined, report: (problem: string) => void, dataDir: string): MediaConfig {
  const config = defaultMediaConfig(dataDir)
  const mb = (name: string, fallback: number) => Number(get(name) ?? fallback) * MB
  config.maxBytes = {
    image: mb('MEDIA_MAX_IMAGE_MB', DEFAULT_MEDIA_MAX_MB.image),
    audio: mb('MEDIA_MAX_AUDIO_MB', DEFAULT_MEDIA_MAX_MB.audio),
    video: mb('MEDIA_MAX_VIDEO_MB', DEFAULT_MEDIA_MAX_MB.video),
  }
  const dir = get('MEDIA_DIR')
  if (dir)
    config.store = { kind: 'disk', dir: resolve(dir) }
  if ((get('MEDIA_STORE') ?? 'disk') !== 's3') {
    const stray = S3_REQUIRED.filter(n => get(n) !== undefined)
    if (stray.length > 0)
      report(`${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but MEDIA_STORE is not s3: set MEDIA_STORE=s3 to store media in the bucket, or unset them`)
    return config
  }
  const missing = S3_REQUIRED.filter(n => get(n) === undefined)
  if (missing.length > 0) {
    report(`MEDIA_STORE=s3 needs ${missing.join(', ')} (example: S3_ENDPOINT=https://cos.ap-guangzhou.myqcloud.com S3_REGION=ap-guangzhou S3_BUCKET=media-1250000000)`)
    return config
  }
  const prefix = get('S3_PREFIX')
  config.store = {
    kind: 's3',
    s3: {
      endpoint: get('S3_ENDPOINT')!.replace(/\/+$/, ''),
      region: get('S3_REGION')!,
      bucket: get('S3_BUCKET')!,
      accessKeyId: get('S3_ACCESS_KEY_ID')!,
      secretAccessKey: get('S3_SECRET_ACCESS_KEY')!,
      forcePathStyle: get('S3_FORCE_PATH_STYLE') === 'true',
      ...(prefix ? { prefix: prefix.replace(/^\/+/, '').replace(/\/?$/, '/') } : {}),
    },
  }
  return config
}
