// Tencent Cloud 文本内容安全 (TMS) TextModeration, API 3.0 with TC3-HMAC-SHA256 signing.
// https://cloud.tencent.com/document/api/1124/51860 (TextModeration)
// https://cloud.tencent.com/document/api/1124/51872 (签名方法 v3)
import type { CheckReason, ModerationProvider, Outcome } from './types.ts'
import { createHash, createHmac } from 'node:crypto'

export interface TencentTmsConfig {
  secretId: string
  secretKey: string
  region: string
  /** Optional 策略 (BizType) configured in the console; the default policy otherwise. */
  bizType?: string
  /** https://tms.tencentcloudapi.com unless a test points it elsewhere. */
  endpoint: string
}

const SERVICE = 'tms'
const ACTION = 'TextModeration'
const VERSION = '2020-12-29'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest()

/** The Authorization header of API 3.0 for a JSON POST to `/` (exported for the signing test). */
export function tc3Authorization(c: Pick<TencentTmsConfig, 'secretId' | 'secretKey'>, host: string, body: string, timestamp: number): string {
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10)
  const signedHeaders = 'content-type;host;x-tc-action'
  const canonical = ['POST', '/', '', `content-type:application/json; charset=utf-8\nhost:${host}\nx-tc-action:${ACTION.toLowerCase()}\n`, signedHeaders, sha256(body)].join('\n')
  const scope = `${date}/${SERVICE}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonical)].join('\n')
  const signingKey = hmac(hmac(hmac(`TC3${c.secretKey}`, date), SERVICE), 'tc3_request')
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex')
  return `TC3-HMAC-SHA256 Credential=${c.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
}

const SUGGESTION: Record<string, Outcome> = { Pass: 'pass', Review: 'review', Block: 'block' }

interface TmsResponse {
  Response?: {
    Suggestion?: string
    Label?: string
    Keywords?: string[]
    Error?: { Code: string, Message: string }
  }
}

export function tencentTmsProvider(c: TencentTmsConfig, fetchImpl: typeof fetch, now = () => Date.now()): ModerationProvider {
  const url = new URL(c.endpoint)
  return {
    name: 'tencent-tms',
    async check(input) {
      const body = JSON.stringify({
        Content: Buffer.from(input.text, 'utf8').toString('base64'),
        ...(c.bizType ? { BizType: c.bizType } : {}),
        ...(input.openid ? { User: { UserId: input.openid, AccountType: '2' } } : {}),
      })
      const timestamp = Math.floor(now() / 1000)
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: {
          'Authorization': tc3Authorization(c, url.host, body, timestamp),
          'Content-Type': 'application/json; charset=utf-8',
          'X-TC-Action': ACTION,
          'X-TC-Version': VERSION,
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': c.region,
        },
        body,
        signal: AbortSignal.timeout(3000),
      })
      const json = await res.json() as TmsResponse
      const r = json.Response
      if (!res.ok || !r || r.Error || !r.Suggestion || !SUGGESTION[r.Suggestion])
        throw new Error(`TextModeration failed: ${r?.Error ? `${r.Error.Code} ${r.Error.Message}` : `HTTP ${res.status}`}`)
      const outcome = SUGGESTION[r.Suggestion]!
      const reasons: CheckReason[] = outcome === 'pass'
        ? []
        : [{ source: 'tencent-tms', level: outcome, label: [r.Label, ...(r.Keywords ?? [])].filter(Boolean).join(' ') || 'Unknown' }]
      return { outcome, reasons }
    },
  }
}
