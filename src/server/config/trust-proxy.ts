import { isIP } from 'node:net'

/**
 * What Fastify's `trustProxy` gets. `true` trusts every hop, so the left-most
 * X-Forwarded-For entry — written by the client — becomes the client address.
 * A hop count or the proxies' own addresses make Fastify read the entry the
 * last trusted proxy appended instead.
 */
export type TrustProxy = false | true | number | string[]

/** Parses TRUST_PROXY: false/0, a hop count, `true`, or a comma-separated list of addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): { value: TrustProxy, problem: string | null } {
  const v = (value ?? '').trim()
  if (v === '' || v === 'false' || v === '0')
    return { value: false, problem: null }
  if (v === 'true')
    return { value: true, problem: null }
  if (/^\d{1,2}$/.test(v))
    return { value: Number(v), problem: null }
  const entries = v.split(',').map(s => s.trim()).filter(Boolean)
  const bad = entries.filter(e => !isAddressOrCidr(e))
  if (entries.length === 0 || bad.length > 0)
    return { value: false, problem: `must be false, a hop count (1 = one proxy in front), or proxy addresses/CIDRs separated by commas; not understood: ${bad.join(', ') || v}` }
  return { value: entries, problem: null }
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/')
  if (rest.length > 0 || !address)
    return false
  const family = isIP(address)
  if (family === 0)
    return false
  if (prefix === undefined)
    return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

/** The start-up warning for `TRUST_PROXY=true`, or null. */
export function trustProxyWarning(value: TrustProxy): string | null {
  return value === true
    ? 'TRUST_PROXY=true trusts every X-Forwarded-For entry, including the one the client writes: anyone can pick their own address and slip past rate limits. Set TRUST_PROXY to the number of proxies in front (e.g. 1) or to their addresses/CIDRs.'
    : null
}

/** Fastify's option: a hop count becomes "trust the n nearest hops" (what Fastify does with a number at run time). */
export function fastifyTrustProxy(value: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value
}
