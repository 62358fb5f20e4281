import type { Readable } from 'node:stream'
import type { Db } from '../db/database.ts'
import type { MediaRow, MediaVariant } from '../db/queries/media.ts'
import type { SniffedType } from './sniff.ts'
import type { MediaStore } from './store/media-store.ts'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import sharp from 'sharp'
import { recordAudit } from '../audit/audit-log.ts'
import { findMediaBySha256, insertMedia } from '../db/queries/media.ts'
import { ApiError } from '../http/api-error.ts'
import { probeMedia, UnreadableMedia } from './probe.ts'
import { declaredTypeAgrees, nameAgrees, SNIFF_BYTES, sniffMedia } from './sniff.ts'

export interface UploadLimits { image: number, audio: number, video: number }

export interface UploadDeps {
  db: Db
  store: MediaStore
  limits: UploadLimits
  actor: { actor: string, ip: string | null }
}

export interface UploadInput {
  body: Readable
  /** The client's Content-Type and Content-Length: checked against the bytes, never trusted. */
  declaredType?: string
  declaredLength?: number
  name?: string
  access: MediaRow['access']
}

/** List covers and share cards: wide enough for a phone at 2x in a list, small enough to be quick. */
export const THUMB_WIDTH = 480

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`

/**
 * Takes an upload from the request stream to the store without holding it in memory: the bytes
 * go to a temporary file while they are hashed, counted and, from the first bytes, identified;
 * the kind's size cap applies from then on, so an oversized or unknown file is refused while it
 * arrives. The checked file is then measured (dimensions, duration), images get a WebP
 * thumbnail, both go to the store, and the row and its audit entry are written together.
 * Identical bytes already uploaded answer the existing row.
 */
export async function receiveUpload(deps: UploadDeps, input: UploadInput): Promise<{ row: MediaRow, existing: boolean }> {
  if (/^multipart\//i.test(input.declaredType ?? ''))
    throw new ApiError(415, 'MEDIA_TYPE_NOT_ALLOWED', 'Send the file itself as the request body (fetch(url, { method: \'POST\', body: file })), not a form')
  const largest = Math.max(deps.limits.image, deps.limits.audio, deps.limits.video)
  if (input.declaredLength !== undefined && input.declaredLength > largest)
    throw new ApiError(413, 'MEDIA_TOO_LARGE', `Uploads are limited to ${mb(largest)}`)

  const temp = join(tmpdir(), `kit-media-${randomBytes(8).toString('hex')}`)
  try {
    const hash = createHash('sha256')
    let head = Buffer.alloc(0)
    let sniffed: SniffedType | null = null
    let cap = largest
    let size = 0
    const decide = () => {
      sniffed = sniffMedia(head)
      if (!sniffed)
        throw new ApiError(415, 'MEDIA_TYPE_NOT_ALLOWED', 'Only JPEG, PNG, WebP, GIF images, MP3, M4A/AAC, WAV, OGG audio and MP4/MOV, WebM video are accepted')
      if (!declaredTypeAgrees(input.declaredType, sniffed) || !nameAgrees(input.name, sniffed))
        throw new ApiError(415, 'MEDIA_TYPE_MISMATCH', `The file is ${sniffed.mime}, but its name or Content-Type says otherwise`)
      cap = deps.limits[sniffed.kind]
      if (input.declaredLength !== undefined && input.declaredLength > cap)
        throw new ApiError(413, 'MEDIA_TOO_LARGE', `${sniffed.kind} uploads are limited to ${mb(cap)}`)
    }
    const inspect = new Transform({
      transform(chunk: Buffer, _enc, done) {
        try {
          size += chunk.length
          hash.update(chunk)
          if (!sniffed) {
            head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES)])
            if (head.length >= SNIFF_BYTES)
              decide()
          }
          if (size > cap)
            throw new ApiError(413, 'MEDIA_TOO_LARGE', `${sniffed?.kind ?? 'media'} uploads are limited to ${mb(cap)}`)
          done(null, chunk)
        }
        catch (err) {
          done(err as Error)
        }
      },
      flush(done) {
        try {
          if (size === 0)
            throw new ApiError(400, 'MEDIA_EMPTY', 'The upload has no bytes')
          if (!sniffed)
            decide()
          done()
        }
        catch (err) {
          done(err as Error)
        }
      },
    })
    // The request is piped in, not handed to the pipeline: a refusal must not destroy the
    // request stream (Node 24 then never sends the answer to an injected request). A refused
    // body is drained instead, and the route closes the connection after its answer.
    const source = input.body
    source.once('error', err => inspect.destroy(err))
    source.once('close', () => {
      if (!source.readableEnded)
        inspect.destroy(new Error('The upload was aborted'))
    })
    source.pipe(inspect)
    try {
      await pipeline(inspect, createWriteStream(temp, { flags: 'wx' }))
    }
    catch (err) {
      source.unpipe(inspect)
      source.resume()
      throw err
    }
    const type = sniffed as SniffedType | null
    if (!type)
      throw new Error('upload finished without a type')
    const sha256 = hash.digest('hex')

    const known = await findMediaBySha256(deps.db, sha256)
    if (known) {
      await recordAudit(deps.db, deps.actor, { action: 'media.upload', targetType: 'media', targetId: known.id, details: { existing: true, name: input.name ?? null } })
      return { row: known, existing: true }
    }

    let probed
    try {
      probed = await probeMedia(temp, type, size)
    }
    catch (err) {
      if (err instanceof UnreadableMedia)
        throw new ApiError(415, 'MEDIA_TYPE_NOT_ALLOWED', `The file looks like ${type.mime} but ${err.message}`)
      throw err
    }
    const id = `m_${randomBytes(12).toString('base64url')}`
    const variants: Record<string, MediaVariant> = {}
    const written: string[] = []
    try {
      await deps.store.put(id, createReadStream(temp), { contentType: probed.mime, size, sha256 })
      written.push(id)
      if (probed.kind === 'image') {
        const thumb = await sharp(temp).rotate().resize({ width: THUMB_WIDTH, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer({ resolveWithObject: true })
        const key = `${id}.thumb.webp`
        const thumbSha = createHash('sha256').update(thumb.data).digest('hex')
        await deps.store.put(key, thumb.data, { contentType: 'image/webp', sha256: thumbSha })
        written.push(key)
        variants.thumb = { key, mime: 'image/webp', width: thumb.info.width, height: thumb.info.height, bytes: thumb.data.length, sha256: thumbSha }
      }
      return await deps.db.transaction(async (tx) => {
        const row = await insertMedia(tx, {
          id,
          kind: probed.kind,
          mime: probed.mime,
          bytes: size,
          sha256,
          width: probed.width,
          height: probed.height,
          durationMs: probed.durationMs,
          access: input.access,
          storageKey: id,
          variants,
          originalName: input.name ?? null,
        })
        await recordAudit(tx, deps.actor, { action: 'media.upload', targetType: 'media', targetId: id, details: { kind: row.kind, mime: row.mime, bytes: size, access: row.access, name: input.name ?? null } })
        return { row, existing: false }
      })
    }
    catch (err) {
      await Promise.allSettled(written.map(k => deps.store.delete(k)))
      throw err
    }
  }
  finally {
    await rm(temp, { force: true })
  }
}
