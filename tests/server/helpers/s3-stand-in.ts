import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { signV4, UNSIGNED_PAYLOAD } from '../../../src/server/media/store/sigv4.ts'

export interface S3StandIn {
  endpoint: string
  objects: Map<string, { body: Buffer, contentType: string }>
  /** Every request as `METHOD /path` with the status answered. */
  log: string[]
  close: () => Promise<void>
}

/**
 * A tiny path-style S3 for tests: PUT/GET/HEAD/DELETE of objects in one bucket, Range on GET,
 * and every request's SigV4 Authorization recomputed from what arrived on the wire (method,
 * path, the signed headers), so a request that is signed wrongly gets 403 SignatureDoesNotMatch
 * as from S3 or COS. A signed payload hash must match the body.
 */
export async function startS3StandIn(o: { bucket: string, accessKeyId: string, secretAccessKey: string, region: string }): Promise<S3StandIn> {
  const objects = new Map<string, { body: Buffer, contentType: string }>()
  const log: string[] = []
  const xml = (res: ServerResponse, status: number, code: string) => {
    res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`)
  }
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const c of req)
      chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    const path = req.url!.split('?')[0]!
    const answer = (status: number) => log.push(`${req.method} ${path} ${status}`)
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request,SignedHeaders=([a-z0-9;-]+),Signature=[0-9a-f]{64}$/.exec(req.headers.authorization ?? '')
    if (!auth || auth[1] !== o.accessKeyId || auth[2] !== o.region) {
      answer(403)
      return xml(res, 403, 'InvalidAccessKeyId')
    }
    const signed: Record<string, string> = {}
    for (const name of auth[3]!.split(';'))
      signed[name] = String(req.headers[name] ?? '')
    const expected = signV4({ method: req.method!, path, headers: signed, accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, region: o.region })
    if (expected !== req.headers.authorization || !signed.host || !signed['x-amz-date'] || !signed['x-amz-content-sha256']) {
      answer(403)
      return xml(res, 403, 'SignatureDoesNotMatch')
    }
    const payloadHash = req.headers['x-amz-content-sha256']
    if (payloadHash !== UNSIGNED_PAYLOAD && payloadHash !== createHash('sha256').update(body).digest('hex')) {
      answer(400)
      return xml(res, 400, 'XAmzContentSHA256Mismatch')
    }
    const prefix = `/${o.bucket}/`
    if (!path.startsWith(prefix)) {
      answer(404)
      return xml(res, 404, 'NoSuchBucket')
    }
    const key = decodeURIComponent(path.slice(prefix.length))
    const object = objects.get(key)
    switch (req.method) {
      case 'PUT':
        if (req.headers['content-length'] === undefined) {
          answer(411)
          return xml(res, 411, 'MissingContentLength')
        }
        objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') })
        answer(200)
        return res.writeHead(200, { etag: '"x"' }).end()
      case 'DELETE':
        objects.delete(key)
        answer(204)
        return res.writeHead(204).end()
      case 'HEAD':
      case 'GET': {
        if (!object) {
          answer(404)
          return req.method === 'HEAD' ? res.writeHead(404).end() : xml(res, 404, 'NoSuchKey')
        }
        const size = object.body.length
        const m = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''))
        if (m && req.method === 'GET') {
          const start = Number(m[1])
          const end = Math.min(Number(m[2]), size - 1)
          if (start >= size) {
            answer(416)
            return xml(res, 416, 'InvalidRange')
          }
          answer(206)
          return res.writeHead(206, { 'content-type': object.contentType, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` }).end(object.body.subarray(start, end + 1))
        }
        answer(200)
        res.writeHead(200, { 'content-type': object.contentType, 'content-length': size })
        return res.end(req.method === 'HEAD' ? undefined : object.body)
      }
      default:
        answer(405)
        return xml(res, 405, 'MethodNotAllowed')
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    log,
    close: () => new Promise(resolve => server.close(() => resolve())),
  }
}
