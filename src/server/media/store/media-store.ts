import type { Readable } from 'node:stream'

/** Where media bytes live: a folder on this disk, or an S3-compatible bucket (Tencent COS, MinIO, AWS). */
export interface MediaStore {
  readonly kind: 'disk' | 's3'
  /** Writes the whole object or nothing; a reader never sees half a file under `key`. */
  put: (key: string, body: Readable | Buffer, options: PutOptions) => Promise<void>
  /** The bytes of `key` (all, or the inclusive `range`), or null when there is no such object. */
  get: (key: string, range?: ByteRange) => Promise<StoredObject | null>
  head: (key: string) => Promise<{ size: number } | null>
  /** Removing a missing key is not an error. */
  delete: (key: string) => Promise<void>
}

export interface PutOptions {
  contentType: string
  /** Needed by S3 (a PUT must say its length); the disk store ignores it. */
  size?: number
  /** Hex SHA-256 of the body when known: S3 signs it instead of `UNSIGNED-PAYLOAD`. */
  sha256?: string
}

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange { start: number, end: number }

export interface StoredObject {
  body: Readable
  /** The size of the whole object, not of the range. */
  size: number
}

/**
 * Keys are made by the server (`<media id>` or `<media id>.<variant>.<ext>`), but they are still
 * checked: a key can never name a path outside the store's folder or another bucket prefix.
 */
export function assertSafeKey(key: string): void {
  if (!/^[\w-][\w.-]{0,199}$/.test(key) || key.includes('..'))
    throw new Error(`unsafe media key: ${JSON.stringify(key)}`)
}
