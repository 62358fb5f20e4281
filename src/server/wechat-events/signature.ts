// Signatures on WeChat's pushes to the server URL (docs/wechat-protocol.md §10.1, §10.2):
// sha1 over the dictionary-sorted parts joined with nothing, as lower-case hex.
import { createHash, timingSafeEqual } from 'node:crypto'

export function sortedSha1(parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex')
}

/** Constant-time comparison of a received hex signature with the expected one. */
export function signatureMatches(received: string | undefined, parts: string[]): boolean {
  if (typeof received !== 'string' || !/^[0-9a-f]{40}$/i.test(received))
    return false
  return timingSafeEqual(Buffer.from(received.toLowerCase()), Buffer.from(sortedSha1(parts)))
}
