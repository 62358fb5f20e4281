import { createHash, createHmac } from 'node:crypto'

/**
 * AWS Signature Version 4 for S3-style requests, header form. S3, Tencent COS (S3 API), MinIO and
 * R2 accept it. Written out here instead of pulling in an SDK: the whole algorithm is a canonical
 * request, a string to sign and four chained HMACs, and tests pin it to AWS's published example.
 */
export interface SigV4Request {
  method: string
  /** Already URI-encoded path, e.g. `/bucket/key` or `/key`. */
  path: string
  /** Lower-case header names; must include `host`, `x-amz-date` and `x-amz-content-sha256`. */
  headers: Record<string, string>
  accessKeyId: string
  secretAccessKey: string
  region: string
  service?: string
}

export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex')
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'

/** `20130524T000000Z` */
export function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

/** The `Authorization` header value for the request (query strings are not used by the media store). */
export function signV4(r: SigV4Request): string {
  const service = r.service ?? 's3'
  const date = r.headers['x-amz-date']!
  const day = date.slice(0, 8)
  const names = Object.keys(r.headers).map(n => n.toLowerCase()).sort()
  const lower = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]))
  const canonicalHeaders = names.map(n => `${n}:${lower[n]!.trim().replace(/\s+/g, ' ')}\n`).join('')
  const signedHeaders = names.join(';')
  const canonicalRequest = [r.method, r.path, '', canonicalHeaders, signedHeaders, lower['x-amz-content-sha256']].join('\n')
  const scope = `${day}/${r.region}/${service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n')
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${r.secretAccessKey}`, day), r.region), service), 'aws4_request')
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex')
  return `AWS4-HMAC-SHA256 Credential=${r.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`
}

/** S3's URI encoding of one path segment (RFC 3986 unreserved characters stay). */
export function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
