import { isIPv4, isIPv6 } from 'node:net'

/**
 * The rate-limit bucket for an address, normalised the way @fastify/rate-limit does by
 * default: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 grouped by its /64 (one
 * subscriber's network, which a client can rotate through freely).
 */
export function addressBucket(ip: string): string {
  if (!isIPv6(ip))
    return ip.toLowerCase()
  const groups = expandIPv6(ip)
  if (groups.slice(0, 5).every(g => g === 0) && groups[5] === 0xFFFF)
    return `${groups[6]! >> 8}.${groups[6]! & 0xFF}.${groups[7]! >> 8}.${groups[7]! & 0xFF}`
  return `${groups.slice(0, 4).map(g => g.toString(16)).join(':')}::/64`
}

/** Eight 16-bit groups of a valid IPv6 address (zone id dropped, embedded IPv4 converted). */
function expandIPv6(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase()
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4 && isIPv4(v4[1]!)) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number]
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const middle = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0')
  return [...left, ...middle, ...right].map(g => Number.parseInt(g, 16))
}
