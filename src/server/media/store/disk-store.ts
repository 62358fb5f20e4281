import type { Readable } from 'node:stream'
import type { ByteRange, MediaStore, PutOptions } from './media-store.ts'
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { assertSafeKey } from './media-store.ts'

/**
 * Media as files in one folder (DATA_DIR/media by default). Writes go to a temporary file in the
 * same folder and are renamed into place, so a crash or a refused upload never leaves a partial
 * file under a real key, and concurrent writers of one key each land a whole file.
 */
export function createDiskStore(dir: string): MediaStore {
  const root = resolve(dir)
  const tmp = join(root, '.tmp')
  let ready: Promise<unknown> | null = null
  const ensureDirs = () => (ready ??= mkdir(tmp, { recursive: true }))
  const pathOf = (key: string) => {
    assertSafeKey(key)
    const path = resolve(root, key)
    if (!path.startsWith(root + sep))
      throw new Error(`media key escapes the store: ${key}`)
    return path
  }

  return {
    kind: 'disk',
    async put(key: string, body: Readable | Buffer, _options: PutOptions) {
      const target = pathOf(key)
      await ensureDirs()
      const temp = join(tmp, `${key}.${randomBytes(6).toString('hex')}`)
      try {
        const out = createWriteStream(temp, { flags: 'wx' })
        if (Buffer.isBuffer(body))
          await new Promise<void>((ok, fail) => out.on('error', fail).end(body, ok))
        else
          await pipeline(body, out)
        await rename(temp, target)
      }
      catch (err) {
        await rm(temp, { force: true })
        throw err
      }
    },
    async get(key: string, range?: ByteRange) {
      const path = pathOf(key)
      const size = await sizeOf(path)
      if (size === null)
        return null
      const body = createReadStream(path, range ? { start: range.start, end: range.end } : {})
      return { body, size }
    },
    async head(key: string) {
      const size = await sizeOf(pathOf(key))
      return size === null ? null : { size }
    },
    async delete(key: string) {
      await rm(pathOf(key), { force: true })
    },
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    const s = await stat(path)
    return s.isFile() ? s.size : null
  }
  catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return null
    throw err
  }
}
