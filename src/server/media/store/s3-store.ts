import type { IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import type { ByteRange, MediaStore, PutOptions } from './media-store.ts'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { assertSafeKey } from './media-store.ts'
import { amzDate, EMPTY_SHA256, encodeSegment, signV4, UNSIGNED_PAYLOAD } from './sigv4.ts'

export interface S3StoreConfig {
  /** Origin of the S3 API, e.g. `https://cos.ap-guangzhou.myqcloud.com` or `http://127.0.0.1:9000`. */
  endpoint: string
  region: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  /** `endpoint/bucket/key` (MinIO, most stand-ins) instead of `bucket.endpoint/key` (COS, AWS). */
  forcePathStyle: boolean
  /** Optional folder inside the bucket, e.g. `media/`. */
  prefix?: string
}

export class S3Error extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
    this.name = 'S3Error'
  }
}

/**
 * The media store on an S3-compatible bucket. Requests go through node:http(s) rather than fetch:
 * an upload is streamed with its Content-Length (S3 refuses chunked PUTs), and an object read is
 * handed to the reply as the response stream without buffering.
 */
export function createS3Store(config: S3StoreConfig, now: () => number = Date.now): MediaStore {
  const endpoint = new URL(config.endpoint)
  const host = config.forcePathStyle ? endpoint.host : `${config.bucket}.${endpoint.host}`
  const hostname = config.forcePathStyle ? endpoint.hostname : `${config.bucket}.${endpoint.hostname}`
  const base = config.forcePathStyle ? `/${encodeSegment(config.bucket)}` : ''
  const prefix = config.prefix ?? ''
  const send = endpoint.protocol === 'https:' ? httpsRequest : httpRequest

  function call(method: string, key: string, extra: Record<string, string>, payloadHash: string, body?: Readable | Buffer): Promise<IncomingMessage> {
    assertSafeKey(key)
    const path = `${base}/${`${prefix}${key}`.split('/').map(encodeSegment).join('/')}`
    const headers: Record<string, string> = { 'host': host, 'x-amz-date': amzDate(now()), 'x-amz-content-sha256': payloadHash, ...extra }
    headers.authorization = signV4({ method, path, headers, accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region })
    return new Promise((resolve, reject) => {
      const req = send({ protocol: endpoint.protocol, hostname, port: endpoint.port || undefined, method, path, headers, timeout: 30_000 }, resolve)
      req.on('timeout', () => req.destroy(new Error(`S3 ${method} ${key} timed out`)))
      req.on('error', reject)
      if (!body)
        req.end()
      else if (Buffer.isBuffer(body))
        req.end(body)
      else
        body.on('error', err => req.destroy(err)).pipe(req)
    })
  }

  async function fail(res: IncomingMessage, what: string): Promise<never> {
    let text = ''
    for await (const chunk of res) {
      if (text.length < 2000)
        text += chunk
    }
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? ''
    throw new S3Error(res.statusCode ?? 0, `S3 ${what} answered ${res.statusCode} ${code}`.trim())
  }

  return {
    kind: 's3',
    async put(key: string, body: Readable | Buffer, options: PutOptions) {
      const size = Buffer.isBuffer(body) ? body.length : options.size
      if (size === undefined)
        throw new Error('S3 put of a stream needs its size')
      const res = await call('PUT', key, { 'content-type': options.contentType, 'content-length': String(size) }, options.sha256 ?? UNSIGNED_PAYLOAD, body)
      if (res.statusCode !== 200)
        return fail(res, `PUT ${key}`)
      res.resume()
    },
    async get(key: string, range?: ByteRange) {
      const res = await call('GET', key, range ? { range: `bytes=${range.start}-${range.end}` } : {}, EMPTY_SHA256)
      if (res.statusCode === 404) {
        res.resume()
        return null
      }
      if (res.statusCode !== 200 && res.statusCode !== 206)
        return fail(res, `GET ${key}`)
      const total = /\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''))?.[1]
      const size = res.statusCode === 206 && total ? Number(total) : Number(res.headers['content-length'])
      return { body: res, size }
    },
    async head(key: string) {
      const res = await call('HEAD', key, {}, EMPTY_SHA256)
      res.resume()
      if (res.statusCode === 404)
        return null
      if (res.statusCode !== 200)
        throw new S3Error(res.statusCode ?? 0, `S3 HEAD ${key} answered ${res.statusCode}`)
      return { size: Number(res.headers['content-length']) }
    },
    async delete(key: string) {
      const res = await call('DELETE', key, {}, EMPTY_SHA256)
      if (res.statusCode !== 204 && res.statusCode !== 200 && res.statusCode !== 404)
        return fail(res, `DELETE ${key}`)
      res.resume()
    },
  }
}
