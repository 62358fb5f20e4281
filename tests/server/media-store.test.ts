import type { MediaStore } from '../../src/server/media/store/media-store.ts'
import type { S3StandIn } from './helpers/s3-stand-in.ts'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDiskStore } from '../../src/server/media/store/disk-store.ts'
import { createS3Store } from '../../src/server/media/store/s3-store.ts'
import { EMPTY_SHA256, signV4 } from '../../src/server/media/store/sigv4.ts'
import { startS3StandIn } from './helpers/s3-stand-in.ts'

describe('AWS Signature Version 4', () => {
  // AWS's published example "GET Object" (S3 API reference, Authenticating Requests: Using the
  // Authorization Header): the first 10 bytes of examplebucket/test.txt.
  it('reproduces the signature of AWS\'s GET object example', () => {
    const authorization = signV4({
      method: 'GET',
      path: '/test.txt',
      headers: { 'host': 'examplebucket.s3.amazonaws.com', 'range': 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': '20130524T000000Z' },
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
    })
    expect(authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41')
  })
})

/** The same behaviour from both stores. */
function storeContract(name: string, open: () => MediaStore) {
  describe(name, () => {
    it('puts from a buffer and a stream, reads all or a range, heads and deletes', async () => {
      const store = open()
      const bytes = Buffer.from('0123456789abcdefghij')
      await store.put('k1', bytes, { contentType: 'image/png', sha256: createHash('sha256').update(bytes).digest('hex') })
      await store.put('k2.thumb.webp', Readable.from([Buffer.from('hello '), Buffer.from('world')]), { contentType: 'image/webp', size: 11 })
      expect(await store.head('k1')).toEqual({ size: 20 })
      const all = (await store.get('k1'))!
      expect(all.size).toBe(20)
      expect(await text(all.body)).toBe('0123456789abcdefghij')
      const part = (await store.get('k1', { start: 5, end: 9 }))!
      expect(part.size).toBe(20)
      expect(await text(part.body)).toBe('56789')
      expect(await text((await store.get('k2.thumb.webp'))!.body)).toBe('hello world')
      await store.delete('k1')
      await store.delete('k1')
      expect(await store.head('k1')).toBeNull()
      expect(await store.get('k1')).toBeNull()
    })

    it('refuses keys that could leave the store', async () => {
      const store = open()
      for (const key of ['../escape', '/etc/passwd', 'a/../../b', '..', '.hidden/../x', 'a\\b', ''])
        await expect(store.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(/unsafe media key/)
    })
  })
}

describe('media stores', () => {
  let dir: string
  let s3: S3StandIn
  const credentials = { bucket: 'media-1250000000', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-key-for-the-stand-in', region: 'ap-guangzhou' }
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kit-media-store-'))
    s3 = await startS3StandIn(credentials)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
    await s3.close()
  })

  storeContract('disk store', () => createDiskStore(join(dir, 'disk')))
  storeContract('S3 store (signed requests to an S3 stand-in)', () => createS3Store({ endpoint: s3.endpoint, forcePathStyle: true, ...credentials }))

  it('disk store: a failed write leaves no file under the key and no temporary file', async () => {
    const store = createDiskStore(join(dir, 'atomic'))
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'))
        this.destroy(new Error('client went away'))
      },
    })
    await expect(store.put('half', failing, { contentType: 'video/mp4' })).rejects.toThrow('client went away')
    expect(await store.head('half')).toBeNull()
    expect(readdirSync(join(dir, 'atomic', '.tmp'))).toEqual([])
    expect(existsSync(join(dir, 'atomic', 'half'))).toBe(false)
  })

  it('S3 store: a wrong secret is refused by the signature check, a missing object is null', async () => {
    const wrong = createS3Store({ endpoint: s3.endpoint, forcePathStyle: true, ...credentials, secretAccessKey: 'not-the-secret' })
    await expect(wrong.put('x', Buffer.from('x'), { contentType: 'image/png' })).rejects.toThrow(/403 SignatureDoesNotMatch/)
    const right = createS3Store({ endpoint: s3.endpoint, forcePathStyle: true, ...credentials })
    expect(await right.get('nothing-here')).toBeNull()
    expect(await right.head('nothing-here')).toBeNull()
    // A signed payload hash that does not match the body is caught by the server.
    await expect(right.put('x', Buffer.from('x'), { contentType: 'image/png', sha256: EMPTY_SHA256 })).rejects.toThrow(/XAmzContentSHA256Mismatch/)
  })
})
