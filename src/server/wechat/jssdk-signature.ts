import { createHash } from 'node:crypto'

// JS-SDK 附录1 (protocol.md §3.1): keys lower-case and sorted, raw values, no
// URL-encoding, the URL without its fragment; sha1, lower-case hex.
export function jsSdkSignature(ticket: string, nonceStr: string, timestamp: number, url: string): string {
  const string1 = `jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url.split('#')[0]}`
  return createHash('sha1').update(string1, 'utf8').digest('hex')
}
